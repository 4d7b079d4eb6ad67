#include "base/financial_year.h"

#include <gtest/gtest.h>

namespace probation {
namespace {

TEST(FinancialYearTest, StartOfWellFormedYears) {
  EXPECT_EQ(FinancialYearStart("2008-09"), 2008);
  EXPECT_EQ(FinancialYearStart("2011-12"), 2011);
  EXPECT_EQ(FinancialYearStart("1999-00"), 1999);  // the century turns
  EXPECT_EQ(FinancialYearStart("2009-10"), 2009);
}

TEST(FinancialYearTest, RejectsAnythingElse) {
  EXPECT_EQ(FinancialYearStart("2008-10"), -1);  // not the following year
  EXPECT_EQ(FinancialYearStart("2008/09"), -1);
  EXPECT_EQ(FinancialYearStart("2008-9"), -1);
  EXPECT_EQ(FinancialYearStart("2008-009"), -1);
  EXPECT_EQ(FinancialYearStart("20a8-09"), -1);
  EXPECT_EQ(FinancialYearStart(""), -1);
  EXPECT_EQ(FinancialYearStart("FY2008"), -1);
}

TEST(FinancialYearTest, LabelRoundTrips) {
  EXPECT_EQ(FinancialYearLabel(2008), "2008-09");
  EXPECT_EQ(FinancialYearLabel(1999), "1999-00");
  EXPECT_EQ(FinancialYearLabel(2009), "2009-10");
  for (int y = 1990; y < 2040; ++y) EXPECT_EQ(FinancialYearStart(FinancialYearLabel(y)), y);
}

}  // namespace
}  // namespace probation
