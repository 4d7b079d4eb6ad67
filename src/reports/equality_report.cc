#include "reports/equality_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace probation::report {
namespace {

std::string Fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

Cell Count(size_t n) { return Cell(std::to_string(n), static_cast<double>(n)); }

std::string PercentOf(size_t part, size_t whole) {
  return whole == 0 ? "-" : Fixed(100.0 * static_cast<double>(part) / whole, 1);
}

}  // namespace

Section EqualityCompletenessSection(const analytics::EqualityReport& report) {
  const analytics::Completeness& c = report.completeness;
  Section s;
  s.id = "equality-data";
  s.title = "Completeness of diversity data (PT14)";
  Table t;
  t.caption = "People with a sentence current in " + report.params.period.label + ": " +
              std::to_string(c.people);
  t.columns = {"item", "recorded", "recorded %", "not stated", "not recorded"};
  t.rows.push_back({Cell("ethnicity (Census 2001)"), Count(c.ethnicity_recorded),
                    Cell(PercentOf(c.ethnicity_recorded, c.people)),
                    Count(c.ethnicity_not_stated), Count(c.ethnicity_missing)});
  t.rows.push_back({Cell("disability"), Count(c.disability_recorded),
                    Cell(PercentOf(c.disability_recorded, c.people)),
                    Count(c.disability_not_stated), Count(c.disability_missing)});
  t.rows.push_back({Cell("gender"), Count(c.gender_recorded),
                    Cell(PercentOf(c.gender_recorded, c.people)), Cell("-"),
                    Count(c.gender_not_known)});
  s.blocks.push_back(std::move(t));
  return s;
}

Section EqualityOutcomeSection(const analytics::EqualityReport& report, analytics::Outcome outcome,
                               const std::vector<analytics::Grouping>& groupings) {
  Section s;
  const std::string name(analytics::OutcomeName(outcome));
  s.id = "equality-" + std::to_string(static_cast<int>(outcome));
  s.title = "Equality: " + name;
  for (const analytics::OutcomeGroups& g : report.tables) {
    if (g.outcome != outcome) continue;
    if (!groupings.empty() &&
        std::find(groupings.begin(), groupings.end(), g.grouping) == groupings.end()) {
      continue;
    }
    Table t;
    t.caption = name + " by " + std::string(analytics::GroupingName(g.grouping)) + ", " +
                report.params.period.label + ": " + std::to_string(g.numerator) + " of " +
                std::to_string(g.denominator) + " (reference group " + g.reference +
                "; counts below " + std::to_string(report.params.threshold) + " suppressed: *)";
    t.columns = {"group", "name", "count", "of", "rate %", "ratio", "95% interval", "note"};
    for (const analytics::GroupRate& r : g.groups) {
      std::vector<Cell> row = {Cell(r.code), Cell(r.label)};
      if (r.suppressed) {
        row.insert(row.end(), {Cell("*"), Cell("*"), Cell("*"), Cell("*"), Cell("*")});
      } else {
        row.push_back(Count(r.numerator));
        row.push_back(Count(r.denominator));
        row.push_back(Cell(Fixed(r.rate * 100, 1), r.rate * 100));
        if (std::isnan(r.ratio)) {
          row.push_back(Cell("-"));
          row.push_back(Cell("-"));
        } else {
          row.push_back(Cell(Fixed(r.ratio, 2), r.ratio));
          row.push_back(Cell(std::isnan(r.low) ? "-" : Fixed(r.low, 2) + " to " + Fixed(r.high, 2)));
        }
      }
      std::string note = r.reference ? "reference" : "";
      if (r.suppressed) note += std::string(note.empty() ? "" : "; ") + "suppressed";
      if (!r.reference && !r.suppressed && !std::isnan(r.low)) {
        if (r.low > 1) note = "higher than reference";
        if (r.high < 1) note = "lower than reference";
      }
      row.push_back(Cell(note));
      t.rows.push_back(std::move(row));
    }
    s.blocks.push_back(std::move(t));
  }
  return s;
}

Document EqualityDocument(const analytics::EqualityReport& report, const std::string& unit_name) {
  Document d;
  d.title = "Equality of outcomes";
  d.subtitle_lines = {unit_name, "Period " + report.params.period.label + " (" +
                                     report.params.period.start.ToString() + " to " +
                                     report.params.period.end.ToString() + ")",
                      "Ratios to the reference group with 95% intervals (Katz log method); "
                      "counts below " + std::to_string(report.params.threshold) +
                          " suppressed"};
  d.sections.push_back(EqualityCompletenessSection(report));
  for (int o = 0; o < analytics::kOutcomes; ++o) {
    d.sections.push_back(EqualityOutcomeSection(report, static_cast<analytics::Outcome>(o), {}));
  }
  return d;
}

}  // namespace probation::report
