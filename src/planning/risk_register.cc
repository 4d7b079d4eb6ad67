#include "planning/risk_register.h"

namespace probation::planning {

std::string RatingText(const RiskRating& rating) {
  return std::string(RatingName(rating.likelihood)) + "/" + std::string(RatingName(rating.impact));
}

bool IsRegisterId(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

std::vector<ScoredRisk> ScoreRisks(const RiskRegister& reg, const RiskMatrix& matrix,
                                   const RiskThresholds& thresholds) {
  std::vector<ScoredRisk> scored;
  scored.reserve(reg.risks.size());
  for (const Risk& risk : reg.risks) {
    ScoredRisk s;
    s.risk = &risk;
    s.register_id = reg.id;
    if (risk.inherent)
      s.inherent_score = matrix.Score(risk.inherent->likelihood, risk.inherent->impact);
    if (risk.residual) {
      s.residual_score = matrix.Score(risk.residual->likelihood, risk.residual->impact);
      s.status = thresholds.StatusOf(*s.residual_score);
    }
    scored.push_back(s);
  }
  return scored;
}

std::vector<RiskProblem> CheckRisk(const Risk& risk, bool summary, const RiskMatrix& matrix,
                                   const RiskThresholds& thresholds) {
  std::vector<RiskProblem> problems;
  if (risk.published_score) {
    if (!risk.residual) {
      problems.push_back({"score", "'score' is given without a residual likelihood and impact"});
    } else {
      const int computed = matrix.Score(risk.residual->likelihood, risk.residual->impact);
      if (computed != *risk.published_score) {
        problems.push_back({"score", "'score' is " + std::to_string(*risk.published_score) +
                                         ", but the risk matrix scores " +
                                         RatingText(*risk.residual) + " (likelihood/impact) " +
                                         std::to_string(computed)});
      }
    }
  }
  if (risk.residual && !summary) {
    const RiskStatus status =
        thresholds.StatusOf(matrix.Score(risk.residual->likelihood, risk.residual->impact));
    if (thresholds.CommentRequired(status) && risk.comments.empty()) {
      problems.push_back({"comments", "'comments' are required for a " +
                                          std::string(RiskStatusName(status)) + " risk (" +
                                          RatingText(*risk.residual) + ")"});
    }
  }
  for (const RiskReview& review : risk.reviews) {
    if (review.reviewer.empty()) {
      problems.push_back(
          {"reviews", "the review of " + review.date.ToString() + " has no reviewer"});
    }
    if (review.rating && review.note.empty()) {
      problems.push_back({"reviews", "the review of " + review.date.ToString() +
                                         " re-rates the risk but has no note"});
    }
  }
  for (size_t i = 1; i < risk.reviews.size(); ++i) {
    if (risk.reviews[i].date < risk.reviews[i - 1].date) {
      problems.push_back({"reviews", "the reviews must be oldest first (" +
                                         risk.reviews[i].date.ToString() + " comes after " +
                                         risk.reviews[i - 1].date.ToString() + ")"});
    }
  }
  return problems;
}

}  // namespace probation::planning
