// The board pack's performance sections: scorecard, trends, exceptions (board_pack.h).
#include <algorithm>
#include <cmath>
#include <map>

#include "measures/data_quality.h"
#include "measures/scorecard.h"
#include "reports/board_pack.h"
#include "reports/measure_text.h"
#include "reports/measure_trend.h"
#include "reports/scorecard_report.h"

namespace probation {
namespace {

using measures::Measure;
using measures::Rag;
using measures::UnitLevel;
using measures::UnitRef;
using report::Cell;
using report::Table;
using report::Tone;

constexpr size_t kUnitsPerTable = 7;

Tone ToneOf(Rag rag) { return ToneOfRag(rag); }

std::optional<double> Value(double v) {
  return std::isnan(v) ? std::nullopt : std::optional<double>(v);
}

Cell ValueCell(const Measure& m, double v, Rag rag = Rag::kNone) {
  return Cell(MeasureValueText(m, v), Value(v), ToneOf(rag));
}

// An earlier period's value with the trend from it: "82.6% (better)" (no trend word unless
// both cells are rated).
Cell EarlierCell(const Measure& m, const measures::MeasureCell& c, bool year_earlier) {
  const double before = year_earlier ? c.year_earlier : c.previous;
  const std::string trend = CellTrendWord(m, c, year_earlier);
  return Cell(MeasureValueText(m, before) + (trend.empty() ? "" : " (" + trend + ")"),
              Value(before));
}

// Data quality beside the number: blank rows of the fields the filter reads, amber when flagged.
Cell QualityCell(const Measure& m, const measures::MeasureCell& c) {
  std::string text = CellQualityText(c);
  if (text.empty()) return Cell(c.quality_rows >= 0 ? "complete" : "");
  std::string fields;
  for (const std::string& f : measures::FilterFields(m)) fields += (fields.empty() ? "" : ", ") + f;
  return Cell(text + (fields.empty() ? "" : " in " + fields), std::nullopt,
              c.quality_flag ? Tone::kAmber : Tone::kNone);
}

// The RAG cell: the colour's word, or why the cell is not rated.
Cell RagCell(const measures::MeasureCell& c) {
  if (!c.not_rated.empty()) return Cell("not rated: " + c.not_rated);
  return Cell(std::string(measures::RagName(c.rag)), std::nullopt, ToneOf(c.rag));
}

Cell CountCell(int64_t n) { return Cell(std::to_string(n), static_cast<double>(n)); }

std::string PeriodText(const measures::Period& p) {
  return p.label + " (" + p.start.ToString() + " to " + p.end.ToString() + ")";
}

bool IsInScope(const measures::Organisation& org, const measures::Item& item, UnitRef scope) {
  if (scope.level == UnitLevel::kNational) return true;
  return item.team >= 0 && org.AncestorAt(item.team, scope.level) == scope.row;
}

Status AppendScorecard(const BoardPackRequest& r, report::Document* doc) {
  const measures::Framework& fw = *r.framework;
  Result<measures::Scorecard> card =
      measures::ComputeScorecard(*r.engine, fw, r.period, r.scope.level, r.scope);
  if (!card.ok()) return card.status();
  if (card->rows.empty()) return NotFound("no scorecard row for the chosen unit");
  PROBATION_RETURN_IF_ERROR(measures::AddDataQuality(*r.engine, &*card));
  const measures::ScorecardRow& own = card->rows.front();

  report::Section section{"scorecard", "Performance scorecard", {}};
  section.blocks.push_back(report::Paragraph{
      fw.title + ". Period " + PeriodText(card->period) + "; data as at " + card->as_at.ToString() +
      ". Green: target met; amber: short of it by no more than the " +
      "tolerance; red: further short. Trend compares with " + card->previous.label + " and with " +
      card->year_earlier.label + ". Pending items (not yet due) count as " +
      "neither success nor failure. A cell is not rated (no RAG, trend word or part in the " +
      "score) when it has no items, lies after the data, has more than " +
      FormatNumber("%.0f", fw.max_pending_share * 100) + "% of its items pending, or fewer " +
      "decided items than " + std::to_string(fw.min_decided) + "; it says which."});
  if (own.band > 0) {
    section.blocks.push_back(report::Paragraph{
        "Weighted score " + FormatNumber("%.1f", own.weighted_score) + " (zero means every " +
        "weighted target met): band " + std::to_string(own.band) + " of 4."});
  }
  Table table;
  table.caption = own.name + " (" + own.code + ")";
  std::string sources;  // targets other than the framework's own
  for (size_t m = 0; m < fw.measures.size(); ++m) {
    const measures::MeasureCell& c = own.cells[m];
    if (c.target && c.target_source != "framework") {
      sources += (sources.empty() ? "" : "; ") + fw.measures[m].code + ": " + c.target_source;
    }
  }
  table.wide_column = 1;
  table.columns = {"Code",
                   "Measure",
                   "Value",
                   "Target",
                   "RAG",
                   "Succeeded / decided",
                   "Pending",
                   card->previous.label + " (trend)",
                   card->year_earlier.label + " (trend)",
                   "Data quality"};
  int placeholders = 0;
  for (size_t m = 0; m < fw.measures.size(); ++m) {
    const Measure& measure = fw.measures[m];
    if (measure.placeholder) {
      ++placeholders;
      continue;
    }
    const measures::MeasureCell& c = own.cells[m];
    table.rows.push_back({measure.code, measure.title, ValueCell(measure, c.value, c.rag),
                          Cell(MeasureTargetText(measure, c.target), c.target),
                          RagCell(c), MeasureCountsText(measure, c.tally),
                          CountCell(c.tally.pending), EarlierCell(measure, c, false),
                          EarlierCell(measure, c, true), QualityCell(measure, c)});
  }
  section.blocks.push_back(std::move(table));
  if (!sources.empty()) {
    section.blocks.push_back(report::Paragraph{"Targets not the framework's own: " + sources + "."});
  }
  if (placeholders > 0) {
    section.blocks.push_back(report::Paragraph{
        std::to_string(placeholders) + " further measure(s) cited by the source have no " +
        "definition yet and are not computed (see the framework's definitions)."});
  }

  // One level down: each unit's value, coloured by its RAG.
  if (r.scope.level < UnitLevel::kTeam) {
    const UnitLevel child = static_cast<UnitLevel>(static_cast<int>(r.scope.level) + 1);
    Result<measures::Scorecard> children =
        measures::ComputeScorecard(*r.engine, fw, r.period, child, r.scope);
    if (!children.ok()) return children.status();
    const auto& rows = children->rows;
    for (size_t first = 0; first < rows.size(); first += kUnitsPerTable) {
      const size_t last = std::min(rows.size(), first + kUnitsPerTable);
      Table by_unit;
      by_unit.caption = "By " + std::string(measures::UnitLevelName(child)) +
                        (rows.size() > kUnitsPerTable
                             ? " (" + std::to_string(first + 1) + "-" + std::to_string(last) +
                                   " of " + std::to_string(rows.size()) + ")"
                             : "");
      by_unit.columns = {"Code", "Measure"};
      by_unit.wide_column = 1;
      for (size_t u = first; u < last; ++u) by_unit.columns.push_back(rows[u].code);
      for (size_t m = 0; m < fw.measures.size(); ++m) {
        const Measure& measure = fw.measures[m];
        if (measure.placeholder) continue;
        std::vector<Cell> line = {measure.code, measure.title};
        for (size_t u = first; u < last; ++u) {
          const measures::MeasureCell& c = rows[u].cells[m];
          line.push_back(ValueCell(measure, c.value, c.rag));
        }
        by_unit.rows.push_back(std::move(line));
      }
      if (own.band > 0) {
        std::vector<Cell> line = {"", "Weighted score (band)"};
        for (size_t u = first; u < last; ++u) {
          line.push_back(Cell(FormatNumber("%.1f", rows[u].weighted_score) + " (" +
                                  std::to_string(rows[u].band) + ")",
                              rows[u].weighted_score));
        }
        by_unit.rows.push_back(std::move(line));
      }
      section.blocks.push_back(std::move(by_unit));
    }
    if (!rows.empty()) {
      std::string key = "Units: ";
      for (size_t u = 0; u < rows.size(); ++u) {
        key += (u == 0 ? "" : "; ") + rows[u].code + " " + rows[u].name;
      }
      section.blocks.push_back(report::Paragraph{key + "."});
    }
  }
  doc->sections.push_back(std::move(section));
  return Status::Ok();
}

Status AppendTrends(const BoardPackRequest& r, report::Document* doc) {
  const measures::Framework& fw = *r.framework;
  const std::vector<measures::Period> periods =
      TrendPeriods(r.period, std::max(1, r.trend_periods));
  report::Section section{"trends", "Trends against target", {}};
  section.blocks.push_back(report::Paragraph{
      "Each chart shows a measure's value in the last " + std::to_string(periods.size()) +
      " periods (solid line) against its target (dashed line); the larger dot, on " +
      r.period.label + ", is coloured by its RAG. The figures are beneath each chart."});
  int charts = 0;
  for (const Measure& measure : fw.measures) {
    if (measure.placeholder || measure.targets.empty()) continue;
    Result<report::TrendChart> chart = MeasureTrend(*r.engine, fw, measure, r.scope, periods);
    if (!chart.ok()) {
      return Status(chart.status().code(), measure.code + ": " + chart.status().message());
    }
    section.blocks.push_back(std::move(*chart));
    ++charts;
  }
  if (charts == 0) {
    section.blocks.push_back(report::Paragraph{"No measure of this framework has a target."});
  }
  doc->sections.push_back(std::move(section));
  return Status::Ok();
}

Status AppendExceptions(const BoardPackRequest& r, report::Document* doc) {
  const measures::Framework& fw = *r.framework;
  const measures::Organisation& org = r.engine->organisation();
  const Date as_at = r.engine->as_at();
  report::Section section{"exceptions", "Exceptions", {}};
  section.blocks.push_back(report::Paragraph{
      "The items behind each number in " + r.period.label + ": failed (the standard was " +
      "missed), pending (not yet decided) and, of those, due within " +
      std::to_string(r.due_within) + " working days of " + as_at.ToString() + ". Managers " +
      "see the cases with `probation exceptions`; the Board sees counts."});
  Table summary;
  summary.caption = "Items by measure";
  summary.columns = {"Code", "Measure", "Items", "Failed", "Pending", "Due soon"};
  summary.empty_text = "No measure has items in the period.";
  summary.wide_column = 1;
  std::map<std::pair<int32_t, size_t>, int64_t> failed_by_team;
  for (size_t m = 0; m < fw.measures.size(); ++m) {
    const Measure& measure = fw.measures[m];
    if (measure.placeholder) continue;
    Result<std::vector<measures::Item>> items = r.engine->Items(measure, r.period);
    if (!items.ok()) {
      return Status(items.status().code(), measure.code + ": " + items.status().message());
    }
    int64_t total = 0, failed = 0, pending = 0, due_soon = 0;
    for (const measures::Item& item : *items) {
      if (!IsInScope(org, item, r.scope)) continue;
      ++total;
      if (item.status == measures::ItemStatus::kFailed) {
        ++failed;
        if (item.team >= 0) ++failed_by_team[{item.team, m}];
      } else if (item.status == measures::ItemStatus::kPending) {
        ++pending;
        if (ItemStatusName(item, as_at, r.due_within, *r.calendar) == "due-soon") ++due_soon;
      }
    }
    if (total == 0) continue;
    summary.rows.push_back({measure.code, measure.title, CountCell(total),
                            Cell(std::to_string(failed), static_cast<double>(failed),
                                 failed > 0 ? Tone::kRed : Tone::kNone),
                            CountCell(pending),
                            Cell(std::to_string(due_soon), static_cast<double>(due_soon),
                                 due_soon > 0 ? Tone::kAmber : Tone::kNone)});
  }
  section.blocks.push_back(std::move(summary));

  std::vector<std::pair<std::pair<int32_t, size_t>, int64_t>> worst(failed_by_team.begin(),
                                                                    failed_by_team.end());
  std::stable_sort(worst.begin(), worst.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (worst.size() > static_cast<size_t>(r.top_teams)) worst.resize(r.top_teams);
  Table teams;
  teams.caption = "Teams with most failed items";
  teams.columns = {"Team", "Name", "Measure", "Failed"};
  teams.empty_text = "No failed items.";
  for (const auto& [key, count] : worst) {
    const UnitRef team{UnitLevel::kTeam, key.first};
    teams.rows.push_back(
        {org.Code(team), org.Name(team), fw.measures[key.second].code, CountCell(count)});
  }
  section.blocks.push_back(std::move(teams));
  doc->sections.push_back(std::move(section));
  return Status::Ok();
}

}  // namespace

Status AppendPerformanceSections(const BoardPackRequest& request, report::Document* document) {
  PROBATION_RETURN_IF_ERROR(AppendScorecard(request, document));
  PROBATION_RETURN_IF_ERROR(AppendTrends(request, document));
  return AppendExceptions(request, document);
}

Status AppendCaseloadSection(const BoardPackRequest& r, report::Document* doc) {
  report::Section section{"caseload", "Caseload annex", {}};
  if (r.caseload == nullptr) {
    section.blocks.push_back(report::Paragraph{
        "The caseload-annex framework was not found, so the annex is not shown."});
    doc->sections.push_back(std::move(section));
    return Status::Ok();
  }
  const int fy = measures::FinancialYearOf(r.period.end);
  Result<measures::Period> last_year = measures::ParsePeriod("FY" + std::to_string(fy - 1));
  if (!last_year.ok()) return last_year.status();
  const Date fy_start = Date::FromCivil(fy, 4, 1);
  const measures::Period ytd{"FY" + std::to_string(fy) + " to " + r.period.end.ToString(), fy_start,
                             r.period.end};
  const measures::Period ytd_before = measures::YearEarlier(ytd);
  const measures::Period periods[] = {
      *last_year,
      {"FY" + std::to_string(fy - 1) + " to " + ytd_before.end.ToString(), ytd_before.start,
       ytd_before.end},
      ytd};
  section.blocks.push_back(report::Paragraph{
      r.caseload->title + ", computed from the case records by the rules of the caseload-annex " +
      "framework: the last full financial year, then this year to the end of " + r.period.label +
      " beside the same months a year earlier."});
  Table table;
  table.caption = r.engine->organisation().Name(r.scope);
  table.columns = {"Code", "Line", periods[0].label, periods[1].label, periods[2].label};
  table.wide_column = 1;
  const UnitRef units[] = {r.scope};
  for (const Measure& measure : r.caseload->measures) {
    if (measure.placeholder) continue;
    Result<std::vector<std::vector<measures::Tally>>> tallies =
        r.engine->Tallies(measure, periods, units);
    if (!tallies.ok()) {
      return Status(tallies.status().code(), measure.code + ": " + tallies.status().message());
    }
    std::vector<Cell> line = {measure.code, measure.title};
    for (size_t p = 0; p < 3; ++p) {
      line.push_back(ValueCell(measure, measures::MeasureValue(measure, (*tallies)[p][0])));
    }
    table.rows.push_back(std::move(line));
  }
  section.blocks.push_back(std::move(table));
  doc->sections.push_back(std::move(section));
  return Status::Ok();
}

}  // namespace probation
