// RecordWriter: writes records of one type into the store by key: a new key is inserted, an
// existing key with different values is updated, an identical record is left alone (so
// loading the same extract twice changes nothing). Uses two prepared statements.
//
// For a first load into an empty table there is a faster path: Append() buffers records known
// to be new and inserts them many rows to a statement.
//
// Thread-compatible; bound to one Database.
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/record_types.h"
#include "store/database.h"

namespace probation {

// A typed field value ready to bind. Dates and date-times carry their canonical text (what is
// stored) and their number (days or minutes since the epoch, for comparisons).
struct FieldValue {
  enum class Kind { kNull, kInteger, kDecimal, kText } kind = Kind::kNull;
  int64_t number = 0;     // kInteger; days or minutes for dates and date-times
  double decimal = 0;     // kDecimal
  std::string_view text;  // kText (dates, date-times, codes, text)

  bool is_null() const { return kind == Kind::kNull; }
};

enum class WriteOutcome { kInserted, kUpdated, kUnchanged };

class RecordWriter {
 public:
  static Result<RecordWriter> Create(Database* db, const RecordType& type);

  // REQUIRES: values.size() == type.fields.size(), key fields not null, and the values obey
  // the type's rules (the importer validates them first). REQUIRES: nothing Append()ed
  // since the last Flush().
  Result<WriteOutcome> Write(std::span<const FieldValue> values);

  // Whether the table holds no records (then every key not repeated in the input is new).
  Result<bool> TableIsEmpty();

  // Buffers a record whose key is known not to exist yet; it is inserted by a later Append()
  // or Flush(). Text inside `stable` (e.g. a mapped input file) is bound without copying.
  // REQUIRES: as Write(), and the key is in neither the table nor the buffer.
  Status Append(std::span<const FieldValue> values, std::string_view stable);
  // Inserts whatever Append() has buffered.
  Status Flush();

 private:
  static constexpr int kBatchRows = 32;

  RecordWriter(Database* db, size_t fields, Statement insert, Statement update,
               Statement batch_insert, Statement plain_insert, Statement any_row)
      : db_(db),
        fields_(fields),
        insert_(std::move(insert)),
        update_(std::move(update)),
        batch_insert_(std::move(batch_insert)),
        plain_insert_(std::move(plain_insert)),
        any_row_(std::move(any_row)) {}
  static void Bind(Statement* stmt, std::span<const FieldValue> values, int first_index = 1);

  Database* db_;
  size_t fields_;
  Statement insert_;                      // INSERT OR IGNORE, one row
  Statement update_;                      // UPDATE ... WHERE key matches AND some value differs
  Statement batch_insert_;                // INSERT of kBatchRows rows
  Statement plain_insert_;                // INSERT of one row (the end of a batch)
  Statement any_row_;                     // SELECT 1 ... LIMIT 1
  std::vector<FieldValue> pending_;       // buffered rows, fields_ values each
  std::deque<std::string> pending_text_;  // copies of buffered text from outside `stable`
};

}  // namespace probation
