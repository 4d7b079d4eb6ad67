// The downloads' pieces (server/downloads.h) and the board pack's small-count suppression
// (reports/small_counts.h), on inputs worked by hand.
#include "server/downloads.h"

#include <gtest/gtest.h>

#include "reports/small_counts.h"

namespace probation {
namespace {

TEST(DownloadPiecesTest, FileNamesAreSafe) {
  EXPECT_EQ(DownloadName({"scorecard", "nps-2005-06", "2010-Q4", "N01", "by-team"}, "csv"),
            "scorecard-nps-2005-06-2010-Q4-N01-by-team.csv");
  EXPECT_EQ(DownloadName({"boardpack", "x", "YTD:2010-12", "", "a\"b/c d"}, "xlsx"),
            "boardpack-x-YTD_2010-12-a_b_c_d.xlsx");
  const HttpResponse r = Attachment("bytes", kCsvContentType, "a.csv");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/csv; charset=utf-8");
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].second, "attachment; filename=\"a.csv\"");
}

// Counts 1-4 become words and the row's value is emptied; 0 and 5 stay; quoting survives.
TEST(DownloadPiecesTest, ScorecardCsvForABoardMember) {
  const std::string csv =
      "framework,period,level,unit_code,unit_name,measure,title,value,succeeded,failed,pending,"
      "target\n"
      "f,2010-Q4,team,T1,\"Team, One\",PT1,x,80,4,1,0,90\n"
      "f,2010-Q4,team,T2,Two,PT1,x,50,5,5,0,90\n"
      "f,2010-Q4,team,T3,Three,PT1,x,,0,0,0,90\n"
      "f,2010-Q4,team,T4,Four,PT1,x,95.2,120,6,3,90\n";
  EXPECT_EQ(SuppressScorecardCsv(csv),
            "framework,period,level,unit_code,unit_name,measure,title,value,succeeded,failed,"
            "pending,target\n"
            "f,2010-Q4,team,T1,\"Team, One\",PT1,x,,fewer than 5,fewer than 5,0,90\n"
            "f,2010-Q4,team,T2,Two,PT1,x,50,5,5,0,90\n"
            "f,2010-Q4,team,T3,Three,PT1,x,,0,0,0,90\n"
            "f,2010-Q4,team,T4,Four,PT1,x,,120,6,fewer than 5,90\n");
  const report::Document doc = CsvDocument("t", "a,b\n1,2\n3\n");
  ASSERT_EQ(doc.sections.size(), 1u);
  const report::Table& table = std::get<report::Table>(doc.sections[0].blocks[0]);
  EXPECT_EQ(table.columns, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[1][0].text, "3");
  EXPECT_EQ(table.rows[1].size(), 2u);
}

TEST(DownloadPiecesTest, BoardPackSmallCounts) {
  using report::Cell;
  report::Document doc;
  report::Table scorecard;
  scorecard.columns = {"Code", "Measure", "Value", "Target", "RAG", "Succeeded / decided", "Pending"};
  scorecard.rows = {{"PT1", "x", Cell("75.0%", 75.0), "90%", "red", "3/4", Cell("0", 0.0)},
                    {"PT2", "y", Cell("50.0%", 50.0), "90%", "red", "10/20", Cell("7", 7.0)},
                    {"PT3", "z", Cell("12.5", 12.5), "", "", "1.5", Cell("2", 2.0)}};
  report::Table exceptions;
  exceptions.columns = {"Team", "Name", "Measure", "Failed"};
  exceptions.rows = {{"T1", "One", "PT1", Cell("4", 4.0)}, {"T2", "Two", "PT1", Cell("5", 5.0)}};
  report::Table caseload;
  caseload.columns = {"Code", "Line", "FY2009", "FY2010"};
  caseload.rows = {{"C1", "Orders", Cell("3", 3.0), Cell("40", 40.0)}};
  report::Table budget;  // not a breakdown of people: left alone
  budget.columns = {"Group", "Plan"};
  budget.rows = {{"Staff", Cell("2", 2.0)}};
  doc.sections = {{"scorecard", "S", {scorecard}},
                  {"exceptions", "E", {exceptions}},
                  {"caseload", "C", {caseload}},
                  {"budget", "B", {budget}}};
  EXPECT_EQ(report::SuppressSmallCounts(&doc), 4);  // 3/4, 2, 4 and 3
  const auto& s = std::get<report::Table>(doc.sections[0].blocks[0]).rows;
  EXPECT_EQ(s[0][5].text, "fewer than 5");
  EXPECT_FALSE(s[0][5].number.has_value());
  EXPECT_EQ(s[0][2].text, "not shown");  // the value from those counts
  EXPECT_EQ(s[0][6].text, "0");
  EXPECT_EQ(s[1][2].text, "50.0%");
  EXPECT_EQ(s[1][5].text, "10/20");
  EXPECT_EQ(s[2][5].text, "1.5");  // an average, not a count
  EXPECT_EQ(s[2][6].text, "fewer than 5");
  EXPECT_EQ(std::get<report::Table>(doc.sections[1].blocks[0]).rows[0][3].text, "fewer than 5");
  EXPECT_EQ(std::get<report::Table>(doc.sections[1].blocks[0]).rows[1][3].text, "5");
  EXPECT_EQ(std::get<report::Table>(doc.sections[2].blocks[0]).rows[0][2].text, "fewer than 5");
  EXPECT_EQ(std::get<report::Table>(doc.sections[2].blocks[0]).rows[0][3].text, "40");
  EXPECT_EQ(std::get<report::Table>(doc.sections[3].blocks[0]).rows[0][1].text, "2");
}

}  // namespace
}  // namespace probation
