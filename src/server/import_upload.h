// Running an import from uploaded files: the extracts a performance analyst posts as
// multipart/form-data (server/multipart.h), loaded by the same importer as `probation import`
// (ingest/importer.h: the same validation, reconciliation, rejection report and import_runs
// row, which the live engine watches), and the outcome as JSON. POST /api/v1/imports calls
// these; an HTML page that posts the same form can call them directly:
//
//   PROBATION_ASSIGN_OR_RETURN(std::vector<UploadedFile> files, UploadedFiles(parts));
//   ImportUploadOptions options;
//   options.all_or_nothing = FindFormField(parts, "all_or_nothing") != nullptr;
//   PROBATION_ASSIGN_OR_RETURN(ImportUploadResult result, RunUploadedImport(db, files, options));
//   response.body = ImportUploadJson(result).dump();
//
// Each file is one part of the form with a filename; the file name decides the record type,
// as file names do for `probation import` (<type>.csv or <type>-<anything>.csv). A name is
// only the last path segment the browser sent, and must be letters, digits, '.', '-' and '_'
// ending in ".csv" (so it can never name a path); two parts with one name are refused.
// The files are written to a private temporary folder (mode 0700, under `temp_dir`), loaded,
// and removed with it whatever the outcome; file names in the result, the rejections and the
// report are the uploaded names, never the temporary paths.
//
// Thread-safe: one upload runs at a time in the process (the store has one writer); a second
// upload while one runs is refused with a Conflict at once rather than queued.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "ingest/importer.h"
#include "server/multipart.h"
#include "store/database.h"

namespace probation {

// The body limit of POST /api/v1/imports: a whole extract set of a trust is tens of MB.
inline constexpr size_t kImportBodyLimit = 128 * 1024 * 1024;

struct UploadedFile {
  std::string filename;       // checked: a safe base name ending in .csv
  std::string_view contents;  // a view into the request body
};

struct ImportUploadOptions {
  bool all_or_nothing = false;   // load nothing if any row is rejected
  bool want_report_csv = false;  // return the whole rejection report CSV too
  int max_rejections_listed = 1000;  // rejections kept for the JSON (the CSV has them all)
  std::string temp_dir;          // where the private folder is made; "": $TMPDIR or /tmp
};

struct ImportUploadResult {
  ImportResult result;    // files[].path and first_rejections[].file are the uploaded names
  std::string report_csv; // when want_report_csv: file,line,last_line,column,value,reason
};

// The file parts of a parsed form (every part that has a filename, whatever its field name),
// with their names checked. InvalidArgument (naming the field "files") when there is none,
// when a name is not a safe .csv base name, or when two parts have the same name.
Result<std::vector<UploadedFile>> UploadedFiles(const std::vector<MultipartPart>& parts);

// Loads `files` into `db` (already migrated) as `probation import` would. A fatal problem
// (a file name that names no record type, a header column unknown or missing, a database
// error) is the importer's Status with the uploaded file's name, and the store is unchanged;
// otherwise ImportUploadResult says what was read, accepted and rejected, and whether it was
// committed. Conflict when another upload is running.
Result<ImportUploadResult> RunUploadedImport(Database* db, const std::vector<UploadedFile>& files,
                                             const ImportUploadOptions& options);

// {"committed", "all_or_nothing", "seconds", "totals": {"read", "accepted", "rejected"},
//  "files": [{"file", "record_type", "lines", "read", "accepted", "rejected", "inserted",
//             "updated", "unchanged", "blank_lines"}],
//  "rejections": [{"file", "line", "last_line", "field", "value", "reason"}],
//  "rejections_listed", "rejections_truncated"}
nlohmann::json ImportUploadJson(const ImportUploadResult& upload, bool all_or_nothing);

}  // namespace probation
