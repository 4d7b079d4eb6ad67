// Reoffending cohorts (analytics/reoffending.h) as report tables and the calibration chart,
// for the `reoffending` command and the board pack. Figures are percentages to one decimal;
// an incomplete cohort shows what is proven so far and "incomplete (not rated)" in place of a
// difference. Functions only; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "analytics/reoffending.h"
#include "reports/document.h"

namespace probation::report {

// "better than predicted" (interval wholly below 0), "worse than predicted" (wholly above),
// "in line with prediction", or "incomplete (not rated)".
std::string ReoffendingVerdict(const analytics::Cohort& cohort,
                               const analytics::CohortFigures& f);

// One row per cohort: snapshot, window, size, predicted, actual, difference and interval,
// reoffences per offender, status.
Table CohortSummaryTable(const std::vector<analytics::Cohort>& cohorts, const std::string& title);

// One row per group of `rows` (a breakdown of `cohort`), headed by `by`.
Table BreakdownTable(const analytics::Cohort& cohort,
                     const std::vector<analytics::BreakdownRow>& rows, const std::string& by);

// Predicted against actual by OGRS3 decile, and the same as a chart (actual as the line,
// predicted as the target).
Table CalibrationTable(const analytics::Cohort& cohort,
                       const std::vector<analytics::DecileRow>& deciles);
TrendChart CalibrationChart(const analytics::Cohort& cohort,
                            const std::vector<analytics::DecileRow>& deciles);

}  // namespace probation::report
