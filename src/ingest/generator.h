// The synthetic data generator: a complete, consistent probation data set in the bulk-load
// CSV format (one file per record type, header row = the type's fields in table order).
//
// Profiles: "trust" (one fictional trust, four LDUs, about 300 staff, five financial years
// of activity with Cheshire-like yearly volumes) and "national" (35 trusts in 10 regions,
// about 250,000 people under supervision at any time). Deterministic: the same options give
// byte-identical files. Not thread-safe; one generator per call.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/calendar.h"
#include "base/date.h"
#include "base/status.h"

namespace probation {

enum class GeneratorProfile { kTrust, kNational };

struct GeneratorOptions {
  GeneratorProfile profile = GeneratorProfile::kTrust;
  uint64_t seed = 1;
  // Created if missing; existing <type>.csv and documents/ files are replaced. A command checks
  // it first with CheckGeneratorOutput.
  std::string out_dir;
  // Activity runs over five financial years ending on `as_at` (inclusive); items after it
  // (future appointments, reports not yet due) are written as pending.
  Date as_at = Date::FromCivil(2011, 3, 31);
  int years = 5;
  // Multiplies every volume (caseload, staff, units stay the same); tests use a small scale.
  double scale = 1.0;
};

struct GeneratorSummary {
  std::vector<std::pair<std::string, int64_t>> rows_per_file;  // record type name, data rows
};

// Writes every record type's file into options.out_dir. Working-day arithmetic (appointments
// only on working days, deadlines) uses `calendar`.
Result<GeneratorSummary> Generate(const GeneratorOptions& options, const Calendar& calendar);

// The file Generate writes into its output folder before any other, marking the folder as a
// generator's output that a later run may replace.
inline constexpr char kGeneratedMark[] = ".probation-generated";

// Whether a command may let Generate write into `dir` without being told to (--force): Ok when
// `dir` does not exist, is an empty folder, or holds kGeneratedMark (an earlier run's output).
// Otherwise InvalidArgument naming the folder and something in it: the user named the folder,
// not the files in it that Generate would replace, nor those an import of the folder would
// read beside the generated ones.
Status CheckGeneratorOutput(const std::string& dir);

}  // namespace probation
