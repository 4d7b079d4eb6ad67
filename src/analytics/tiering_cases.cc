#include "analytics/tiering_cases.h"

#include <algorithm>

#include "model/code_lists.h"

namespace probation::analytics {
namespace {

const SnapshotTable& TableOf(const Snapshot& snapshot, std::string_view name) {
  return snapshot.table(*FindRecordType(name));
}

const SnapshotColumn& Col(const SnapshotTable& table, std::string_view field) {
  return table.columns[table.type->FieldIndex(field)];
}

const std::vector<int32_t>* Rel(const SnapshotTable& table, std::string_view name) {
  return &table.relations[table.RelationSlot(FindRelation(*table.type, name))];
}

int CodeIndex(std::string_view list, std::string_view code) {
  const CodeList* codes = FindCodeList(list);
  for (size_t i = 0; i < codes->codes.size(); ++i) {
    if (codes->codes[i].code == code) return static_cast<int>(i);
  }
  return -1;
}

bool Running(int32_t start, int32_t end, int32_t at) {
  return start != kNullInt32 && start <= at && (end == kNullInt32 || end > at);
}

}  // namespace

CaseReader::CaseReader(const Snapshot& snapshot, std::vector<std::string> no_mandate_requirements)
    : snapshot_(snapshot),
      people_(TableOf(snapshot, "people")),
      sentences_(TableOf(snapshot, "sentences")),
      assessments_(TableOf(snapshot, "assessments")),
      registrations_(TableOf(snapshot, "registrations")),
      requirements_(TableOf(snapshot, "requirements")),
      officers_(TableOf(snapshot, "responsible_officers")),
      staff_(TableOf(snapshot, "staff")),
      no_mandate_requirements_(std::move(no_mandate_requirements)) {
  person_sentences_ = Rel(people_, "sentences");
  person_registrations_ = Rel(people_, "registrations");
  sentence_assessments_ = Rel(sentences_, "assessments");
  sentence_requirements_ = Rel(sentences_, "requirements");
  sentence_officers_ = Rel(sentences_, "responsible_officers");
  officer_staff_ = Rel(officers_, "staff");
  s_start_ = &Col(sentences_, "start_date");
  s_end_ = &Col(sentences_, "termination_date");
  s_type_ = &Col(sentences_, "sentence_type");
  req_type_ = &Col(requirements_, "requirement_type");
  o_start_ = &Col(officers_, "start_date");
  o_end_ = &Col(officers_, "end_date");
  a_completed_ = &Col(assessments_, "completed_date");
  a_rosh_ = &Col(assessments_, "rosh_level");
  a_ogrs_ = &Col(assessments_, "ogrs_score");
  a_tier_ = &Col(assessments_, "tier");
  for (int i = 0; i < kNeedCount; ++i) {
    a_needs_[i] = &Col(assessments_, "need_" + std::string(kNeedNames[i]));
  }
  r_type_ = &Col(registrations_, "registration_type");
  r_level_ = &Col(registrations_, "mappa_level");
  r_start_ = &Col(registrations_, "start_date");
  r_end_ = &Col(registrations_, "end_date");
  sentence_type_licence_ = CodeIndex("sentence_type", "LIC");
  sentence_type_custody_ = CodeIndex("sentence_type", "CUS");
  const CodeList* requirement_types = FindCodeList("requirement_type");
  for (const Code& code : requirement_types->codes) {
    restrictive_requirement_.push_back(std::find(no_mandate_requirements_.begin(),
                                                 no_mandate_requirements_.end(),
                                                 code.code) != no_mandate_requirements_.end());
  }
  for (const Code& code : FindCodeList("registration_type")->codes) {
    registration_types_.emplace_back(code.code);
  }
}

bool CaseReader::CaseAt(int32_t person, Date date, SupervisedCase* out) const {
  const int32_t at = date.days();
  const auto& s_start = s_start_->i32;
  const auto& s_end = s_end_->i32;
  int32_t lead = -1;
  for (int32_t s = (*person_sentences_)[person]; s < (*person_sentences_)[person + 1]; ++s) {
    if (!Running(s_start[s], s_end[s], at)) continue;
    if (lead < 0 || s_start[s] >= s_start[lead]) lead = s;  // rows ascend by event number
  }
  if (lead < 0) return false;
  SupervisedCase c;
  c.person_row = person;
  c.sentence_row = lead;
  TierInputs& in = c.inputs;

  // Setting and mandate for change.
  const int8_t type = s_type_->i8[lead];
  if (type == sentence_type_licence_) {
    in.setting = Setting::kLicence;
  } else if (type == sentence_type_custody_) {
    in.setting = Setting::kCustody;
  } else {
    in.setting = Setting::kCommunity;
    const auto& req_type = req_type_->i8;
    const int32_t first = (*sentence_requirements_)[lead];
    const int32_t last = (*sentence_requirements_)[lead + 1];
    bool all_restrictive = first < last;
    for (int32_t r = first; r < last && all_restrictive; ++r) {
      all_restrictive = req_type[r] >= 0 && restrictive_requirement_[req_type[r]];
    }
    in.mandate_for_change = !all_restrictive;
  }

  // Officer: the lead sentence's allocation running on the date that started last.
  const auto& o_start = o_start_->i32;
  const auto& o_end = o_end_->i32;
  int32_t allocation = -1;
  for (int32_t o = (*sentence_officers_)[lead]; o < (*sentence_officers_)[lead + 1]; ++o) {
    if (o_start[o] > at || (o_end[o] != kNullInt32 && o_end[o] < at)) continue;
    if (allocation < 0 || o_start[o] >= o_start[allocation]) allocation = o;
  }
  c.officer_row = allocation < 0 ? -1 : (*officer_staff_)[allocation];

  // Latest completed assessment over all the person's sentences.
  const auto& completed = a_completed_->i32;
  int32_t latest = -1;
  for (int32_t s = (*person_sentences_)[person]; s < (*person_sentences_)[person + 1]; ++s) {
    for (int32_t a = (*sentence_assessments_)[s]; a < (*sentence_assessments_)[s + 1]; ++a) {
      if (completed[a] == kNullInt32 || completed[a] > at) continue;
      if (latest < 0 || completed[a] >= completed[latest]) latest = a;
    }
  }
  if (latest >= 0) {
    in.assessed = true;
    in.assessment = assessments_.KeyText(latest);
    in.assessment_date = Date(completed[latest]);
    const int8_t rosh = a_rosh_->i8[latest];
    in.rosh = rosh == kNullInt8 ? kRoshUnknown : rosh;
    const int32_t ogrs = a_ogrs_->i32[latest];
    in.ogrs = ogrs == kNullInt32 ? -1 : ogrs;
    for (int i = 0; i < kNeedCount; ++i) {
      in.needs[i] = a_needs_[i]->i8[latest];
    }
    const int8_t tier = a_tier_->i8[latest];
    if (tier != kNullInt8) in.imported_tier = std::to_string(tier + 1);
  }

  // Registrations running on the date.
  const auto& r_type = r_type_->i8;
  const auto& r_level = r_level_->i8;
  const auto& r_start = r_start_->i32;
  const auto& r_end = r_end_->i32;
  for (int32_t r = (*person_registrations_)[person]; r < (*person_registrations_)[person + 1];
       ++r) {
    if (!Running(r_start[r], r_end[r], at) || r_type[r] < 0) continue;
    RegistrationInput reg;
    reg.type = registration_types_[r_type[r]];
    reg.mappa_level = r_level[r] == kNullInt8 ? 0 : r_level[r] + 1;
    reg.start = Date(r_start[r]);
    in.registrations.push_back(std::move(reg));
  }
  *out = std::move(c);
  return true;
}

std::vector<SupervisedCase> CaseReader::CasesOn(Date at) const {
  std::vector<SupervisedCase> cases;
  SupervisedCase c;
  for (int32_t p = 0; p < static_cast<int32_t>(people_.rows); ++p) {
    if (CaseAt(p, at, &c)) cases.push_back(std::move(c));
  }
  return cases;
}

int32_t CaseReader::FindPerson(std::string_view crn) const {
  const SnapshotColumn& column = Col(people_, "crn");
  for (size_t r = 0; r < people_.rows; ++r) {
    if (column.text[r] != kNullText && column.dictionary[column.text[r]] == crn) {
      return static_cast<int32_t>(r);
    }
  }
  return -1;
}

Result<SupervisedCase> CaseReader::CaseOf(std::string_view crn, Date at) const {
  const int32_t person = FindPerson(crn);
  if (person < 0) return NotFound("no person with CRN '" + std::string(crn) + "'");
  SupervisedCase c;
  if (!CaseAt(person, at, &c)) {
    return NotFound("CRN " + std::string(crn) + " has no sentence running on " + at.ToString());
  }
  return c;
}

std::vector<Date> CaseReader::ChangeDates(int32_t person, Date date) const {
  const int32_t at = date.days();
  std::vector<int32_t> days;
  const auto add = [&](int32_t d) {
    if (d != kNullInt32 && d <= at) days.push_back(d);
  };
  const auto& completed = a_completed_->i32;
  for (int32_t s = (*person_sentences_)[person]; s < (*person_sentences_)[person + 1]; ++s) {
    add(s_start_->i32[s]);
    add(s_end_->i32[s]);
    for (int32_t a = (*sentence_assessments_)[s]; a < (*sentence_assessments_)[s + 1]; ++a) {
      add(completed[a]);
    }
  }
  for (int32_t r = (*person_registrations_)[person]; r < (*person_registrations_)[person + 1];
       ++r) {
    add(r_start_->i32[r]);
    add(r_end_->i32[r]);
  }
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  std::vector<Date> dates;
  for (int32_t d : days) dates.push_back(Date(d));
  return dates;
}

std::string CaseReader::Crn(int32_t person_row) const { return people_.KeyText(person_row); }

std::string CaseReader::StaffId(int32_t staff_row) const {
  return staff_row < 0 ? std::string() : staff_.KeyText(staff_row);
}

}  // namespace probation::analytics
