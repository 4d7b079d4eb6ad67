// EngineHolder: where the service's measure endpoints get the engine they compute from. An
// EngineState is immutable once published; a request takes a shared_ptr to the current state
// and keeps it for its whole run, so a holder that rebuilds or refreshes (the live engine)
// can publish a new state at any time without disturbing requests in flight.
//
// StaticEngineHolder builds one state at start, from the snapshot image when it is current
// (store/snapshot_image.h) or else from the store, and never changes it.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/calendar.h"
#include "base/status.h"
#include "measures/engine.h"
#include "measures/framework.h"
#include "measures/organisation.h"
#include "store/snapshot.h"

namespace probation {

struct EngineState {
  std::unique_ptr<Snapshot> snapshot;
  std::unique_ptr<Calendar> calendar;
  std::unique_ptr<measures::Organisation> organisation;
  std::unique_ptr<measures::Engine> engine;
  std::vector<measures::Framework> frameworks;  // every framework in the frameworks folder
  int64_t built_at = 0;         // Unix seconds
  double build_seconds = 0;     // time to load the snapshot and build the engine
  bool from_image = false;      // loaded from the snapshot image

  // The framework with `id`, or null.
  const measures::Framework* FindFramework(std::string_view id) const;
};

class EngineHolder {
 public:
  virtual ~EngineHolder() = default;
  // The current state; never null once the holder is built.
  virtual std::shared_ptr<const EngineState> Current() const = 0;
  // Prometheus exposition text about the engine (build time, age), for /metrics.
  virtual std::string MetricsText(int64_t now) const;
};

class StaticEngineHolder : public EngineHolder {
 public:
  // Builds the state from the database at `db_path` (and its image), judged as at the latest
  // recorded activity. `now` is recorded as the build time.
  static Result<std::unique_ptr<StaticEngineHolder>> Build(const std::string& db_path,
                                                           int64_t now);
  std::shared_ptr<const EngineState> Current() const override { return state_; }

 private:
  explicit StaticEngineHolder(std::shared_ptr<const EngineState> state)
      : state_(std::move(state)) {}
  std::shared_ptr<const EngineState> state_;
};

}  // namespace probation
