// `probation reoffending --db FILE --snapshot DATE...`: proven reoffending against OGRS3's
// prediction for the adults on the community caseload at each snapshot (NI18 / OM21), or the
// PPO cohort (--cohort ni30), with breakdowns and calibration by decile. See
// docs/reoffending.md.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "analytics/case_facts.h"
#include "analytics/reoffending.h"
#include "analytics/sentence_ogrs3.h"
#include "base/reference_files.h"
#include "cli/commands.h"
#include "cli/measure_environment.h"
#include "cli/output.h"
#include "cli/table_output.h"
#include "reports/reoffending_report.h"
#include "reports/svg_chart.h"
#include "store/schema.h"

namespace probation {
namespace {

struct ReoffendingArgs {
  std::string db, cohort = "ni18", unit, as_at, format = "text", chart, out;
  std::vector<std::string> snapshots, by;
  int follow_up = 12, wait = 6;
  bool calibration = false, timing = false;
};

Status Run(const ReoffendingArgs& a) {
  if (a.format != "text" && a.format != "csv") return InvalidArgument("--format: text or csv");
  if (a.cohort != "ni18" && a.cohort != "om21" && a.cohort != "ni30") {
    return InvalidArgument("--cohort: ni18 (also om21) or ni30");
  }
  std::vector<analytics::Breakdown> breakdowns;
  for (const std::string& b : a.by) {
    PROBATION_ASSIGN_OR_RETURN(const analytics::Breakdown parsed, analytics::ParseBreakdown(b));
    breakdowns.push_back(parsed);
  }
  PROBATION_ASSIGN_OR_RETURN(const analytics::Ogrs3Table table, analytics::Ogrs3Table::Load());
  PROBATION_ASSIGN_OR_RETURN(const Calendar calendar, LoadCalendar());
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, OpenStore(a.db));
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Snapshot> snapshot,
                             OpenSnapshot(db.get(), a.db, calendar));
  const measures::Organisation organisation(*snapshot);
  const analytics::CaseFacts facts(*snapshot, organisation);
  std::optional<measures::UnitRef> scope;
  if (!a.unit.empty()) {
    PROBATION_ASSIGN_OR_RETURN(scope, organisation.Find(a.unit));
    if (scope->level == measures::UnitLevel::kOfficer) {
      return InvalidArgument("--unit: a region, trust, LDU or team code, not a staff member");
    }
  }
  analytics::ReoffendingParams params;
  params.follow_up_months = a.follow_up;
  params.proven_wait_months = a.wait;
  params.ppo_only = a.cohort == "ni30";
  params.data_as_at = snapshot->latest_activity();
  if (!a.as_at.empty()) {
    Result<Date> d = Date::Parse(a.as_at);
    if (!d.ok()) return InvalidArgument("--as-at: " + d.status().message());
    params.data_as_at = *d;
  }
  const auto start = std::chrono::steady_clock::now();
  const std::vector<analytics::SentenceOgrs3> scores =
      analytics::ScoreSentences(*snapshot, table, 2);
  std::vector<analytics::Cohort> cohorts;
  for (const std::string& text : a.snapshots) {
    Result<Date> d = Date::Parse(text);
    if (!d.ok()) return InvalidArgument("--snapshot: " + d.status().message());
    params.snapshot = *d;
    PROBATION_ASSIGN_OR_RETURN(analytics::Cohort cohort,
                               analytics::BuildCohort(facts, scores, params, scope));
    cohorts.push_back(std::move(cohort));
  }
  const std::string name = a.cohort == "ni30" ? "NI30 (Prolific and other Priority Offenders)"
                                              : "NI18 / OM21 (adults on the community caseload)";
  std::vector<report::Table> tables;
  tables.push_back(report::CohortSummaryTable(
      cohorts, "Proven reoffending against OGRS3 prediction, " + name + ", " +
                   (scope ? organisation.Code(*scope) + " " + organisation.Name(*scope)
                          : std::string("all units")) +
                   "; follow-up " + std::to_string(a.follow_up) + " months, proven-outcome wait " +
                   std::to_string(a.wait) + " months, data as at " +
                   params.data_as_at.ToString()));
  for (const analytics::Cohort& c : cohorts) {
    for (size_t i = 0; i < breakdowns.size(); ++i) {
      tables.push_back(report::BreakdownTable(c, analytics::BreakDown(facts, c, breakdowns[i]),
                                              a.by[i]));
    }
  }
  std::string svg;
  if (a.calibration || !a.chart.empty()) {
    const analytics::Cohort& c = cohorts.front();
    const std::vector<analytics::DecileRow> deciles = analytics::Calibration(c);
    tables.push_back(report::CalibrationTable(c, deciles));
    if (!a.chart.empty()) svg = report::TrendChartSvg(report::CalibrationChart(c, deciles));
  }
  if (a.timing) {
    std::fprintf(stderr, "OGRS3, cohorts, breakdowns and calibration: %.3f s\n",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::string text;
  for (const report::Table& t : tables) {
    if (!text.empty()) text += "\n";
    text += a.format == "csv" ? "# " + t.caption + "\n" + TableCsv(t) : TableText(t);
  }
  if (a.format == "text") {
    size_t not_scored = 0;
    for (const analytics::Cohort& c : cohorts) not_scored += c.not_scored;
    text += "\nOn the caseload but left out because OGRS3 could not be computed: " +
            std::to_string(not_scored) +
            " (`probation ogrs3 --db` lists the reasons). Difference = (actual - predicted) / "
            "predicted x 100; negative is better. An incomplete cohort's follow-up or wait for "
            "proven outcomes has not ended: it shows what is proven so far and is not rated.\n";
  }
  PROBATION_RETURN_IF_ERROR(WriteOutput(text, a.out));
  if (!svg.empty()) PROBATION_RETURN_IF_ERROR(WriteOutput(svg, a.chart));
  return Status::Ok();
}

}  // namespace

void AddReoffendingCommand(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<ReoffendingArgs>();
  CLI::App* cmd = app.add_subcommand(
      "reoffending",
      "Proven reoffending against OGRS3's prediction (NI18 / OM21, NI30), with 95% intervals, "
      "breakdowns and calibration by decile");
  cmd->add_option("--db", a->db, "Database file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--snapshot", a->snapshots,
                  "Caseload date of a cohort (repeat for several), YYYY-MM-DD")
      ->required();
  cmd->add_option("--cohort", a->cohort, "ni18 (= om21, the default) or ni30 (PPO)");
  cmd->add_option("--follow-up", a->follow_up, "Follow-up in months: 12 (default) or 24");
  cmd->add_option("--wait", a->wait, "Months allowed after the window for proven outcomes (6)");
  cmd->add_option("--unit", a->unit, "Trust, LDU or team code (default: all)");
  cmd->add_option("--as-at", a->as_at, "Date the data covers (default: latest activity)");
  cmd->add_option("--by", a->by,
                  "Breakdown (repeatable): trust, ldu, team, tier, offence, gender, ethnicity");
  cmd->add_flag("--calibration", a->calibration,
                "Predicted against actual by OGRS3 decile (first snapshot)");
  cmd->add_option("--chart", a->chart, "Write the calibration chart as SVG to this file");
  cmd->add_option("--format", a->format, "text (default) or csv");
  cmd->add_option("--out", a->out, "Write the report to this file");
  cmd->add_flag("--timing", a->timing, "Print the time taken to standard error");
  cmd->callback([=] {
    const Status status = Run(*a);
    if (!status.ok()) {
      std::cerr << "probation reoffending: " << status.message() << "\n";
      *exit_code = 2;
    }
  });
}

}  // namespace probation
