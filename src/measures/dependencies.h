// The record types a measure's items depend on: the type it counts, every type its rules read
// (a field reached through to-one relations, the children an aggregate ranges over), and the
// types every item's attribution reads (people, sentences, responsible officers, staff, org
// units). When none of them changed, the measure's items are the same, row for row: what lets
// a new engine version keep the previous one's item rows and due items (Engine::AdoptCaches,
// DueIndex::Build) for the record types a write did not touch.
//
// Pure functions; thread-safe.
#pragma once

#include <bitset>
#include <cstddef>
#include <span>
#include <string>

#include "measures/framework.h"
#include "model/record_types.h"

namespace probation::measures {

// A set of record types, by their index in AllRecordTypes().
inline constexpr size_t kMaxRecordTypes = 128;
using RecordTypeSet = std::bitset<kMaxRecordTypes>;

// The index of `type` in AllRecordTypes(). REQUIRES: `type` is one of them.
size_t RecordTypeIndex(const RecordType& type);

// The set of the record types named; `all_known` set false when a name is not a record type
// (the caller should then treat every type as changed).
RecordTypeSet RecordTypesNamed(std::span<const std::string> names, bool* all_known);

// Every record type the items of `measure` depend on (above). A placeholder: its own type, if
// any, and the attribution types.
RecordTypeSet RecordTypesRead(const Measure& measure);

}  // namespace probation::measures
