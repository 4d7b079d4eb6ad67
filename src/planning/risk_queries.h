// Queries over scored risks for the CLI and the board pack: the heat map, the top risks, the
// risks past their review date, and a score's status. Pure functions; thread-safe.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "base/date.h"
#include "planning/risk_register.h"

namespace probation::planning {

// counts[likelihood][impact], indexed by Rating (VL = 0 ... VH = 4).
struct HeatMap {
  std::array<std::array<int, kRatingCount>, kRatingCount> counts{};
  int unrated = 0;  // risks without the rating asked for
  int Total() const;
};

enum class RatingKind { kResidual, kInherent };

// Counts the risks in each likelihood x impact cell, by their residual (default) or inherent
// rating.
HeatMap MakeHeatMap(const std::vector<ScoredRisk>& risks, RatingKind kind = RatingKind::kResidual);

// The heat map as a text grid: likelihood rows VH..VL, impact columns VL..VH, each cell
// "count" (blank when 0), with the cell's score in brackets when `matrix` is given.
std::string HeatMapText(const HeatMap& map, const RiskMatrix* matrix);

// The `n` rated risks with the highest residual scores, highest first; ties keep the order of
// `risks` (register, then document order). Unrated risks are left out.
std::vector<ScoredRisk> TopRisks(const std::vector<ScoredRisk>& risks, size_t n);

// The risks whose next review date is before `as_of` (a risk due for review on `as_of` is not
// yet past it), earliest first. Risks with no next review date are left out.
std::vector<ScoredRisk> PastReview(const std::vector<ScoredRisk>& risks, Date as_of);

// The status of a score under `thresholds`. REQUIRES: 1 <= score <= 25.
inline RiskStatus StatusOfScore(int score, const RiskThresholds& thresholds) {
  return thresholds.StatusOf(score);
}

}  // namespace probation::planning
