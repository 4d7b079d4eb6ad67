// `probation allocate --db FILE --team CODE --tier B2 --setting community [--rosh HIGH]
// [--as-at DATE]`: the team's officers ranked by their capacity after taking a new case, with
// each one's capacity before and after and the grade rules that exclude some (docs/workload.md).
#include <cstdio>
#include <iostream>
#include <string>

#include "analytics/allocation.h"
#include "cli/commands.h"
#include "cli/workload_environment.h"

namespace probation {
namespace {

struct Options {
  std::string db, team, tier, setting = "community", rosh, as_at;
};

int Run(const Options& o) {
  Result<analytics::Setting> setting = analytics::ParseSetting(o.setting);
  if (!setting.ok()) {
    std::cerr << "probation allocate: --setting: " << setting.status().message() << "\n";
    return 2;
  }
  analytics::NewCase new_case{o.tier, *setting, analytics::kRoshUnknown};
  if (!o.rosh.empty()) {
    Result<int> rosh = analytics::ParseRosh(o.rosh);
    if (!rosh.ok()) {
      std::cerr << "probation allocate: --rosh: " << rosh.status().message() << "\n";
      return 2;
    }
    new_case.rosh = *rosh;
  }
  Result<std::vector<analytics::GradeRule>> rules = analytics::LoadGradeRules();
  if (!rules.ok()) {
    std::cerr << "probation allocate: " << rules.status().message() << "\n";
    return 2;
  }
  Result<std::unique_ptr<WorkloadEnvironment>> env = OpenWorkloadEnvironment(o.db, o.as_at);
  if (!env.ok()) {
    std::cerr << "probation allocate: " << env.status().message() << "\n";
    return 2;
  }
  Result<measures::UnitRef> team = (*env)->organisation->Find(o.team);
  if (!team.ok() || team->level != measures::UnitLevel::kTeam) {
    std::cerr << "probation allocate: --team: "
              << (team.ok() ? "'" + o.team + "' is not a team" : team.status().message()) << "\n";
    return 2;
  }
  const std::vector<analytics::OfficerWorkload> all = WorkloadsOn(**env, (*env)->as_at);
  const analytics::PointsTable& points = (*env)->points.At((*env)->as_at);
  Result<std::vector<analytics::Candidate>> ranked = analytics::RankOfficers(
      analytics::OfficersWithin(*(*env)->organisation, all, *team), new_case, points, *rules);
  if (!ranked.ok()) {
    std::cerr << "probation allocate: " << ranked.status().message() << "\n";
    return 2;
  }
  std::printf(
      "A new %s case, tier %s%s, for team %s (%s) as at %s: %d points\n", o.setting.c_str(),
      o.tier.c_str(),
      new_case.rosh >= 0 ? (", ROSH " + std::string(analytics::RoshName(new_case.rosh))).c_str()
                         : "",
      o.team.c_str(), (*env)->organisation->Name(*team).c_str(), (*env)->as_at.ToString().c_str(),
      analytics::CasePoints(points, new_case.setting, new_case.tier));
  if (ranked->empty()) {
    std::printf("The team has no case-holding officers in post.\n");
    return 0;
  }
  int rank = 0;
  for (const analytics::Candidate& c : *ranked) {
    char line[256];
    std::snprintf(line, sizeof line, "%4.0f%% -> %4.0f%%", c.before, c.after);
    const bool red = c.after > points.red_over_percent;
    if (c.eligible) {
      std::printf("%2d. %-8s %-28s %-4s %s%s\n", ++rank, c.officer->staff_id.c_str(),
                  c.officer->name.c_str(), c.officer->grade.c_str(), line, red ? "  RED" : "");
    } else {
      std::printf("--  %-8s %-28s %-4s %s  not eligible: %s\n", c.officer->staff_id.c_str(),
                  c.officer->name.c_str(), c.officer->grade.c_str(), line, c.why_not.c_str());
    }
  }
  if (rank == 0) std::printf("No officer in the team may hold this case under the grade rules.\n");
  return 0;
}

}  // namespace

void AddAllocateCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "allocate", "Rank a team's officers for a new case by their capacity after taking it");
  cmd->add_option("--db", o->db, "Database file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--team", o->team, "Team code")->required();
  cmd->add_option("--tier", o->tier, "The case's protect/change tier, A3..D0")->required();
  cmd->add_option("--setting", o->setting, "community, licence or custody");
  cmd->add_option("--rosh", o->rosh,
                  "The case's ROSH (LOW, MEDIUM, HIGH, VERY_HIGH), for grade rules");
  cmd->add_option("--as-at", o->as_at, "Date (YYYY-MM-DD); default the latest activity");
  cmd->callback([o, exit_code] { *exit_code = Run(*o); });
}

}  // namespace probation
