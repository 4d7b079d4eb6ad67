// EngineHolder: where the service's measure and case endpoints get the engine they compute
// from: the one engine path of the service, a LiveEngine (server/live_engine.h) kept up to
// date with the store. An EngineState is an immutable view of one engine version; a request
// takes a shared_ptr to the current state and keeps it for its whole run, so a refresh can
// swap a new version in at any time without disturbing requests in flight (the old version is
// freed when its last reader lets go).
//
// A write through the service calls Notify(), which wakes the live engine's poller to refresh
// at once; an import by `probation import` from another process is seen at the poller's next
// tick. So a write reaches scorecards, exceptions and due items within one refresh (the
// refresh time is in /metrics: probation_engine_refresh_seconds, probation_engine_age_seconds).
//
// Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/calendar.h"
#include "base/date.h"
#include "base/status.h"
#include "measures/engine.h"
#include "measures/framework.h"
#include "measures/organisation.h"
#include "server/due_items.h"
#include "server/live_engine.h"
#include "store/snapshot.h"

namespace probation {

// One engine version as the routes use it. Every pointer shares ownership of the version, so
// the state keeps it alive.
struct EngineState {
  std::shared_ptr<const EngineVersion> version;
  std::shared_ptr<const Snapshot> snapshot;
  std::shared_ptr<const Calendar> calendar;
  std::shared_ptr<const measures::Organisation> organisation;
  std::shared_ptr<const measures::Engine> engine;
  const std::vector<measures::Framework>* frameworks = nullptr;  // every framework in use
  double build_seconds = 0;                                      // time to build this version

  // The framework with `id`, or null.
  const measures::Framework* FindFramework(std::string_view id) const;
  // What falls due over this version (built on first use, then kept with the version).
  Result<const DueIndex*> Due() const { return version->Due(); }
};

struct EngineHolderOptions {
  std::string db_path;
  // Judge pending items at this date; none: each version's latest recorded activity.
  std::optional<Date> as_at;
  // How often the poller looks for changes (imports from other processes); a write through
  // the service wakes it at once.
  std::chrono::milliseconds poll_interval{1000};
  bool poll = true;  // start the poller (tests may refresh by hand instead)
  // Make each version ready before readers get it (LiveEngineOptions::warm). Off: nationally
  // warming every framework takes longer than the 5-second write-to-scorecard goal allows
  // (docs/performance.md, "Live engine").
  bool warm = false;
  // LiveEngineOptions::min_refresh_gap and build_due_on_start: ForServing() sets them, tests
  // leave them off.
  std::chrono::milliseconds min_refresh_gap{0};
  bool build_due_on_start = false;

  // The options `probation serve` runs with (and the load benchmark measures): the poller on,
  // at least 1 s between refreshes, the due index built as soon as the server starts.
  static EngineHolderOptions ForServing(std::string db_path);
};

class EngineHolder {
 public:
  // Loads the frameworks and calendar and builds the first version (from the snapshot image
  // when current, else from the store).
  static Result<std::unique_ptr<EngineHolder>> Start(const EngineHolderOptions& options);

  // The current state; never null.
  std::shared_ptr<const EngineState> Current() const;
  // Something was written through the service: refresh now rather than at the next tick.
  void Notify() { live_->Notify(); }
  // Refreshes at once on this thread, if the store changed; whether it did.
  Result<bool> Refresh() { return live_->Refresh(); }
  // Prometheus text about the engine (version, refreshes, refresh time, age), for /metrics.
  std::string MetricsText() const;

  LiveEngine& live() { return *live_; }

 private:
  EngineHolder() = default;
  std::shared_ptr<const Calendar> calendar_;
  std::unique_ptr<LiveEngine> live_;
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const EngineState> state_;  // the view of the latest version seen
};

}  // namespace probation
