// The workload of every officer on a date, from the cases they hold (with their computed
// protect/change tiers) and the court reports they write, and its roll-up to teams, LDUs and
// any unit above (docs/workload.md). Functions only; thread-safe (reads its arguments only).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "analytics/tiering_cases.h"
#include "analytics/workload.h"
#include "measures/organisation.h"
#include "store/snapshot.h"

namespace probation::analytics {

struct OfficerWorkload {
  int32_t staff_row = -1;
  std::string staff_id;
  std::string name;   // "Forenames Surname"
  std::string grade;  // staff_grade code
  int32_t team_row = -1;
  double contracted_hours = 0;  // fte x nominal hours
  double reduction_hours = 0;
  std::vector<std::string> reduction_notes;
  std::array<int, kSettingCount> cases{};
  int case_points = 0;
  int sdr = 0;
  int fdr = 0;
  int report_points = 0;
  double available = 0;

  int workload_points() const { return case_points + report_points; }
  double capacity() const { return CapacityPercent(workload_points(), available); }
};

// The officers in post on `at` (started on or before it, not left before it) whose grade holds
// cases (PO, PSO, TPO) or who hold a case or wrote a counted report, in staff-id order.
// `cases` and `tiers` are parallel (tiers[i] is the protect/change tier of cases[i]); a court
// report counts for its author when requested on or before `at` and delivered (or, while
// outstanding, due) within the points table's window ending on `at`. `reductions` may hold
// any officer's, in any order.
std::vector<OfficerWorkload> ComputeOfficerWorkloads(
    const Snapshot& snapshot, const std::vector<SupervisedCase>& cases,
    const std::vector<std::string>& tiers, const PointsTable& points,
    const std::vector<Reduction>& reductions, const std::vector<ReductionCap>& caps, Date at);

// Every case under supervision on `at` (CaseReader::CasesOn) and its protect/change tier
// (parallel vectors), the tiers computed on two threads.
void CasesAndTiers(const CaseReader& reader, const ProtectChangeRuleSet& rules, Date at,
                   std::vector<SupervisedCase>* cases, std::vector<std::string>* tiers);

struct UnitWorkload {
  measures::UnitRef unit;
  std::string code;
  std::string name;
  int officers = 0;
  int cases = 0;
  double workload = 0;
  double available = 0;
  double capacity() const { return CapacityPercent(workload, available); }
};

// The totals of `scope` and of every LDU and team within it (scope first, then each LDU
// followed by its teams, in code order); units with no officers are left out.
std::vector<UnitWorkload> RollUpWorkloads(const measures::Organisation& organisation,
                                          const std::vector<OfficerWorkload>& officers,
                                          measures::UnitRef scope);

// The officers within `scope` (an officer scope: that officer).
std::vector<const OfficerWorkload*> OfficersWithin(const measures::Organisation& organisation,
                                                   const std::vector<OfficerWorkload>& officers,
                                                   measures::UnitRef scope);

}  // namespace probation::analytics
