// A report::Table printed for the terminal (aligned columns) or as CSV, for the analytics
// commands (reoffending, equality). Functions only; thread-safe.
#pragma once

#include <string>

#include "reports/document.h"

namespace probation {

// Columns padded to their widest cell; the caption first when there is one.
std::string TableText(const report::Table& table);
// A header row then one row per table row (the caption is left out).
std::string TableCsv(const report::Table& table);

}  // namespace probation
