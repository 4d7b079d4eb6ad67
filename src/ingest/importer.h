// The bulk loader: validates CSV extracts (one file per record type, header row first) row by
// row and writes the accepted rows into the store by key, all in one transaction.
//
// Nothing is lost: for every file, rows read = accepted + rejected, every physical line after
// the header is in an accepted row, a rejected row or a blank line (lines = accepted_lines +
// rejected_lines + blank_lines), and every rejection names the file, the lines it spans, the
// column and the reason (also written to a report CSV). A fatal problem (an unreadable file, a
// file named twice, a file name that is not a record type, an unknown or missing header
// column, a file that changed while it was loaded, a database error, a report that cannot be
// written) leaves the database exactly as it was and writes no report. Files are read with
// pread into memory (base/source_file.h), never mapped. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/database.h"

namespace probation {

struct ImportOptions {
  // Files, or folders whose *.csv files are all loaded. A file is named <type>.csv or
  // <type>-<anything>.csv, <type> being a record type (e.g. contacts-2011-03.csv).
  std::vector<std::string> paths;
  bool all_or_nothing = false;   // load nothing if any row is rejected
  std::string report_path;       // rejections CSV; empty: none written
  int max_rejections_kept = 20;  // how many ImportResult keeps in memory for display
};

struct Rejection {
  std::string file;
  int line = 0;        // the physical line on which the record begins
  int last_line = 0;   // the physical line on which it ends (>= line)
  std::string column;  // kWholeRow when the row as a whole is wrong
  std::string value;
  std::string reason;
};

// The column of a rejection that concerns the row as a whole (its shape, not one field).
inline constexpr const char* kWholeRow = "(row)";

struct FileSummary {
  std::string path;
  std::string record_type;
  int64_t read = 0;
  int64_t accepted = 0;
  int64_t rejected = 0;
  int64_t inserted = 0;  // accepted = inserted + updated + unchanged
  int64_t updated = 0;
  int64_t unchanged = 0;
  // Physical lines after the header: lines = accepted_lines + rejected_lines + blank_lines.
  int64_t lines = 0;
  int64_t accepted_lines = 0;
  int64_t rejected_lines = 0;
  int64_t blank_lines = 0;
};

struct ImportResult {
  std::vector<FileSummary> files;           // in the order they were loaded
  std::vector<Rejection> first_rejections;  // at most options.max_rejections_kept
  int64_t total_rejected = 0;
  bool committed = false;    // false: the database is exactly as before
  std::string report_error;  // set when the load committed but its report could not be renamed
                             // into place (the message names the report and the reason)
  double seconds = 0;

  int64_t TotalRead() const;
  int64_t TotalAccepted() const;
  // 0: every row accepted; 1: some rejected, the rest loaded (or the report could not be put
  // in place); 2: nothing loaded.
  int ExitCode() const;
};

// The files `paths` names (folders expanded to their *.csv files, sorted), in order. The same
// file named twice (by two names, or as a file and inside a folder) is an InvalidArgument.
Result<std::vector<std::string>> ExpandImportPaths(const std::vector<std::string>& paths);

// Writes `value` to `out` as one field of the rejection report, neutralised against formula
// injection (OWASP): a value beginning with =, +, -, @, a tab or a carriage return, or with a
// single quote, gets a single quote put in front; removing one leading quote from any field
// that begins with one gives back the original value.
void AppendReportField(std::string* out, std::string_view value);

// Runs the load into `db` (already migrated). A returned error Status is fatal and the
// database is unchanged; otherwise ImportResult says what happened.
Result<ImportResult> Import(Database* db, const ImportOptions& options);

}  // namespace probation
