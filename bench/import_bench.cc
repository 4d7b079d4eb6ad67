// Bulk-load benchmark: the contacts file, the largest by far at national scale (tens of
// millions of rows). Three measurements in the same run, so the import rate can be read as
// ratios: scanning the CSV alone, inserting the same rows into SQLite with no validation at
// all (the floor the store sets), and the full validated import.
//
//   scripts/bench [--benchmark_filter=...]      (PROBATION_BENCH_ROWS overrides 1,000,000)
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/csv.h"
#include "base/date.h"
#include "base/mapped_file.h"
#include "ingest/importer.h"
#include "store/schema.h"

namespace probation {
namespace {

namespace fs = std::filesystem;

int64_t Rows() {
  const char* env = std::getenv("PROBATION_BENCH_ROWS");
  return env != nullptr ? std::atoll(env) : 1000000;
}

// Writes people, sentences and contacts (40 contacts a sentence, on weekdays) once.
const fs::path& Fixture() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("probation_bench_" + std::to_string(Rows()));
    if (fs::exists(d / "contacts.csv")) return d;
    fs::create_directories(d / "base");
    const int64_t sentences = (Rows() + 39) / 40;
    std::ofstream people(d / "base" / "people.csv");
    std::ofstream events(d / "base" / "sentences.csv");
    std::ofstream contacts(d / "contacts.csv");
    people << "crn,surname,forenames,date_of_birth,gender\n";
    events << "crn,event_no,sentence_type,sentence_date,court_code,offence_category,"
              "serious_sexual_violent,start_date,expected_end_date\n";
    contacts << "crn,event_no,contact_no,contact_date,contact_type,ns_required,arranged,outcome\n";
    const char* outcomes[] = {"ATT", "ATT", "ATT", "AA", "UA", "ATT", "ATT", ""};
    int64_t written = 0;
    for (int64_t s = 0; s < sentences; ++s) {
      char crn[24];
      std::snprintf(crn, sizeof crn, "B%07lld", static_cast<long long>(s));
      const Date start = Date::FromCivil(2006, 4, 3) + static_cast<int32_t>(s % 1500);
      people << crn << ",Surname,Forename,1980-01-01,M\n";
      events << crn << ",1,CO,2006-04-03,MC1,theft,N," << start.ToString() << ","
             << (start + 365).ToString() << "\n";
      Date d = start;
      for (int c = 1; c <= 40 && written < Rows(); ++c, ++written) {
        d = d + (d.weekday() == Weekday::kFriday ? 3 : 1 + (c % 2) * 6);
        while (d.IsWeekend()) d = d + 1;
        contacts << crn << ",1," << c << "," << d.ToString() << ",OM,Y,Y," << outcomes[c % 8]
                 << "\n";
      }
    }
    return d;
  }();
  return dir;
}

// A database holding the people and sentences the contacts belong to; copied per iteration.
const std::string& BaseDatabase() {
  static const std::string path = [] {
    const std::string p = (Fixture() / "base.db").string();
    if (fs::exists(p)) return p;
    Result<std::unique_ptr<Database>> db = OpenStore(p);
    ImportOptions options;
    options.paths = {(Fixture() / "base").string()};
    Result<ImportResult> r = Import(db->get(), options);
    if (!r.ok() || r->ExitCode() != 0) std::abort();
    (*db)->Execute("PRAGMA wal_checkpoint(TRUNCATE)");
    return p;
  }();
  return path;
}

std::string FreshCopy() {
  const std::string target = (Fixture() / "run.db").string();
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(target + suffix);
  fs::copy_file(BaseDatabase(), target);
  return target;
}

void BM_CsvScanOnly(benchmark::State& state) {
  Result<MappedFile> file = MappedFile::Open((Fixture() / "contacts.csv").string());
  int64_t rows = 0;
  for (auto _ : state) {
    CsvReader reader(file->contents());
    std::vector<std::string_view> fields;
    rows = -1;  // the header
    while (reader.Next(&fields).ok() && !reader.done()) ++rows;
    benchmark::DoNotOptimize(rows);
  }
  state.SetItemsProcessed(state.iterations() * rows);
}

void BM_SqliteInsertOnly(benchmark::State& state) {
  Result<MappedFile> file = MappedFile::Open((Fixture() / "contacts.csv").string());
  int64_t rows = 0;
  for (auto _ : state) {
    state.PauseTiming();
    Result<std::unique_ptr<Database>> db = OpenStore(FreshCopy());
    Result<Statement> insert = (*db)->Prepare(
        "INSERT INTO contacts (crn, event_no, contact_no, contact_date, contact_type, "
        "ns_required, arranged, outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    state.ResumeTiming();
    (*db)->Execute("BEGIN");
    CsvReader reader(file->contents());
    std::vector<std::string_view> f;
    reader.Next(&f);
    rows = 0;
    while (reader.Next(&f).ok() && !reader.done()) {
      insert->BindText(1, f[0]);
      insert->BindInt(2, std::atoi(f[1].data()));
      insert->BindInt(3, std::atoi(f[2].data()));
      insert->BindText(4, f[3]);
      insert->BindText(5, f[4]);
      insert->BindInt(6, 1);
      insert->BindInt(7, 1);
      if (f[7].empty())
        insert->BindNull(8);
      else
        insert->BindText(8, f[7]);
      if (!insert->Run().ok()) std::abort();
      ++rows;
    }
    (*db)->Execute("COMMIT");
  }
  state.SetItemsProcessed(state.iterations() * rows);
}

void BM_ImportContacts(benchmark::State& state) {
  int64_t rows = 0;
  for (auto _ : state) {
    state.PauseTiming();
    Result<std::unique_ptr<Database>> db = OpenStore(FreshCopy());
    ImportOptions options;
    options.paths = {(Fixture() / "contacts.csv").string()};
    state.ResumeTiming();
    Result<ImportResult> r = Import(db->get(), options);
    if (!r.ok() || r->ExitCode() != 0) {
      state.SkipWithError("import failed");
      return;
    }
    rows = r->TotalRead();
  }
  state.SetItemsProcessed(state.iterations() * rows);
}

void BM_ReimportContactsUnchanged(benchmark::State& state) {
  Result<std::unique_ptr<Database>> db = OpenStore(FreshCopy());
  ImportOptions options;
  options.paths = {(Fixture() / "contacts.csv").string()};
  if (!Import(db->get(), options).ok()) std::abort();
  int64_t rows = 0;
  for (auto _ : state) {
    Result<ImportResult> r = Import(db->get(), options);
    rows = r->TotalRead();
  }
  state.SetItemsProcessed(state.iterations() * rows);
}

BENCHMARK(BM_CsvScanOnly)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_SqliteInsertOnly)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK(BM_ImportContacts)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK(BM_ReimportContactsUnchanged)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2)
    ->UseRealTime();

}  // namespace
}  // namespace probation

BENCHMARK_MAIN();
