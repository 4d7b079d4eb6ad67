// The bulk loader: validates CSV extracts (one file per record type, header row first) row by
// row and writes the accepted rows into the store by key, all in one transaction.
//
// Nothing is lost: for every file, rows read = accepted + rejected, and every rejection names
// the file, line, column and reason (also streamed to a report CSV). A fatal problem (an
// unreadable file, a file name that is not a record type, an unknown or missing header
// column, a database error) leaves the database exactly as it was. Not thread-safe.
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
  int line = 0;
  std::string column;  // empty when the row as a whole is wrong
  std::string value;
  std::string reason;
};

struct FileSummary {
  std::string path;
  std::string record_type;
  int64_t read = 0;
  int64_t accepted = 0;
  int64_t rejected = 0;
  int64_t inserted = 0;  // accepted = inserted + updated + unchanged
  int64_t updated = 0;
  int64_t unchanged = 0;
};

struct ImportResult {
  std::vector<FileSummary> files;           // in the order they were loaded
  std::vector<Rejection> first_rejections;  // at most options.max_rejections_kept
  int64_t total_rejected = 0;
  bool committed = false;  // false: the database is exactly as before
  double seconds = 0;

  int64_t TotalRead() const;
  int64_t TotalAccepted() const;
  // 0: every row accepted; 1: some rejected, the rest loaded; 2: nothing loaded.
  int ExitCode() const;
};

// Runs the load into `db` (already migrated). A returned error Status is fatal and the
// database is unchanged; otherwise ImportResult says what happened.
Result<ImportResult> Import(Database* db, const ImportOptions& options);

}  // namespace probation
