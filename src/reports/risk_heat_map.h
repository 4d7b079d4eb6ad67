// A risk register's heat map as a chart (reports/document.h HeatMap, drawn by
// reports/svg_chart.h): the counts of planning::MakeHeatMap by residual likelihood (rows, very
// high first) and impact (columns, very low first), each cell with the risk matrix's score and
// the tone of the status band that score falls in. The board pack and the risk register page
// draw the same grid from it. Functions only; thread-safe.
#pragma once

#include <string>

#include "planning/risk_matrix.h"
#include "planning/risk_queries.h"
#include "planning/risk_thresholds.h"
#include "reports/document.h"

namespace probation {

// The tone a risk status is drawn in (none for unrated).
report::Tone ToneOfRisk(planning::RiskStatus status);

// The chart of `counts` under `matrix` and `thresholds`, titled `title`, rows and columns
// labelled with the ratings' letters ("VH", ... "VL").
report::HeatMap RiskHeatMapChart(const planning::HeatMap& counts,
                                 const planning::RiskMatrix& matrix,
                                 const planning::RiskThresholds& thresholds, std::string title);

}  // namespace probation
