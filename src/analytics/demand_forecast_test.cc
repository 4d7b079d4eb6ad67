// The caseload forecast on a hand-made flow, worked by hand.
#include "analytics/demand_forecast.h"

#include <gtest/gtest.h>

#include <cmath>

namespace probation::analytics {
namespace {

TEST(ForecastCaseloadTest, HandMadeFlow) {
  // Two quarters: 100 at the start, 20 in, 30 out (90); then 30 in, 20 out (100).
  // r = (30 + 20) / ((100 + 20) + (90 + 30)) = 50 / 240 = 5/24; c = 25; keep = 19/24.
  // One-step errors: 90 - 125 x 19/24 = -215/24; 100 - 115 x 19/24 = 215/24;
  // s = sqrt(2 x (215/24)^2 / 1) = 215/24 x sqrt(2) = 12.6689...
  // Forecast from 100: (100 + 25) x 19/24 = 98.9583; (98.9583 + 25) x 19/24 = 98.1337;
  // half-widths 1.96 s sqrt(h).
  const std::vector<QuarterFlow> history = {{"2010-Q3", 100, 20, 30}, {"2010-Q4", 90, 30, 20}};
  const CaseloadForecast f =
      ForecastCaseload(history, 100, {"2011-Q1", "2011-Q2", "2011-Q3", "2011-Q4"});
  EXPECT_NEAR(f.termination_rate, 5.0 / 24, 1e-12);
  EXPECT_DOUBLE_EQ(f.mean_commencements, 25);
  const double s = 215.0 / 24 * std::sqrt(2.0);
  EXPECT_NEAR(f.residual_sd, s, 1e-9);
  ASSERT_EQ(f.quarters.size(), 4u);
  EXPECT_EQ(f.quarters[0].label, "2011-Q1");
  EXPECT_NEAR(f.quarters[0].caseload, 125.0 * 19 / 24, 1e-9);
  EXPECT_NEAR(f.quarters[0].caseload, 98.9583, 1e-4);
  EXPECT_NEAR(f.quarters[1].caseload, (125.0 * 19 / 24 + 25) * 19 / 24, 1e-9);
  EXPECT_NEAR(f.quarters[1].caseload, 98.1337, 1e-4);
  EXPECT_NEAR(f.quarters[0].high - f.quarters[0].caseload, 1.96 * s, 1e-9);
  EXPECT_NEAR(f.quarters[3].caseload - f.quarters[3].low, 1.96 * s * 2, 1e-9);  // sqrt(4)
  // The steady state is c x keep / r = 25 x 19/24 / (5/24) = 95: the forecast heads there.
  EXPECT_GT(f.quarters[3].caseload, 95);
  EXPECT_LT(f.quarters[3].caseload, f.quarters[2].caseload);
}

TEST(ForecastCaseloadTest, LowEndNeverBelowZeroAndOneQuarterHasNoInterval) {
  const CaseloadForecast one = ForecastCaseload({{"q", 10, 2, 4}}, 8, {"a", "b"});
  EXPECT_EQ(one.residual_sd, 0);
  EXPECT_EQ(one.quarters[0].low, one.quarters[0].caseload);
  const CaseloadForecast wild = ForecastCaseload({{"q1", 2, 0, 2}, {"q2", 0, 40, 0}}, 40, {"a"});
  EXPECT_GE(wild.quarters[0].low, 0);
}

TEST(NextQuarterTest, FinancialQuarters) {
  EXPECT_EQ(NextQuarter(*measures::ParsePeriod("2010-Q4")).label, "2011-Q1");
  EXPECT_EQ(NextQuarter(*measures::ParsePeriod("2011-Q1")).start, Date::FromCivil(2011, 7, 1));
}

}  // namespace
}  // namespace probation::analytics
