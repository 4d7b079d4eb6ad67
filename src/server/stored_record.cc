#include "server/stored_record.h"

#include <charconv>
#include <map>

namespace probation {
namespace {

// "a, b, c": the type's field names (identifiers from the compiled-in model table only).
std::string FieldList(const RecordType& type, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    out += (i ? ", " : "") + std::string(type.fields[i].name);
  }
  return out;
}

std::optional<std::string> ColumnAsText(const Statement& stmt, int column, FieldType type) {
  if (stmt.ColumnIsNull(column)) return std::nullopt;
  switch (type) {
    case FieldType::kInteger:
      return std::to_string(stmt.ColumnInt(column));
    case FieldType::kDecimal: {
      char buf[32];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, stmt.ColumnDouble(column));
      return std::string(buf, end);
    }
    case FieldType::kBool:
      return std::string(stmt.ColumnInt(column) != 0 ? "Y" : "N");
    default:
      return std::string(stmt.ColumnText(column));
  }
}

StoredRecord RowToRecord(const RecordType& type, const Statement& stmt) {
  StoredRecord r;
  r.type = &type;
  for (size_t f = 0; f < type.fields.size(); ++f) {
    r.values.push_back(ColumnAsText(stmt, static_cast<int>(f), type.fields[f].type));
  }
  std::vector<std::string> key;
  for (int k = 0; k < type.key_fields; ++k) key.push_back(r.values[k].value_or(""));
  r.key = JoinKey(key);
  return r;
}

}  // namespace

std::optional<std::string> StoredRecord::Value(std::string_view name) const {
  const int f = type == nullptr ? -1 : type->FieldIndex(name);
  if (f < 0) return std::nullopt;
  return values[f];
}

nlohmann::json StoredRecord::ToJson() const {
  nlohmann::json fields = nlohmann::json::object();
  for (size_t f = 0; f < values.size(); ++f) {
    const FieldSpec& spec = type->fields[f];
    const std::string name(spec.name);
    if (!values[f]) {
      fields[name] = nullptr;
      continue;
    }
    const std::string& text = *values[f];
    switch (spec.type) {
      case FieldType::kInteger:
        fields[name] = std::stoll(text);
        break;
      case FieldType::kDecimal:
        fields[name] = std::stod(text);
        break;
      case FieldType::kBool:
        fields[name] = text == "Y";
        break;
      default:
        fields[name] = text;
    }
  }
  return {{"type", std::string(type->name)},
          {"key", key},
          {"version", version},
          {"fields", std::move(fields)}};
}

std::string JoinKey(const std::vector<std::string>& key_values) {
  std::string out;
  for (size_t i = 0; i < key_values.size(); ++i) out += (i ? "/" : "") + key_values[i];
  return out;
}

Result<std::vector<StoredRecord>> ReadRecordsOfPerson(Database* db, const RecordType& type,
                                                      std::string_view crn) {
  const std::string sql = "SELECT " + FieldList(type, static_cast<int>(type.fields.size())) +
                          " FROM " + std::string(type.name) + " WHERE crn = ?1 ORDER BY " +
                          FieldList(type, type.key_fields);
  PROBATION_ASSIGN_OR_RETURN(Statement stmt, db->Prepare(sql));
  stmt.BindText(1, crn);
  std::vector<StoredRecord> out;
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) break;
    out.push_back(RowToRecord(type, stmt));
  }
  if (out.empty()) return out;
  // The person's versions in one range read: their keys all start "<crn>/" ('0' follows '/').
  PROBATION_ASSIGN_OR_RETURN(
      Statement versions,
      db->Prepare("SELECT record_key, version FROM record_versions WHERE record_type = ?1 "
                  "AND record_key > ?2 AND record_key < ?3"));
  const std::string low = std::string(crn) + "/", high = std::string(crn) + "0";
  versions.BindText(1, type.name);
  versions.BindText(2, low);
  versions.BindText(3, high);
  std::map<std::string, int64_t, std::less<>> by_key;
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool row, versions.Step());
    if (!row) break;
    by_key.emplace(std::string(versions.ColumnText(0)), versions.ColumnInt(1));
  }
  for (StoredRecord& r : out) {
    auto it = by_key.find(r.key);
    if (it != by_key.end()) r.version = it->second;
  }
  return out;
}

Result<StoredRecord> ReadRecord(Database* db, const RecordType& type,
                                const std::vector<std::string>& key_values) {
  std::string sql = "SELECT " + FieldList(type, static_cast<int>(type.fields.size())) + " FROM " +
                    std::string(type.name) + " WHERE ";
  for (int k = 0; k < type.key_fields; ++k) {
    sql += (k ? " AND " : "") + std::string(type.fields[k].name) + " = ?" + std::to_string(k + 1);
  }
  PROBATION_ASSIGN_OR_RETURN(Statement stmt, db->Prepare(sql));
  for (int k = 0; k < type.key_fields && k < static_cast<int>(key_values.size()); ++k) {
    if (type.fields[k].type == FieldType::kInteger) {
      int64_t n = 0;
      const std::string& v = key_values[k];
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (ec != std::errc() || end != v.data() + v.size()) {
        return NotFound("no " + std::string(type.name) + " record with key " + JoinKey(key_values));
      }
      stmt.BindInt(k + 1, n);
    } else {
      stmt.BindText(k + 1, key_values[k]);
    }
  }
  PROBATION_ASSIGN_OR_RETURN(const bool found, stmt.Step());
  if (!found || static_cast<int>(key_values.size()) != type.key_fields) {
    return NotFound("no " + std::string(type.name) + " record with key " + JoinKey(key_values));
  }
  StoredRecord r = RowToRecord(type, stmt);
  PROBATION_ASSIGN_OR_RETURN(r.version, ReadVersion(db, type, r.key));
  return r;
}

Result<int64_t> ReadVersion(Database* db, const RecordType& type, std::string_view key) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt, db->Prepare("SELECT version FROM record_versions WHERE record_type = ?1 "
                                  "AND record_key = ?2"));
  stmt.BindText(1, type.name);
  stmt.BindText(2, key);
  PROBATION_ASSIGN_OR_RETURN(const bool found, stmt.Step());
  return found ? stmt.ColumnInt(0) : int64_t{1};
}

}  // namespace probation
