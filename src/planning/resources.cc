#include "planning/resources.h"

#include <charconv>
#include <cmath>

#include "base/mapped_file.h"
#include "base/reference_csv.h"
#include "base/reference_files.h"

namespace probation::planning {

Variance VarianceOf(double plan, double outturn) {
  Variance v;
  v.amount = outturn - plan;
  if (plan != 0) v.percent = v.amount / std::fabs(plan) * 100;
  return v;
}

bool IsAnnexId(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

BudgetSummary SummariseBudget(const ResourceAnnex& annex, int year, double default_max_percent) {
  BudgetSummary s;
  s.annex_id = annex.id;
  s.organisation = annex.organisation;
  s.unit = annex.unit;
  s.year = year;
  bool all_outturn = true;
  bool any_outturn = false;
  std::vector<bool> group_complete;
  for (const BudgetLine& line : annex.lines) {
    size_t g = 0;
    while (g < s.groups.size() && s.groups[g].group != line.group) ++g;
    if (g == s.groups.size()) {
      s.groups.push_back({line.group, 0, 0.0, std::nullopt});
      group_complete.push_back(true);
    }
    const auto plan = line.plan.find(year);
    const auto outturn = line.outturn.find(year);
    const double p = plan == line.plan.end() ? 0 : plan->second;
    s.groups[g].plan += p;
    s.net_plan += p;
    if (outturn != line.outturn.end()) {
      any_outturn = true;
      *s.groups[g].outturn += outturn->second;
      s.net_outturn = s.net_outturn.value_or(0) + outturn->second;
    } else if (plan != line.plan.end()) {
      group_complete[g] = false;
      all_outturn = false;
    }
  }
  for (size_t g = 0; g < s.groups.size(); ++g) {
    if (!group_complete[g] || !any_outturn) {
      s.groups[g].outturn.reset();
    } else {
      s.groups[g].variance = VarianceOf(s.groups[g].plan, *s.groups[g].outturn);
    }
  }
  if (!all_outturn || !any_outturn) s.net_outturn.reset();
  if (s.net_outturn) s.variance = VarianceOf(s.net_plan, *s.net_outturn);
  for (const AnnexTotal& f : annex.funding) {
    const auto it = f.amounts.find(year);
    if (it != f.amounts.end()) s.funding = s.funding.value_or(0) + it->second;
  }
  s.carry_forward_max_percent = annex.carry_forward_max_percent.value_or(default_max_percent);
  const double budget = s.funding.value_or(s.net_plan);
  s.carry_forward_limit = budget * s.carry_forward_max_percent / 100;
  if (s.net_outturn) {
    s.underspend = budget - *s.net_outturn;
    // A cent's tolerance in the annex's unit keeps rounding from flagging an exact limit.
    s.carry_forward_exceeded = *s.underspend > s.carry_forward_limit + 1e-9 * std::fabs(budget);
  }
  return s;
}

std::vector<StaffingRow> StaffingFor(const std::vector<ResourceAnnex>& annexes, int year) {
  std::vector<StaffingRow> rows;
  for (const ResourceAnnex& annex : annexes) {
    if (annex.kind != AnnexKind::kStaffing) continue;
    for (const StaffingLine& line : annex.staffing) {
      const auto it = line.fte.find(year);
      if (it == line.fte.end()) continue;
      rows.push_back({annex.organisation, line.unit, line.grade, it->second});
    }
  }
  return rows;
}

Result<double> LoadCarryForwardMaxPercent() {
  PROBATION_ASSIGN_OR_RETURN(std::string dir, ReferenceDir());
  const std::string path = dir + "/budget_rules.csv";
  PROBATION_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  ReferenceCsvReader csv(text, path);
  PROBATION_RETURN_IF_ERROR(csv.ReadHeader({"rule", "value", "source"}));
  std::vector<std::string_view> fields;
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool more, csv.Next(&fields));
    if (!more) break;
    if (fields[0] != "carry_forward_max_percent") continue;
    double value = 0;
    const auto [ptr, ec] =
        std::from_chars(fields[1].data(), fields[1].data() + fields[1].size(), value);
    if (ec != std::errc() || ptr != fields[1].data() + fields[1].size() || value < 0 ||
        value > 100) {
      return csv.Error("carry_forward_max_percent must be a number from 0 to 100");
    }
    return value;
  }
  return csv.Error("the file has no carry_forward_max_percent row");
}

}  // namespace probation::planning
