// End-to-end: the ogrs3, reoffending and equality commands as a user runs them.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "run_probation.h"
#include "store/schema.h"

namespace probation {
namespace {

namespace fs = std::filesystem;

TEST(CliAnalytics, Ogrs3ForOneCase) {
  // The hand-worked case of ogrs3_test.cc: man of 25, theft, 6 sanctions, first at 16.
  RunResult run = RunProbation(
      "ogrs3 --gender M --dob 1985-07-01 --offence-category theft --sanctions 6 "
      "--first-sanction 2001-08-15 --conviction 2010-09-01");
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_NE(run.out.find("(0.479522629)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("(0.654117521)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("band: medium"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("OGRS3-2009"), std::string::npos) << run.out;
}

TEST(CliAnalytics, Ogrs3RefusesWithTheReason) {
  RunResult run = RunProbation(
      "ogrs3 --gender F --dob 2001-07-01 --offence-category theft --sanctions 1 "
      "--first-sanction 2010-08-15 --conviction 2010-09-01");
  EXPECT_EQ(run.exit_status, 2);
  EXPECT_NE(run.err.find("age at conviction is 9"), std::string::npos) << run.err;
  EXPECT_EQ(run.out, "");
  run = RunProbation("ogrs3 --gender X --dob 1980-01-01 --offence-category theft --sanctions 1 "
                     "--first-sanction 2010-08-15 --conviction 2010-09-01");
  EXPECT_EQ(run.exit_status, 2);
  EXPECT_NE(run.err.find("not M or F"), std::string::npos) << run.err;
}

TEST(CliAnalytics, ScoresStoredAndReportsRun) {
  const fs::path dir =
      fs::path(::testing::TempDir()) / ("cli_analytics_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "t.db").string();
  const std::string golden = std::string(PROBATION_SOURCE_DIR) + "/tests/golden/";
  RunResult run = RunProbation("import --db " + db + " " + golden + "_base " + golden +
                               "annex-CO-CUS-commencements");
  ASSERT_EQ(run.exit_status, 0) << run.err;
  run = RunProbation("ogrs3 --db " + db);
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_NE(run.out.find("for 17 sentences"), std::string::npos) << run.out;
  {
    Result<std::unique_ptr<Database>> store = OpenStore(db);
    ASSERT_TRUE(store.ok());
    Result<Statement> q = (*store)->Prepare(
        "SELECT count(*), count(one_year), min(table_version) FROM ogrs3_scores");
    ASSERT_TRUE(q.ok());
    ASSERT_TRUE(*q->Step());
    EXPECT_EQ(q->ColumnInt(0), 17);
    EXPECT_EQ(q->ColumnText(2), "OGRS3-2009");
    // Every stored row has a score or a reason.
    Result<Statement> r = (*store)->Prepare(
        "SELECT count(*) FROM ogrs3_scores WHERE (one_year IS NULL) = (reason IS NULL)");
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(*r->Step());
    EXPECT_EQ(r->ColumnInt(0), 0);
  }
  run = RunProbation("reoffending --db " + db + " --snapshot 2011-04-30 --by team");
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_NE(run.out.find("incomplete (not rated)"), std::string::npos) << run.out;
  run = RunProbation("reoffending --db " + db + " --snapshot 2011-04-30 --follow-up 18");
  EXPECT_EQ(run.exit_status, 2);
  run = RunProbation("equality --db " + db + " --period FY2011 --format csv --by gender");
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_NE(run.out.find("group,name,count,of,rate %,ratio,95% interval,note"), std::string::npos)
      << run.out;
  run = RunProbation("equality --db " + db + " --period FY2011 --format xlsx --out " +
                     (dir / "e.xlsx").string());
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_TRUE(fs::exists(dir / "e.xlsx"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace probation
