// `probation boardpack --db FILE --framework ID --period P [--unit CODE] --out FILE.html|.xlsx
//  [--as-at DATE] [--trend-periods N] [--due-within N] [--include-parent-plans]`
#include <filesystem>
#include <iostream>

#include "analytics/case_facts.h"
#include "cli/board_pack_writer.h"
#include "cli/commands.h"
#include "cli/measure_environment.h"
#include "cli/output.h"
#include "reports/board_pack.h"
#include "reports/board_pack_analytics.h"
#include "reports/document_html.h"
#include "reports/document_xlsx.h"

namespace probation {
namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Loads framework `id` from the frameworks folder into *out; leaves it empty when the folder or
// the file is not there.
Status LoadInstalledFramework(const std::string& id, std::optional<measures::Framework>* out) {
  Result<std::string> dir = measures::FrameworksDir();
  if (!dir.ok()) return Status::Ok();
  const std::string path = *dir + "/" + id + ".toml";
  if (!std::filesystem::exists(path)) return Status::Ok();
  Result<measures::Framework> loaded = measures::LoadFramework(path);
  if (!loaded.ok()) return loaded.status();
  *out = std::move(*loaded);
  return Status::Ok();
}

}  // namespace

Status WriteBoardPack(const BoardPackArgs& args) {
  const bool html = EndsWith(args.out, ".html") || EndsWith(args.out, ".htm");
  if (!html && !EndsWith(args.out, ".xlsx")) {
    return InvalidArgument("--out must name a .html or .xlsx file, not " + args.out);
  }
  PROBATION_RETURN_IF_ERROR(CheckCommandOutput(args.out, args.db));
  if (args.trend_periods < 1 || args.trend_periods > 24) {
    return InvalidArgument("--trend-periods must be between 1 and 24");
  }
  if (args.due_within < 0) return InvalidArgument("--due-within must not be negative");
  Result<measures::Period> period = measures::ParsePeriod(args.period);
  if (!period.ok()) return period.status();
  Result<std::unique_ptr<MeasureEnvironment>> env =
      OpenMeasureEnvironment(args.db, args.framework, args.as_at);
  if (!env.ok()) return env.status();
  BoardPackRequest request;
  request.engine = (*env)->engine.get();
  request.framework = &(*env)->framework;
  request.calendar = (*env)->calendar.get();
  request.db = (*env)->db.get();
  request.period = *period;
  request.trend_periods = args.trend_periods;
  request.due_within = args.due_within;
  request.include_parent_plans = args.include_parent_plans;
  // By default the organisation the data holds (a trust's data is that trust).
  request.scope = (*env)->organisation->Top();
  if (!args.unit.empty()) {
    Result<measures::UnitRef> unit = (*env)->organisation->Find(args.unit);
    if (!unit.ok()) return unit.status();
    if (unit->level == measures::UnitLevel::kOfficer) {
      return InvalidArgument("a board pack is for an organisation, not a staff member");
    }
    request.scope = *unit;
  }
  // The caseload annex is computed by its own framework, and sickness by the NPS framework's
  // PT15 when the chosen framework has none, when they are installed.
  std::optional<measures::Framework> caseload, nps;
  PROBATION_RETURN_IF_ERROR(LoadInstalledFramework("caseload-annex", &caseload));
  request.caseload = caseload ? &*caseload : nullptr;
  request.sickness = request.framework->FindMeasure("PT15");
  if (request.sickness == nullptr) {
    PROBATION_RETURN_IF_ERROR(LoadInstalledFramework("nps-2005-06", &nps));
    if (nps) request.sickness = nps->FindMeasure("PT15");
  }
  Result<report::Document> pack = BuildBoardPack(request);
  if (!pack.ok()) return pack.status();
  {  // Reoffending and equality (issue 15): docs/reoffending.md, docs/equality.md.
    const analytics::CaseFacts facts(*(*env)->snapshot, *(*env)->organisation);
    PROBATION_RETURN_IF_ERROR(report::AppendReoffendingSection(facts, request.scope, request.period,
                                                               (*env)->engine->as_at(), &*pack));
    PROBATION_RETURN_IF_ERROR(
        report::AppendEqualitySection(facts, request.scope, request.period, &*pack));
  }
  if (html) return WriteOutput(report::DocumentHtml(*pack), args.out);
  return report::WriteDocumentXlsx(*pack, args.out);
}

void AddBoardPackCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<BoardPackArgs>();
  CLI::App* cmd = app.add_subcommand(
      "boardpack",
      "Write the board pack (scorecard, trends, exceptions, plans, risks, caseload, budget and "
      "staffing) as a printable web page or a workbook");
  cmd->add_option("--db", args->db, "Database file")->required();
  cmd->add_option("--framework", args->framework, "Framework id or .toml file")->required();
  cmd->add_option("--period", args->period, "Period: 2011-Q1, FY2011, 2011-04..2011-09, ...")
      ->required();
  cmd->add_option(
      "--unit", args->unit,
      "Organisation the Board governs: a trust, region or LDU code (default: the organisation "
      "the data holds, e.g. its trust)");
  cmd->add_option("--out", args->out, "Output file, .html or .xlsx")->required();
  cmd->add_option("--as-at", args->as_at,
                  "Data as at YYYY-MM-DD (default: the latest recorded activity)");
  cmd->add_option("--trend-periods", args->trend_periods,
                  "Periods in each trend chart, the last being --period (default 6)");
  cmd->add_flag("--include-parent-plans", args->include_parent_plans,
                "Include the plans, risk registers and annexes of the units above --unit too");
  cmd->add_option("--due-within", args->due_within,
                  "Working days: pending items due this soon are 'due soon' (default 10)");
  cmd->callback([args, exit_code] {
    const Status status = WriteBoardPack(*args);
    if (!status.ok()) {
      std::cerr << "probation boardpack: " << status.message() << "\n";
      *exit_code = 2;
      return;
    }
    std::cerr << "Board pack written to " << args->out << "\n";
  });
}

}  // namespace probation
