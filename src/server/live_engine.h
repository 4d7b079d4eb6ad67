// LiveEngine: the measure engine the service answers from, kept up to date with the store.
//
// It holds the current EngineVersion: a snapshot of the store, the organisation and the engine
// built over it, and (on first use) the DueIndex of what falls due. A reader takes the current
// version (a reference-counted pointer to an immutable version) and uses it for the whole
// request, however many refreshes happen meanwhile. A refresh builds the next version off to
// the side, on the refresher's thread, and swaps it in; the old one is kept until its last
// reader lets go, and then freed on the refresher's thread (never in a request).
//
// What changes the store is seen through a DataMark read in one indexed query: the latest row
// of import_runs (a `probation import` from any process) and of record_changes (a write
// through the service, server/case_writes.h), with the record types each changed. Refresh()
// compares the mark with the current version's and rebuilds only when it moved; a poller
// thread calls it every poll interval, and Notify() (after a write through the service) wakes
// it at once, so bursts of writes are coalesced into one rebuild.
//
// How the next version is built (docs/design.md, "Live engine"): in one read transaction, the
// mark, the record types changed since the previous version, and a snapshot in which only
// those tables are read again from the store, the rest shared with (or, where a relation leads
// to a changed table, copied from) the previous version's (Snapshot::Reload); so a version is
// always exactly one committed state of the store. A type loaded by an import is read again
// whole; for the records written through the service (record_changes names each by key) only
// those rows are read and merged into a copy of the table, and the relations patched. The
// first version is read from the snapshot image when that is current.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/calendar.h"
#include "base/date.h"
#include "base/status.h"
#include "measures/engine.h"
#include "measures/framework.h"
#include "measures/organisation.h"
#include "server/due_items.h"
#include "store/database.h"
#include "store/snapshot.h"

namespace probation {

// The state of the store's case records as far as the engine depends on it.
struct DataMark {
  int64_t import_run_id = 0;  // latest import_runs row (0: none)
  int64_t change_id = 0;      // latest record_changes row (0: none)
  bool operator==(const DataMark&) const = default;
};

// The current mark of `db` (migrated to version 6 or later).
Result<DataMark> ReadDataMark(Database* db);

// The record types changed between two marks: the files of the import runs after `from` (each
// names its record type) and the types of the service's changes after it, sorted, unique.
Result<std::vector<std::string>> ChangedTypes(Database* db, const DataMark& from,
                                              const DataMark& to);

// What changed between two marks, as Snapshot::Reload takes it: the record types an import
// loaded (read again whole), and the records the service wrote (merged by key), by type.
struct DataChanges {
  std::vector<std::string> imported_types;          // sorted, unique
  std::vector<Snapshot::ChangedRows> written_rows;  // types not imported, each once
  bool read_all = false;  // an import that named no known record type: read everything
  // Every changed type, sorted, unique.
  std::vector<std::string> Types() const;
};

// Beyond this many records written to one type since the previous version, the table is read
// again whole rather than merged.
inline constexpr size_t kMaxMergedRows = 20000;

Result<DataChanges> ChangesBetween(Database* db, const DataMark& from, const DataMark& to);

class EngineVersion {
 public:
  uint64_t number() const { return number_; }  // 1 for the first version, then +1 per refresh
  const DataMark& mark() const { return mark_; }
  const Snapshot& snapshot() const { return *snapshot_; }
  const measures::Organisation& organisation() const { return *organisation_; }
  const measures::Engine& engine() const { return *engine_; }
  std::chrono::system_clock::time_point built_at() const { return built_at_; }
  double build_seconds() const { return build_seconds_; }  // including the warming
  // Of build_seconds(): reading the snapshot (image, store or merge), and making the version
  // ready for readers (the carry-over of caches and what it builds again, and warming).
  double snapshot_seconds() const { return snapshot_seconds_; }
  double warm_seconds() const { return warm_seconds_; }
  // The record types that changed since the previous version (empty for the first).
  const std::vector<std::string>& changed_types() const { return changed_types_; }

  // The DueIndex over this version's engine and the live engine's frameworks, built on first
  // call (other callers wait for it) and kept; the error, if building failed. A version built
  // after one whose index was built has its own built before it is swapped in.
  Result<const DueIndex*> Due() const;
  // The DueIndex if built (null if not yet, or if building failed); never waits.
  const DueIndex* DueIfBuilt() const { return due_built_.load(std::memory_order_acquire); }

  // What the version took over from the one before (zero for the first): item-row and tallies
  // entries of the engine's caches shared, entries built again before the swap, and the due
  // index's measures taken over and computed.
  size_t adopted_item_rows() const { return adopted_item_rows_; }
  size_t prepared_item_rows() const { return prepared_item_rows_; }
  size_t adopted_tallies() const { return adopted_tallies_; }
  size_t prepared_tallies() const { return prepared_tallies_; }
  size_t due_measures_reused() const { return due_measures_reused_; }
  size_t due_measures_computed() const { return due_measures_computed_; }

 private:
  friend class LiveEngine;
  EngineVersion() = default;

  uint64_t number_ = 0;
  DataMark mark_;
  std::unique_ptr<Snapshot> snapshot_;
  std::unique_ptr<measures::Organisation> organisation_;
  std::unique_ptr<measures::Engine> engine_;
  std::chrono::system_clock::time_point built_at_;
  double build_seconds_ = 0, snapshot_seconds_ = 0, warm_seconds_ = 0;
  std::vector<std::string> changed_types_;
  bool reloaded_ = false;  // merged from the previous version's snapshot (Snapshot::Reload)
  const Calendar* calendar_ = nullptr;
  const std::vector<measures::Framework>* frameworks_ = nullptr;
  // Keeps `due` as this version's due index (and its pointer, when built). Called once, under
  // due_once_.
  void KeepDue(Result<DueIndex> due) const;

  size_t adopted_item_rows_ = 0, prepared_item_rows_ = 0;
  size_t adopted_tallies_ = 0, prepared_tallies_ = 0;
  size_t due_measures_reused_ = 0, due_measures_computed_ = 0;
  mutable std::once_flag due_once_;
  mutable std::optional<Result<DueIndex>> due_;
  mutable std::atomic<const DueIndex*> due_built_{nullptr};
};

struct LiveEngineOptions {
  std::string db_path;
  // Judge pending items at this date; none: each version's latest recorded activity.
  std::optional<Date> as_at;
  // How often the poller looks at the store for changes.
  std::chrono::milliseconds poll_interval{500};
  // Whether the first version may come from the snapshot image ("<db>.snapshot") when current.
  bool use_image = true;
  // Whether each version is made ready for readers before it is swapped in: its due index
  // built and every framework's computable measures computed once (for the whole organisation
  // over the as-at financial year), which fills the engine's per-engine caches (item rows,
  // kept rows). Readers then keep the previous, warm version meanwhile instead of the first
  // requests on a new version waiting for that work; but the swap comes later.
  bool warm = false;
  // Whether each version after the first takes over the previous version's caches for the
  // record types that did not change (the engine's item rows, the due index's measures) and,
  // before it is swapped in, builds again the item rows readers used on the previous version
  // and the tallies readers asked for that depend on a changed type, and its due index when the
  // previous one had one: so a reader never meets a cold version after a write. Off: every
  // version starts cold.
  bool carry_over = true;
  // The poller leaves at least this long between the end of one refresh and the start of the
  // next, so that a stream of writes does not keep the cores rebuilding versions back to back
  // (the writes meanwhile are coalesced into the next version). Refresh() itself ignores it.
  std::chrono::milliseconds min_refresh_gap{0};
  // Whether the poller builds the first version's due index as soon as it starts (off the
  // worker threads), so that the first due-items request does not wait for it and, with
  // carry_over, every later version inherits one.
  bool build_due_on_start = false;
};

// Refresh figures for /metrics.
struct LiveEngineMetrics {
  uint64_t version = 0;
  uint64_t refreshes = 0;  // versions built after the first
  uint64_t failed_refreshes = 0;
  double last_build_seconds = 0;  // time to build the current version
  double age_seconds = 0;         // since the current version was swapped in
  std::string last_error;         // of the latest failed refresh ("" none)

  // Prometheus text: probation_engine_version, probation_engine_refreshes_total,
  // probation_engine_refresh_failures_total, probation_engine_refresh_seconds,
  // probation_engine_age_seconds (each with HELP and TYPE lines).
  std::string ToPrometheus() const;
};

class LiveEngine {
 public:
  // Opens its own connection to the store and builds the first version. The frameworks are
  // those "in use": scorecards and due items are computed over them. REQUIRES: `calendar`
  // outlives the engine.
  static Result<std::unique_ptr<LiveEngine>> Start(LiveEngineOptions options,
                                                   const Calendar& calendar,
                                                   std::vector<measures::Framework> frameworks);
  ~LiveEngine();  // stops the poller, if started
  LiveEngine(const LiveEngine&) = delete;
  LiveEngine& operator=(const LiveEngine&) = delete;

  // The current version; never null.
  std::shared_ptr<const EngineVersion> Current() const;

  // Reads the store's mark; when it moved since the current version, builds the next version
  // and swaps it in. Returns whether it did. Refreshes are serialised (a second caller waits).
  // On failure the current version stays and the error is kept for metrics.
  Result<bool> Refresh();

  // Starts the poller thread (idempotent): Refresh() every poll interval, or at once after
  // Notify().
  void StartPolling();
  void StopPolling();
  // Something was written: the poller refreshes now instead of at its next tick.
  void Notify();

  LiveEngineMetrics Metrics() const;
  const std::vector<measures::Framework>& frameworks() const { return frameworks_; }

 private:
  LiveEngine(LiveEngineOptions options, const Calendar& calendar,
             std::vector<measures::Framework> frameworks)
      : options_(std::move(options)), calendar_(calendar), frameworks_(std::move(frameworks)) {}
  // A new version of the store's current state: the first (`previous` null) from the snapshot
  // image when allowed and current, else from the store; a later one with only what changed
  // since `previous` read again (Snapshot::Reload: imported types whole, written rows merged).
  Result<std::shared_ptr<EngineVersion>> Build(const EngineVersion* previous);
  void PollLoop();
  // Makes `version` ready for readers (LiveEngineOptions::warm).
  void Warm(const EngineVersion& version) const;
  // Takes over `previous`'s caches into `version` and builds again what the change dropped
  // (LiveEngineOptions::carry_over). REQUIRES: `version` not yet shared.
  void CarryOver(const EngineVersion& previous, EngineVersion* version) const;
  // Whether `measure` is one of frameworks_'s (compared by address, never dereferenced).
  bool OwnsMeasure(const measures::Measure* measure) const;

  const LiveEngineOptions options_;
  const Calendar& calendar_;
  const std::vector<measures::Framework> frameworks_;
  std::unique_ptr<Database> db_;  // the refresher's connection; used under refresh_mutex_

  // Moves the retired versions no reader holds any more out of retired_ and frees them here,
  // on the refresher's thread, so that a request never frees a version's gigabytes.
  void FreeRetired();

  std::mutex refresh_mutex_;  // one refresh at a time
  // Versions replaced by a newer one, kept until their last reader lets go (FreeRetired).
  std::mutex retired_mutex_;
  std::vector<std::shared_ptr<const EngineVersion>> retired_;  // under retired_mutex_
  mutable std::mutex current_mutex_;
  std::shared_ptr<const EngineVersion> current_;
  uint64_t refreshes_ = 0, failed_refreshes_ = 0;  // under current_mutex_
  std::string last_error_;                         // under current_mutex_

  std::mutex poll_mutex_;
  std::condition_variable poll_wake_;
  bool poll_stop_ = false, poll_notified_ = false;  // under poll_mutex_
  std::thread poller_;
};

}  // namespace probation
