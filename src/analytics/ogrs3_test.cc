// OGRS3 against cases worked by hand from the published formula (Howard et al. 2009, as set
// out in docs/reoffending.md): every age band's first and last year for both genders, and
// every offence category. The expected figures were computed independently of this code
// (the formula evaluated term by term in double precision) and are compared to 1e-9.
#include "analytics/ogrs3.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace probation::analytics {
namespace {

Date D(const char* text) { return *Date::Parse(text); }

const Ogrs3Table& Table() {
  static const Ogrs3Table* table = [] {
    Result<Ogrs3Table> t = Ogrs3Table::Load();
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return new Ogrs3Table(std::move(*t));
  }();
  return *table;
}

struct HandCase {
  const char* gender;
  const char* dob;
  const char* first;
  const char* conviction;
  int sanctions;
  const char* offence;
  int age;
  double one_year, two_year;
  const char* band;
};

// Age band edges: born 1980-03-10, first sanction at 10 (1990-03-10), theft, 3 sanctions
// (1 when the conviction is the first sanction); a band's first year is the birthday, its last
// year the day before the next band's birthday. Then every offence category for a man of 25
// (born 1985-07-01, first sanction 2001-08-15 at 16, convicted 2010-09-01, 6 sanctions):
// copas = ln(6 / (10 + 25 - 16)) = ln(6/19).
constexpr HandCase kCases[] = {
    {"M", "1980-03-10", "1990-03-10", "1990-03-10", 1, "theft", 10, 0.333839180792, 0.507067420447,
     "medium"},
    {"M", "1980-03-10", "1990-03-10", "1992-03-09", 3, "theft", 11, 0.711217559421, 0.834856914027,
     "high"},
    {"M", "1980-03-10", "1990-03-10", "1992-03-10", 3, "theft", 12, 0.706068520382, 0.831389756148,
     "high"},
    {"M", "1980-03-10", "1990-03-10", "1994-03-09", 3, "theft", 13, 0.684865345246, 0.816882241426,
     "high"},
    {"M", "1980-03-10", "1990-03-10", "1994-03-10", 3, "theft", 14, 0.662701593489, 0.801309683575,
     "high"},
    {"M", "1980-03-10", "1990-03-10", "1996-03-09", 3, "theft", 15, 0.643144414524, 0.787208680926,
     "high"},
    {"M", "1980-03-10", "1990-03-10", "1996-03-10", 3, "theft", 16, 0.591681851174, 0.748394097625,
     "medium"},
    {"M", "1980-03-10", "1990-03-10", "1998-03-09", 3, "theft", 17, 0.573237749215, 0.733844567864,
     "medium"},
    {"M", "1980-03-10", "1990-03-10", "1998-03-10", 3, "theft", 18, 0.415822053508, 0.593678948329,
     "medium"},
    {"M", "1980-03-10", "1990-03-10", "2001-03-09", 3, "theft", 20, 0.384198022088, 0.561530527420,
     "medium"},
    {"M", "1980-03-10", "1990-03-10", "2001-03-10", 3, "theft", 21, 0.277034118210, 0.440267112135,
     "low"},
    {"M", "1980-03-10", "1990-03-10", "2005-03-09", 3, "theft", 24, 0.244847202980, 0.399597503092,
     "low"},
    {"M", "1980-03-10", "1990-03-10", "2005-03-10", 3, "theft", 25, 0.215426010302, 0.360457256045,
     "low"},
    {"M", "1980-03-10", "1990-03-10", "2010-03-09", 3, "theft", 29, 0.185697143480, 0.318847784033,
     "low"},
    {"M", "1980-03-10", "1990-03-10", "2010-03-10", 3, "theft", 30, 0.157105056436, 0.276721191774,
     "low"},
    {"M", "1980-03-10", "1990-03-10", "2015-03-09", 3, "theft", 34, 0.137463117277, 0.246497780655,
     "low"},
    {"M", "1980-03-10", "1990-03-10", "2015-03-10", 3, "theft", 35, 0.128435989938, 0.232238305332,
     "low"},
    {"M", "1980-03-10", "1990-03-10", "2020-03-09", 3, "theft", 39, 0.114027392745, 0.208976804007,
     "low"},
    {"M", "1980-03-10", "1990-03-10", "2020-03-10", 3, "theft", 40, 0.098538671030, 0.183258520645,
     "low"},
    {"M", "1980-03-10", "1990-03-10", "2030-03-09", 3, "theft", 49, 0.078170183960, 0.148258079440,
     "low"},
    {"M", "1980-03-10", "1990-03-10", "2030-03-10", 3, "theft", 50, 0.046605112453, 0.091191257002,
     "low"},
    {"M", "1980-03-10", "1990-03-10", "2056-03-09", 3, "theft", 75, 0.028592370929, 0.056975927379,
     "low"},
    {"F", "1980-03-10", "1990-03-10", "1990-03-10", 1, "theft", 10, 0.186045951556, 0.319348613136,
     "low"},
    {"F", "1980-03-10", "1990-03-10", "1992-03-09", 3, "theft", 11, 0.529033871302, 0.697497539527,
     "medium"},
    {"F", "1980-03-10", "1990-03-10", "1992-03-10", 3, "theft", 12, 0.544529366332, 0.710483600693,
     "medium"},
    {"F", "1980-03-10", "1990-03-10", "1994-03-09", 3, "theft", 13, 0.519601758586, 0.689458837156,
     "medium"},
    {"F", "1980-03-10", "1990-03-10", "1994-03-10", 3, "theft", 14, 0.482522046540, 0.656830834430,
     "medium"},
    {"F", "1980-03-10", "1990-03-10", "1996-03-09", 3, "theft", 15, 0.461014548075, 0.637119651975,
     "medium"},
    {"F", "1980-03-10", "1990-03-10", "1996-03-10", 3, "theft", 16, 0.371295525972, 0.547972056441,
     "medium"},
    {"F", "1980-03-10", "1990-03-10", "1998-03-09", 3, "theft", 17, 0.353769210228, 0.529124828956,
     "medium"},
    {"F", "1980-03-10", "1990-03-10", "1998-03-10", 3, "theft", 18, 0.351528892910, 0.526679075259,
     "medium"},
    {"F", "1980-03-10", "1990-03-10", "2001-03-09", 3, "theft", 20, 0.322098486141, 0.493749983745,
     "low"},
    {"F", "1980-03-10", "1990-03-10", "2001-03-10", 3, "theft", 21, 0.281669625953, 0.445949170320,
     "low"},
    {"F", "1980-03-10", "1990-03-10", "2005-03-09", 3, "theft", 24, 0.249129727713, 0.405134589551,
     "low"},
    {"F", "1980-03-10", "1990-03-10", "2005-03-10", 3, "theft", 25, 0.235300074682, 0.387109522843,
     "low"},
    {"F", "1980-03-10", "1990-03-10", "2010-03-09", 3, "theft", 29, 0.203540093051, 0.344078679088,
     "low"},
    {"F", "1980-03-10", "1990-03-10", "2010-03-10", 3, "theft", 30, 0.184962804569, 0.317792391904,
     "low"},
    {"F", "1980-03-10", "1990-03-10", "2015-03-09", 3, "theft", 34, 0.162509470919, 0.284849838365,
     "low"},
    {"F", "1980-03-10", "1990-03-10", "2015-03-10", 3, "theft", 35, 0.122529913858, 0.222779019492,
     "low"},
    {"F", "1980-03-10", "1990-03-10", "2020-03-09", 3, "theft", 39, 0.108701254074, 0.200217900489,
     "low"},
    {"F", "1980-03-10", "1990-03-10", "2020-03-10", 3, "theft", 40, 0.096343503231, 0.179551944607,
     "low"},
    {"F", "1980-03-10", "1990-03-10", "2030-03-09", 3, "theft", 49, 0.076390318160, 0.145133624596,
     "low"},
    {"F", "1980-03-10", "1990-03-10", "2030-03-10", 3, "theft", 50, 0.030981464376, 0.061586306318,
     "low"},
    {"F", "1980-03-10", "1990-03-10", "2056-03-09", 3, "theft", 75, 0.018887589878, 0.038014245910,
     "low"},
    {"M", "1985-07-01", "2001-08-15", "2010-09-01", 6, "violence", 25, 0.322304865884,
     0.493986202008, "low"},
    {"M", "1985-07-01", "2001-08-15", "2010-09-01", 6, "robbery", 25, 0.201331114852,
     0.340997481620, "low"},
    {"M", "1985-07-01", "2001-08-15", "2010-09-01", 6, "public_order", 25, 0.363250957667,
     0.539383652015, "medium"},
    {"M", "1985-07-01", "2001-08-15", "2010-09-01", 6, "sexual_adult", 25, 0.323020912005,
     0.494805180671, "low"},
    {"M", "1985-07-01", "2001-08-15", "2010-09-01", 6, "sexual_child", 25, 0.198350833142,
     0.336821644131, "low"},
    {"M", "1985-07-01", "2001-08-15", "2010-09-01", 6, "soliciting", 25, 0.504352193070,
     0.676241524673, "medium"},
    {"M", "1985-07-01", "2001-08-15", "2010-09-01", 6, "burglary_domestic", 25, 0.295849097231,
     0.463067421543, "low"},
    {"M", "1985-07-01", "2001-08-15", "2010-09-01", 6, "burglary_other", 25, 0.376930977268,
     0.553926452348, "medium"},
    {"M", "1985-07-01", "2001-08-15", "2010-09-01", 6, "theft", 25, 0.479522629113, 0.654117520824,
     "medium"},
    {"M", "1985-07-01", "2001-08-15", "2010-09-01", 6, "handling", 25, 0.403396528008,
     0.581226572036, "medium"},
    {"M", "1985-07-01", "2001-08-15", "2010-09-01", 6, "fraud", 25, 0.358176042083, 0.533911319667,
     "medium"},
    {"M", "1985-07-01", "2001-08-15", "2010-09-01", 6, "absconding", 25, 0.497544777475,
     0.670251401111, "medium"},
    {"M", "1985-07-01", "2001-08-15", "2010-09-01", 6, "twoc", 25, 0.410199621541, 0.588072549015,
     "medium"},
    {"M", "1985-07-01", "2001-08-15", "2010-09-01", 6, "theft_from_vehicle", 25, 0.421657219453,
     0.599448870877, "medium"},
    {"M", "1985-07-01", "2001-08-15", "2010-09-01", 6, "other_motoring", 25, 0.382022812477,
     0.559263137075, "medium"},
    {"M", "1985-07-01", "2001-08-15", "2010-09-01", 6, "drink_driving", 25, 0.296371026421,
     0.463690091157, "low"},
    {"M", "1985-07-01", "2001-08-15", "2010-09-01", 6, "criminal_damage", 25, 0.368597291411,
     0.545103093491, "medium"},
    {"M", "1985-07-01", "2001-08-15", "2010-09-01", 6, "drug_import", 25, 0.176716185775,
     0.305845873801, "low"},
    {"M", "1985-07-01", "2001-08-15", "2010-09-01", 6, "drug_possession", 25, 0.339385513001,
     0.513274259750, "medium"},
    {"M", "1985-07-01", "2001-08-15", "2010-09-01", 6, "other", 25, 0.309198901806, 0.478831691642,
     "low"},
};

TEST(Ogrs3Test, HandWorkedCasesAtEveryAgeBandEdgeAndOffenceCategory) {
  ASSERT_EQ(std::size(kCases), 2u * 22 + 20);
  for (const HandCase& c : kCases) {
    Ogrs3Inputs in;
    in.gender = std::string(c.gender) == "M" ? Gender::kMale : Gender::kFemale;
    in.date_of_birth = D(c.dob);
    in.first_sanction = D(c.first);
    in.conviction = D(c.conviction);
    in.assessed = in.conviction;
    in.sanctions = c.sanctions;
    in.offence_category = c.offence;
    Result<Ogrs3Score> s = ComputeOgrs3(Table(), in);
    const std::string what = std::string(c.gender) + " " + c.conviction + " " + c.offence;
    ASSERT_TRUE(s.ok()) << what << ": " << s.status().ToString();
    EXPECT_EQ(s->age, c.age) << what;
    EXPECT_NEAR(s->one_year, c.one_year, 1e-9) << what;
    EXPECT_NEAR(s->two_year, c.two_year, 1e-9) << what;
    EXPECT_EQ(Ogrs3BandName(s->band), c.band) << what;
  }
}

TEST(Ogrs3Test, TermsOfOneCaseByHand) {
  // Woman, 30 on 2010-05-04, first sanction at 17, 4 sanctions, fraud.
  // copas = ln(4 / (10 + 30 - 17)) = ln(4/23) = -1.749199854809259
  // x = -1.129127959 + 0.463062792 + 1.251124464 * -1.749199854809259 + 0.159910192
  //   = -2.694621705777...; p1 = 1/(1+e^-(1.402562384+x)), p2 = 1/(1+e^-(2.121705678+x))
  Ogrs3Inputs in;
  in.gender = Gender::kFemale;
  in.date_of_birth = D("1980-05-04");
  in.first_sanction = D("1997-06-01");
  in.conviction = D("2010-05-04");
  in.assessed = in.conviction;
  in.sanctions = 4;
  in.offence_category = "fraud";
  Result<Ogrs3Score> s = ComputeOgrs3(Table(), in);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->age_first, 17);
  EXPECT_NEAR(s->copas, -1.749199854809259, 1e-12);
  const double x = -1.129127959 + 0.463062792 + 1.251124464 * -1.749199854809259 + 0.159910192;
  EXPECT_NEAR(s->x, x, 1e-12);
  EXPECT_NEAR(s->one_year, 1 / (1 + std::exp(-(1.402562384 + x))), 1e-12);
  EXPECT_NEAR(s->two_year, 0.360564239289472, 1e-9);
}

TEST(Ogrs3Test, AgeIsCountedToTheAssessedDate) {
  // Convicted at 20, order commences after the 21st birthday: the 21-24 band applies.
  Ogrs3Inputs in;
  in.date_of_birth = D("1990-01-10");
  in.first_sanction = D("2005-01-01");
  in.conviction = D("2010-12-20");
  in.assessed = D("2011-01-10");
  in.sanctions = 2;
  in.offence_category = "violence";
  Result<Ogrs3Score> s = ComputeOgrs3(Table(), in);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->age, 21);
  EXPECT_EQ(s->age_band, 5);
}

TEST(Ogrs3Test, LeapDayBirthdayFallsOnFirstMarch) {
  EXPECT_EQ(AgeInYears(D("1992-02-29"), D("2010-02-28")), 17);
  EXPECT_EQ(AgeInYears(D("1992-02-29"), D("2010-03-01")), 18);
  EXPECT_EQ(AgeInYears(D("1992-02-29"), D("2012-02-29")), 20);
}

TEST(Ogrs3Test, BandsAreOnTheTwoYearScoreAtTheirEdges) {
  Ogrs3Table t = Table();
  // Solve for the offence weight that puts p2 exactly on an edge, then step either side.
  auto band_at = [&](double percent, double nudge) {
    Ogrs3Table u = t;
    // x such that p2 = percent/100; with violence weight w, man 25-29, first sanction.
    const double target_x = -std::log(100.0 / percent - 1) - t.intercept_2y;
    const double base = t.age_male[6] + t.first_sanction + t.copas * std::log(1.0 / 10.0);
    u.offences[0].second = target_x - base + nudge;
    Ogrs3Inputs in;
    in.date_of_birth = D("1980-01-01");
    in.first_sanction = D("2007-06-01");
    in.conviction = in.first_sanction;
    in.assessed = in.conviction;
    in.offence_category = "violence";
    return ComputeOgrs3(u, in)->band;
  };
  EXPECT_EQ(band_at(50, -1e-9), Ogrs3Band::kLow);
  EXPECT_EQ(band_at(50, 1e-9), Ogrs3Band::kMedium);
  EXPECT_EQ(band_at(75, -1e-9), Ogrs3Band::kMedium);
  EXPECT_EQ(band_at(75, 1e-9), Ogrs3Band::kHigh);
  EXPECT_EQ(band_at(90, -1e-9), Ogrs3Band::kHigh);
  EXPECT_EQ(band_at(90, 1e-9), Ogrs3Band::kVeryHigh);
}

TEST(Ogrs3Test, InvalidInputsGiveTheReason) {
  Ogrs3Inputs in;
  in.date_of_birth = D("2000-06-01");
  in.first_sanction = D("2009-07-01");
  in.conviction = D("2010-05-31");  // 9 years old
  in.assessed = in.conviction;
  in.sanctions = 1;
  in.offence_category = "theft";
  Result<Ogrs3Score> s = ComputeOgrs3(Table(), in);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("age at conviction is 9"), std::string::npos)
      << s.status().message();

  in.conviction = D("2010-06-01");  // 10 today: valid, but first sanction is after it
  in.assessed = in.conviction;
  in.first_sanction = D("2010-06-02");
  s = ComputeOgrs3(Table(), in);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("after the current conviction"), std::string::npos);

  in.first_sanction = D("2010-06-01");
  ASSERT_TRUE(ComputeOgrs3(Table(), in).ok());
  in.offence_category = "arson";
  s = ComputeOgrs3(Table(), in);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("'arson'"), std::string::npos);

  in.offence_category = "theft";
  in.sanctions = 0;
  EXPECT_FALSE(ComputeOgrs3(Table(), in).ok());
  in.sanctions = 1;
  in.assessed = D("2010-05-01");
  EXPECT_FALSE(ComputeOgrs3(Table(), in).ok());
}

TEST(Ogrs3Test, TableFileIsCheckedWhole) {
  Result<Ogrs3Table> missing = Ogrs3Table::FromCsv("item,key,value\nversion,,x\n", "t.csv");
  ASSERT_FALSE(missing.ok());
  Result<Ogrs3Table> bad = Ogrs3Table::FromCsv("item,key,value\nintercept_1y,,abc\n", "t.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("t.csv, line 2"), std::string::npos)
      << bad.status().message();
  Result<Ogrs3Table> twice = Ogrs3Table::FromCsv("item,key,value\ncopas,,1\ncopas,,2\n", "t.csv");
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.status().message().find("copas is given twice"), std::string::npos)
      << twice.status().message();
  EXPECT_EQ(Table().version, "OGRS3-2009");
  EXPECT_EQ(Table().offences.size(), 20u);
}

}  // namespace
}  // namespace probation::analytics
