#include "planning/risk_matrix.h"

#include <cstdlib>
#include <set>
#include <string>
#include <utility>

#include <gtest/gtest.h>

namespace probation::planning {
namespace {

const char kHeader[] = "likelihood,VL,L,M,H,VH\n";
const char kDefaultRows[] =
    "VL,1,2,6,12,15\n"
    "L,3,5,11,17,20\n"
    "M,4,8,14,19,21\n"
    "H,7,10,16,22,24\n"
    "VH,9,13,18,23,25\n";

const RiskMatrix& Shipped() {
  static const RiskMatrix* matrix = [] {
    Result<RiskMatrix> m =
        RiskMatrix::FromFile(std::string(PROBATION_SOURCE_DIR) + "/reference/risk_matrix.csv");
    if (!m.ok()) {
      ADD_FAILURE() << "loading the shipped matrix: " << m.status().message();
      // Carry on with the default grid so the remaining expectations still run.
      m = RiskMatrix::FromCsv(std::string(kHeader) + kDefaultRows, "default");
    }
    return new RiskMatrix(std::move(*m));
  }();
  return *matrix;
}

// The error message from parsing `text` as "test.csv"; "" if it parsed.
std::string ErrorFor(const std::string& text) {
  Result<RiskMatrix> m = RiskMatrix::FromCsv(text, "test.csv");
  if (m.ok()) return "";
  EXPECT_EQ(m.status().code(), StatusCode::kInvalidArgument);
  return m.status().message();
}

TEST(RiskMatrixTest, ShippedFileGivesTheTenPublishedPairs) {
  const RiskMatrix& m = Shipped();
  const struct {
    const char* likelihood;
    const char* impact;
    int score;
  } kPairs[] = {{"L", "L", 5},   {"M", "L", 8},   {"L", "M", 11},  {"M", "M", 14},
                {"M", "H", 19},  {"L", "VH", 20}, {"M", "VH", 21}, {"H", "H", 22},
                {"H", "VH", 24}, {"VH", "VH", 25}};
  for (const auto& p : kPairs) {
    Result<int> score = m.Score(p.likelihood, p.impact);
    ASSERT_TRUE(score.ok()) << score.status().message();
    EXPECT_EQ(*score, p.score) << p.likelihood << "/" << p.impact;
  }
  EXPECT_TRUE(m.CheckPublishedPairs().ok()) << m.CheckPublishedPairs().message();
}

TEST(RiskMatrixTest, PublishedPairsTableMatchesTheDocuments) {
  ASSERT_EQ(kPublishedScores.size(), 10u);
  EXPECT_EQ(kPublishedScores.front().score, 5);
  EXPECT_EQ(kPublishedScores.back().score, 25);
}

TEST(RiskMatrixTest, ShippedFileIsTheFullDefaultGrid) {
  const RiskMatrix& m = Shipped();
  // Rows likelihood VH, H, M, L, VL; columns impact VL, L, M, H, VH.
  const char* kRows[] = {"VH", "H", "M", "L", "VL"};
  const char* kColumns[] = {"VL", "L", "M", "H", "VH"};
  const int kGrid[5][5] = {{9, 13, 18, 23, 25},
                           {7, 10, 16, 22, 24},
                           {4, 8, 14, 19, 21},
                           {3, 5, 11, 17, 20},
                           {1, 2, 6, 12, 15}};
  for (int r = 0; r < 5; ++r) {
    for (int c = 0; c < 5; ++c) {
      Result<int> score = m.Score(kRows[r], kColumns[c]);
      ASSERT_TRUE(score.ok()) << score.status().message();
      EXPECT_EQ(*score, kGrid[r][c]) << kRows[r] << "/" << kColumns[c];
    }
  }
  EXPECT_EQ(m.Score(Rating::kMedium, Rating::kHigh), 19);
  EXPECT_EQ(m.Score(Rating::kVeryLow, Rating::kVeryLow), 1);
}

// docs/risks.md: every default score differs and each step up in either rating raises it.
TEST(RiskMatrixTest, DefaultGridRisesWithBothRatings) {
  const RiskMatrix& m = Shipped();
  std::set<int> scores;
  for (int l = 0; l < kRatingCount; ++l) {
    for (int i = 0; i < kRatingCount; ++i) {
      const int here = m.Score(static_cast<Rating>(l), static_cast<Rating>(i));
      scores.insert(here);
      if (l + 1 < kRatingCount) {
        EXPECT_LT(here, m.Score(static_cast<Rating>(l + 1), static_cast<Rating>(i)));
      }
      if (i + 1 < kRatingCount) {
        EXPECT_LT(here, m.Score(static_cast<Rating>(l), static_cast<Rating>(i + 1)));
      }
    }
  }
  EXPECT_EQ(scores.size(), 25u);
}

TEST(RiskMatrixTest, RatingsAreCaseInsensitive) {
  const RiskMatrix& m = Shipped();
  for (const auto& [l, i] : {std::pair{"vh", "vh"}, {"Vh", "vH"}, {"VH", "vh"}}) {
    Result<int> score = m.Score(l, i);
    ASSERT_TRUE(score.ok()) << score.status().message();
    EXPECT_EQ(*score, 25);
  }
  EXPECT_EQ(*m.Score("m", "h"), 19);
  // Row labels in the file are case-insensitive too.
  Result<RiskMatrix> lower =
      RiskMatrix::FromCsv(std::string(kHeader) +
                              "vl,1,2,6,12,15\nl,3,5,11,17,20\nm,4,8,14,19,21\n"
                              "h,7,10,16,22,24\nvh,9,13,18,23,25\n",
                          "lower.csv");
  ASSERT_TRUE(lower.ok()) << lower.status().message();
  EXPECT_EQ(*lower->Score("M", "H"), 19);
}

TEST(RiskMatrixTest, UnknownRatingNamesTheAllowedRatings) {
  const RiskMatrix& m = Shipped();
  Result<int> bad_likelihood = m.Score("X", "M");
  ASSERT_FALSE(bad_likelihood.ok());
  EXPECT_EQ(bad_likelihood.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad_likelihood.status().message(),
            "likelihood 'X' is not a rating; use VL, L, M, H or VH");
  Result<int> bad_impact = m.Score("M", "medium");
  ASSERT_FALSE(bad_impact.ok());
  EXPECT_EQ(bad_impact.status().message(),
            "impact 'medium' is not a rating; use VL, L, M, H or VH");
  EXPECT_FALSE(m.Score("", "M").ok());
  EXPECT_FALSE(m.Score("M ", "M").ok());
}

TEST(RiskMatrixTest, RowsInAnyOrderAndCrlf) {
  Result<RiskMatrix> m = RiskMatrix::FromCsv(
      "likelihood,VL,L,M,H,VH\r\nVH,9,13,18,23,25\r\nH,7,10,16,22,24\r\nM,4,8,14,19,21\r\n"
      "L,3,5,11,17,20\r\nVL,1,2,6,12,15\r\n",
      "crlf.csv");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_TRUE(m->CheckPublishedPairs().ok());
}

TEST(RiskMatrixTest, ATrustsOwnMatrixLoadsAndRepeatedScoresAreAllowed) {
  Result<RiskMatrix> m = RiskMatrix::FromCsv(std::string(kHeader) +
                                                 "VL,1,1,1,1,1\nL,5,5,5,5,5\nM,9,9,9,9,9\n"
                                                 "H,9,9,9,9,9\nVH,25,25,25,25,25\n",
                                             "own.csv");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(*m->Score("H", "VL"), 9);
  const Status check = m->CheckPublishedPairs();
  EXPECT_EQ(check.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(check.message(),
            "the matrix scores M/L (likelihood/impact) 9, but NPS 2005-06 Annex C publishes 8");
}

TEST(RiskMatrixTest, DefaultRowsParse) {
  EXPECT_EQ(ErrorFor(std::string(kHeader) + kDefaultRows), "");
}

TEST(RiskMatrixTest, BadHeader) {
  const std::string want = "test.csv, line 1: the header must be exactly: likelihood,VL,L,M,H,VH";
  EXPECT_EQ(ErrorFor(std::string("likelihood,VL,L,M,H\n") + kDefaultRows), want);
  EXPECT_EQ(ErrorFor(std::string("likelihood,vl,l,m,h,vh\n") + kDefaultRows), want);
  EXPECT_EQ(ErrorFor(std::string("likelihood,VH,H,M,L,VL\n") + kDefaultRows), want);
  EXPECT_EQ(ErrorFor(""), want);
  EXPECT_EQ(ErrorFor("\xEF\xBB\xBF" + std::string(kHeader) + kDefaultRows), "");  // BOM is fine
}

TEST(RiskMatrixTest, UnknownLikelihood) {
  EXPECT_EQ(ErrorFor(std::string(kHeader) + "VL,1,2,6,12,15\nL,3,5,11,17,20\nMED,4,8,14,19,21\n"
                                            "H,7,10,16,22,24\nVH,9,13,18,23,25\n"),
            "test.csv, line 4: likelihood 'MED' is not a rating; use VL, L, M, H or VH");
}

TEST(RiskMatrixTest, RepeatedLikelihood) {
  EXPECT_EQ(ErrorFor(std::string(kHeader) + kDefaultRows + "m,4,8,14,19,21\n"),
            "test.csv, line 7: likelihood M has a second row");
}

TEST(RiskMatrixTest, MissingRowNamesWhereTheFileEnds) {
  EXPECT_EQ(ErrorFor(std::string(kHeader) +
                     "VL,1,2,6,12,15\nL,3,5,11,17,20\nM,4,8,14,19,21\nVH,9,13,18,23,25\n"),
            "test.csv, line 6: the file ends without a row for likelihood H");
  EXPECT_EQ(ErrorFor(kHeader), "test.csv, line 2: the file ends without a row for likelihood VL");
}

TEST(RiskMatrixTest, MissingCell) {
  EXPECT_EQ(ErrorFor(std::string(kHeader) + "VL,1,2,6,12\n"),
            "test.csv, line 2: expected 6 fields, found 5");
  EXPECT_EQ(ErrorFor(std::string(kHeader) + "VL,1,2,6,12,15,16\n"),
            "test.csv, line 2: expected 6 fields, found 7");
  EXPECT_EQ(ErrorFor(std::string(kHeader) + "VL,1,2,,12,15\n"),
            "test.csv, line 2: the score for VL/M (likelihood/impact), '', is not a whole number");
}

TEST(RiskMatrixTest, ScoreNotAWholeNumber) {
  EXPECT_EQ(ErrorFor(std::string(kHeader) + "VL,1,2,6,12,15\nL,3,5,11.5,17,20\n"),
            "test.csv, line 3: the score for L/M (likelihood/impact), '11.5', is not a whole "
            "number");
  EXPECT_EQ(ErrorFor(std::string(kHeader) + "VL,1, 2,6,12,15\n"),
            "test.csv, line 2: the score for VL/L (likelihood/impact), ' 2', is not a whole "
            "number");
}

TEST(RiskMatrixTest, ScoreOutsideOneToTwentyFive) {
  EXPECT_EQ(ErrorFor(std::string(kHeader) + "VL,0,2,6,12,15\n"),
            "test.csv, line 2: the score for VL/VL (likelihood/impact) is 0; scores run from 1 "
            "to 25");
  EXPECT_EQ(ErrorFor(std::string(kHeader) + "VL,1,2,6,12,15\nL,3,5,11,17,26\n"),
            "test.csv, line 3: the score for L/VH (likelihood/impact) is 26; scores run from 1 "
            "to 25");
  EXPECT_EQ(ErrorFor(std::string(kHeader) + "VL,-1,2,6,12,15\n"),
            "test.csv, line 2: the score for VL/VL (likelihood/impact) is -1; scores run from 1 "
            "to 25");
}

TEST(RiskMatrixTest, MalformedCsv) {
  EXPECT_EQ(ErrorFor(std::string(kHeader) + "VL,\"1,2,6,12,15\n"),
            "test.csv, line 2: a quoted field opened at line 2, column 4 never closes");
}

TEST(RiskMatrixTest, UnreadableFileIsAnError) {
  Result<RiskMatrix> m = RiskMatrix::FromFile("/nonexistent/risk_matrix.csv");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("/nonexistent/risk_matrix.csv"), std::string::npos)
      << m.status().message();
}

TEST(RiskMatrixTest, LoadRiskMatrixUsesTheReferenceDir) {
  ::setenv("PROBATION_REFERENCE_DIR", PROBATION_SOURCE_DIR "/reference", 1);
  Result<RiskMatrix> m = LoadRiskMatrix();
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(*m->Score("M", "H"), 19);
}

TEST(RatingTest, NamesRoundTrip) {
  for (int i = 0; i < kRatingCount; ++i) {
    const Rating r = static_cast<Rating>(i);
    Result<Rating> parsed = ParseRating(RatingName(r));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, r);
  }
}

}  // namespace
}  // namespace probation::planning
