// The live engine's carry-over (LiveEngineOptions::carry_over): a version after a write takes
// over the previous version's item rows and due items for the record types the write did not
// touch, and builds again before the swap what readers used that the write did touch. Every
// figure must be what a new engine over a full load of the store gives: the tallies of every
// measure of every shipped framework, for every unit, in the periods readers asked for and
// others, and the whole due list.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "measures/dependencies.h"
#include "measures/engine.h"
#include "measures/period.h"
#include "server/case_writes.h"
#include "server/live_engine.h"
#include "store/snapshot_image.h"
#include "trust_service.h"

namespace probation {
namespace {

using testing::TrustServiceTest;

// Every unit of the organisation: the top, every org unit and every officer.
std::vector<measures::UnitRef> EveryUnit(const measures::Organisation& org,
                                         const Snapshot& snapshot) {
  std::vector<measures::UnitRef> units = {org.Top()};
  const size_t org_rows = snapshot.table(*FindRecordType("org_units")).rows;
  const size_t staff_rows = snapshot.table(*FindRecordType("staff")).rows;
  for (size_t r = 0; r < org_rows; ++r) {
    const measures::UnitRef unit{org.LevelOf(static_cast<int32_t>(r)), static_cast<int32_t>(r)};
    if (!(unit == org.Top())) units.push_back(unit);
  }
  for (size_t r = 0; r < staff_rows; ++r) {
    units.push_back({measures::UnitLevel::kOfficer, static_cast<int32_t>(r)});
  }
  return units;
}

// The tallies of every computable measure of `frameworks` in `periods` (one call for all of
// them, as a scorecard asks) for every unit, as text: "framework measure period unit s/f/p/v".
std::string AllTallies(const measures::Engine& engine,
                       const std::vector<measures::Framework>& frameworks,
                       const std::vector<measures::Period>& periods) {
  const std::vector<measures::UnitRef> units = EveryUnit(engine.organisation(), engine.snapshot());
  std::string text;
  for (const measures::Framework& framework : frameworks) {
    for (const measures::Measure& measure : framework.measures) {
      if (measure.placeholder) continue;
      Result<std::vector<std::vector<measures::Tally>>> tallies =
          engine.Tallies(measure, periods, units);
      EXPECT_TRUE(tallies.ok()) << framework.id << " " << measure.code;
      if (!tallies.ok()) continue;
      for (size_t p = 0; p < periods.size(); ++p) {
        for (size_t u = 0; u < units.size(); ++u) {
          const measures::Tally& t = (*tallies)[p][u];
          if (t.items() == 0) continue;
          char line[256];
          std::snprintf(line, sizeof line, "%s %s %zu %zu %lld/%lld/%lld/%.9g/%lld\n",
                        framework.id.c_str(), measure.code.c_str(), p, u,
                        static_cast<long long>(t.succeeded), static_cast<long long>(t.failed),
                        static_cast<long long>(t.pending), t.value_sum,
                        static_cast<long long>(t.value_count));
          text += line;
        }
      }
    }
  }
  return text;
}

class LiveEngineCarryTest : public TrustServiceTest {
 protected:
  // No server: the tests drive a LiveEngine of their own.
  void SetUp() override {
    Result<Calendar> calendar =
        Calendar::FromChangesFile(PROBATION_SOURCE_DIR "/reference/bank_holiday_changes.csv");
    ASSERT_TRUE(calendar.ok());
    calendar_ = std::make_unique<Calendar>(std::move(*calendar));
    Result<std::string> dir = measures::FrameworksDir();
    ASSERT_TRUE(dir.ok());
    Result<std::vector<measures::Framework>> frameworks = measures::LoadFrameworks(*dir);
    ASSERT_TRUE(frameworks.ok()) << frameworks.status().ToString();
    LiveEngineOptions options;
    options.db_path = DbPath();
    Result<std::unique_ptr<LiveEngine>> live =
        LiveEngine::Start(options, *calendar_, std::move(*frameworks));
    ASSERT_TRUE(live.ok()) << live.status().ToString();
    live_ = std::move(*live);
    Result<std::unique_ptr<Database>> db = OpenStore(DbPath());
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    writer_.user_id = 1;
    writer_.username = "carry-test";
    writer_.role = Role::kManager;
    writer_.unit_code = units_->ldu1;
  }
  void TearDown() override {
    live_.reset();
    db_.reset();
  }

  // What a reader of the version asks for: three disjoint periods ending on the as-at date (a
  // scorecard's period and the ones before it for its trend).
  std::vector<measures::Period> ReaderPeriods() const {
    const Date as_at = live_->Current()->engine().as_at();
    const auto range = [](Date from, Date to) {
      return measures::ParsePeriod(from.ToString() + ".." + to.ToString()).value();
    };
    return {range(as_at - 29, as_at), range(as_at - 59, as_at - 30),
            range(as_at - 364, as_at - 60)};
  }
  // A period no reader asked for, so computed cold on every engine.
  std::vector<measures::Period> OtherPeriods() const {
    const Date as_at = live_->Current()->engine().as_at();
    return {
        measures::ParsePeriod("FY" + std::to_string(measures::FinancialYearOf(as_at) - 1)).value()};
  }

  // The current version's tallies and due list against a new engine over a full load.
  void ExpectSameAsAFullLoad() {
    std::shared_ptr<const EngineVersion> version = live_->Current();
    Result<std::unique_ptr<Snapshot>> loaded = Snapshot::Load(db_.get(), *calendar_);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    const measures::Organisation organisation(**loaded);
    const measures::Engine fresh(**loaded, *calendar_, organisation, version->engine().as_at());
    for (const std::vector<measures::Period>& periods : {ReaderPeriods(), OtherPeriods()}) {
      const std::string carried = AllTallies(version->engine(), live_->frameworks(), periods);
      EXPECT_FALSE(carried.empty());
      EXPECT_EQ(carried, AllTallies(fresh, live_->frameworks(), periods));
    }
    Result<const DueIndex*> due = version->Due();
    ASSERT_TRUE(due.ok()) << due.status().ToString();
    Result<DueIndex> fresh_due = DueIndex::Build(fresh, *calendar_, live_->frameworks());
    ASSERT_TRUE(fresh_due.ok());
    const nlohmann::json carried_list =
        (*due)->For(version->organisation().Top(), "all", 0, 0).ToJson();
    EXPECT_EQ(carried_list, fresh_due->For(organisation.Top(), "all", 0, 0).ToJson());
    EXPECT_GT(carried_list["pending_total"].get<int64_t>(), 0);
  }

  // A date a few days before the as-at date (so the as-at date, the latest activity, stays).
  std::string RecentDate(int days_before) const {
    return (live_->Current()->engine().as_at() - days_before).ToString();
  }
  int64_t Event() const { return std::stoll(units_->own_event); }

  std::unique_ptr<Calendar> calendar_;
  std::unique_ptr<LiveEngine> live_;
  std::unique_ptr<Database> db_;
  Principal writer_;
};

TEST_F(LiveEngineCarryTest, EveryFigureAfterWritesIsWhatAFullLoadGives) {
  // Readers use the first version: the reader periods' item rows and the due index are built.
  std::shared_ptr<const EngineVersion> first = live_->Current();
  const std::string first_tallies =
      AllTallies(first->engine(), live_->frameworks(), ReaderPeriods());
  ASSERT_TRUE(first->Due().ok());
  const size_t used = first->engine().CachedItemRows();
  ASSERT_GT(used, 0u);

  // A contact: what reads contacts is dropped and built again, the rest taken over.
  ASSERT_TRUE(RecordContact(db_.get(), writer_,
                            NewContact{units_->own_crn, Event(), RecentDate(3), "OM", "Y", "Y",
                                       "ATT", "", "", units_->officer1})
                  .ok());
  ASSERT_TRUE(live_->Refresh().value());
  std::shared_ptr<const EngineVersion> second = live_->Current();
  EXPECT_EQ(second->changed_types(), std::vector<std::string>{"contacts"});
  EXPECT_EQ(second->engine().as_at(), first->engine().as_at());
  EXPECT_GT(second->adopted_item_rows(), 0u);
  EXPECT_GT(second->prepared_item_rows(), 0u);
  EXPECT_EQ(second->adopted_item_rows() + second->prepared_item_rows(), used);
  EXPECT_GT(second->adopted_tallies(), 0u);
  EXPECT_GT(second->prepared_tallies(), 0u);
  EXPECT_GT(second->due_measures_reused(), 0u);
  EXPECT_GT(second->due_measures_computed(), 0u);
  ASSERT_NE(second->DueIfBuilt(), nullptr);  // built before the swap
  ExpectSameAsAFullLoad();

  // A breach and an assessment together, then a missed appointment's breach.
  ASSERT_TRUE(
      RecordBreach(db_.get(), writer_,
                   NewBreach{units_->own_crn, Event(), RecentDate(5), RecentDate(2), "", ""})
          .ok());
  ASSERT_TRUE(RecordAssessment(db_.get(), writer_,
                               NewAssessment{units_->own_crn, Event(), "REVIEW", RecentDate(4), ""})
                  .ok());
  ASSERT_TRUE(live_->Refresh().value());
  EXPECT_EQ(live_->Current()->changed_types(),
            (std::vector<std::string>{"assessments", "breaches"}));
  EXPECT_GT(live_->Current()->adopted_item_rows(), 0u);
  ExpectSameAsAFullLoad();

  // The first version, still held, is unchanged by all of it.
  EXPECT_EQ(AllTallies(first->engine(), live_->frameworks(), ReaderPeriods()), first_tallies);
}

TEST_F(LiveEngineCarryTest, NothingIsTakenOverWhenTheAsAtDateMoves) {
  (void)AllTallies(live_->Current()->engine(), live_->frameworks(), ReaderPeriods());
  ASSERT_TRUE(live_->Current()->Due().ok());
  const Date as_at = live_->Current()->engine().as_at();
  // A contact after every other activity moves the as-at date: every pending item is judged
  // again, so nothing may be kept.
  ASSERT_TRUE(RecordContact(db_.get(), writer_,
                            NewContact{units_->own_crn, Event(), (as_at + 1).ToString(), "OM", "Y",
                                       "Y", "ATT", "", "", units_->officer1})
                  .ok());
  ASSERT_TRUE(live_->Refresh().value());
  EXPECT_EQ(live_->Current()->engine().as_at(), as_at + 1);
  EXPECT_EQ(live_->Current()->adopted_item_rows(), 0u);
  EXPECT_EQ(live_->Current()->adopted_tallies(), 0u);
  EXPECT_EQ(live_->Current()->due_measures_reused(), 0u);
  ExpectSameAsAFullLoad();
}

// A measure of sentences whose success reads their contacts: a contact written moves it, so
// its cached tallies must not be taken over (the shipped frameworks' figures may happen not to
// move for the one case a test writes to).
TEST_F(LiveEngineCarryTest, AMeasureReadingTheWrittenTypeThroughARelationIsComputedAgain) {
  Result<std::unique_ptr<Database>> db = OpenStore(DbPath());
  ASSERT_TRUE(db.ok());
  const std::string contacts =
      One(db->get(), "SELECT COUNT(*) FROM contacts WHERE crn = ? AND event_no = ?",
          units_->own_crn, units_->own_event);
  ASSERT_FALSE(contacts.empty());
  // Succeeds for a sentence with more contacts than the written one has now.
  const std::filesystem::path file =
      std::filesystem::path(::testing::TempDir()) / "carry-test-framework.toml";
  {
    std::FILE* out = std::fopen(file.c_str(), "w");
    ASSERT_NE(out, nullptr);
    std::fprintf(out,
                 "id = \"carry-test\"\ntitle = \"Carry-over test\"\nyear = \"2010-11\"\n"
                 "source = \"test\"\n\n[[measures]]\ncode = \"SC1\"\n"
                 "title = \"Sentences with many contacts\"\ndescription = \"test\"\n"
                 "kind = \"percent\"\ncounts = \"sentences\"\nanchor = \"start_date\"\n"
                 "success = \"count(contacts) > %s\"\ntarget = 50\nsource = \"test\"\n",
                 contacts.c_str());
    std::fclose(out);
  }
  Result<measures::Framework> framework = measures::LoadFramework(file.string());
  ASSERT_TRUE(framework.ok()) << framework.status().ToString();
  std::vector<measures::Framework> frameworks;
  frameworks.push_back(std::move(*framework));
  LiveEngineOptions options;
  options.db_path = DbPath();
  Result<std::unique_ptr<LiveEngine>> live =
      LiveEngine::Start(options, *calendar_, std::move(frameworks));
  ASSERT_TRUE(live.ok()) << live.status().ToString();
  const auto officer_tally = [&]() {
    std::shared_ptr<const EngineVersion> v = (*live)->Current();
    const measures::Period all = measures::ParsePeriod("1990-01-01..2030-12-31").value();
    const measures::UnitRef officer = v->organisation().Find(units_->officer1).value();
    auto tallies = v->engine().Tallies((*live)->frameworks()[0].measures[0], std::span(&all, 1),
                                       std::span(&officer, 1));
    EXPECT_TRUE(tallies.ok());
    return (*tallies)[0][0];
  };
  const measures::Tally before = officer_tally();
  ASSERT_TRUE(RecordContact(db_.get(), writer_,
                            NewContact{units_->own_crn, Event(), RecentDate(2), "OM", "Y", "Y",
                                       "ATT", "", "", units_->officer1})
                  .ok());
  ASSERT_TRUE((*live)->Refresh().value());
  EXPECT_EQ((*live)->Current()->prepared_tallies(), 1u);
  EXPECT_EQ((*live)->Current()->adopted_tallies(), 0u);
  const measures::Tally after = officer_tally();
  EXPECT_EQ(after.succeeded, before.succeeded + 1);
  EXPECT_EQ(after.failed, before.failed - 1);
}

// An import that names no known record type makes the next version read the whole store: then
// nothing may be taken over, even with service writes in the same refresh, since the import
// may have changed any table (here a breach changed behind the engine's back stands for it).
TEST_F(LiveEngineCarryTest, NothingIsTakenOverWhenAnImportIsReadWhole) {
  (void)AllTallies(live_->Current()->engine(), live_->frameworks(), ReaderPeriods());
  ASSERT_TRUE(live_->Current()->Due().ok());
  ASSERT_TRUE(RecordContact(db_.get(), writer_,
                            NewContact{units_->own_crn, Event(), RecentDate(3), "OM", "Y", "Y",
                                       "ATT", "", "", units_->officer1})
                  .ok());
  ASSERT_TRUE(db_->Execute("UPDATE breaches SET initiated_date = NULL").ok());
  ASSERT_TRUE(db_->Execute("INSERT INTO import_runs (started_at, finished_at, files, rows_read, "
                           "rows_accepted, rows_rejected, rows_inserted, rows_updated) VALUES "
                           "('2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', 'other.csv', 0, 0, "
                           "0, 0, 0)")
                  .ok());
  ASSERT_TRUE(live_->Refresh().value());
  EXPECT_EQ(live_->Current()->adopted_item_rows(), 0u);
  EXPECT_EQ(live_->Current()->adopted_tallies(), 0u);
  EXPECT_EQ(live_->Current()->due_measures_reused(), 0u);
  ExpectSameAsAFullLoad();
}

// A restart after writes through the service: the snapshot image predates them, and the first
// version is the image with the written records merged in, not the whole store read again.
TEST_F(LiveEngineCarryTest, TheFirstVersionMergesWritesMadeSinceTheImage) {
  const std::string copy = (std::filesystem::path(::testing::TempDir()) / "carry-image.db");
  std::filesystem::remove(copy);
  std::filesystem::remove(SnapshotImagePath(copy));
  {
    Result<Statement> vacuum = db_->Prepare("VACUUM INTO ?");
    ASSERT_TRUE(vacuum.ok());
    vacuum->BindTextCopy(1, copy);
    ASSERT_TRUE(vacuum->Step().ok());
  }
  Result<std::unique_ptr<Database>> db = OpenStore(copy);
  ASSERT_TRUE(db.ok());
  Result<StampedSnapshot> stamped = LoadStampedSnapshot(db->get(), *calendar_);
  ASSERT_TRUE(stamped.ok());
  ASSERT_TRUE(SaveSnapshotImage(*stamped->snapshot, SnapshotImagePath(copy), stamped->stamp).ok());
  // A change behind the service's back (no record_changes row): only a version read from the
  // image still shows the old surname.
  const std::string surname =
      One(db->get(), "SELECT surname FROM people WHERE crn = ?", units_->own_crn);
  {
    Result<Statement> update =
        (*db)->Prepare("UPDATE people SET surname = 'Changed-Behind' WHERE crn = ?");
    ASSERT_TRUE(update.ok());
    update->BindTextCopy(1, units_->own_crn);
    ASSERT_TRUE(update->Step().ok());
  }
  ASSERT_TRUE(RecordContact(db->get(), writer_,
                            NewContact{units_->own_crn, Event(), RecentDate(2), "OM", "Y", "Y",
                                       "ATT", "", "", units_->officer1})
                  .ok());
  ASSERT_TRUE(RecordBreach(db->get(), writer_,
                           NewBreach{units_->own_crn, Event(), RecentDate(4), "", "", ""})
                  .ok());
  LiveEngineOptions options;
  options.db_path = copy;
  Result<std::unique_ptr<LiveEngine>> live =
      LiveEngine::Start(options, *calendar_, std::vector<measures::Framework>{});
  ASSERT_TRUE(live.ok()) << live.status().ToString();
  const Snapshot& snapshot = (*live)->Current()->snapshot();
  Result<std::unique_ptr<Snapshot>> loaded = Snapshot::Load(db->get(), *calendar_);
  ASSERT_TRUE(loaded.ok());
  for (const char* type : {"contacts", "breaches"}) {
    const RecordType& t = *FindRecordType(type);
    EXPECT_EQ(snapshot.table(t).rows, (*loaded)->table(t).rows) << type;
    EXPECT_EQ(snapshot.table(t).rows, stamped->snapshot->table(t).rows + 1) << type;
  }
  const RecordType& people = *FindRecordType("people");
  const SnapshotTable& table = snapshot.table(people);
  size_t row = 0;
  while (row < table.rows && table.KeyText(row) != units_->own_crn) ++row;
  ASSERT_LT(row, table.rows);
  EXPECT_EQ(table.columns[people.FieldIndex("surname")].AsText(
                row, people.fields[people.FieldIndex("surname")]),
            surname);  // from the image
  live->reset();
  db->reset();
  std::filesystem::remove(copy);
  std::filesystem::remove(SnapshotImagePath(copy));
}

TEST(RecordTypesRead, NamesTheCountedTypeTheRulesReadAndAttribution) {
  Result<std::string> dir = measures::FrameworksDir();
  ASSERT_TRUE(dir.ok());
  Result<std::vector<measures::Framework>> frameworks = measures::LoadFrameworks(*dir);
  ASSERT_TRUE(frameworks.ok());
  const auto index = [](const char* name) {
    return measures::RecordTypeIndex(*FindRecordType(name));
  };
  size_t on_breaches = 0, reading_contacts = 0;
  for (const measures::Framework& framework : *frameworks) {
    for (const measures::Measure& measure : framework.measures) {
      if (measure.placeholder) continue;
      const measures::RecordTypeSet reads = measures::RecordTypesRead(measure);
      EXPECT_TRUE(reads.test(measures::RecordTypeIndex(*measure.counts))) << measure.code;
      for (const char* attribution :
           {"people", "sentences", "responsible_officers", "staff", "org_units"}) {
        EXPECT_TRUE(reads.test(index(attribution))) << measure.code << " " << attribution;
      }
      if (measure.counts->name == "breaches") ++on_breaches;
      if (measure.counts->name != "contacts" && reads.test(index("contacts"))) ++reading_contacts;
    }
  }
  EXPECT_GT(on_breaches, 0u);
  // Measures of sentences and requirements read their contacts through aggregates (first
  // contact within 5 days, unpaid work hours): they must depend on contacts too.
  EXPECT_GT(reading_contacts, 0u);
  bool all_known = false;
  const std::vector<std::string> names = {"contacts", "no such type"};
  const measures::RecordTypeSet set = measures::RecordTypesNamed(names, &all_known);
  EXPECT_FALSE(all_known);
  EXPECT_TRUE(set.test(index("contacts")));
  EXPECT_EQ(set.count(), 1u);
}

}  // namespace
}  // namespace probation
