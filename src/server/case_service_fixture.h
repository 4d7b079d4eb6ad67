// The fixture of the case-record tests (case_service_test.cc, case_due_test.cc and
// store/snapshot_delta_test.cc): a small hand-built data set imported into a fresh store for
// each test, and principals of each kind.
//
// The organisation: region R1 > trusts T1, T2; T1 > LDUs L1 (teams TM1, TM2) and L2 (TM3);
// T2 > L3 (TM4). Officers S1 (TM1), S2 (TM2), S3 (TM3), S4 (TM4).
// Cases: X000001 Smith: S2 until 2010-06-30, then S1 (current).
//        X000002 Jones: S1 until 2010-06-30, then S3 (current).
//        X000003 Smith: S2 (current).   X000004 Brown: S4 (current, other trust).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "ingest/importer.h"
#include "server/principal.h"
#include "server/scope.h"
#include "store/schema.h"

namespace probation::testing {

namespace fs = std::filesystem;

inline void WriteFile(const fs::path& path, std::string_view text) {
  std::ofstream out(path);
  out << text;
}

inline void WriteCaseFiles(const fs::path& dir) {
  fs::create_directories(dir);
  WriteFile(dir / "org_units.csv",
            "code,name,level,parent_code\n"
            "R1,Region,region,\nT1,Trust One,trust,R1\nT2,Trust Two,trust,R1\n"
            "L1,LDU One,ldu,T1\nL2,LDU Two,ldu,T1\nL3,LDU Three,ldu,T2\n"
            "TM1,Team One,team,L1\nTM2,Team Two,team,L1\nTM3,Team Three,team,L2\n"
            "TM4,Team Four,team,L3\n");
  WriteFile(dir / "staff.csv",
            "staff_id,surname,forenames,team_code,grade,fte,start_date\n"
            "S1,Ash,Ann,TM1,PO,1.0,2000-01-04\nS2,Birch,Bob,TM2,PO,1.0,2000-01-04\n"
            "S3,Cedar,Cat,TM3,PO,1.0,2000-01-04\nS4,Deal,Dan,TM4,PO,1.0,2000-01-04\n");
  WriteFile(dir / "people.csv",
            "crn,surname,forenames,date_of_birth,gender\n"
            "X000001,Smith,Alan,1980-01-01,M\nX000002,Jones,Beth,1985-06-15,F\n"
            "X000003,Smith,Carl,1990-03-03,M\nX000004,Brown,Dina,1975-12-31,F\n");
  WriteFile(dir / "sentences.csv",
            "crn,event_no,sentence_type,sentence_date,court_code,offence_category,"
            "serious_sexual_violent,start_date,expected_end_date\n"
            "X000001,1,CO,2010-04-01,MC1,theft,N,2010-04-01,2012-03-31\n"
            "X000002,1,CO,2010-04-01,MC1,theft,N,2010-04-01,2012-03-31\n"
            "X000003,1,CO,2010-04-01,MC1,theft,N,2010-04-01,2012-03-31\n"
            "X000004,1,CO,2010-04-01,MC1,theft,N,2010-04-01,2012-03-31\n");
  WriteFile(dir / "responsible_officers.csv",
            "crn,event_no,allocation_no,staff_id,start_date,end_date\n"
            "X000001,1,1,S2,2010-04-01,2010-06-30\nX000001,1,2,S1,2010-07-01,\n"
            "X000002,1,1,S1,2010-04-01,2010-06-30\nX000002,1,2,S3,2010-07-01,\n"
            "X000003,1,1,S2,2010-04-01,\nX000004,1,1,S4,2010-04-01,\n");
  WriteFile(dir / "requirements.csv",
            "crn,event_no,requirement_no,requirement_type,upw_hours_ordered,upw_hours_worked\n"
            "X000001,1,1,UPW,120,40.5\n");
  WriteFile(dir / "contacts.csv",
            "crn,event_no,contact_no,contact_date,contact_type,ns_required,arranged,outcome\n"
            "X000001,1,1,2010-12-01,OM,Y,Y,ATT\nX000001,1,2,2010-12-08,OM,Y,Y,\n");
  // Golden due items (as at Monday 2010-12-20; 27 and 28 December 2010 and 3 January 2011
  // are bank holidays): breach 1 due today (failed), 2 and 3 pending, 4 succeeded, 5 failed.
  WriteFile(dir / "breaches.csv",
            "crn,event_no,breach_no,failure_date,initiated_date\n"
            "X000001,1,1,2010-12-06,\nX000001,1,2,2010-12-14,\nX000001,1,3,2010-12-17,\n"
            "X000001,1,4,2010-12-10,2010-12-13\nX000001,1,5,2010-11-01,\n");
  // Due on a Saturday, counted in calendar days; attributed to its author S1.
  WriteFile(dir / "court_reports.csv",
            "crn,report_no,event_no,report_type,court_code,author_staff_id,requested_date,"
            "due_date,remanded_in_custody\n"
            "X000003,1,1,SDR,CC1,S1,2010-12-01,2010-12-25,N\n");
  WriteFile(dir / "assessments.csv",
            "crn,event_no,assessment_no,assessment_type,started_date,completed_date\n"
            "X000001,1,1,INITIAL,2010-04-02,2010-04-06\n");
  WriteFile(dir / "recalls.csv",
            "crn,event_no,recall_no,recall_type,decision_time\n"
            "X000004,1,1,STANDARD,2010-10-01T10:00\n");
}

inline Principal Practitioner(std::string staff) {
  Principal p;
  p.user_id = 10;
  p.username = "p-" + staff;
  p.role = Role::kPractitioner;
  p.staff_id = std::move(staff);
  return p;
}
inline Principal WithUnit(Role role, std::string unit) {
  Principal p;
  p.user_id = 20;
  p.username = "u-" + unit;
  p.role = role;
  p.unit_code = std::move(unit);
  return p;
}

class CaseServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("case_service_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    WriteCaseFiles(dir_ / "data");
    db_path_ = (dir_ / "store.db").string();
    Result<std::unique_ptr<Database>> db = OpenStore(db_path_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    ImportOptions options;
    options.paths = {(dir_ / "data").string()};
    Result<ImportResult> imported = Import(db_.get(), options);
    ASSERT_TRUE(imported.ok()) << imported.status().ToString();
    ASSERT_EQ(imported->total_rejected, 0)
        << (imported->first_rejections.empty()
                ? ""
                : imported->first_rejections[0].file + ": " + imported->first_rejections[0].column +
                      ": " + imported->first_rejections[0].reason);
  }
  void TearDown() override {
    db_.reset();
    fs::remove_all(dir_);
  }

  CaseAccess Access(const Principal& p, std::string_view crn) {
    Result<CaseAccess> a = AccessToCase(db_.get(), p, crn);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return a.ok() ? *a : CaseAccess::kNone;
  }
  bool InScope(const Principal& p, std::string_view unit) {
    Result<bool> in = UnitInScope(db_.get(), p, unit);
    EXPECT_TRUE(in.ok()) << in.status().ToString();
    return in.ok() && *in;
  }
  int64_t Count(std::string_view sql) {
    Result<Statement> stmt = db_->Prepare(sql);
    EXPECT_TRUE(stmt.ok());
    EXPECT_TRUE(*stmt->Step());
    return stmt->ColumnInt(0);
  }

  fs::path dir_;
  std::string db_path_;
  std::unique_ptr<Database> db_;
};

}  // namespace probation::testing
