// AnalyticsCache: what the analytics routes (server/analytics_routes.cc) compute from: the
// reference data of OGRS3, tiering, workload and allocation (loaded once, on first use), and,
// per engine version (server/engine_holder.h), a view over that version's snapshot with what is
// worth keeping between requests: every sentence's OGRS3 score and every case's tier on a date,
// each computed on first use and kept with the version. A write through the service makes a
// new engine version, and with it a new view, so the figures follow the writes; the view of a
// version holds the version alive for as long as a request uses it.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "analytics/allocation.h"
#include "analytics/case_facts.h"
#include "analytics/ogrs3.h"
#include "analytics/sentence_ogrs3.h"
#include "analytics/tiering.h"
#include "analytics/tiering_cases.h"
#include "analytics/workload.h"
#include "analytics/workload_officers.h"
#include "base/date.h"
#include "base/status.h"
#include "server/engine_holder.h"
#include "store/database.h"

namespace probation {

// The reference data under reference/ the analytics read (the CLI commands load the same files).
struct AnalyticsReference {
  analytics::Ogrs3Table ogrs3;
  analytics::OmmRuleSet omm;
  analytics::ProtectChangeRuleSet protect_change;
  analytics::WorkloadPoints points;
  std::vector<analytics::ReductionCap> caps;
  std::vector<analytics::GradeRule> grade_rules;
};

// The cases under supervision on one date and their protect/change tiers (parallel vectors).
struct CasesAndTiers {
  Date at;
  std::vector<analytics::SupervisedCase> cases;
  std::vector<std::string> tiers;
};

// One engine version as the analytics see it. Immutable but for what it computes on first use.
class AnalyticsView {
 public:
  AnalyticsView(std::shared_ptr<const EngineState> state, const AnalyticsReference& reference);

  const EngineState& state() const { return *state_; }
  const Snapshot& snapshot() const { return *state_->snapshot; }
  const measures::Organisation& organisation() const { return *state_->organisation; }
  const analytics::CaseFacts& facts() const { return facts_; }
  const analytics::CaseReader& cases() const { return cases_; }
  const AnalyticsReference& reference() const { return reference_; }
  uint64_t version() const { return state_->version->number(); }

  // Every sentence's OGRS3 (analytics::ScoreSentences), computed on first call, then kept.
  const std::vector<analytics::SentenceOgrs3>& Scores() const;
  // The cases under supervision on `at` and their tiers, computed on first call for that date;
  // the latest kMaxDates dates asked about are kept.
  std::shared_ptr<const CasesAndTiers> CasesOn(Date at) const;

  static constexpr size_t kMaxDates = 4;

 private:
  std::shared_ptr<const EngineState> state_;
  const AnalyticsReference& reference_;
  analytics::CaseFacts facts_;
  analytics::CaseReader cases_;
  mutable std::once_flag scores_once_;
  mutable std::vector<analytics::SentenceOgrs3> scores_;
  mutable std::mutex dates_mutex_;
  mutable std::map<int32_t, std::shared_ptr<const CasesAndTiers>> dates_;  // by day number
  mutable std::vector<int32_t> date_order_;                                // oldest use first
};

// Every officer's workload on `at`, as `probation workload` computes it, from the view's cases
// and tiers on that date (returned in `*cases`); reductions are read from `db` on each call
// (they are not in the snapshot). The workload API and the workload page both call this.
Result<std::vector<analytics::OfficerWorkload>> OfficerWorkloadsOn(
    const AnalyticsView& view, Database* db, Date at, std::shared_ptr<const CasesAndTiers>* cases);

class AnalyticsCache {
 public:
  // The reference data, loaded on first call; the error, if loading failed (kept).
  Result<const AnalyticsReference*> Reference();

  // The view of `state`'s engine version: the kept one when it is that version, else a new
  // one, kept when its version is newer than the kept one's.
  Result<std::shared_ptr<const AnalyticsView>> ViewOf(std::shared_ptr<const EngineState> state);

 private:
  std::once_flag reference_once_;
  std::optional<Result<AnalyticsReference>> reference_;
  std::mutex mutex_;
  std::shared_ptr<const AnalyticsView> latest_;  // under mutex_
};

}  // namespace probation
