// Resource annexes: a business plan's budget (lines by year, plan and outturn, grouped pay /
// non-pay / income ..., income negative) and staffing (FTE by unit, and grade when given) tables,
// with the totals the document prints (checked when a file is read). Budget queries: variance
// and the carry-forward rule. Plain values and pure functions; thread-compatible. File format
// in resources_file.h and docs/resources.md; storage in resources_store.h.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace probation::planning {

// Amounts by financial year (the year's starting calendar year: 2011 for 2011-12).
using YearAmounts = std::map<int, double>;

// A column of the annex: its financial year and its heading as printed ("Revised Budget 2004-05
// £m").
struct AnnexYear {
  int year = 0;
  std::string label;
  bool operator==(const AnnexYear&) const = default;
};

struct BudgetLine {
  std::string heading;  // the table's heading the line sits under ("Non Pay Costs")
  std::string line;     // as printed ("Supplies and Services")
  std::string group;    // pay, non-pay, income, non-cash, allocation ... (lower case)
  YearAmounts plan;     // a year with no amount printed is absent (blank, not zero)
  YearAmounts outturn;
  bool operator==(const BudgetLine&) const = default;
};

// A total the document prints: the sum of the lines under `headings` (all lines when empty),
// or, in a staffing annex, of every unit. Checked against the lines when the file is read.
// A funding line ("TOTAL CONTRACT INCOME") is the money the budget is set against; it is the
// base of the carry-forward rule.
struct AnnexTotal {
  std::string label;
  std::vector<std::string> headings;
  YearAmounts amounts;
  bool operator==(const AnnexTotal&) const = default;
};

struct StaffingLine {
  std::string unit;       // as printed ("Halton Local Delivery Unit")
  std::string unit_code;  // org unit code in the case records, when known
  std::string grade;      // grade or role; empty when the annex gives none
  YearAmounts fte;
  bool operator==(const StaffingLine&) const = default;
};

enum class AnnexKind { kBudget, kStaffing };

struct ResourceAnnex {
  std::string id;  // lower-case letters, digits and '-'
  AnnexKind kind = AnnexKind::kBudget;
  std::string organisation;
  std::string title;
  std::string source;
  std::string unit;     // of the amounts: "GBP thousand", "GBP million", "FTE"
  std::string heading;  // the first column's heading, when printed ("General Budget")
  std::vector<AnnexYear> years;
  std::vector<BudgetLine> lines;
  std::vector<AnnexTotal> totals;
  std::vector<AnnexTotal> funding;
  std::vector<StaffingLine> staffing;
  // Overrides the carry-forward rule's limit (reference/budget_rules.csv) for this budget.
  std::optional<double> carry_forward_max_percent;
  bool operator==(const ResourceAnnex&) const = default;
};

// outturn - plan, and as a percentage of the plan (none when the plan is 0).
struct Variance {
  double amount = 0;
  std::optional<double> percent;
};
Variance VarianceOf(double plan, double outturn);

struct GroupSummary {
  std::string group;
  double plan = 0;
  std::optional<double> outturn;  // when every line of the group with a plan has an outturn
  std::optional<Variance> variance;
};

struct BudgetSummary {
  std::string annex_id;
  std::string organisation;
  std::string unit;
  int year = 0;
  std::vector<GroupSummary> groups;  // in order of first appearance
  double net_plan = 0;               // every line, income negative
  std::optional<double> net_outturn;
  std::optional<Variance> variance;
  std::optional<double> funding;  // the funding lines' sum, when the annex has any
  // The carry-forward rule: an underspend (net plan - net outturn, or funding - net outturn
  // when funding is given) carried into the next year may be at most max_percent of the budget
  // (the funding, else the net plan).
  double carry_forward_max_percent = 0;
  double carry_forward_limit = 0;
  std::optional<double> underspend;  // when the outturn is known
  bool carry_forward_exceeded = false;
};

// The summary of budget annex `annex` for financial year `year`; `default_max_percent` is the
// rule's limit when the annex does not override it. REQUIRES: annex.kind == kBudget.
BudgetSummary SummariseBudget(const ResourceAnnex& annex, int year, double default_max_percent);

// Sums of FTE by unit (and grade) for `year` over staffing annexes, with the total.
struct StaffingRow {
  std::string organisation;
  std::string unit;
  std::string grade;
  double fte = 0;
};
std::vector<StaffingRow> StaffingFor(const std::vector<ResourceAnnex>& annexes, int year);

// The carry-forward limit (percent of budget) from reference/budget_rules.csv: header
// "rule,value,source", the row "carry_forward_max_percent".
Result<double> LoadCarryForwardMaxPercent();

// Whether `id` is a valid annex id (lower-case letters, digits, '-').
bool IsAnnexId(std::string_view id);

}  // namespace probation::planning
