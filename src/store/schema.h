// The store's schema: versioned migrations that bring any older database up to the version
// this binary expects, and the DDL a record type implies (used to author migrations and, in
// tests, to prove the migrated schema matches the model).
//
// Functions only; a Database must not be migrated from two threads at once.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "base/status.h"
#include "model/record_types.h"
#include "store/database.h"

namespace probation {

struct Migration {
  int version;  // PRAGMA user_version after it has run
  std::string_view description;
  std::string_view sql;
};

// Every migration in order; the last one's version is the schema version of this binary.
std::span<const Migration> AllMigrations();
int LatestSchemaVersion();

// Runs, in one transaction, every migration newer than the database's user_version. A
// database newer than this binary is a FailedPrecondition (never touched).
Status Migrate(Database* db);

// Opens the database at `path` and migrates it.
Result<std::unique_ptr<Database>> OpenStore(const std::string& path);

// SQLite column type for a field type (TEXT, INTEGER or REAL).
std::string_view SqlColumnType(FieldType type);

// CREATE TABLE statement the record type implies (WITHOUT ROWID, key as PRIMARY KEY).
std::string RecordTableDdl(const RecordType& type);

}  // namespace probation
