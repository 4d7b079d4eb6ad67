// The row-level rules of the model table (src/model/record_types.cc) that go beyond one
// field: conditional requirements and date orders. The bulk loader and the service's writes
// both check a record with these, so a record the one accepts the other accepts too, and a
// refusal reads the same.
//
// Functions only; thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/record_types.h"
#include "store/record_writer.h"

namespace probation {

// One broken rule: the field it names, the value as given ("" for a missing one) and why.
struct RowRuleViolation {
  std::string field;
  std::string value;
  std::string reason;
};

// Checks `type`'s conditional requirements and date orders against `values` (parsed by
// FieldParser, one per field) and `raw` (the text each was parsed from, for messages), and
// appends each broken rule to `out`. REQUIRES: both spans have one entry per field of `type`.
void CheckRowRules(const RecordType& type, std::span<const FieldValue> values,
                   std::span<const std::string_view> raw, std::vector<RowRuleViolation>* out);

}  // namespace probation
