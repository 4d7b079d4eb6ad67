// `probation exceptions --db FILE --framework ID --measure CODE --period P [--unit CODE]
//  [--status failed|pending|due-soon|succeeded|all] [--due-within N] [--format text|json|csv]
//  [--out FILE] [--as-at DATE]`: the items behind a number.
#include <algorithm>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/measure_environment.h"
#include "cli/output.h"
#include "reports/scorecard_report.h"

namespace probation {
namespace {

struct ExceptionsArgs {
  std::string db, framework, measure, period, unit, status, format = "text", out, as_at;
  int due_within = 5;
};

Status RunExceptions(const ExceptionsArgs& args) {
  Result<measures::Period> period = measures::ParsePeriod(args.period);
  if (!period.ok()) return period.status();
  const std::string wanted = args.status.empty() ? "exceptions" : args.status;
  if (wanted != "exceptions" && wanted != "failed" && wanted != "pending" && wanted != "due-soon" &&
      wanted != "succeeded" && wanted != "all") {
    return InvalidArgument("--status must be failed, pending, due-soon, succeeded or all");
  }
  PROBATION_RETURN_IF_ERROR(CheckCommandOutput(args.out, args.db));
  Result<std::unique_ptr<MeasureEnvironment>> env =
      OpenMeasureEnvironment(args.db, args.framework, args.as_at);
  if (!env.ok()) return env.status();
  const measures::Measure* measure = (*env)->framework.FindMeasure(args.measure);
  if (measure == nullptr) {
    return NotFound("framework " + (*env)->framework.id + " has no measure " + args.measure);
  }
  if (measure->placeholder) {
    return FailedPrecondition(args.measure + " has no definition yet: nothing to list");
  }
  if (measure->population && wanted != "all") {
    return FailedPrecondition(args.measure +
                              " counts a population (its items are neither successes nor "
                              "failures): it has no exceptions; --status all lists its items");
  }
  const measures::Organisation& org = *(*env)->organisation;
  measures::UnitRef scope;
  if (!args.unit.empty()) {
    Result<measures::UnitRef> unit = org.Find(args.unit);
    if (!unit.ok()) return unit.status();
    scope = *unit;
  }
  Result<std::vector<measures::Item>> items = (*env)->engine->Items(*measure, *period);
  if (!items.ok()) return items.status();
  ExceptionList list;
  list.measure = measure;
  list.period = *period;
  list.unit_code = org.Code(scope);
  list.as_at = (*env)->engine->as_at();
  list.due_within = args.due_within;
  for (const measures::Item& item : *items) {
    // Unattributed items belong to the nation only.
    const measures::UnitRef where =
        item.officer >= 0 ? measures::UnitRef{measures::UnitLevel::kOfficer, item.officer}
        : item.team >= 0  ? measures::UnitRef{org.LevelOf(item.team), item.team}
                          : measures::UnitRef{};
    if (!org.Within(where, scope)) continue;
    const std::string status = ItemStatusName(item, list.as_at, list.due_within, *(*env)->calendar);
    const bool keep = wanted == "all" || status == wanted ||
                      (wanted == "exceptions" && status != "succeeded") ||
                      (wanted == "pending" && status == "due-soon");
    if (keep) list.items.push_back(item);
  }
  if (wanted == "pending" || wanted == "due-soon") {
    // Soonest due first: an item due today (on the as-at date) heads the list.
    std::stable_sort(list.items.begin(), list.items.end(),
                     [](const measures::Item& a, const measures::Item& b) {
                       return a.deadline < b.deadline;
                     });
  }
  const Calendar& calendar = *(*env)->calendar;
  const std::string text = args.format == "json"  ? ExceptionsJson(list, *(*env)->engine, calendar)
                           : args.format == "csv" ? ExceptionsCsv(list, *(*env)->engine, calendar)
                                                  : ExceptionsText(list, *(*env)->engine, calendar);
  return WriteOutput(text, args.out);
}

}  // namespace

void AddExceptionsCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ExceptionsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "exceptions", "The items behind a measure's number: failed, pending and due soon");
  cmd->add_option("--db", args->db, "Database file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--framework", args->framework, "Framework id or .toml file")->required();
  cmd->add_option("--measure", args->measure, "Measure code, e.g. PT6")->required();
  cmd->add_option("--period", args->period, "Reporting period (as for scorecard)")->required();
  cmd->add_option("--unit", args->unit, "Organisation unit code or staff id");
  cmd->add_option("--status", args->status,
                  "failed, pending (includes due-soon), due-soon, succeeded or all (default: "
                  "everything but succeeded)");
  cmd->add_option("--due-within", args->due_within,
                  "Pending items due within this many working days are due-soon")
      ->default_val(5);
  cmd->add_option("--format", args->format, "text, json or csv")->default_val("text");
  cmd->add_option("--out", args->out, "Write to this file instead of standard output");
  cmd->add_option("--as-at", args->as_at, "Judge pending items at this date");
  cmd->callback([=] {
    const Status s = RunExceptions(*args);
    if (!s.ok()) std::cerr << "probation exceptions: " << s.message() << "\n";
    *exit_code = s.ok() ? 0 : 2;
  });
}

}  // namespace probation
