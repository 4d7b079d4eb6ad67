// Snapshot: an immutable, columnar, in-memory copy of the store for the measure engine.
//
// Every record type becomes a table of typed columns (dates as day numbers, date-times as
// minutes, codes as their index in the code list, text dictionary-encoded, nulls as explicit
// sentinels), rows in key order. Relations are row indexes: a to-one relation is the target
// row of each row (-1 when absent); a to-many relation is an offsets array, the children of
// row r being rows [offsets[r], offsets[r+1]) of the child table (children are stored
// contiguously because their key starts with the parent's). Built once, then read-only: safe
// to share between threads.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/calendar.h"
#include "base/date.h"
#include "base/status.h"
#include "model/record_types.h"
#include "model/relations.h"
#include "store/database.h"

namespace probation {

inline constexpr int32_t kNullInt32 = std::numeric_limits<int32_t>::min();
inline constexpr int64_t kNullInt64 = std::numeric_limits<int64_t>::min();
inline constexpr int8_t kNullInt8 = -1;
inline constexpr uint32_t kNullText = std::numeric_limits<uint32_t>::max();

// One field's values. Which vector is filled depends on the field type:
//   kInteger, kDate -> i32 (kNullInt32);  kDateTime -> i64 (kNullInt64);
//   kDecimal -> f64 (NaN);  kBool (0/1), kCode (index) -> i8 (kNullInt8);
//   kText -> text ids into `dictionary` (kNullText).
struct SnapshotColumn {
  FieldType type = FieldType::kText;
  std::vector<int32_t> i32;
  std::vector<int64_t> i64;
  std::vector<double> f64;
  std::vector<int8_t> i8;
  std::vector<uint32_t> text;
  std::vector<std::string> dictionary;

  bool IsNull(size_t row) const;
  // The value as a double (NaN for null): what the evaluator computes with.
  double AsNumber(size_t row) const;
  // The value as the import format writes it ("" for null).
  std::string AsText(size_t row, const FieldSpec& spec) const;
  size_t MemoryBytes() const;
};

struct SnapshotTable {
  const RecordType* type = nullptr;
  size_t rows = 0;
  std::vector<SnapshotColumn> columns;  // one per field, in the type's field order
  // One entry per relation in RelationsFrom(*type), same order: to-one relations hold a target
  // row per row (-1: none); to-many relations hold rows + 1 offsets into the child table.
  std::vector<std::vector<int32_t>> relations;

  // The record key as text, fields joined by '/' (e.g. "X123456/1/17").
  std::string KeyText(size_t row) const;
  // The index of `relation` in `relations`, or -1.
  int RelationSlot(const Relation* relation) const;
};

class Snapshot {
 public:
  // Reads every record type from `db` (already migrated). Values the data format says are
  // derived when blank are filled in: a staff absence's working_days_lost is counted from
  // `calendar` (working days from its start to its end, inclusive). A snapshot image
  // (snapshot_image.h) is the other way to build one.
  static Result<std::unique_ptr<Snapshot>> Load(Database* db, const Calendar& calendar);

  // The snapshot of `db` when only the record types named in `changed_types` differ from what
  // `previous` was built from: those tables are read from the store again; a table that did
  // not change and has no relation to one that did is shared with `previous` (not copied);
  // any other unchanged table is copied, with its relations to unchanged tables, and the
  // relations into or out of a changed table are rebuilt. The same snapshot as
  // Load() gives, to the last bit, provided nothing outside `changed_types` changed (the live
  // engine knows what changed from the import log and the service's change log).
  // InvalidArgument for a name that is not a record type.
  static Result<std::unique_ptr<Snapshot>> Reload(Database* db, const Calendar& calendar,
                                                  const Snapshot& previous,
                                                  std::span<const std::string> changed_types);

  // The rows of one record type that were written (inserted or updated; never deleted), each
  // by its key values as text (e.g. {"X123456", "1", "17"}), in any order, repeats allowed.
  struct ChangedRows {
    const RecordType* type = nullptr;
    std::vector<std::vector<std::string>> keys;
  };

  // As Reload(), but for the record types in `changed_rows` (and not in `changed_types`) only
  // the rows named are read from the store, by key, and merged into a copy of the previous
  // table: updated in place, inserted at their key position (a parent's children stay
  // contiguous). The relations into and out of such a table are patched, not rebuilt: the
  // to-one targets of the written rows are found by key, the other rows' are shifted by the
  // rows inserted before their target, and a parent's to-many offsets by the children
  // inserted under the parents before it. Text dictionaries are extended, and renumbered only
  // when a written value changed the order in which texts first appear (as Load() numbers
  // them). The same snapshot as Load() gives, to the last bit, provided nothing else changed.
  // A named row missing from the store (deleted by other means) makes its table read whole.
  // staff_absences (whose derived values depend on every row) is always read whole.
  static Result<std::unique_ptr<Snapshot>> Reload(Database* db, const Calendar& calendar,
                                                  const Snapshot& previous,
                                                  std::span<const std::string> changed_types,
                                                  std::span<const ChangedRows> changed_rows);

  const SnapshotTable& table(const RecordType& type) const;
  // Every table, in AllRecordTypes() order.
  std::vector<std::reference_wrapper<const SnapshotTable>> tables() const;

  // The latest date on which activity was recorded: the latest sentence date, report request,
  // assessment start or contact with an outcome. Pending items are judged against it.
  Date latest_activity() const { return latest_activity_; }
  size_t MemoryBytes() const;

 private:
  friend class SnapshotImage;  // snapshot_image.cc writes and rebuilds the private state

  Snapshot() = default;
  // Reads the table's rows in key order; with `keys`, only the rows with those keys, in the
  // order given (NotFound when one has no row).
  Status LoadTable(Database* db, SnapshotTable* table,
                   const std::vector<std::vector<std::string>>* keys = nullptr);

  // What merging written rows into a table did (snapshot_delta.cc).
  struct TableDelta {
    std::vector<uint32_t> insert_at;  // per inserted row, ascending: the old row it precedes
    std::vector<uint32_t> inserted;   // new row index of each inserted row, ascending
    std::vector<uint32_t> written;    // new row index of every inserted or updated row, asc.
    // The new index of old row `row`.
    uint32_t Shift(uint32_t row) const;
    bool empty() const { return written.empty(); }
  };
  // Reads the rows keyed `keys` from the store and merges them into a copy of `old` (same
  // type) as `table`. NotFound when a key has no row in the store.
  Status MergeRows(Database* db, const SnapshotTable& old,
                   const std::vector<std::vector<std::string>>& keys, SnapshotTable* table,
                   TableDelta* delta);
  // The relations of a table merged by MergeRows (`merged` indexed as AllRecordTypes(), null
  // for tables not merged), and of an unchanged table whose relation leads to a merged one,
  // patched from `previous`'s.
  Result<std::vector<int32_t>> PatchRelation(const Snapshot& previous, size_t table_index,
                                             size_t relation_index,
                                             const std::vector<const TableDelta*>& merged) const;
  // Every relation of every table; with `previous`, those between two tables that are not
  // `changed` (indexed as AllRecordTypes()) are copied from it instead.
  // With `merged` (indexed as AllRecordTypes()), a relation that involves a merged table and
  // no table read whole is patched (PatchRelation) instead.
  Status BuildRelations(const Snapshot* previous = nullptr,
                        const std::vector<bool>* changed = nullptr,
                        const std::vector<const TableDelta*>* merged = nullptr);
  void FindLatestActivity();
  // Fills the blank derived values and records which rows it filled.
  void FillDerivedValues(const Calendar& calendar);

  // Every table as a reference, to fill in while the snapshot is built.
  std::vector<std::reference_wrapper<SnapshotTable>> MutableTables();

  // AllRecordTypes() order. Held by shared pointer so that Reload() shares the tables that did
  // not change with the snapshot it came from; no table is changed once its snapshot is built.
  std::vector<std::shared_ptr<SnapshotTable>> tables_;
  Date latest_activity_;
  // The staff_absences rows whose working_days_lost was blank in the store and counted from
  // the calendar, ascending: an image stores them blank, so it never depends on a calendar.
  std::vector<uint32_t> derived_days_lost_rows_;
};

}  // namespace probation
