#include "reports/document_html.h"

#include "reports/svg_chart.h"

namespace probation::report {
namespace {

constexpr std::string_view kStyle = R"css(
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 9.5pt;
       color: #0b0c0c; margin: 0 auto; max-width: 186mm; line-height: 1.35; }
h1 { font-size: 22pt; margin: 30mm 0 6mm; }
h2 { font-size: 15pt; margin: 0 0 4mm; border-bottom: 2px solid #0b0c0c; padding-bottom: 2mm;
     break-after: avoid; }
.subtitle { font-size: 11pt; margin: 0 0 1mm; }
nav { margin-top: 14mm; }
nav h2 { font-size: 12pt; border: 0; }
nav ol { font-size: 11pt; line-height: 1.8; }
a { color: #1d70b8; }
section { break-before: page; padding-top: 2mm; }
p { margin: 0 0 3mm; }
table { border-collapse: collapse; width: 100%; margin: 0 0 5mm; font-size: 8.5pt; }
caption { text-align: left; font-weight: bold; font-size: 10pt; padding: 1mm 0 2mm;
          break-after: avoid; }
thead { display: table-header-group; break-after: avoid; }
tbody tr:first-child { break-before: avoid; }
tr, figure, .keep { break-inside: avoid; page-break-inside: avoid; }
th { text-align: left; background: #f3f2f1; border-bottom: 2px solid #b1b4b6; }
th, td { padding: 1.1mm 1.2mm; vertical-align: top; }
td { border-bottom: 1px solid #dddddd; }
td.num { text-align: right; white-space: nowrap; }
th.num { text-align: right; }
th.wide { min-width: 44mm; }
.tone-green { background: #cce2d8; color: #005a30; font-weight: bold; }
.tone-amber { background: #fcd6c3; color: #6e3619; font-weight: bold; }
.tone-red { background: #f6d7d2; color: #942514; font-weight: bold; }
.tone-black { background: #0b0c0c; color: #ffffff; font-weight: bold; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm 6mm; margin-bottom: 4mm; }
figure { margin: 0; }
figcaption { font-weight: bold; font-size: 9pt; margin-bottom: 1mm; }
svg.trend { width: 100%; height: auto; max-height: 42mm; }
svg.heatmap { width: 95mm; height: auto; }
table.chart-numbers { font-size: 7pt; margin: 1mm 0 0; }
table.chart-numbers th, table.chart-numbers td { padding: 0.4mm 0.8mm; }
.empty { color: #505a5f; font-style: italic; }
@media screen { body { padding: 0 6mm 20mm; } section { border-top: 1px solid #b1b4b6;
  margin-top: 12mm; } }
)css";

std::string ToneClass(Tone tone) {
  const char* name = ToneName(tone);
  return *name == 0 ? std::string() : std::string("tone-") + name;
}

constexpr size_t kKeepWholeRows = 12;

bool LooksNumeric(const Cell& cell) { return cell.number.has_value(); }

void AppendTable(const Table& table, std::string* out) {
  if (table.rows.empty()) {
    if (!table.caption.empty()) {
      *out += "<p><strong>" + EscapeHtml(table.caption) + "</strong></p>";
    }
    *out += "<p class=\"empty\">" + EscapeHtml(table.empty_text) + "</p>\n";
    return;
  }
  // A short table is kept whole on one page; a long one breaks between rows only.
  *out += table.rows.size() <= kKeepWholeRows ? "<table class=\"keep\">" : "<table>";
  if (!table.caption.empty()) *out += "<caption>" + EscapeHtml(table.caption) + "</caption>";
  *out += "<thead><tr>";
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const bool numeric = LooksNumeric(table.rows.front()[c]);
    const bool wide = static_cast<int>(c) == table.wide_column;
    *out += std::string(wide      ? "<th class=\"wide\">"
                        : numeric ? "<th class=\"num\">"
                                  : "<th>") +
            EscapeHtml(table.columns[c]) + "</th>";
  }
  *out += "</tr></thead><tbody>\n";
  for (const std::vector<Cell>& row : table.rows) {
    *out += "<tr>";
    for (const Cell& cell : row) {
      std::string cls = ToneClass(cell.tone);
      if (LooksNumeric(cell)) cls += cls.empty() ? "num" : " num";
      *out += cls.empty() ? "<td>" : "<td class=\"" + cls + "\">";
      *out += EscapeHtml(cell.text) + "</td>";
    }
    *out += "</tr>\n";
  }
  *out += "</tbody></table>\n";
}

std::string ValueText(const std::optional<double>& v, const TrendChart& chart) {
  if (!v) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", chart.decimals, *v);
  return buf + chart.unit_suffix;
}

void AppendTrend(const TrendChart& chart, std::string* out) {
  *out += "<figure class=\"chart\"><figcaption>" + EscapeHtml(chart.code) + " " +
          EscapeHtml(chart.title) + "</figcaption>" + TrendChartSvg(chart);
  *out += "<table class=\"chart-numbers\"><thead><tr><th></th>";
  for (const std::string& label : chart.labels)
    *out += "<th class=\"num\">" + EscapeHtml(label) + "</th>";
  *out += "</tr></thead><tbody><tr><td>value</td>";
  for (const auto& v : chart.values) *out += "<td class=\"num\">" + ValueText(v, chart) + "</td>";
  *out += "</tr><tr><td>target</td>";
  for (const auto& t : chart.targets) *out += "<td class=\"num\">" + ValueText(t, chart) + "</td>";
  *out += "</tr></tbody></table></figure>\n";
}

}  // namespace

const char* ToneName(Tone tone) {
  switch (tone) {
    case Tone::kGreen:
      return "green";
    case Tone::kAmber:
      return "amber";
    case Tone::kRed:
      return "red";
    case Tone::kBlack:
      return "black";
    case Tone::kNone:
      break;
  }
  return "";
}

std::string DocumentHtml(const Document& document) {
  std::string out = "<!doctype html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  out += "<title>" + EscapeHtml(document.title) + "</title><style>";
  out += kStyle;
  out += "</style></head>\n<body>\n<header class=\"cover\"><h1>" + EscapeHtml(document.title) +
         "</h1>\n";
  for (const std::string& line : document.subtitle_lines) {
    out += "<p class=\"subtitle\">" + EscapeHtml(line) + "</p>\n";
  }
  out += "<nav aria-labelledby=\"contents\"><h2 id=\"contents\">Contents</h2><ol>\n";
  for (const Section& section : document.sections) {
    out += "<li><a href=\"#" + EscapeHtml(section.id) + "\">" + EscapeHtml(section.title) +
           "</a></li>\n";
  }
  out += "</ol></nav></header>\n";
  for (const Section& section : document.sections) {
    out += "<section id=\"" + EscapeHtml(section.id) + "\"><h2>" + EscapeHtml(section.title) +
           "</h2>\n";
    bool in_charts = false;
    for (const Block& block : section.blocks) {
      const bool chart = std::holds_alternative<TrendChart>(block);
      if (chart != in_charts) {
        out += chart ? "<div class=\"charts\">\n" : "</div>\n";
        in_charts = chart;
      }
      if (const auto* p = std::get_if<Paragraph>(&block)) {
        out += "<p>" + EscapeHtml(p->text) + "</p>\n";
      } else if (const auto* t = std::get_if<Table>(&block)) {
        AppendTable(*t, &out);
      } else if (const auto* c = std::get_if<TrendChart>(&block)) {
        AppendTrend(*c, &out);
      } else if (const auto* h = std::get_if<HeatMap>(&block)) {
        out += "<figure class=\"keep\"><figcaption>" + EscapeHtml(h->title) + "</figcaption>" +
               HeatMapSvg(*h) + "</figure>\n";
      }
    }
    if (in_charts) out += "</div>\n";
    out += "</section>\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace probation::report
