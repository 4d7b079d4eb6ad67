// `probation import --db FILE [--all-or-nothing] [--report FILE] PATH...`
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

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

void PrintSummary(const ImportResult& result, const std::string& report_path) {
  std::printf("%-40s %10s %10s %10s %10s %10s %10s\n", "file", "read", "accepted", "rejected",
              "inserted", "updated", "unchanged");
  for (const FileSummary& f : result.files) {
    std::printf("%-40s %10lld %10lld %10lld %10lld %10lld %10lld\n", f.path.c_str(),
                static_cast<long long>(f.read), static_cast<long long>(f.accepted),
                static_cast<long long>(f.rejected), static_cast<long long>(f.inserted),
                static_cast<long long>(f.updated), static_cast<long long>(f.unchanged));
  }
  std::printf("%-40s %10lld %10lld %10lld\n", "total", static_cast<long long>(result.TotalRead()),
              static_cast<long long>(result.TotalAccepted()),
              static_cast<long long>(result.total_rejected));
  const double rate = result.seconds > 0 ? result.TotalRead() / result.seconds : 0;
  std::printf("%.2f s, %.0f rows a second\n", result.seconds, rate);
  for (const Rejection& r : result.first_rejections) {
    std::fprintf(stderr, "%s, line %d%s%s: %s\n", r.file.c_str(), r.line,
                 r.column.empty() ? "" : ", column ", r.column.c_str(), r.reason.c_str());
  }
  const int64_t shown = static_cast<int64_t>(result.first_rejections.size());
  if (result.total_rejected > shown) {
    std::fprintf(stderr, "... and %lld more rejections\n",
                 static_cast<long long>(result.total_rejected - shown));
  }
  if (result.total_rejected > 0 && !report_path.empty()) {
    std::fprintf(stderr, "every rejection is listed in %s\n", report_path.c_str());
  }
  if (!result.committed) {
    std::fprintf(stderr, "nothing was loaded: the database is unchanged\n");
  }
}

void RunImport(const ImportArgs& args, int* exit_code) {
  Result<std::unique_ptr<Database>> db = OpenStore(args.db);
  if (!db.ok()) {
    std::cerr << "probation import: " << db.status().message() << "\n";
    *exit_code = 2;
    return;
  }
  ImportOptions options;
  options.paths = args.paths;
  options.all_or_nothing = args.all_or_nothing;
  options.report_path = args.report.empty() ? args.db + ".rejects.csv" : args.report;
  Result<ImportResult> result = Import(db->get(), options);
  if (!result.ok()) {
    std::cerr << "probation import: " << result.status().message()
              << "\nnothing was loaded: the database is unchanged\n";
    *exit_code = 2;
    return;
  }
  PrintSummary(*result, options.report_path);
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
