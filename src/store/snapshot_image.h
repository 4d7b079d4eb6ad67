// Snapshot image: a Snapshot written to one binary file and read back in seconds, where
// building it from the store takes minutes on a national database.
//
// An image is a cache of the store, never a source of truth. It carries the stamp of the
// database state it was built from and a description of the record-type model it was built
// with; LoadSnapshotImage refuses it unless both equal the current ones, and the caller then
// builds the snapshot from the store as before. An image goes stale when:
//   - an import commits (every write of case records goes through `probation import`, which
//     adds an import_runs row in the same transaction): the stamp's latest run changes;
//   - the schema is migrated: the stamp's schema version changes;
//   - a new build changes a record type, field, field type, code list or relation: the model
//     description changes.
// The stamp cannot see a change made to the case-record tables by hand (the sqlite3 shell):
// whoever does that must delete the image.
// A change to the bank-holiday reference data does not make an image stale. Derived values are
// stored as the store holds them, blank, and derived after loading: a staff absence's
// working_days_lost left blank in the store is counted from the calendar passed to
// LoadSnapshotImage, exactly as Snapshot::Load counts it.
//
// Layout, format version 3 (version 1 had no index, version 2 no service change id; an image
// of another version is refused and rebuilt like a stale one). Integers and floating-point
// values are little-endian, as they are in memory on every machine this builds for. "str" is a
// u64 byte count and the bytes; "array<T>" is a u64 element count, the elements' raw bytes,
// and a u64 checksum of those bytes (ImageChecksum, image_io.h).
//
//   magic              8 bytes "PRBSNAP\n"
//   format version     u32
//   model              str: SnapshotModelDescription(), one line per record type
//   stamp              i32 schema version, i64 import run id, str finished_at,
//                      i64 rows inserted, i64 rows updated, i64 service change id
//                      (SnapshotStamp)
//   latest_activity    i32 day number
//   table count        u32, then for each record type in AllRecordTypes() order:
//     rows             u64
//     columns          for each field in the type's order: u8 FieldType, then the column's
//                      values as array<T> of `rows` elements (T: i32 for integer and date, i64
//                      for date-time, f64 for decimal, i8 for bool and code, u32 text id for
//                      text, with the snapshot's null sentinels); a text column then has its
//                      dictionary: array<u64> of end offsets (one per entry) and array<char>
//                      of the entries' bytes, concatenated
//     relations        u32 count, then for each relation in RelationsFrom(type) order:
//                      array<i32> (rows elements for to-one, rows + 1 offsets for to-many)
//   index              array<u64>: the file offset of each table's parts in order (its rows,
//                      each column, its relation count), then of the index itself; its length
//                      follows from the model, so a reader finds it from the end of the file
//   end marker         8 bytes "PRBSNAP.", then end of file
//
// Reading checks every length against the bytes left in the file (or in the part being read,
// which must end exactly where the index says the next begins) before allocating or reading,
// every array's checksum, and every value used as an index (text ids, code indexes, relation
// rows and offsets) against what it indexes, so a truncated or corrupt file is an error naming
// the file, never a crash (and damage to the values is caught by the checksums). The parts are
// read on two threads, each a run of them in file order, about half the bytes each.
//
// Functions only; thread-compatible. Saving and loading different paths from different
// threads is safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "base/calendar.h"
#include "base/status.h"
#include "store/database.h"
#include "store/snapshot.h"

namespace probation {

// The state of a database's case records, as far as a snapshot depends on it.
struct SnapshotStamp {
  int32_t schema_version = 0;  // PRAGMA user_version
  // The latest import_runs row (highest id); all zero and empty when nothing was imported.
  int64_t import_run_id = 0;
  std::string import_finished_at;
  int64_t rows_inserted = 0;
  int64_t rows_updated = 0;
  // The latest record_changes row (a write through the service; migration 6); 0 when none.
  int64_t change_id = 0;

  bool operator==(const SnapshotStamp&) const = default;
  // "schema 4, import run 12 finished 2011-07-08T10:00:00Z (1200 rows inserted, 3 updated)".
  std::string ToString() const;
};

// The current stamp of `db` (already migrated).
Result<SnapshotStamp> ReadSnapshotStamp(Database* db);

struct StampedSnapshot {
  std::unique_ptr<Snapshot> snapshot;
  SnapshotStamp stamp;
};

// Snapshot::Load and ReadSnapshotStamp in one read transaction, so the stamp describes exactly
// the data read even while an import commits meanwhile.
// REQUIRES: no transaction is open on `db`.
Result<StampedSnapshot> LoadStampedSnapshot(Database* db, const Calendar& calendar);

// Where the measure commands look for a database's image: "<db_path>.snapshot".
std::string SnapshotImagePath(const std::string& db_path);

// The record-type model as the image records it: per record type, its name, key field count,
// every field's name and type (a code field with its code list's codes in order) and every
// relation's name, target and kind.
std::string SnapshotModelDescription();

// Writes `snapshot`, stamped `stamp`, to `path`: to "<path>.partial" first, flushed to disk,
// then renamed over `path`, so a crash never leaves a half-written image (nor spoils an
// earlier one). Returns the bytes written through *bytes when it is not null.
// REQUIRES: `stamp` is the stamp of the state `snapshot` was built from (LoadStampedSnapshot).
Status SaveSnapshotImage(const Snapshot& snapshot, const std::string& path,
                         const SnapshotStamp& stamp, uint64_t* bytes = nullptr);

// Reads the image at `path`, then fills derived values from `calendar`. Errors, each naming
// the file: NotFound when there is no file; FailedPrecondition when it is stale (its stamp is
// not `expected`) or was built with a different model; IoError when it cannot be read, is not
// an image, is of another format version, or is truncated or corrupt.
Result<std::unique_ptr<Snapshot>> LoadSnapshotImage(const std::string& path,
                                                    const SnapshotStamp& expected,
                                                    const Calendar& calendar);

// LoadSnapshotImage, but an image older than `expected` only by writes through the service
// (the same schema and import run, an earlier record_changes id) is read too, and returned
// with its own stamp: the caller merges the records written since (the live engine does, with
// Snapshot::Reload), instead of reading the whole store again because of a few writes.
Result<StampedSnapshot> LoadSnapshotImageUpTo(const std::string& path,
                                              const SnapshotStamp& expected,
                                              const Calendar& calendar);

}  // namespace probation
