// `probation equality --db FILE --period P [--unit CODE]`: equality of outcomes by ethnicity,
// gender, age band and disability, with ratios to a reference group, 95% intervals,
// suppression of small counts and the completeness of diversity data. See docs/equality.md.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "analytics/case_facts.h"
#include "analytics/equality.h"
#include "base/reference_files.h"
#include "cli/commands.h"
#include "cli/measure_environment.h"
#include "cli/output.h"
#include "cli/table_output.h"
#include "reports/document_xlsx.h"
#include "reports/equality_report.h"
#include "store/schema.h"

namespace probation {
namespace {

struct EqualityArgs {
  std::string db, period, unit, format = "text", out;
  std::vector<std::string> outcomes, by;
  int threshold = 10;
  bool timing = false;
};

Status Run(const EqualityArgs& a) {
  if (a.format != "text" && a.format != "csv" && a.format != "xlsx") {
    return InvalidArgument("--format: text, csv or xlsx");
  }
  if (a.format == "xlsx" && a.out.empty()) return InvalidArgument("--format xlsx needs --out FILE");
  std::vector<analytics::Outcome> outcomes;
  for (const std::string& o : a.outcomes) {
    bool found = false;
    for (int i = 0; i < analytics::kOutcomes; ++i) {
      if (analytics::OutcomeName(static_cast<analytics::Outcome>(i)) == o) {
        outcomes.push_back(static_cast<analytics::Outcome>(i));
        found = true;
      }
    }
    if (!found) {
      return InvalidArgument("--outcome '" + o +
                             "': orders completed, breaches, recalls, "
                             "custody proposals or programme completion");
    }
  }
  std::vector<analytics::Grouping> groupings;
  for (const std::string& b : a.by) {
    const analytics::Grouping g = b == "ethnicity"    ? analytics::Grouping::kEthnicity
                                  : b == "broad"      ? analytics::Grouping::kEthnicBroad
                                  : b == "gender"     ? analytics::Grouping::kGender
                                  : b == "age"        ? analytics::Grouping::kAgeBand
                                  : b == "disability" ? analytics::Grouping::kDisability
                                                      : static_cast<analytics::Grouping>(-1);
    if (static_cast<int>(g) < 0) {
      return InvalidArgument("--by '" + b + "': ethnicity, broad, gender, age or disability");
    }
    groupings.push_back(g);
  }
  PROBATION_ASSIGN_OR_RETURN(const measures::Period period, measures::ParsePeriod(a.period));
  PROBATION_ASSIGN_OR_RETURN(const Calendar calendar, LoadCalendar());
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, OpenStore(a.db));
  const auto load_start = std::chrono::steady_clock::now();
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Snapshot> snapshot,
                             OpenSnapshot(db.get(), a.db, calendar));
  const double load_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
  const measures::Organisation organisation(*snapshot);
  const analytics::CaseFacts facts(*snapshot, organisation);
  analytics::EqualityParams params;
  params.period = period;
  params.threshold = a.threshold;
  std::string unit_name = "All units";
  if (!a.unit.empty()) {
    PROBATION_ASSIGN_OR_RETURN(params.scope, organisation.Find(a.unit));
    if (params.scope->level == measures::UnitLevel::kOfficer) {
      return InvalidArgument("--unit: a region, trust, LDU or team code, not a staff member");
    }
    unit_name = organisation.Code(*params.scope) + " " + organisation.Name(*params.scope);
  }
  const auto start = std::chrono::steady_clock::now();
  PROBATION_ASSIGN_OR_RETURN(const analytics::EqualityReport report,
                             analytics::ComputeEquality(facts, params));
  const double compute_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  report::Document doc = report::EqualityDocument(report, unit_name);
  if (!outcomes.empty() || !groupings.empty()) {
    std::vector<report::Section> kept = {doc.sections.front()};
    for (int o = 0; o < analytics::kOutcomes; ++o) {
      const auto outcome = static_cast<analytics::Outcome>(o);
      if (!outcomes.empty() &&
          std::find(outcomes.begin(), outcomes.end(), outcome) == outcomes.end()) {
        continue;
      }
      kept.push_back(report::EqualityOutcomeSection(report, outcome, groupings));
    }
    doc.sections = std::move(kept);
  }
  if (a.timing) {
    std::fprintf(stderr, "snapshot %.2f s, equality tables %.3f s\n", load_s, compute_s);
  }
  if (a.format == "xlsx") return report::WriteDocumentXlsx(doc, a.out);
  std::string text;
  if (a.format == "text") {
    text = doc.title + "\n";
    for (const std::string& line : doc.subtitle_lines) text += line + "\n";
  }
  for (const report::Section& s : doc.sections) {
    for (const report::Block& b : s.blocks) {
      const report::Table* t = std::get_if<report::Table>(&b);
      if (t == nullptr) continue;
      text += a.format == "csv" ? "# " + t->caption + "\n" + TableCsv(*t) : "\n" + TableText(*t);
    }
  }
  return WriteOutput(text, a.out);
}

}  // namespace

void AddEqualityCommand(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<EqualityArgs>();
  CLI::App* cmd = app.add_subcommand(
      "equality",
      "Equality of outcomes by ethnicity, gender, age band and disability: rates, ratios to a "
      "reference group with 95% intervals, small counts suppressed, diversity data completeness");
  cmd->add_option("--db", a->db, "Database file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--period", a->period, "Period, e.g. FY2010, 2010-Q3, 2010-04..2010-09")
      ->required();
  cmd->add_option("--unit", a->unit, "Trust, LDU or team code (default: all)");
  cmd->add_option("--outcome", a->outcomes,
                  "Only these outcomes (repeatable): \"orders completed\", breaches, recalls, "
                  "\"custody proposals\", \"programme completion\"");
  cmd->add_option("--by", a->by,
                  "Only these groupings (repeatable): ethnicity, broad, gender, age, disability");
  cmd->add_option("--threshold", a->threshold, "Suppress counts below this (default 10)")
      ->check(CLI::Range(0, 1000));
  cmd->add_option("--format", a->format, "text (default), csv or xlsx");
  cmd->add_option("--out", a->out, "Write the report to this file (required for xlsx)");
  cmd->add_flag("--timing", a->timing, "Print the time taken to standard error");
  cmd->callback([=] {
    const Status status = Run(*a);
    if (!status.ok()) {
      std::cerr << "probation equality: " << status.message() << "\n";
      *exit_code = 2;
    }
  });
}

}  // namespace probation
