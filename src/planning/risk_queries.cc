#include "planning/risk_queries.h"

#include <algorithm>
#include <cstdio>

namespace probation::planning {

int HeatMap::Total() const {
  int total = 0;
  for (const auto& row : counts) {
    for (int c : row) total += c;
  }
  return total;
}

HeatMap MakeHeatMap(const std::vector<ScoredRisk>& risks, RatingKind kind) {
  HeatMap map;
  for (const ScoredRisk& s : risks) {
    const std::optional<RiskRating>& rating =
        kind == RatingKind::kResidual ? s.risk->residual : s.risk->inherent;
    if (!rating) {
      ++map.unrated;
      continue;
    }
    ++map.counts[static_cast<int>(rating->likelihood)][static_cast<int>(rating->impact)];
  }
  return map;
}

std::string HeatMapText(const HeatMap& map, const RiskMatrix* matrix) {
  const int width = matrix != nullptr ? 9 : 5;
  const auto pad = [&](std::string cell) {
    while (static_cast<int>(cell.size()) < width) cell.insert(cell.begin(), ' ');
    return cell;
  };
  std::string out = "L \\ I";
  while (out.size() < 6) out += ' ';
  for (int i = 0; i < kRatingCount; ++i)
    out += pad(std::string(RatingName(static_cast<Rating>(i))));
  out += "\n";
  for (int l = kRatingCount - 1; l >= 0; --l) {
    std::string row(RatingName(static_cast<Rating>(l)));
    while (row.size() < 6) row += ' ';
    for (int i = 0; i < kRatingCount; ++i) {
      const int count = map.counts[l][i];
      std::string cell = count == 0 ? "." : std::to_string(count);
      if (matrix != nullptr) {
        cell += " (" +
                std::to_string(matrix->Score(static_cast<Rating>(l), static_cast<Rating>(i))) + ")";
      }
      row += pad(cell);
    }
    out += row + "\n";
  }
  out +=
      "Rows are likelihood, columns impact; each cell is the number of risks (the matrix score\n"
      "in brackets). " +
      std::to_string(map.Total()) + " rated, " + std::to_string(map.unrated) + " unrated.\n";
  return out;
}

std::vector<ScoredRisk> TopRisks(const std::vector<ScoredRisk>& risks, size_t n) {
  std::vector<ScoredRisk> rated;
  for (const ScoredRisk& s : risks) {
    if (s.residual_score) rated.push_back(s);
  }
  std::stable_sort(rated.begin(), rated.end(), [](const ScoredRisk& a, const ScoredRisk& b) {
    return *a.residual_score > *b.residual_score;
  });
  if (rated.size() > n) rated.resize(n);
  return rated;
}

std::vector<ScoredRisk> PastReview(const std::vector<ScoredRisk>& risks, Date as_of) {
  std::vector<ScoredRisk> past;
  for (const ScoredRisk& s : risks) {
    if (s.risk->next_review && *s.risk->next_review < as_of) past.push_back(s);
  }
  std::stable_sort(past.begin(), past.end(), [](const ScoredRisk& a, const ScoredRisk& b) {
    return *a.risk->next_review < *b.risk->next_review;
  });
  return past;
}

}  // namespace probation::planning
