#include "measures/period.h"

#include <gtest/gtest.h>

namespace probation::measures {
namespace {

Date D(int y, int m, int d) { return Date::FromCivil(y, m, d); }

TEST(PeriodTest, FinancialYearsAndQuarters) {
  Result<Period> fy = ParsePeriod("FY2011");
  ASSERT_TRUE(fy.ok());
  EXPECT_EQ(fy->start, D(2011, 4, 1));
  EXPECT_EQ(fy->end, D(2012, 3, 31));
  EXPECT_EQ(fy->label, "FY2011-12");
  EXPECT_EQ(ParsePeriod("2011-12")->start, D(2011, 4, 1));
  Result<Period> q1 = ParsePeriod("2011-Q1");
  EXPECT_EQ(q1->start, D(2011, 4, 1));
  EXPECT_EQ(q1->end, D(2011, 6, 30));
  Result<Period> q4 = ParsePeriod("2011-Q4");
  EXPECT_EQ(q4->start, D(2012, 1, 1));
  EXPECT_EQ(q4->end, D(2012, 3, 31));
}

TEST(PeriodTest, MonthsRangesYearToDateRolling) {
  EXPECT_EQ(ParsePeriod("2012-02")->end, D(2012, 2, 29));
  Result<Period> range = ParsePeriod("2011-04..2011-09");
  EXPECT_EQ(range->start, D(2011, 4, 1));
  EXPECT_EQ(range->end, D(2011, 9, 30));
  Result<Period> days = ParsePeriod("2011-03-31..2011-04-01");
  EXPECT_EQ(days->Days(), 2);
  Result<Period> ytd = ParsePeriod("YTD:2012-02");
  EXPECT_EQ(ytd->start, D(2011, 4, 1));
  EXPECT_EQ(ytd->end, D(2012, 2, 29));
  Result<Period> r12 = ParsePeriod("R12:2011-09");
  EXPECT_EQ(r12->start, D(2010, 10, 1));
  EXPECT_EQ(r12->end, D(2011, 9, 30));
}

TEST(PeriodTest, BadPeriodsAreRejected) {
  for (const char* bad : {"", "2011", "2011-Q5", "2011-13", "FY20x1", "2011-09..2011-04",
                          "2011-04-31..2011-05-01", "R12:2011"}) {
    EXPECT_FALSE(ParsePeriod(bad).ok()) << bad;
  }
}

TEST(PeriodTest, PreviousAndYearEarlier) {
  const Period q1 = *ParsePeriod("2011-Q1");
  const Period before = PreviousPeriod(q1);
  EXPECT_EQ(before.label, "2010-Q4");
  EXPECT_EQ(before.start, D(2011, 1, 1));
  EXPECT_EQ(before.end, D(2011, 3, 31));
  const Period ago = YearEarlier(q1);
  EXPECT_EQ(ago.label, "2010-Q1");
  EXPECT_EQ(ago.start, D(2010, 4, 1));
  const Period feb = *ParsePeriod("2012-02");
  EXPECT_EQ(YearEarlier(feb).end, D(2011, 2, 28));
  EXPECT_EQ(PreviousPeriod(*ParsePeriod("FY2011")).label, "FY2010");
  EXPECT_EQ(PreviousPeriod(*ParsePeriod("2011-04")).label, "2011-03");
}

TEST(PeriodTest, MonthSharesOfAQuarter) {
  double shares[12];
  MonthShares(*ParsePeriod("2011-Q2"), 2011, shares);
  EXPECT_DOUBLE_EQ(shares[0], 0);
  EXPECT_DOUBLE_EQ(shares[3], 1);  // July
  EXPECT_DOUBLE_EQ(shares[5], 1);  // September
  EXPECT_DOUBLE_EQ(shares[6], 0);
  EXPECT_EQ(FinancialYearOf(D(2012, 3, 31)), 2011);
  EXPECT_EQ(FinancialYearOf(D(2012, 4, 1)), 2012);
}

}  // namespace
}  // namespace probation::measures
