#include "analytics/workload_officers.h"

#include <algorithm>
#include <cmath>
#include <thread>
#include <unordered_map>

#include "model/code_lists.h"

namespace probation::analytics {
namespace {

using measures::UnitLevel;
using measures::UnitRef;

const SnapshotColumn& Col(const SnapshotTable& table, std::string_view field) {
  return table.columns[table.type->FieldIndex(field)];
}

int CodeIndex(std::string_view list, std::string_view code) {
  const CodeList* codes = FindCodeList(list);
  for (size_t i = 0; i < codes->codes.size(); ++i) {
    if (codes->codes[i].code == code) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

std::vector<OfficerWorkload> ComputeOfficerWorkloads(
    const Snapshot& snapshot, const std::vector<SupervisedCase>& cases,
    const std::vector<std::string>& tiers, const PointsTable& points,
    const std::vector<Reduction>& reductions, const std::vector<ReductionCap>& caps, Date at) {
  const SnapshotTable& staff = snapshot.table(*FindRecordType("staff"));
  const SnapshotTable& reports = snapshot.table(*FindRecordType("court_reports"));
  const int32_t day = at.days();
  const size_t n = staff.rows;
  std::vector<OfficerWorkload> by_row(n);
  std::vector<bool> counted(n, false);

  for (size_t i = 0; i < cases.size(); ++i) {
    const int32_t officer = cases[i].officer_row;
    if (officer < 0) continue;
    OfficerWorkload& w = by_row[officer];
    const Setting setting = cases[i].inputs.setting;
    w.cases[static_cast<int>(setting)]++;
    w.case_points += CasePoints(points, setting, tiers[i]);
    counted[officer] = true;
  }

  const auto& author =
      reports.relations[reports.RelationSlot(FindRelation(*reports.type, "author"))];
  const auto& type = Col(reports, "report_type").i8;
  const auto& requested = Col(reports, "requested_date").i32;
  const auto& due = Col(reports, "due_date").i32;
  const auto& delivered = Col(reports, "delivered_date").i32;
  const int sdr = CodeIndex("report_type", "SDR");
  const int fdr = CodeIndex("report_type", "FDR");
  const int32_t window_start = day - points.report_window_days + 1;
  for (size_t r = 0; r < reports.rows; ++r) {
    if (author[r] < 0 || (type[r] != sdr && type[r] != fdr)) continue;
    if (requested[r] == kNullInt32 || requested[r] > day) continue;
    const int32_t when = delivered[r] != kNullInt32 ? delivered[r] : due[r];
    if (when == kNullInt32 || when < window_start || (delivered[r] != kNullInt32 && when > day)) {
      continue;
    }
    OfficerWorkload& w = by_row[author[r]];
    if (type[r] == sdr) {
      w.sdr++;
      w.report_points += points.sdr_points;
    } else {
      w.fdr++;
      w.report_points += points.fdr_points;
    }
    counted[author[r]] = true;
  }

  std::unordered_map<std::string, std::vector<Reduction>> reductions_by_staff;
  for (const Reduction& r : reductions) reductions_by_staff[r.staff_id].push_back(r);

  const auto& grade = Col(staff, "grade").i8;
  const auto& fte = Col(staff, "fte").f64;
  const auto& start = Col(staff, "start_date").i32;
  const auto& end = Col(staff, "end_date").i32;
  const SnapshotColumn& surname = Col(staff, "surname");
  const SnapshotColumn& forenames = Col(staff, "forenames");
  const CodeList* grades = FindCodeList("staff_grade");
  const int team_slot = staff.RelationSlot(FindRelation(*staff.type, "team"));
  std::vector<OfficerWorkload> out;
  for (size_t s = 0; s < n; ++s) {
    const bool in_post =
        start[s] != kNullInt32 && start[s] <= day && (end[s] == kNullInt32 || end[s] >= day);
    const std::string_view grade_code = grade[s] >= 0 ? grades->codes[grade[s]].code : "";
    const bool holds_cases = grade_code == "PO" || grade_code == "PSO" || grade_code == "TPO";
    if (!counted[s] && !(in_post && holds_cases)) continue;
    OfficerWorkload w = std::move(by_row[s]);
    w.staff_row = static_cast<int32_t>(s);
    w.staff_id = staff.KeyText(s);
    w.name = forenames.AsText(s, staff.type->fields[staff.type->FieldIndex("forenames")]) + " " +
             surname.AsText(s, staff.type->fields[staff.type->FieldIndex("surname")]);
    w.grade = std::string(grade_code);
    w.team_row = staff.relations[team_slot][s];
    w.contracted_hours = in_post && !std::isnan(fte[s]) ? fte[s] * points.nominal_hours : 0;
    if (auto it = reductions_by_staff.find(w.staff_id); it != reductions_by_staff.end()) {
      AppliedReductions applied = ApplyReductions(it->second, caps, w.contracted_hours, at);
      w.reduction_hours = applied.hours;
      w.reduction_notes = std::move(applied.notes);
    }
    w.available = AvailablePoints(points, w.contracted_hours, w.reduction_hours);
    out.push_back(std::move(w));
  }
  return out;
}

std::vector<const OfficerWorkload*> OfficersWithin(const measures::Organisation& organisation,
                                                   const std::vector<OfficerWorkload>& officers,
                                                   UnitRef scope) {
  std::vector<const OfficerWorkload*> out;
  for (const OfficerWorkload& w : officers) {
    if (organisation.Within(UnitRef{UnitLevel::kOfficer, w.staff_row}, scope)) out.push_back(&w);
  }
  return out;
}

std::vector<UnitWorkload> RollUpWorkloads(const measures::Organisation& organisation,
                                          const std::vector<OfficerWorkload>& officers,
                                          UnitRef scope) {
  // Totals per org row (teams and LDUs), and for the scope.
  std::unordered_map<int32_t, UnitWorkload> by_row;
  UnitWorkload total;
  total.unit = scope;
  total.code = organisation.Code(scope);
  total.name = organisation.Name(scope);
  const auto add = [](UnitWorkload* u, const OfficerWorkload& w) {
    u->officers++;
    u->cases += w.cases[0] + w.cases[1] + w.cases[2];
    u->workload += w.workload_points();
    u->available += w.available;
  };
  for (const OfficerWorkload* w : OfficersWithin(organisation, officers, scope)) {
    add(&total, *w);
    if (w->team_row < 0) continue;
    for (UnitLevel level : {UnitLevel::kLdu, UnitLevel::kTeam}) {
      const int32_t row = organisation.AncestorAt(w->team_row, level);
      if (row >= 0) add(&by_row[row], *w);
    }
  }
  std::vector<UnitWorkload> out = {total};
  if (scope.level == UnitLevel::kTeam || scope.level == UnitLevel::kOfficer) return out;
  for (UnitRef ldu : organisation.UnitsAt(UnitLevel::kLdu, scope)) {
    auto it = by_row.find(ldu.row);
    if (it == by_row.end()) continue;
    if (!(scope.level == UnitLevel::kLdu && ldu == scope)) {
      it->second.unit = ldu;
      it->second.code = organisation.Code(ldu);
      it->second.name = organisation.Name(ldu);
      out.push_back(it->second);
    }
    for (UnitRef team : organisation.UnitsAt(UnitLevel::kTeam, ldu)) {
      auto t = by_row.find(team.row);
      if (t == by_row.end()) continue;
      t->second.unit = team;
      t->second.code = organisation.Code(team);
      t->second.name = organisation.Name(team);
      out.push_back(t->second);
    }
  }
  return out;
}

void CasesAndTiers(const CaseReader& reader, const ProtectChangeRuleSet& rules, Date at,
                   std::vector<SupervisedCase>* cases, std::vector<std::string>* tiers) {
  *cases = reader.CasesOn(at);
  tiers->resize(cases->size());
  // Two threads, each half of the cases: the rule set and the cases are only read.
  const size_t half = cases->size() / 2;
  const auto work = [&](size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      (*tiers)[i] = ComputeProtectChangeTier(rules, (*cases)[i].inputs).tier;
    }
  };
  std::thread other(work, half, cases->size());
  work(0, half);
  other.join();
}

}  // namespace probation::analytics
