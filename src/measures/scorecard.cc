#include "measures/scorecard.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <numeric>

namespace probation::measures {
namespace {

constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

double Shortfall(const Measure& m, double value, double target) {
  if (std::isnan(value)) return 0;
  double gap = m.direction == Direction::kHigherIsBetter ? target - value : value - target;
  if (m.kind == MeasureKind::kCount) gap = target > 0 ? gap / target * 100 : 0;
  return std::max(0.0, gap);
}

}  // namespace

std::string_view RagName(Rag rag) {
  switch (rag) {
    case Rag::kNone:
      return "";
    case Rag::kGreen:
      return "green";
    case Rag::kAmber:
      return "amber";
    case Rag::kRed:
      return "red";
  }
  return "";
}

double MeasureValue(const Measure& measure, const Tally& t) {
  switch (measure.kind) {
    case MeasureKind::kPercent: {
      const int64_t decided = t.succeeded + t.failed;
      return decided == 0 ? kNoValue : 100.0 * t.succeeded / decided;
    }
    case MeasureKind::kCount:
      return static_cast<double>(t.succeeded);
    case MeasureKind::kAverage:
      return t.value_count == 0 ? kNoValue : t.value_sum / t.value_count;
    case MeasureKind::kRate:
      return t.items() == 0 ? kNoValue : measure.rate_per * t.succeeded / t.items();
  }
  return kNoValue;
}

std::optional<double> TargetForPeriod(const Measure& measure, const Period& period) {
  if (measure.kind != MeasureKind::kCount) return measure.TargetFor(FinancialYearOf(period.start));
  // Counts: each financial year the period touches contributes its target times the share
  // of that year's profile the period covers.
  std::optional<double> total;
  for (int fy = FinancialYearOf(period.start); fy <= FinancialYearOf(period.end); ++fy) {
    const std::optional<double> annual = measure.TargetFor(fy);
    if (!annual) continue;
    double shares[12];
    MonthShares(period, fy, shares);
    double profile_sum = 0;
    for (double p : measure.monthly_profile) profile_sum += p;
    double fraction = 0;
    for (int i = 0; i < 12; ++i) {
      const double weight = measure.monthly_profile.size() == 12 && profile_sum > 0
                                ? measure.monthly_profile[i] / profile_sum
                                : 1.0 / 12;
      fraction += shares[i] * weight;
    }
    total = total.value_or(0) + *annual * fraction;
  }
  return total;
}

Rag RagFor(const Measure& measure, double value, std::optional<double> target,
           double default_tolerance) {
  if (!target || std::isnan(value)) return Rag::kNone;
  const double tolerance =
      measure.amber_tolerance > 0 ? measure.amber_tolerance : default_tolerance;
  const double shortfall = Shortfall(measure, value, *target);
  if (shortfall <= 0) return Rag::kGreen;
  return shortfall <= tolerance ? Rag::kAmber : Rag::kRed;
}

Result<Scorecard> ComputeScorecard(const Engine& engine, const Framework& framework,
                                   const Period& period, UnitLevel level, UnitRef scope) {
  Scorecard card;
  card.framework = &framework;
  card.period = period;
  card.previous = PreviousPeriod(period);
  card.year_earlier = YearEarlier(period);
  card.level = level;
  card.as_at = engine.as_at();
  const std::vector<UnitRef> units = engine.organisation().UnitsAt(level, scope);
  for (const UnitRef& u : units) {
    ScorecardRow row;
    row.unit = u;
    row.code = engine.organisation().Code(u);
    row.name = engine.organisation().Name(u);
    row.cells.resize(framework.measures.size());
    card.rows.push_back(std::move(row));
  }
  const Period periods[] = {card.period, card.previous, card.year_earlier};
  // Every computable measure at once (the engine shares them out between its threads); each
  // measure's cells are filled as its tallies arrive, on the thread that computed them (the
  // two threads fill different measures' cells), and its tallies then freed.
  std::vector<size_t> computable_index;  // into framework.measures
  std::vector<const Measure*> computable;
  for (size_t m = 0; m < framework.measures.size(); ++m) {
    const Measure& measure = framework.measures[m];
    if (measure.placeholder) {
      for (ScorecardRow& row : card.rows) row.cells[m].value = kNoValue;
      continue;
    }
    computable_index.push_back(m);
    computable.push_back(&measure);
  }
  std::mutex error_mutex;
  Status error;  // the first error, guarded by error_mutex
  engine.TalliesOfMeasures(
      computable, periods, units, [&](size_t i, Result<std::vector<std::vector<Tally>>> tallies) {
        const size_t m = computable_index[i];
        const Measure& measure = framework.measures[m];
        if (!tallies.ok()) {
          std::lock_guard<std::mutex> lock(error_mutex);
          if (error.ok()) {
            error =
                Status(tallies.status().code(), measure.code + ": " + tallies.status().message());
          }
          return;
        }
        // A national target (e.g. 50,000 unpaid work completions) says nothing about one
        // trust.
        const std::optional<double> target =
            measure.national_target && level != UnitLevel::kNational
                ? std::nullopt
                : TargetForPeriod(measure, period);
        for (size_t u = 0; u < units.size(); ++u) {
          MeasureCell& cell = card.rows[u].cells[m];
          cell.tally = (*tallies)[0][u];
          cell.value = MeasureValue(measure, cell.tally);
          cell.previous = MeasureValue(measure, (*tallies)[1][u]);
          cell.year_earlier = MeasureValue(measure, (*tallies)[2][u]);
          cell.target = target;
          cell.rag = RagFor(measure, cell.value, target, framework.default_amber_tolerance);
          cell.shortfall = target ? Shortfall(measure, cell.value, *target) : 0;
        }
      });
  PROBATION_RETURN_IF_ERROR(error);
  // Weighted scores added up in the framework's order of measures.
  for (ScorecardRow& row : card.rows) {
    for (const size_t m : computable_index) {
      row.weighted_score += framework.measures[m].weight * row.cells[m].shortfall;
    }
  }
  // Bands, then rank and quartile among the peers.
  const std::vector<double>& bands = framework.bands.max_score;
  for (ScorecardRow& row : card.rows) {
    if (bands.empty()) continue;
    row.band = 1;
    for (size_t b = 0; b < bands.size(); ++b) {
      if (row.weighted_score <= bands[b]) {
        row.band = 4 - static_cast<int>(b);
        break;
      }
    }
  }
  std::vector<size_t> order(card.rows.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return card.rows[a].weighted_score < card.rows[b].weighted_score;
  });
  const int n = static_cast<int>(order.size());
  for (int i = 0; i < n; ++i) {
    ScorecardRow& row = card.rows[order[i]];
    // Equal scores share the better rank.
    row.rank = (i > 0 && card.rows[order[i - 1]].weighted_score == row.weighted_score)
                   ? card.rows[order[i - 1]].rank
                   : i + 1;
    row.quartile = std::min(4, (4 * (row.rank - 1)) / std::max(1, n) + 1);
  }
  return card;
}

}  // namespace probation::measures
