// The live engine's write-to-scorecard delay (a benchmark command, not a test): starts a
// LiveEngine on a database (the first version from the snapshot image when current), then,
// N times, records a breach through the service's write path (server/case_writes.h) as the
// responsible officer of a current case, refreshes the engine and computes PT6 (breach
// proceedings within 10 working days, nps-2005-06) for that officer, checking the new breach
// is counted. Prints, per write, the write, the refresh and the scorecard times and their sum;
// and, once, the time of a case read, a surname search, the due index, and the caseload and
// due items of the officer and of their trust; and N contacts recorded, each followed by a
// refresh and PM1 for the officer (checking the contact is counted), timed.
//
//   probation_live_bench --db FILE [--writes N] [--framework nps-2005-06] [--warm]
//
// With --warm (last), each version is warmed before it is swapped in (LiveEngineOptions::warm):
// the refresh is longer and the first scorecard on it shorter. Each refresh prints its
// snapshot, engine and readying time (the carry-over of the previous version's caches and what
// it builds again, LiveEngineOptions::carry_over, plus any warming), the CPU time the process
// used meanwhile, and what it took over.
//
// The database is changed (N breaches added). Run it on a copy.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "base/huge_pages.h"
#include "base/reference_files.h"
#include "measures/framework.h"
#include "measures/period.h"
#include "server/case_repository.h"
#include "server/case_writes.h"
#include "server/live_engine.h"
#include "store/schema.h"

namespace probation {
namespace {

using Clock = std::chrono::steady_clock;

// CPU seconds (user and system) the process has used, every thread.
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// One refresh's times, and what it took over from the version before.
void PrintRefresh(const EngineVersion& v, double cpu_seconds) {
  std::printf(
      "  refresh: snapshot %.2f s, engine %.2f s, made ready %.2f s; %.2f s of CPU; item rows "
      "%zu taken over, %zu built again; tallies %zu taken over, %zu computed again; due index: "
      "%zu measures taken over, %zu computed\n",
      v.snapshot_seconds(), v.build_seconds() - v.snapshot_seconds() - v.warm_seconds(),
      v.warm_seconds(), cpu_seconds, v.adopted_item_rows(), v.prepared_item_rows(),
      v.adopted_tallies(), v.prepared_tallies(), v.due_measures_reused(),
      v.due_measures_computed());
}

int Fail(const Status& status) {
  std::fprintf(stderr, "probation_live_bench: %s\n", status.ToString().c_str());
  return 2;
}

int Run(int argc, char** argv) {
  std::string db_path, framework_id = "nps-2005-06";
  int writes = 3;
  bool warm = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--warm") == 0) warm = true;
  }
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--db") == 0) db_path = argv[i + 1];
    if (std::strcmp(argv[i], "--writes") == 0) writes = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--framework") == 0) framework_id = argv[i + 1];
  }
  if (db_path.empty()) {
    std::fprintf(stderr, "usage: probation_live_bench --db FILE [--writes N] [--framework ID]\n");
    return 2;
  }
  Result<Calendar> calendar = LoadCalendar();
  if (!calendar.ok()) return Fail(calendar.status());
  Result<std::string> dir = measures::FrameworksDir();
  if (!dir.ok()) return Fail(dir.status());
  Result<std::vector<measures::Framework>> all = measures::LoadFrameworks(*dir);
  if (!all.ok()) return Fail(all.status());
  std::vector<measures::Framework> in_use;
  for (measures::Framework& f : *all) {
    if (f.id == framework_id) in_use.push_back(std::move(f));
  }
  if (in_use.empty()) return Fail(NotFound("no framework " + framework_id));

  const Clock::time_point start = Clock::now();
  LiveEngineOptions options;
  options.db_path = db_path;
  options.warm = warm;  // the service does not, by default
  Result<std::unique_ptr<LiveEngine>> live =
      LiveEngine::Start(options, *calendar, std::move(in_use));
  if (!live.ok()) return Fail(live.status());
  std::printf("first version: %.2f s (built in %.2f s)\n", Seconds(start),
              (*live)->Current()->build_seconds());
  const measures::Measure* pt6 = (*live)->frameworks()[0].FindMeasure("PT6");
  if (pt6 == nullptr) return Fail(NotFound("the framework has no PT6"));

  Result<std::unique_ptr<Database>> db = OpenStore(db_path);
  if (!db.ok()) return Fail(db.status());
  // A current case: the first allocation without an end date.
  Result<Statement> pick = (*db)->Prepare(
      "SELECT crn, event_no, staff_id FROM responsible_officers WHERE end_date IS NULL LIMIT 1");
  if (!pick.ok()) return Fail(pick.status());
  Result<bool> picked = pick->Step();
  if (!picked.ok() || !*picked) return Fail(NotFound("no current allocation"));
  const std::string crn(pick->ColumnText(0));
  const int64_t event_no = pick->ColumnInt(1);
  Principal officer;
  officer.user_id = 1;
  officer.role = Role::kPractitioner;
  officer.staff_id = std::string(pick->ColumnText(2));

  const measures::Measure* pm1 = (*live)->frameworks()[0].FindMeasure("PM1");
  if (pm1 == nullptr) return Fail(NotFound("the framework has no PM1"));
  auto tally_of = [&](const EngineVersion& v,
                      const measures::Measure* measure) -> Result<measures::Tally> {
    const Date as_at = v.engine().as_at();
    const int fy = measures::FinancialYearOf(as_at);
    PROBATION_ASSIGN_OR_RETURN(const measures::Period period,
                               measures::ParsePeriod("FY" + std::to_string(fy)));
    PROBATION_ASSIGN_OR_RETURN(const measures::UnitRef unit,
                               v.organisation().Find(officer.staff_id));
    PROBATION_ASSIGN_OR_RETURN(
        auto tallies, v.engine().Tallies(*measure, std::span(&period, 1), std::span(&unit, 1)));
    return tallies[0][0];
  };
  auto tally = [&](const EngineVersion& v) { return tally_of(v, pt6); };
  Clock::time_point t = Clock::now();
  Result<measures::Tally> before = tally(*(*live)->Current());
  if (!before.ok()) return Fail(before.status());
  std::printf("officer %s, case %s/%lld: PT6 %lld succeeded before (first scorecard %.3f s)\n",
              officer.staff_id.c_str(), crn.c_str(), static_cast<long long>(event_no),
              static_cast<long long>(before->succeeded), Seconds(t));

  // The reads the service answers from the store and the engine, once each, timed.
  {
    Principal analyst;
    analyst.role = Role::kPerformanceAnalyst;
    Result<Statement> trust = (*db)->Prepare(
        "SELECT o.code FROM staff s JOIN org_units t ON t.code = s.team_code "
        "JOIN org_units l ON l.code = t.parent_code JOIN org_units o ON o.code = l.parent_code "
        "WHERE s.staff_id = ?1");
    if (!trust.ok()) return Fail(trust.status());
    trust->BindText(1, officer.staff_id);
    if (!*trust->Step()) return Fail(NotFound("no trust for the officer"));
    analyst.unit_code = std::string(trust->ColumnText(0));
    t = Clock::now();
    Result<CaseRecord> record = ReadCase(db->get(), officer, crn);
    if (!record.ok()) return Fail(record.status());
    std::printf("case read: %.1f ms\n", Seconds(t) * 1e3);
    t = Clock::now();
    Result<CaseSearchResult> found =
        SearchCases(db->get(), analyst, record->person.Value("surname").value_or(""), {});
    if (!found.ok()) return Fail(found.status());
    std::printf("search by surname in the trust: %zu found in %.1f ms\n", found->cases.size(),
                Seconds(t) * 1e3);
    t = Clock::now();
    Result<const DueIndex*> due = (*live)->Current()->Due();
    if (!due.ok()) return Fail(due.status());
    std::printf("due index: %zu pending, %zu failed, built in %.2f s\n", (*due)->pending_count(),
                (*due)->failed_count(), Seconds(t));
    for (const std::string& unit : {officer.staff_id, analyst.unit_code}) {
      t = Clock::now();
      Result<Caseload> load = ReadCaseload(db->get(), analyst, unit, {}, *due);
      if (!load.ok()) return Fail(load.status());
      const double load_ms = Seconds(t) * 1e3;
      const measures::UnitRef ref = (*live)->Current()->organisation().Find(unit).value();
      t = Clock::now();
      const DueList list = (*due)->For(ref, unit, 50, 0);
      std::printf(
          "%s: caseload page of %zu of %lld in %.1f ms; due items %lld pending, %lld "
          "failed, first page in %.1f ms\n",
          unit.c_str(), load->cases.size(), static_cast<long long>(load->total), load_ms,
          static_cast<long long>(list.pending_total), static_cast<long long>(list.failed_total),
          Seconds(t) * 1e3);
    }
  }

  // Contacts: the table a practitioner writes most, and the largest; each written contact is
  // merged into the next version, and counted by PM1 (national-standard appointments).
  const RecordType& contacts = *FindRecordType("contacts");
  for (int i = 0; i < writes; ++i) {
    const Date as_at = (*live)->Current()->engine().as_at();
    const size_t rows = (*live)->Current()->snapshot().table(contacts).rows;
    Result<measures::Tally> pm1_before = tally_of(*(*live)->Current(), pm1);
    if (!pm1_before.ok()) return Fail(pm1_before.status());
    NewContact contact{crn, event_no, (as_at - 1).ToString(), "OM", "Y", "Y", "ATT", "", "", ""};
    const Clock::time_point t0 = Clock::now();
    Result<WriteResult> written = RecordContact(db->get(), officer, contact);
    if (!written.ok()) return Fail(written.status());
    const double write_s = Seconds(t0);
    const Clock::time_point t1 = Clock::now();
    const double cpu0 = CpuSeconds();
    Result<bool> refreshed = (*live)->Refresh();
    const double refresh_cpu = CpuSeconds() - cpu0;
    if (!refreshed.ok()) return Fail(refreshed.status());
    const double refresh_s = Seconds(t1);
    PrintRefresh(*(*live)->Current(), refresh_cpu);
    const Clock::time_point t2 = Clock::now();
    Result<measures::Tally> pm1_after = tally_of(*(*live)->Current(), pm1);
    if (!pm1_after.ok()) return Fail(pm1_after.status());
    const double tally_s = Seconds(t2);
    const size_t after = (*live)->Current()->snapshot().table(contacts).rows;
    const bool counted = after == rows + 1 && pm1_after->succeeded == pm1_before->succeeded + 1;
    std::printf(
        "contact %d (%s): write %.3f s, refresh %.2f s, scorecard %.3f s, total %.2f s; "
        "contacts %zu -> %zu, PM1 succeeded %lld -> %lld (%s)\n",
        i + 1, written->record.key.c_str(), write_s, refresh_s, tally_s,
        write_s + refresh_s + tally_s, rows, after, static_cast<long long>(pm1_before->succeeded),
        static_cast<long long>(pm1_after->succeeded), counted ? "counted" : "NOT COUNTED");
    if (!counted) return 1;
  }

  int64_t expected = before->succeeded;
  for (int i = 0; i < writes; ++i) {
    const Date as_at = (*live)->Current()->engine().as_at();
    NewBreach breach{crn, event_no, (as_at - 3).ToString(), (as_at - 2).ToString(), "", ""};
    const Clock::time_point t0 = Clock::now();
    Result<WriteResult> written = RecordBreach(db->get(), officer, breach);
    if (!written.ok()) return Fail(written.status());
    const double write_s = Seconds(t0);
    const Clock::time_point t1 = Clock::now();
    const double cpu0 = CpuSeconds();
    Result<bool> refreshed = (*live)->Refresh();
    const double refresh_cpu = CpuSeconds() - cpu0;
    if (!refreshed.ok()) return Fail(refreshed.status());
    const double refresh_s = Seconds(t1);
    PrintRefresh(*(*live)->Current(), refresh_cpu);
    const Clock::time_point t2 = Clock::now();
    Result<measures::Tally> after = tally(*(*live)->Current());
    if (!after.ok()) return Fail(after.status());
    const double tally_s = Seconds(t2);
    ++expected;
    std::printf(
        "write %d (%s): write %.3f s, refresh %.2f s, scorecard %.3f s, total %.2f s; "
        "PT6 succeeded %lld (%s)\n",
        i + 1, written->record.key.c_str(), write_s, refresh_s, tally_s,
        write_s + refresh_s + tally_s, static_cast<long long>(after->succeeded),
        after->succeeded == expected ? "counted" : "NOT COUNTED");
    if (after->succeeded != expected) return 1;
  }
  return 0;
}

}  // namespace
}  // namespace probation

int main(int argc, char** argv) {
  probation::UseHugePages(argv);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  return probation::Run(argc, argv);
}
