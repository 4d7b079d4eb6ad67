// End-to-end on a hand-made team (tests/workload/, worked by hand in docs/workload.md): tiers
// derived, explained, stored and compared with the imported ones; workload and capacity with
// reductions; an allocation ranking with a grade rule; the caseload forecast of the flow.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "run_probation.h"

namespace probation {
namespace {

namespace fs = std::filesystem;

class CliWorkloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("cli_workload_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "team.db").string();
    const RunResult load = RunProbation("import --db " + db_ + " " + kSource + "/tests/workload");
    ASSERT_EQ(load.exit_status, 0) << load.out << load.err;
    const RunResult reductions = RunProbation("workload --db " + db_ + " --load-reductions " +
                                              kSource + "/tests/workload_extra/reductions.csv");
    ASSERT_EQ(reductions.exit_status, 0) << reductions.out << reductions.err;
    EXPECT_EQ(reductions.out,
              "2 reductions stored from " + kSource + "/tests/workload_extra/reductions.csv\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  RunResult Run(const std::string& args) { return RunProbation(args + " --db " + db_); }
  static bool Has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
  }

  const std::string kSource = PROBATION_SOURCE_DIR;
  fs::path dir_;
  std::string db_;
};

TEST_F(CliWorkloadTest, ExplainsOneCaseWithItsHistory) {
  const RunResult r = Run("tier --crn X1 --as-at 2011-03-31");
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_TRUE(Has(r.out,
                  "Offender Management Model tiers 1-4 (omm version 1): tier 4\n"
                  "  because ROSH high (high or above)\n"))
      << r.out;
  EXPECT_TRUE(Has(r.out,
                  "(protect-change version 1): tier B2\n"
                  "  protect 20 points -> B, change 12 points -> 2\n"))
      << r.out;
  EXPECT_TRUE(Has(r.out, "Imported tier (on the assessment): 3, DISAGREES")) << r.out;
  // Sentence start without an assessment: OMM 2, D2; first assessment: C1; the review: 4, B2.
  EXPECT_TRUE(Has(r.out, "  2010-06-01  2  D2   under supervision\n")) << r.out;
  EXPECT_TRUE(Has(r.out,
                  "  2010-06-10  2  C1   first assessment on 2010-06-10: ROSH medium, "
                  "OGRS 45%, need score 0\n"))
      << r.out;
  EXPECT_TRUE(Has(r.out,
                  "  2011-02-03  4  B2   ROSH raised to high on 2011-02-03; OGRS rose "
                  "from 45% to 78% on 2011-02-03; need score 0 -> 3 on 2011-02-03\n"))
      << r.out;
  EXPECT_EQ(Run("tier --crn X6 --as-at 2011-03-31").exit_status, 2);  // terminated
  EXPECT_EQ(Run("tier --crn NOBODY").exit_status, 2);
}

TEST_F(CliWorkloadTest, ComputesStoresAndListsDisagreements) {
  const RunResult first = Run("tier --compute --as-at 2011-01-31");
  ASSERT_EQ(first.exit_status, 0) << first.err;
  // On 2011-01-31 X1 is 2/C1 (first assessment only), X2 4/A1, X3 1/D0, X5 3/C1; X4 has not
  // started and X6 terminates that day.
  EXPECT_TRUE(Has(first.out, "4 cases under supervision on 2011-01-31")) << first.out;
  EXPECT_TRUE(Has(first.out, "omm: 1 1 2 1 3 1 4 1; 0 changed")) << first.out;
  const RunResult second = Run("tier --compute --as-at 2011-03-31");
  ASSERT_EQ(second.exit_status, 0) << second.err;
  EXPECT_TRUE(Has(second.out, "5 cases under supervision on 2011-03-31")) << second.out;
  EXPECT_TRUE(Has(second.out, "omm: 1 1 2 1 3 1 4 2; 1 changed")) << second.out;
  EXPECT_TRUE(Has(second.out, "protect-change: A1 1 B2 1 C1 1 D0 1 D2 1; 1 changed")) << second.out;
  const RunResult explained = Run("tier --crn X1 --as-at 2011-03-31");
  EXPECT_TRUE(Has(explained.out,
                  "  2011-03-31  omm            v1  4  (was 2: ROSH raised to "
                  "high on 2011-02-03; OGRS rose from 45% to 78% on 2011-02-03; "
                  "need score 0 -> 3 on 2011-02-03)\n"))
      << explained.out;
  const RunResult dis = Run("tier --disagreements --as-at 2011-03-31");
  ASSERT_EQ(dis.exit_status, 0) << dis.err;
  EXPECT_EQ(dis.out,
            "X1  S1  imported 3, computed 4: ROSH high (high or above)\n"
            "1 of 4 cases with an imported tier disagree with the computed omm tier on "
            "2011-03-31\n");
}

TEST_F(CliWorkloadTest, WorkloadAndCapacity) {
  const RunResult r = Run("workload --unit TM1 --as-at 2011-03-31 --format csv --trend 2");
  ASSERT_EQ(r.exit_status, 0) << r.err;
  // S1: B2 community 115 + A1 licence 163 + SDR 138 = 416 on 2176 x 29.6/37 = 1740.8 (training
  // capped at 7.4 h): 23.9%. S2: D0 29 + D2 41 + FDR 65 = 135 on 2176: 6.2%. S3: C1 custody 23
  // + outstanding SDR 138 = 161 on 2176 x 1/37 = 58.8 (17.5 of 18.5 hours sick): 273.8%, red.
  // Team: 712 on 3975.6: 17.9%.
  EXPECT_TRUE(Has(r.out, "team,TM1,Central Team,3,5,712,3976,17.9,\n")) << r.out;
  EXPECT_TRUE(Has(r.out,
                  "S1,Amy Ash,PO,TM1,1,1,0,1,0,278,138,416,37.0,7.4,1741,23.9,,"
                  "TRAINING 10.0h capped at 7.4h (20% of contracted)\n"))
      << r.out;
  EXPECT_TRUE(Has(r.out, "S2,Ben Birch,PSO,TM1,2,0,0,0,1,70,65,135,37.0,0.0,2176,6.2,,\n"))
      << r.out;
  EXPECT_TRUE(Has(r.out,
                  "S3,Cara Cedar,PO,TM1,0,0,1,1,0,23,138,161,18.5,17.5,59,273.8,RED,"
                  "SICKNESS 17.5h\n"))
      << r.out;
  EXPECT_FALSE(Has(r.out, "S9")) << r.out;  // a manager without cases
  // Trend: on 2011-02-28 S1 has the FDR delivered 2011-02-01 (65) instead of the SDR, S2 no
  // report and S3 no sickness yet: 343 + 70 + 23 = 436 on 1740.8 + 2176 + 1088: 8.7%.
  EXPECT_TRUE(Has(r.out, "2011-02-28,3,5,436,5005,8.7,\n")) << r.out;
  EXPECT_TRUE(Has(r.out, "2011-03-31,3,5,712,3976,17.9,\n")) << r.out;

  const std::string xlsx = (dir_ / "workload.xlsx").string();
  const RunResult book = Run("workload --unit L1 --as-at 2011-03-31 --format xlsx --out " + xlsx);
  ASSERT_EQ(book.exit_status, 0) << book.err;
  EXPECT_GT(fs::file_size(xlsx), 1000u);
  const RunResult text = Run("workload --unit L1 --as-at 2011-03-31");
  EXPECT_TRUE(Has(text.out, "274%  RED")) << text.out;
}

TEST_F(CliWorkloadTest, AllocationRanking) {
  const RunResult r = Run("allocate --team TM1 --tier B2 --setting community --as-at 2011-03-31");
  ASSERT_EQ(r.exit_status, 0) << r.err;
  // +115 points: S2 250/2176 = 11%; S1 531/1740.8 = 31%; S3 276/58.8 = 469%.
  EXPECT_TRUE(Has(r.out,
                  " 1. S2       Ben Birch                    PSO     6% ->   11%\n"
                  " 2. S1       Amy Ash                      PO     24% ->   31%\n"
                  " 3. S3       Cara Cedar                   PO    274% ->  469%  RED\n"))
      << r.out;
  const RunResult high =
      Run("allocate --team TM1 --tier B2 --setting community --rosh HIGH --as-at 2011-03-31");
  ASSERT_EQ(high.exit_status, 0) << high.err;
  EXPECT_TRUE(Has(high.out, " 1. S1 ")) << high.out;
  EXPECT_TRUE(Has(high.out,
                  "--  S2       Ben Birch                    PSO     6% ->   11%  not "
                  "eligible: grade PSO: high ROSH or above cases go to PO or SPO\n"))
      << high.out;
  EXPECT_EQ(Run("allocate --team L1 --tier B2").exit_status, 2);  // not a team
  EXPECT_EQ(Run("allocate --team TM1 --tier E9").exit_status, 2);
}

TEST_F(CliWorkloadTest, ForecastOfTheFlow) {
  const RunResult r = Run("forecast --unit T1 --as-at 2011-03-31 --format csv");
  ASSERT_EQ(r.exit_status, 0) << r.err;
  // Community in L1 over 2009-Q1..2010-Q4: X6 in 2009-Q4, X1 2010-Q1, X3 2010-Q3, X4 in and X6
  // out 2010-Q4: r = 1/12, c = 0.5, now 3; next (3 + 0.5) x 11/12 = 3.21, s = 0.527, 95%
  // interval +/- 1.03.
  EXPECT_TRUE(Has(r.out, "L1,community,3,0.0833,0.5,0.5,3.2,2.2,4.2,")) << r.out;
  EXPECT_TRUE(Has(r.out, "L1,licence,1,0.0000,0.1,")) << r.out;
}

}  // namespace
}  // namespace probation
