// `probation resources ...`: budget and staffing annexes (see docs/resources.md).
//   import --db FILE ANNEX.toml...
//   budget --db FILE [--year 2011-12]
//   staffing --db FILE [--year 2011-12] [--as-at DATE]   (with PT15 sickness by unit)
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/financial_year.h"
#include "cli/commands.h"
#include "cli/measure_environment.h"
#include "measures/scorecard.h"
#include "planning/resources_file.h"
#include "planning/resources_store.h"
#include "store/schema.h"

namespace probation {
namespace {

struct ResourcesArgs {
  std::string db, year, as_at;
  std::vector<std::string> files;
};

std::string Num(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

std::string Cell(const std::string& text, size_t width) {
  std::string out = text;
  while (out.size() < width) out.insert(out.begin(), ' ');
  return out;
}

std::string Left(const std::string& text, size_t width) {
  std::string out = text;
  while (out.size() < width) out += ' ';
  return out;
}

Result<std::optional<int>> YearOption(const std::string& text) {
  if (text.empty()) return std::optional<int>();
  int year = FinancialYearStart(text);
  if (year < 0 && text.size() == 6 && text.substr(0, 2) == "FY" &&
      text.find_first_not_of("0123456789", 2) == std::string::npos) {
    year = std::stoi(text.substr(2));
  }
  if (year < 0) return InvalidArgument("--year must be a financial year such as 2011-12 or FY2011");
  return std::optional<int>(year);
}

Status RunImport(const ResourcesArgs& args) {
  std::vector<planning::ResourceAnnex> annexes;
  std::string errors;
  for (const std::string& file : args.files) {
    Result<planning::ResourceAnnex> annex = planning::ReadResourceAnnexFile(file);
    if (!annex.ok()) {
      errors += (errors.empty() ? "" : "\n") + annex.status().message();
      continue;
    }
    for (const planning::ResourceAnnex& other : annexes) {
      if (other.id == annex->id) {
        errors += (errors.empty() ? "" : "\n") + file + ": annex id '" + annex->id +
                  "' is also the id of an earlier file";
      }
    }
    annexes.push_back(std::move(*annex));
  }
  if (!errors.empty()) return InvalidArgument(errors + "\nnothing was imported");
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, OpenStore(args.db));
  PROBATION_RETURN_IF_ERROR(planning::SaveAnnexes(db.get(), annexes));
  for (const planning::ResourceAnnex& a : annexes) {
    std::cout << "Imported " << (a.kind == planning::AnnexKind::kBudget ? "budget" : "staffing")
              << " annex " << a.id << " ("
              << (a.kind == planning::AnnexKind::kBudget ? a.lines.size() : a.staffing.size())
              << " lines): " << a.title << "\n";
  }
  return Status::Ok();
}

Status RunBudget(const ResourcesArgs& args) {
  PROBATION_ASSIGN_OR_RETURN(std::optional<int> only, YearOption(args.year));
  PROBATION_ASSIGN_OR_RETURN(double max_percent, planning::LoadCarryForwardMaxPercent());
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, OpenStore(args.db));
  PROBATION_ASSIGN_OR_RETURN(std::vector<planning::ResourceAnnex> annexes,
                             planning::LoadAnnexes(db.get()));
  std::string out;
  int shown = 0;
  for (const planning::ResourceAnnex& a : annexes) {
    if (a.kind != planning::AnnexKind::kBudget) continue;
    for (const planning::AnnexYear& y : a.years) {
      if (only && y.year != *only) continue;
      const planning::BudgetSummary s = planning::SummariseBudget(a, y.year, max_percent);
      ++shown;
      out += a.organisation + ", budget " + FinancialYearLabel(y.year) + " (" + a.id + ", " +
             a.unit + ")\n";
      out += Left("group", 16) + Cell("plan", 12) + Cell("outturn", 12) + Cell("variance", 12) +
             Cell("%", 8) + "\n";
      const auto row = [&](const std::string& name, double plan, std::optional<double> outturn,
                           std::optional<planning::Variance> v) {
        out += Left(name, 16) + Cell(Num(plan, 1), 12) +
               Cell(outturn ? Num(*outturn, 1) : "-", 12) + Cell(v ? Num(v->amount, 1) : "-", 12) +
               Cell(v && v->percent ? Num(*v->percent, 1) : "-", 8) + "\n";
      };
      for (const planning::GroupSummary& g : s.groups) row(g.group, g.plan, g.outturn, g.variance);
      row("net total", s.net_plan, s.net_outturn, s.variance);
      if (s.funding) out += Left("funding", 16) + Cell(Num(*s.funding, 1), 12) + "\n";
      out += "Carry-forward: at most " + Num(s.carry_forward_max_percent, 1) + "% of the budget, " +
             Num(s.carry_forward_limit, 1) + "; ";
      if (!s.underspend) {
        out += "no outturn yet.\n\n";
      } else if (*s.underspend <= 0) {
        out += "overspent by " + Num(-*s.underspend, 1) + ", nothing to carry forward.\n\n";
      } else {
        out += "underspend " + Num(*s.underspend, 1) +
               (s.carry_forward_exceeded ? " EXCEEDS the limit.\n\n" : " is within it.\n\n");
      }
    }
  }
  if (shown == 0)
    out += "No budget annex in the database" + std::string(only ? " for that year" : "") + ".\n";
  std::cout << out;
  return Status::Ok();
}

// PT15 of the NPS 2005-06 framework (working days lost to sickness per FTE a year) by local
// delivery unit, computed from the staff and staff_absences records exactly as the scorecard
// computes it.
std::string SicknessSection(const std::string& db_path, int year, const std::string& as_at) {
  Result<std::unique_ptr<MeasureEnvironment>> env =
      OpenMeasureEnvironment(db_path, "nps-2005-06", as_at);
  if (!env.ok()) return "(no sickness figures: " + env.status().message() + ")\n";
  const measures::Measure* pt15 = (*env)->framework.FindMeasure("PT15");
  if (pt15 == nullptr) return "(no sickness figures: the nps-2005-06 framework has no PT15)\n";
  Result<measures::Period> period = measures::ParsePeriod("FY" + std::to_string(year));
  if (!period.ok()) return "(no sickness figures: " + period.status().message() + ")\n";
  const measures::Organisation& org = *(*env)->organisation;
  std::vector<measures::UnitRef> units =
      org.UnitsAt(measures::UnitLevel::kLdu, measures::UnitRef{});
  units.push_back(measures::UnitRef{});
  const std::vector<measures::Period> periods = {*period};
  Result<std::vector<std::vector<measures::Tally>>> tallies =
      (*env)->engine->Tallies(*pt15, periods, units);
  if (!tallies.ok()) return "(no sickness figures: " + tallies.status().message() + ")\n";
  std::string out = "Sickness " + FinancialYearLabel(year) +
                    " (PT15: working days lost per FTE a year, target at most 9; from the staff "
                    "records)\n";
  for (size_t u = 0; u < units.size(); ++u) {
    const measures::Tally& tally = (*tallies)[0][u];
    const double value = measures::MeasureValue(*pt15, tally);
    out += Left(u + 1 == units.size() ? "all units" : org.Code(units[u]) + " " + org.Name(units[u]),
                48) +
           Cell(std::isnan(value) ? "-" : Num(value, 1), 8) + "  (" +
           std::to_string(tally.value_count) + " staff)\n";
  }
  return out;
}

Status RunStaffing(const ResourcesArgs& args) {
  PROBATION_ASSIGN_OR_RETURN(std::optional<int> only, YearOption(args.year));
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, OpenStore(args.db));
  PROBATION_ASSIGN_OR_RETURN(std::vector<planning::ResourceAnnex> annexes,
                             planning::LoadAnnexes(db.get()));
  db.reset();
  std::set<int> years;
  for (const planning::ResourceAnnex& a : annexes) {
    if (a.kind != planning::AnnexKind::kStaffing) continue;
    for (const planning::AnnexYear& y : a.years) {
      if (!only || y.year == *only) years.insert(y.year);
    }
  }
  if (only) years.insert(*only);
  std::string out;
  for (int year : years) {
    const std::vector<planning::StaffingRow> rows = planning::StaffingFor(annexes, year);
    if (!rows.empty()) {
      out += "Staffing " + FinancialYearLabel(year) + " (full-time equivalents)\n";
      double total = 0;
      std::string organisation;
      for (const planning::StaffingRow& r : rows) {
        if (r.organisation != organisation) {
          if (!organisation.empty()) out += Left("total", 60) + Cell(Num(total, 1), 8) + "\n";
          organisation = r.organisation;
          total = 0;
          out += organisation + "\n";
        }
        out += "  " + Left(r.unit + (r.grade.empty() ? "" : ", " + r.grade), 58) +
               Cell(Num(r.fte, 1), 8) + "\n";
        total += r.fte;
      }
      out += Left("total", 60) + Cell(Num(total, 1), 8) + "\n\n";
    }
    out += SicknessSection(args.db, year, args.as_at) + "\n";
  }
  if (years.empty()) out = "No staffing annex in the database; give --year for sickness.\n";
  std::cout << out;
  return Status::Ok();
}

template <typename F>
void Report(const char* name, int* exit_code, F run) {
  Status s = run();
  if (!s.ok()) {
    std::cerr << "probation resources " << name << ": " << s.message() << "\n";
    *exit_code = 2;
  }
}

}  // namespace

void AddResourcesCommand(CLI::App& app, int* exit_code) {
  CLI::App* resources =
      app.add_subcommand("resources", "Budget and staffing annexes: import, budget, staffing");
  resources->require_subcommand(1);
  auto args = std::make_shared<ResourcesArgs>();

  CLI::App* import = resources->add_subcommand(
      "import", "Load budget or staffing annex files (TOML), replacing annexes by id");
  import->add_option("--db", args->db, "Database file")->required();
  import->add_option("FILES", args->files, "Annex files")->required()->check(CLI::ExistingFile);
  import->callback([=] { Report("import", exit_code, [&] { return RunImport(*args);
});
}  // namespace probation
);

CLI::App* budget = resources->add_subcommand(
    "budget", "Budget by group with variance and the carry-forward check");
budget->add_option("--db", args->db, "Database file")->required()->check(CLI::ExistingFile);
budget->add_option("--year", args->year, "Only this financial year (2011-12 or FY2011)");
budget->callback([=] { Report("budget", exit_code, [&] { return RunBudget(*args); }); });

CLI::App* staffing = resources->add_subcommand(
    "staffing", "FTE by unit and grade, and sickness days per FTE (PT15) by unit");
staffing->add_option("--db", args->db, "Database file")->required()->check(CLI::ExistingFile);
staffing->add_option("--year", args->year, "Only this financial year (2011-12 or FY2011)");
staffing->add_option("--as-at", args->as_at,
                     "Date the records are complete to (default: the latest activity)");
staffing->callback([=] { Report("staffing", exit_code, [&] { return RunStaffing(*args); }); });
}

}  // namespace probation
