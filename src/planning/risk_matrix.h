// RiskMatrix: the risk register's scoring matrix (NPS 2005-06 Annex C). A risk's likelihood and
// impact are each rated VL, L, M, H or VH, and each (likelihood, impact) cell holds a score from
// 1 to 25. The matrix is data, reference/risk_matrix.csv, so a trust may use its own:
//
//   likelihood,VL,L,M,H,VH      <- exactly this header; columns are impact
//   VL,1,2,6,12,15              <- one row per likelihood, in any order, each exactly once
//   ...
//
// Every cell must be a whole number from 1 to 25; scores may repeat. The loader does not
// require the ten published pairs (L/L 5 ... VH/VH 25); CheckPublishedPairs() says whether a
// matrix reproduces them, and the shipped default does. Ratings are case-insensitive when
// scoring and in the row labels. Immutable after loading; safe to share between threads.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "base/status.h"

namespace probation::planning {

// A likelihood or impact rating, lowest first.
enum class Rating { kVeryLow = 0, kLow, kMedium, kHigh, kVeryHigh };
inline constexpr int kRatingCount = 5;

// "VL", "L", "M", "H", "VH".
std::string_view RatingName(Rating rating);

// The rating named by `text` (case-insensitive), or InvalidArgument naming the allowed ratings.
Result<Rating> ParseRating(std::string_view text);

// One published (likelihood, impact) = score pair from NPS 2005-06 Annex C.
struct PublishedScore {
  Rating likelihood;
  Rating impact;
  int score;
};
// The ten published pairs that any matrix in use must reproduce.
inline constexpr std::array<PublishedScore, 10> kPublishedScores = {{
    {Rating::kLow, Rating::kLow, 5},
    {Rating::kMedium, Rating::kLow, 8},
    {Rating::kLow, Rating::kMedium, 11},
    {Rating::kMedium, Rating::kMedium, 14},
    {Rating::kMedium, Rating::kHigh, 19},
    {Rating::kLow, Rating::kVeryHigh, 20},
    {Rating::kMedium, Rating::kVeryHigh, 21},
    {Rating::kHigh, Rating::kHigh, 22},
    {Rating::kHigh, Rating::kVeryHigh, 24},
    {Rating::kVeryHigh, Rating::kVeryHigh, 25},
}};

class RiskMatrix {
 public:
  static constexpr int kMinScore = 1;
  static constexpr int kMaxScore = 25;

  // Parses the CSV above. Errors are InvalidArgument "SOURCE, line N: reason" (a bad header,
  // an unknown or repeated likelihood, a wrong number of cells, a cell that is not a whole
  // number from 1 to 25, a likelihood with no row; the last names the line where the file
  // ends).
  static Result<RiskMatrix> FromCsv(std::string_view text, std::string_view source_name);
  // Reads and parses the file at `path` (IoError if it cannot be read).
  static Result<RiskMatrix> FromFile(const std::string& path);

  // The score of a cell; ratings as text are case-insensitive. An unknown rating is
  // InvalidArgument naming which argument was wrong and the allowed ratings.
  Result<int> Score(std::string_view likelihood, std::string_view impact) const;
  int Score(Rating likelihood, Rating impact) const {
    return scores_[static_cast<int>(likelihood)][static_cast<int>(impact)];
  }

  // OK if the matrix gives every pair in kPublishedScores its published score; otherwise
  // FailedPrecondition naming the first pair that differs.
  Status CheckPublishedPairs() const;

 private:
  using Grid = std::array<std::array<int, kRatingCount>, kRatingCount>;  // [likelihood][impact]
  explicit RiskMatrix(const Grid& scores) : scores_(scores) {}
  Grid scores_;
};

// The matrix in use, from reference/risk_matrix.csv in ReferenceDir().
Result<RiskMatrix> LoadRiskMatrix();

}  // namespace probation::planning
