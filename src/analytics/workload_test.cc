// Golden cases worked by hand for workload points, available points and capacity, with
// reductions that start, are capped and expire.
#include "analytics/workload.h"

#include "analytics/workload_reductions.h"
#include "store/schema.h"

#include <gtest/gtest.h>

namespace probation::analytics {
namespace {

Date D(int y, int m, int d) { return Date::FromCivil(y, m, d); }

TEST(TierIndexTest, OrderOfThePointsTable) {
  EXPECT_EQ(TierIndex("A3"), 0);
  EXPECT_EQ(TierIndex("A0"), 3);
  EXPECT_EQ(TierIndex("B2"), 5);
  EXPECT_EQ(TierIndex("D0"), 15);
  EXPECT_EQ(TierIndex("E1"), -1);
  EXPECT_EQ(TierIndex("B4"), -1);
  EXPECT_EQ(TierIndex("4"), -1);
  for (int i = 0; i < kTierCount; ++i) EXPECT_EQ(TierIndex(TierName(i)), i);
}

TEST(WorkloadPointsTest, ShippedTableHasTheSeedValues) {
  Result<WorkloadPoints> points = WorkloadPoints::Load();
  ASSERT_TRUE(points.ok()) << points.status().message();
  const PointsTable& t = points->At(D(2011, 3, 31));
  EXPECT_EQ(CasePoints(t, Setting::kCommunity, "A3"), 206);
  EXPECT_EQ(CasePoints(t, Setting::kCommunity, "B2"), 115);
  EXPECT_EQ(CasePoints(t, Setting::kCommunity, "D0"), 29);
  EXPECT_EQ(CasePoints(t, Setting::kLicence, "A3"), 219);
  EXPECT_EQ(CasePoints(t, Setting::kLicence, "A0"), 0);
  EXPECT_EQ(CasePoints(t, Setting::kLicence, "C1"), 52);
  EXPECT_EQ(CasePoints(t, Setting::kCustody, "B3"), 59);
  EXPECT_EQ(CasePoints(t, Setting::kCustody, "D1"), 13);
  EXPECT_EQ(CasePoints(t, Setting::kCustody, "X9"), 0);
  EXPECT_EQ(t.sdr_points, 138);
  EXPECT_EQ(t.fdr_points, 65);
  EXPECT_EQ(t.nominal_points, 2176);
  EXPECT_EQ(t.nominal_hours, 37);
  EXPECT_EQ(t.red_over_percent, 110);
}

std::string Version(const std::string& date, int b2_points) {
  std::string out;
  const char* settings[] = {"community", "licence", "custody"};
  for (const char* s : settings) {
    for (int i = 0; i < kTierCount; ++i) {
      out += date + "," + s + "." + TierName(i) + "," +
             std::to_string(std::string(s) == "community" && i == 5 ? b2_points : 10) + ",x\n";
    }
  }
  out += date + ",report.SDR,138,x\n" + date + ",report.FDR,65,x\n" + date +
         ",report.window_days,28,x\n" + date + ",nominal.points,2176,x\n" + date +
         ",nominal.hours,37,x\n" + date + ",capacity.red_over_percent,110,x\n";
  return out;
}

TEST(WorkloadPointsTest, VersionsByEffectiveDate) {
  const std::string text = "effective_from,item,value,source\n" + Version("2010-04-01", 115) +
                           Version("2011-04-01", 120);
  Result<WorkloadPoints> points = WorkloadPoints::FromCsv(text, "points.csv");
  ASSERT_TRUE(points.ok()) << points.status().message();
  EXPECT_EQ(CasePoints(points->At(D(2009, 1, 1)), Setting::kCommunity, "B2"), 115);  // earliest
  EXPECT_EQ(CasePoints(points->At(D(2011, 3, 31)), Setting::kCommunity, "B2"), 115);
  EXPECT_EQ(CasePoints(points->At(D(2011, 4, 1)), Setting::kCommunity, "B2"), 120);
}

TEST(WorkloadPointsTest, AnIncompleteVersionIsAnError) {
  std::string text = "effective_from,item,value,source\n" + Version("2010-04-01", 115);
  text = text.substr(0, text.rfind("2010-04-01,capacity"));
  Result<WorkloadPoints> points = WorkloadPoints::FromCsv(text, "points.csv");
  ASSERT_FALSE(points.ok());
  EXPECT_NE(points.status().message().find("has 53 items"), std::string::npos)
      << points.status().message();
  Result<WorkloadPoints> unknown = WorkloadPoints::FromCsv(
      "effective_from,item,value,source\n2010-04-01,report.PSR,1,x\n", "points.csv");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("points.csv, line 2"), std::string::npos);
}

class ReductionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::vector<ReductionCap>> caps = LoadReductionCaps();
    ASSERT_TRUE(caps.ok()) << caps.status().message();
    caps_ = *caps;
  }
  Reduction Make(std::string type, double hours, Date start, std::optional<Date> end) {
    return Reduction{"S1", 1, std::move(type), hours, start, end, ""};
  }
  std::vector<ReductionCap> caps_;
};

TEST_F(ReductionsTest, StartAndEndInclusive) {
  const std::vector<Reduction> r = {Make("TRAINING", 7.4, D(2011, 1, 10), D(2011, 6, 30))};
  EXPECT_EQ(ApplyReductions(r, caps_, 37, D(2011, 1, 9)).hours, 0);
  EXPECT_DOUBLE_EQ(ApplyReductions(r, caps_, 37, D(2011, 1, 10)).hours, 7.4);
  EXPECT_DOUBLE_EQ(ApplyReductions(r, caps_, 37, D(2011, 6, 30)).hours, 7.4);
  EXPECT_EQ(ApplyReductions(r, caps_, 37, D(2011, 7, 1)).hours, 0);
}

TEST_F(ReductionsTest, CappedAtThePercentOfContractedHours) {
  // Training is capped at 20%: 10 hours on a 37-hour week -> 7.4; on 18.5 hours -> 3.7.
  const std::vector<Reduction> r = {Make("TRAINING", 10, D(2011, 1, 10), D(2011, 6, 30))};
  const AppliedReductions full = ApplyReductions(r, caps_, 37, D(2011, 3, 1));
  EXPECT_DOUBLE_EQ(full.hours, 7.4);
  ASSERT_EQ(full.notes.size(), 1u);
  EXPECT_EQ(full.notes[0], "TRAINING 10.0h capped at 7.4h (20% of contracted)");
  EXPECT_DOUBLE_EQ(ApplyReductions(r, caps_, 18.5, D(2011, 3, 1)).hours, 3.7);
}

TEST_F(ReductionsTest, WithoutAnEndDateTheCapExpiresIt) {
  // Sickness from Monday 3 January 2011 without an end: 26 weeks = 182 days, so the last day
  // is 3 July 2011 and it has expired on 4 July.
  const std::vector<Reduction> r = {Make("SICKNESS", 37, D(2011, 1, 3), std::nullopt)};
  EXPECT_DOUBLE_EQ(ApplyReductions(r, caps_, 37, D(2011, 7, 3)).hours, 37);
  EXPECT_EQ(ApplyReductions(r, caps_, 37, D(2011, 7, 4)).hours, 0);
  // Union duties have no expiry (max_weeks 0): still in force years later.
  const std::vector<Reduction> u = {Make("UNION", 5, D(2008, 1, 1), std::nullopt)};
  EXPECT_DOUBLE_EQ(ApplyReductions(u, caps_, 37, D(2011, 7, 4)).hours, 5);
}

TEST_F(ReductionsTest, TotalCappedAtContractedHours) {
  const std::vector<Reduction> r = {Make("SICKNESS", 37, D(2011, 1, 3), D(2011, 12, 31)),
                                    Make("UNION", 10, D(2011, 1, 3), D(2011, 12, 31))};
  const AppliedReductions applied = ApplyReductions(r, caps_, 37, D(2011, 3, 1));
  EXPECT_DOUBLE_EQ(applied.hours, 37);
  EXPECT_EQ(applied.notes.back(), "total capped at the contracted 37.0h");
}

TEST_F(ReductionsTest, ReadFromCsv) {
  const std::string header =
      "staff_id,reduction_no,reduction_type,hours,start_date,end_date,note\n";
  Result<std::vector<Reduction>> ok = ParseReductionsCsv(
      header + "S1,1,TRAINING,7.4,2011-01-10,2011-12-31,PQF\nS2,1,SICKNESS,37,2011-03-01,,\n",
      "r.csv", caps_);
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  ASSERT_EQ(ok->size(), 2u);
  EXPECT_EQ((*ok)[0].hours, 7.4);
  EXPECT_EQ((*ok)[0].end, D(2011, 12, 31));
  EXPECT_FALSE((*ok)[1].end.has_value());
  const auto error = [&](const std::string& row) {
    Result<std::vector<Reduction>> r = ParseReductionsCsv(header + row, "r.csv", caps_);
    return r.ok() ? std::string() : r.status().message();
  };
  EXPECT_NE(error("S1,1,HOLIDAY,7.4,2011-01-10,,\n")
                .find("r.csv, line 2: reduction_type "
                      "'HOLIDAY' is not one of"),
            std::string::npos);
  EXPECT_NE(error("S1,1,TRAINING,0,2011-01-10,,\n").find("hours"), std::string::npos);
  EXPECT_NE(error("S1,1,TRAINING,7,2011-01-10,2011-01-09,\n").find("before start_date"),
            std::string::npos);
  EXPECT_NE(error("S1,0,TRAINING,7,2011-01-10,,\n").find("reduction_no"), std::string::npos);
}

TEST_F(ReductionsTest, StoredAndReadBackReplacingByKey) {
  Result<std::unique_ptr<Database>> db = OpenStore(":memory:");
  ASSERT_TRUE(db.ok()) << db.status().message();
  const Reduction training = Make("TRAINING", 7.4, D(2011, 1, 10), D(2011, 12, 31));
  const Status unknown = SaveReductions(db->get(), {training});
  EXPECT_EQ(unknown.message(), "no member of staff 'S1' for reduction 1");
  ASSERT_TRUE((*db)
                  ->Execute("INSERT INTO staff (staff_id, surname, forenames, team_code, grade, "
                            "fte, start_date) VALUES ('S1', 'Ash', 'Amy', 'TM1', 'PO', 1, "
                            "'2000-01-04')")
                  .ok());
  ASSERT_TRUE(SaveReductions(db->get(), {training}).ok());
  Reduction longer = training;
  longer.hours = 5;
  longer.end.reset();
  ASSERT_TRUE(SaveReductions(db->get(), {longer}).ok());
  Result<std::vector<Reduction>> read = ReadReductions(db->get());
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ((*read)[0].hours, 5);
  EXPECT_EQ((*read)[0].start, D(2011, 1, 10));
  EXPECT_FALSE((*read)[0].end.has_value());
}

TEST(CapacityTest, AvailablePointsAndCapacity) {
  PointsTable t;
  t.nominal_points = 2176;
  t.nominal_hours = 37;
  // Full time, no reduction: 2176. With 7.4 hours of training: 2176 x 29.6 / 37 = 1740.8.
  EXPECT_DOUBLE_EQ(AvailablePoints(t, 37, 0), 2176);
  EXPECT_NEAR(AvailablePoints(t, 37, 7.4), 1740.8, 1e-9);
  // Half time (0.5 FTE, 18.5 hours): 1088; with 3.7 hours off: 1088 x 14.8 / 18.5 = 870.4.
  EXPECT_DOUBLE_EQ(AvailablePoints(t, 18.5, 0), 1088);
  EXPECT_NEAR(AvailablePoints(t, 18.5, 3.7), 870.4, 1e-9);
  EXPECT_EQ(AvailablePoints(t, 0, 0), 0);
  // 1958.4 points on 1740.8 available: 112.5%, red (over 110).
  EXPECT_NEAR(CapacityPercent(1958.4, 1740.8), 112.5, 1e-9);
  EXPECT_EQ(CapacityPercent(0, 0), 0);
  EXPECT_EQ(CapacityPercent(100, 0), 999.9);
}

TEST(ReductionCapsTest, Errors) {
  EXPECT_FALSE(
      ParseReductionCaps("reduction_type,max_percent,max_weeks,source\nX,120,0,s\n", "caps.csv")
          .ok());
  EXPECT_FALSE(ParseReductionCaps(
                   "reduction_type,max_percent,max_weeks,source\nX,10,0,s\nX,20,0,s\n", "caps.csv")
                   .ok());
}

}  // namespace
}  // namespace probation::analytics
