// An allocation ranking worked by hand, with and without a grade rule.
#include "analytics/allocation.h"

#include <gtest/gtest.h>

namespace probation::analytics {
namespace {

OfficerWorkload Officer(std::string id, std::string grade, int case_points, double available) {
  OfficerWorkload w;
  w.staff_id = std::move(id);
  w.grade = std::move(grade);
  w.case_points = case_points;
  w.available = available;
  return w;
}

class AllocationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<WorkloadPoints> points = WorkloadPoints::Load();
    ASSERT_TRUE(points.ok()) << points.status().message();
    points_ = points->At(Date::FromCivil(2011, 3, 31));
    Result<std::vector<GradeRule>> rules = LoadGradeRules();
    ASSERT_TRUE(rules.ok()) << rules.status().message();
    rules_ = *rules;
    // S1 PO full time 2000 of 2176 (91.9%); S2 PSO 1000 of 2176 (46.0%); S3 PO half time 900
    // of 1088 (82.7%); S4 PO with 7.4 hours of training 1600 of 1740.8 (91.9%).
    officers_ = {Officer("S1", "PO", 2000, 2176), Officer("S2", "PSO", 1000, 2176),
                 Officer("S3", "PO", 900, 1088), Officer("S4", "PO", 1600, 1740.8)};
    for (const OfficerWorkload& w : officers_) pointers_.push_back(&w);
  }
  std::vector<Candidate> Rank(NewCase c) {
    Result<std::vector<Candidate>> ranked = RankOfficers(pointers_, c, points_, rules_);
    EXPECT_TRUE(ranked.ok()) << ranked.status().message();
    return ranked.ok() ? *ranked : std::vector<Candidate>{};
  }
  PointsTable points_;
  std::vector<GradeRule> rules_;
  std::vector<OfficerWorkload> officers_;
  std::vector<const OfficerWorkload*> pointers_;
};

TEST_F(AllocationTest, RankedByCapacityAfter) {
  // B2 community is 115 points: S2 1115/2176 = 51.2%; S3 1015/1088 = 93.3%; S1 2115/2176 =
  // 97.2%; S4 1715/1740.8 = 98.5%.
  const std::vector<Candidate> r = Rank({"B2", Setting::kCommunity, kRoshUnknown});
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].officer->staff_id, "S2");
  EXPECT_EQ(r[1].officer->staff_id, "S3");
  EXPECT_EQ(r[2].officer->staff_id, "S1");
  EXPECT_EQ(r[3].officer->staff_id, "S4");
  EXPECT_EQ(r[0].points, 115);
  EXPECT_NEAR(r[0].after, 1115.0 / 2176 * 100, 1e-9);
  EXPECT_NEAR(r[1].before, 900.0 / 1088 * 100, 1e-9);
  EXPECT_NEAR(r[1].after, 1015.0 / 1088 * 100, 1e-9);
  EXPECT_NEAR(r[2].before, 91.91, 0.01);
  EXPECT_NEAR(r[2].after, 97.20, 0.01);
  EXPECT_NEAR(r[3].after, 98.52, 0.01);
  for (const Candidate& c : r) EXPECT_TRUE(c.eligible);
}

TEST_F(AllocationTest, HighRoshGoesToProbationOfficers) {
  const std::vector<Candidate> r = Rank({"B2", Setting::kCommunity, kRoshHigh});
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].officer->staff_id, "S3");
  EXPECT_EQ(r[1].officer->staff_id, "S1");
  EXPECT_EQ(r[2].officer->staff_id, "S4");
  EXPECT_EQ(r[3].officer->staff_id, "S2");
  EXPECT_FALSE(r[3].eligible);
  EXPECT_EQ(r[3].why_not, "grade PSO: high ROSH or above cases go to PO or SPO");
  // Medium ROSH: no rule applies.
  EXPECT_TRUE(Rank({"B2", Setting::kCommunity, kRoshMedium})[0].eligible);
}

TEST_F(AllocationTest, ProtectLevelAGoesToProbationOfficers) {
  // A licence A3 case is 219 points: S1 2219/2176 = 102.0%, S3 1119/1088 = 102.9%, S4
  // 1819/1740.8 = 104.5%; S2 (PSO, 1219/2176 = 56.0%) would be first but may not hold it.
  const std::vector<Candidate> r = Rank({"A3", Setting::kLicence, kRoshUnknown});
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].officer->staff_id, "S1");
  EXPECT_NEAR(r[0].after, 2219.0 / 2176 * 100, 1e-9);
  EXPECT_EQ(r[1].officer->staff_id, "S3");
  EXPECT_NEAR(r[1].after, 1119.0 / 1088 * 100, 1e-9);
  EXPECT_EQ(r[2].officer->staff_id, "S4");
  EXPECT_EQ(r.back().officer->staff_id, "S2");
  EXPECT_EQ(r.back().why_not, "grade PSO: protect level A cases go to PO or SPO");
}

TEST_F(AllocationTest, BadTier) {
  EXPECT_FALSE(
      RankOfficers(pointers_, {"B5", Setting::kCommunity, kRoshUnknown}, points_, rules_).ok());
}

TEST(GradeRulesTest, Errors) {
  EXPECT_FALSE(
      ParseGradeRules("condition,value,allowed_grades,source\nrosh_at_least,SEVERE,PO,s\n", "r")
          .ok());
  EXPECT_FALSE(ParseGradeRules("condition,value,allowed_grades,source\ngender,F,PO,s\n", "r").ok());
}

}  // namespace
}  // namespace probation::analytics
