// The cases under supervision on a date, read from a snapshot, with what their tier is
// computed from (TierInputs) and who holds them.
//
// A case is a person with a sentence running on the date (started on or before it and not
// terminated on or before it). Its lead sentence is the running one that started last (ties:
// the higher event number); the setting (community, licence, custody) is the lead sentence's
// type, and the officer is the lead sentence's responsible officer allocated on the date (the
// allocation started last; -1 when none). The assessment is the person's latest completed on
// or before the date, over all their sentences; registrations are those running on the date.
// Immutable after construction; thread-safe (reads the snapshot only).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "analytics/tiering.h"
#include "store/snapshot.h"

namespace probation::analytics {

struct SupervisedCase {
  int32_t person_row = -1;
  int32_t sentence_row = -1;  // the lead sentence
  int32_t officer_row = -1;   // staff row, -1 when unallocated
  TierInputs inputs;
};

class CaseReader {
 public:
  // `no_mandate_requirements`: the requirement types that alone give no mandate for change
  // (ProtectChangeRuleSet).
  CaseReader(const Snapshot& snapshot, std::vector<std::string> no_mandate_requirements);

  // Every case under supervision on `at`, in CRN order.
  std::vector<SupervisedCase> CasesOn(Date at) const;
  // The case of the person with `crn` on `at`; NotFound when no such person or no sentence
  // runs on that date.
  Result<SupervisedCase> CaseOf(std::string_view crn, Date at) const;
  // The dates up to `at` on which the person's tier inputs may change (sentence starts and
  // terminations, assessment completions, registration starts and ends), ascending, unique.
  std::vector<Date> ChangeDates(int32_t person_row, Date at) const;
  // The person row of `crn`, or -1.
  int32_t FindPerson(std::string_view crn) const;

  std::string Crn(int32_t person_row) const;
  std::string StaffId(int32_t staff_row) const;

  // Whether the case of `person_row` is under supervision on `at`; fills *out when it is.
  bool CaseAt(int32_t person_row, Date at, SupervisedCase* out) const;

 private:
  const Snapshot& snapshot_;
  const SnapshotTable& people_;
  const SnapshotTable& sentences_;
  const SnapshotTable& assessments_;
  const SnapshotTable& registrations_;
  const SnapshotTable& requirements_;
  const SnapshotTable& officers_;
  const SnapshotTable& staff_;
  std::vector<std::string> no_mandate_requirements_;
  // Relation offsets and the columns used, resolved once.
  const std::vector<int32_t>* person_sentences_ = nullptr;
  const std::vector<int32_t>* person_registrations_ = nullptr;
  const std::vector<int32_t>* sentence_assessments_ = nullptr;
  const std::vector<int32_t>* sentence_requirements_ = nullptr;
  const std::vector<int32_t>* sentence_officers_ = nullptr;
  const std::vector<int32_t>* officer_staff_ = nullptr;
  const SnapshotColumn* s_start_ = nullptr;  // sentences
  const SnapshotColumn* s_end_ = nullptr;
  const SnapshotColumn* s_type_ = nullptr;
  const SnapshotColumn* req_type_ = nullptr;  // requirements
  const SnapshotColumn* o_start_ = nullptr;   // responsible officers
  const SnapshotColumn* o_end_ = nullptr;
  const SnapshotColumn* a_completed_ = nullptr;  // assessments
  const SnapshotColumn* a_rosh_ = nullptr;
  const SnapshotColumn* a_ogrs_ = nullptr;
  const SnapshotColumn* a_tier_ = nullptr;
  std::array<const SnapshotColumn*, kNeedCount> a_needs_{};
  const SnapshotColumn* r_type_ = nullptr;  // registrations
  const SnapshotColumn* r_level_ = nullptr;
  const SnapshotColumn* r_start_ = nullptr;
  const SnapshotColumn* r_end_ = nullptr;
  int sentence_type_licence_ = -1;
  int sentence_type_custody_ = -1;
  std::vector<bool> restrictive_requirement_;    // by requirement_type code index
  std::vector<std::string> registration_types_;  // by registration_type code index
};

}  // namespace probation::analytics
