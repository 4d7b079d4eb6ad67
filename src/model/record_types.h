// The case-record model as data: every record type the store holds and the CSV bulk load
// reads, with its fields, key, references to other records, and validation rules.
//
// One explicit table (record_types.cc) drives the SQLite schema, the CSV validation, the
// generator's column order and docs/data-format.md, so the four cannot disagree. The table is
// listed in dependency order: a record type only references types before it (or itself).
// Immutable static data; thread-safe.
#pragma once

#include <span>
#include <string_view>

namespace probation {

enum class FieldType {
  kText,      // any UTF-8 text without line ends
  kInteger,   // whole number
  kDecimal,   // number with optional fraction, e.g. 0.8
  kDate,      // YYYY-MM-DD
  kDateTime,  // YYYY-MM-DDTHH:MM
  kBool,      // Y or N
  kCode,      // a code from the field's code list
};

std::string_view FieldTypeName(FieldType type);

struct FieldSpec {
  std::string_view name;
  FieldType type = FieldType::kText;
  bool required = false;
  std::string_view code_list = {};  // for kCode: the CodeList id
  std::string_view description = {};
  std::string_view example = {};
  // Inclusive bounds for kInteger and kDecimal when min < max.
  double min = 0;
  double max = 0;
};

// `fields` (comma-separated names of this type) must match the key of a `target` record that
// exists in the database or earlier in the same load. Skipped when any of them is blank.
// `name` is the relation's name in the measure language (e.g. a contact's `sentence`).
struct ReferenceSpec {
  std::string_view fields;
  std::string_view target;
  std::string_view name;
};

// When both are present, `earlier` must not be after `later`.
struct DateOrderSpec {
  std::string_view earlier;
  std::string_view later;
};

// `field` is required when `when_field` is present (and, if `when_value` is set, equals it).
struct ConditionalSpec {
  std::string_view field;
  std::string_view when_field;
  std::string_view when_value = {};
};

struct RecordType {
  std::string_view name;  // table name; the CSV file is <name>.csv
  std::string_view title;
  std::string_view description;
  std::span<const FieldSpec> fields;
  int key_fields;  // the first key_fields fields form the stable key
  std::span<const ReferenceSpec> references;
  std::span<const DateOrderSpec> date_orders;
  std::span<const ConditionalSpec> conditionals;

  // Index of the field called `name`, or -1.
  int FieldIndex(std::string_view name) const;
};

// Every record type, in dependency order.
std::span<const RecordType> AllRecordTypes();

// The type called `name`, or nullptr.
const RecordType* FindRecordType(std::string_view name);

}  // namespace probation
