// KeyIndex: the keys of the records other records may reference (people, sentences, staff,
// ...), as they stand in the database plus the rows accepted so far in this load, so each
// reference is checked with one hash lookup. Keys are the canonical text of the key fields,
// each followed by '\x1f'. Not thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_set>

#include "base/status.h"
#include "model/record_types.h"
#include "store/database.h"
#include "store/record_writer.h"

namespace probation {

// Appends a key field's canonical text and the separator.
void AppendKeyPart(const FieldValue& value, std::string* key);

class KeyIndex {
 public:
  explicit KeyIndex(Database* db) : db_(db) {}

  // Reads the keys of `type` from the database and tracks it from now on. Idempotent.
  Status Track(const RecordType& type);

  bool IsTracked(const RecordType& type) const { return keys_.count(type.name) > 0; }
  // REQUIRES: IsTracked(type).
  bool Contains(const RecordType& type, const std::string& key) const;
  // Adds a key of a tracked type (no-op for an untracked type).
  void Add(const RecordType& type, const std::string& key);

 private:
  Database* db_;
  std::map<std::string_view, std::unordered_set<std::string>> keys_;
};

}  // namespace probation
