#include "reports/risk_heat_map.h"

#include <utility>
#include <vector>

namespace probation {

report::Tone ToneOfRisk(planning::RiskStatus status) {
  switch (status) {
    case planning::RiskStatus::kGreen:
      return report::Tone::kGreen;
    case planning::RiskStatus::kAmber:
      return report::Tone::kAmber;
    case planning::RiskStatus::kRed:
      return report::Tone::kRed;
    case planning::RiskStatus::kBlack:
      return report::Tone::kBlack;
    case planning::RiskStatus::kUnrated:
      break;
  }
  return report::Tone::kNone;
}

report::HeatMap RiskHeatMapChart(const planning::HeatMap& counts,
                                 const planning::RiskMatrix& matrix,
                                 const planning::RiskThresholds& thresholds, std::string title) {
  report::HeatMap map;
  map.title = std::move(title);
  for (int l = planning::kRatingCount - 1; l >= 0; --l) {
    map.row_labels.emplace_back(planning::RatingName(static_cast<planning::Rating>(l)));
    std::vector<int> row_counts, row_scores;
    std::vector<report::Tone> row_tones;
    for (int i = 0; i < planning::kRatingCount; ++i) {
      const int score =
          matrix.Score(static_cast<planning::Rating>(l), static_cast<planning::Rating>(i));
      row_counts.push_back(counts.counts[l][i]);
      row_scores.push_back(score);
      row_tones.push_back(ToneOfRisk(thresholds.StatusOf(score)));
    }
    map.counts.push_back(std::move(row_counts));
    map.scores.push_back(std::move(row_scores));
    map.tones.push_back(std::move(row_tones));
  }
  for (int i = 0; i < planning::kRatingCount; ++i) {
    map.column_labels.emplace_back(planning::RatingName(static_cast<planning::Rating>(i)));
  }
  return map;
}

}  // namespace probation
