#include "server/analytics_cache.h"

#include <algorithm>

#include "analytics/workload_officers.h"
#include "analytics/workload_reductions.h"

namespace probation {

AnalyticsView::AnalyticsView(std::shared_ptr<const EngineState> state,
                             const AnalyticsReference& reference)
    : state_(std::move(state)),
      reference_(reference),
      facts_(*state_->snapshot, *state_->organisation),
      cases_(*state_->snapshot, reference.protect_change.no_mandate_requirements) {}

const std::vector<analytics::SentenceOgrs3>& AnalyticsView::Scores() const {
  std::call_once(scores_once_,
                 [this] { scores_ = analytics::ScoreSentences(snapshot(), reference_.ogrs3, 2); });
  return scores_;
}

std::shared_ptr<const CasesAndTiers> AnalyticsView::CasesOn(Date at) const {
  {
    std::lock_guard<std::mutex> lock(dates_mutex_);
    auto it = dates_.find(at.days());
    if (it != dates_.end()) return it->second;
  }
  // Computed outside the lock: two requests for a new date at once may both compute it (the
  // same figures); the first kept wins.
  auto computed = std::make_shared<CasesAndTiers>();
  computed->at = at;
  analytics::CasesAndTiers(cases_, reference_.protect_change, at, &computed->cases,
                           &computed->tiers);
  std::lock_guard<std::mutex> lock(dates_mutex_);
  auto [it, fresh] = dates_.try_emplace(at.days(), std::move(computed));
  if (fresh) {
    date_order_.push_back(at.days());
    if (date_order_.size() > kMaxDates) {
      dates_.erase(date_order_.front());
      date_order_.erase(date_order_.begin());
    }
  }
  return it->second;
}

Result<const AnalyticsReference*> AnalyticsCache::Reference() {
  std::call_once(reference_once_, [this] {
    reference_.emplace([]() -> Result<AnalyticsReference> {
      AnalyticsReference r;
      PROBATION_ASSIGN_OR_RETURN(r.ogrs3, analytics::Ogrs3Table::Load());
      PROBATION_ASSIGN_OR_RETURN(r.omm, analytics::LoadOmmRuleSet());
      PROBATION_ASSIGN_OR_RETURN(r.protect_change, analytics::LoadProtectChangeRuleSet());
      PROBATION_ASSIGN_OR_RETURN(r.points, analytics::WorkloadPoints::Load());
      PROBATION_ASSIGN_OR_RETURN(r.caps, analytics::LoadReductionCaps());
      PROBATION_ASSIGN_OR_RETURN(r.grade_rules, analytics::LoadGradeRules());
      return r;
    }());
  });
  if (!reference_->ok()) return reference_->status();
  return &reference_->value();
}

Result<std::shared_ptr<const AnalyticsView>> AnalyticsCache::ViewOf(
    std::shared_ptr<const EngineState> state) {
  PROBATION_ASSIGN_OR_RETURN(const AnalyticsReference* reference, Reference());
  const uint64_t version = state->version->number();
  std::lock_guard<std::mutex> lock(mutex_);
  if (latest_ != nullptr && latest_->version() == version) return latest_;
  auto view = std::make_shared<const AnalyticsView>(std::move(state), *reference);
  if (latest_ == nullptr || latest_->version() < version) latest_ = view;
  return view;
}

Result<std::vector<analytics::OfficerWorkload>> OfficerWorkloadsOn(
    const AnalyticsView& view, Database* db, Date at, std::shared_ptr<const CasesAndTiers>* cases) {
  PROBATION_ASSIGN_OR_RETURN(std::vector<analytics::Reduction> reductions,
                             analytics::ReadReductions(db));
  *cases = view.CasesOn(at);
  return analytics::ComputeOfficerWorkloads(view.snapshot(), (*cases)->cases, (*cases)->tiers,
                                            view.reference().points.At(at), reductions,
                                            view.reference().caps, at);
}

}  // namespace probation
