// The national measure benchmark (not a test): builds the columnar snapshot of a database,
// computes every shipped framework for every unit (nation, regions, trusts, LDUs, teams and
// officers) and every quarter of one financial year, and, side by side in the same run, the
// same four measures (PT5, PT6, PM1, PM2 of nps-2005-06) by team and quarter both through the
// engine and as SQL over the same SQLite database, giving the ratio.
//
//   probation_measures_bench --db FILE [--year 2010] [--snapshot-image FILE] [--per-measure]
//                            [--compare-scan] [--no-sql]
//                            [--built-passes N] [--fresh-passes N]
//   (scripts/bench-national runs it; --snapshot-image loads the snapshot from that image when
//   it is current, otherwise builds it from the database and then writes the image, timing
//   both; --per-measure also prints each table's rows and each measure's time; --compare-scan
//   also runs the original whole-table scan path measure by measure, timing it and checking
//   every tally is the same to the last bit; --no-sql leaves out the SQLite comparison, for
//   profiling the engine alone; --built-passes and --fresh-passes set how many passes run with
//   the item rows built (5 unless given) and from a fresh engine (3 unless given))
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/huge_pages.h"
#include "base/reference_files.h"
#include "measures/engine.h"
#include "measures/framework.h"
#include "store/schema.h"
#include "store/snapshot.h"
#include "store/snapshot_image.h"

namespace probation {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// The same counts and the same sum to the last bit.
bool SameTally(const measures::Tally& x, const measures::Tally& y) {
  return x.succeeded == y.succeeded && x.failed == y.failed && x.pending == y.pending &&
         x.value_count == y.value_count &&
         std::memcmp(&x.value_sum, &y.value_sum, sizeof(double)) == 0;
}

// A fingerprint of tallies: every count and the bits of every sum, in order. Each of a
// tally's five words goes into its own FNV-1a chain (over 64-bit words), and the five chains
// are then folded into `h`: five short chains the processor works on side by side, where one
// long one made the fingerprint a tenth of a pass.
constexpr uint64_t kFingerprintStart = 14695981039346656037ull;
uint64_t Fingerprint(uint64_t h, const std::vector<std::vector<measures::Tally>>& tallies) {
  constexpr uint64_t kPrime = 1099511628211ull;
  uint64_t lanes[5] = {h, h, h, h, h};
  for (const std::vector<measures::Tally>& period : tallies) {
    for (const measures::Tally& t : period) {
      uint64_t sum_bits;
      std::memcpy(&sum_bits, &t.value_sum, sizeof sum_bits);
      lanes[0] = (lanes[0] ^ static_cast<uint64_t>(t.succeeded)) * kPrime;
      lanes[1] = (lanes[1] ^ static_cast<uint64_t>(t.failed)) * kPrime;
      lanes[2] = (lanes[2] ^ static_cast<uint64_t>(t.pending)) * kPrime;
      lanes[3] = (lanes[3] ^ static_cast<uint64_t>(t.value_count)) * kPrime;
      lanes[4] = (lanes[4] ^ sum_bits) * kPrime;
    }
  }
  for (const uint64_t lane : lanes) h = (h ^ lane) * kPrime;
  return h;
}

// CPU time of every thread of the process so far, in milliseconds: user and kernel, or only
// the kernel's (mostly page faults: fresh memory).
double CpuMs(bool kernel_only = false) {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  const auto ms = [](const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
  return ms(usage.ru_stime) + (kernel_only ? 0 : ms(usage.ru_utime));
}

long PeakRssMb() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

// The SQL side: per team and quarter, succeeded / failed counts. Attribution is the
// responsible officer on the anchor date, as the engine does; working days come from a
// calendar table (day -> running count of working days, and working-day number -> date).
constexpr const char* kSqlSetup = R"sql(
CREATE TEMP TABLE cal (day TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TEMP TABLE wd (n INTEGER PRIMARY KEY, day TEXT NOT NULL);
)sql";

constexpr const char* kSqlMeasures[][2] = {
    {"PT5", R"sql(
SELECT st.team_code, (CAST(strftime('%m', r.due_date) AS INTEGER) + 8) % 12 / 3 AS q,
       sum(r.delivered_date <= r.due_date), sum(NOT coalesce(r.delivered_date <= r.due_date, 0))
FROM court_reports r
JOIN staff st ON st.staff_id = r.author_staff_id
WHERE r.due_date BETWEEN ?1 AND ?2 AND r.report_type IN ('ORAL', 'FDR', 'SDR')
GROUP BY 1, 2)sql"},
    {"PT6", R"sql(
SELECT st.team_code, (CAST(strftime('%m', b.failure_date) AS INTEGER) + 8) % 12 / 3 AS q,
       sum(b.initiated_date <= d.day), sum(NOT coalesce(b.initiated_date <= d.day, 0))
FROM breaches b
JOIN cal c ON c.day = b.failure_date
JOIN wd d ON d.n = c.n + 10
JOIN responsible_officers ro ON ro.crn = b.crn AND ro.event_no = b.event_no
  AND ro.start_date <= b.failure_date AND (ro.end_date IS NULL OR ro.end_date >= b.failure_date)
JOIN staff st ON st.staff_id = ro.staff_id
WHERE b.failure_date BETWEEN ?1 AND ?2
GROUP BY 1, 2)sql"},
    {"PM1", R"sql(
SELECT st.team_code, (CAST(strftime('%m', k.contact_date) AS INTEGER) + 8) % 12 / 3 AS q,
       sum(k.arranged = 1), sum(k.arranged = 0)
FROM contacts k
JOIN responsible_officers ro ON ro.crn = k.crn AND ro.event_no = k.event_no
  AND ro.start_date <= k.contact_date AND (ro.end_date IS NULL OR ro.end_date >= k.contact_date)
JOIN staff st ON st.staff_id = ro.staff_id
WHERE k.contact_date BETWEEN ?1 AND ?2 AND k.ns_required = 1
GROUP BY 1, 2)sql"},
    {"PM2", R"sql(
SELECT st.team_code, (CAST(strftime('%m', k.contact_date) AS INTEGER) + 8) % 12 / 3 AS q,
       sum(k.outcome = 'ATT'), sum(k.outcome = 'UA')
FROM contacts k
JOIN responsible_officers ro ON ro.crn = k.crn AND ro.event_no = k.event_no
  AND ro.start_date <= k.contact_date AND (ro.end_date IS NULL OR ro.end_date >= k.contact_date)
JOIN staff st ON st.staff_id = ro.staff_id
WHERE k.contact_date BETWEEN ?1 AND ?2 AND k.ns_required = 1 AND k.arranged = 1
  AND k.outcome IN ('ATT', 'UA')
GROUP BY 1, 2)sql"},
};

Status FillCalendarTables(Database* db, const Calendar& calendar) {
  PROBATION_RETURN_IF_ERROR(db->Execute(kSqlSetup));
  Result<Statement> cal = db->Prepare("INSERT INTO cal VALUES (?1, ?2)");
  Result<Statement> wd = db->Prepare("INSERT INTO wd VALUES (?1, ?2)");
  if (!cal.ok() || !wd.ok()) return Internal("cannot prepare calendar inserts");
  PROBATION_RETURN_IF_ERROR(db->Execute("BEGIN"));
  int n = 0;
  for (Date d = Date::FromCivil(1990, 1, 1); d <= Date::FromCivil(2030, 12, 31); d = d + 1) {
    const std::string day = d.ToString();
    if (calendar.IsWorkingDay(d)) {
      ++n;
      wd->BindInt(1, n);
      wd->BindTextCopy(2, day);
      PROBATION_RETURN_IF_ERROR(wd->Run());
    }
    cal->BindTextCopy(1, day);
    cal->BindInt(2, n);
    PROBATION_RETURN_IF_ERROR(cal->Run());
  }
  return db->Execute("COMMIT");
}

// The snapshot from `image` when that is current; otherwise built from the database and, when
// `image` is set, written there. Prints what it did and how long it took.
Result<std::unique_ptr<Snapshot>> OpenSnapshot(Database* db, const Calendar& calendar,
                                               const std::string& image) {
  std::error_code error;
  if (!image.empty() && std::filesystem::exists(image, error)) {
    PROBATION_ASSIGN_OR_RETURN(const SnapshotStamp stamp, ReadSnapshotStamp(db));
    const auto t0 = Clock::now();
    Result<std::unique_ptr<Snapshot>> loaded = LoadSnapshotImage(image, stamp, calendar);
    if (loaded.ok()) {
      size_t rows = 0;
      for (const SnapshotTable& t : (*loaded)->tables()) rows += t.rows;
      std::printf(
          "snapshot (image): %zu rows in %.1f s from %s (%.0f MB), %.0f MB of columns, peak RSS "
          "%ld MB\n",
          rows, Seconds(t0), image.c_str(), std::filesystem::file_size(image) / 1e6,
          (*loaded)->MemoryBytes() / 1e6, PeakRssMb());
      return loaded;
    }
    std::printf("snapshot image not used: %s\n", loaded.status().message().c_str());
  }
  const auto t0 = Clock::now();
  PROBATION_ASSIGN_OR_RETURN(StampedSnapshot built, LoadStampedSnapshot(db, calendar));
  size_t rows = 0;
  for (const SnapshotTable& t : built.snapshot->tables()) rows += t.rows;
  std::printf("snapshot: %zu rows in %.1f s, %.0f MB of columns, peak RSS %ld MB\n", rows,
              Seconds(t0), built.snapshot->MemoryBytes() / 1e6, PeakRssMb());
  if (!image.empty()) {
    const auto t1 = Clock::now();
    uint64_t bytes = 0;
    PROBATION_RETURN_IF_ERROR(SaveSnapshotImage(*built.snapshot, image, built.stamp, &bytes));
    std::printf("snapshot image written: %s, %.0f MB in %.1f s\n", image.c_str(), bytes / 1e6,
                Seconds(t1));
  }
  return std::move(built.snapshot);
}

int Run(const std::string& db_path, int year, const std::string& image, bool per_measure,
        bool compare_scan, bool with_sql, int built_passes, int fresh_passes) {
  Result<Calendar> calendar = LoadCalendar();
  Result<std::unique_ptr<Database>> db = OpenStore(db_path);
  if (!calendar.ok() || !db.ok()) {
    std::fprintf(stderr, "cannot open %s or the calendar\n", db_path.c_str());
    return 2;
  }
  Result<std::string> dir = measures::FrameworksDir();
  Result<std::vector<measures::Framework>> frameworks =
      dir.ok() ? measures::LoadFrameworks(*dir)
               : Result<std::vector<measures::Framework>>(dir.status());
  if (!frameworks.ok()) {
    std::fprintf(stderr, "%s\n", frameworks.status().message().c_str());
    return 2;
  }

  const char* tunables = std::getenv("GLIBC_TUNABLES");
  std::printf("heap on transparent huge pages: %s\n",
              tunables != nullptr && std::strstr(tunables, "hugetlb=1") != nullptr
                  ? "yes"
                  : "no (PROBATION_HUGE_PAGES=0)");
  Result<std::unique_ptr<Snapshot>> snapshot = OpenSnapshot(db->get(), *calendar, image);
  if (!snapshot.ok()) {
    std::fprintf(stderr, "%s\n", snapshot.status().message().c_str());
    return 2;
  }
  if (per_measure) {
    for (const SnapshotTable& t : (*snapshot)->tables()) {
      std::printf("  %-24s %10zu rows\n", std::string(t.type->name).c_str(), t.rows);
    }
  }

  measures::Organisation org(**snapshot);
  // The engine the built passes use: made by the process's first computation.
  std::unique_ptr<measures::Engine> engine;
  std::vector<measures::Period> quarters;
  for (int q = 1; q <= 4; ++q) {
    quarters.push_back(*measures::ParsePeriod(std::to_string(year) + "-Q" + std::to_string(q)));
  }
  std::vector<measures::UnitRef> all_units, teams;
  for (measures::UnitLevel level :
       {measures::UnitLevel::kNational, measures::UnitLevel::kRegion, measures::UnitLevel::kTrust,
        measures::UnitLevel::kLdu, measures::UnitLevel::kTeam, measures::UnitLevel::kOfficer}) {
    for (const measures::UnitRef& u : org.UnitsAt(level, measures::UnitRef{})) {
      all_units.push_back(u);
      if (level == measures::UnitLevel::kTeam) teams.push_back(u);
    }
  }

  // Every framework, every unit, every quarter, two ways: all the measures in one
  // TalliesOfMeasures() call (shared out between the two threads, each measure on one), and one
  // Tallies() call after another (each measure's rows split between the two threads). A pass on
  // a new engine builds the item rows each (record type, anchor) needs ("from a fresh engine");
  // a pass on an engine that has computed them before finds them built. The two ways alternate
  // (which goes first changes from round to round), and each is repeated: the spread shows how much
  // the machine's other work moves a single figure.
  std::vector<const measures::Measure*> computable;
  for (const measures::Framework& f : *frameworks) {
    for (const measures::Measure& m : f.measures) {
      if (!m.placeholder) computable.push_back(&m);
    }
  }
  // A pass: every computable measure's tallies as a fingerprint of every count and sum, and
  // the wall and CPU time the pass took: the engine's calls and the fingerprinting of each
  // measure's tallies as they arrive (a consumer that keeps no more than it needs), and for a
  // pass from a fresh engine, making the engine.
  struct Pass {
    uint64_t fingerprint = kFingerprintStart;
    double ms = 0, cpu_ms = 0, kernel_ms = 0;
  };
  // A pass on `*e`, or when `*e` is null on a new engine made inside the timed region and left
  // in `*e`; or nothing after printing the first error.
  const auto compute_all = [&](std::unique_ptr<measures::Engine>* e, bool shared_out,
                               bool print_measures) -> std::optional<Pass> {
    Pass pass;
    std::vector<uint64_t> fingerprints(computable.size(), kFingerprintStart);
    std::vector<std::string> errors(computable.size());
    const auto consume = [&](size_t i, Result<std::vector<std::vector<measures::Tally>>> t) {
      if (!t.ok()) {
        errors[i] = computable[i]->code + ": " + t.status().message();
        return;
      }
      fingerprints[i] = Fingerprint(kFingerprintStart, *t);
    };
    const auto t0 = Clock::now();
    const double cpu0 = CpuMs(), kernel0 = CpuMs(true);
    if (*e == nullptr) {
      *e = std::make_unique<measures::Engine>(**snapshot, *calendar, org,
                                              (*snapshot)->latest_activity());
    }
    if (shared_out) {
      (*e)->TalliesOfMeasures(computable, quarters, all_units, consume);
    } else {
      for (size_t i = 0; i < computable.size(); ++i) {
        const auto tm = Clock::now();
        consume(i, (*e)->Tallies(*computable[i], quarters, all_units));
        if (print_measures) {
          std::printf("    %-20s %-20s %8.1f ms\n", computable[i]->code.c_str(),
                      std::string(computable[i]->counts->name).c_str(), Seconds(tm) * 1000);
        }
      }
    }
    pass.ms = Seconds(t0) * 1000;
    pass.cpu_ms = CpuMs() - cpu0;
    pass.kernel_ms = CpuMs(true) - kernel0;
    for (size_t i = 0; i < computable.size(); ++i) {
      if (!errors[i].empty()) {
        std::fprintf(stderr, "%s\n", errors[i].c_str());
        return std::nullopt;
      }
      pass.fingerprint = (pass.fingerprint ^ fingerprints[i]) * 1099511628211ull;
    }
    return pass;
  };
  // [fresh?][shared out?]: each pass's milliseconds.
  std::vector<double> pass_ms[2][2];
  std::vector<uint64_t> fingerprints;  // of every pass's tallies
  // The engine the built passes use computes everything once first: the process's first
  // computation, on memory it has never touched before.
  const std::optional<Pass> first = compute_all(&engine, true, false);
  if (!first) return 2;
  std::printf(
      "all frameworks (the process's first computation, measures shared out): %.0f ms (CPU %.0f "
      "ms, %.0f of it in the kernel)\n",
      first->ms, first->cpu_ms, first->kernel_ms);
  for (int round = 1; round <= std::max(fresh_passes, built_passes); ++round) {
    for (const bool is_fresh : {true, false}) {
      if (is_fresh && round > fresh_passes) continue;
      if (!is_fresh && round > built_passes) continue;
      // Which way goes first alternates from round to round (the first pass of a process, or
      // after an engine is freed, meets fresh memory).
      for (const bool shared_out : {round % 2 == 1, round % 2 == 0}) {
        std::unique_ptr<measures::Engine> fresh;  // made by the pass
        const std::string what =
            std::string(is_fresh ? "from a fresh engine" : "item rows built") +
            (shared_out ? ", measures shared out" : ", one measure after another") + ", pass " +
            std::to_string(round);
        // Measure by measure once of each kind.
        const bool print_measures = per_measure && !shared_out && round == 1;
        if (print_measures) std::printf("%s:\n", what.c_str());
        const std::optional<Pass> pass =
            compute_all(is_fresh ? &fresh : &engine, shared_out, print_measures);
        if (!pass) return 2;
        fingerprints.push_back(pass->fingerprint);
        pass_ms[is_fresh][shared_out].push_back(pass->ms);
        std::printf(
            "all frameworks (%s): %zu measures x %zu units x 4 quarters in %.0f ms (CPU %.0f "
            "ms, %.0f of it in the kernel: %.2f cores busy), peak RSS %ld MB\n",
            what.c_str(), computable.size(), all_units.size(), pass->ms, pass->cpu_ms,
            pass->kernel_ms, pass->cpu_ms / pass->ms, PeakRssMb());
      }
    }
  }
  double medians[2][2] = {};
  for (const bool is_fresh : {true, false}) {
    for (const bool shared_out : {true, false}) {
      std::vector<double>& ms = pass_ms[is_fresh][shared_out];
      std::sort(ms.begin(), ms.end());
      medians[is_fresh][shared_out] = ms[ms.size() / 2];
      std::printf(
          "all frameworks, %s, %s (%zu passes): fastest %.0f ms, median %.0f ms, slowest %.0f "
          "ms\n",
          is_fresh ? "from a fresh engine" : "item rows built",
          shared_out ? "measures shared out" : "one measure after another", ms.size(), ms.front(),
          medians[is_fresh][shared_out], ms.back());
    }
  }
  const bool all_same = std::all_of(fingerprints.begin(), fingerprints.end(),
                                    [&](uint64_t f) { return f == fingerprints.front(); });
  std::printf(
      "measures shared out against one after another: median %.2fx as fast from a fresh "
      "engine, %.2fx with item rows built; every pass's tallies the same to the last bit: %s "
      "(fingerprint %016llx)\n",
      medians[true][false] / medians[true][true], medians[false][false] / medians[false][true],
      all_same ? "yes" : "NO", static_cast<unsigned long long>(fingerprints.front()));

  // The original path (every measure scans its whole table), measure by measure against the
  // item-index path: the time of each, and every tally compared to the last bit.
  if (compare_scan) {
    measures::Engine scan(**snapshot, *calendar, org, (*snapshot)->latest_activity(),
                          measures::TallyPath::kScan);
    double scan_seconds = 0, index_seconds = 0;
    size_t differences = 0;
    for (const measures::Framework& f : *frameworks) {
      double framework_scan = 0, framework_index = 0;
      for (const measures::Measure& m : f.measures) {
        if (m.placeholder) continue;
        auto ts = Clock::now();
        Result<std::vector<std::vector<measures::Tally>>> a = scan.Tallies(m, quarters, all_units);
        framework_scan += Seconds(ts);
        ts = Clock::now();
        Result<std::vector<std::vector<measures::Tally>>> b =
            engine->Tallies(m, quarters, all_units);
        framework_index += Seconds(ts);
        if (!a.ok() || !b.ok()) return 2;
        for (size_t q = 0; q < a->size(); ++q) {
          for (size_t u = 0; u < all_units.size(); ++u) {
            const measures::Tally& x = (*a)[q][u];
            const measures::Tally& y = (*b)[q][u];
            if (!SameTally(x, y)) {
              if (differences++ < 10) {
                std::printf("  DIFFERENT: %s %s quarter %zu unit %s\n", f.id.c_str(),
                            m.code.c_str(), q + 1, org.Code(all_units[u]).c_str());
              }
            }
          }
        }
      }
      std::printf("  %-24s scan %7.0f ms   item index %6.0f ms   %6.1fx\n", f.id.c_str(),
                  framework_scan * 1000, framework_index * 1000, framework_scan / framework_index);
      scan_seconds += framework_scan;
      index_seconds += framework_index;
    }
    std::printf(
        "all frameworks: scan %.0f ms, item index (rows built) %.0f ms: %.1fx; %zu tallies "
        "differ\n",
        scan_seconds * 1000, index_seconds * 1000, scan_seconds / index_seconds, differences);
  }

  // The same four measures, by team and quarter: engine against SQL.
  const measures::Framework* nps = nullptr;
  for (const measures::Framework& f : *frameworks) {
    if (f.id == "nps-2005-06") nps = &f;
  }
  if (with_sql && FillCalendarTables(db->get(), *calendar).ok() && nps != nullptr) {
    const std::string from = quarters.front().start.ToString(), to = quarters.back().end.ToString();
    double engine_total = 0, sql_total = 0;
    for (const auto& [code, sql] : kSqlMeasures) {
      auto te = Clock::now();
      Result<std::vector<std::vector<measures::Tally>>> t =
          engine->Tallies(*nps->FindMeasure(code), quarters, teams);
      const double engine_seconds = Seconds(te);
      // Every item, pending ones too: the SQL has no deadline, so it counts those as failed.
      int64_t engine_items = 0, engine_pending = 0;
      for (const auto& period : *t) {
        for (const measures::Tally& tally : period) {
          engine_items += tally.items();
          engine_pending += tally.pending;
        }
      }
      auto ts = Clock::now();
      Result<Statement> stmt = (*db)->Prepare(sql);
      stmt->BindText(1, from);
      stmt->BindText(2, to);
      int64_t sql_items = 0;
      while (*stmt->Step()) sql_items += stmt->ColumnInt(2) + stmt->ColumnInt(3);
      const double sql_seconds = Seconds(ts);
      engine_total += engine_seconds;
      sql_total += sql_seconds;
      std::printf(
          "  %-4s engine %7.1f ms (%lld items, %lld pending)   SQL %8.1f ms (%lld items)   "
          "%5.1fx\n",
          code, engine_seconds * 1000, static_cast<long long>(engine_items),
          static_cast<long long>(engine_pending), sql_seconds * 1000,
          static_cast<long long>(sql_items), sql_seconds / engine_seconds);
    }
    std::printf("four measures by team and quarter: engine %.0f ms, SQL %.0f ms: %.1fx faster\n",
                engine_total * 1000, sql_total * 1000, sql_total / engine_total);
  }
  return 0;
}

}  // namespace
}  // namespace probation

int main(int argc, char** argv) {
  probation::UseHugePages(argv);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress shows as it happens
  std::string db, image;
  int year = 2010;
  bool per_measure = false, compare_scan = false, with_sql = true, usage = false;
  int built_passes = 5, fresh_passes = 3;
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (std::strcmp(argv[i], "--per-measure") == 0) {
      per_measure = true;
    } else if (std::strcmp(argv[i], "--compare-scan") == 0) {
      compare_scan = true;
    } else if (std::strcmp(argv[i], "--no-sql") == 0) {
      with_sql = false;
    } else if (std::strcmp(argv[i], "--built-passes") == 0 && has_value) {
      built_passes = std::max(1, std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--fresh-passes") == 0 && has_value) {
      fresh_passes = std::max(1, std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--db") == 0 && has_value) {
      db = argv[++i];
    } else if (std::strcmp(argv[i], "--year") == 0 && has_value) {
      year = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--snapshot-image") == 0 && has_value) {
      image = argv[++i];
    } else {
      usage = true;
    }
  }
  if (db.empty() || usage) {
    std::fprintf(
        stderr,
        "usage: probation_measures_bench --db FILE [--year 2010] [--snapshot-image FILE] "
        "[--per-measure] [--compare-scan] [--no-sql] [--built-passes N] [--fresh-passes N]\n");
    return 2;
  }
  return probation::Run(db, year, image, per_measure, compare_scan, with_sql, built_passes,
                        fresh_passes);
}
