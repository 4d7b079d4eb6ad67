// Locating the reference data (bank holiday changes, and later OGRS3 coefficients, the risk
// matrix, workload points) that lives as files under reference/, so a user can update it
// without a rebuild.
//
// The folder is $PROBATION_REFERENCE_DIR if set, else the first of <exe>/../reference,
// <exe>/reference and <exe>/../share/probation/reference that exists. Thread-safe.
#pragma once

#include <string>

#include "base/calendar.h"
#include "base/status.h"

namespace probation {

// The reference folder, or NotFound saying where it was looked for.
Result<std::string> ReferenceDir();

// The working-day calendar from reference/bank_holiday_changes.csv.
Result<Calendar> LoadCalendar();

}  // namespace probation
