// The board pack's reoffending and equality sections: last year's cohort (actual against
// predicted, with its interval) and this year's so far (incomplete, not rated), for the adults
// on the caseload and for PPOs (NI18 / OM21, NI30); and equality of outcomes by broad ethnic
// group with the completeness of diversity data. Aggregates only, small counts suppressed.
// Functions only; thread-safe.
#pragma once

#include "analytics/case_facts.h"
#include "base/status.h"
#include "measures/period.h"
#include "reports/document.h"

namespace probation::report {

// Cohorts at the two 31 Marches before the financial year that `period` ends in (e.g. for
// FY2010: 2009-03-31 and 2010-03-31), 12-month follow-up, 6-month wait; data as at `as_at`.
Status AppendReoffendingSection(const analytics::CaseFacts& facts, measures::UnitRef scope,
                                const measures::Period& period, Date as_at, Document* document);
Status AppendEqualitySection(const analytics::CaseFacts& facts, measures::UnitRef scope,
                             const measures::Period& period, Document* document);

}  // namespace probation::report
