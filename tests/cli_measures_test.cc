// End-to-end: the measure commands as a user runs them, on the hand-made PT6 golden data.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "run_probation.h"

namespace probation {
namespace {

namespace fs = std::filesystem;

class CliMeasuresTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(::testing::TempDir()) / ("cli_measures_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "golden.db").string();
    const std::string golden = std::string(PROBATION_SOURCE_DIR) + "/tests/golden/";
    const RunResult load = RunProbation("import --db " + db_ + " " + golden + "_base " + golden +
                                        "nps-PT6-breach-within-10-working-days");
    ASSERT_EQ(load.exit_status, 0) << load.out << load.err;
  }
  static std::string Measures(const std::string& args) {
    return "--db " + db_ + " --framework nps-2005-06 --as-at 2011-07-08 " + args;
  }

  static fs::path dir_;
  static std::string db_;
};

fs::path CliMeasuresTest::dir_;
std::string CliMeasuresTest::db_;

TEST_F(CliMeasuresTest, ScorecardJsonCarriesTheHandWorkedNumbers) {
  const RunResult r = RunProbation("scorecard " + Measures("--period 2011-Q1 --format json"));
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j.at("period").at("start"), "2011-04-01");
  EXPECT_EQ(j.at("previous_period").at("label"), "2010-Q4");
  // The data holds one trust (R1 > T1): the scorecard is Golden Trust's, by default.
  EXPECT_EQ(j.at("organisation").at("code"), "T1");
  EXPECT_EQ(j.at("organisation").at("name"), "Golden Trust");
  const nlohmann::json& unit = j.at("units").at(0);
  EXPECT_EQ(unit.at("code"), "T1");
  bool found = false;
  for (const nlohmann::json& m : unit.at("measures")) {
    if (m.at("code") != "PT6") continue;
    found = true;
    EXPECT_EQ(m.at("succeeded"), 3);
    EXPECT_EQ(m.at("failed"), 2);
    EXPECT_EQ(m.at("pending"), 1);
    EXPECT_DOUBLE_EQ(m.at("value").get<double>(), 60.0);
    // 5 decided, fewer than the NPS framework's minimum of 10: shown, not rated.
    EXPECT_EQ(m.at("rag"), "");
    EXPECT_EQ(m.at("not_rated"), "fewer than 10 decided");
    EXPECT_EQ(m.at("target"), 90);  // PT6's target, for every unit
    EXPECT_EQ(m.at("target_source"), "framework");
  }
  EXPECT_TRUE(found);
}

TEST_F(CliMeasuresTest, ScorecardByLduRanksTheUnits) {
  const RunResult r =
      RunProbation("scorecard " + Measures("--period 2011-Q1 --unit T1 --by ldu --format csv"));
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("nps-2005-06,2011-Q1,ldu,L1,North LDU,PT6,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("nps-2005-06,2011-Q1,ldu,L2,South LDU,PT6,"), std::string::npos) << r.out;
}

TEST_F(CliMeasuresTest, ScorecardWritesAWorkbook) {
  const std::string out = (dir_ / "scorecard.xlsx").string();
  const RunResult r = RunProbation(
      "scorecard " + Measures("--period 2011-Q1 --unit T1 --format xlsx --out " + out));
  ASSERT_EQ(r.exit_status, 0) << r.err;
  std::ifstream file(out, std::ios::binary);
  char magic[2] = {};
  file.read(magic, 2);
  EXPECT_EQ(std::string(magic, 2), "PK");  // an .xlsx is a zip archive
}

TEST_F(CliMeasuresTest, ExceptionsListTheItemsBehindTheNumber) {
  const RunResult r =
      RunProbation("exceptions " + Measures("--measure PT6 --period 2011-Q1 --format csv"));
  ASSERT_EQ(r.exit_status, 0) << r.err;
  // Failed: X000002/1/1 (a day late) and X000002/1/3 (never initiated); the pending breach is
  // due on 14 July, 4 working days after the as-at date: due soon.
  EXPECT_NE(r.out.find("PT6,2011-Q1,X000002/1/1,2011-04-21,failed,2011-05-11,,S2,TM2"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("PT6,2011-Q1,X000002/1/3,2011-06-01,failed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("PT6,2011-Q1,X000002/1/2,2011-06-30,due-soon,2011-07-14,4,S2,TM2"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("succeeded"), std::string::npos) << "succeeded items are not exceptions";
  const RunResult l1 =
      RunProbation("exceptions " +
                   Measures("--measure PT6 --period 2011-Q1 --unit L1 --status all --format csv"));
  EXPECT_NE(l1.out.find("X000001/1/2"), std::string::npos) << l1.out;
  EXPECT_EQ(l1.out.find("X000002"), std::string::npos) << l1.out;
}

TEST_F(CliMeasuresTest, LeagueTableInTextCsvAndWorkbook) {
  // PT6 by LDU in 2011-Q1: L1 3 of 3 decided, L2 0 of 2: both fewer than 10 decided, so
  // neither is rated nor ranked: listed apart.
  RunResult r = RunProbation("scorecard " + Measures("--period 2011-Q1 --by ldu --league"));
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("Golden Trust: National Probation Service", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("among the 0 units rated"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("-- not rated"), std::string::npos) << r.out;
  r = RunProbation("scorecard " + Measures("--period 2011-Q1 --by ldu --league --format csv"));
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("framework,period,level,rank,quartile,unit_code,unit_name,score,", 0), 0u);
  EXPECT_NE(r.out.find("nps-2005-06,2011-Q1,ldu,,,L1,North LDU,,weighted_score,"),
            std::string::npos)
      << r.out;
  const std::string out = (dir_ / "league.xlsx").string();
  r = RunProbation("scorecard " +
                   Measures("--period 2011-Q1 --by ldu --league --format xlsx --out " + out));
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_TRUE(fs::exists(out));
}

TEST_F(CliMeasuresTest, APopulationHasNoExceptions) {
  // PT13 counts staff by ethnicity: white staff are not "failed".
  RunResult r = RunProbation("exceptions " + Measures("--measure PT13 --period 2011-Q1"));
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("counts a population"), std::string::npos) << r.err;
  r = RunProbation("exceptions " + Measures("--measure PT13 --period 2011-Q1 --status all"));
  EXPECT_EQ(r.exit_status, 0) << r.err;
}

TEST_F(CliMeasuresTest, MistakesAreClearErrors) {
  RunResult r = RunProbation("scorecard " + Measures("--period 2011-Q9"));
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("is not a period"), std::string::npos) << r.err;
  r = RunProbation("scorecard --db " + db_ + " --framework nps-2099 --period 2011-Q1");
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("no framework 'nps-2099'"), std::string::npos) << r.err;
  r = RunProbation("exceptions " + Measures("--measure PT99 --period 2011-Q1"));
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("has no measure PT99"), std::string::npos) << r.err;
}

TEST_F(CliMeasuresTest, MeasuresCheckValidatesAFrameworkFile) {
  const RunResult ok = RunProbation("measures check " + std::string(PROBATION_SOURCE_DIR) +
                                    "/frameworks/nps-2005-06.toml");
  EXPECT_EQ(ok.exit_status, 0) << ok.err;
  const std::string bad = (dir_ / "bad.toml").string();
  std::ofstream(bad) << "id = \"x\"\ntitle = \"x\"\nyear = \"2011-12\"\nsource = \"x\"\n"
                        "[[measures]]\ncode = \"A\"\ntitle = \"a\"\nkind = \"percent\"\n"
                        "counts = \"breaches\"\nanchor = \"failure_dat\"\n";
  const RunResult r = RunProbation("measures check " + bad);
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE((r.out + r.err).find("line 10"), std::string::npos) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find("failure_date"), std::string::npos) << r.out << r.err;
}

}  // namespace
}  // namespace probation
