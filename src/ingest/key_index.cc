#include "ingest/key_index.h"

#include <charconv>

namespace probation {

void AppendKeyPart(const FieldValue& value, std::string* key) {
  if (value.kind == FieldValue::Kind::kInteger) {
    char buf[24];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value.number);
    key->append(buf, end);
  } else {
    key->append(value.text);
  }
  key->push_back('\x1f');
}

Status KeyIndex::Track(const RecordType& type) {
  if (IsTracked(type)) return Status::Ok();
  std::string columns;
  for (int i = 0; i < type.key_fields; ++i) {
    columns += (i > 0 ? ", " : "") + std::string(type.fields[i].name);
  }
  // Identifiers from the compiled-in record-type table only.
  Result<Statement> select = db_->Prepare("SELECT " + columns + " FROM " + std::string(type.name));
  if (!select.ok()) return select.status();
  std::unordered_set<std::string>& keys = keys_[type.name];
  std::string key;
  while (true) {
    Result<bool> row = select->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    key.clear();
    for (int i = 0; i < type.key_fields; ++i) {
      key.append(select->ColumnText(i));  // integers read back as their decimal text
      key.push_back('\x1f');
    }
    keys.insert(key);
  }
  return Status::Ok();
}

bool KeyIndex::Contains(const RecordType& type, const std::string& key) const {
  return keys_.at(type.name).count(key) > 0;
}

void KeyIndex::Add(const RecordType& type, const std::string& key) {
  auto it = keys_.find(type.name);
  if (it != keys_.end()) it->second.insert(key);
}

}  // namespace probation
