// `probation import --db FILE [--all-or-nothing] [--report FILE] PATH...`
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "base/output_paths.h"
#include "base/shown_text.h"
#include "cli/commands.h"
#include "ingest/importer.h"
#include "store/schema.h"

namespace probation {
namespace {

struct ImportArgs {
  std::string db;
  std::vector<std::string> paths;
  bool all_or_nothing = false;
  std::string report;
};

void PrintSummary(const ImportResult& result, const std::string& report_path, bool new_db) {
  std::printf("%-40s %10s %10s %10s %10s %10s %10s %10s\n", "file", "lines", "read", "accepted",
              "rejected", "inserted", "updated", "unchanged");
  for (const FileSummary& f : result.files) {
    std::printf("%-40s %10lld %10lld %10lld %10lld %10lld %10lld %10lld\n", f.path.c_str(),
                static_cast<long long>(f.lines), static_cast<long long>(f.read),
                static_cast<long long>(f.accepted), static_cast<long long>(f.rejected),
                static_cast<long long>(f.inserted), static_cast<long long>(f.updated),
                static_cast<long long>(f.unchanged));
  }
  // Where a file's lines are not one row each (rows spanning lines, blank lines, a quoted
  // field that never closed), say how its lines add up.
  for (const FileSummary& f : result.files) {
    if (f.accepted_lines == f.accepted && f.rejected_lines == f.rejected && f.blank_lines == 0) {
      continue;
    }
    std::printf(
        "%s: %lld lines after the header = %lld in accepted rows + %lld in rejected rows "
        "+ %lld blank\n",
        f.path.c_str(), static_cast<long long>(f.lines), static_cast<long long>(f.accepted_lines),
        static_cast<long long>(f.rejected_lines), static_cast<long long>(f.blank_lines));
  }
  int64_t total_lines = 0;
  for (const FileSummary& f : result.files) total_lines += f.lines;
  std::printf("%-40s %10lld %10lld %10lld %10lld\n", "total", static_cast<long long>(total_lines),
              static_cast<long long>(result.TotalRead()),
              static_cast<long long>(result.TotalAccepted()),
              static_cast<long long>(result.total_rejected));
  const double rate = result.seconds > 0 ? result.TotalRead() / result.seconds : 0;
  std::printf("%.2f s, %.0f rows a second\n", result.seconds, rate);
  for (const Rejection& r : result.first_rejections) {
    const std::string lines =
        r.last_line > r.line ? "lines " + std::to_string(r.line) + "-" + std::to_string(r.last_line)
                             : "line " + std::to_string(r.line);
    const bool whole_row = r.column.empty() || r.column == kWholeRow;
    std::fprintf(stderr, "%s, %s%s%s: %s\n", r.file.c_str(), lines.c_str(),
                 whole_row ? "" : ", column ", whole_row ? "" : ShownText(r.column).c_str(),
                 ShownText(r.reason, 4 * kShownTextMax).c_str());
  }
  const int64_t shown = static_cast<int64_t>(result.first_rejections.size());
  if (result.total_rejected > shown) {
    std::fprintf(stderr, "... and %lld more rejections\n",
                 static_cast<long long>(result.total_rejected - shown));
  }
  if (!result.report_error.empty()) {
    std::fprintf(stderr, "%s\n", result.report_error.c_str());
  } else if (result.total_rejected > 0 && !report_path.empty()) {
    std::fprintf(stderr, "every rejection is listed in %s\n", report_path.c_str());
  }
  if (!result.committed) {
    std::fprintf(stderr, "nothing was loaded: %s\n",
                 new_db ? "no database was created" : "the database is unchanged");
  }
}

// The database, the report and the inputs must be different files: checked before anything
// is opened for writing.
Status CheckPaths(const std::string& db, const std::string& report,
                  const std::vector<std::string>& paths) {
  Result<std::vector<std::string>> files = ExpandImportPaths(paths);
  if (!files.ok()) return files.status();
  std::vector<NamedPath> inputs;
  for (const std::string& f : *files) inputs.push_back({"input", f});
  PROBATION_RETURN_IF_ERROR(CheckOutputPaths({{"--db", db}}, inputs, ""));
  return CheckOutputPaths({{"--report", report}}, inputs, db);
}

// A database this command created and did not load into is removed with its -wal, -shm and
// -journal files, so a failed first load (a full disk among them) leaves nothing behind.
void RemoveNewDatabase(const std::string& db) {
  for (const std::string& f : DatabaseFiles(db)) {
    if (f != db + ".snapshot") std::remove(f.c_str());
  }
}

void RunImport(const ImportArgs& args, int* exit_code) {
  *exit_code = 2;
  const std::string report = args.report.empty() ? args.db + ".rejects.csv" : args.report;
  if (Status paths = CheckPaths(args.db, report, args.paths); !paths.ok()) {
    std::cerr << "probation import: " << paths.message()
              << "\nnothing was loaded: the database is unchanged\n";
    return;
  }
  std::error_code ec;
  const bool new_db = !std::filesystem::exists(args.db, ec) && !ec;
  Result<ImportResult> result = [&]() -> Result<ImportResult> {
    Result<std::unique_ptr<Database>> db = OpenStore(args.db);
    if (!db.ok()) return db.status();
    ImportOptions options;
    options.paths = args.paths;
    options.all_or_nothing = args.all_or_nothing;
    options.report_path = report;
    return Import(db->get(), options);
  }();  // the database is closed here
  if (new_db && (!result.ok() || !result->committed)) RemoveNewDatabase(args.db);
  if (!result.ok()) {
    std::cerr << "probation import: " << ShownText(result.status().message(), 4 * kShownTextMax)
              << "\nnothing was loaded: "
              << (new_db ? "no database was created" : "the database is unchanged") << "\n";
    return;
  }
  PrintSummary(*result, report, new_db);
  *exit_code = result->ExitCode();
}

}  // namespace

void AddImportCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "import",
      "Validate CSV extracts and load them into the database (exit 0: all rows accepted; 1: "
      "some rejected, the rest loaded; 2: nothing loaded)");
  cmd->add_option("--db", args->db, "Database file (created if missing)")->required();
  cmd->add_flag("--all-or-nothing", args->all_or_nothing, "Load nothing if any row is rejected");
  cmd->add_option("--report", args->report,
                  "Where to write every rejection as CSV (default: <db>.rejects.csv)");
  cmd->add_option("PATH", args->paths, "CSV files, or folders of them")->required();
  cmd->callback([=] { RunImport(*args, exit_code); });
}

}  // namespace probation
