// `probation workload`: each officer's workload against capacity, rolled up to teams and LDUs
// (docs/workload.md).
//   workload --db FILE --unit CODE [--as-at DATE] [--format text|csv|xlsx] [--out FILE]
//            [--trend N] [--timings]
//   workload --db FILE --load-reductions FILE.csv      store reductions (training, union, ...)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "analytics/workload_reductions.h"
#include "base/csv.h"
#include "base/mapped_file.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/workload_environment.h"
#include "reports/document.h"
#include "reports/document_xlsx.h"
#include "store/schema.h"

namespace probation {
namespace {

using analytics::OfficerWorkload;
using analytics::UnitWorkload;

std::string Percent(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f%%", value);
  return buffer;
}

std::string Number(double value, int decimals = 0) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

report::Cell CapacityCell(double capacity, double red_over) {
  return report::Cell(Percent(capacity), capacity,
                      capacity > red_over ? report::Tone::kRed : report::Tone::kNone);
}

// The last day of the month `months_back` months before the month of `at`; `at` itself for 0.
Date MonthEnd(Date at, int months_back) {
  if (months_back == 0) return at;
  int y = at.year();
  int m = at.month() - months_back;
  while (m <= 0) {
    m += 12;
    --y;
  }
  return Date::FromCivil(y, m, DaysInMonth(y, m));
}

report::Document BuildDocument(const WorkloadEnvironment& env, measures::UnitRef scope,
                               const std::vector<OfficerWorkload>& officers, int trend) {
  const analytics::PointsTable& points = env.points.At(env.as_at);
  const double red = points.red_over_percent;
  const measures::Organisation& org = *env.organisation;
  report::Document doc;
  doc.title = "Workload and capacity: " + org.Name(scope) + " (" + org.Code(scope) + ")";
  doc.subtitle_lines.push_back("as at " + env.as_at.ToString() + "; points table effective from " +
                               points.effective_from.ToString() + "; red over " + Number(red) +
                               "%");

  report::Section units{"units", "Capacity by unit", {}};
  report::Table ut;
  ut.columns = {
      "level",    "code",  "name", "officers", "cases", "workload points", "available points",
      "capacity", "status"};
  for (const UnitWorkload& u : analytics::RollUpWorkloads(org, officers, scope)) {
    const double c = u.capacity();
    ut.rows.push_back({std::string(measures::UnitLevelName(u.unit.level)), u.code, u.name,
                       report::Cell(std::to_string(u.officers), u.officers),
                       report::Cell(std::to_string(u.cases), u.cases),
                       report::Cell(Number(u.workload), u.workload),
                       report::Cell(Number(u.available), u.available), CapacityCell(c, red),
                       c > red ? "RED" : ""});
  }
  units.blocks.push_back(std::move(ut));
  doc.sections.push_back(std::move(units));

  report::Section people{"officers", "Officers", {}};
  report::Table ot;
  ot.columns = {"staff id",      "name",     "grade",        "team",        "community",
                "licence",       "custody",  "SDR",          "FDR",         "case points",
                "report points", "workload", "contracted h", "reduction h", "available",
                "capacity",      "status",   "reductions"};
  ot.wide_column = 17;
  for (const OfficerWorkload* w : analytics::OfficersWithin(org, officers, scope)) {
    const double c = w->capacity();
    std::string notes;
    for (const std::string& n : w->reduction_notes) notes += (notes.empty() ? "" : "; ") + n;
    ot.rows.push_back({w->staff_id, w->name, w->grade,
                       w->team_row < 0 ? "" : org.Code({measures::UnitLevel::kTeam, w->team_row}),
                       report::Cell(std::to_string(w->cases[0]), w->cases[0]),
                       report::Cell(std::to_string(w->cases[1]), w->cases[1]),
                       report::Cell(std::to_string(w->cases[2]), w->cases[2]),
                       report::Cell(std::to_string(w->sdr), w->sdr),
                       report::Cell(std::to_string(w->fdr), w->fdr),
                       report::Cell(std::to_string(w->case_points), w->case_points),
                       report::Cell(std::to_string(w->report_points), w->report_points),
                       report::Cell(std::to_string(w->workload_points()), w->workload_points()),
                       report::Cell(Number(w->contracted_hours, 1), w->contracted_hours),
                       report::Cell(Number(w->reduction_hours, 1), w->reduction_hours),
                       report::Cell(Number(w->available), w->available), CapacityCell(c, red),
                       c > red ? "RED" : "", notes});
  }
  people.blocks.push_back(std::move(ot));
  doc.sections.push_back(std::move(people));

  if (trend > 0) {
    report::Section section{"trend", "Capacity by month", {}};
    report::Table tt;
    tt.columns = {"date",     "officers", "cases", "workload points", "available points",
                  "capacity", "status"};
    for (int m = trend - 1; m >= 0; --m) {
      const Date d = MonthEnd(env.as_at, m);
      const UnitWorkload u =
          analytics::RollUpWorkloads(org, m == 0 ? officers : WorkloadsOn(env, d), scope).front();
      const double c = u.capacity();
      const double red_then = env.points.At(d).red_over_percent;
      tt.rows.push_back({d.ToString(), report::Cell(std::to_string(u.officers), u.officers),
                         report::Cell(std::to_string(u.cases), u.cases),
                         report::Cell(Number(u.workload), u.workload),
                         report::Cell(Number(u.available), u.available), CapacityCell(c, red_then),
                         c > red_then ? "RED" : ""});
    }
    section.blocks.push_back(std::move(tt));
    doc.sections.push_back(std::move(section));
  }
  return doc;
}

// Fixed-width columns, numbers right-aligned; the wide column last and unpadded.
std::string RenderText(const report::Document& doc) {
  std::string out = doc.title + "\n";
  for (const std::string& line : doc.subtitle_lines) out += line + "\n";
  for (const report::Section& s : doc.sections) {
    out += "\n" + s.title + "\n";
    for (const report::Block& b : s.blocks) {
      const auto* t = std::get_if<report::Table>(&b);
      if (t == nullptr) continue;
      if (t->rows.empty()) {
        out += t->empty_text + "\n";
        continue;
      }
      std::vector<size_t> width(t->columns.size());
      for (size_t c = 0; c < t->columns.size(); ++c) {
        width[c] = t->columns[c].size();
        for (const auto& row : t->rows) width[c] = std::max(width[c], row[c].text.size());
      }
      const auto line = [&](const std::vector<std::string>& cells, const std::vector<bool>& right) {
        std::string l;
        for (size_t c = 0; c < cells.size(); ++c) {
          const size_t pad = width[c] - cells[c].size();
          if (static_cast<int>(c) == t->wide_column) {
            l += cells[c];
          } else {
            l += right[c] ? std::string(pad, ' ') + cells[c] : cells[c] + std::string(pad, ' ');
          }
          if (c + 1 < cells.size()) l += "  ";
        }
        while (!l.empty() && l.back() == ' ') l.pop_back();
        return l + "\n";
      };
      std::vector<bool> right(t->columns.size(), false);
      for (size_t c = 0; c < t->columns.size(); ++c) right[c] = t->rows[0][c].number.has_value();
      out += line(t->columns, right);
      for (const auto& row : t->rows) {
        std::vector<std::string> cells;
        for (const report::Cell& cell : row) cells.push_back(cell.text);
        out += line(cells, right);
      }
    }
  }
  return out;
}

// One CSV table per section, each with its header, separated by a blank line.
std::string RenderCsv(const report::Document& doc) {
  std::string out;
  for (const report::Section& s : doc.sections) {
    for (const report::Block& b : s.blocks) {
      const auto* t = std::get_if<report::Table>(&b);
      if (t == nullptr) continue;
      if (!out.empty()) out += "\n";
      const auto row = [&](const auto& cells, auto text) {
        for (size_t c = 0; c < cells.size(); ++c) {
          if (c > 0) out += ',';
          AppendCsvField(&out, text(cells[c]));
        }
        out += "\n";
      };
      row(t->columns, [](const std::string& s) -> std::string_view { return s; });
      for (const auto& r : t->rows) {
        // Numbers unformatted (capacity without its % sign), text as printed.
        row(r, [](const report::Cell& c) -> std::string {
          if (c.number && !c.text.empty() && c.text.back() == '%') return Number(*c.number, 1);
          return c.text;
        });
      }
    }
  }
  return out;
}

int LoadReductions(const std::string& db_path, const std::string& csv_path) {
  Result<std::vector<analytics::ReductionCap>> caps = analytics::LoadReductionCaps();
  Result<std::string> text = caps.ok() ? ReadFileToString(csv_path) : caps.status();
  Result<std::vector<analytics::Reduction>> reductions =
      text.ok() ? analytics::ParseReductionsCsv(*text, csv_path, *caps) : text.status();
  if (!reductions.ok()) {
    std::cerr << "probation workload: " << reductions.status().message() << "\n";
    return 2;
  }
  Result<std::unique_ptr<Database>> db = OpenStore(db_path);
  Status saved = db.ok() ? analytics::SaveReductions(db->get(), *reductions) : db.status();
  if (!saved.ok()) {
    std::cerr << "probation workload: " << saved.message() << "\n";
    return 2;
  }
  std::printf("%zu reductions stored from %s\n", reductions->size(), csv_path.c_str());
  return 0;
}

}  // namespace

void AddWorkloadCommand(CLI::App& app, int* exit_code) {
  struct Options {
    std::string db, unit, as_at, format = "text", out, reductions;
    int trend = 0;
    bool timings = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "workload",
      "Workload points against capacity per officer, team and LDU, from computed "
      "tiers, settings, court reports and reductions (--load-reductions to load them)");
  cmd->add_option("--db", o->db, "Database file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--unit", o->unit, "Unit code (trust, LDU, team, staff id) or national");
  cmd->add_option("--as-at", o->as_at, "Date (YYYY-MM-DD); default the latest activity");
  cmd->add_option("--format", o->format, "text, csv or xlsx (xlsx needs --out)")
      ->check(CLI::IsMember({"text", "csv", "xlsx"}));
  cmd->add_option("--out", o->out, "Write to this file instead of standard output");
  cmd->add_option("--trend", o->trend, "Also the unit's capacity at the last N month ends")
      ->check(CLI::Range(0, 60));
  cmd->add_option("--load-reductions", o->reductions,
                  "Store the reductions in this CSV file (docs/workload.md)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--timings", o->timings, "Print the time of each stage to standard error");
  cmd->callback([o, exit_code] {
    if (!o->reductions.empty()) {
      *exit_code = LoadReductions(o->db, o->reductions);
      return;
    }
    if (o->unit.empty()) {
      std::cerr << "probation workload: give --unit CODE (or --load-reductions FILE)\n";
      *exit_code = 2;
      return;
    }
    if (o->format == "xlsx" && o->out.empty()) {
      std::cerr << "probation workload: --format xlsx needs --out FILE.xlsx\n";
      *exit_code = 2;
      return;
    }
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    Result<std::unique_ptr<WorkloadEnvironment>> env = OpenWorkloadEnvironment(o->db, o->as_at);
    if (!env.ok()) {
      std::cerr << "probation workload: " << env.status().message() << "\n";
      *exit_code = 2;
      return;
    }
    Result<measures::UnitRef> scope = (*env)->organisation->Find(o->unit);
    if (!scope.ok()) {
      std::cerr << "probation workload: " << scope.status().message() << "\n";
      *exit_code = 2;
      return;
    }
    const auto t1 = Clock::now();
    const std::vector<OfficerWorkload> officers = WorkloadsOn(**env, (*env)->as_at);
    const auto t2 = Clock::now();
    const report::Document doc = BuildDocument(**env, *scope, officers, o->trend);
    const auto t3 = Clock::now();
    Status written = o->format == "xlsx"  ? report::WriteDocumentXlsx(doc, o->out)
                     : o->format == "csv" ? WriteOutput(RenderCsv(doc), o->out)
                                          : WriteOutput(RenderText(doc), o->out);
    if (!written.ok()) {
      std::cerr << "probation workload: " << written.message() << "\n";
      *exit_code = 2;
      return;
    }
    if (o->timings) {
      const auto ms = [](auto a, auto b) {
        return std::chrono::duration<double, std::milli>(b - a).count();
      };
      std::fprintf(stderr,
                   "open (database, snapshot, reference) %.0f ms, every case's tier and every "
                   "officer's workload %.0f ms, tables%s %.0f ms, written %.0f ms\n",
                   ms(t0, t1), ms(t1, t2), o->trend > 0 ? " and trend" : "", ms(t2, t3),
                   ms(t3, Clock::now()));
    }
  });
}

}  // namespace probation
