#include "reports/measure_trend.h"

#include <cmath>

namespace probation {

report::Tone ToneOfRag(measures::Rag rag) {
  switch (rag) {
    case measures::Rag::kGreen:
      return report::Tone::kGreen;
    case measures::Rag::kAmber:
      return report::Tone::kAmber;
    case measures::Rag::kRed:
      return report::Tone::kRed;
    case measures::Rag::kNone:
      break;
  }
  return report::Tone::kNone;
}

std::vector<measures::Period> TrendPeriods(const measures::Period& last, int count) {
  std::vector<measures::Period> periods(static_cast<size_t>(count));
  periods.back() = last;
  for (size_t i = periods.size() - 1; i > 0; --i) {
    periods[i - 1] = measures::PreviousPeriod(periods[i]);
  }
  return periods;
}

Result<report::TrendChart> MeasureTrend(const measures::Engine& engine,
                                        const measures::Framework& framework,
                                        const measures::Measure& measure, measures::UnitRef unit,
                                        const std::vector<measures::Period>& periods,
                                        std::vector<measures::Tally>* tallies_out) {
  const measures::UnitRef units[] = {unit};
  PROBATION_ASSIGN_OR_RETURN(const std::vector<std::vector<measures::Tally>> tallies,
                             engine.Tallies(measure, periods, units));
  if (tallies_out != nullptr) {
    tallies_out->clear();
    for (const std::vector<measures::Tally>& t : tallies) tallies_out->push_back(t[0]);
  }
  report::TrendChart chart;
  chart.code = measure.code;
  chart.title = measure.title;
  chart.unit_suffix = measure.kind == measures::MeasureKind::kPercent ? "%" : "";
  chart.decimals = measure.kind == measures::MeasureKind::kCount ? 0 : 1;
  chart.higher_is_better = measure.direction == measures::Direction::kHigherIsBetter;
  for (size_t p = 0; p < periods.size(); ++p) {
    const bool after = periods[p].start > engine.as_at();
    const double value = after ? std::nan("") : measures::MeasureValue(measure, tallies[p][0]);
    PROBATION_ASSIGN_OR_RETURN(
        const measures::CellTarget target,
        measures::UnitTargetFor(engine, framework, measure, unit, periods[p]));
    chart.labels.push_back(periods[p].label);
    chart.values.push_back(std::isnan(value) ? std::nullopt : std::optional<double>(value));
    chart.targets.push_back(target.value);
    if (p + 1 == periods.size()) {
      const bool rated =
          measures::NotRatedReason(framework, measure, tallies[p][0], periods[p], engine.as_at())
              .empty();
      chart.latest = rated ? ToneOfRag(measures::RagFor(measure, value, target.value,
                                                        framework.default_amber_tolerance))
                           : report::Tone::kNone;
    }
  }
  return chart;
}

}  // namespace probation
