// Golden cases for equality of outcomes, worked by hand.
//
// Orders terminated in FY2010 (2010-04-01..2011-03-31): White British (W1, the reference) 20
// orders, 10 completed; Black Caribbean (B1) 12 orders, 10 completed; Indian (A1) 12 orders, 9
// completed. Threshold 10: B1's numerator is exactly 10, shown; A1's is 9, suppressed.
// B1 against W1: RR = (10/12) / (10/20) = 1.6666666667;
//   SE(ln RR) = sqrt(1/10 - 1/12 + 1/10 - 1/20) = sqrt(0.0666667) = 0.2581989;
//   95% interval exp(ln 1.6667 -+ 1.959964 x 0.2581989) = 1.0047764701519897 .. 2.764572877943282.
// Two more people with a current order: one with ethnicity not stated (Z), one not recorded.
#include <gtest/gtest.h>

#include <cmath>

#include "analytics/equality.h"
#include "reports/equality_report.h"
#include "analytics_fixture.h"

namespace probation::analytics {
namespace {

TEST(KatzRiskRatio, HandComputed) {
  // (30/100) / (20/200) = 3; SE = sqrt(1/30 - 1/100 + 1/20 - 1/200) = 0.2614065;
  // 3 exp(-+1.959964 x 0.2614065) = 1.797263187985246 .. 5.007613832056008.
  double rr = 0, lo = 0, hi = 0;
  ASSERT_TRUE(KatzRiskRatio(30, 100, 20, 200, &rr, &lo, &hi));
  EXPECT_NEAR(rr, 3, 1e-12);
  EXPECT_NEAR(lo, 1.797263187985246, 1e-9);
  EXPECT_NEAR(hi, 5.007613832056008, 1e-9);
  EXPECT_FALSE(KatzRiskRatio(0, 100, 20, 200, &rr, &lo, &hi));
}

class EqualityGolden : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string people =
        "crn,surname,forenames,date_of_birth,gender,ethnicity,disability,first_sanction_date,"
        "sanctions\n";
    std::string sentences =
        "crn,event_no,sentence_type,sentence_date,court_code,offence_code,offence_category,"
        "serious_sexual_violent,custodial_months,start_date,expected_end_date,termination_date,"
        "termination_reason\n";
    std::string officers = "crn,event_no,allocation_no,staff_id,start_date,end_date\n";
    int n = 0;
    const auto add = [&](const std::string& ethnicity, bool ended, bool completed) {
      ++n;
      char crn[16];
      std::snprintf(crn, sizeof crn, "X%06d", n);
      people += std::string(crn) + ",P,Q,1980-05-05,M," + ethnicity + ",N,2000-01-01,2\n";
      sentences += std::string(crn) + ",1,CO,2009-10-01,MC1,,theft,N,,2009-10-01,2011-09-30," +
                   (ended ? std::string("2010-11-15,") + (completed ? "COMPLETED" : "REVOKED_BREACH")
                          : std::string(",")) +
                   "\n";
      officers += std::string(crn) + ",1,1," + (n % 2 ? "S1" : "S2") + ",2009-10-01,\n";
    };
    for (int i = 0; i < 20; ++i) add("W1", true, i < 10);
    for (int i = 0; i < 12; ++i) add("B1", true, i < 10);
    for (int i = 0; i < 12; ++i) add("A1", true, i < 9);
    add("Z", false, false);
    add("", false, false);
    f_.Load({{"org_units", kTestOrgUnits},
             {"staff", kTestStaff},
             {"people", people},
             {"sentences", sentences},
             {"responsible_officers", officers}});
    params_.period = *measures::ParsePeriod("FY2010");
  }

  const OutcomeGroups& Table(const EqualityReport& r, Outcome o, Grouping g) {
    for (const OutcomeGroups& t : r.tables) {
      if (t.outcome == o && t.grouping == g) return t;
    }
    static const OutcomeGroups none;
    ADD_FAILURE() << "no table";
    return none;
  }

  const GroupRate& Group(const OutcomeGroups& t, const std::string& code) {
    for (const GroupRate& g : t.groups) {
      if (g.code == code) return g;
    }
    static const GroupRate none;
    ADD_FAILURE() << "no group " << code;
    return none;
  }

  AnalyticsFixture f_;
  EqualityParams params_;
};

TEST_F(EqualityGolden, RatioIntervalAndSuppressionAtTheThreshold) {
  Result<EqualityReport> r = ComputeEquality(*f_.facts, params_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const OutcomeGroups& t = Table(*r, Outcome::kOrdersCompleted, Grouping::kEthnicity);
  EXPECT_EQ(t.reference, "W1");
  EXPECT_EQ(t.denominator, 44u);
  EXPECT_EQ(t.numerator, 29u);
  const GroupRate& w1 = Group(t, "W1");
  EXPECT_TRUE(w1.reference);
  EXPECT_FALSE(w1.suppressed);
  EXPECT_NEAR(w1.rate, 0.5, 1e-12);
  EXPECT_EQ(w1.ratio, 1);  // by definition, with no interval
  EXPECT_TRUE(std::isnan(w1.low));
  const GroupRate& b1 = Group(t, "B1");
  EXPECT_FALSE(b1.suppressed);  // 10 of 12: at the threshold
  EXPECT_NEAR(b1.ratio, 10.0 / 12 / 0.5, 1e-12);
  EXPECT_NEAR(b1.low, 1.0047764701519897, 1e-9);
  EXPECT_NEAR(b1.high, 2.764572877943282, 1e-9);
  const GroupRate& a1 = Group(t, "A1");
  EXPECT_TRUE(a1.suppressed);  // 9 of 12: below it
  EXPECT_TRUE(std::isnan(a1.ratio));

  // Broad groups: White 10/20, Black 10/12, Asian 9/12 suppressed.
  const OutcomeGroups& broad = Table(*r, Outcome::kOrdersCompleted, Grouping::kEthnicBroad);
  EXPECT_NEAR(Group(broad, "Black or Black British").ratio, 10.0 / 12 / 0.5, 1e-12);
  EXPECT_TRUE(Group(broad, "Asian or Asian British").suppressed);

  // A threshold of 9 shows A1: (9/12) / (10/20) = 1.5.
  EqualityParams nine = params_;
  nine.threshold = 9;
  Result<EqualityReport> r9 = ComputeEquality(*f_.facts, nine);
  ASSERT_TRUE(r9.ok());
  const GroupRate& a1_shown =
      Group(Table(*r9, Outcome::kOrdersCompleted, Grouping::kEthnicity), "A1");
  EXPECT_FALSE(a1_shown.suppressed);
  EXPECT_NEAR(a1_shown.ratio, 1.5, 1e-12);

  // The printed table hides a suppressed group's counts.
  const report::Section s =
      report::EqualityOutcomeSection(*r, Outcome::kOrdersCompleted, {Grouping::kEthnicity});
  ASSERT_EQ(s.blocks.size(), 1u);
  const report::Table& printed = std::get<report::Table>(s.blocks[0]);
  for (const auto& row : printed.rows) {
    if (row[0].text == "A1") {
      EXPECT_EQ(row[2].text, "*");
      EXPECT_EQ(row[3].text, "*");
    }
    if (row[0].text == "B1") EXPECT_EQ(row[6].text, "1.00 to 2.76");
  }
}

TEST_F(EqualityGolden, CompletenessOfDiversityData) {
  Result<EqualityReport> r = ComputeEquality(*f_.facts, params_);
  ASSERT_TRUE(r.ok());
  const Completeness& c = r->completeness;
  EXPECT_EQ(c.people, 46u);
  EXPECT_EQ(c.ethnicity_recorded, 44u);
  EXPECT_EQ(c.ethnicity_not_stated, 1u);
  EXPECT_EQ(c.ethnicity_missing, 1u);
  EXPECT_EQ(c.disability_recorded, 46u);
}

TEST_F(EqualityGolden, AgeBandAndUnitScope) {
  Result<EqualityReport> r = ComputeEquality(*f_.facts, params_);
  ASSERT_TRUE(r.ok());
  // Born 1980-05-05, order ended 2010-11-15: 30, the 30-39 reference band.
  const OutcomeGroups& age = Table(*r, Outcome::kOrdersCompleted, Grouping::kAgeBand);
  EXPECT_EQ(Group(age, "30-39").denominator, 44u);
  EqualityParams north = params_;
  north.scope = *f_.organisation->Find("TM1");
  Result<EqualityReport> rn = ComputeEquality(*f_.facts, north);
  ASSERT_TRUE(rn.ok());
  // Odd-numbered people are with S1 in TM1: 22 of the 44 ended orders.
  EXPECT_EQ(Table(*rn, Outcome::kOrdersCompleted, Grouping::kGender).denominator, 22u);
}

}  // namespace
}  // namespace probation::analytics
