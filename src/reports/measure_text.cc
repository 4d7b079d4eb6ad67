#include "reports/measure_text.h"

#include <cmath>
#include <cstdio>

namespace probation {

using measures::MeasureKind;

std::string FormatNumber(const char* fmt, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

std::string MeasureValueText(const measures::Measure& m, double v) {
  if (std::isnan(v)) return "-";
  switch (m.kind) {
    case MeasureKind::kPercent:
      return FormatNumber("%.1f%%", v);
    case MeasureKind::kCount:
      return FormatNumber("%.0f", v);
    case MeasureKind::kAverage:
    case MeasureKind::kRate:
      return FormatNumber("%.1f", v);
  }
  return "-";
}

std::string MeasureTargetText(const measures::Measure& m, const std::optional<double>& t) {
  if (!t) return "-";
  return MeasureValueText(m, m.kind == MeasureKind::kCount ? std::round(*t) : *t);
}

std::string MeasureCountsText(const measures::Measure& m, const measures::Tally& t) {
  switch (m.kind) {
    case MeasureKind::kPercent:
    case MeasureKind::kRate:
      return std::to_string(t.succeeded) + "/" +
             std::to_string(m.kind == MeasureKind::kRate ? t.items() : t.succeeded + t.failed);
    case MeasureKind::kCount:
      return std::to_string(t.succeeded);
    case MeasureKind::kAverage:
      return "n=" + std::to_string(t.value_count);
  }
  return "";
}

std::string MeasureTrendWord(const measures::Measure& m, double now, double before) {
  if (std::isnan(now) || std::isnan(before)) return "";
  if (std::fabs(now - before) < 1e-9) return "same";
  if (m.direction == measures::Direction::kNone) {
    const std::string change = MeasureValueText(m, std::fabs(now - before));
    return (now > before ? "+" : "-") + change;
  }
  const bool up = now > before;
  return up == (m.direction == measures::Direction::kHigherIsBetter) ? "better" : "worse";
}

}  // namespace probation

namespace probation {

std::string CellQualityText(const measures::MeasureCell& c) {
  if (c.quality_rows <= 0 || c.quality_blank == 0) return "";
  return std::string(c.quality_flag ? "DATA FLAG: " : "") + std::to_string(c.quality_blank) +
         " of " + std::to_string(c.quality_rows) + " rows blank" +
         FormatNumber(" (%.1f%%)", 100.0 * c.quality_blank / c.quality_rows);
}

std::string CellTrendWord(const measures::Measure& m, const measures::MeasureCell& c,
                          bool year_earlier) {
  if (!c.not_rated.empty() || !(year_earlier ? c.year_earlier_rated : c.previous_rated)) {
    return "";
  }
  return MeasureTrendWord(m, c.value, year_earlier ? c.year_earlier : c.previous);
}

}  // namespace probation
