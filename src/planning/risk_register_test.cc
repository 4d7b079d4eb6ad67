#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "base/mapped_file.h"
#include "base/reference_files.h"
#include "planning/resources_file.h"
#include "planning/resources_store.h"
#include "planning/risk_queries.h"
#include "planning/risk_register_file.h"
#include "planning/risk_store.h"
#include "store/schema.h"

namespace probation::planning {
namespace {

const std::string kExamples = std::string(PROBATION_SOURCE_DIR) + "/examples";

RiskMatrix Matrix() {
  Result<RiskMatrix> m =
      RiskMatrix::FromFile(std::string(PROBATION_SOURCE_DIR) + "/reference/risk_matrix.csv");
  EXPECT_TRUE(m.ok()) << m.status().message();
  return *m;
}

Result<RiskThresholds> Thresholds(std::string_view name) {
  return RiskThresholds::FromFile(std::string(PROBATION_SOURCE_DIR) + "/reference/" +
                                  std::string(name));
}

Result<RiskRegister> Parse(const std::string& text) {
  return ParseRiskRegister(text, "test.toml", Matrix(), Thresholds);
}

constexpr const char* kHeader = R"(id = "t"
organisation = "Test"
title = "Test register"
period = "2008-09"
)";

TEST(RiskRegisterTest, ShippedMatrixReproducesThePublishedPairs) {
  const RiskMatrix m = Matrix();
  EXPECT_TRUE(m.CheckPublishedPairs().ok());
  for (const PublishedScore& p : kPublishedScores)
    EXPECT_EQ(m.Score(p.likelihood, p.impact), p.score);
}

TEST(RiskRegisterTest, Thresholds) {
  Result<RiskThresholds> t = Thresholds("risk_thresholds.csv");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->StatusOf(1), RiskStatus::kGreen);
  EXPECT_EQ(t->StatusOf(10), RiskStatus::kGreen);
  EXPECT_EQ(t->StatusOf(11), RiskStatus::kAmber);
  EXPECT_EQ(t->StatusOf(18), RiskStatus::kAmber);
  EXPECT_EQ(t->StatusOf(19), RiskStatus::kRed);
  EXPECT_EQ(t->StatusOf(22), RiskStatus::kRed);
  EXPECT_EQ(t->StatusOf(23), RiskStatus::kBlack);
  EXPECT_TRUE(t->CommentRequired(RiskStatus::kRed));
  EXPECT_FALSE(t->CommentRequired(RiskStatus::kAmber));
  Result<RiskThresholds> gap = RiskThresholds::FromCsv(
      "status,min_score,max_score,comment_required\ngreen,1,10,no\nred,12,25,yes\n", "x.csv");
  ASSERT_FALSE(gap.ok());
  EXPECT_NE(gap.status().message().find("no band covers score 11"), std::string::npos);
}

TEST(RiskRegisterTest, ExampleRegistersRoundTripThroughFileAndStore) {
  Result<std::unique_ptr<Database>> db = OpenStore(":memory:");
  ASSERT_TRUE(db.ok());
  for (const char* name : {"nps-2005-06", "derbyshire-2008-09"}) {
    SCOPED_TRACE(name);
    const std::string path = kExamples + "/risks/" + name + ".toml";
    Result<std::string> text = ReadFileToString(path);
    ASSERT_TRUE(text.ok());
    Result<RiskRegister> first = ParseRiskRegister(*text, path, Matrix(), Thresholds);
    ASSERT_TRUE(first.ok()) << first.status().message();
    const std::string written = WriteRiskRegister(*first);
    Result<RiskRegister> second = ParseRiskRegister(written, "written", Matrix(), Thresholds);
    ASSERT_TRUE(second.ok()) << second.status().message() << "\n" << written;
    EXPECT_EQ(*first, *second);
    ASSERT_TRUE(SaveRegister(db->get(), *first).ok());
    Result<std::vector<RiskRegister>> loaded = LoadRegisters(db->get(), name);
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    EXPECT_EQ(loaded->front(), *first);
  }
  Result<std::vector<RiskRegister>> all = LoadRegisters(db->get());
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u);
}

TEST(RiskRegisterTest, NpsRegisterHasEveryPublishedRisk) {
  Result<RiskRegister> reg = ReadRiskRegisterFile(kExamples + "/risks/nps-2005-06.toml", Matrix());
  // ReadRiskRegisterFile finds thresholds through PROBATION_REFERENCE_DIR (set by ctest).
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  EXPECT_EQ(reg->risks.size(), 23u);
  int published = 0;
  for (const Risk& r : reg->risks) published += r.published_score.has_value();
  EXPECT_EQ(published, 23);
}

TEST(RiskRegisterTest, PublishedScoreMustMatchTheMatrix) {
  Result<RiskRegister> reg = Parse(std::string(kHeader) + R"(
[[risks]]
reference = "1"
description = "x"
residual = { likelihood = "M", impact = "H", score = 18 }
comments = "c"
)");
  ASSERT_FALSE(reg.ok());
  EXPECT_NE(reg.status().message().find("test.toml, line 9"), std::string::npos)
      << reg.status().message();
  EXPECT_NE(reg.status().message().find("scores M/H (likelihood/impact) 19"), std::string::npos);
}

TEST(RiskRegisterTest, RedAndBlackRisksNeedComments) {
  const std::string risk = R"(
[[risks]]
reference = "1"
description = "x"
residual = { likelihood = "H", impact = "VH" }
)";
  Result<RiskRegister> reg = Parse(std::string(kHeader) + risk);
  ASSERT_FALSE(reg.ok());
  EXPECT_NE(reg.status().message().find("'comments' are required for a black risk"),
            std::string::npos)
      << reg.status().message();
  EXPECT_TRUE(Parse(std::string(kHeader) + risk + "comments = \"in hand\"\n").ok());
  EXPECT_TRUE(Parse(std::string(kHeader) + "summary = true\n" + risk).ok());
  // Amber needs none.
  EXPECT_TRUE(Parse(std::string(kHeader) + "[[risks]]\nreference = \"1\"\ndescription = \"x\"\n"
                                           "residual = { likelihood = \"M\", impact = \"M\" }\n")
                  .ok());
}

TEST(RiskRegisterTest, UnknownKeysAreErrors) {
  Result<RiskRegister> reg = Parse(
      std::string(kHeader) + "[[risks]]\nreference = \"1\"\ndescription = \"x\"\nowenr = \"y\"\n");
  ASSERT_FALSE(reg.ok());
  EXPECT_NE(reg.status().message().find("line 8, column 1: unknown key 'owenr' in risk 1"),
            std::string::npos)
      << reg.status().message();
}

RiskRegister HandMade() {
  Result<RiskRegister> reg = Parse(std::string(kHeader) + R"(
[[risks]]
reference = "a"
description = "x"
residual = { likelihood = "M", impact = "H" }
comments = "red"
next_review = 2008-06-30
[[risks]]
reference = "b"
description = "y"
inherent = { likelihood = "H", impact = "H" }
residual = { likelihood = "M", impact = "H" }
comments = "red"
next_review = 2008-07-31
[[risks]]
reference = "c"
description = "z"
residual = { likelihood = "L", impact = "L" }
[[risks]]
reference = "d"
description = "unrated"
)");
  EXPECT_TRUE(reg.ok()) << reg.status().message();
  return *reg;
}

TEST(RiskQueriesTest, HeatMapCounts) {
  const RiskRegister reg = HandMade();
  Result<RiskThresholds> t = Thresholds("risk_thresholds.csv");
  const std::vector<ScoredRisk> scored = ScoreRisks(reg, Matrix(), *t);
  const HeatMap residual = MakeHeatMap(scored);
  EXPECT_EQ(residual.counts[2][3], 2);  // M/H
  EXPECT_EQ(residual.counts[1][1], 1);  // L/L
  EXPECT_EQ(residual.Total(), 3);
  EXPECT_EQ(residual.unrated, 1);
  const HeatMap inherent = MakeHeatMap(scored, RatingKind::kInherent);
  EXPECT_EQ(inherent.counts[3][3], 1);
  EXPECT_EQ(inherent.unrated, 3);
  const std::string text = HeatMapText(residual, nullptr);
  EXPECT_NE(text.find("M         .    .    .    2    ."), std::string::npos) << text;
  const std::vector<ScoredRisk> top = TopRisks(scored, 2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].risk->reference, "a");
  EXPECT_EQ(*top[0].residual_score, 19);
  EXPECT_EQ(top[0].status, RiskStatus::kRed);
}

TEST(RiskQueriesTest, PastReviewIsTheDayAfter) {
  const RiskRegister reg = HandMade();
  const std::vector<ScoredRisk> scored =
      ScoreRisks(reg, Matrix(), *Thresholds("risk_thresholds.csv"));
  EXPECT_TRUE(PastReview(scored, Date::FromCivil(2008, 6, 30)).empty());
  const std::vector<ScoredRisk> past = PastReview(scored, Date::FromCivil(2008, 7, 1));
  ASSERT_EQ(past.size(), 1u);
  EXPECT_EQ(past[0].risk->reference, "a");
  EXPECT_EQ(PastReview(scored, Date::FromCivil(2008, 8, 1)).size(), 2u);
}

TEST(RiskStoreTest, ReviewReRatesAndNeedsAComment) {
  Result<std::unique_ptr<Database>> db = OpenStore(":memory:");
  ASSERT_TRUE(db.ok());
  const RiskRegister reg = HandMade();
  ASSERT_TRUE(SaveRegister(db->get(), reg).ok());
  const RiskThresholds t = *Thresholds("risk_thresholds.csv");
  RiskReview review{Date::FromCivil(2008, 7, 1), "Chief Officer",
                    RiskRating{Rating::kHigh, Rating::kVeryHigh}, "worse"};
  Status s = AddReview(db->get(), "t", "c", review, "", Matrix(), t);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.message();
  EXPECT_TRUE(AddReview(db->get(), "t", "c", review, "plan in hand", Matrix(), t).ok());
  Result<std::vector<RiskRegister>> loaded = LoadRegisters(db->get(), "t");
  ASSERT_TRUE(loaded.ok());
  const Risk& c = loaded->front().risks[2];
  EXPECT_EQ(c.residual, (RiskRating{Rating::kHigh, Rating::kVeryHigh}));
  ASSERT_EQ(c.reviews.size(), 1u);
  EXPECT_EQ(c.comments, "plan in hand");
  EXPECT_EQ(AddReview(db->get(), "t", "zz", review, "", Matrix(), t).code(), StatusCode::kNotFound);

  // Importing the original file again would drop the review: refused, store unchanged.
  const Status again = SaveRegister(db->get(), reg);
  EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition) << again.message();
  EXPECT_NE(again.message().find("review of risk c dated 2008-07-01"), std::string::npos)
      << again.message();
  Result<std::vector<RiskRegister>> after = LoadRegisters(db->get(), "t");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->front(), loaded->front());
  // The register as stored (what export writes) imports again.
  EXPECT_TRUE(SaveRegister(db->get(), loaded->front()).ok());
}

TEST(ResourcesTest, ExampleAnnexesRoundTrip) {
  Result<std::unique_ptr<Database>> db = OpenStore(":memory:");
  ASSERT_TRUE(db.ok());
  std::vector<ResourceAnnex> annexes;
  for (const auto& entry : std::filesystem::directory_iterator(kExamples + "/resources")) {
    if (entry.path().extension() != ".toml") continue;
    SCOPED_TRACE(entry.path().string());
    Result<ResourceAnnex> first = ReadResourceAnnexFile(entry.path().string());
    ASSERT_TRUE(first.ok()) << first.status().message();
    Result<ResourceAnnex> second = ParseResourceAnnex(WriteResourceAnnex(*first), "written");
    ASSERT_TRUE(second.ok()) << second.status().message();
    EXPECT_EQ(*first, *second);
    annexes.push_back(*first);
  }
  ASSERT_EQ(annexes.size(), 3u);
  ASSERT_TRUE(SaveAnnexes(db->get(), annexes).ok());
  Result<std::vector<ResourceAnnex>> loaded = LoadAnnexes(db->get());
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ASSERT_EQ(loaded->size(), 3u);
  for (const ResourceAnnex& a : *loaded) {
    for (const ResourceAnnex& b : annexes) {
      if (a.id == b.id) {
        EXPECT_EQ(a, b) << a.id;
      }
    }
  }
}

constexpr const char* kBudget = R"(id = "b"
kind = "budget"
organisation = "T"
title = "t"
unit = "GBP thousand"
years = [{ year = "2008-09" }]
[[lines]]
line = "Salaries"
group = "pay"
plan = { "2008-09" = 1000 }
outturn = { "2008-09" = 900 }
[[lines]]
line = "Premises"
group = "non-pay"
plan = { "2008-09" = 200 }
outturn = { "2008-09" = 210 }
[[lines]]
line = "Income"
group = "income"
plan = { "2008-09" = -100 }
outturn = { "2008-09" = -110 }
)";

TEST(ResourcesTest, VarianceAndCarryForward) {
  Result<ResourceAnnex> a = ParseResourceAnnex(kBudget, "b.toml");
  ASSERT_TRUE(a.ok()) << a.status().message();
  const BudgetSummary s = SummariseBudget(*a, 2008, 2.0);
  ASSERT_EQ(s.groups.size(), 3u);
  EXPECT_DOUBLE_EQ(s.groups[0].variance->amount, -100);
  EXPECT_DOUBLE_EQ(*s.groups[0].variance->percent, -10);
  EXPECT_DOUBLE_EQ(s.groups[2].variance->amount, -10);  // more income
  EXPECT_DOUBLE_EQ(s.net_plan, 1100);
  EXPECT_DOUBLE_EQ(*s.net_outturn, 1000);
  EXPECT_DOUBLE_EQ(s.carry_forward_limit, 22);
  EXPECT_DOUBLE_EQ(*s.underspend, 100);
  EXPECT_TRUE(s.carry_forward_exceeded);
  // Within 10%: not flagged.
  EXPECT_FALSE(SummariseBudget(*a, 2008, 10.0).carry_forward_exceeded);
}

TEST(ResourcesTest, IncomeMustBeNegativeAndTotalsMustAddUp) {
  std::string positive = kBudget;
  positive.replace(positive.find("-100"), 4, "100");
  Result<ResourceAnnex> a = ParseResourceAnnex(positive, "b.toml");
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("income is negative"), std::string::npos);
  Result<ResourceAnnex> b = ParseResourceAnnex(
      std::string(kBudget) + "[[totals]]\nlabel = \"TOTAL\"\namounts = { \"2008-09\" = 1200 }\n",
      "b.toml");
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("b.toml, line 22"), std::string::npos)
      << b.status().message();
  EXPECT_NE(b.status().message().find("sum to 1100"), std::string::npos);
}

}  // namespace
}  // namespace probation::planning
