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
  const std::string update_sql = assignments.empty()
                                     ? "SELECT 1 WHERE 0"
                                     : "UPDATE " + table + " SET " + assignments + " WHERE " +
                                           key_match + " AND (" + differs + ")";
  Result<Statement> update = db->Prepare(update_sql);
  if (!update.ok()) return update.status();
  // The batch statement numbers its parameters row after row: ?1..?n, ?n+1..?2n, ...
  std::string batch_sql = "INSERT INTO " + table + " (" + columns + ") VALUES ";
  const size_t n = type.fields.size();
  for (int row = 0; row < kBatchRows; ++row) {
    batch_sql += row > 0 ? ", (" : "(";
    for (size_t i = 0; i < n; ++i) {
      batch_sql += (i > 0 ? ", ?" : "?") + std::to_string(row * n + i + 1);
    }
    batch_sql += ")";
  }
  Result<Statement> batch = db->Prepare(batch_sql);
  if (!batch.ok()) return batch.status();
  Result<Statement> plain =
      db->Prepare("INSERT INTO " + table + " (" + columns + ") VALUES (" + params + ")");
  if (!plain.ok()) return plain.status();
  Result<Statement> any_row = db->Prepare("SELECT 1 FROM " + table + " LIMIT 1");
  if (!any_row.ok()) return any_row.status();
  return RecordWriter(db, n, std::move(*insert), std::move(*update), std::move(*batch),
                      std::move(*plain), std::move(*any_row));
}

void RecordWriter::Bind(Statement* stmt, std::span<const FieldValue> values, int first_index) {
  for (size_t i = 0; i < values.size(); ++i) {
    const int index = static_cast<int>(i) + first_index;
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

Result<bool> RecordWriter::TableIsEmpty() {
  Result<bool> row = any_row_.Step();
  any_row_.Reset();
  if (!row.ok()) return row.status();
  return !*row;
}

Status RecordWriter::Append(std::span<const FieldValue> values, std::string_view stable) {
  const char* const lo = stable.data();
  const char* const hi = lo + stable.size();
  for (FieldValue v : values) {
    if (v.kind == FieldValue::Kind::kText && !(v.text.data() >= lo && v.text.data() < hi)) {
      v.text = pending_text_.emplace_back(v.text);
    }
    pending_.push_back(v);
  }
  if (pending_.size() < kBatchRows * fields_) return Status::Ok();
  Bind(&batch_insert_, pending_);
  Status status = batch_insert_.Run();
  pending_.clear();
  pending_text_.clear();
  return status;
}

Status RecordWriter::Flush() {
  for (size_t start = 0; start < pending_.size(); start += fields_) {
    Bind(&plain_insert_, std::span<const FieldValue>(pending_).subspan(start, fields_));
    PROBATION_RETURN_IF_ERROR(plain_insert_.Run());
  }
  pending_.clear();
  pending_text_.clear();
  return Status::Ok();
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
