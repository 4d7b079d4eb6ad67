// Downloads: the files the API sends as attachments (a scorecard as CSV or .xlsx, exceptions
// as CSV, the board pack as .xlsx), the pieces every download shares, and the board member's
// versions with small counts suppressed (docs/access.md). The workbooks are written by the
// same writers as the CLI's (reports/), into a private temporary folder, and sent as bytes.
//
// Functions only; thread-safe.
#pragma once

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

#include "base/status.h"
#include "reports/document.h"
#include "server/http_types.h"

namespace probation {

inline constexpr char kXlsxContentType[] =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
inline constexpr char kCsvContentType[] = "text/csv; charset=utf-8";

// "scorecard-nps-2005-06-2010-Q4-N01.csv" from {"scorecard", "nps-2005-06", "2010-Q4", "N01"}
// and "csv": the parts joined with '-', every character but letters, digits, '.', '-' and
// '_' replaced with '_', empty parts left out.
std::string DownloadName(std::initializer_list<std::string_view> parts, std::string_view extension);

// A 200 response carrying `bytes` as an attachment named `file_name` (as DownloadName makes).
HttpResponse Attachment(std::string bytes, std::string_view content_type, std::string_view file_name);

// Calls `write` with the path of a new file named `file_name` in a private temporary folder,
// then returns the bytes it wrote; the folder is removed whatever happens.
Result<std::string> WrittenBytes(std::string_view file_name,
                                 const std::function<Status(const std::string& path)>& write);

// A scorecard CSV (reports/scorecard_report.h, ScorecardCsv) as a board member sees it: on
// every row, a succeeded, failed or pending count above zero and below `threshold` becomes
// "fewer than 5" and the row's value is left empty (as the JSON scorecard does).
std::string SuppressScorecardCsv(std::string_view csv, int threshold = 5);

// A CSV as a one-table Document (header row as columns), for a workbook of the same cells.
report::Document CsvDocument(const std::string& title, std::string_view csv);

}  // namespace probation
