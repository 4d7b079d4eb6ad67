// The board pack's resource sections: the budget and staffing annexes, and sickness absence
// from the staff records (board_pack.h).
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "planning/resources.h"
#include "planning/resources_store.h"
#include "reports/board_pack.h"
#include "reports/measure_text.h"

namespace probation {
namespace {

using report::Cell;
using report::Table;
using report::Tone;

std::string YearLabel(int year) {
  const int next = (year + 1) % 100;
  return std::to_string(year) + "-" + (next < 10 ? "0" : "") + std::to_string(next);
}

// The year of `years` an annex is shown for: the board pack's financial year when the annex
// has it, else the latest before it, else the annex's first.
int ChooseYear(const std::vector<planning::AnnexYear>& years, int fy) {
  int chosen = years.front().year;
  bool found = false;
  for (const planning::AnnexYear& y : years) {
    if (y.year <= fy && (!found || y.year > chosen)) chosen = y.year, found = true;
  }
  return chosen;
}

Cell Money(double v, const std::string& unit) {
  const bool millions = unit.find("million") != std::string::npos;
  return Cell(FormatNumber(millions ? "%.2f" : "%.0f", v), v);
}

Cell OptionalMoney(const std::optional<double>& v, const std::string& unit) {
  return v ? Money(*v, unit) : Cell("-");
}

Cell VarianceCell(const std::optional<planning::Variance>& v, const std::string& unit) {
  return v ? Money(v->amount, unit) : Cell("-");
}

Cell VariancePercent(const std::optional<planning::Variance>& v) {
  if (!v || !v->percent) return Cell("-");
  return Cell(FormatNumber("%+.1f%%", *v->percent), *v->percent);
}

// The annexes held of the pack's organisation (others of `kind` left out, and said so).
Result<std::vector<planning::ResourceAnnex>> OwnAnnexes(const BoardPackRequest& r,
                                                        planning::AnnexKind kind,
                                                        const std::string& what,
                                                        report::Section* section) {
  PROBATION_ASSIGN_OR_RETURN(std::vector<planning::ResourceAnnex> held,
                             planning::LoadAnnexes(r.db));
  std::vector<planning::ResourceAnnex> own;
  int left_out = 0;
  for (planning::ResourceAnnex& annex : held) {
    if (BelongsToPack(r, annex.organisation)) {
      own.push_back(std::move(annex));
    } else if (annex.kind == kind) {
      ++left_out;
    }
  }
  const std::string text = LeftOutText(left_out, what);
  if (!text.empty()) section->blocks.push_back(report::Paragraph{text});
  return own;
}

}  // namespace

Status AppendBudgetSection(const BoardPackRequest& r, report::Document* doc) {
  report::Section section{"budget", "Budget annex", {}};
  if (r.db == nullptr) return Status::Ok();
  PROBATION_ASSIGN_OR_RETURN(std::vector<planning::ResourceAnnex> annexes,
                             OwnAnnexes(r, planning::AnnexKind::kBudget, "budget annexes",
                                        &section));
  PROBATION_ASSIGN_OR_RETURN(double max_percent, planning::LoadCarryForwardMaxPercent());
  const int fy = measures::FinancialYearOf(r.period.end);
  int shown = 0;
  section.blocks.push_back(report::Paragraph{
      "Each budget annex for " + YearLabel(fy) + " (or its latest year before that): plan and " +
      "outturn by group, income negative, the variance (outturn less plan), and the " +
      "carry-forward rule: an underspend carried into the next year may be at most " +
      FormatNumber("%.0f", max_percent) + "% of the budget unless the annex sets its own limit."});
  for (const planning::ResourceAnnex& annex : annexes) {
    if (annex.kind != planning::AnnexKind::kBudget || annex.years.empty()) continue;
    const int year = ChooseYear(annex.years, fy);
    const planning::BudgetSummary s = planning::SummariseBudget(annex, year, max_percent);
    Table table;
    table.caption = annex.title + ", " + YearLabel(year) + " (" + annex.unit + ")";
    table.columns = {"Group", "Plan", "Outturn", "Variance", "Variance %"};
    for (const planning::GroupSummary& g : s.groups) {
      table.rows.push_back({g.group, Money(g.plan, s.unit), OptionalMoney(g.outturn, s.unit),
                            VarianceCell(g.variance, s.unit), VariancePercent(g.variance)});
    }
    table.rows.push_back({"net", Money(s.net_plan, s.unit), OptionalMoney(s.net_outturn, s.unit),
                          VarianceCell(s.variance, s.unit), VariancePercent(s.variance)});
    section.blocks.push_back(std::move(table));
    std::string rule;
    if (!s.underspend) {
      rule = "No outturn is recorded for " + YearLabel(year) + ", so the carry-forward rule " +
             "cannot be checked yet.";
    } else if (*s.underspend <= 0) {
      rule = "No underspend to carry forward.";
    } else {
      rule = "Underspend " + Money(*s.underspend, s.unit).text + " against a carry-forward " +
             "limit of " + Money(s.carry_forward_limit, s.unit).text + " (" +
             FormatNumber("%.0f", s.carry_forward_max_percent) + "% of the budget): " +
             (s.carry_forward_exceeded ? "EXCEEDS the limit." : "within it.");
    }
    section.blocks.push_back(report::Paragraph{rule});
    ++shown;
  }
  if (shown == 0) {
    section.blocks.push_back(
        report::Paragraph{"No budget annex is held. Load one with `probation resources import` "
                          "(docs/resources.md)."});
  }
  doc->sections.push_back(std::move(section));
  return Status::Ok();
}

Status AppendStaffingSection(const BoardPackRequest& r, report::Document* doc) {
  report::Section section{"staffing", "Staffing annex", {}};
  const int fy = measures::FinancialYearOf(r.period.end);
  if (r.db != nullptr) {
    PROBATION_ASSIGN_OR_RETURN(std::vector<planning::ResourceAnnex> annexes,
                               OwnAnnexes(r, planning::AnnexKind::kStaffing, "staffing annexes",
                                          &section));
    std::vector<planning::AnnexYear> years;
    for (const planning::ResourceAnnex& a : annexes) {
      if (a.kind == planning::AnnexKind::kStaffing)
        years.insert(years.end(), a.years.begin(), a.years.end());
    }
    if (years.empty()) {
      section.blocks.push_back(
          report::Paragraph{"No staffing annex is held. Load one with `probation resources import` "
                            "(docs/resources.md)."});
    } else {
      const int year = ChooseYear(years, fy);
      Table table;
      table.caption = "Full-time equivalent staff, " + YearLabel(year);
      table.columns = {"Organisation", "Unit", "Grade", "FTE"};
      table.wide_column = 1;
      double total = 0;
      for (const planning::StaffingRow& row : planning::StaffingFor(annexes, year)) {
        table.rows.push_back(
            {row.organisation, row.unit, row.grade, Cell(FormatNumber("%.1f", row.fte), row.fte)});
        total += row.fte;
      }
      table.rows.push_back({"total", "", "", Cell(FormatNumber("%.1f", total), total)});
      section.blocks.push_back(std::move(table));
    }
  }
  // Sickness from the staff records, by PT15's rule (working days lost per FTE a year).
  const measures::Measure* pt15 = r.sickness;
  if (pt15 == nullptr) {
    section.blocks.push_back(
        report::Paragraph{"Sickness absence is not shown: no framework with PT15 was found."});
    doc->sections.push_back(std::move(section));
    return Status::Ok();
  }
  PROBATION_ASSIGN_OR_RETURN(measures::Period last_year,
                             measures::ParsePeriod("FY" + std::to_string(fy - 1)));
  const measures::Period periods[] = {last_year, r.period};
  std::vector<measures::UnitRef> units = {r.scope};
  if (r.scope.level < measures::UnitLevel::kTeam) {
    const auto child = static_cast<measures::UnitLevel>(static_cast<int>(r.scope.level) + 1);
    const std::vector<measures::UnitRef> children =
        r.engine->organisation().UnitsAt(child, r.scope);
    units.insert(units.end(), children.begin(), children.end());
  }
  Result<std::vector<std::vector<measures::Tally>>> tallies =
      r.engine->Tallies(*pt15, periods, units);
  if (!tallies.ok()) return tallies.status();
  Table sickness;
  sickness.caption = "Sickness absence: " + pt15->title + " (" + pt15->code + ")";
  sickness.columns = {"Unit", "Name", last_year.label, r.period.label, "Staff"};
  sickness.wide_column = 1;
  const measures::Organisation& org = r.engine->organisation();
  const std::optional<double> target = measures::TargetForPeriod(*pt15, r.period);
  for (size_t u = 0; u < units.size(); ++u) {
    std::vector<Cell> row = {org.Code(units[u]), org.Name(units[u])};
    for (size_t p = 0; p < 2; ++p) {
      const double v = measures::MeasureValue(*pt15, (*tallies)[p][u]);
      const measures::Rag rag = measures::RagFor(*pt15, v, target, 0);
      const Tone tone = rag == measures::Rag::kGreen   ? Tone::kGreen
                        : rag == measures::Rag::kAmber ? Tone::kAmber
                        : rag == measures::Rag::kRed   ? Tone::kRed
                                                       : Tone::kNone;
      row.push_back(Cell(MeasureValueText(*pt15, v),
                         std::isnan(v) ? std::nullopt : std::optional<double>(v), tone));
    }
    row.push_back(Cell(std::to_string((*tallies)[1][u].value_count),
                       static_cast<double>((*tallies)[1][u].value_count)));
    sickness.rows.push_back(std::move(row));
  }
  section.blocks.push_back(std::move(sickness));
  if (target) {
    section.blocks.push_back(report::Paragraph{"Target: at most " +
                                               MeasureTargetText(*pt15, target) + " days a year (" +
                                               pt15->source + ")."});
  }
  doc->sections.push_back(std::move(section));
  return Status::Ok();
}

}  // namespace probation
