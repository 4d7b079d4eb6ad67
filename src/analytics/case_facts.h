// CaseFacts: the per-person and per-sentence facts the reoffending and equality analyses group
// by (gender, ethnicity, disability, date of birth; a sentence's person and its team on a
// date), read once from a snapshot as column references and row lookups.
//
// A sentence's team on a date is the team of its responsible officer then: the latest
// allocation started by that date (the first allocation when none had started), the same rule
// the measure engine uses. Immutable after construction; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "measures/organisation.h"
#include "model/code_lists.h"
#include "store/snapshot.h"

namespace probation::analytics {

class CaseFacts {
 public:
  // REQUIRES: `snapshot` and `organisation` outlive this.
  CaseFacts(const Snapshot& snapshot, const measures::Organisation& organisation);

  const Snapshot& snapshot() const { return snapshot_; }
  const measures::Organisation& organisation() const { return organisation_; }
  const SnapshotTable& table(std::string_view type) const;
  // A field's column. REQUIRES: the type has the field.
  const SnapshotColumn& column(std::string_view type, std::string_view field) const;
  // A relation's row lookup (to-one: a row per row; to-many: offsets). REQUIRES: it exists.
  const std::vector<int32_t>& relation(std::string_view type, std::string_view name) const;

  int32_t PersonOfSentence(int32_t sentence_row) const { return (*sentence_person_)[sentence_row]; }
  // The team (org row) managing the sentence on `on`, or -1 when unallocated or unknown.
  int32_t TeamOfSentence(int32_t sentence_row, Date on) const;
  // The team of staff member `staff_row` (-1 for none).
  int32_t TeamOfStaff(int32_t staff_row) const;

  // Code indexes into the code lists (kNullInt8 when blank).
  int8_t Gender(int32_t person) const { return gender_->i8[person]; }
  int8_t Ethnicity(int32_t person) const { return ethnicity_->i8[person]; }
  int8_t Disability(int32_t person) const { return disability_->i8[person]; }
  Date Born(int32_t person) const { return Date(born_->i32[person]); }

 private:
  const Snapshot& snapshot_;
  const measures::Organisation& organisation_;
  const std::vector<int32_t>* sentence_person_;
  const std::vector<int32_t>* sentence_allocations_;
  const std::vector<int32_t>* allocation_staff_;
  const std::vector<int32_t>* allocation_start_;
  const std::vector<int32_t>* allocation_end_;
  const SnapshotColumn *gender_, *ethnicity_, *disability_, *born_;
};

}  // namespace probation::analytics
