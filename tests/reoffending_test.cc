// Golden cases for reoffending against prediction (NI18 / OM21, NI30), worked by hand.
//
// Snapshot 2009-03-31, follow-up 12 months, wait 6 months: the window holds offences committed
// 2009-04-01..2010-03-31, proven (convicted) by 2010-09-30.
// Eleven men; the six in the cohort share the same OGRS3 inputs (born 1979-01-15, first
// sanction 1995-01-15 at 16, 5 sanctions, theft, sentenced and commencing 2008-06-02 at 29):
//   copas = ln(5 / (10 + 29 - 16)) = ln(5/23)
//   x = -1.166679288 (male 25-29) + 0.463062792 + 1.251124464 ln(5/23) + 0.661244321 (theft)
//   p1 = 1 / (1 + exp(-(1.402562384 + x))) = 0.3660741308564189
//   P1 offence 2010-03-31 (last day of the window), convicted 2010-06-01: counts
//   P2 offence 2010-04-01 (the day after the window): does not count
//   P3 offence 2009-12-01, convicted 2010-10-01 (a day after the wait): proven too late
//   P4 offences 2009-04-01 (convicted 2010-09-30, the last day of the wait) and 2009-05-01
//      (convicted 2009-07-01): two reoffences
//   P5 none; P6 offence 2009-03-31, the snapshot day itself: before the window
//   P7 is 17 at the snapshot; P8's order ended 2009-03-30; P9 is in custody; P10's order
//   starts 2009-04-01: none of them is in the cohort. P11 has no first sanction date: on the
//   caseload, not scored, left out and counted.
// Cohort 6, reoffenders 2 (P1, P4), reoffences 3: actual 1/3, frequency 0.5.
// Difference (1/3 - p1) / p1 x 100 = -8.943761594540838.
// Wilson 95% interval of 2/6 (z = 1.959963984540054): centre (p + z^2/2n) / (1 + z^2/n),
// half-width z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n) = 0.0967714111 .. 0.7000066849, so the
// difference's interval is -73.56507795855808 .. 91.21992674652111.
#include <gtest/gtest.h>

#include <cmath>

#include "analytics/ogrs3.h"
#include "analytics/reoffending.h"
#include "analytics/sentence_ogrs3.h"
#include "reports/reoffending_report.h"
#include "analytics_fixture.h"

namespace probation::analytics {
namespace {

constexpr double kP1 = 0.3660741308564189;

std::string Sentence(const std::string& crn, const std::string& type, const std::string& start,
                     const std::string& termination, const std::string& reason) {
  return crn + ",1," + type + ",2008-06-02,MC1,,theft,N," + (type == "CUS" ? "12" : "") + "," +
         start + ",2011-06-01," + termination + "," + reason + "\n";
}

class ReoffendingGolden : public ::testing::Test {
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
    for (int i = 1; i <= 11; ++i) {
      const std::string crn = "X0000" + std::string(i < 10 ? "0" : "") + std::to_string(i);
      const std::string dob = i == 7 ? "1991-06-01" : "1979-01-15";
      const std::string first = i == 11 ? "" : i == 7 ? "2008-01-01" : "1995-01-15";
      people += crn + ",P,P" + std::to_string(i) + "," + dob + ",M," +
                (i % 2 ? "W1" : "B1") + ",N," + first + ",5\n";
      const std::string type = i == 9 ? "CUS" : "CO";
      const std::string start = i == 10 ? "2009-04-01" : "2008-06-02";
      sentences += i == 8 ? Sentence(crn, type, start, "2009-03-30", "COMPLETED")
                          : Sentence(crn, type, start, "", "");
      officers += crn + ",1,1," + (i <= 4 ? "S1" : "S2") + ",2008-06-02,\n";
    }
    const std::string reoffences =
        "crn,reoffence_no,offence_date,conviction_date,offence_category\n"
        "X000001,1,2010-03-31,2010-06-01,theft\n"
        "X000002,1,2010-04-01,2010-05-01,theft\n"
        "X000003,1,2009-12-01,2010-10-01,theft\n"
        "X000004,1,2009-04-01,2010-09-30,theft\n"
        "X000004,2,2009-05-01,2009-07-01,theft\n"
        "X000006,1,2009-03-31,2009-05-01,theft\n";
    const std::string registrations =
        "crn,registration_no,registration_type,mappa_category,mappa_level,start_date,end_date\n"
        "X000001,1,PPO,,,2008-01-01,\n"
        "X000002,1,PPO,,,2008-01-01,2009-03-31\n"
        "X000004,1,PPO,,,2009-03-31,\n"
        "X000005,1,PPO,,,2009-04-01,\n";
    f_.Load({{"org_units", kTestOrgUnits},
             {"staff", kTestStaff},
             {"people", people},
             {"sentences", sentences},
             {"responsible_officers", officers},
             {"reoffences", reoffences},
             {"registrations", registrations}});
    Result<Ogrs3Table> table = Ogrs3Table::Load();
    ASSERT_TRUE(table.ok());
    scores_ = ScoreSentences(*f_.snapshot, *table);
    params_.snapshot = *Date::Parse("2009-03-31");
    params_.data_as_at = *Date::Parse("2011-03-31");
  }

  Cohort Build(const ReoffendingParams& p) {
    Result<Cohort> c = BuildCohort(*f_.facts, scores_, p);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? *c : Cohort{};
  }

  AnalyticsFixture f_;
  std::vector<SentenceOgrs3> scores_;
  ReoffendingParams params_;
};

TEST_F(ReoffendingGolden, Ni18WindowAndProvenOutcomeBoundaries) {
  const Cohort c = Build(params_);
  EXPECT_EQ(c.window_start, *Date::Parse("2009-04-01"));
  EXPECT_EQ(c.window_end, *Date::Parse("2010-03-31"));
  EXPECT_EQ(c.proven_by, *Date::Parse("2010-09-30"));
  EXPECT_TRUE(c.complete);
  EXPECT_EQ(c.not_scored, 1u);  // P11
  ASSERT_EQ(c.total.size, 6u);
  EXPECT_EQ(c.total.reoffenders, 2u);
  EXPECT_EQ(c.total.reoffences, 3u);
  EXPECT_NEAR(c.total.predicted, kP1, 1e-12);
  EXPECT_NEAR(c.total.actual, 1.0 / 3, 1e-12);
  EXPECT_NEAR(c.total.frequency, 0.5, 1e-12);
  EXPECT_NEAR(c.total.difference, -8.943761594540838, 1e-9);
  EXPECT_NEAR(c.total.low, -73.56507795855808, 1e-9);
  EXPECT_NEAR(c.total.high, 91.21992674652111, 1e-9);
  EXPECT_EQ(report::ReoffendingVerdict(c, c.total), "in line with prediction");
  for (const CohortMember& m : c.members) {
    const std::string crn = f_.facts->column("people", "crn").AsText(
        static_cast<size_t>(m.person), FindRecordType("people")->fields[0]);
    EXPECT_EQ(m.reoffences, crn == "X000001" ? 1 : crn == "X000004" ? 2 : 0) << crn;
  }
}

TEST_F(ReoffendingGolden, IncompleteCohortShowsProvenSoFarAndIsNotRated) {
  ReoffendingParams p = params_;
  p.data_as_at = *Date::Parse("2010-09-29");  // the day before the wait ends
  const Cohort c = Build(p);
  EXPECT_FALSE(c.complete);
  EXPECT_EQ(c.total.size, 6u);
  // P4's 2009-04-01 offence is convicted 2010-09-30, after the data: not yet proven.
  EXPECT_EQ(c.total.reoffences, 2u);
  EXPECT_EQ(c.total.reoffenders, 2u);
  EXPECT_EQ(report::ReoffendingVerdict(c, c.total), "incomplete (not rated)");
  const report::Table t = report::CohortSummaryTable({c}, "t");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0][6].text, "-");  // no difference printed
  EXPECT_EQ(t.rows[0][9].text, "incomplete (not rated)");
}

TEST_F(ReoffendingGolden, Ni30IsThePpoCohort) {
  ReoffendingParams p = params_;
  p.ppo_only = true;
  const Cohort c = Build(p);
  // P1 (current), P4 (registered on the snapshot day); not P2 (ended on it), not P5 (later).
  ASSERT_EQ(c.total.size, 2u);
  EXPECT_EQ(c.total.reoffenders, 2u);
  EXPECT_EQ(c.total.reoffences, 3u);
  EXPECT_NEAR(c.total.frequency, 1.5, 1e-12);
  EXPECT_NEAR(c.total.difference, (1.0 - kP1) / kP1 * 100, 1e-9);
}

TEST_F(ReoffendingGolden, BreakdownByTeamAndUnitScope) {
  const Cohort c = Build(params_);
  const std::vector<BreakdownRow> rows = BreakDown(*f_.facts, c, Breakdown::kTeam);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].label, "TM1 North Team");
  EXPECT_EQ(rows[0].figures.size, 4u);  // P1-P4
  EXPECT_EQ(rows[0].figures.reoffenders, 2u);
  EXPECT_EQ(rows[1].figures.size, 2u);  // P5, P6
  EXPECT_EQ(rows[1].figures.reoffenders, 0u);
  const std::vector<BreakdownRow> eth = BreakDown(*f_.facts, c, Breakdown::kEthnicity);
  ASSERT_EQ(eth.size(), 2u);
  EXPECT_EQ(eth[0].label, "B1");  // P2, P4, P6
  EXPECT_EQ(eth[0].figures.reoffenders, 1u);
  Result<measures::UnitRef> south = f_.organisation->Find("L2");
  ASSERT_TRUE(south.ok());
  Result<Cohort> scoped = BuildCohort(*f_.facts, scores_, params_, *south);
  ASSERT_TRUE(scoped.ok());
  EXPECT_EQ(scoped->total.size, 2u);
}

TEST_F(ReoffendingGolden, CalibrationSplitsTheCohortIntoDeciles) {
  const Cohort c = Build(params_);
  const std::vector<DecileRow> deciles = Calibration(c);
  size_t total = 0;
  for (const DecileRow& d : deciles) total += d.figures.size;
  EXPECT_EQ(total, 6u);
  EXPECT_EQ(deciles.back().decile, 10);
  const report::TrendChart chart = report::CalibrationChart(c, deciles);
  EXPECT_EQ(chart.labels.size(), deciles.size());
  EXPECT_NEAR(*chart.targets.front(), kP1 * 100, 1e-9);
}

TEST_F(ReoffendingGolden, FollowUpMustBeOneOrTwoYears) {
  ReoffendingParams p = params_;
  p.follow_up_months = 18;
  EXPECT_FALSE(BuildCohort(*f_.facts, scores_, p).ok());
  p.follow_up_months = 24;  // window to 2011-03-31, proven by 2011-09-30: incomplete
  const Cohort c = Build(p);
  EXPECT_FALSE(c.complete);
}

TEST(SentenceOgrs3Test, LaterSentencesAddASanctionAndBlanksGiveTheReason) {
  AnalyticsFixture f;
  f.Load({{"org_units", kTestOrgUnits},
          {"staff", kTestStaff},
          {"people",
           "crn,surname,forenames,date_of_birth,gender,ethnicity,disability,first_sanction_date,"
           "sanctions\n"
           "X000001,A,B,1979-01-15,M,W1,N,1995-01-15,5\n"
           "X000002,C,D,1979-01-15,U,W1,N,1995-01-15,5\n"
           "X000003,E,F,1979-01-15,F,W1,N,,5\n"},
          {"sentences",
           "crn,event_no,sentence_type,sentence_date,court_code,offence_category,"
           "serious_sexual_violent,start_date,expected_end_date\n"
           // Event 1 is the later one: sentence dates, not event numbers, order them.
           "X000001,1,CO,2010-01-05,MC1,fraud,N,2010-01-05,2011-01-04\n"
           "X000001,2,CO,2008-06-02,MC1,theft,N,2008-06-20,2009-06-01\n"
           "X000002,1,CO,2008-06-02,MC1,theft,N,2008-06-02,2009-06-01\n"
           "X000003,1,CO,2008-06-02,MC1,theft,N,2008-06-02,2009-06-01\n"}});
  Result<Ogrs3Table> table = Ogrs3Table::Load();
  ASSERT_TRUE(table.ok());
  const std::vector<SentenceOgrs3> s = ScoreSentences(*f.snapshot, *table);
  ASSERT_EQ(s.size(), 4u);
  ASSERT_TRUE(s[0].score && s[1].score);
  EXPECT_EQ(s[0].inputs.sanctions, 6);  // one earlier sentence
  EXPECT_EQ(s[1].inputs.sanctions, 5);
  EXPECT_EQ(s[0].inputs.offence_category, "fraud");
  // Taken at commencement: event 2 starts 2008-06-20, when he is 29.
  EXPECT_EQ(s[1].inputs.assessed, *Date::Parse("2008-06-20"));
  EXPECT_EQ(s[1].score->age, 29);
  // Hand-worked: male 30 (2010-01-05), first at 16, 6 sanctions, fraud:
  // x = -1.325976554 + 0.463062792 + 1.251124464 ln(6/24) + 0.159910192
  const double x = -1.325976554 + 0.463062792 + 1.251124464 * std::log(6.0 / 24) + 0.159910192;
  EXPECT_NEAR(s[0].score->one_year, 1 / (1 + std::exp(-(1.402562384 + x))), 1e-12);
  EXPECT_FALSE(s[2].score);
  EXPECT_EQ(s[2].reason, "not known: gender");
  EXPECT_FALSE(s[3].score);
  EXPECT_EQ(s[3].reason, "not known: first sanction date");
}

TEST(ReoffendingMath, AddMonthsAndWilson) {
  EXPECT_EQ(AddMonths(*Date::Parse("2009-03-31"), 12), *Date::Parse("2010-03-31"));
  EXPECT_EQ(AddMonths(*Date::Parse("2010-03-31"), 6), *Date::Parse("2010-09-30"));
  EXPECT_EQ(AddMonths(*Date::Parse("2011-08-31"), 6), *Date::Parse("2012-02-29"));
  double lo = 0, hi = 0;
  WilsonInterval(2, 6, &lo, &hi);
  EXPECT_NEAR(lo, 0.09677141110578041, 1e-12);
  EXPECT_NEAR(hi, 0.700006684861608, 1e-12);
  WilsonInterval(0, 5, &lo, &hi);
  EXPECT_EQ(lo, 0);
  EXPECT_GT(hi, 0.4);
}

}  // namespace
}  // namespace probation::analytics
