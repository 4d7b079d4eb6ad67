// RecordWriter: writes records of one type into the store by key: a new key is inserted, an
// existing key with different values is updated, an identical record is left alone (so
// loading the same extract twice changes nothing). Uses two prepared statements.
//
// Thread-compatible; bound to one Database.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "base/status.h"
#include "model/record_types.h"
#include "store/database.h"

namespace probation {

// A typed field value ready to bind. Dates and date-times carry their canonical text (what is
// stored) and their number (days or minutes since the epoch, for comparisons).
struct FieldValue {
  enum class Kind { kNull, kInteger, kDecimal, kText } kind = Kind::kNull;
  int64_t number = 0;  // kInteger; days or minutes for dates and date-times
  double decimal = 0;  // kDecimal
  std::string_view text;  // kText (dates, date-times, codes, text)

  bool is_null() const { return kind == Kind::kNull; }
};

enum class WriteOutcome { kInserted, kUpdated, kUnchanged };

class RecordWriter {
 public:
  static Result<RecordWriter> Create(Database* db, const RecordType& type);

  // REQUIRES: values.size() == type.fields.size(), key fields not null, and the values obey
  // the type's rules (the importer validates them first).
  Result<WriteOutcome> Write(std::span<const FieldValue> values);

 private:
  RecordWriter(Database* db, Statement insert, Statement update)
      : db_(db), insert_(std::move(insert)), update_(std::move(update)) {}
  static void Bind(Statement* stmt, std::span<const FieldValue> values);

  Database* db_;
  Statement insert_;  // INSERT OR IGNORE
  Statement update_;  // UPDATE ... WHERE key matches AND some value differs
};

}  // namespace probation
