// Golden cases worked by hand for both tiering rule sets as shipped (reference/tiering/), at
// each threshold, with a missing assessment, and the readable reasons for a change.
#include "analytics/tiering.h"

#include <gtest/gtest.h>

#include "base/mapped_file.h"
#include "base/reference_files.h"

namespace probation::analytics {
namespace {

TierInputs Assessed(int rosh, int ogrs,
                    std::array<int8_t, kNeedCount> needs = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}) {
  TierInputs in;
  in.assessed = true;
  in.assessment = "X1/1/1";
  in.assessment_date = Date::FromCivil(2011, 2, 3);
  in.rosh = rosh;
  in.ogrs = ogrs;
  in.needs = needs;
  return in;
}

TierInputs With(TierInputs in, std::string type, int mappa_level = 0) {
  in.registrations.push_back({std::move(type), mappa_level, Date::FromCivil(2011, 3, 1)});
  return in;
}

class OmmTierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<OmmRuleSet> rules = LoadOmmRuleSet();
    ASSERT_TRUE(rules.ok()) << rules.status().message();
    rules_ = *rules;
  }
  std::string Tier(const TierInputs& in) { return ComputeOmmTier(rules_, in).tier; }
  OmmRuleSet rules_;
};

TEST_F(OmmTierTest, ShippedRuleSetIsVersioned) {
  EXPECT_EQ(rules_.info.id, "omm");
  EXPECT_EQ(rules_.info.version, 1);
  EXPECT_FALSE(rules_.info.source.empty());
  EXPECT_EQ(rules_.rules.size(), 9u);
}

TEST_F(OmmTierTest, RoshThresholds) {
  EXPECT_EQ(Tier(Assessed(kRoshVeryHigh, 10)), "4");
  EXPECT_EQ(Tier(Assessed(kRoshHigh, 10)), "4");
  EXPECT_EQ(Tier(Assessed(kRoshMedium, 10)), "2");  // medium ROSH alone: help
  EXPECT_EQ(Tier(Assessed(kRoshLow, 10)), "1");
}

TEST_F(OmmTierTest, OgrsThresholds) {
  EXPECT_EQ(Tier(Assessed(kRoshMedium, 49)), "2");
  EXPECT_EQ(Tier(Assessed(kRoshMedium, 50)), "3");  // medium ROSH and OGRS 50+
  EXPECT_EQ(Tier(Assessed(kRoshLow, 49)), "1");
  EXPECT_EQ(Tier(Assessed(kRoshLow, 50)), "2");
  EXPECT_EQ(Tier(Assessed(kRoshLow, 74)), "2");
  EXPECT_EQ(Tier(Assessed(kRoshLow, 75)), "3");
}

TEST_F(OmmTierTest, NeedScoreThresholds) {
  // Need score = sum of the ten severities.
  EXPECT_EQ(Tier(Assessed(kRoshLow, 10, {1, 1, 1, 1, 0, 0, 0, 0, 0, 0})), "1");  // 4
  EXPECT_EQ(Tier(Assessed(kRoshLow, 10, {1, 1, 1, 1, 1, 0, 0, 0, 0, 0})), "2");  // 5
  EXPECT_EQ(Tier(Assessed(kRoshLow, 10, {2, 2, 2, 2, 1, 0, 0, 0, 0, 0})), "2");  // 9
  EXPECT_EQ(Tier(Assessed(kRoshLow, 10, {2, 2, 2, 2, 2, 0, 0, 0, 0, 0})), "3");  // 10
}

TEST_F(OmmTierTest, Registrations) {
  EXPECT_EQ(Tier(With(Assessed(kRoshLow, 10), "MAPPA", 1)), "1");
  EXPECT_EQ(Tier(With(Assessed(kRoshLow, 10), "MAPPA", 2)), "4");
  EXPECT_EQ(Tier(With(Assessed(kRoshLow, 10), "MAPPA", 3)), "4");
  EXPECT_EQ(Tier(With(Assessed(kRoshLow, 10), "PPO")), "4");
  EXPECT_EQ(Tier(With(Assessed(kRoshLow, 10), "IOM")), "1");
}

TEST_F(OmmTierTest, MissingAssessment) {
  TierInputs none;
  const TierResult result = ComputeOmmTier(rules_, none);
  EXPECT_EQ(result.tier, "2");
  ASSERT_EQ(result.because.size(), 1u);
  EXPECT_NE(result.because[0].find("no completed assessment"), std::string::npos);
  // A registration rule still applies without an assessment.
  EXPECT_EQ(Tier(With(none, "PPO")), "4");
}

TEST_F(OmmTierTest, ReasonsNameTheRuleThatHeld) {
  const TierResult r = ComputeOmmTier(rules_, Assessed(kRoshMedium, 62));
  EXPECT_EQ(r.tier, "3");
  ASSERT_EQ(r.because.size(), 2u);
  EXPECT_EQ(r.because[0], "ROSH medium (medium or above)");
  EXPECT_EQ(r.because[1], "OGRS 62% (50% or above)");
}

class ProtectChangeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::string> dir = ReferenceDir();
    ASSERT_TRUE(dir.ok());
    path_ = *dir + "/tiering/protect-change.toml";
    Result<std::string> text = ReadFileToString(path_);
    ASSERT_TRUE(text.ok());
    text_ = *text;
    Result<ProtectChangeRuleSet> rules = ParseProtectChangeRuleSet(path_, text_);
    ASSERT_TRUE(rules.ok()) << rules.status().message();
    rules_ = *rules;
  }
  TierResult Compute(const TierInputs& in) { return ComputeProtectChangeTier(rules_, in); }
  std::string path_, text_;
  ProtectChangeRuleSet rules_;
};

TEST_F(ProtectChangeTest, ProtectLevels) {
  // ROSH low 0 -> D; child protection 2 -> D; medium 10 -> C; medium + child protection 12 ->
  // C; high 20 -> B; high + MAPPA 1 25 -> B; very high 150 -> A; MAPPA 2 150 -> A.
  EXPECT_EQ(Compute(Assessed(kRoshLow, 0)).protect_points, 0);
  EXPECT_EQ(Compute(Assessed(kRoshLow, 0)).tier, "D1");
  EXPECT_EQ(Compute(With(Assessed(kRoshLow, 0), "CHILD_PROTECTION")).tier, "D1");
  EXPECT_EQ(Compute(With(Assessed(kRoshLow, 0), "CHILD_PROTECTION")).protect_points, 2);
  EXPECT_EQ(Compute(Assessed(kRoshMedium, 0)).tier, "C1");
  EXPECT_EQ(Compute(With(Assessed(kRoshMedium, 0), "CHILD_PROTECTION")).protect_points, 12);
  EXPECT_EQ(Compute(Assessed(kRoshHigh, 0)).tier, "B1");
  const TierResult b = Compute(With(Assessed(kRoshHigh, 0), "MAPPA", 1));
  EXPECT_EQ(b.protect_points, 25);
  EXPECT_EQ(b.tier, "B1");
  EXPECT_EQ(Compute(Assessed(kRoshVeryHigh, 0)).tier, "A1");
  EXPECT_EQ(Compute(With(Assessed(kRoshLow, 0), "MAPPA", 2)).tier, "A1");
  EXPECT_EQ(Compute(With(Assessed(kRoshLow, 0), "MAPPA", 3)).protect_points, 150);
  // Registrations that are not complexity factors add nothing to protect.
  EXPECT_EQ(Compute(With(Assessed(kRoshLow, 0), "DOMESTIC_ABUSE")).protect_points, 0);
}

TEST_F(ProtectChangeTest, ProtectThresholdsOneBelow) {
  // The same thresholds with ROSH weights one below each: 9 -> D, 19 -> C, 149 -> B.
  std::string text = text_;
  const std::string from = "rosh_points = { MEDIUM = 10, HIGH = 20, VERY_HIGH = 150 }";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(),
               "rosh_points = { MEDIUM = 9, HIGH = 19, VERY_HIGH = 149 }");
  Result<ProtectChangeRuleSet> below = ParseProtectChangeRuleSet(path_, text);
  ASSERT_TRUE(below.ok()) << below.status().message();
  EXPECT_EQ(ComputeProtectChangeTier(*below, Assessed(kRoshMedium, 0)).tier, "D1");
  EXPECT_EQ(ComputeProtectChangeTier(*below, Assessed(kRoshHigh, 0)).tier, "C1");
  EXPECT_EQ(ComputeProtectChangeTier(*below, Assessed(kRoshVeryHigh, 0)).tier, "B1");
}

TEST_F(ProtectChangeTest, ChangeLevels) {
  // OGRS 90 -> 9 points: level 1. OGRS 99 -> 9 (floor). ETE 1 + OGRS 90 -> 10: level 2.
  EXPECT_EQ(Compute(Assessed(kRoshLow, 90)).change_points, 9);
  EXPECT_EQ(Compute(Assessed(kRoshLow, 90)).tier, "D1");
  EXPECT_EQ(Compute(Assessed(kRoshLow, 99)).change_points, 9);
  const std::array<int8_t, kNeedCount> ete1 = {0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
  EXPECT_EQ(Compute(Assessed(kRoshLow, 90, ete1)).change_points, 10);
  EXPECT_EQ(Compute(Assessed(kRoshLow, 90, ete1)).tier, "D2");
  // OGRS 99 (9) + ETE 2 (2) + thinking 2 x 2 (4) + attitudes 2 x 2 (4) = 19: level 2.
  const std::array<int8_t, kNeedCount> n19 = {0, 2, 0, 0, 0, 0, 0, 0, 2, 2};
  EXPECT_EQ(Compute(Assessed(kRoshLow, 99, n19)).change_points, 19);
  EXPECT_EQ(Compute(Assessed(kRoshLow, 99, n19)).tier, "D2");
  // + drugs 1 = 20: level 3.
  const std::array<int8_t, kNeedCount> n20 = {0, 2, 0, 0, 0, 1, 0, 0, 2, 2};
  EXPECT_EQ(Compute(Assessed(kRoshLow, 99, n20)).tier, "D3");
  // Finance and emotional wellbeing carry no weight.
  const std::array<int8_t, kNeedCount> unweighted = {0, 0, 2, 0, 0, 0, 0, 2, 0, 0};
  EXPECT_EQ(Compute(Assessed(kRoshLow, 0, unweighted)).change_points, 0);
  // IOM adds 2: OGRS 80 (8) + IOM (2) = 10: level 2.
  EXPECT_EQ(Compute(With(Assessed(kRoshLow, 80), "IOM")).change_points, 10);
  EXPECT_EQ(Compute(With(Assessed(kRoshLow, 80), "IOM")).tier, "D2");
}

TEST_F(ProtectChangeTest, MissingAssessmentAndNoMandate) {
  TierInputs none;
  const TierResult r = Compute(none);
  EXPECT_EQ(r.tier, "D2");
  EXPECT_EQ(r.change_points, -1);
  TierInputs restrictive = Assessed(kRoshHigh, 90);
  restrictive.mandate_for_change = false;
  EXPECT_EQ(Compute(restrictive).tier, "B0");
  // A full worked case: ROSH high 20 + MAPPA 1 5 = 25 -> B; OGRS 78 (7) + thinking 2 (4) +
  // accommodation 1 (1) + IOM 2 = 14 -> 2.
  TierInputs in =
      With(With(Assessed(kRoshHigh, 78, {1, 0, 0, 0, 0, 0, 0, 0, 2, 0}), "MAPPA", 1), "IOM");
  const TierResult full = Compute(in);
  EXPECT_EQ(full.tier, "B2");
  EXPECT_EQ(full.protect_points, 25);
  EXPECT_EQ(full.change_points, 14);
  EXPECT_EQ(full.because[0], "protect 25 points -> B, change 14 points -> 2");
}

TEST(TierChangeTest, ReasonsAPractitionerCanRead) {
  TierInputs before = Assessed(kRoshMedium, 45);
  TierInputs after = Assessed(kRoshHigh, 78);
  after.assessment_date = Date::FromCivil(2011, 2, 3);
  EXPECT_EQ(DescribeTierChange(before, after, Date::FromCivil(2011, 3, 31)),
            "ROSH raised to high on 2011-02-03; OGRS rose from 45% to 78% on 2011-02-03");
  const TierInputs mappa = With(before, "MAPPA", 2);
  EXPECT_EQ(DescribeTierChange(before, mappa, Date::FromCivil(2011, 3, 31)),
            "MAPPA level 2 from 2011-03-01");
  EXPECT_EQ(DescribeTierChange(mappa, before, Date::FromCivil(2011, 3, 31)),
            "MAPPA level 2 ended by 2011-03-31");
  EXPECT_EQ(DescribeTierChange(before, before, Date::FromCivil(2011, 3, 31)), "");
  TierInputs lower = Assessed(kRoshLow, 45);
  EXPECT_EQ(DescribeTierChange(before, lower, Date::FromCivil(2011, 3, 31)),
            "ROSH lowered to low on 2011-02-03");
}

TEST(TierInputsTest, TextRoundTrip) {
  TierInputs in =
      With(With(Assessed(kRoshHigh, 78, {0, 2, 1, 1, 1, 0, 2, 0, 2, 1}), "MAPPA", 2), "IOM");
  in.needs[3] = -1;
  in.setting = Setting::kLicence;
  in.mandate_for_change = false;
  in.imported_tier = "3";
  const std::string text = in.ToText();
  EXPECT_EQ(text,
            "rosh=HIGH;ogrs=78;needs=0,2,1,,1,0,2,0,2,1;reg=MAPPA2@2011-03-01,IOM@2011-03-01;"
            "setting=licence;mandate=N;assessment=X1/1/1@2011-02-03;imported=3");
  Result<TierInputs> back = ParseTierInputs(text);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->ToText(), text);
  EXPECT_EQ(back->MappaLevel(), 2);
  TierInputs none;
  Result<TierInputs> empty = ParseTierInputs(none.ToText());
  ASSERT_TRUE(empty.ok()) << empty.status().message();
  EXPECT_FALSE(empty->assessed);
  EXPECT_FALSE(ParseTierInputs("rosh=SEVERE").ok());
}

TEST(TierRuleFileTest, ErrorsNameFileAndLine) {
  const Result<OmmRuleSet> bad = ParseOmmRuleSet(
      "omm.toml",
      "id = \"omm\"\nversion = 1\neffective_from = 2005-04-01\ntitle = \"t\"\nsource = \"s\"\n"
      "default_tier = \"1\"\n[[rules]]\ntier = \"4\"\nrosh_at_least = \"SEVERE\"\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("omm.toml, line 9"), std::string::npos)
      << bad.status().message();
  const Result<OmmRuleSet> empty_rule = ParseOmmRuleSet(
      "omm.toml",
      "id = \"omm\"\nversion = 1\neffective_from = 2005-04-01\ntitle = \"t\"\nsource = \"s\"\n"
      "default_tier = \"1\"\n[[rules]]\ntier = \"4\"\n");
  ASSERT_FALSE(empty_rule.ok());
  EXPECT_NE(empty_rule.status().message().find("at least one condition"), std::string::npos);
}

}  // namespace
}  // namespace probation::analytics
