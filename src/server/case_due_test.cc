// What falls due on the case records (golden days left over a weekend, bank holidays and the
// as-at date) and the live engine taking the writes and imports in: a write reaching the
// scorecard after a refresh, readers keeping their version, an import picked up by the poller.
// The data set: case_service_fixture.h.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "measures/framework.h"
#include "server/case_repository.h"
#include "server/case_service_fixture.h"
#include "server/case_writes.h"
#include "server/due_items.h"
#include "server/live_engine.h"

namespace probation {
namespace {

using testing::CaseServiceTest;
using testing::Practitioner;
using testing::WithUnit;
using testing::WriteFile;
namespace fs = std::filesystem;

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
