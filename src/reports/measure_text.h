// How a measure's figures read in every report (terminal scorecard, board pack, workbook), so
// the same number is written the same way everywhere. Functions only; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "measures/engine.h"
#include "measures/framework.h"
#include "measures/scorecard.h"

namespace probation {

// "83.2%" for percentages, "412" for counts, "3.4" for averages and rates; "-" for NaN.
std::string MeasureValueText(const measures::Measure& m, double v);

// The period's target in the measure's units ("-" when none); count targets rounded.
std::string MeasureTargetText(const measures::Measure& m, const std::optional<double>& t);

// The figures behind the value: "succeeded/decided" (rates: "succeeded/items"), the count, or
// "n=N" for averages.
std::string MeasureCountsText(const measures::Measure& m, const measures::Tally& t);

// "better", "worse" or "same" against an earlier value, by the measure's direction; for a
// measure without a direction (a volume) the change ("+12", "-3.0%") or "same"; empty when
// either value is missing.
std::string MeasureTrendWord(const measures::Measure& m, double now, double before);

// MeasureTrendWord() of a scorecard cell against its previous period (or the same period a
// year earlier): empty unless both cells are rated.
std::string CellTrendWord(const measures::Measure& m, const measures::MeasureCell& c,
                          bool year_earlier);

// A cell's data quality beside its number: "" when not computed or nothing is blank, else
// "3 of 120 rows blank (2.5%)", with "DATA FLAG: " in front when the cell is flagged.
std::string CellQualityText(const measures::MeasureCell& c);

// printf of one double (for fixed formats such as "%.1f").
std::string FormatNumber(const char* fmt, double v);

}  // namespace probation
