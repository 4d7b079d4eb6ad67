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

// A trend small enough for a table cell (96 x 28): the values as a line, the target as a
// dashed line, the last value's dot in the tone of its RAG; no axes or labels. Its <title>
// (id `id`, unique on the page) is its accessible name and gives every number in words
// ("PT6 from 2009-Q4 to 2010-Q4: 2009-Q4 80.0%, ...; target in 2010-Q4 90.0%").
std::string SparklineSvg(const TrendChart& chart, const std::string& id);

// The risk heat map for a web page: like HeatMapSvg, and each cell also says its status in
// words ("Red") under its count, so colour is never the only signal; `id` (unique on the page)
// prefixes the ids of its <title> and <desc>; `status_words[row][column]` is the word of each
// cell's band, "" for none. The <desc> lists every non-empty cell in words.
std::string HeatMapFigureSvg(const HeatMap& map, const std::string& id,
                             const std::vector<std::vector<std::string>>& status_words);

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
