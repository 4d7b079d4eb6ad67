// StoredRecord: one case record as the store holds it, any record type of the model table
// (src/model/record_types.cc), with its stable key and its version (migration 6), and its
// JSON form for the API. The reads and writes of the service share it, so a record reads the
// same whichever way it was reached.
//
// Values are held as the import format writes them (dates YYYY-MM-DD, Y/N, codes), so a
// record read here and written back through the loader's parsers is unchanged.
//
// Plain values and functions; thread-compatible (one Database per thread).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "model/record_types.h"
#include "store/database.h"

namespace probation {

struct StoredRecord {
  const RecordType* type = nullptr;
  std::string key;      // the key fields joined by '/', e.g. "X123456/1/17"
  int64_t version = 1;  // raised by one on every change (record_versions; 1 when absent)
  // One per field of `type`, in field order, as import text; nullopt when blank.
  std::vector<std::optional<std::string>> values;

  // The value of field `name`; nullopt when blank or when the type has no such field.
  std::optional<std::string> Value(std::string_view name) const;

  // {"type": "contacts", "key": "X123456/1/17", "version": 2, "fields": {"crn": "X123456",
  //  "event_no": 1, "contact_date": "2010-06-15", "ns_required": true, "outcome": null, ...}}:
  // integers and decimals as numbers, Y/N as booleans, blanks as null, the rest as strings.
  nlohmann::json ToJson() const;
};

// The stored record key ("X123456/1/17") of the record with `key_values` (its key fields'
// import text, in order).
std::string JoinKey(const std::vector<std::string>& key_values);

// Every record of `type` whose first field (which must be "crn") is `crn`, in key order,
// with their versions. REQUIRES: type.fields[0].name == "crn".
Result<std::vector<StoredRecord>> ReadRecordsOfPerson(Database* db, const RecordType& type,
                                                      std::string_view crn);

// The record of `type` with key `key_values`, or NotFound naming the type and key.
Result<StoredRecord> ReadRecord(Database* db, const RecordType& type,
                                const std::vector<std::string>& key_values);

// The record's current version (1 when record_versions has no row for it).
Result<int64_t> ReadVersion(Database* db, const RecordType& type, std::string_view key);

}  // namespace probation
