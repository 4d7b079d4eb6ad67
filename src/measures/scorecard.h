// Scorecards: every measure of a framework for one period at every unit of a level, with the
// value, numerator and denominator, pending items, target (pro rata for counts), RAG, trend
// against the previous period and the same period a year earlier, and the weighted score,
// band, rank and quartile of each unit among its peers.
//
// Rules (docs/frameworks.md):
// - percent = succeeded / (succeeded + failed) x 100, pending items excluded; count =
//   succeeded items; average = mean value; rate = succeeded per `rate_per` items.
// - count targets are annual, judged pro rata: the target times the share of the year's
//   profile (equal twelfths unless the measure has a monthly profile) the period covers;
//   a level (`level = true`: beds occupied on the period's last night) is judged as it stands.
// - a cell is not rated (no RAG, no part in a score, band or rank, no trend word) when it has
//   no items, when the period starts after the as-at date, when more than the framework's
//   max_pending_share of its items are pending, or (percent, rate, average) when it has fewer
//   decided items than the framework's min_decided; it says which (NotRatedReason()).
// - targets (UnitTargetFor()): the unit's own target from the targets table; else the
//   measure's targets, which apply to every unit, or for a national target (counts such as
//   PT8's 50,000) to the nation only, and only when the data holds the nation; else, under the
//   framework's pro-rata rule, a count target's share of the nearest enclosing unit's in
//   proportion to the pro_rata_by measure; else none.
// - RAG: green when the target is met; amber when short of it by no more than the amber
//   tolerance (percentage points; for counts, per cent of the pro-rata target); red otherwise;
//   none when there is no target, no value or the cell is not rated.
// - weighted score = sum over rated weighted cells of weight x shortfall (percentage points, or
//   per cent of target for counts); zero means every weighted target met. Band 4 is best.
//   Frameworks without weights rank by the share of rated measures with a target that are at
//   or above it (green). Rank and quartile are among the rows with a rating only.
// Functions only; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "measures/engine.h"

namespace probation::measures {

enum class Rag { kNone, kGreen, kAmber, kRed };
std::string_view RagName(Rag rag);  // "", "green", "amber", "red"

struct MeasureCell {
  Tally tally;
  double value = 0;              // NaN: no value (no decided items, or after the data)
  std::optional<double> target;  // for the period (pro rata for counts)
  std::string target_source;     // where the target came from; empty when none
  std::string not_rated;         // why the cell is not rated; empty when it is
  // Data quality (measures/data_quality.h; AddDataQuality() fills it): candidate rows of the
  // period and unit, those with a blank in a field the filter reads, and whether that is more
  // than the framework's max_blank_share. quality_rows < 0: not computed or not applicable.
  int64_t quality_rows = -1;
  int64_t quality_blank = 0;
  bool quality_flag = false;
  bool previous_rated = false;      // trend words only between rated cells
  bool year_earlier_rated = false;
  Rag rag = Rag::kNone;
  double previous = 0;      // value in the previous period (NaN: none)
  double year_earlier = 0;  // value a year earlier (NaN: none)
  double shortfall = 0;     // against target, as used in the weighted score
};

struct ScorecardRow {
  UnitRef unit;
  std::string code;
  std::string name;
  std::vector<MeasureCell> cells;  // one per framework measure, same order
  double weighted_score = 0;
  int band = 0;      // 1-4; 0 when the framework has no bands or the row is not rated
  // Frameworks without weights: rated measures with a target, and those at or above it.
  int measures_rated = 0;
  int measures_met = 0;
  double share_met = 0;  // measures_met / measures_rated x 100 (NaN: none rated)
  bool rated = false;    // has a rated (weighted, where there are weights) cell with a target
  int rank = 0;      // 1 = best among the rated rows; 0: not rated, listed apart
  int quartile = 0;  // 1 = top quarter; 0: not rated
};

struct Scorecard {
  const Framework* framework = nullptr;
  Period period;
  Period previous;
  Period year_earlier;
  UnitLevel level = UnitLevel::kNational;
  Date as_at;
  // The organisation reported (the scope): its code and name, for titles.
  std::string scope_code;
  std::string scope_name;
  bool rank_by_share = false;  // no weights: ranked by share_met (higher first)
  int rated_rows = 0;          // rows with a rank
  std::vector<ScorecardRow> rows;
};

// Why a cell with `tally` for `period` is not rated ("" when it is): "after the data",
// "no items", "incomplete: P of N pending", "fewer than K decided".
// "no <type> records" when the measure names records it needs (`needs_records`) and the
// snapshot holds none dated in `period`; "" otherwise.
std::string NoRecordsReason(const Snapshot& snapshot, const Measure& measure, const Period& period);

std::string NotRatedReason(const Framework& framework, const Measure& measure,
                           const Tally& tally, const Period& period, Date as_at);

// A unit's target for a period and where it came from.
struct CellTarget {
  std::optional<double> value;
  double tolerance = 0;
  std::string source;  // "framework", "own (targets table)", "national", "pro rata ..."
};

// The value of a measure from its tally (NaN when undefined).
double MeasureValue(const Measure& measure, const Tally& tally);

// The measure's target for `period` (pro rata for counts), if it has one.
std::optional<double> TargetForPeriod(const Measure& measure, const Period& period);

Rag RagFor(const Measure& measure, double value, std::optional<double> target,
           double default_tolerance);

// The annual target list `targets` judged for `period` (pro rata over the year for counts).
std::optional<double> TargetForPeriodFrom(const Measure& measure,
                                          const std::vector<Target>& targets,
                                          const Period& period);

// The target of `measure` for `unit` in `period` and where it came from, by the rules above;
// `size` gives the pro_rata_by measure's value at a unit (called only under the pro-rata rule).
CellTarget UnitTargetFor(const Framework& framework, const Measure& measure,
                         const Organisation& organisation, UnitRef unit, const Period& period,
                         const std::function<double(UnitRef)>& size);
// The same, the sizes computed by `engine`.
Result<CellTarget> UnitTargetFor(const Engine& engine, const Framework& framework,
                                 const Measure& measure, UnitRef unit, const Period& period);

// Computes the scorecard of `framework` for `period` at every unit of `level` within `scope`.
Result<Scorecard> ComputeScorecard(const Engine& engine, const Framework& framework,
                                   const Period& period, UnitLevel level, UnitRef scope);

}  // namespace probation::measures
