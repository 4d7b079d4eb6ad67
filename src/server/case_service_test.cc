// The case-record side of the service on a small hand-built data set: scope for every role,
// case reads, caseloads, what falls due (golden days left over a weekend, bank holidays and
// the as-at date), each write's validation, optimistic concurrency and the live engine.
//
// The organisation: region R1 > trusts T1, T2; T1 > LDUs L1 (teams TM1, TM2) and L2 (TM3);
// T2 > L3 (TM4). Officers S1 (TM1), S2 (TM2), S3 (TM3), S4 (TM4).
// Cases: X000001 Smith: S2 until 2010-06-30, then S1 (current).
//        X000002 Jones: S1 until 2010-06-30, then S3 (current).
//        X000003 Smith: S2 (current).   X000004 Brown: S4 (current, other trust).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "ingest/importer.h"
#include "measures/framework.h"
#include "server/case_repository.h"
#include "server/case_writes.h"
#include "server/due_items.h"
#include "server/live_engine.h"
#include "server/scope.h"
#include "store/schema.h"

namespace probation {
namespace {

namespace fs = std::filesystem;

void WriteFile(const fs::path& path, std::string_view text) {
  std::ofstream out(path);
  out << text;
}

void WriteCaseFiles(const fs::path& dir) {
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

constexpr std::string_view kFramework = R"toml(
id = "test-due"
title = "Due items test"
year = "2010-11"
source = "test"

[[measures]]
code = "BR10"
title = "Breach proceedings within 10 working days"
description = "Breaches initiated within 10 working days of the failure."
kind = "percent"
counts = "breaches"
anchor = "failure_date"
success = "initiated_date <= add_working_days(failure_date, 10)"
deadline = "add_working_days(failure_date, 10)"
target = 90
source = "test"

[[measures]]
code = "REP"
title = "Report delivered by its due date"
description = "Court reports delivered by the date the court set."
kind = "percent"
counts = "court_reports"
anchor = "requested_date"
success = "delivered_date <= due_date"
deadline = "due_date"
target = 90
source = "test"
)toml";

Principal Practitioner(std::string staff) {
  Principal p;
  p.user_id = 10;
  p.username = "p-" + staff;
  p.role = Role::kPractitioner;
  p.staff_id = std::move(staff);
  return p;
}
Principal WithUnit(Role role, std::string unit) {
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

// ---------------------------------------------------------------------------------- scope

TEST_F(CaseServiceTest, PractitionerWritesCurrentCasesAndReadsFormerOnes) {
  const Principal s1 = Practitioner("S1");
  EXPECT_EQ(Access(s1, "X000001"), CaseAccess::kWrite);  // current officer
  EXPECT_EQ(Access(s1, "X000002"), CaseAccess::kRead);   // former officer
  EXPECT_EQ(Access(s1, "X000003"), CaseAccess::kNone);
  EXPECT_EQ(Access(s1, "X000004"), CaseAccess::kNone);
  EXPECT_EQ(Access(s1, "X999999"), CaseAccess::kNone);  // unknown: no different
  EXPECT_TRUE(CanReadCase(db_.get(), s1, "X000002").ok());
  const Status former = CanWriteCase(db_.get(), s1, "X000002", 1);
  EXPECT_EQ(former.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(former.message().find("not one of your current cases"), std::string::npos);
  EXPECT_EQ(CanReadCase(db_.get(), s1, "X000003").code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(CanWriteCase(db_.get(), s1, "X000001", 1).ok());
  // A practitioner without a staff record sees nothing.
  EXPECT_EQ(Access(Practitioner(""), "X000001"), CaseAccess::kNone);
  EXPECT_TRUE(InScope(s1, "S1"));
  EXPECT_FALSE(InScope(s1, "S2"));
  EXPECT_FALSE(InScope(s1, "TM1"));
}

TEST_F(CaseServiceTest, ManagerScopeIsTheUnitBelowThem) {
  const Principal l1 = WithUnit(Role::kManager, "L1");
  EXPECT_EQ(Access(l1, "X000001"), CaseAccess::kWrite);  // S1 in TM1
  EXPECT_EQ(Access(l1, "X000002"), CaseAccess::kRead);   // was with S1; now S3 in L2
  EXPECT_EQ(Access(l1, "X000003"), CaseAccess::kWrite);  // S2 in TM2
  EXPECT_EQ(Access(l1, "X000004"), CaseAccess::kNone);
  EXPECT_EQ(CanWriteCase(db_.get(), l1, "X000002", 1).code(), StatusCode::kPermissionDenied);
  const Principal tm2 = WithUnit(Role::kManager, "TM2");
  EXPECT_EQ(Access(tm2, "X000003"), CaseAccess::kWrite);
  EXPECT_EQ(Access(tm2, "X000001"), CaseAccess::kRead);  // S2 held it until June
  EXPECT_EQ(Access(tm2, "X000002"), CaseAccess::kNone);
  EXPECT_TRUE(InScope(l1, "L1"));
  EXPECT_TRUE(InScope(l1, "TM1"));
  EXPECT_TRUE(InScope(l1, "S2"));
  EXPECT_FALSE(InScope(l1, "L2"));
  EXPECT_FALSE(InScope(l1, "S3"));
  EXPECT_FALSE(InScope(l1, "T1"));
  EXPECT_FALSE(InScope(l1, "NOPE"));
}

TEST_F(CaseServiceTest, AnalystReadsTheTrustAndWritesNothing) {
  const Principal t1 = WithUnit(Role::kPerformanceAnalyst, "T1");
  EXPECT_EQ(Access(t1, "X000001"), CaseAccess::kRead);
  EXPECT_EQ(Access(t1, "X000002"), CaseAccess::kRead);
  EXPECT_EQ(Access(t1, "X000003"), CaseAccess::kRead);
  EXPECT_EQ(Access(t1, "X000004"), CaseAccess::kNone);
  EXPECT_EQ(CanWriteCase(db_.get(), t1, "X000001", 1).code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(InScope(t1, "L2"));
  EXPECT_TRUE(InScope(t1, "S3"));
  EXPECT_FALSE(InScope(t1, "TM4"));
  EXPECT_FALSE(InScope(t1, "S4"));
}

TEST_F(CaseServiceTest, BoardMemberAndAdministratorSeeNoCaseRecords) {
  for (Role role : {Role::kBoardMember, Role::kAdministrator}) {
    const Principal p = WithUnit(role, "T1");
    for (const char* crn : {"X000001", "X000002", "X000003", "X000004"}) {
      EXPECT_EQ(Access(p, crn), CaseAccess::kNone) << RoleName(role) << " " << crn;
    }
    EXPECT_FALSE(InScope(p, "T1"));
    EXPECT_EQ(CanWriteCase(db_.get(), p, "X000001", 1).code(), StatusCode::kPermissionDenied);
    EXPECT_EQ(ReadCase(db_.get(), p, "X000001").status().code(), StatusCode::kPermissionDenied);
    Result<CaseSearchResult> found = SearchCases(db_.get(), p, "Smith", {});
    ASSERT_TRUE(found.ok());
    EXPECT_TRUE(found->cases.empty());
  }
}

// ------------------------------------------------------------------------------ case reads

TEST_F(CaseServiceTest, ReadCaseHoldsEveryRecordOfThePerson) {
  Result<CaseRecord> c = ReadCase(db_.get(), Practitioner("S1"), "X000001");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(c->writable);
  EXPECT_EQ(c->person.Value("surname"), "Smith");
  EXPECT_EQ(c->Records("sentences").size(), 1u);
  EXPECT_EQ(c->Records("responsible_officers").size(), 2u);
  EXPECT_EQ(c->Records("contacts").size(), 2u);
  EXPECT_EQ(c->Records("breaches").size(), 5u);
  EXPECT_EQ(c->Records("assessments").size(), 1u);
  EXPECT_TRUE(c->Records("recalls").empty());
  ASSERT_EQ(c->Records("requirements").size(), 1u);
  const nlohmann::json j = c->ToJson();
  const nlohmann::json& req = j.at("records").at("requirements").at(0);
  EXPECT_EQ(req.at("key"), "X000001/1/1");
  EXPECT_EQ(req.at("version"), 1);
  EXPECT_EQ(req.at("fields").at("upw_hours_ordered"), 120);
  EXPECT_DOUBLE_EQ(req.at("fields").at("upw_hours_worked").get<double>(), 40.5);
  const nlohmann::json& contact = j.at("records").at("contacts").at(1);
  EXPECT_EQ(contact.at("key"), "X000001/1/2");
  EXPECT_EQ(contact.at("fields").at("ns_required"), true);
  EXPECT_TRUE(contact.at("fields").at("outcome").is_null());
  EXPECT_EQ(j.at("person").at("fields").at("date_of_birth"), "1980-01-01");
  // Every record type keyed by CRN is listed, empty or not.
  EXPECT_TRUE(j.at("records").contains("registrations"));
  EXPECT_TRUE(j.at("records").contains("court_reports"));
  // A former officer reads, but the record says it is not theirs to change.
  Result<CaseRecord> former = ReadCase(db_.get(), Practitioner("S1"), "X000002");
  ASSERT_TRUE(former.ok());
  EXPECT_FALSE(former->writable);
}

TEST_F(CaseServiceTest, SearchFindsByCrnOrSurnameWithinScope) {
  Result<CaseSearchResult> mine = SearchCases(db_.get(), Practitioner("S1"), "smith", {});
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  ASSERT_EQ(mine->cases.size(), 1u);
  EXPECT_EQ(mine->cases[0].crn, "X000001");
  Result<CaseSearchResult> team =
      SearchCases(db_.get(), WithUnit(Role::kManager, "L1"), "SMITH", {});
  ASSERT_TRUE(team.ok());
  ASSERT_EQ(team->cases.size(), 2u);
  EXPECT_EQ(team->cases[1].crn, "X000003");
  Result<CaseSearchResult> page =
      SearchCases(db_.get(), WithUnit(Role::kManager, "L1"), "Smith", Paging{1, 1});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->cases.size(), 1u);
  EXPECT_EQ(page->cases[0].crn, "X000003");
  EXPECT_FALSE(page->more);
  Result<CaseSearchResult> first =
      SearchCases(db_.get(), WithUnit(Role::kManager, "L1"), "Smith", Paging{1, 0});
  EXPECT_TRUE(first->more);
  Result<CaseSearchResult> by_crn = SearchCases(db_.get(), Practitioner("S1"), "X000002", {});
  ASSERT_EQ(by_crn->cases.size(), 1u);  // a former case
  EXPECT_TRUE(SearchCases(db_.get(), Practitioner("S1"), "X000004", {})->cases.empty());
  EXPECT_EQ(SearchCases(db_.get(), Practitioner("S1"), "", {}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(SearchCases(db_.get(), Practitioner("S1"), "x", Paging{0, 0}).status().code(),
            StatusCode::kInvalidArgument);
}

// ------------------------------------------------------------------------ what falls due

class DueTest : public CaseServiceTest {
 protected:
  void SetUp() override {
    CaseServiceTest::SetUp();
    const fs::path file = dir_ / "test-due.toml";
    WriteFile(file, kFramework);
    Result<measures::Framework> framework = measures::LoadFramework(file.string());
    ASSERT_TRUE(framework.ok()) << framework.status().ToString();
    std::vector<measures::Framework> frameworks;
    frameworks.push_back(std::move(*framework));
    LiveEngineOptions options;
    options.db_path = db_path_;
    options.as_at = Date::Parse("2010-12-20").value();
    options.use_image = false;
    Result<std::unique_ptr<LiveEngine>> live =
        LiveEngine::Start(options, calendar_, std::move(frameworks));
    ASSERT_TRUE(live.ok()) << live.status().ToString();
    live_ = std::move(*live);
  }
  void TearDown() override {
    live_.reset();
    CaseServiceTest::TearDown();
  }
  const DueIndex& Due() {
    Result<const DueIndex*> due = live_->Current()->Due();
    EXPECT_TRUE(due.ok()) << due.status().ToString();
    return **due;
  }
  DueList For(std::string_view code, size_t limit = 0, size_t offset = 0) {
    const measures::Organisation& org = live_->Current()->organisation();
    Result<measures::UnitRef> unit = org.Find(code);
    EXPECT_TRUE(unit.ok());
    return Due().For(*unit, std::string(code), limit, offset);
  }
  measures::Tally BreachTally(std::string_view unit) {
    std::shared_ptr<const EngineVersion> v = live_->Current();
    const measures::Measure* m = live_->frameworks()[0].FindMeasure("BR10");
    const measures::Period fy = measures::ParsePeriod("FY2010").value();
    const measures::UnitRef u = v->organisation().Find(unit).value();
    auto tallies = v->engine().Tallies(*m, std::span(&fy, 1), std::span(&u, 1));
    EXPECT_TRUE(tallies.ok());
    return (*tallies)[0][0];
  }

  Calendar calendar_ = Calendar::RulesOnly();
  std::unique_ptr<LiveEngine> live_;
};

TEST_F(DueTest, CalendarHasTheBankHolidaysTheGoldensAssume) {
  for (const char* d : {"2010-12-27", "2010-12-28", "2011-01-03"}) {
    EXPECT_TRUE(calendar_.IsBankHoliday(Date::Parse(d).value())) << d;
  }
}

TEST_F(DueTest, OfficerGetsPendingItemsSoonestFirstAndFailedOnes) {
  const DueList list = For("S1");
  EXPECT_EQ(list.as_at.ToString(), "2010-12-20");
  EXPECT_EQ(list.fy_label, "2010-11");
  ASSERT_EQ(list.pending.size(), 4u);
  // Failure Monday 6 December -> due on the as-at date itself: due today, pending with 0 days
  // left (a deadline has not passed until its day is over).
  EXPECT_EQ(list.pending[0].record_key, "X000001/1/1");
  EXPECT_EQ(list.pending[0].deadline.ToString(), "2010-12-20");
  EXPECT_EQ(list.pending[0].days_left, 0);
  EXPECT_FALSE(list.pending[0].failed);
  // Report due Saturday 25 December: 5 calendar days.
  EXPECT_EQ(list.pending[1].record_key, "X000003/1");
  EXPECT_EQ(list.pending[1].measure, "REP");
  EXPECT_EQ(list.pending[1].deadline.ToString(), "2010-12-25");
  EXPECT_EQ(list.pending[1].days_left, 5);
  EXPECT_FALSE(list.pending[1].working_days);
  EXPECT_EQ(list.pending[1].crn, "X000003");
  EXPECT_EQ(list.pending[1].officer, "S1");
  // Failure Tuesday 14 December: 10 working days skip Christmas's two bank holidays -> 30
  // December; 6 working days from the 20th (21-24, 29, 30).
  EXPECT_EQ(list.pending[2].record_key, "X000001/1/2");
  EXPECT_EQ(list.pending[2].deadline.ToString(), "2010-12-30");
  EXPECT_EQ(list.pending[2].days_left, 6);
  EXPECT_TRUE(list.pending[2].working_days);
  // Failure Friday 17 December -> 5 January (3 January a bank holiday); 9 working days.
  EXPECT_EQ(list.pending[3].record_key, "X000001/1/3");
  EXPECT_EQ(list.pending[3].deadline.ToString(), "2011-01-05");
  EXPECT_EQ(list.pending[3].days_left, 9);
  // Failed this year: one 25 working days overdue.
  ASSERT_EQ(list.failed.size(), 1u);
  EXPECT_EQ(list.failed[0].record_key, "X000001/1/5");
  EXPECT_EQ(list.failed[0].deadline.ToString(), "2010-11-15");
  EXPECT_EQ(list.failed[0].days_left, -25);
  EXPECT_TRUE(list.failed[0].failed);
  const nlohmann::json j = list.ToJson();
  EXPECT_EQ(j.at("pending").at(2).at("days"), "working");
  EXPECT_EQ(j.at("pending").at(1).at("days"), "calendar");
  EXPECT_EQ(j.at("failed").at(0).at("status"), "failed");
}

TEST_F(DueTest, UnitsRollUpAndOtherOfficersSeeNone) {
  EXPECT_EQ(For("TM1").pending.size(), 4u);
  EXPECT_EQ(For("L1").pending.size(), 4u);
  EXPECT_EQ(For("T1").failed.size(), 1u);
  EXPECT_TRUE(For("S2").pending.empty());
  EXPECT_TRUE(For("L2").pending.empty());
  const DueList page = For("S1", 1, 1);
  EXPECT_EQ(page.pending_total, 4);
  ASSERT_EQ(page.pending.size(), 1u);
  EXPECT_EQ(page.pending[0].record_key, "X000003/1");
}

TEST_F(DueTest, CaseloadListsCurrentCasesWithTheirNextDueItem) {
  Result<Caseload> mine = ReadCaseload(db_.get(), Practitioner("S1"), "S1", {}, &Due());
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  ASSERT_EQ(mine->cases.size(), 1u);  // X000002 was S1's, but is no longer
  EXPECT_EQ(mine->cases[0].crn, "X000001");
  EXPECT_EQ(mine->cases[0].officer_name, "Ann Ash");
  ASSERT_TRUE(mine->cases[0].next_due.has_value());
  EXPECT_EQ(mine->cases[0].next_due->record_key, "X000001/1/1");  // due today
  const Principal l1 = WithUnit(Role::kManager, "L1");
  Result<Caseload> ldu = ReadCaseload(db_.get(), l1, "L1", {}, &Due());
  ASSERT_TRUE(ldu.ok());
  EXPECT_EQ(ldu->total, 2);
  ASSERT_EQ(ldu->cases.size(), 2u);
  EXPECT_EQ(ldu->cases[1].crn, "X000003");
  EXPECT_EQ(ldu->cases[1].next_due->record_key, "X000003/1");  // the report, by its crn
  Result<Caseload> second = ReadCaseload(db_.get(), l1, "L1", Paging{1, 1}, &Due());
  ASSERT_EQ(second->cases.size(), 1u);
  EXPECT_EQ(second->cases[0].crn, "X000003");
  EXPECT_EQ(second->total, 2);
  EXPECT_EQ(ReadCaseload(db_.get(), l1, "L2", {}, nullptr).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(ReadCaseload(db_.get(), Practitioner("S1"), "S2", {}, nullptr).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(ReadCaseload(db_.get(), WithUnit(Role::kBoardMember, "T1"), "T1", {}, nullptr)
                .status()
                .code(),
            StatusCode::kPermissionDenied);
}

// ---------------------------------------------------------------------------------- writes

TEST_F(CaseServiceTest, RecordContactTakesTheNextNumber) {
  NewContact c{"X000001", 1, "2010-12-15", "OM", "Y", "Y", "ATT", "", "", "S1"};
  Result<WriteResult> w = RecordContact(db_.get(), Practitioner("S1"), c);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_TRUE(w->created);
  EXPECT_EQ(w->record.key, "X000001/1/3");
  EXPECT_EQ(w->record.version, 1);
  EXPECT_EQ(w->changed_types, std::vector<std::string>{"contacts"});
  EXPECT_EQ(Count("SELECT count(*) FROM contacts WHERE crn = 'X000001'"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM record_changes WHERE record_type = 'contacts' AND "
                  "record_key = 'X000001/1/3'"),
            1);
  // A manager within scope records one too; the number after.
  Result<WriteResult> m = RecordContact(db_.get(), WithUnit(Role::kManager, "L1"), c);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->record.key, "X000001/1/4");
}

TEST_F(CaseServiceTest, WritesAreRefusedOutsideScopeAndForReadOnlyRoles) {
  const NewContact c{"X000001", 1, "2010-12-15", "OM", "Y", "Y", "ATT", "", "", ""};
  EXPECT_EQ(RecordContact(db_.get(), Practitioner("S2"), c).status().code(),  // former officer
            StatusCode::kPermissionDenied);
  EXPECT_EQ(RecordContact(db_.get(), WithUnit(Role::kPerformanceAnalyst, "T1"), c).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(RecordContact(db_.get(), WithUnit(Role::kBoardMember, "T1"), c).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(RecordContact(db_.get(), WithUnit(Role::kAdministrator, "T1"), c).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(RecordContact(db_.get(), WithUnit(Role::kManager, "L2"), c).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(Count("SELECT count(*) FROM contacts"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM record_changes"), 0);
}

TEST_F(CaseServiceTest, ContactValidationNamesTheField) {
  const Principal s1 = Practitioner("S1");
  auto field_of = [&](NewContact c) {
    Result<WriteResult> w = RecordContact(db_.get(), s1, c);
    EXPECT_EQ(w.status().code(), StatusCode::kInvalidArgument) << w.status().ToString();
    return ErrorField(w.status());
  };
  const NewContact good{"X000001", 1, "2010-12-15", "OM", "Y", "Y", "", "", "", ""};
  NewContact c = good;
  c.contact_date = "2010-13-01";
  EXPECT_EQ(field_of(c), "contact_date");
  c = good;
  c.contact_date = "";
  EXPECT_EQ(field_of(c), "contact_date");
  c = good;
  c.contact_type = "XX";
  EXPECT_EQ(field_of(c), "contact_type");
  c = good;
  c.ns_required = "maybe";
  EXPECT_EQ(field_of(c), "ns_required");
  c = good;
  c.outcome = "LATE";
  EXPECT_EQ(field_of(c), "outcome");
  c = good;
  c.hours_credited = "25";  // bounds 0 to 24
  EXPECT_EQ(field_of(c), "hours_credited");
  c = good;
  c.requirement_no = "5";  // the parent must exist
  EXPECT_EQ(field_of(c), "requirement_no");
  Result<WriteResult> w = RecordContact(db_.get(), s1, c);
  EXPECT_NE(w.status().message().find("no requirements record with key X000001/1/5"),
            std::string::npos)
      << w.status().message();
  c = good;
  c.staff_id = "S99";
  EXPECT_EQ(field_of(c), "staff_id");
  c = good;
  c.requirement_no = "1";  // exists: accepted
  EXPECT_TRUE(RecordContact(db_.get(), s1, c).ok());
  EXPECT_EQ(Count("SELECT count(*) FROM contacts"), 3);
}

TEST_F(CaseServiceTest, BreachValidationUsesTheLoadersRowRules) {
  const Principal s1 = Practitioner("S1");
  NewBreach b{"X000001", 1, "2010-12-15", "2010-12-10", "", ""};
  Result<WriteResult> w = RecordBreach(db_.get(), s1, b);
  ASSERT_EQ(w.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorField(w.status()), "initiated_date");
  EXPECT_NE(
      w.status().message().find("initiated_date 2010-12-10 is before failure_date 2010-12-15"),
      std::string::npos)
      << w.status().message();
  b = {"X000001", 1, "2010-12-15", "2010-12-16", "2011-01-10", ""};
  w = RecordBreach(db_.get(), s1, b);
  EXPECT_EQ(ErrorField(w.status()), "outcome");
  EXPECT_NE(w.status().message().find("a value is required when resolved_date is given"),
            std::string::npos);
  b.outcome = "CONTINUED";
  w = RecordBreach(db_.get(), s1, b);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_EQ(w->record.key, "X000001/1/6");
  // Initiating an existing breach: an update at the version read.
  Result<WriteResult> up = UpdateBreach(
      db_.get(), s1, BreachUpdate{"X000001", 1, 2, 1, "2010-12-21", std::nullopt, std::nullopt});
  ASSERT_TRUE(up.ok()) << up.status().ToString();
  EXPECT_EQ(up->record.Value("initiated_date"), "2010-12-21");
  EXPECT_EQ(up->record.version, 2);
}

TEST_F(CaseServiceTest, AssessmentAndRecallWrites) {
  const Principal s1 = Practitioner("S1");
  Result<WriteResult> bad = RecordAssessmentDates(
      db_.get(), s1, AssessmentDates{"X000001", 1, 1, 1, std::nullopt, "2010-04-01"});
  EXPECT_EQ(ErrorField(bad.status()), "completed_date");
  Result<WriteResult> ok = RecordAssessmentDates(
      db_.get(), s1, AssessmentDates{"X000001", 1, 1, 1, "2010-04-03", "2010-04-08"});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->record.Value("completed_date"), "2010-04-08");
  EXPECT_EQ(ok->record.version, 2);
  Result<WriteResult> fresh =
      RecordAssessment(db_.get(), s1, NewAssessment{"X000001", 1, "REVIEW", "2010-12-01", ""});
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  EXPECT_EQ(fresh->record.key, "X000001/1/2");
  EXPECT_EQ(ErrorField(RecordAssessment(db_.get(), s1,
                                        NewAssessment{"X000001", 1, "ANNUAL", "2010-12-01", ""})
                           .status()),
            "assessment_type");
  EXPECT_EQ(
      ErrorField(RecordRecall(db_.get(), s1, NewRecall{"X000001", 1, "STANDARD", "2010-12-01", ""})
                     .status()),
      "decision_time");
  Result<WriteResult> recall = RecordRecall(
      db_.get(), s1, NewRecall{"X000001", 1, "STANDARD", "2010-12-01T09:30", "2010-12-01T15:00"});
  ASSERT_TRUE(recall.ok()) << recall.status().ToString();
  EXPECT_EQ(recall->record.key, "X000001/1/1");
  EXPECT_EQ(
      ErrorField(UpdateRecall(db_.get(), s1,
                              RecallUpdate{"X000001", 1, 1, 1, std::nullopt, "2010-11-30T09:00"})
                     .status()),
      "request_received_time");
  // Fields the service does not set, and keys that do not exist.
  Result<WriteResult> sneaky =
      UpdateCaseRecord(db_.get(), s1, "contacts", "X000001", 1, 1, 1, {{"contact_no", "9"}});
  EXPECT_EQ(ErrorField(sneaky.status()), "contact_no");
  EXPECT_EQ(UpdateCaseRecord(db_.get(), s1, "contacts", "X000001", 1, 99, 1, {{"outcome", "ATT"}})
                .status()
                .code(),
            StatusCode::kNotFound);
  EXPECT_EQ(ErrorField(CreateCaseRecord(db_.get(), s1, "people", "X000001", 1, {}).status()),
            "record_type");
}

TEST_F(CaseServiceTest, StaleVersionIsAConflictAndNothingIsLost) {
  const Principal s1 = Practitioner("S1");
  const Principal l1 = WithUnit(Role::kManager, "L1");
  Result<CaseRecord> read = ReadCase(db_.get(), s1, "X000001");
  ASSERT_TRUE(read.ok());
  const int64_t version = read->Records("contacts")[1].version;
  EXPECT_EQ(version, 1);
  // The manager records the outcome first.
  Result<WriteResult> first =
      RecordContactOutcome(db_.get(), l1, ContactOutcome{"X000001", 1, 2, version, "AA", {}});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->record.version, 2);
  // The practitioner, still holding version 1, is refused.
  Result<WriteResult> stale =
      RecordContactOutcome(db_.get(), s1, ContactOutcome{"X000001", 1, 2, version, "UA", {}});
  ASSERT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_NE(stale.status().message().find("version 2"), std::string::npos);
  Result<CaseRecord> after = ReadCase(db_.get(), s1, "X000001");
  EXPECT_EQ(after->Records("contacts")[1].Value("outcome"), "AA");  // nothing lost
  EXPECT_EQ(after->Records("contacts")[1].version, 2);
  // Read again, then write: accepted.
  Result<WriteResult> again =
      RecordContactOutcome(db_.get(), s1, ContactOutcome{"X000001", 1, 2, 2, "UA", {}});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->record.version, 3);
  // An import that changes the record raises its version too.
  ASSERT_TRUE(db_->Execute("UPDATE contacts SET outcome = 'ATT' WHERE crn = 'X000001' AND "
                           "contact_no = 2")
                  .ok());
  EXPECT_EQ(RecordContactOutcome(db_.get(), s1, ContactOutcome{"X000001", 1, 2, 3, "AA", {}})
                .status()
                .code(),
            StatusCode::kConflict);
}

// ------------------------------------------------------------------------------ live engine

// Every table's rows, columns (values, bit for bit, and dictionaries) and relations agree.
void ExpectSameSnapshot(const Snapshot& a, const Snapshot& b) {
  for (const RecordType& type : AllRecordTypes()) {
    const SnapshotTable& x = a.table(type);
    const SnapshotTable& y = b.table(type);
    ASSERT_EQ(x.rows, y.rows) << type.name;
    for (size_t f = 0; f < type.fields.size(); ++f) {
      const SnapshotColumn& c = x.columns[f];
      const SnapshotColumn& d = y.columns[f];
      EXPECT_EQ(c.i32, d.i32) << type.name << "." << type.fields[f].name;
      EXPECT_EQ(c.i64, d.i64) << type.name << "." << type.fields[f].name;
      EXPECT_EQ(c.i8, d.i8) << type.name << "." << type.fields[f].name;
      EXPECT_EQ(c.text, d.text) << type.name << "." << type.fields[f].name;
      EXPECT_EQ(c.dictionary, d.dictionary) << type.name << "." << type.fields[f].name;
      ASSERT_EQ(c.f64.size(), d.f64.size());
      if (!c.f64.empty()) {  // memcmp may not be given the null data() of an empty column
        EXPECT_EQ(std::memcmp(c.f64.data(), d.f64.data(), c.f64.size() * sizeof(double)), 0)
            << type.name << "." << type.fields[f].name;
      }
    }
    EXPECT_EQ(x.relations, y.relations) << type.name;
  }
  EXPECT_EQ(a.latest_activity(), b.latest_activity());
}

TEST_F(CaseServiceTest, ReloadingTheChangedTablesGivesTheSnapshotLoadGives) {
  const Calendar calendar = Calendar::RulesOnly();
  Result<std::unique_ptr<Snapshot>> before = Snapshot::Load(db_.get(), calendar);
  ASSERT_TRUE(before.ok());
  const Principal s1 = Practitioner("S1");
  ASSERT_TRUE(RecordBreach(db_.get(), s1, NewBreach{"X000001", 1, "2010-12-18", "", "", ""}).ok());
  ASSERT_TRUE(
      RecordContact(db_.get(), s1,
                    NewContact{"X000001", 1, "2010-12-21", "OM", "Y", "Y", "ATT", "1", "", "S1"})
          .ok());
  ASSERT_TRUE(
      RecordContactOutcome(db_.get(), s1, ContactOutcome{"X000001", 1, 2, 1, "ATT", {}}).ok());
  Result<std::unique_ptr<Snapshot>> loaded = Snapshot::Load(db_.get(), calendar);
  ASSERT_TRUE(loaded.ok());
  const std::vector<std::string> changed = {"breaches", "contacts"};
  Result<std::unique_ptr<Snapshot>> reloaded =
      Snapshot::Reload(db_.get(), calendar, **before, changed);
  ASSERT_TRUE(reloaded.ok()) << reloaded.status().ToString();
  ExpectSameSnapshot(**loaded, **reloaded);
  EXPECT_EQ((*reloaded)->table(*FindRecordType("contacts")).rows, 3u);  // two, and one new
  // Tables unrelated to the change are shared, not copied; sentences (whose relations lead to
  // breaches and contacts) is a copy.
  for (const char* shared : {"people", "staff", "org_units", "registrations", "requirements"}) {
    EXPECT_EQ(&(*reloaded)->table(*FindRecordType(shared)),
              &(*before)->table(*FindRecordType(shared)))
        << shared;
  }
  for (const char* own : {"sentences", "breaches", "contacts"}) {
    EXPECT_NE(&(*reloaded)->table(*FindRecordType(own)), &(*before)->table(*FindRecordType(own)))
        << own;
  }
  EXPECT_EQ(Snapshot::Reload(db_.get(), calendar, **before, std::vector<std::string>{"nope"})
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

// A contact row as the store holds it (bools 1/0, blanks NULL).
std::string ContactRow(std::string_view key, std::string_view date, std::string_view outcome,
                       std::string_view requirement, std::string_view staff) {
  auto value = [](std::string_view v) {
    return v.empty() ? std::string("NULL") : "'" + std::string(v) + "'";
  };
  std::string crn(key.substr(0, 7));
  const size_t slash = key.rfind('/');
  return "INSERT INTO contacts (crn, event_no, contact_no, contact_date, contact_type, "
         "ns_required, arranged, outcome, requirement_no, hours_credited, staff_id) VALUES ('" +
         crn + "', 1, " + std::string(key.substr(slash + 1)) + ", '" + std::string(date) +
         "', 'OM', 1, 1, " + value(outcome) + ", " +
         (requirement.empty() ? "NULL" : std::string(requirement)) + ", NULL, " + value(staff) +
         ")";
}

Snapshot::ChangedRows Rows(std::string_view type, std::vector<std::vector<std::string>> keys) {
  return Snapshot::ChangedRows{FindRecordType(type), std::move(keys)};
}

TEST_F(CaseServiceTest, MergingTheWrittenRowsGivesTheSnapshotLoadGives) {
  const Calendar calendar = Calendar::RulesOnly();
  // Contact 10 first, so that 5 below goes between two of X000001/1's children.
  ASSERT_TRUE(db_->Execute(ContactRow("X000001/1/10", "2010-12-15", "", "", "")).ok());
  Result<std::unique_ptr<Snapshot>> first = Snapshot::Load(db_.get(), calendar);
  ASSERT_TRUE(first.ok());
  // Inserts: in the middle of a parent's children (5, with a staff text the column has never
  // held), the first child of another parent (X000002/1, in the middle of the table; staff
  // S1), the last row of the table (X000004/1, tied to no requirement); an update of an old
  // row (2's outcome) and of a breach; a breach inserted after its parent's last child.
  ASSERT_TRUE(db_->Execute(ContactRow("X000001/1/5", "2010-12-10", "ATT", "1", "S2")).ok());
  ASSERT_TRUE(db_->Execute(ContactRow("X000002/1/1", "2010-12-11", "", "", "S1")).ok());
  ASSERT_TRUE(db_->Execute(ContactRow("X000004/1/1", "2010-12-21", "ATT", "", "S4")).ok());
  ASSERT_TRUE(db_->Execute("UPDATE contacts SET outcome = 'AA' WHERE crn = 'X000001' AND "
                           "contact_no = 2")
                  .ok());
  ASSERT_TRUE(db_->Execute("UPDATE breaches SET initiated_date = '2010-12-07' WHERE crn = "
                           "'X000001' AND breach_no = 1")
                  .ok());
  ASSERT_TRUE(db_->Execute("INSERT INTO breaches (crn, event_no, breach_no, failure_date) "
                           "VALUES ('X000001', 1, 6, '2010-12-19')")
                  .ok());
  // Keys in any order, repeated.
  const std::vector<Snapshot::ChangedRows> written = {
      Rows("contacts", {{"X000004", "1", "1"},
                        {"X000001", "1", "5"},
                        {"X000001", "1", "2"},
                        {"X000002", "1", "1"},
                        {"X000001", "1", "5"}}),
      Rows("breaches", {{"X000001", "1", "6"}, {"X000001", "1", "1"}})};
  Result<std::unique_ptr<Snapshot>> merged =
      Snapshot::Reload(db_.get(), calendar, **first, {}, written);
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  Result<std::unique_ptr<Snapshot>> loaded = Snapshot::Load(db_.get(), calendar);
  ASSERT_TRUE(loaded.ok());
  ExpectSameSnapshot(**loaded, **merged);
  const SnapshotTable& contacts = (*merged)->table(*FindRecordType("contacts"));
  ASSERT_EQ(contacts.rows, 6u);
  EXPECT_EQ(contacts.KeyText(2), "X000001/1/5");
  EXPECT_EQ(contacts.KeyText(4), "X000002/1/1");
  // The requirement found by key; sentence X000002/1's children are its new contact.
  const SnapshotTable& sentences = (*merged)->table(*FindRecordType("sentences"));
  const int to_requirement =
      contacts.RelationSlot(FindRelation(*FindRecordType("contacts"), "requirement"));
  EXPECT_EQ(contacts.relations[to_requirement], (std::vector<int32_t>{-1, -1, 0, -1, -1, -1}));
  const int children =
      sentences.RelationSlot(FindRelation(*FindRecordType("sentences"), "contacts"));
  EXPECT_EQ(sentences.relations[children], (std::vector<int32_t>{0, 4, 5, 5, 6}));
  for (const char* shared : {"people", "staff", "org_units", "registrations", "requirements"}) {
    EXPECT_EQ(&(*merged)->table(*FindRecordType(shared)), &(*first)->table(*FindRecordType(shared)))
        << shared;
  }

  // A second round on the merged snapshot: S1 is written before the row that held it first
  // (so Load numbers the staff texts in another order), S2's only row changes to S3 (so S2 is
  // held by no row and Load has no such text), and a row named twice in two types' lists.
  ASSERT_TRUE(db_->Execute(ContactRow("X000001/1/4", "2010-12-09", "", "", "S1")).ok());
  ASSERT_TRUE(db_->Execute("UPDATE contacts SET staff_id = 'S3' WHERE crn = 'X000001' AND "
                           "contact_no = 5")
                  .ok());
  const std::vector<Snapshot::ChangedRows> again = {
      Rows("contacts", {{"X000001", "1", "5"}, {"X000001", "1", "4"}})};
  Result<std::unique_ptr<Snapshot>> merged_again =
      Snapshot::Reload(db_.get(), calendar, **merged, {}, again);
  ASSERT_TRUE(merged_again.ok()) << merged_again.status().ToString();
  Result<std::unique_ptr<Snapshot>> loaded_again = Snapshot::Load(db_.get(), calendar);
  ASSERT_TRUE(loaded_again.ok());
  ExpectSameSnapshot(**loaded_again, **merged_again);
  const SnapshotColumn& staff = (*merged_again)
                                    ->table(*FindRecordType("contacts"))
                                    .columns[FindRecordType("contacts")->FieldIndex("staff_id")];
  EXPECT_EQ(staff.dictionary, (std::vector<std::string>{"S1", "S3", "S4"}));

  // A named row the store does not hold (deleted by other means): the table is read whole.
  ASSERT_TRUE(db_->Execute("DELETE FROM contacts WHERE crn = 'X000004'").ok());
  const std::vector<Snapshot::ChangedRows> gone = {Rows("contacts", {{"X000004", "1", "1"}})};
  Result<std::unique_ptr<Snapshot>> reread =
      Snapshot::Reload(db_.get(), calendar, **merged_again, {}, gone);
  ASSERT_TRUE(reread.ok()) << reread.status().ToString();
  Result<std::unique_ptr<Snapshot>> loaded_last = Snapshot::Load(db_.get(), calendar);
  ASSERT_TRUE(loaded_last.ok());
  ExpectSameSnapshot(**loaded_last, **reread);
}

// Random writes through the service's write path, merged round after round by the live
// engine: every version equals a Load of the store at its mark.
TEST_F(CaseServiceTest, TheLiveEngineMergesEveryWriteAsLoadWouldReadIt) {
  const Calendar calendar = Calendar::RulesOnly();
  LiveEngineOptions options;
  options.db_path = db_path_;
  options.use_image = false;
  Result<std::unique_ptr<LiveEngine>> live = LiveEngine::Start(options, calendar, {});
  ASSERT_TRUE(live.ok()) << live.status().ToString();
  const Principal s1 = Practitioner("S1");
  uint32_t seed = 12345;
  const auto next = [&](uint32_t n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) % n;
  };
  const char* const outcomes[] = {"ATT", "AA", "UA", ""};
  for (int round = 0; round < 6; ++round) {
    for (int w = 0; w < 4; ++w) {
      const std::string date = "2010-12-" + std::to_string(10 + next(9));
      switch (next(4)) {
        case 0:
          ASSERT_TRUE(RecordContact(db_.get(), s1,
                                    NewContact{"X000001", 1, date, "OM", "Y", "Y",
                                               outcomes[next(4)], next(2) ? "1" : "", "", "S1"})
                          .ok());
          break;
        case 1:
          ASSERT_TRUE(RecordBreach(db_.get(), s1, NewBreach{"X000001", 1, date, "", "", ""}).ok());
          break;
        case 2: {
          Result<CaseRecord> read = ReadCase(db_.get(), s1, "X000001");
          ASSERT_TRUE(read.ok());
          const auto& contacts = read->Records("contacts");
          const auto& c = contacts[next(static_cast<uint32_t>(contacts.size()))];
          const int64_t number = std::stoll(c.key.substr(c.key.rfind('/') + 1));
          ASSERT_TRUE(
              RecordContactOutcome(
                  db_.get(), s1,
                  ContactOutcome{"X000001", 1, number, c.version, next(2) ? "ATT" : "UA", {}})
                  .ok());
          break;
        }
        default:
          ASSERT_TRUE(
              RecordAssessment(db_.get(), s1, NewAssessment{"X000001", 1, "REVIEW", date, ""})
                  .ok());
      }
    }
    Result<bool> refreshed = (*live)->Refresh();
    ASSERT_TRUE(refreshed.ok()) << refreshed.status().ToString();
    ASSERT_TRUE(*refreshed);
    Result<std::unique_ptr<Snapshot>> loaded = Snapshot::Load(db_.get(), calendar);
    ASSERT_TRUE(loaded.ok());
    ExpectSameSnapshot(**loaded, (*live)->Current()->snapshot());
  }
}

TEST_F(DueTest, AWriteReachesTheScorecardAfterRefresh) {
  const measures::Tally before = BreachTally("S1");
  EXPECT_EQ(before.succeeded, 1);
  EXPECT_EQ(before.pending, 3);  // one of them due today, the as-at date
  EXPECT_EQ(before.failed, 1);
  std::shared_ptr<const EngineVersion> old_version = live_->Current();
  Result<bool> unchanged = live_->Refresh();
  ASSERT_TRUE(unchanged.ok());
  EXPECT_FALSE(*unchanged);
  // Breach 2 initiated: pending -> succeeded.
  ASSERT_TRUE(
      UpdateBreach(db_.get(), Practitioner("S1"),
                   BreachUpdate{"X000001", 1, 2, 1, "2010-12-20", std::nullopt, std::nullopt})
          .ok());
  Result<bool> refreshed = live_->Refresh();
  ASSERT_TRUE(refreshed.ok()) << refreshed.status().ToString();
  EXPECT_TRUE(*refreshed);
  EXPECT_EQ(live_->Current()->number(), 2u);
  EXPECT_EQ(live_->Current()->changed_types(), std::vector<std::string>{"breaches"});
  const measures::Tally after = BreachTally("S1");
  EXPECT_EQ(after.succeeded, 2);
  EXPECT_EQ(after.pending, 2);
  EXPECT_EQ(For("S1").pending.size(), 3u);
  // A reader holding the old version still sees its state, unchanged.
  EXPECT_EQ(old_version->number(), 1u);
  EXPECT_EQ(old_version->snapshot().table(*FindRecordType("breaches")).rows, 5u);
  const LiveEngineMetrics metrics = live_->Metrics();
  EXPECT_EQ(metrics.version, 2u);
  EXPECT_EQ(metrics.refreshes, 1u);
  EXPECT_NE(metrics.ToPrometheus().find("probation_engine_age_seconds "), std::string::npos);
}

// Readers on other threads keep computing from whatever version they took while writes and
// refreshes swap new versions in; each reader sees a consistent version, and the last one
// counts every write.
TEST_F(DueTest, ReadersKeepTheirVersionWhileRefreshesSwapNewOnesIn) {
  std::atomic<bool> stop{false};
  std::atomic<int> reads{0}, inconsistent{0};
  auto reader = [&] {
    while (!stop.load()) {
      std::shared_ptr<const EngineVersion> v = live_->Current();
      const size_t rows = v->snapshot().table(*FindRecordType("breaches")).rows;
      const measures::Measure* m = live_->frameworks()[0].FindMeasure("BR10");
      const measures::Period fy = measures::ParsePeriod("FY2010").value();
      const measures::UnitRef u = v->organisation().Find("S1").value();
      auto tallies = v->engine().Tallies(*m, std::span(&fy, 1), std::span(&u, 1));
      // Every breach is S1's and in FY2010: the items are the version's rows.
      if (!tallies.ok() || static_cast<size_t>((*tallies)[0][0].items()) != rows) ++inconsistent;
      ++reads;
    }
  };
  std::thread a(reader), b(reader);
  const Principal s1 = Practitioner("S1");
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(
        RecordBreach(db_.get(), s1, NewBreach{"X000001", 1, "2010-12-01", "2010-12-02", "", ""})
            .ok());
    ASSERT_TRUE(live_->Refresh().ok());
  }
  while (reads.load() < 20) std::this_thread::yield();
  stop = true;
  a.join();
  b.join();
  EXPECT_EQ(inconsistent.load(), 0);
  EXPECT_EQ(live_->Current()->number(), 6u);
  EXPECT_EQ(BreachTally("S1").succeeded, 6);
}

TEST_F(DueTest, AnImportWhileRunningIsPickedUpByThePoller) {
  live_->StartPolling();
  const fs::path more = dir_ / "more";
  fs::create_directories(more);
  WriteFile(more / "breaches-extra.csv",
            "crn,event_no,breach_no,failure_date,initiated_date\n"
            "X000001,1,7,2010-12-01,2010-12-02\n");
  {
    Result<std::unique_ptr<Database>> other = OpenStore(db_path_);  // as another process would
    ASSERT_TRUE(other.ok());
    ImportOptions options;
    options.paths = {more.string()};
    ASSERT_TRUE(Import(other->get(), options).ok());
  }
  for (int i = 0; i < 100 && live_->Current()->number() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  live_->StopPolling();
  ASSERT_EQ(live_->Current()->number(), 2u);
  EXPECT_EQ(live_->Current()->changed_types(), std::vector<std::string>{"breaches"});
  EXPECT_EQ(BreachTally("S1").succeeded, 2);
}

}  // namespace
}  // namespace probation
