#include "measures/scorecard.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <mutex>
#include <numeric>
#include <utility>

namespace probation::measures {
namespace {

constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

double Shortfall(const Measure& m, double value, double target) {
  if (std::isnan(value)) return 0;
  double gap = m.direction == Direction::kLowerIsBetter ? value - target : target - value;
  if (m.kind == MeasureKind::kCount) gap = target > 0 ? gap / target * 100 : 0;
  return std::max(0.0, gap);
}

Rag RagWithTolerance(const Measure& measure, double value, std::optional<double> target,
                     double tolerance) {
  if (!target || std::isnan(value)) return Rag::kNone;
  const double shortfall = Shortfall(measure, value, *target);
  if (shortfall <= 0) return Rag::kGreen;
  return shortfall <= tolerance ? Rag::kAmber : Rag::kRed;
}

// A unit's own targets in the targets table (empty: none).
std::vector<Target> OwnTargets(const Measure& measure, const std::string& code) {
  std::vector<Target> out;
  for (const UnitTarget& t : measure.unit_targets) {
    if (t.unit == code) out.push_back(t.target);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Target& a, const Target& b) { return a.year < b.year; });
  return out;
}

std::optional<double> OwnTolerance(const Measure& measure, const std::string& code) {
  for (const UnitTarget& t : measure.unit_targets) {
    if (t.unit == code && t.tolerance) return t.tolerance;
  }
  return std::nullopt;
}

using UnitKey = std::pair<int, int32_t>;
UnitKey KeyOf(UnitRef u) { return {static_cast<int>(u.level), u.row}; }

// The units enclosing `u`, nearest first, ending with the nation.
std::vector<UnitRef> Ancestors(const Organisation& org, UnitRef u) {
  std::vector<UnitRef> out;
  if (u.level == UnitLevel::kNational) return out;
  int32_t row = u.level == UnitLevel::kOfficer ? org.TeamOfStaff(u.row) : org.Parent(u.row);
  for (; row >= 0; row = org.Parent(row)) out.push_back(UnitRef{org.LevelOf(row), row});
  out.push_back(UnitRef{});
  return out;
}

// The targets a unit holds itself: its own from the targets table, or the measure's file
// targets when they belong to it (a national target, at the nation of data that holds it).
// Sets `source`; empty list when it holds none.
std::vector<Target> HeldTargets(const Measure& measure, const Organisation& org, UnitRef u,
                                std::string* source) {
  std::vector<Target> own = OwnTargets(measure, org.Code(u));
  if (!own.empty()) {
    *source = "own (targets table)";
    return own;
  }
  if (measure.national_target && u.level == UnitLevel::kNational && org.HoldsNation()) {
    *source = "national";
    return measure.targets;
  }
  return {};
}

}  // namespace

std::string NoRecordsReason(const Snapshot& snapshot, const Measure& measure,
                            const Period& period) {
  if (measure.needs_type == nullptr) return "";
  const SnapshotTable& table = snapshot.table(*measure.needs_type);
  const std::vector<int32_t>& dates = table.columns[static_cast<size_t>(measure.needs_field)].i32;
  for (const int32_t d : dates) {
    if (d != kNullInt32 && d >= period.start.days() && d <= period.end.days()) return "";
  }
  return "no " + std::string(measure.needs_type->name) + " records";
}

std::string NotRatedReason(const Framework& framework, const Measure& measure, const Tally& t,
                           const Period& period, Date as_at) {
  if (period.start > as_at) return "after the data";
  if (t.items() == 0) return "no items";
  if (static_cast<double>(t.pending) > framework.max_pending_share * t.items()) {
    return "incomplete: " + std::to_string(t.pending) + " of " + std::to_string(t.items()) +
           " pending";
  }
  if (measure.kind != MeasureKind::kCount) {
    const int64_t decided =
        measure.kind == MeasureKind::kAverage ? t.value_count : t.succeeded + t.failed;
    if (decided < framework.min_decided) {
      return "fewer than " + std::to_string(framework.min_decided) + " decided";
    }
  }
  return "";
}

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
  return TargetForPeriodFrom(measure, measure.targets, period);
}

std::optional<double> TargetForPeriodFrom(const Measure& measure,
                                          const std::vector<Target>& targets,
                                          const Period& period) {
  if (measure.kind != MeasureKind::kCount || measure.level) {
    return TargetInForce(targets, FinancialYearOf(period.start));
  }
  // Counts: each financial year the period touches contributes its target times the share
  // of that year's profile the period covers.
  std::optional<double> total;
  for (int fy = FinancialYearOf(period.start); fy <= FinancialYearOf(period.end); ++fy) {
    const std::optional<double> annual = TargetInForce(targets, fy);
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
  return RagWithTolerance(measure, value, target,
                          measure.amber_tolerance > 0 ? measure.amber_tolerance
                                                      : default_tolerance);
}

CellTarget UnitTargetFor(const Framework& framework, const Measure& measure,
                         const Organisation& org, UnitRef u, const Period& period,
                         const std::function<double(UnitRef)>& size) {
  CellTarget t;
  t.tolerance =
      measure.amber_tolerance > 0 ? measure.amber_tolerance : framework.default_amber_tolerance;
  std::vector<Target> held = HeldTargets(measure, org, u, &t.source);
  if (!held.empty()) {
    t.value = TargetForPeriodFrom(measure, held, period);
    if (std::optional<double> own = OwnTolerance(measure, org.Code(u))) t.tolerance = *own;
    if (!t.value) t.source.clear();
    return t;
  }
  if (!measure.national_target) {
    // The measure's own targets apply to every unit (the targets table may give some units
    // their own, which win).
    t.value = TargetForPeriod(measure, period);
    if (t.value) t.source = "framework";
    if (t.value || measure.unit_targets.empty()) return t;
  }
  if (framework.unit_target_rule != UnitTargetRule::kProRata ||
      measure.kind != MeasureKind::kCount) {
    return t;
  }
  for (const UnitRef& a : Ancestors(org, u)) {
    std::string source;
    std::vector<Target> above = HeldTargets(measure, org, a, &source);
    if (above.empty()) continue;
    const std::optional<double> whole = TargetForPeriodFrom(measure, above, period);
    const double part = size(u), all = size(a);
    if (!whole || all <= 0) return t;
    t.value = *whole * part / all;
    char share[64];
    std::snprintf(share, sizeof share, " %.0f of %.0f", part, all);
    t.source = "pro rata: " + org.Code(a) + "'s target x " + framework.pro_rata_by + share;
    return t;
  }
  return t;
}

Result<CellTarget> UnitTargetFor(const Engine& engine, const Framework& framework,
                                 const Measure& measure, UnitRef unit, const Period& period) {
  const Organisation& org = engine.organisation();
  std::map<UnitKey, double> size;
  const Measure* by = framework.unit_target_rule == UnitTargetRule::kProRata
                          ? framework.FindMeasure(framework.pro_rata_by)
                          : nullptr;
  if (by != nullptr && measure.kind == MeasureKind::kCount) {
    std::vector<UnitRef> sized = Ancestors(org, unit);
    sized.insert(sized.begin(), unit);
    Result<std::vector<std::vector<Tally>>> tallies =
        engine.Tallies(*by, std::span<const Period>(&period, 1), sized);
    if (!tallies.ok()) return tallies.status();
    for (size_t i = 0; i < sized.size(); ++i) {
      size[KeyOf(sized[i])] = MeasureValue(*by, (*tallies)[0][i]);
    }
  }
  return UnitTargetFor(framework, measure, org, unit, period,
                       [&](UnitRef u) { return size[KeyOf(u)]; });
}

Result<Scorecard> ComputeScorecard(const Engine& engine, const Framework& framework,
                                   const Period& period, UnitLevel level, UnitRef scope) {
  const Organisation& org = engine.organisation();
  Scorecard card;
  card.framework = &framework;
  card.period = period;
  card.previous = PreviousPeriod(period);
  card.year_earlier = YearEarlier(period);
  card.level = level;
  card.as_at = engine.as_at();
  card.scope_code = org.Code(scope);
  card.scope_name = org.Name(scope);
  card.rank_by_share = std::none_of(framework.measures.begin(), framework.measures.end(),
                                    [](const Measure& m) { return m.weight > 0; });
  const std::vector<UnitRef> units = org.UnitsAt(level, scope);
  for (const UnitRef& u : units) {
    ScorecardRow row;
    row.unit = u;
    row.code = org.Code(u);
    row.name = org.Name(u);
    row.cells.resize(framework.measures.size());
    card.rows.push_back(std::move(row));
  }
  // The pro-rata rule's measure of size, at every unit and every unit enclosing one.
  std::map<UnitKey, double> size;
  const Measure* size_measure = framework.unit_target_rule == UnitTargetRule::kProRata
                                    ? framework.FindMeasure(framework.pro_rata_by)
                                    : nullptr;
  if (size_measure != nullptr) {
    std::vector<UnitRef> sized;
    for (const UnitRef& u : units) {
      if (size.emplace(KeyOf(u), 0).second) sized.push_back(u);
      for (const UnitRef& a : Ancestors(org, u)) {
        if (size.emplace(KeyOf(a), 0).second) sized.push_back(a);
      }
    }
    Result<std::vector<std::vector<Tally>>> tallies =
        engine.Tallies(*size_measure, std::span<const Period>(&period, 1), sized);
    if (!tallies.ok()) return tallies.status();
    for (size_t i = 0; i < sized.size(); ++i) {
      size[KeyOf(sized[i])] = MeasureValue(*size_measure, (*tallies)[0][i]);
    }
  }
  // Read from both of the engine's threads: find() only (every key is already there).
  const auto size_of = [&](UnitRef u) {
    const auto it = size.find(KeyOf(u));
    return it == size.end() ? 0.0 : it->second;
  };
  const auto target_of = [&](const Measure& measure, UnitRef u) {
    return UnitTargetFor(framework, measure, org, u, period, size_of);
  };
  const Period periods[] = {card.period, card.previous, card.year_earlier};
  // Every computable measure at once (the engine shares them out between its threads); each
  // measure's cells are filled as its tallies arrive, on the thread that computed them (the
  // two threads fill different measures' cells), and its tallies then freed.
  std::vector<size_t> computable_index;  // into framework.measures
  std::vector<const Measure*> computable;
  for (size_t m = 0; m < framework.measures.size(); ++m) {
    const Measure& measure = framework.measures[m];
    if (measure.placeholder) {
      for (ScorecardRow& row : card.rows) {
        row.cells[m].value = kNoValue;
        row.cells[m].previous = kNoValue;
        row.cells[m].year_earlier = kNoValue;
        row.cells[m].not_rated = "not defined";
      }
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
        const std::string no_records[3] = {NoRecordsReason(engine.snapshot(), measure, periods[0]),
                                           NoRecordsReason(engine.snapshot(), measure, periods[1]),
                                           NoRecordsReason(engine.snapshot(), measure, periods[2])};
        if (!tallies.ok()) {
          std::lock_guard<std::mutex> lock(error_mutex);
          if (error.ok()) {
            error =
                Status(tallies.status().code(), measure.code + ": " + tallies.status().message());
          }
          return;
        }
        for (size_t u = 0; u < units.size(); ++u) {
          MeasureCell& cell = card.rows[u].cells[m];
          cell.tally = (*tallies)[0][u];
          cell.value = MeasureValue(measure, cell.tally);
          cell.previous = MeasureValue(measure, (*tallies)[1][u]);
          cell.year_earlier = MeasureValue(measure, (*tallies)[2][u]);
          cell.not_rated = NotRatedReason(framework, measure, cell.tally, periods[0], card.as_at);
          // Missing records explain the cell better than its few or no items.
          if (!no_records[0].empty() && cell.not_rated != "after the data") {
            cell.not_rated = no_records[0];
          }
          cell.previous_rated =
              NotRatedReason(framework, measure, (*tallies)[1][u], periods[1], card.as_at)
                  .empty() &&
              no_records[1].empty();
          cell.year_earlier_rated =
              NotRatedReason(framework, measure, (*tallies)[2][u], periods[2], card.as_at)
                  .empty() &&
              no_records[2].empty();
          if (period.start > card.as_at) cell.value = kNoValue;
          const CellTarget target = target_of(measure, units[u]);
          cell.target = target.value;
          cell.target_source = target.source;
          if (!cell.not_rated.empty()) continue;
          cell.rag = RagWithTolerance(measure, cell.value, target.value, target.tolerance);
          cell.shortfall = target.value ? Shortfall(measure, cell.value, *target.value) : 0;
        }
      });
  PROBATION_RETURN_IF_ERROR(error);
  // Weighted scores added up in the framework's order of measures, from rated cells only; a
  // framework without weights counts its rated measures at or above target.
  for (ScorecardRow& row : card.rows) {
    for (const size_t m : computable_index) {
      const Measure& measure = framework.measures[m];
      const MeasureCell& cell = row.cells[m];
      if (cell.rag == Rag::kNone) continue;
      if (card.rank_by_share) {
        ++row.measures_rated;
        if (cell.rag == Rag::kGreen) ++row.measures_met;
        row.rated = true;
      } else if (measure.weight > 0) {
        row.weighted_score += measure.weight * cell.shortfall;
        row.rated = true;
      }
    }
    row.share_met =
        row.measures_rated > 0 ? 100.0 * row.measures_met / row.measures_rated : kNoValue;
  }
  // Bands, then rank and quartile among the rated peers.
  const std::vector<double>& bands = framework.bands.max_score;
  for (ScorecardRow& row : card.rows) {
    if (bands.empty() || !row.rated) continue;
    row.band = 1;
    for (size_t b = 0; b < bands.size(); ++b) {
      if (row.weighted_score <= bands[b]) {
        row.band = 4 - static_cast<int>(b);
        break;
      }
    }
  }
  const auto score = [&](const ScorecardRow& row) {
    return card.rank_by_share ? -row.share_met : row.weighted_score;  // lower is better
  };
  std::vector<size_t> order;
  for (size_t r = 0; r < card.rows.size(); ++r) {
    if (card.rows[r].rated) order.push_back(r);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return score(card.rows[a]) < score(card.rows[b]);
  });
  const int n = static_cast<int>(order.size());
  card.rated_rows = n;
  for (int i = 0; i < n; ++i) {
    ScorecardRow& row = card.rows[order[i]];
    // Equal scores share the better rank.
    row.rank = (i > 0 && score(card.rows[order[i - 1]]) == score(row))
                   ? card.rows[order[i - 1]].rank
                   : i + 1;
    row.quartile = std::min(4, (4 * (row.rank - 1)) / std::max(1, n) + 1);
  }
  return card;
}

}  // namespace probation::measures
