// The arithmetic of scorecards: values, pro-rata targets, RAG. (Whole measures over data are
// tested by the golden cases in tests/golden/.)
#include <gtest/gtest.h>

#include <cmath>

#include "measures/scorecard.h"

namespace probation::measures {
namespace {

Measure Percent(double target, Direction direction = Direction::kHigherIsBetter) {
  Measure m;
  m.kind = MeasureKind::kPercent;
  m.targets = {{"", target}};
  m.direction = direction;
  return m;
}

TEST(ScorecardMathTest, PercentExcludesPendingItems) {
  const Measure m = Percent(90);
  Tally t;
  t.succeeded = 9;
  t.failed = 1;
  t.pending = 5;
  EXPECT_DOUBLE_EQ(MeasureValue(m, t), 90);
  EXPECT_TRUE(std::isnan(MeasureValue(m, Tally{})));
}

TEST(ScorecardMathTest, RagAgainstTargetAndTolerance) {
  const Measure m = Percent(90);
  EXPECT_EQ(RagFor(m, 90, 90.0, 5), Rag::kGreen);
  EXPECT_EQ(RagFor(m, 85, 90.0, 5), Rag::kAmber);
  EXPECT_EQ(RagFor(m, 84.9, 90.0, 5), Rag::kRed);
  EXPECT_EQ(RagFor(m, 84.9, std::nullopt, 5), Rag::kNone);
  const Measure sickness = Percent(9, Direction::kLowerIsBetter);
  EXPECT_EQ(RagFor(sickness, 8.5, 9.0, 1), Rag::kGreen);
  EXPECT_EQ(RagFor(sickness, 9.8, 9.0, 1), Rag::kAmber);
  EXPECT_EQ(RagFor(sickness, 10.5, 9.0, 1), Rag::kRed);
}

TEST(ScorecardMathTest, CountTargetsArePaidOutByProfile) {
  Measure intake;
  intake.kind = MeasureKind::kCount;
  intake.targets = {{"", 144}};
  intake.monthly_profile = {4, 8, 12, 12, 12, 15, 15, 15, 15, 12, 12, 12};
  // April-June 2008: 4 + 8 + 12 = 24.
  EXPECT_NEAR(*TargetForPeriod(intake, *ParsePeriod("2008-Q1")), 24, 1e-9);
  EXPECT_NEAR(*TargetForPeriod(intake, *ParsePeriod("FY2008")), 144, 1e-9);
  Measure flat;
  flat.kind = MeasureKind::kCount;
  flat.targets = {{"", 144}};
  EXPECT_NEAR(*TargetForPeriod(flat, *ParsePeriod("2008-Q1")), 36, 1e-9);
  // Count RAG tolerance is a percentage of the pro-rata target: 22 of 24 is 8.3% short.
  EXPECT_EQ(RagFor(intake, 22, 24.0, 10), Rag::kAmber);
  EXPECT_EQ(RagFor(intake, 22, 24.0, 5), Rag::kRed);
}

// A level (BASS beds occupied on the period's last night) is held, not paid out: 34 beds is the
// target for a quarter, a month and the year alike.
TEST(ScorecardMathTest, LevelTargetsAreNotProRata) {
  Measure beds;
  beds.kind = MeasureKind::kCount;
  beds.level = true;
  beds.targets = {{"2011-12", 34}};
  EXPECT_NEAR(*TargetForPeriod(beds, *ParsePeriod("2011-Q1")), 34, 1e-9);
  EXPECT_NEAR(*TargetForPeriod(beds, *ParsePeriod("FY2011")), 34, 1e-9);
  EXPECT_FALSE(TargetForPeriod(beds, *ParsePeriod("2010-Q4")).has_value());
  beds.level = false;
  EXPECT_NEAR(*TargetForPeriod(beds, *ParsePeriod("2011-Q1")), 8.5, 1e-9);
}

TEST(ScorecardMathTest, TargetsByFinancialYear) {
  Measure m = Percent(0);
  m.targets = {{"2010-11", 73}, {"2011-12", 75}};
  EXPECT_EQ(TargetForPeriod(m, *ParsePeriod("2011-Q1")), 75);
  EXPECT_EQ(TargetForPeriod(m, *ParsePeriod("2010-Q4")), 73);
}

}  // namespace
}  // namespace probation::measures
