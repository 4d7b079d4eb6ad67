// A generated trust loads without a single rejection, its row counts reconcile with what the
// generator wrote, and loading it again changes nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "base/calendar.h"
#include "ingest/generator.h"
#include "ingest/importer.h"
#include "store/schema.h"

namespace probation {
namespace {

namespace fs = std::filesystem;

TEST(GeneratedTrustTest, LoadsCleanlyReconcilesAndReloadsAsANoOp) {
  const fs::path dir = fs::path(::testing::TempDir()) / "generated_trust";
  fs::remove_all(dir);
  Result<Calendar> calendar =
      Calendar::FromChangesFile(PROBATION_SOURCE_DIR "/reference/bank_holiday_changes.csv");
  ASSERT_TRUE(calendar.ok()) << calendar.status().ToString();
  GeneratorOptions options;
  options.seed = 7;
  options.out_dir = (dir / "data").string();
  options.scale = 0.1;
  Result<GeneratorSummary> generated = Generate(options, *calendar);
  ASSERT_TRUE(generated.ok()) << generated.status().ToString();

  Result<std::unique_ptr<Database>> db = OpenStore((dir / "trust.db").string());
  ASSERT_TRUE(db.ok());
  ImportOptions import;
  import.paths = {options.out_dir};
  import.report_path = (dir / "rejects.csv").string();
  Result<ImportResult> loaded = Import(db->get(), import);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  for (const Rejection& r : loaded->first_rejections) {
    ADD_FAILURE() << r.file << ", line " << r.line << ", " << r.column << ": " << r.reason;
  }
  EXPECT_EQ(loaded->ExitCode(), 0);

  std::map<std::string, int64_t> accepted;
  for (const FileSummary& f : loaded->files) accepted[f.record_type] += f.accepted;
  for (const auto& [type, rows] : generated->rows_per_file) {
    EXPECT_EQ(accepted[type], rows) << type;
    Result<Statement> count = (*db)->Prepare("SELECT count(*) FROM " + type);
    ASSERT_TRUE(count.ok());
    ASSERT_TRUE(*count->Step());
    EXPECT_EQ(count->ColumnInt(0), rows) << type;
    EXPECT_GT(rows, 0) << type << " is empty";
  }

  Result<ImportResult> again = Import(db->get(), import);
  ASSERT_TRUE(again.ok());
  for (const FileSummary& f : again->files) {
    EXPECT_EQ(f.unchanged, f.read) << f.path;
  }
}

}  // namespace
}  // namespace probation
