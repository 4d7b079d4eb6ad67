#include "cli/workload_environment.h"

#include "analytics/workload_reductions.h"
#include "base/reference_files.h"
#include "cli/measure_environment.h"
#include "store/schema.h"

namespace probation {

Result<std::unique_ptr<WorkloadEnvironment>> OpenWorkloadEnvironment(const std::string& db_path,
                                                                     const std::string& as_at) {
  auto env = std::make_unique<WorkloadEnvironment>();
  PROBATION_ASSIGN_OR_RETURN(env->omm, analytics::LoadOmmRuleSet());
  PROBATION_ASSIGN_OR_RETURN(env->protect_change, analytics::LoadProtectChangeRuleSet());
  PROBATION_ASSIGN_OR_RETURN(env->points, analytics::WorkloadPoints::Load());
  PROBATION_ASSIGN_OR_RETURN(env->caps, analytics::LoadReductionCaps());
  PROBATION_ASSIGN_OR_RETURN(Calendar calendar, LoadCalendar());
  env->calendar = std::make_unique<Calendar>(std::move(calendar));
  PROBATION_ASSIGN_OR_RETURN(env->db, OpenStore(db_path));
  PROBATION_ASSIGN_OR_RETURN(env->reductions, analytics::ReadReductions(env->db.get()));
  PROBATION_ASSIGN_OR_RETURN(env->snapshot, OpenSnapshot(env->db.get(), db_path, *env->calendar));
  env->as_at = env->snapshot->latest_activity();
  if (!as_at.empty()) {
    Result<Date> parsed = Date::Parse(as_at);
    if (!parsed.ok()) return InvalidArgument("--as-at: " + parsed.status().message());
    env->as_at = *parsed;
  }
  env->organisation = std::make_unique<measures::Organisation>(*env->snapshot);
  env->cases = std::make_unique<analytics::CaseReader>(*env->snapshot,
                                                       env->protect_change.no_mandate_requirements);
  return env;
}

void CasesAndTiers(const WorkloadEnvironment& env, Date at,
                   std::vector<analytics::SupervisedCase>* cases, std::vector<std::string>* tiers) {
  analytics::CasesAndTiers(*env.cases, env.protect_change, at, cases, tiers);
}

std::vector<analytics::OfficerWorkload> WorkloadsOn(const WorkloadEnvironment& env, Date at) {
  std::vector<analytics::SupervisedCase> cases;
  std::vector<std::string> tiers;
  CasesAndTiers(env, at, &cases, &tiers);
  return analytics::ComputeOfficerWorkloads(*env.snapshot, cases, tiers, env.points.At(at),
                                            env.reductions, env.caps, at);
}

}  // namespace probation
