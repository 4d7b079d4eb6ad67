// Data quality beside a scorecard's numbers. For each cell: of the rows of the measure's record
// type whose anchor falls in the period (the candidates), how many the measure's filter cannot
// decide because a value it reads is blank (the filter is null, not true or false: a rule whose
// value is null does not hold, so the row is left out of the number unseen). A sentence with
// no custodial length is not in PT2's population; a community order, whose custodial length is
// rightly blank, is decided by its type first and is not counted blank. A cell is flagged when
// its blank rows are more than the framework's max_blank_share of its candidates. Computed
// through the engine's public Tallies(), as a percent measure with the same anchor (whose item
// rows the engine already holds) and the success rule "(filter) is not null": the engine's
// loops are unchanged. Functions only; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "measures/engine.h"
#include "measures/framework.h"
#include "measures/scorecard.h"

namespace probation::measures {

// The fields of `measure.counts` its filter reads on the item's own record, in field order,
// other than under `is null`, coalesce() or an aggregate (where a blank is meaningful): named
// beside a flag as where to look.
std::vector<std::string> FilterFields(const Measure& measure);

// Fills every cell's data quality (MeasureCell::quality_*) of `card`, whose rows are units of
// `engine`'s organisation. Measures without a filter get none (quality_rows stays -1).
Status AddDataQuality(const Engine& engine, Scorecard* card);

}  // namespace probation::measures
