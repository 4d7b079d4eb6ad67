#include "reports/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace probation::report {
namespace {

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

const char* ToneFill(Tone tone) {
  switch (tone) {
    case Tone::kGreen:
      return "#00703c";
    case Tone::kAmber:
      return "#f47738";
    case Tone::kRed:
      return "#d4351c";
    case Tone::kBlack:
      return "#0b0c0c";
    case Tone::kNone:
      break;
  }
  return "#505a5f";
}

const char* HeatFill(Tone tone) {
  switch (tone) {
    case Tone::kGreen:
      return "#cce2d8";
    case Tone::kAmber:
      return "#fcd6c3";
    case Tone::kRed:
      return "#f6d7d2";
    case Tone::kBlack:
      return "#0b0c0c";
    case Tone::kNone:
      break;
  }
  return "#f3f2f1";
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string TrendChartSvg(const TrendChart& chart) {
  constexpr double kWidth = 220, kHeight = 110, kLeft = 34, kRight = 8, kTop = 8, kBottom = 20;
  const size_t n = chart.labels.size();
  double lo = INFINITY, hi = -INFINITY;
  for (const auto* series : {&chart.values, &chart.targets}) {
    for (const std::optional<double>& v : *series) {
      if (v) lo = std::min(lo, *v), hi = std::max(hi, *v);
    }
  }
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  if (chart.unit_suffix == "%") {
    lo = std::max(0.0, std::floor((lo - 5) / 10) * 10);
    hi = std::min(100.0, std::ceil((hi + 5) / 10) * 10);
    if (hi <= lo) hi = lo + 10;
  } else {
    const double pad = std::max(1.0, (hi - lo) * 0.1);
    lo = std::max(0.0, lo - pad);
    hi += pad;
  }
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  const auto x = [&](size_t i) {
    return kLeft + (n <= 1 ? plot_w / 2 : plot_w * static_cast<double>(i) / (n - 1));
  };
  const auto y = [&](double v) { return kTop + plot_h * (1 - (v - lo) / (hi - lo)); };

  std::string desc = chart.code + " by period:";
  for (size_t i = 0; i < n; ++i) {
    desc += " " + chart.labels[i] + " " +
            (chart.values[i] ? Num(*chart.values[i]) + chart.unit_suffix : "no value");
  }
  std::string svg = "<svg class=\"trend\" viewBox=\"0 0 " + Num(kWidth) + " " + Num(kHeight) +
                    "\" role=\"img\" aria-labelledby=\"t-" + EscapeHtml(chart.code) + "\">";
  svg += "<title id=\"t-" + EscapeHtml(chart.code) + "\">" + EscapeHtml(desc) + "</title>";
  // Axes: the bottom and top of the scale.
  svg += "<line x1=\"" + Num(kLeft) + "\" y1=\"" + Num(y(lo)) + "\" x2=\"" + Num(kWidth - kRight) +
         "\" y2=\"" + Num(y(lo)) + "\" stroke=\"#b1b4b6\"/>";
  for (double v : {lo, hi}) {
    svg += "<text x=\"" + Num(kLeft - 3) + "\" y=\"" + Num(y(v) + 3) +
           "\" font-size=\"8\" text-anchor=\"end\">" + Num(v) + chart.unit_suffix + "</text>";
  }
  if (n > 0) {
    svg += "<text x=\"" + Num(x(0)) + "\" y=\"" + Num(kHeight - 6) +
           "\" font-size=\"8\" text-anchor=\"start\">" + EscapeHtml(chart.labels.front()) +
           "</text>";
    svg += "<text x=\"" + Num(x(n - 1)) + "\" y=\"" + Num(kHeight - 6) +
           "\" font-size=\"8\" text-anchor=\"end\">" + EscapeHtml(chart.labels.back()) + "</text>";
  }
  // Target: a dashed step line.
  std::string target_path;
  for (size_t i = 0; i < n; ++i) {
    if (!chart.targets[i]) continue;
    const double left = n <= 1 ? kLeft : x(i) - (i == 0 ? 0 : plot_w / (n - 1) / 2);
    const double right = n <= 1 ? kWidth - kRight : x(i) + (i + 1 == n ? 0 : plot_w / (n - 1) / 2);
    target_path += "M" + Num(left) + " " + Num(y(*chart.targets[i])) + "H" + Num(right);
  }
  if (!target_path.empty()) {
    svg += "<path d=\"" + target_path +
           "\" stroke=\"#1d70b8\" stroke-width=\"1.2\" stroke-dasharray=\"4 2\" fill=\"none\"/>";
  }
  // Values: a line through the periods that have one, a dot on each.
  std::string points;
  for (size_t i = 0; i < n; ++i) {
    if (!chart.values[i]) continue;
    points += (points.empty() ? "" : " ") + Num(x(i)) + "," + Num(y(*chart.values[i]));
  }
  if (!points.empty()) {
    svg += "<polyline points=\"" + points +
           "\" fill=\"none\" stroke=\"#0b0c0c\" stroke-width=\"1.5\"/>";
  }
  for (size_t i = 0; i < n; ++i) {
    if (!chart.values[i]) continue;
    const bool last = i + 1 == n;
    svg += "<circle cx=\"" + Num(x(i)) + "\" cy=\"" + Num(y(*chart.values[i])) + "\" r=\"" +
           (last ? "3.5" : "2") + "\" fill=\"" + (last ? ToneFill(chart.latest) : "#0b0c0c") +
           "\"/>";
  }
  svg += "</svg>";
  return svg;
}

std::string HeatMapSvg(const HeatMap& map) {
  constexpr double kCell = 52, kLeft = 70, kTop = 10, kBottom = 44;
  const size_t rows = map.row_labels.size(), cols = map.column_labels.size();
  const double width = kLeft + kCell * cols + 10, height = kTop + kCell * rows + kBottom;
  int total = 0;
  for (const auto& r : map.counts) {
    for (int c : r) total += c;
  }
  std::string svg = "<svg class=\"heatmap\" viewBox=\"0 0 " + Num(width) + " " + Num(height) +
                    "\" role=\"img\" aria-labelledby=\"heatmap-title\">";
  svg += "<title id=\"heatmap-title\">" + EscapeHtml(map.title) + ": " + std::to_string(total) +
         " risks by likelihood and impact</title>";
  for (size_t r = 0; r < rows; ++r) {
    svg += "<text x=\"" + Num(kLeft - 6) + "\" y=\"" + Num(kTop + kCell * r + kCell / 2 + 4) +
           "\" font-size=\"11\" text-anchor=\"end\">" + EscapeHtml(map.row_labels[r]) + "</text>";
    for (size_t c = 0; c < cols; ++c) {
      const double cx = kLeft + kCell * c, cy = kTop + kCell * r;
      const Tone tone = map.tones[r][c];
      const char* ink = tone == Tone::kBlack ? "#ffffff" : "#0b0c0c";
      svg += "<rect x=\"" + Num(cx) + "\" y=\"" + Num(cy) + "\" width=\"" + Num(kCell) +
             "\" height=\"" + Num(kCell) + "\" fill=\"" + HeatFill(tone) +
             "\" stroke=\"#ffffff\" stroke-width=\"2\"/>";
      svg += "<text x=\"" + Num(cx + 4) + "\" y=\"" + Num(cy + 11) + "\" font-size=\"8\" fill=\"" +
             ink + "\">" + std::to_string(map.scores[r][c]) + "</text>";
      if (map.counts[r][c] > 0) {
        svg += "<text x=\"" + Num(cx + kCell / 2) + "\" y=\"" + Num(cy + kCell / 2 + 7) +
               "\" font-size=\"20\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"" + ink +
               "\">" + std::to_string(map.counts[r][c]) + "</text>";
      }
    }
  }
  for (size_t c = 0; c < cols; ++c) {
    svg += "<text x=\"" + Num(kLeft + kCell * c + kCell / 2) + "\" y=\"" +
           Num(kTop + kCell * rows + 14) + "\" font-size=\"11\" text-anchor=\"middle\">" +
           EscapeHtml(map.column_labels[c]) + "</text>";
  }
  svg += "<text x=\"" + Num(kLeft + kCell * cols / 2) + "\" y=\"" + Num(height - 8) +
         "\" font-size=\"11\" text-anchor=\"middle\">impact</text>";
  svg += "<text x=\"12\" y=\"" + Num(kTop + kCell * rows / 2) +
         "\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 12 " +
         Num(kTop + kCell * rows / 2) + ")\">likelihood</text>";
  svg += "</svg>";
  return svg;
}

std::string SparklineSvg(const TrendChart& chart, const std::string& id) {
  constexpr double kWidth = 96, kHeight = 28, kPad = 4;
  const size_t n = chart.labels.size();
  double lo = INFINITY, hi = -INFINITY;
  for (const auto* series : {&chart.values, &chart.targets}) {
    for (const std::optional<double>& v : *series) {
      if (v) lo = std::min(lo, *v), hi = std::max(hi, *v);
    }
  }
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  if (hi - lo < 1e-9) lo -= 1, hi += 1;
  const auto x = [&](size_t i) {
    return n <= 1 ? kWidth / 2 : kPad + (kWidth - 2 * kPad) * static_cast<double>(i) / (n - 1);
  };
  const auto y = [&](double v) { return kPad + (kHeight - 2 * kPad) * (1 - (v - lo) / (hi - lo)); };
  const auto text = [&](const std::optional<double>& v) {
    if (!v) return std::string("no value");
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", chart.decimals, *v);
    return std::string(buf) + chart.unit_suffix;
  };
  std::string name = chart.code;
  if (n > 0) name += " from " + chart.labels.front() + " to " + chart.labels.back() + ":";
  for (size_t i = 0; i < n; ++i) {
    name += (i == 0 ? " " : ", ") + chart.labels[i] + " " + text(chart.values[i]);
  }
  if (n > 0 && chart.targets.back()) {
    name += "; target in " + chart.labels.back() + " " + text(chart.targets.back());
  }
  std::string svg = "<svg class=\"sparkline\" viewBox=\"0 0 " + Num(kWidth) + " " + Num(kHeight) +
                    "\" width=\"" + Num(kWidth) + "\" height=\"" + Num(kHeight) +
                    "\" role=\"img\" aria-labelledby=\"" + EscapeHtml(id) + "\">";
  svg += "<title id=\"" + EscapeHtml(id) + "\">" + EscapeHtml(name) + "</title>";
  std::string target_path;
  for (size_t i = 0; i < n; ++i) {
    if (!chart.targets[i]) continue;
    const double half = n <= 1 ? kWidth / 2 : (kWidth - 2 * kPad) / (n - 1) / 2;
    target_path += "M" + Num(std::max(0.0, x(i) - half)) + " " + Num(y(*chart.targets[i])) + "H" +
                   Num(std::min(kWidth, x(i) + half));
  }
  if (!target_path.empty()) {
    svg += "<path d=\"" + target_path +
           "\" stroke=\"#1d70b8\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\" fill=\"none\"/>";
  }
  std::string points;
  for (size_t i = 0; i < n; ++i) {
    if (!chart.values[i]) continue;
    points += (points.empty() ? "" : " ") + Num(x(i)) + "," + Num(y(*chart.values[i]));
  }
  if (!points.empty()) {
    svg += "<polyline points=\"" + points +
           "\" fill=\"none\" stroke=\"#0b0c0c\" stroke-width=\"1.5\"/>";
  }
  if (n > 0 && chart.values.back()) {
    svg += "<circle cx=\"" + Num(x(n - 1)) + "\" cy=\"" + Num(y(*chart.values.back())) +
           "\" r=\"3\" fill=\"" + ToneFill(chart.latest) + "\"/>";
  }
  svg += "</svg>";
  return svg;
}

std::string HeatMapFigureSvg(const HeatMap& map, const std::string& id,
                             const std::vector<std::vector<std::string>>& status_words) {
  constexpr double kCell = 64, kLeft = 96, kTop = 10, kBottom = 44;
  const size_t rows = map.row_labels.size(), cols = map.column_labels.size();
  const double width = kLeft + kCell * cols + 10, height = kTop + kCell * rows + kBottom;
  int total = 0;
  for (const auto& r : map.counts) {
    for (int c : r) total += c;
  }
  const auto word = [&](size_t r, size_t c) {
    return r < status_words.size() && c < status_words[r].size() ? status_words[r][c]
                                                                 : std::string();
  };
  std::string desc;
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < cols; ++c) {
      if (map.counts[r][c] == 0) continue;
      desc += (desc.empty() ? "" : "; ") + std::to_string(map.counts[r][c]) + " at likelihood " +
              map.row_labels[r] + " and impact " + map.column_labels[c] + " (" + word(r, c) +
              ", score " + std::to_string(map.scores[r][c]) + ")";
    }
  }
  if (desc.empty()) desc = "No rated risks";
  std::string svg = "<svg class=\"heatmap\" viewBox=\"0 0 " + Num(width) + " " + Num(height) +
                    "\" role=\"img\" aria-labelledby=\"" + EscapeHtml(id) + "-title\" " +
                    "aria-describedby=\"" + EscapeHtml(id) + "-desc\">";
  svg += "<title id=\"" + EscapeHtml(id) + "-title\">" + EscapeHtml(map.title) + ": " +
         std::to_string(total) + " risks by likelihood and impact</title>";
  svg += "<desc id=\"" + EscapeHtml(id) + "-desc\">" + EscapeHtml(desc) + ".</desc>";
  for (size_t r = 0; r < rows; ++r) {
    svg += "<text x=\"" + Num(kLeft - 6) + "\" y=\"" + Num(kTop + kCell * r + kCell / 2 + 4) +
           "\" font-size=\"11\" text-anchor=\"end\">" + EscapeHtml(map.row_labels[r]) + "</text>";
    for (size_t c = 0; c < cols; ++c) {
      const double cx = kLeft + kCell * c, cy = kTop + kCell * r;
      const Tone tone = map.tones[r][c];
      const char* ink = tone == Tone::kBlack ? "#ffffff" : "#0b0c0c";
      svg += "<rect x=\"" + Num(cx) + "\" y=\"" + Num(cy) + "\" width=\"" + Num(kCell) +
             "\" height=\"" + Num(kCell) + "\" fill=\"" + HeatFill(tone) +
             "\" stroke=\"#ffffff\" stroke-width=\"2\"/>";
      svg += "<text x=\"" + Num(cx + 4) + "\" y=\"" + Num(cy + 12) + "\" font-size=\"9\" fill=\"" +
             ink + "\">" + std::to_string(map.scores[r][c]) + "</text>";
      // An empty cell's 0 is drawn small and plain, so the cells that hold risks stand out.
      const bool empty = map.counts[r][c] == 0;
      svg += "<text x=\"" + Num(cx + kCell / 2) + "\" y=\"" + Num(cy + kCell / 2 + 6) +
             "\" font-size=\"" + (empty ? "13" : "22") + "\" font-weight=\"" +
             (empty ? "normal" : "bold") + "\" text-anchor=\"middle\" fill=\"" + ink + "\">" +
             std::to_string(map.counts[r][c]) + "</text>";
      if (const std::string w = word(r, c); !w.empty()) {
        svg += "<text x=\"" + Num(cx + kCell / 2) + "\" y=\"" + Num(cy + kCell - 7) +
               "\" font-size=\"10\" text-anchor=\"middle\" fill=\"" + ink + "\">" + EscapeHtml(w) +
               "</text>";
      }
    }
  }
  for (size_t c = 0; c < cols; ++c) {
    svg += "<text x=\"" + Num(kLeft + kCell * c + kCell / 2) + "\" y=\"" +
           Num(kTop + kCell * rows + 14) + "\" font-size=\"11\" text-anchor=\"middle\">" +
           EscapeHtml(map.column_labels[c]) + "</text>";
  }
  svg += "<text x=\"" + Num(kLeft + kCell * cols / 2) + "\" y=\"" + Num(height - 8) +
         "\" font-size=\"12\" text-anchor=\"middle\">Impact</text>";
  svg += "<text x=\"12\" y=\"" + Num(kTop + kCell * rows / 2) +
         "\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 12 " +
         Num(kTop + kCell * rows / 2) + ")\">Likelihood</text>";
  svg += "</svg>";
  return svg;
}

std::string BarChartSvg(const BarChart& chart) {
  constexpr double kLabel = 150, kBar = 18, kGap = 6, kTop = 8, kBottom = 22, kPlot = 330,
                   kRight = 60;
  const size_t n = chart.labels.size();
  double hi = chart.reference.value_or(0);
  for (double v : chart.values) hi = std::max(hi, v);
  if (hi <= 0) hi = 1;
  hi *= 1.05;
  const double width = kLabel + kPlot + kRight;
  const double height = kTop + (kBar + kGap) * static_cast<double>(n) + kBottom;
  const auto x = [&](double v) { return kLabel + kPlot * std::max(0.0, v) / hi; };
  std::string desc = chart.title + ":";
  for (size_t i = 0; i < n; ++i) {
    desc +=
        (i == 0 ? " " : "; ") + chart.labels[i] + " " + Num(chart.values[i]) + chart.unit_suffix;
  }
  std::string svg = "<svg class=\"bars\" viewBox=\"0 0 " + Num(width) + " " + Num(height) +
                    "\" role=\"img\" aria-labelledby=\"" + EscapeHtml(chart.id) + "\">";
  svg += "<title id=\"" + EscapeHtml(chart.id) + "\">" + EscapeHtml(desc) + "</title>";
  for (size_t i = 0; i < n; ++i) {
    const double top = kTop + (kBar + kGap) * static_cast<double>(i);
    const Tone tone = i < chart.tones.size() ? chart.tones[i] : Tone::kNone;
    svg += "<text x=\"" + Num(kLabel - 6) + "\" y=\"" + Num(top + kBar - 5) +
           "\" font-size=\"11\" text-anchor=\"end\">" + EscapeHtml(chart.labels[i]) + "</text>";
    svg += "<rect x=\"" + Num(kLabel) + "\" y=\"" + Num(top) + "\" width=\"" +
           Num(x(chart.values[i]) - kLabel) + "\" height=\"" + Num(kBar) + "\" fill=\"" +
           ToneFill(tone) + "\"/>";
    svg += "<text x=\"" + Num(x(chart.values[i]) + 4) + "\" y=\"" + Num(top + kBar - 5) +
           "\" font-size=\"11\">" + Num(chart.values[i]) + chart.unit_suffix + "</text>";
  }
  const double bottom = kTop + (kBar + kGap) * static_cast<double>(n);
  svg += "<line x1=\"" + Num(kLabel) + "\" y1=\"" + Num(kTop) + "\" x2=\"" + Num(kLabel) +
         "\" y2=\"" + Num(bottom) + "\" stroke=\"#0b0c0c\"/>";
  if (chart.reference) {
    const double rx = x(*chart.reference);
    svg += "<line x1=\"" + Num(rx) + "\" y1=\"" + Num(kTop - 4) + "\" x2=\"" + Num(rx) +
           "\" y2=\"" + Num(bottom) +
           "\" stroke=\"#1d70b8\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\"/>";
    svg += "<text x=\"" + Num(rx) + "\" y=\"" + Num(bottom + 14) +
           "\" font-size=\"11\" text-anchor=\"middle\">" + Num(*chart.reference) +
           chart.unit_suffix + "</text>";
  }
  svg += "</svg>";
  return svg;
}

}  // namespace probation::report
