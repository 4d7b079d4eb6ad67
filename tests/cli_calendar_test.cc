// End-to-end tests of `probation holidays` and `probation workdays`, running the built binary.
#include <string>

#include <gtest/gtest.h>

#include "run_probation.h"

namespace probation {
namespace {

TEST(CliCalendarTest, Holidays2012) {
  const RunResult r = RunProbation("holidays 2012");
  EXPECT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(r.out,
            "2012-01-02\n2012-04-06\n2012-04-09\n2012-05-07\n2012-06-04\n2012-06-05\n"
            "2012-08-27\n2012-12-25\n2012-12-26\n");
  EXPECT_EQ(r.err, "");
}

TEST(CliCalendarTest, Holidays2022IncludesTheStateFuneral) {
  const RunResult r = RunProbation("holidays 2022");
  EXPECT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("2022-09-19\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("2022-05-30"), std::string::npos) << r.out;  // moved to 2 June
}

TEST(CliCalendarTest, WorkdaysOverEaster) {
  const RunResult r = RunProbation("workdays 2011-04-21 2011-04-26");
  EXPECT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(r.out, "1\n");
}

TEST(CliCalendarTest, WorkdaysBackwardsIsNegative) {
  const RunResult r = RunProbation("workdays 2011-04-26 2011-04-21");
  EXPECT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(r.out, "-1\n");
}

TEST(CliCalendarTest, WorkdaysPlusN) {
  // 26, 27, 28 Apr; 29 Apr (royal wedding) and 2 May (Early May) are holidays; 3, 4 May.
  const RunResult r = RunProbation("workdays 2011-04-21 +5");
  EXPECT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(r.out, "2011-05-04\n");
}

TEST(CliCalendarTest, WorkdaysMinusN) {
  const RunResult r = RunProbation("workdays 2011-05-04 -5");
  EXPECT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(r.out, "2011-04-21\n");
}

TEST(CliCalendarTest, WorkdaysBadDateExitsWithStatus2) {
  const RunResult r = RunProbation("workdays 2011-02-30 +1");
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("2011-02-30"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace probation
