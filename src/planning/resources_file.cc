#include "planning/resources_file.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "base/financial_year.h"
#include "base/mapped_file.h"
#include "base/toml_reader.h"

namespace probation::planning {
namespace {

constexpr std::string_view kAnnexKeys =
    "id kind organisation title source unit heading years carry_forward_max_percent lines totals "
    "funding staffing";
constexpr std::string_view kYearKeys = "year label";
constexpr std::string_view kLineKeys = "heading line group plan outturn";
constexpr std::string_view kTotalKeys = "label headings amounts";
constexpr std::string_view kStaffingKeys = "unit unit_code grade fte";

class AnnexReader {
 public:
  AnnexReader(const std::string& path, std::string_view text) : toml_(path, std::string(text)) {}

  Result<ResourceAnnex> Read() {
    const toml::table* root = toml_.Root();
    if (root == nullptr) return toml_.Finish();
    ResourceAnnex a;
    const SourcePos top{1, 1};
    toml_.CheckKeys(*root, kAnnexKeys, "the annex");
    if (toml_.GetText(*root, "id", top, true, &a.id) && !IsAnnexId(a.id)) {
      toml_.Error(TomlReader::Pos(*root->get("id")),
                  "'id' may only have lower-case letters, digits and '-', not '" + a.id + "'");
    }
    std::string kind;
    if (toml_.GetText(*root, "kind", top, true, &kind)) {
      if (kind == "staffing") {
        a.kind = AnnexKind::kStaffing;
      } else if (kind != "budget") {
        toml_.Error(TomlReader::Pos(*root->get("kind")),
                    "'kind' must be budget or staffing, not '" + kind + "'");
      }
    }
    toml_.GetText(*root, "organisation", top, true, &a.organisation);
    toml_.GetText(*root, "title", top, true, &a.title);
    toml_.GetText(*root, "source", top, false, &a.source);
    toml_.GetText(*root, "unit", top, true, &a.unit);
    toml_.GetText(*root, "heading", top, false, &a.heading);
    double percent = 0;
    if (toml_.GetNumber(*root, "carry_forward_max_percent", top, false, &percent)) {
      if (percent < 0 || percent > 100) {
        toml_.Error(TomlReader::Pos(*root->get("carry_forward_max_percent")),
                    "'carry_forward_max_percent' must be from 0 to 100");
      }
      a.carry_forward_max_percent = percent;
    }
    for (const toml::table* t : toml_.GetTables(*root, "years")) {
      toml_.CheckKeys(*t, kYearKeys, "a year");
      AnnexYear y;
      std::string text;
      if (toml_.GetText(*t, "year", TomlReader::Pos(*t), true, &text)) {
        y.year = FinancialYearStart(text);
        if (y.year < 0) {
          toml_.Error(TomlReader::Pos(*t->get("year")),
                      "'year' must be a financial year such as \"2011-12\", not \"" + text + "\"");
        } else if (!years_.insert(y.year).second) {
          toml_.Error(TomlReader::Pos(*t->get("year")), "year " + text + " is listed twice");
        }
      }
      toml_.GetText(*t, "label", TomlReader::Pos(*t), false, &y.label);
      a.years.push_back(std::move(y));
    }
    if (a.years.empty()) toml_.Error(top, "the annex needs 'years', the columns of its table");
    std::set<std::string> headings;
    for (const toml::table* t : toml_.GetTables(*root, "lines")) {
      const SourcePos at = TomlReader::Pos(*t);
      toml_.CheckKeys(*t, kLineKeys, "a budget line");
      BudgetLine line;
      toml_.GetText(*t, "heading", at, false, &line.heading);
      toml_.GetText(*t, "line", at, true, &line.line);
      if (toml_.GetText(*t, "group", at, true, &line.group) && !IsAnnexId(line.group)) {
        toml_.Error(TomlReader::Pos(*t->get("group")),
                    "'group' must be lower-case letters, digits and '-' (pay, non-pay, income, "
                    "...), not '" +
                        line.group + "'");
      }
      line.plan = Amounts(*t, "plan");
      line.outturn = Amounts(*t, "outturn");
      if (line.group == "income") {
        for (const auto* amounts : {&line.plan, &line.outturn}) {
          for (const auto& [year, value] : *amounts) {
            if (value > 0) {
              toml_.Error(at, "income line '" + line.line + "' has " + FinancialYearLabel(year) +
                                  " amount " + TomlWriter::FormatNumber(value) +
                                  "; income is negative");
            }
          }
        }
      }
      headings.insert(line.heading);
      a.lines.push_back(std::move(line));
    }
    for (const toml::table* t : toml_.GetTables(*root, "staffing")) {
      const SourcePos at = TomlReader::Pos(*t);
      toml_.CheckKeys(*t, kStaffingKeys, "a staffing line");
      StaffingLine line;
      toml_.GetText(*t, "unit", at, true, &line.unit);
      toml_.GetText(*t, "unit_code", at, false, &line.unit_code);
      toml_.GetText(*t, "grade", at, false, &line.grade);
      line.fte = Amounts(*t, "fte");
      for (const auto& [year, value] : line.fte) {
        if (value < 0) toml_.Error(at, "'fte' must not be negative");
      }
      a.staffing.push_back(std::move(line));
    }
    if (a.kind == AnnexKind::kBudget && !a.staffing.empty()) {
      toml_.Error(TomlReader::Pos(*root->get("staffing")), "a budget annex has no [[staffing]]");
    }
    if (a.kind == AnnexKind::kStaffing && !a.lines.empty()) {
      toml_.Error(TomlReader::Pos(*root->get("lines")), "a staffing annex has no [[lines]]");
    }
    if (a.lines.empty() && a.staffing.empty()) {
      toml_.Error(top, a.kind == AnnexKind::kBudget ? "the annex has no [[lines]]"
                                                    : "the annex has no [[staffing]]");
    }
    a.totals = Totals(*root, "totals", a, headings);
    a.funding = Totals(*root, "funding", a, headings);
    if (toml_.failed()) return toml_.Finish();
    return a;
  }

 private:
  // An inline table of amounts by year: { "2010-11" = 120, "2011-12" = 95 }.
  YearAmounts Amounts(const toml::table& t, std::string_view key) {
    YearAmounts amounts;
    const toml::table* table = toml_.GetTable(t, key);
    if (table == nullptr) return amounts;
    for (auto&& [k, node] : *table) {
      const SourcePos at{static_cast<int>(k.source().begin.line),
                         static_cast<int>(k.source().begin.column)};
      const int year = FinancialYearStart(k.str());
      if (year < 0 || years_.count(year) == 0) {
        toml_.Error(at, "'" + std::string(key) + "' has '" + std::string(k.str()) +
                            "', which is not one of the annex's years");
        continue;
      }
      double value = 0;
      if (toml_.GetNumber(*table, k.str(), at, true, &value)) amounts[year] = value;
    }
    return amounts;
  }

  std::vector<AnnexTotal> Totals(const toml::table& root, std::string_view key,
                                 const ResourceAnnex& a, const std::set<std::string>& headings) {
    std::vector<AnnexTotal> totals;
    for (const toml::table* t : toml_.GetTables(root, key)) {
      const SourcePos at = TomlReader::Pos(*t);
      toml_.CheckKeys(*t, kTotalKeys, key == "totals" ? "a total" : "a funding line");
      AnnexTotal total;
      toml_.GetText(*t, "label", at, true, &total.label);
      toml_.GetTextList(*t, "headings", &total.headings);
      for (const std::string& h : total.headings) {
        if (headings.count(h) == 0) {
          toml_.Error(at, "'" + total.label + "' sums heading '" + h + "', which no line has");
        }
      }
      total.amounts = Amounts(*t, "amounts");
      if (key == "totals") CheckTotal(total, a, at);
      totals.push_back(std::move(total));
    }
    return totals;
  }

  // A printed total must equal the sum of its lines, to within the rounding of the printed
  // figures (half a unit of the last printed decimal for each line summed).
  void CheckTotal(const AnnexTotal& total, const ResourceAnnex& a, SourcePos at) {
    for (const auto& [year, printed] : total.amounts) {
      double sum = 0;
      int terms = 0;
      for (const BudgetLine& line : a.lines) {
        if (!total.headings.empty() && std::find(total.headings.begin(), total.headings.end(),
                                                 line.heading) == total.headings.end()) {
          continue;
        }
        const auto it = line.plan.find(year);
        if (it != line.plan.end()) sum += it->second, ++terms;
      }
      for (const StaffingLine& line : a.staffing) {
        const auto it = line.fte.find(year);
        if (it != line.fte.end()) sum += it->second, ++terms;
      }
      if (std::fabs(sum - printed) > 1e-6 + 0.05 * terms * Resolution(printed)) {
        toml_.Error(at, "'" + total.label + "' for " + FinancialYearLabel(year) +
                            " is printed as " + TomlWriter::FormatNumber(printed) +
                            ", but its lines sum to " +
                            TomlWriter::FormatNumber(std::round(sum * 1000) / 1000));
      }
    }
  }

  // 1 for whole numbers, 0.1 when the figures carry one decimal (the annexes' precision).
  static double Resolution(double value) { return value == std::floor(value) ? 1 : 0.1; }

  TomlReader toml_;
  std::set<int> years_;
};

std::string AmountsInline(const YearAmounts& amounts) {
  std::string out = "{";
  bool first = true;
  for (const auto& [year, value] : amounts) {
    out += (first ? " " : ", ") + TomlWriter::Quote(FinancialYearLabel(year)) + " = " +
           TomlWriter::FormatNumber(value);
    first = false;
  }
  return out + (amounts.empty() ? "}" : " }");
}

}  // namespace

Result<ResourceAnnex> ParseResourceAnnex(std::string_view text, const std::string& path) {
  return AnnexReader(path, text).Read();
}

Result<ResourceAnnex> ReadResourceAnnexFile(const std::string& path) {
  PROBATION_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return ParseResourceAnnex(text, path);
}

std::string WriteResourceAnnex(const ResourceAnnex& a) {
  TomlWriter w;
  w.Text("id", a.id);
  w.Text("kind", a.kind == AnnexKind::kBudget ? "budget" : "staffing");
  w.Text("organisation", a.organisation);
  w.Text("title", a.title);
  w.TextIfAny("source", a.source);
  w.Text("unit", a.unit);
  w.TextIfAny("heading", a.heading);
  if (a.carry_forward_max_percent) {
    w.Number("carry_forward_max_percent", *a.carry_forward_max_percent);
  }
  w.Raw("years = [\n");
  for (const AnnexYear& y : a.years) {
    w.Raw("  { year = " + TomlWriter::Quote(FinancialYearLabel(y.year)) +
          (y.label.empty() ? "" : ", label = " + TomlWriter::Quote(y.label)) + " },\n");
  }
  w.Raw("]\n");
  for (const BudgetLine& line : a.lines) {
    w.ArrayTable("lines");
    w.TextIfAny("heading", line.heading);
    w.Text("line", line.line);
    w.Text("group", line.group);
    if (!line.plan.empty()) w.Raw("plan = " + AmountsInline(line.plan) + "\n");
    if (!line.outturn.empty()) w.Raw("outturn = " + AmountsInline(line.outturn) + "\n");
  }
  for (const StaffingLine& line : a.staffing) {
    w.ArrayTable("staffing");
    w.Text("unit", line.unit);
    w.TextIfAny("unit_code", line.unit_code);
    w.TextIfAny("grade", line.grade);
    w.Raw("fte = " + AmountsInline(line.fte) + "\n");
  }
  for (const auto& [key, list] :
       {std::pair{"totals", &a.totals}, std::pair{"funding", &a.funding}}) {
    for (const AnnexTotal& t : *list) {
      w.ArrayTable(key);
      w.Text("label", t.label);
      if (!t.headings.empty()) w.TextList("headings", t.headings);
      w.Raw("amounts = " + AmountsInline(t.amounts) + "\n");
    }
  }
  return w.text();
}

}  // namespace probation::planning
