#include "store/record_writer.h"

#include <string>

namespace probation {

Result<RecordWriter> RecordWriter::Create(Database* db, const RecordType& type) {
  // Identifiers come from the compiled-in record-type table, never from input; every value
  // is a bound parameter ?N, N being the field's 1-based position.
  std::string columns, params, assignments, key_match, differs;
  for (size_t i = 0; i < type.fields.size(); ++i) {
    const std::string name(type.fields[i].name);
    const std::string param = "?" + std::to_string(i + 1);
    if (i > 0) {
      columns += ", ";
      params += ", ";
    }
    columns += name;
    params += param;
    if (static_cast<int>(i) < type.key_fields) {
      if (!key_match.empty()) key_match += " AND ";
      key_match += name + " = " + param;
    } else {
      if (!assignments.empty()) {
        assignments += ", ";
        differs += " OR ";
      }
      assignments += name + " = " + param;
      differs += name + " IS NOT " + param;
    }
  }
  const std::string table(type.name);
  Result<Statement> insert =
      db->Prepare("INSERT OR IGNORE INTO " + table + " (" + columns + ") VALUES (" + params + ")");
  if (!insert.ok()) return insert.status();
  // A type whose fields are all key fields can never differ: its update is a no-op query.
  const std::string update_sql =
      assignments.empty()
          ? "SELECT 1 WHERE 0"
          : "UPDATE " + table + " SET " + assignments + " WHERE " + key_match + " AND (" +
                differs + ")";
  Result<Statement> update = db->Prepare(update_sql);
  if (!update.ok()) return update.status();
  return RecordWriter(db, std::move(*insert), std::move(*update));
}

void RecordWriter::Bind(Statement* stmt, std::span<const FieldValue> values) {
  for (size_t i = 0; i < values.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    const FieldValue& v = values[i];
    switch (v.kind) {
      case FieldValue::Kind::kNull:
        stmt->BindNull(index);
        break;
      case FieldValue::Kind::kInteger:
        stmt->BindInt(index, v.number);
        break;
      case FieldValue::Kind::kDecimal:
        stmt->BindDouble(index, v.decimal);
        break;
      case FieldValue::Kind::kText:
        stmt->BindText(index, v.text);
        break;
    }
  }
}

Result<WriteOutcome> RecordWriter::Write(std::span<const FieldValue> values) {
  Bind(&insert_, values);
  PROBATION_RETURN_IF_ERROR(insert_.Run());
  if (db_->Changes() > 0) return WriteOutcome::kInserted;
  Bind(&update_, values);
  PROBATION_RETURN_IF_ERROR(update_.Run());
  return db_->Changes() > 0 ? WriteOutcome::kUpdated : WriteOutcome::kUnchanged;
}

}  // namespace probation
