#include "analytics/case_facts.h"

namespace probation::analytics {

CaseFacts::CaseFacts(const Snapshot& snapshot, const measures::Organisation& organisation)
    : snapshot_(snapshot), organisation_(organisation) {
  sentence_person_ = &relation("sentences", "person");
  sentence_allocations_ = &relation("sentences", "responsible_officers");
  allocation_staff_ = &relation("responsible_officers", "staff");
  allocation_start_ = &column("responsible_officers", "start_date").i32;
  allocation_end_ = &column("responsible_officers", "end_date").i32;
  gender_ = &column("people", "gender");
  ethnicity_ = &column("people", "ethnicity");
  disability_ = &column("people", "disability");
  born_ = &column("people", "date_of_birth");
}

const SnapshotTable& CaseFacts::table(std::string_view type) const {
  return snapshot_.table(*FindRecordType(type));
}

const SnapshotColumn& CaseFacts::column(std::string_view type, std::string_view field) const {
  const SnapshotTable& t = table(type);
  return t.columns[static_cast<size_t>(t.type->FieldIndex(field))];
}

const std::vector<int32_t>& CaseFacts::relation(std::string_view type,
                                                std::string_view name) const {
  const SnapshotTable& t = table(type);
  return t.relations[static_cast<size_t>(t.RelationSlot(FindRelation(*t.type, name)))];
}

int32_t CaseFacts::TeamOfStaff(int32_t staff_row) const {
  return staff_row < 0 ? -1 : organisation_.TeamOfStaff(staff_row);
}

int32_t CaseFacts::TeamOfSentence(int32_t sentence_row, Date on) const {
  const int32_t begin = (*sentence_allocations_)[sentence_row];
  const int32_t end = (*sentence_allocations_)[sentence_row + 1];
  if (begin == end) return -1;
  int32_t chosen = begin;
  for (int32_t a = begin; a < end; ++a) {
    if ((*allocation_start_)[a] > on.days()) break;
    chosen = a;
    const int32_t finish = (*allocation_end_)[a];
    if (finish == kNullInt32 || finish >= on.days()) break;
  }
  return TeamOfStaff((*allocation_staff_)[chosen]);
}

}  // namespace probation::analytics
