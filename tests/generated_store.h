// A generated trust in a store, for the tests that need realistic data: the generator's trust
// profile (`probation generate --seed SEED --scale SCALE`) written to DIR/data and imported into
// the store at DB_PATH with its rejection report at DIR/rejects.csv, as `probation import` loads
// it. The trust's own documents are in DIR/data/documents.
//
// Functions only; thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "base/calendar.h"
#include "base/status.h"
#include "ingest/generator.h"
#include "ingest/importer.h"
#include "store/schema.h"

namespace probation::testing {

// The open store holding the generated trust; an error when the data could not be generated or
// loaded, or when the load rejected any row (generated data is always valid).
inline Result<std::unique_ptr<Database>> GenerateTrustStore(const std::filesystem::path& dir,
                                                            uint64_t seed, double scale,
                                                            const std::string& db_path) {
  PROBATION_ASSIGN_OR_RETURN(
      const Calendar calendar,
      Calendar::FromChangesFile(PROBATION_SOURCE_DIR "/reference/bank_holiday_changes.csv"));
  GeneratorOptions options;
  options.seed = seed;
  options.out_dir = (dir / "data").string();
  options.scale = scale;
  PROBATION_RETURN_IF_ERROR(Generate(options, calendar).status());
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, OpenStore(db_path));
  ImportOptions import;
  import.paths = {options.out_dir};
  import.report_path = (dir / "rejects.csv").string();
  PROBATION_ASSIGN_OR_RETURN(const ImportResult loaded, Import(db.get(), import));
  if (loaded.ExitCode() != 0) {
    return Internal(
        "the generated trust did not load cleanly: " + std::to_string(loaded.total_rejected) +
        " rows rejected (" + import.report_path + ")");
  }
  return db;
}

}  // namespace probation::testing
