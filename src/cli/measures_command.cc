// `probation measures ...`: framework files and the measure language without data.
//   measures check FILE...        validate framework files (exit 2 on any error)
//   measures list [FRAMEWORK]     the shipped frameworks, or one framework's measures in full
//   measures functions            the measure language's function catalogue
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "measures/framework.h"
#include "measures/functions.h"

namespace probation {
namespace {

using measures::Direction;
using measures::Framework;
using measures::Measure;
using measures::MeasureKind;

std::string_view KindName(MeasureKind kind) {
  switch (kind) {
    case MeasureKind::kPercent:
      return "percent";
    case MeasureKind::kCount:
      return "count";
    case MeasureKind::kAverage:
      return "average";
    case MeasureKind::kRate:
      return "rate";
  }
  return "?";
}

std::string Number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

// "90", or "2010-11: 90; 2011-12: tbc"; "none" when the measure is monitored only.
std::string TargetsText(const Measure& m) {
  if (m.targets.empty()) return "none (monitored)";
  std::string text;
  for (const measures::Target& t : m.targets) {
    if (!text.empty()) text += "; ";
    if (!t.year.empty()) text += t.year + ": ";
    text += t.tbc ? "tbc (not set)" : Number(t.value);
  }
  if (m.direction == Direction::kLowerIsBetter) text += " (lower is better)";
  if (m.national_target) text += " (national)";
  return text;
}

// Prints a rule's text beside its label, one source line per output line, keeping the
// file's indentation.
void PrintRule(std::string_view label, const std::string& text) {
  if (text.empty()) return;
  std::string_view rest = text;
  bool first = true;
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (line.back() == '\r') line.remove_suffix(1);
    std::printf("  %-18s %.*s\n", first ? std::string(label).append(":").c_str() : "",
                static_cast<int>(line.size()), line.data());
    first = false;
  }
}

void PrintMeasure(const Measure& m) {
  std::printf("%s  %s\n", m.code.c_str(), m.title.c_str());
  if (m.placeholder) {
    std::printf("  %-18s %s\n", "kind:", "placeholder (cited without a definition; not computed)");
  } else {
    std::printf("  %-18s %s of %s\n", "kind:", std::string(KindName(m.kind)).c_str(),
                std::string(m.counts->name).c_str());
  }
  PrintRule("anchor", m.anchor_text);
  PrintRule("filter", m.filter_text);
  PrintRule("success", m.success_text);
  PrintRule("deadline", m.deadline_text);
  PrintRule("value", m.value_text);
  if (m.kind == MeasureKind::kRate) std::printf("  %-18s %s\n", "per:", Number(m.rate_per).c_str());
  std::printf("  %-18s %s\n", "target:", TargetsText(m).c_str());
  if (!m.targets.empty()) {
    std::printf("  %-18s %s\n", "amber tolerance:", Number(m.amber_tolerance).c_str());
  }
  if (!m.monthly_profile.empty()) {
    std::string profile;
    for (double v : m.monthly_profile) profile += (profile.empty() ? "" : ", ") + Number(v);
    std::printf("  %-18s %s\n", "monthly profile:", profile.c_str());
  }
  if (m.weight > 0) std::printf("  %-18s %s\n", "weight:", Number(m.weight).c_str());
  if (!m.previous_target.empty()) {
    std::printf("  %-18s %s\n", "previous target:", m.previous_target.c_str());
  }
  if (!m.reported_achieved.empty()) {
    std::printf("  %-18s %s\n", "reported achieved:", m.reported_achieved.c_str());
  }
  if (!m.source.empty()) std::printf("  %-18s %s\n", "source:", m.source.c_str());
  std::printf("\n");
}

void RunCheck(const std::vector<std::string>& files, int* exit_code) {
  *exit_code = 0;
  for (const std::string& file : files) {
    Result<Framework> fw = measures::LoadFramework(file);
    if (!fw.ok()) {
      std::cerr << fw.status().message() << "\n";
      *exit_code = 2;
      continue;
    }
    std::printf("%s: %zu measures, OK\n", file.c_str(), fw->measures.size());
  }
}

Result<std::vector<Framework>> LoadShipped(const std::string& dir_option) {
  std::string dir = dir_option;
  if (dir.empty()) {
    Result<std::string> found = measures::FrameworksDir();
    if (!found.ok()) return found.status();
    dir = *found;
  }
  return measures::LoadFrameworks(dir);
}

void RunList(const std::string& dir, const std::string& id, int* exit_code) {
  Result<std::vector<Framework>> frameworks = LoadShipped(dir);
  if (!frameworks.ok()) {
    std::cerr << "probation measures list: " << frameworks.status().message() << "\n";
    *exit_code = 2;
    return;
  }
  *exit_code = 0;
  if (id.empty()) {
    std::printf("%-24s %-8s %8s  %s\n", "framework", "year", "measures", "title");
    for (const Framework& fw : *frameworks) {
      std::printf("%-24s %-8s %8zu  %s\n", fw.id.c_str(), fw.year.c_str(), fw.measures.size(),
                  fw.title.c_str());
    }
    return;
  }
  for (const Framework& fw : *frameworks) {
    if (fw.id != id) continue;
    std::printf("%s: %s (%s)\n", fw.id.c_str(), fw.title.c_str(), fw.year.c_str());
    if (!fw.source.empty()) std::printf("source: %s\n", fw.source.c_str());
    std::printf("file: %s\n", fw.file.c_str());
    if (!fw.bands.max_score.empty()) {
      const auto& s = fw.bands.max_score;
      std::printf("bands by weighted score: 4 up to %s, 3 up to %s, 2 up to %s, 1 above\n",
                  Number(s[0]).c_str(), Number(s[1]).c_str(), Number(s[2]).c_str());
    }
    std::printf("%zu measures\n\n", fw.measures.size());
    for (const Measure& m : fw.measures) PrintMeasure(m);
    return;
  }
  std::string known;
  for (const Framework& fw : *frameworks) known += (known.empty() ? "" : ", ") + fw.id;
  std::cerr << "probation measures list: no framework '" << id << "' (shipped: " << known << ")\n";
  *exit_code = 2;
}

void RunFunctions(int* exit_code) {
  for (const measures::FunctionDef& f : measures::AllFunctions()) {
    std::printf("%s%s\n", std::string(f.signature).c_str(), f.is_aggregate ? "  (aggregate)" : "");
    std::printf("  %s\n", std::string(f.description).c_str());
    std::printf("  example: %s\n\n", std::string(f.example).c_str());
  }
  *exit_code = 0;
}

}  // namespace

void AddMeasuresCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "measures", "Check framework files, list frameworks and measures, list the functions");
  cmd->require_subcommand(1);

  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* check = cmd->add_subcommand(
      "check", "Validate framework files and compile their rules, without data");
  check->add_option("FILE", *files, "Framework file(s) (.toml)")->required();
  check->callback([=] { RunCheck(*files, exit_code); });

  auto id = std::make_shared<std::string>();
  auto dir = std::make_shared<std::string>();
  CLI::App* list = cmd->add_subcommand(
      "list", "List the shipped frameworks, or every measure of one framework with its rules");
  list->add_option("FRAMEWORK", *id, "Framework id, e.g. nps-2005-06");
  list->add_option("--dir", *dir,
                   "Frameworks folder (default: $PROBATION_FRAMEWORKS_DIR or the one installed "
                   "with the program)");
  list->callback([=] { RunList(*dir, *id, exit_code); });

  CLI::App* functions = cmd->add_subcommand(
      "functions", "List the measure language's functions and aggregates with examples");
  functions->callback([=] { RunFunctions(exit_code); });
}

}  // namespace probation
