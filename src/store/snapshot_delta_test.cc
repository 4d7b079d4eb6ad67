// The delta path of the snapshot (snapshot_delta.cc, Snapshot::Reload): reloading the changed
// tables, and merging the written rows by key, give the snapshot Load gives, bit for bit; and
// the live engine, merging random writes through the service's write path round after round,
// holds at every version what Load reads. The data set: server/case_service_fixture.h.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "server/case_repository.h"
#include "server/case_service_fixture.h"
#include "server/case_writes.h"
#include "server/live_engine.h"
#include "store/snapshot.h"

namespace probation {
namespace {

using testing::Practitioner;

class SnapshotDeltaTest : public testing::CaseServiceTest {};

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

TEST_F(SnapshotDeltaTest, ReloadingTheChangedTablesGivesTheSnapshotLoadGives) {
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

TEST_F(SnapshotDeltaTest, MergingTheWrittenRowsGivesTheSnapshotLoadGives) {
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
TEST_F(SnapshotDeltaTest, TheLiveEngineMergesEveryWriteAsLoadWouldReadIt) {
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

}  // namespace
}  // namespace probation
