#include "planning/resources_store.h"

#include <map>

namespace probation::planning {
namespace {

std::string JoinLines(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : "\n") + items[i];
  return out;
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  size_t start = 0;
  while (true) {
    const size_t nl = text.find('\n', start);
    out.emplace_back(text.substr(start, nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

Status InsertAnnex(Database* db, const ResourceAnnex& a) {
  PROBATION_ASSIGN_OR_RETURN(Statement del,
                             db->Prepare("DELETE FROM resource_annexes WHERE id = ?"));
  del.BindText(1, a.id);
  PROBATION_RETURN_IF_ERROR(del.Run());
  PROBATION_ASSIGN_OR_RETURN(
      Statement annex,
      db->Prepare("INSERT INTO resource_annexes (id, kind, organisation, title, source, unit, "
                  "heading, carry_forward_max_percent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  annex.BindText(1, a.id);
  annex.BindText(2, a.kind == AnnexKind::kBudget ? "budget" : "staffing");
  annex.BindText(3, a.organisation);
  annex.BindText(4, a.title);
  annex.BindText(5, a.source);
  annex.BindText(6, a.unit);
  annex.BindText(7, a.heading);
  if (a.carry_forward_max_percent) {
    annex.BindDouble(8, *a.carry_forward_max_percent);
  } else {
    annex.BindNull(8);
  }
  PROBATION_RETURN_IF_ERROR(annex.Run());
  PROBATION_ASSIGN_OR_RETURN(Statement year,
                             db->Prepare("INSERT INTO resource_years (annex_id, position, year, "
                                         "label) VALUES (?, ?, ?, ?)"));
  for (size_t i = 0; i < a.years.size(); ++i) {
    year.BindText(1, a.id);
    year.BindInt(2, static_cast<int64_t>(i));
    year.BindInt(3, a.years[i].year);
    year.BindText(4, a.years[i].label);
    PROBATION_RETURN_IF_ERROR(year.Run());
    year.Reset();
  }
  PROBATION_ASSIGN_OR_RETURN(
      Statement line,
      db->Prepare("INSERT INTO budget_lines (annex_id, position, year, heading, line, line_group, "
                  "plan, outturn) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  for (size_t i = 0; i < a.lines.size(); ++i) {
    const BudgetLine& l = a.lines[i];
    for (const AnnexYear& y : a.years) {
      const auto plan = l.plan.find(y.year);
      const auto outturn = l.outturn.find(y.year);
      if (plan == l.plan.end() && outturn == l.outturn.end()) continue;
      line.BindText(1, a.id);
      line.BindInt(2, static_cast<int64_t>(i));
      line.BindInt(3, y.year);
      line.BindText(4, l.heading);
      line.BindText(5, l.line);
      line.BindText(6, l.group);
      if (plan != l.plan.end()) {
        line.BindDouble(7, plan->second);
      } else {
        line.BindNull(7);
      }
      if (outturn != l.outturn.end()) {
        line.BindDouble(8, outturn->second);
      } else {
        line.BindNull(8);
      }
      PROBATION_RETURN_IF_ERROR(line.Run());
      line.Reset();
    }
  }
  PROBATION_ASSIGN_OR_RETURN(
      Statement total,
      db->Prepare("INSERT INTO resource_totals (annex_id, kind, position, year, label, headings, "
                  "amount) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  for (const auto& [kind, list] :
       {std::pair{"total", &a.totals}, std::pair{"funding", &a.funding}}) {
    for (size_t i = 0; i < list->size(); ++i) {
      const AnnexTotal& t = (*list)[i];
      const std::string headings = JoinLines(t.headings);
      for (const auto& [y, amount] : t.amounts) {
        total.BindText(1, a.id);
        total.BindText(2, kind);
        total.BindInt(3, static_cast<int64_t>(i));
        total.BindInt(4, y);
        total.BindText(5, t.label);
        total.BindText(6, headings);
        total.BindDouble(7, amount);
        PROBATION_RETURN_IF_ERROR(total.Run());
        total.Reset();
      }
    }
  }
  PROBATION_ASSIGN_OR_RETURN(
      Statement staff,
      db->Prepare("INSERT INTO staffing_lines (annex_id, position, year, unit, unit_code, grade, "
                  "fte) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  for (size_t i = 0; i < a.staffing.size(); ++i) {
    const StaffingLine& s = a.staffing[i];
    for (const auto& [y, fte] : s.fte) {
      staff.BindText(1, a.id);
      staff.BindInt(2, static_cast<int64_t>(i));
      staff.BindInt(3, y);
      staff.BindText(4, s.unit);
      staff.BindText(5, s.unit_code);
      staff.BindText(6, s.grade);
      staff.BindDouble(7, fte);
      PROBATION_RETURN_IF_ERROR(staff.Run());
      staff.Reset();
    }
  }
  return Status::Ok();
}

}  // namespace

Status SaveAnnexes(Database* db, const std::vector<ResourceAnnex>& annexes) {
  PROBATION_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db));
  for (const ResourceAnnex& a : annexes) PROBATION_RETURN_IF_ERROR(InsertAnnex(db, a));
  return txn.Commit();
}

Result<std::vector<ResourceAnnex>> LoadAnnexes(Database* db) {
  std::vector<ResourceAnnex> annexes;
  std::map<std::string, size_t> index;
  PROBATION_ASSIGN_OR_RETURN(
      Statement q, db->Prepare("SELECT id, kind, organisation, title, source, unit, heading, "
                               "carry_forward_max_percent FROM resource_annexes ORDER BY id"));
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    ResourceAnnex a;
    a.id = q.ColumnText(0);
    a.kind = q.ColumnText(1) == "staffing" ? AnnexKind::kStaffing : AnnexKind::kBudget;
    a.organisation = q.ColumnText(2);
    a.title = q.ColumnText(3);
    a.source = q.ColumnText(4);
    a.unit = q.ColumnText(5);
    a.heading = q.ColumnText(6);
    if (!q.ColumnIsNull(7)) a.carry_forward_max_percent = q.ColumnDouble(7);
    index[a.id] = annexes.size();
    annexes.push_back(std::move(a));
  }
  const auto annex = [&](const Statement& s) -> ResourceAnnex& {
    return annexes[index.at(std::string(s.ColumnText(0)))];
  };
  PROBATION_ASSIGN_OR_RETURN(Statement years,
                             db->Prepare("SELECT annex_id, year, label FROM resource_years "
                                         "ORDER BY annex_id, position"));
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(bool row, years.Step());
    if (!row) break;
    annex(years).years.push_back(
        {static_cast<int>(years.ColumnInt(1)), std::string(years.ColumnText(2))});
  }
  PROBATION_ASSIGN_OR_RETURN(
      Statement lines, db->Prepare("SELECT annex_id, position, year, heading, line, line_group, "
                                   "plan, outturn FROM budget_lines ORDER BY annex_id, position, "
                                   "year"));
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(bool row, lines.Step());
    if (!row) break;
    ResourceAnnex& a = annex(lines);
    const size_t position = static_cast<size_t>(lines.ColumnInt(1));
    if (a.lines.size() <= position) a.lines.resize(position + 1);
    BudgetLine& l = a.lines[position];
    const int y = static_cast<int>(lines.ColumnInt(2));
    l.heading = lines.ColumnText(3);
    l.line = lines.ColumnText(4);
    l.group = lines.ColumnText(5);
    if (!lines.ColumnIsNull(6)) l.plan[y] = lines.ColumnDouble(6);
    if (!lines.ColumnIsNull(7)) l.outturn[y] = lines.ColumnDouble(7);
  }
  PROBATION_ASSIGN_OR_RETURN(Statement totals,
                             db->Prepare("SELECT annex_id, kind, position, year, label, headings, "
                                         "amount FROM resource_totals ORDER BY annex_id, kind, "
                                         "position, year"));
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(bool row, totals.Step());
    if (!row) break;
    ResourceAnnex& a = annex(totals);
    std::vector<AnnexTotal>& list = totals.ColumnText(1) == "total" ? a.totals : a.funding;
    const size_t position = static_cast<size_t>(totals.ColumnInt(2));
    if (list.size() <= position) list.resize(position + 1);
    list[position].label = totals.ColumnText(4);
    list[position].headings = SplitLines(totals.ColumnText(5));
    list[position].amounts[static_cast<int>(totals.ColumnInt(3))] = totals.ColumnDouble(6);
  }
  PROBATION_ASSIGN_OR_RETURN(
      Statement staff, db->Prepare("SELECT annex_id, position, year, unit, unit_code, grade, fte "
                                   "FROM staffing_lines ORDER BY annex_id, position, year"));
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(bool row, staff.Step());
    if (!row) break;
    ResourceAnnex& a = annex(staff);
    const size_t position = static_cast<size_t>(staff.ColumnInt(1));
    if (a.staffing.size() <= position) a.staffing.resize(position + 1);
    StaffingLine& s = a.staffing[position];
    s.unit = staff.ColumnText(3);
    s.unit_code = staff.ColumnText(4);
    s.grade = staff.ColumnText(5);
    s.fte[static_cast<int>(staff.ColumnInt(2))] = staff.ColumnDouble(6);
  }
  return annexes;
}

}  // namespace probation::planning
