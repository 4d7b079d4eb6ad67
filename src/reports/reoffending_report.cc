#include "reports/reoffending_report.h"

#include <cmath>
#include <cstdio>

namespace probation::report {
namespace {

std::string Fixed(double v, int decimals = 1) {
  if (std::isnan(v)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

Cell Percent(double fraction) {
  if (std::isnan(fraction)) return Cell("-");
  return Cell(Fixed(fraction * 100), fraction * 100);
}

Cell Signed(double v) {
  if (std::isnan(v)) return Cell("-");
  return Cell((v > 0 ? "+" : "") + Fixed(v), v);
}

// The figures columns shared by every table.
void AppendFigures(const analytics::Cohort& cohort, const analytics::CohortFigures& f,
                   std::vector<Cell>* row) {
  row->push_back(Cell(std::to_string(f.size), static_cast<double>(f.size)));
  row->push_back(Percent(f.predicted));
  row->push_back(Percent(f.actual));
  if (cohort.complete && f.size > 0) {
    row->push_back(Signed(f.difference));
    row->push_back(Cell(Fixed(f.low) + " to " + Fixed(f.high)));
  } else {
    row->push_back(Cell("-"));
    row->push_back(Cell("-"));
  }
  row->push_back(Cell(Fixed(f.frequency, 2), f.frequency));
  row->push_back(Cell(ReoffendingVerdict(cohort, f)));
}

const std::vector<std::string> kFigureColumns = {
    "cohort", "predicted %", "actual %", "difference %", "95% interval", "per offender", "status"};

}  // namespace

std::string ReoffendingVerdict(const analytics::Cohort& cohort,
                               const analytics::CohortFigures& f) {
  if (!cohort.complete) return "incomplete (not rated)";
  if (f.size == 0 || std::isnan(f.difference)) return "no cohort";
  if (f.high < 0) return "better than predicted";
  if (f.low > 0) return "worse than predicted";
  return "in line with prediction";
}

Table CohortSummaryTable(const std::vector<analytics::Cohort>& cohorts, const std::string& title) {
  Table t;
  t.caption = title;
  t.columns = {"snapshot", "follow-up", "proven by"};
  t.columns.insert(t.columns.end(), kFigureColumns.begin(), kFigureColumns.end());
  for (const analytics::Cohort& c : cohorts) {
    std::vector<Cell> row = {Cell(c.params.snapshot.ToString()),
                             Cell(c.window_start.ToString() + ".." + c.window_end.ToString()),
                             Cell(c.proven_by.ToString())};
    AppendFigures(c, c.total, &row);
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table BreakdownTable(const analytics::Cohort& cohort,
                     const std::vector<analytics::BreakdownRow>& rows, const std::string& by) {
  Table t;
  t.caption = "By " + by + " (snapshot " + cohort.params.snapshot.ToString() + ")";
  t.columns = {by};
  t.columns.insert(t.columns.end(), kFigureColumns.begin(), kFigureColumns.end());
  for (const analytics::BreakdownRow& r : rows) {
    std::vector<Cell> row = {Cell(r.label)};
    AppendFigures(cohort, r.figures, &row);
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table CalibrationTable(const analytics::Cohort& cohort,
                       const std::vector<analytics::DecileRow>& deciles) {
  Table t;
  t.caption = "Calibration by OGRS3 decile (snapshot " + cohort.params.snapshot.ToString() +
              (cohort.complete ? ")" : ", incomplete: proven so far)");
  t.columns = {"decile", "predicted range %"};
  t.columns.insert(t.columns.end(), kFigureColumns.begin(), kFigureColumns.end());
  for (const analytics::DecileRow& d : deciles) {
    std::vector<Cell> row = {Cell(std::to_string(d.decile), d.decile),
                             Cell(Fixed(d.min_predicted * 100) + "-" +
                                  Fixed(d.max_predicted * 100))};
    AppendFigures(cohort, d.figures, &row);
    t.rows.push_back(std::move(row));
  }
  return t;
}

TrendChart CalibrationChart(const analytics::Cohort& cohort,
                            const std::vector<analytics::DecileRow>& deciles) {
  TrendChart chart;
  chart.code = "OGRS3";
  chart.title = "Proven reoffending by OGRS3 decile, actual (line) against predicted (target), "
                "snapshot " + cohort.params.snapshot.ToString() +
                (cohort.complete ? "" : " (incomplete)");
  chart.unit_suffix = "%";
  chart.higher_is_better = false;
  for (const analytics::DecileRow& d : deciles) {
    chart.labels.push_back("D" + std::to_string(d.decile));
    chart.values.push_back(d.figures.actual * 100);
    chart.targets.push_back(d.figures.predicted * 100);
  }
  return chart;
}

}  // namespace probation::report
