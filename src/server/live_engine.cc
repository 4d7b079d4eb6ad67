#include "server/live_engine.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iterator>
#include <map>
#include <set>

#include "measures/period.h"
#include "store/schema.h"
#include "store/snapshot_image.h"

namespace probation {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The record type a loaded file was for: "contacts-2011-03.csv" and "/x/contacts.csv" are
// contacts (importer.h's naming rule).
std::string TypeOfFile(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const size_t dot = name.find('.');
  name = name.substr(0, dot);
  const size_t dash = name.find('-');
  return std::string(name.substr(0, dash));
}

}  // namespace

Result<DataMark> ReadDataMark(Database* db) {
  DataMark mark;
  PROBATION_ASSIGN_OR_RETURN(Statement stmt,
                             db->Prepare("SELECT (SELECT coalesce(max(id), 0) FROM import_runs), "
                                         "(SELECT coalesce(max(id), 0) FROM record_changes)"));
  PROBATION_ASSIGN_OR_RETURN(const bool row, stmt.Step());
  if (!row) return Internal("the data mark query returned no row");
  mark.import_run_id = stmt.ColumnInt(0);
  mark.change_id = stmt.ColumnInt(1);
  return mark;
}

Result<std::vector<std::string>> ChangedTypes(Database* db, const DataMark& from,
                                              const DataMark& to) {
  std::set<std::string> types;
  PROBATION_ASSIGN_OR_RETURN(
      Statement runs, db->Prepare("SELECT files FROM import_runs WHERE id > ?1 AND id <= ?2"));
  runs.BindInt(1, from.import_run_id);
  runs.BindInt(2, to.import_run_id);
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool row, runs.Step());
    if (!row) break;
    // The paths loaded, separated by semicolons, as the importer logs them.
    std::string_view files = runs.ColumnText(0);
    size_t at = 0;
    while (at < files.size()) {
      const size_t end = files.find(';', at);
      const std::string_view file =
          files.substr(at, end == std::string_view::npos ? end : end - at);
      if (!file.empty()) {
        const std::string type = TypeOfFile(file);
        if (FindRecordType(type) != nullptr) types.insert(type);
      }
      if (end == std::string_view::npos) break;
      at = end + 1;
    }
  }
  PROBATION_ASSIGN_OR_RETURN(Statement changes,
                             db->Prepare("SELECT DISTINCT record_type FROM record_changes "
                                         "WHERE id > ?1 AND id <= ?2"));
  changes.BindInt(1, from.change_id);
  changes.BindInt(2, to.change_id);
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool row, changes.Step());
    if (!row) break;
    types.insert(std::string(changes.ColumnText(0)));
  }
  return std::vector<std::string>(types.begin(), types.end());
}

std::vector<std::string> DataChanges::Types() const {
  std::set<std::string> types(imported_types.begin(), imported_types.end());
  for (const Snapshot::ChangedRows& c : written_rows) types.insert(std::string(c.type->name));
  return std::vector<std::string>(types.begin(), types.end());
}

Result<DataChanges> ChangesBetween(Database* db, const DataMark& from, const DataMark& to) {
  DataChanges changes;
  // The imports' types (the service's changes left out: taken by key below).
  PROBATION_ASSIGN_OR_RETURN(changes.imported_types,
                             ChangedTypes(db, from, DataMark{to.import_run_id, from.change_id}));
  changes.read_all = to.import_run_id != from.import_run_id && changes.imported_types.empty();
  std::set<std::string> whole(changes.imported_types.begin(), changes.imported_types.end());
  std::map<std::string, std::vector<std::vector<std::string>>> keys;
  PROBATION_ASSIGN_OR_RETURN(Statement rows,
                             db->Prepare("SELECT record_type, record_key FROM record_changes "
                                         "WHERE id > ?1 AND id <= ?2"));
  rows.BindInt(1, from.change_id);
  rows.BindInt(2, to.change_id);
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool row, rows.Step());
    if (!row) break;
    const std::string type_name(rows.ColumnText(0));
    const RecordType* type = FindRecordType(type_name);
    if (type == nullptr || whole.count(type_name) > 0) continue;
    // The key joined by '/' (stored_record.h's JoinKey): split from the right, since only the
    // first key field (a CRN) is text.
    std::string_view joined = rows.ColumnText(1);
    std::vector<std::string> key(static_cast<size_t>(type->key_fields));
    bool split = type->key_fields > 0;
    for (int k = type->key_fields - 1; k > 0 && split; --k) {
      const size_t slash = joined.rfind('/');
      split = slash != std::string_view::npos;
      if (!split) break;
      key[static_cast<size_t>(k)] = std::string(joined.substr(slash + 1));
      joined = joined.substr(0, slash);
    }
    std::vector<std::vector<std::string>>& of_type = keys[type_name];
    if (!split || of_type.size() >= kMaxMergedRows) {
      whole.insert(type_name);  // read the table whole
      continue;
    }
    key[0] = std::string(joined);
    of_type.push_back(std::move(key));
  }
  changes.imported_types.assign(whole.begin(), whole.end());
  for (auto& [name, of_type] : keys) {
    if (whole.count(name) > 0) continue;
    changes.written_rows.push_back(Snapshot::ChangedRows{FindRecordType(name), std::move(of_type)});
  }
  return changes;
}

void EngineVersion::KeepDue(Result<DueIndex> due) const {
  due_.emplace(std::move(due));
  if (due_->ok()) due_built_.store(&due_->value(), std::memory_order_release);
}

Result<const DueIndex*> EngineVersion::Due() const {
  std::call_once(due_once_,
                 [this] { KeepDue(DueIndex::Build(*engine_, *calendar_, *frameworks_)); });
  if (!due_->ok()) return due_->status();
  return &due_->value();
}

std::string LiveEngineMetrics::ToPrometheus() const {
  char buf[1024];
  std::snprintf(
      buf, sizeof buf,
      "# HELP probation_engine_version The live engine's current version number.\n"
      "# TYPE probation_engine_version gauge\n"
      "probation_engine_version %llu\n"
      "# HELP probation_engine_refreshes_total Engine versions built after the first.\n"
      "# TYPE probation_engine_refreshes_total counter\n"
      "probation_engine_refreshes_total %llu\n"
      "# HELP probation_engine_refresh_failures_total Refreshes that failed.\n"
      "# TYPE probation_engine_refresh_failures_total counter\n"
      "probation_engine_refresh_failures_total %llu\n"
      "# HELP probation_engine_refresh_seconds Time to build the current engine version.\n"
      "# TYPE probation_engine_refresh_seconds gauge\n"
      "probation_engine_refresh_seconds %.6f\n"
      "# HELP probation_engine_age_seconds Time since the current engine version was swapped "
      "in.\n"
      "# TYPE probation_engine_age_seconds gauge\n"
      "probation_engine_age_seconds %.3f\n",
      static_cast<unsigned long long>(version), static_cast<unsigned long long>(refreshes),
      static_cast<unsigned long long>(failed_refreshes), last_build_seconds, age_seconds);
  return buf;
}

Result<std::unique_ptr<LiveEngine>> LiveEngine::Start(LiveEngineOptions options,
                                                      const Calendar& calendar,
                                                      std::vector<measures::Framework> frameworks) {
  std::unique_ptr<LiveEngine> live(
      new LiveEngine(std::move(options), calendar, std::move(frameworks)));
  PROBATION_ASSIGN_OR_RETURN(live->db_, OpenStore(live->options_.db_path));
  PROBATION_ASSIGN_OR_RETURN(std::shared_ptr<EngineVersion> first, live->Build(nullptr));
  first->number_ = 1;
  live->current_ = std::move(first);
  return live;
}

LiveEngine::~LiveEngine() { StopPolling(); }

std::shared_ptr<const EngineVersion> LiveEngine::Current() const {
  std::lock_guard<std::mutex> lock(current_mutex_);
  return current_;
}

Result<std::shared_ptr<EngineVersion>> LiveEngine::Build(const EngineVersion* previous) {
  const auto start = std::chrono::steady_clock::now();
  auto version = std::shared_ptr<EngineVersion>(new EngineVersion());
  version->calendar_ = &calendar_;
  version->frameworks_ = &frameworks_;
  // The mark, the changed types and the snapshot come from one read transaction, so the
  // version is exactly one committed state of the store, whatever commits meanwhile.
  PROBATION_RETURN_IF_ERROR(db_->Execute("BEGIN"));
  auto read = [&]() -> Status {
    PROBATION_ASSIGN_OR_RETURN(version->mark_, ReadDataMark(db_.get()));
    const std::string image = SnapshotImagePath(options_.db_path);
    std::error_code error;
    if (previous == nullptr && options_.use_image && std::filesystem::exists(image, error)) {
      PROBATION_ASSIGN_OR_RETURN(const SnapshotStamp stamp, ReadSnapshotStamp(db_.get()));
      Result<StampedSnapshot> loaded = LoadSnapshotImageUpTo(image, stamp, calendar_);
      if (loaded.ok() && loaded->stamp.change_id == version->mark_.change_id) {
        version->snapshot_ = std::move(loaded->snapshot);
      } else if (loaded.ok()) {
        // The image predates some writes through the service: they are merged into it as a
        // refresh would merge them (else, or when that fails, the store is read whole).
        // A type written more than kMaxMergedRows times comes back among the imported types,
        // and is read whole.
        const DataMark image_mark{version->mark_.import_run_id, loaded->stamp.change_id};
        Result<DataChanges> changes = ChangesBetween(db_.get(), image_mark, version->mark_);
        if (changes.ok() && !changes->read_all) {
          Result<std::unique_ptr<Snapshot>> merged =
              Snapshot::Reload(db_.get(), calendar_, *loaded->snapshot, changes->imported_types,
                               changes->written_rows);
          if (merged.ok()) version->snapshot_ = std::move(*merged);
        }
      }
    }
    if (previous != nullptr) {
      PROBATION_ASSIGN_OR_RETURN(const DataChanges changes,
                                 ChangesBetween(db_.get(), previous->mark(), version->mark_));
      version->changed_types_ = changes.Types();
      // Only what changed is read again; without a list (an import of no known type),
      // everything is.
      if (!changes.read_all && !version->changed_types_.empty()) {
        PROBATION_ASSIGN_OR_RETURN(version->snapshot_,
                                   Snapshot::Reload(db_.get(), calendar_, previous->snapshot(),
                                                    changes.imported_types, changes.written_rows));
        version->reloaded_ = true;
      }
    }
    if (version->snapshot_ == nullptr) {
      PROBATION_ASSIGN_OR_RETURN(version->snapshot_, Snapshot::Load(db_.get(), calendar_));
    }
    return Status::Ok();
  };
  const Status status = read();
  const Status ended = db_->Execute(status.ok() ? "COMMIT" : "ROLLBACK");
  PROBATION_RETURN_IF_ERROR(status);
  PROBATION_RETURN_IF_ERROR(ended);
  version->snapshot_seconds_ = SecondsSince(start);
  version->organisation_ = std::make_unique<measures::Organisation>(*version->snapshot_);
  version->engine_ = std::make_unique<measures::Engine>(
      *version->snapshot_, calendar_, *version->organisation_,
      options_.as_at.value_or(version->snapshot_->latest_activity()));
  const auto warm_start = std::chrono::steady_clock::now();
  if (previous != nullptr && options_.carry_over) CarryOver(*previous, version.get());
  if (options_.warm) Warm(*version);
  version->warm_seconds_ = SecondsSince(warm_start);
  version->built_at_ = std::chrono::system_clock::now();
  version->build_seconds_ = SecondsSince(start);
  return version;
}

void LiveEngine::CarryOver(const EngineVersion& previous, EngineVersion* version) const {
  bool all_known = false;
  const measures::RecordTypeSet changed =
      measures::RecordTypesNamed(version->changed_types_, &all_known);
  // Only a version merged from the previous one (Snapshot::Reload) holds the same rows for the
  // types not changed: one read whole (an import of no known type) keeps nothing.
  if (!version->reloaded_ || !all_known || version->changed_types_.empty()) return;
  measures::Engine::CarryOver carry = version->engine_->AdoptCaches(previous.engine(), changed);
  version->adopted_item_rows_ = carry.adopted;
  // The entries readers built on the previous version that the change dropped, built again
  // here so that the first requests on this one do not wait for them. Only those of the live
  // engine's own frameworks: a request's measure from elsewhere may be gone.
  for (const measures::Engine::ItemRowsRequest& request : carry.dropped) {
    if (!OwnsMeasure(request.measure)) continue;
    // An error is not kept here: the request that meets it reports it.
    if (version->engine_->Prepare(request).ok()) ++version->prepared_item_rows_;
  }
  version->adopted_tallies_ = carry.adopted_tallies;
  for (const measures::Engine::TalliesRequest& request : carry.dropped_tallies) {
    if (!OwnsMeasure(request.measure)) continue;
    if (version->engine_->Prepare(request).ok()) ++version->prepared_tallies_;
  }
  const DueIndex* previous_due = previous.DueIfBuilt();
  if (previous_due == nullptr) return;
  std::call_once(version->due_once_, [&] {
    version->KeepDue(
        DueIndex::Build(*version->engine_, calendar_, frameworks_, previous_due, changed));
  });
  if (const DueIndex* due = version->DueIfBuilt(); due != nullptr) {
    version->due_measures_reused_ = due->measures_reused();
    version->due_measures_computed_ = due->measures_computed();
  }
}

bool LiveEngine::OwnsMeasure(const measures::Measure* measure) const {
  const std::less<const measures::Measure*> before;  // a total order over any two pointers
  for (const measures::Framework& framework : frameworks_) {
    if (framework.measures.empty()) continue;
    const measures::Measure* first = framework.measures.data();
    if (!before(measure, first) && before(measure, first + framework.measures.size())) {
      return true;
    }
  }
  return false;
}

void LiveEngine::Warm(const EngineVersion& version) const {
  // An error is not kept here: the request that meets it reports it, as without warming.
  (void)version.Due();
  std::vector<const measures::Measure*> measures;
  for (const measures::Framework& framework : frameworks_) {
    for (const measures::Measure& measure : framework.measures) {
      if (!measure.placeholder) measures.push_back(&measure);
    }
  }
  Result<measures::Period> year = measures::ParsePeriod(
      "FY" + std::to_string(measures::FinancialYearOf(version.engine().as_at())));
  if (!year.ok() || measures.empty()) return;
  const measures::UnitRef top = version.organisation().Top();
  version.engine().TalliesOfMeasures(
      measures, std::span(&*year, 1), std::span(&top, 1),
      [](size_t, Result<std::vector<std::vector<measures::Tally>>>) {});
}

Result<bool> LiveEngine::Refresh() {
  std::lock_guard<std::mutex> refresh_lock(refresh_mutex_);
  FreeRetired();
  const std::shared_ptr<const EngineVersion> current = Current();
  Result<DataMark> mark = ReadDataMark(db_.get());
  if (mark.ok() && *mark == current->mark()) return false;
  Result<std::shared_ptr<EngineVersion>> next =
      mark.ok() ? Build(current.get()) : Result<std::shared_ptr<EngineVersion>>(mark.status());
  std::lock_guard<std::mutex> lock(current_mutex_);
  if (!next.ok()) {
    ++failed_refreshes_;
    last_error_ = next.status().message();
    return next.status();
  }
  (*next)->number_ = current->number() + 1;
  ++refreshes_;
  last_error_.clear();
  current_ = std::move(*next);
  std::lock_guard<std::mutex> retired_lock(retired_mutex_);
  retired_.push_back(current);  // freed by FreeRetired once no reader holds it
  return true;
}

void LiveEngine::FreeRetired() {
  std::vector<std::shared_ptr<const EngineVersion>> unused;
  {
    std::lock_guard<std::mutex> lock(retired_mutex_);
    // A retired version is reachable only through this list and the readers that took it
    // while it was current: held here alone, no one can take it again.
    auto kept = std::partition(retired_.begin(), retired_.end(),
                               [](const auto& v) { return v.use_count() > 1; });
    std::move(kept, retired_.end(), std::back_inserter(unused));
    retired_.erase(kept, retired_.end());
  }
  // `unused` is freed here, outside the lock.
}

void LiveEngine::StartPolling() {
  std::lock_guard<std::mutex> lock(poll_mutex_);
  if (poller_.joinable()) return;
  poll_stop_ = false;
  poller_ = std::thread([this] { PollLoop(); });
}

void LiveEngine::StopPolling() {
  {
    std::lock_guard<std::mutex> lock(poll_mutex_);
    poll_stop_ = true;
  }
  poll_wake_.notify_all();
  if (poller_.joinable()) poller_.join();
  FreeRetired();
}

void LiveEngine::Notify() {
  {
    std::lock_guard<std::mutex> lock(poll_mutex_);
    poll_notified_ = true;
  }
  poll_wake_.notify_all();
}

void LiveEngine::PollLoop() {
  if (options_.build_due_on_start) (void)Current()->Due();  // an error: the request reports it
  while (true) {
    {
      std::unique_lock<std::mutex> lock(poll_mutex_);
      poll_wake_.wait_for(lock, options_.poll_interval,
                          [this] { return poll_stop_ || poll_notified_; });
      if (poll_stop_) return;
      poll_notified_ = false;
    }
    // A failure is kept for metrics; the current version stays and the next tick tries again.
    // (Refresh() first frees the retired versions no reader holds any more.)
    const Result<bool> refreshed = Refresh();
    if (refreshed.ok() && *refreshed && options_.min_refresh_gap.count() > 0) {
      // Writes notified meanwhile stay notified: the next refresh takes them after the gap.
      std::unique_lock<std::mutex> lock(poll_mutex_);
      poll_wake_.wait_for(lock, options_.min_refresh_gap, [this] { return poll_stop_; });
      if (poll_stop_) return;
    }
  }
}

LiveEngineMetrics LiveEngine::Metrics() const {
  LiveEngineMetrics m;
  std::lock_guard<std::mutex> lock(current_mutex_);
  m.version = current_->number();
  m.refreshes = refreshes_;
  m.failed_refreshes = failed_refreshes_;
  m.last_error = last_error_;
  m.last_build_seconds = current_->build_seconds();
  m.age_seconds =
      std::chrono::duration<double>(std::chrono::system_clock::now() - current_->built_at())
          .count();
  return m;
}

}  // namespace probation
