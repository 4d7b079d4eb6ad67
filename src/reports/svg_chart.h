// Charts drawn as inline SVG for the board pack's web page: a measure's trend against its
// target, and the risk heat map. Each returns a complete <svg> element with a text title and
// description for screen readers; the numbers are printed beside the chart by the caller.
// Functions only; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reports/document.h"

namespace probation::report {

std::string TrendChartSvg(const TrendChart& chart);
std::string HeatMapSvg(const HeatMap& map);

// One horizontal bar per label (each officer's workload against capacity, say), with an
// optional reference line (100% of capacity) drawn dashed across them.
struct BarChart {
  std::string id;     // unique on the page: the <title>'s id
  std::string title;  // the chart's name, first in its text title
  std::vector<std::string> labels;
  std::vector<double> values;  // parallel to labels
  std::vector<Tone> tones;     // parallel to labels, or empty: every bar grey
  std::optional<double> reference;
  std::string unit_suffix;  // "%" or ""
};
std::string BarChartSvg(const BarChart& chart);

// Text escaped for HTML and SVG element content and attribute values.
std::string EscapeHtml(std::string_view text);

}  // namespace probation::report
