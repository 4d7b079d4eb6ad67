// A measure's trend: its value for one unit in each of a run of periods against the unit's
// target in each, with the RAG of the last, as the board pack's trend charts and the
// scorecard page draw it (reports/svg_chart.h). Values and targets come from the engine and
// the scorecard's rules (measures/scorecard.h), so they equal the scorecard's for the same
// period and unit. Functions only; thread-safe.
#pragma once

#include <vector>

#include "base/status.h"
#include "measures/engine.h"
#include "measures/framework.h"
#include "measures/period.h"
#include "measures/scorecard.h"
#include "reports/document.h"

namespace probation {

// `count` periods ending with `last`, oldest first, each the one before the next
// (measures::PreviousPeriod). REQUIRES: count >= 1.
std::vector<measures::Period> TrendPeriods(const measures::Period& last, int count);

// The trend of `measure` at `unit` over `periods` (oldest first): no value for a period that
// starts after the data; the latest tone is the RAG of the last period, none when that cell is
// not rated. With `tallies`, each period's tally too (parallel to `periods`), for a caller that
// must hide a value made from small counts. REQUIRES: `measure` belongs to `framework`, is not
// a placeholder; periods not empty.
Result<report::TrendChart> MeasureTrend(const measures::Engine& engine,
                                        const measures::Framework& framework,
                                        const measures::Measure& measure, measures::UnitRef unit,
                                        const std::vector<measures::Period>& periods,
                                        std::vector<measures::Tally>* tallies = nullptr);

// The tone a RAG is drawn in.
report::Tone ToneOfRag(measures::Rag rag);

}  // namespace probation
