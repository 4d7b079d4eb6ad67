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

// The example data folder (examples/: the source documents' plans, risk registers and
// resource annexes as data), found like ReferenceDir() but through $PROBATION_EXAMPLES_DIR and
// the folder name `examples`.
Result<std::string> ExamplesDir();

// The working-day calendar from reference/bank_holiday_changes.csv.
Result<Calendar> LoadCalendar();

}  // namespace probation
