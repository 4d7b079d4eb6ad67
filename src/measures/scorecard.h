// Scorecards: every measure of a framework for one period at every unit of a level, with the
// value, numerator and denominator, pending items, target (pro rata for counts), RAG, trend
// against the previous period and the same period a year earlier, and the weighted score,
// band, rank and quartile of each unit among its peers.
//
// Rules (docs/frameworks.md):
// - percent = succeeded / (succeeded + failed) x 100, pending items excluded; count =
//   succeeded items; average = mean value; rate = succeeded per `rate_per` items.
// - count targets are annual, judged pro rata: the target times the share of the year's
//   profile (equal twelfths unless the measure has a monthly profile) the period covers.
// - RAG: green when the target is met; amber when short of it by no more than the amber
//   tolerance (percentage points; for counts, per cent of the pro-rata target); red otherwise;
//   none when there is no target or no value. A national target (counts such as PT8's 50,000)
//   is judged only at national level.
// - weighted score = sum over weighted measures of weight x shortfall (percentage points, or
//   per cent of target for counts); zero means every weighted target met. Band 4 is best.
// Functions only; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "measures/engine.h"

namespace probation::measures {

enum class Rag { kNone, kGreen, kAmber, kRed };
std::string_view RagName(Rag rag);  // "", "green", "amber", "red"

struct MeasureCell {
  Tally tally;
  double value = 0;              // NaN: no value (no decided items)
  std::optional<double> target;  // for the period (pro rata for counts)
  Rag rag = Rag::kNone;
  double previous = 0;      // value in the previous period (NaN: none)
  double year_earlier = 0;  // value a year earlier (NaN: none)
  double shortfall = 0;     // against target, as used in the weighted score
};

struct ScorecardRow {
  UnitRef unit;
  std::string code;
  std::string name;
  std::vector<MeasureCell> cells;  // one per framework measure, same order
  double weighted_score = 0;
  int band = 0;      // 1-4; 0 when the framework has no bands
  int rank = 0;      // 1 = lowest weighted score among the rows
  int quartile = 0;  // 1 = top quarter
};

struct Scorecard {
  const Framework* framework = nullptr;
  Period period;
  Period previous;
  Period year_earlier;
  UnitLevel level = UnitLevel::kNational;
  Date as_at;
  std::vector<ScorecardRow> rows;
};

// The value of a measure from its tally (NaN when undefined).
double MeasureValue(const Measure& measure, const Tally& tally);

// The measure's target for `period` (pro rata for counts), if it has one.
std::optional<double> TargetForPeriod(const Measure& measure, const Period& period);

Rag RagFor(const Measure& measure, double value, std::optional<double> target,
           double default_tolerance);

// Computes the scorecard of `framework` for `period` at every unit of `level` within `scope`.
Result<Scorecard> ComputeScorecard(const Engine& engine, const Framework& framework,
                                   const Period& period, UnitLevel level, UnitRef scope);

}  // namespace probation::measures
