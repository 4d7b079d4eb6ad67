// Charts drawn as inline SVG for the board pack's web page: a measure's trend against its
// target, and the risk heat map. Each returns a complete <svg> element with a text title and
// description for screen readers; the numbers are printed beside the chart by the caller.
// Functions only; thread-safe.
#pragma once

#include <string>

#include "reports/document.h"

namespace probation::report {

std::string TrendChartSvg(const TrendChart& chart);
std::string HeatMapSvg(const HeatMap& map);

// Text escaped for HTML and SVG element content and attribute values.
std::string EscapeHtml(std::string_view text);

}  // namespace probation::report
