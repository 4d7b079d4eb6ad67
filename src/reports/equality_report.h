// The equality analysis (analytics/equality.h) as a report Document: a section on the
// completeness of diversity data, then one section per outcome with a table per grouping
// (rate, ratio to the reference group, 95% interval, suppressed cells shown as "*"). Rendered
// as text or CSV by the `equality` command, as .xlsx, and in the board pack.
// Functions only; thread-safe.
#pragma once

#include <string>

#include "analytics/equality.h"
#include "reports/document.h"

namespace probation::report {

Section EqualityCompletenessSection(const analytics::EqualityReport& report);
// The section of one outcome, with the tables of the groupings in `groupings` (all if empty).
Section EqualityOutcomeSection(const analytics::EqualityReport& report, analytics::Outcome outcome,
                               const std::vector<analytics::Grouping>& groupings);
Document EqualityDocument(const analytics::EqualityReport& report, const std::string& unit_name);

}  // namespace probation::report
