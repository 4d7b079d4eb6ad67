#include "store/schema.h"

namespace probation {

std::string_view SqlColumnType(FieldType type) {
  switch (type) {
    case FieldType::kInteger:
    case FieldType::kBool:
      return "INTEGER";
    case FieldType::kDecimal:
      return "REAL";
    case FieldType::kText:
    case FieldType::kDate:
    case FieldType::kDateTime:
    case FieldType::kCode:
      return "TEXT";
  }
  return "TEXT";
}

std::string RecordTableDdl(const RecordType& type) {
  std::string sql = "CREATE TABLE " + std::string(type.name) + " (\n";
  for (const FieldSpec& f : type.fields) {
    sql += "  " + std::string(f.name) + " " + std::string(SqlColumnType(f.type));
    if (f.required) sql += " NOT NULL";
    sql += ",\n";
  }
  sql += "  PRIMARY KEY (";
  for (int i = 0; i < type.key_fields; ++i) {
    if (i > 0) sql += ", ";
    sql += std::string(type.fields[i].name);
  }
  sql += ")\n) WITHOUT ROWID;\n";
  return sql;
}

int LatestSchemaVersion() { return AllMigrations().back().version; }

namespace {

Result<int> SchemaVersion(Database* db) {
  Result<Statement> version_query = db->Prepare("PRAGMA user_version");
  if (!version_query.ok()) return version_query.status();
  Result<bool> row = version_query->Step();
  if (!row.ok()) return row.status();
  return static_cast<int>(version_query->ColumnInt(0));
}

Status CheckNotNewer(Database* db, int current) {
  if (current <= LatestSchemaVersion()) return Status::Ok();
  return FailedPrecondition("database " + db->path() + " has schema version " +
                            std::to_string(current) + ", newer than this program's " +
                            std::to_string(LatestSchemaVersion()) + "; use a newer probation");
}

}  // namespace

Status Migrate(Database* db) {
  Result<int> before = SchemaVersion(db);
  if (!before.ok()) return before.status();
  PROBATION_RETURN_IF_ERROR(CheckNotNewer(db, *before));
  if (*before == LatestSchemaVersion()) return Status::Ok();
  // Another process may be migrating the same database (two first uses at once): the write
  // lock serialises the migrations, and the version is read again under it, so each
  // migration runs once.
  Result<Transaction> txn = Transaction::Begin(db);
  if (!txn.ok()) return txn.status();
  Result<int> current = SchemaVersion(db);
  if (!current.ok()) return current.status();
  PROBATION_RETURN_IF_ERROR(CheckNotNewer(db, *current));
  for (const Migration& m : AllMigrations()) {
    if (m.version <= *current) continue;
    Status applied = db->Execute(m.sql);
    if (!applied.ok()) {
      return Internal("schema migration " + std::to_string(m.version) + " (" +
                      std::string(m.description) + ") failed: " + applied.message());
    }
    // user_version takes no bound parameter; the value is a compiled-in integer.
    PROBATION_RETURN_IF_ERROR(db->Execute("PRAGMA user_version = " + std::to_string(m.version)));
  }
  return txn->Commit();
}

Result<std::unique_ptr<Database>> OpenStore(const std::string& path) {
  Result<std::unique_ptr<Database>> db = Database::Open(path);
  if (!db.ok()) return db.status();
  PROBATION_RETURN_IF_ERROR(Migrate(db->get()));
  return db;
}

}  // namespace probation
