// Test support for the analytics golden cases: CSV files written to a fresh temporary folder,
// imported into an in-memory store, and the snapshot, organisation and case facts built.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include <unistd.h>

#include "analytics/case_facts.h"
#include "base/calendar.h"
#include "ingest/importer.h"
#include "measures/organisation.h"
#include "store/schema.h"
#include "store/snapshot.h"

namespace probation::analytics {

struct AnalyticsFixture {
  std::unique_ptr<Database> db;
  std::unique_ptr<Snapshot> snapshot;
  std::unique_ptr<measures::Organisation> organisation;
  std::unique_ptr<CaseFacts> facts;

  // `files`: record type name -> CSV text (header and rows). Fails the test on any rejection.
  void Load(const std::map<std::string, std::string>& files) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() /
                         ("probation-analytics-" + std::to_string(::getpid()) + "-" +
                          ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
    ImportOptions import;
    for (const auto& [type, text] : files) {
      std::ofstream((dir / (type + ".csv")).string()) << text;
      import.paths.push_back((dir / (type + ".csv")).string());
    }
    Result<std::unique_ptr<Database>> opened = OpenStore(":memory:");
    ASSERT_TRUE(opened.ok());
    db = std::move(*opened);
    Result<ImportResult> loaded = Import(db.get(), import);
    fs::remove_all(dir);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    for (const Rejection& r : loaded->first_rejections) {
      ADD_FAILURE() << r.file << ", line " << r.line << ", " << r.column << ": " << r.reason;
    }
    Result<Calendar> calendar =
        Calendar::FromChangesFile(PROBATION_SOURCE_DIR "/reference/bank_holiday_changes.csv");
    ASSERT_TRUE(calendar.ok());
    Result<std::unique_ptr<Snapshot>> built = Snapshot::Load(db.get(), *calendar);
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    snapshot = std::move(*built);
    organisation = std::make_unique<measures::Organisation>(*snapshot);
    facts = std::make_unique<CaseFacts>(*snapshot, *organisation);
  }
};

inline const char* kTestOrgUnits =
    "code,name,level,parent_code\n"
    "R1,Region,region,\n"
    "T1,Trust,trust,R1\n"
    "L1,North LDU,ldu,T1\n"
    "L2,South LDU,ldu,T1\n"
    "TM1,North Team,team,L1\n"
    "TM2,South Team,team,L2\n";

inline const char* kTestStaff =
    "staff_id,surname,forenames,team_code,grade,fte,gender,ethnicity,start_date,end_date\n"
    "S1,North,Nora,TM1,PO,1.0,F,W1,2000-01-04,\n"
    "S2,South,Sam,TM2,PO,1.0,M,B1,2000-01-04,\n";

}  // namespace probation::analytics
