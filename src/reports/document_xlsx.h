// A Document as an .xlsx workbook: a contents sheet, then one sheet per section with its
// paragraphs, tables (status cells coloured and named), trend figures with a line chart each,
// and the heat map as a coloured grid. Functions only; thread-safe (distinct paths).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "reports/document.h"

namespace probation::report {

// Writes the workbook to `path` (replacing it only once it is complete: a failure leaves no
// half-written file).
Status WriteDocumentXlsx(const Document& document, const std::string& path);

// The sheet name a section gets: its title without the characters Excel forbids, at most 31
// characters, made unique with a number if needed.
std::string SheetName(const std::string& title, const std::vector<std::string>& taken);

}  // namespace probation::report
