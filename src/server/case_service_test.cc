// The case-record side of the service on a small hand-built data set (the fixture,
// case_service_fixture.h): scope for every role, case reads, each write's validation and
// optimistic concurrency. What falls due and the live engine's refreshes: case_due_test.cc;
// the written rows merged into the snapshot: store/snapshot_delta_test.cc.
#include <gtest/gtest.h>

#include <string>

#include "server/case_repository.h"
#include "server/case_service_fixture.h"
#include "server/case_writes.h"
#include "server/scope.h"

namespace probation {
namespace {

using testing::CaseServiceTest;
using testing::Practitioner;
using testing::WithUnit;

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

}  // namespace
}  // namespace probation
