// Relations between record types, derived from the record-type table's references: a to-one
// relation for every reference (a contact's `sentence`, a sentence's `person`, a staff member's
// `team`), and a to-many relation from a parent to a child whose key begins with the parent's
// key (a sentence's `contacts`, a person's `sentences`). The measure language navigates them and
// the snapshot stores them as row indexes. Immutable static data; thread-safe.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "model/record_types.h"

namespace probation {

struct Relation {
  std::string_view name;  // "sentence" (to-one) or "contacts" (to-many)
  const RecordType* from;
  const RecordType* to;
  bool to_many;
  // The reference behind it: on `from` for to-one, on `to` (the child) for to-many.
  const ReferenceSpec* reference;
};

// Every relation leaving `type`, to-one first, in table order.
std::span<const Relation> RelationsFrom(const RecordType& type);

// The relation called `name` leaving `type`, or nullptr.
const Relation* FindRelation(const RecordType& type, std::string_view name);

}  // namespace probation
