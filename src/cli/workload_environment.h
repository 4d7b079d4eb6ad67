// What the tiering and workload commands (tier, workload, allocate, forecast) share: the
// database opened, its snapshot (from the snapshot image when current), the organisation, the
// rule sets and workload reference data loaded, the stored reductions read, and the as-at date
// (given, or the latest recorded activity); and the computation of every case's tiers and every
// officer's workload on a date.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "analytics/tiering.h"
#include "analytics/tiering_cases.h"
#include "analytics/workload.h"
#include "analytics/workload_officers.h"
#include "base/calendar.h"
#include "measures/organisation.h"
#include "store/database.h"
#include "store/snapshot.h"

namespace probation {

struct WorkloadEnvironment {
  std::unique_ptr<Database> db;
  std::unique_ptr<Calendar> calendar;
  std::unique_ptr<Snapshot> snapshot;
  std::unique_ptr<measures::Organisation> organisation;
  std::unique_ptr<analytics::CaseReader> cases;
  analytics::OmmRuleSet omm;
  analytics::ProtectChangeRuleSet protect_change;
  analytics::WorkloadPoints points;
  std::vector<analytics::ReductionCap> caps;
  std::vector<analytics::Reduction> reductions;
  Date as_at;
};

// `as_at` is YYYY-MM-DD or empty (the latest date with recorded activity).
Result<std::unique_ptr<WorkloadEnvironment>> OpenWorkloadEnvironment(const std::string& db_path,
                                                                     const std::string& as_at);

// Every case under supervision on `at` and its protect/change tier (parallel vectors).
void CasesAndTiers(const WorkloadEnvironment& env, Date at,
                   std::vector<analytics::SupervisedCase>* cases, std::vector<std::string>* tiers);

// Every officer's workload on `at` (ComputeOfficerWorkloads with the environment's data).
std::vector<analytics::OfficerWorkload> WorkloadsOn(const WorkloadEnvironment& env, Date at);

}  // namespace probation
