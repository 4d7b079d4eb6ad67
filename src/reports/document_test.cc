// The report document's renderers on small hand-made documents: escaping, statuses as words
// and colours, empty tables, charts with gaps, sheet names Excel accepts.
#include <gtest/gtest.h>

#include "reports/document.h"
#include "reports/document_html.h"
#include "reports/document_xlsx.h"
#include "reports/svg_chart.h"

namespace probation::report {
namespace {

Document SmallDocument() {
  Document doc;
  doc.title = "Board pack: <Northvale> & \"East\"";
  doc.subtitle_lines = {"Period 2010-Q4"};
  Section s{"scorecard", "Performance scorecard", {}};
  s.blocks.push_back(Paragraph{"Text with <script>alert(1)</script>"});
  Table t;
  t.caption = "Measures";
  t.columns = {"Code", "Value", "RAG"};
  t.rows.push_back({"PT1", Cell("83.1%", 83.1, Tone::kRed), Cell("red", std::nullopt, Tone::kRed)});
  t.rows.push_back(
      {"PT5", Cell("94.8%", 94.8, Tone::kGreen), Cell("green", std::nullopt, Tone::kGreen)});
  s.blocks.push_back(t);
  Table empty;
  empty.caption = "Actions rated red";
  empty.columns = {"Plan"};
  empty.empty_text = "No action's latest rating is red.";
  s.blocks.push_back(empty);
  doc.sections.push_back(std::move(s));
  return doc;
}

TEST(DocumentHtmlTest, EscapesTextAndWritesStatusesAsWordsAndClasses) {
  const std::string html = DocumentHtml(SmallDocument());
  EXPECT_NE(html.find("Board pack: &lt;Northvale&gt; &amp; &quot;East&quot;"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"tone-red num\">83.1%</td>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"tone-green\">green</td>"), std::string::npos);
  EXPECT_NE(html.find("<section id=\"scorecard\"><h2>Performance scorecard</h2>"),
            std::string::npos);
  EXPECT_NE(html.find("<a href=\"#scorecard\">Performance scorecard</a>"), std::string::npos);
  // An empty table says so instead of printing a header with no rows.
  EXPECT_NE(html.find("No action&#39;s latest rating is red."), std::string::npos);
  EXPECT_EQ(html.find("<th>Plan</th>"), std::string::npos);
  // Printing: A4, a page per section, rows never split.
  EXPECT_NE(html.find("size: A4"), std::string::npos);
  EXPECT_NE(html.find("section { break-before: page;"), std::string::npos);
  EXPECT_NE(html.find("tr, figure, .keep { break-inside: avoid;"), std::string::npos);
}

TEST(SvgChartTest, TrendLeavesGapsForMissingValuesAndTitlesEveryFigure) {
  TrendChart chart;
  chart.code = "PT6";
  chart.title = "Breach in 10 days";
  chart.unit_suffix = "%";
  chart.labels = {"2010-Q1", "2010-Q2", "2010-Q3"};
  chart.values = {88.4, std::nullopt, 92.2};
  chart.targets = {90.0, 90.0, 90.0};
  chart.latest = Tone::kGreen;
  const std::string svg = TrendChartSvg(chart);
  EXPECT_NE(svg.find("PT6 by period: 2010-Q1 88.4% 2010-Q2 no value 2010-Q3 92.2%"),
            std::string::npos);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  // Two dots, the latest coloured by its RAG.
  size_t dots = 0;
  for (size_t at = svg.find("<circle"); at != std::string::npos; at = svg.find("<circle", at + 1)) {
    ++dots;
  }
  EXPECT_EQ(dots, 2u);
  EXPECT_NE(svg.find("fill=\"#00703c\""), std::string::npos);
}

TEST(SvgChartTest, HeatMapPrintsCountsAndScores) {
  HeatMap map;
  map.title = "Register";
  map.row_labels = {"H", "L"};
  map.column_labels = {"L", "H"};
  map.counts = {{0, 2}, {1, 0}};
  map.scores = {{10, 22}, {5, 17}};
  map.tones = {{Tone::kGreen, Tone::kRed}, {Tone::kGreen, Tone::kAmber}};
  const std::string svg = HeatMapSvg(map);
  EXPECT_NE(svg.find("Register: 3 risks by likelihood and impact"), std::string::npos);
  EXPECT_NE(svg.find(">22</text>"), std::string::npos);
  EXPECT_NE(svg.find(">2</text>"), std::string::npos);
}

TEST(SvgChartTest, SparklineNamesEveryNumberAndColoursTheLatestDot) {
  TrendChart chart;
  chart.code = "PT6";
  chart.unit_suffix = "%";
  chart.labels = {"2010-Q1", "2010-Q2", "2010-Q3"};
  chart.values = {88.4, std::nullopt, 92.25};
  chart.targets = {90.0, 90.0, 91.0};
  chart.latest = Tone::kRed;
  const std::string svg = SparklineSvg(chart, "spark-PT6");
  EXPECT_NE(svg.find("role=\"img\" aria-labelledby=\"spark-PT6\""), std::string::npos);
  // %.1f rounds 92.25 to even: 92.2.
  EXPECT_NE(svg.find("<title id=\"spark-PT6\">PT6 from 2010-Q1 to 2010-Q3: 2010-Q1 88.4%, "
                     "2010-Q2 no value, 2010-Q3 92.2%; target in 2010-Q3 91.0%</title>"),
            std::string::npos)
      << svg;
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  // The line skips the gap: two points; one dot, the last, red.
  EXPECT_NE(svg.find("<polyline points=\"4.0,"), std::string::npos);
  EXPECT_NE(svg.find(" 92.0,"), std::string::npos);
  size_t dots = 0;
  for (size_t at = svg.find("<circle"); at != std::string::npos; at = svg.find("<circle", at + 1)) {
    ++dots;
  }
  EXPECT_EQ(dots, 1u);
  EXPECT_NE(svg.find("fill=\"#d4351c\""), std::string::npos);
  // A trend with no value at all draws no line and no dot.
  chart.values = {std::nullopt, std::nullopt, std::nullopt};
  const std::string empty = SparklineSvg(chart, "s");
  EXPECT_EQ(empty.find("<polyline"), std::string::npos);
  EXPECT_EQ(empty.find("<circle"), std::string::npos);
}

TEST(SvgChartTest, HeatMapFigureSaysEachCellsStatusInWordsAndDescribesIt) {
  HeatMap map;
  map.title = "Register";
  map.row_labels = {"High", "Low"};
  map.column_labels = {"Low", "High"};
  map.counts = {{0, 2}, {1, 0}};
  map.scores = {{10, 22}, {5, 17}};
  map.tones = {{Tone::kGreen, Tone::kRed}, {Tone::kGreen, Tone::kAmber}};
  const std::string svg = HeatMapFigureSvg(map, "hm-a", {{"Green", "Red"}, {"Green", "Amber"}});
  EXPECT_NE(svg.find("aria-labelledby=\"hm-a-title\" aria-describedby=\"hm-a-desc\""),
            std::string::npos);
  EXPECT_NE(svg.find("<title id=\"hm-a-title\">Register: 3 risks by likelihood and impact"),
            std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"hm-a-desc\">2 at likelihood High and impact High (Red, score "
                     "22); 1 at likelihood Low and impact Low (Green, score 5).</desc>"),
            std::string::npos)
      << svg;
  // Every cell says its band in words, empty cells too (their count is 0).
  for (const char* word : {">Red</text>", ">Amber</text>", ">Green</text>", ">0</text>"}) {
    EXPECT_NE(svg.find(word), std::string::npos) << word;
  }
}

TEST(SheetNameTest, DropsForbiddenCharactersTruncatesAndMakesUnique) {
  EXPECT_EQ(SheetName("Budget: plan/outturn [2010]", {}), "Budget planoutturn 2010");
  const std::string long_title = "A very long section title that Excel will not accept";
  EXPECT_EQ(SheetName(long_title, {}).size(), 31u);
  const std::string first = SheetName(long_title, {});
  const std::string second = SheetName(long_title, {first});
  EXPECT_NE(first, second);
  EXPECT_EQ(second.size(), 31u);
  EXPECT_EQ(second.substr(29), " 2");
  EXPECT_EQ(SheetName("***", {}), "Sheet");
}

}  // namespace
}  // namespace probation::report
