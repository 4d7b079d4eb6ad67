// `probation scorecard --db FILE --framework ID --period P [--unit CODE] [--by LEVEL]
//  [--league] [--format text|json|csv|xlsx] [--out FILE] [--as-at DATE]`
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/measure_environment.h"
#include "cli/output.h"
#include "measures/data_quality.h"
#include "measures/scorecard.h"
#include "reports/scorecard_report.h"

namespace probation {
namespace {

struct ScorecardArgs {
  std::string db, framework, period, unit, by, format = "text", out, as_at;
  bool league = false;
};

Status RunScorecard(const ScorecardArgs& args) {
  Result<measures::Period> period = measures::ParsePeriod(args.period);
  if (!period.ok()) return period.status();
  if (args.format != "text" && args.format != "json" && args.format != "csv" &&
      args.format != "xlsx") {
    return InvalidArgument("--format must be text, json, csv or xlsx");
  }
  if (args.format == "xlsx" && args.out.empty()) return InvalidArgument("xlsx needs --out FILE");
  PROBATION_RETURN_IF_ERROR(CheckCommandOutput(args.out, args.db));
  Result<std::unique_ptr<MeasureEnvironment>> env =
      OpenMeasureEnvironment(args.db, args.framework, args.as_at);
  if (!env.ok()) return env.status();
  const measures::Organisation& org = *(*env)->organisation;
  // By default the organisation the data holds (a trust's data is that trust).
  measures::UnitRef scope = org.Top();
  if (!args.unit.empty()) {
    Result<measures::UnitRef> unit = org.Find(args.unit);
    if (!unit.ok()) return unit.status();
    scope = *unit;
  }
  measures::UnitLevel level = scope.level;
  if (!args.by.empty()) {
    Result<measures::UnitLevel> by = measures::ParseUnitLevel(args.by);
    if (!by.ok()) return by.status();
    level = *by;
  }
  if (level < scope.level) {
    return InvalidArgument("--by " + args.by + " is above the unit " + args.unit);
  }
  if (args.league) {
    Result<measures::Scorecard> card =
        measures::ComputeScorecard(*(*env)->engine, (*env)->framework, *period, level, scope);
    if (!card.ok()) return card.status();
    if (args.format == "xlsx") return WriteLeagueXlsx(*card, args.out);
    if (args.format == "json") return InvalidArgument("--league is text, csv or xlsx");
    return WriteOutput(args.format == "csv" ? LeagueCsv(*card) : LeagueText(*card), args.out);
  }
  if (args.format == "xlsx") {
    // A sheet per level, from the unit's own level down to teams.
    std::vector<measures::Scorecard> cards;
    for (int l = static_cast<int>(scope.level); l <= static_cast<int>(measures::UnitLevel::kTeam);
         ++l) {
      Result<measures::Scorecard> card = measures::ComputeScorecard(
          *(*env)->engine, (*env)->framework, *period, static_cast<measures::UnitLevel>(l), scope);
      if (!card.ok()) return card.status();
      PROBATION_RETURN_IF_ERROR(measures::AddDataQuality(*(*env)->engine, &*card));
      if (!card->rows.empty()) cards.push_back(std::move(*card));
    }
    return WriteScorecardXlsx(cards, args.out);
  }
  Result<measures::Scorecard> card =
      measures::ComputeScorecard(*(*env)->engine, (*env)->framework, *period, level, scope);
  if (!card.ok()) return card.status();
  PROBATION_RETURN_IF_ERROR(measures::AddDataQuality(*(*env)->engine, &*card));
  if (card->rows.empty()) {
    return NotFound("no " + std::string(measures::UnitLevelName(level)) + " units under " +
                    org.Code(scope));
  }
  const std::string text = args.format == "json"  ? ScorecardJson(*card)
                           : args.format == "csv" ? ScorecardCsv(*card)
                                                  : ScorecardText(*card);
  return WriteOutput(text, args.out);
}

}  // namespace

void AddScorecardCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ScorecardArgs>();
  CLI::App* cmd = app.add_subcommand(
      "scorecard", "A framework's measures for a period, by unit, with RAG, trend and bands");
  cmd->add_option("--db", args->db, "Database file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--framework", args->framework, "Framework id (e.g. nps-2005-06) or .toml file")
      ->required();
  cmd->add_option("--period", args->period,
                  "FY2010, 2010-Q3, 2010-04, 2010-04..2010-09, YTD:2010-12, R12:2010-12 or "
                  "2010-04-01..2010-06-30")
      ->required();
  cmd->add_option("--unit", args->unit, "Organisation unit code or staff id (default: all)");
  cmd->add_option("--by", args->by, "Level to break down by: region, trust, ldu, team, officer");
  cmd->add_option("--format", args->format, "text, json, csv or xlsx")->default_val("text");
  cmd->add_flag("--league", args->league,
                "One row per unit, a column per measure with its RAG, sorted by score, with the "
                "quartile boundaries (text, csv or xlsx)");
  cmd->add_option("--out", args->out, "Write to this file instead of standard output");
  cmd->add_option("--as-at", args->as_at,
                  "Judge pending items at this date (default: the latest recorded activity)");
  cmd->callback([=] {
    const Status s = RunScorecard(*args);
    if (!s.ok()) std::cerr << "probation scorecard: " << s.message() << "\n";
    *exit_code = s.ok() ? 0 : 2;
  });
}

}  // namespace probation
