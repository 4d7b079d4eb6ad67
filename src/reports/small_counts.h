// Small counts in a board pack, as a board member must see it (docs/access.md): in every
// breakdown of people or items, a count above zero and below the threshold (5) is shown as
// "fewer than 5", so that no handful of people can be picked out; a measure's value computed
// from such counts is not shown either. Applied to the report::Document before it is rendered,
// so the HTML page and the .xlsx workbook carry the same words.
//
// The counts are the columns the pack's sections put them in: the scorecard's "Succeeded /
// decided" and "Pending" (and then its "Value"), the exceptions' "Items", "Failed", "Pending"
// and "Due soon", and the caseload annex's period columns. The reoffending and equality
// sections suppress their own small counts when they are built.
//
// Functions only; thread-safe.
#pragma once

#include "reports/document.h"

namespace probation::report {

inline constexpr int kSmallCountThreshold = 5;
inline constexpr char kFewerThanText[] = "fewer than 5";

// Rewrites the small counts of `document` in place. Returns how many cells it rewrote.
int SuppressSmallCounts(Document* document, int threshold = kSmallCountThreshold);

}  // namespace probation::report
