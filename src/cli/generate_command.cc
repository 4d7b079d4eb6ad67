// `probation generate --out DIR [--profile trust|national] [--seed N] [--as-at YYYY-MM-DD]
// [--force]`: writes a synthetic, consistent data set in the bulk-load CSV format. DIR must be
// new, empty or an earlier generated data set unless --force is given (the user named the
// folder, not the files in it).
#include "cli/commands.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "base/reference_files.h"
#include "ingest/generator.h"

namespace probation {
namespace {

struct GenerateArgs {
  std::string profile = "trust";
  uint64_t seed = 1;
  std::string out_dir;
  double scale = 1.0;
  std::string as_at = "2011-03-31";
  bool force = false;
};

void Fail(const std::string& message, int* exit_code) {
  std::fprintf(stderr, "probation generate: %s\n", message.c_str());
  *exit_code = 2;
}

void RunGenerate(const GenerateArgs& args, int* exit_code) {
  GeneratorOptions options;
  options.profile =
      args.profile == "national" ? GeneratorProfile::kNational : GeneratorProfile::kTrust;
  options.seed = args.seed;
  options.out_dir = args.out_dir;
  options.scale = args.scale;
  if (!args.force) {
    if (Status s = CheckGeneratorOutput(args.out_dir); !s.ok()) {
      return Fail("--out " + s.message(), exit_code);
    }
  }
  Result<Date> as_at = Date::Parse(args.as_at);
  if (!as_at.ok()) return Fail("--as-at: " + as_at.status().message(), exit_code);
  options.as_at = *as_at;
  Result<Calendar> calendar = LoadCalendar();
  if (!calendar.ok()) return Fail(calendar.status().message(), exit_code);

  const auto started = std::chrono::steady_clock::now();
  Result<GeneratorSummary> summary = Generate(options, *calendar);
  if (!summary.ok()) return Fail(summary.status().message(), exit_code);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  int64_t total = 0;
  for (const auto& [name, rows] : summary->rows_per_file) {
    std::printf("  %-28s %12lld\n", (name + ".csv").c_str(), static_cast<long long>(rows));
    total += rows;
  }
  std::printf("  %-28s %12lld\n", "total", static_cast<long long>(total));
  std::printf("written to %s in %.1f s\n", args.out_dir.c_str(), seconds);
  *exit_code = 0;
}

}  // namespace

void AddGenerateCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<GenerateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "generate", "Write a synthetic, consistent data set (one CSV file per record type)");
  cmd->add_option("--profile", args->profile, "trust (one trust) or national (35 trusts)")
      ->check(CLI::IsMember({"trust", "national"}))
      ->capture_default_str();
  cmd->add_option("--seed", args->seed, "Random seed; the same seed gives identical files")
      ->capture_default_str();
  cmd->add_option("--out", args->out_dir,
                  "Output folder (created if missing; a folder holding anything but an earlier "
                  "generated data set is refused without --force)")
      ->required();
  cmd->add_flag("--force", args->force,
                "Write into a folder that holds other files, replacing any of the data set's "
                "file names there");
  cmd->add_option("--scale", args->scale, "Multiplies every yearly volume (for tests)")
      ->check(CLI::Range(0.001, 20.0))
      ->capture_default_str()
      ->group("");
  cmd->add_option("--as-at", args->as_at, "Last day of recorded activity (YYYY-MM-DD)")
      ->capture_default_str();
  cmd->callback([args, exit_code] { RunGenerate(*args, exit_code); });
}

}  // namespace probation
