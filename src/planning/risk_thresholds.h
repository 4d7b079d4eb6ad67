// RiskThresholds: the bands that turn a risk's score (1-25, from the RiskMatrix) into a status,
// green, amber, red or black, and say which statuses need a comment. Data, like the matrix:
// reference/risk_thresholds.csv (see docs/risks.md for why the default bands are where they
// are):
//
//   status,min_score,max_score,comment_required
//   green,1,10,no
//   ...
//
// Every status appears once; the bands together cover 1-25 without gaps or overlaps.
// Immutable after loading; safe to share between threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace probation::planning {

enum class RiskStatus { kUnrated = 0, kGreen, kAmber, kRed, kBlack };

// "unrated", "green", "amber", "red", "black".
std::string_view RiskStatusName(RiskStatus status);
// The status named by `text` (lower case), or InvalidArgument listing them.
Result<RiskStatus> ParseRiskStatus(std::string_view text);

class RiskThresholds {
 public:
  struct Band {
    RiskStatus status;
    int min_score;
    int max_score;
    bool comment_required;
  };

  // Errors are InvalidArgument "SOURCE, line N: reason".
  static Result<RiskThresholds> FromCsv(std::string_view text, std::string_view source_name);
  static Result<RiskThresholds> FromFile(const std::string& path);

  // The status of a score. REQUIRES: 1 <= score <= 25.
  RiskStatus StatusOf(int score) const;
  // Whether a risk of this status must carry a comment (never for kUnrated).
  bool CommentRequired(RiskStatus status) const;
  const std::vector<Band>& bands() const { return bands_; }  // lowest scores first

 private:
  explicit RiskThresholds(std::vector<Band> bands) : bands_(std::move(bands)) {}
  std::vector<Band> bands_;
};

// The thresholds file `name` (default "risk_thresholds.csv") in ReferenceDir(). `name` must be
// a plain file name, not a path.
Result<RiskThresholds> LoadRiskThresholds(std::string_view name = "risk_thresholds.csv");

}  // namespace probation::planning
