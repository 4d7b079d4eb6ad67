// probation_load_bench: the service under load (a command, not a test). Opens the store at
// --db, adds one practitioner account for each of --clients officers who hold an open sentence
// with contacts (and reuses them on a later run), starts the whole service in this process on
// 127.0.0.1 (port 0) with the live engine polling, and runs --clients signed-in clients, each
// on its own thread and keep-alive connection (Boost.Beast), for --seconds, each mixing:
//   35% caseload (own)  25% case read (own case)  15% due items (own)  15% scorecard (own)
//   10% contact recorded on their own case
// Then prints throughput, p50/p95/p99 latency per route, errors (any status other than the
// route's success), lost writes (every acknowledged contact looked up in the store afterwards)
// and the write-to-scorecard delay (a probe client records a PM1 contact every few seconds
// and polls its officer's scorecard until the count moves).
//
// The first --warmup seconds (default 10) are run but not counted: the server's start-up (the
// due index built at start, each route's first scorecard computing every unit's tallies) is
// reported by its own line, and the figures are the service's steady state.
// With --think-ms N, each client pauses between requests for a random time averaging N ms
// (uniform over 0 .. 2N), as people at their desks do; without it (0) clients never pause, so
// the server is saturated and latency is mostly the queue. The engine runs with the options
// `probation serve` uses (EngineHolderOptions::ForServing).
//
//   probation_load_bench --db FILE [--clients 200] [--seconds 60] [--threads 4] [--warm 0]
//                        [--think-ms 0] [--warmup 10]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "../tests/http_client.h"
#include "base/clock.h"
#include "base/crypto.h"
#include "base/huge_pages.h"
#include "server/accounts.h"
#include "server/engine_holder.h"
#include "server/http_server.h"
#include "server/service.h"
#include "store/schema.h"

namespace probation {
namespace {

using Clock = std::chrono::steady_clock;
bool g_warm = false;  // --warm 1: versions warmed before the swap (EngineHolderOptions::warm)
int g_think_ms = 0;   // --think-ms: mean pause between a client's requests
int g_warmup = 10;    // --warmup: seconds run before requests are counted
constexpr char kPassword[] = "load bench passphrase 1";

struct Officer {
  std::string staff_id, crn, event_no;
};

struct RouteStats {
  std::vector<double> ms;
  int64_t errors = 0;
  double max_warmup_ms = 0;  // the slowest request of the warm-up, not counted
  int64_t warmup_requests = 0, warmup_errors = 0;
};

struct Shared {
  std::mutex mutex;
  std::map<std::string, RouteStats> routes;
  std::vector<std::string> written_keys;  // acknowledged contacts
  std::map<int, int64_t> error_statuses;
};

Result<std::vector<Officer>> FindOfficers(Database* db, int wanted) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt,
      db->Prepare(
          "SELECT ro.staff_id, MIN(ro.crn || ' ' || ro.event_no) FROM responsible_officers ro "
          "WHERE ro.end_date IS NULL AND EXISTS (SELECT 1 FROM contacts c WHERE "
          "c.crn = ro.crn AND c.event_no = ro.event_no) GROUP BY ro.staff_id "
          "ORDER BY ro.staff_id LIMIT ?"));
  stmt.BindInt(1, wanted);
  std::vector<Officer> out;
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    const std::string key(stmt.ColumnText(1));
    out.push_back({std::string(stmt.ColumnText(0)), key.substr(0, key.find(' ')),
                   key.substr(key.find(' ') + 1)});
  }
  return out;
}

std::string LatestContactDate(Database* db) {
  Result<Statement> stmt = db->Prepare("SELECT MAX(contact_date) FROM contacts");
  if (!stmt.ok()) return "";
  Result<bool> row = stmt->Step();
  return row.ok() && *row ? std::string(stmt->ColumnText(0)) : std::string();
}

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const size_t at = std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(at), v.end());
  return v[at];
}

nlohmann::json ContactBody(const Officer& o, const std::string& date) {
  return {{"contact_date", date}, {"contact_type", "OM"}, {"ns_required", true},
          {"arranged", true},     {"outcome", "ATT"},     {"staff_id", o.staff_id}};
}

int64_t Pm1Succeeded(testing::TestClient& client, const std::string& card) {
  const testing::ClientResponse r = client.Request("GET", card);
  if (r.status != 200) return -1;
  const nlohmann::json j = r.Json();
  for (const auto& cell : j["units"][0]["measures"]) {
    if (cell["code"] == "PM1" && cell["succeeded"].is_number())
      return cell["succeeded"].get<int64_t>();
  }
  return -1;
}

int Run(const std::string& db_path, int clients, int seconds, int threads) {
  if (!InitCrypto().ok()) return 2;
  Result<std::unique_ptr<Database>> db = OpenStore(db_path);
  if (!db.ok()) {
    std::fprintf(stderr, "%s\n", db.status().message().c_str());
    return 2;
  }
  // One officer more than the clients: the probe's, written only by the probe. When the data
  // has fewer officers than clients, officers are shared (each client its own session).
  Result<std::vector<Officer>> officers = FindOfficers(db->get(), clients + 1);
  if (!officers.ok() || officers->size() < 2) {
    std::fprintf(stderr, "not enough officers with open sentences\n");
    return 2;
  }
  const std::string date = LatestContactDate(db->get());
  {
    SystemClock clock;
    PasswordHasher hasher(2, PasswordHashCost::Minimum());
    AccountService accounts(db->get(), &hasher, &clock, Actor{});
    for (size_t i = 0; i < officers->size(); ++i) {
      const std::string name = "load" + std::to_string(i);
      // An existing account (from an earlier run) is reused.
      (void)accounts.AddUser({name, name, Role::kPractitioner, "", (*officers)[i].staff_id},
                             kPassword);
    }
  }
  const Officer probe_officer = officers->back();
  officers->pop_back();
  const size_t officer_count = officers->size();

  static SystemClock clock;
  const auto engine_start = Clock::now();
  EngineHolderOptions engine_options = EngineHolderOptions::ForServing(db_path);
  engine_options.warm = g_warm;
  Result<std::unique_ptr<EngineHolder>> engine = EngineHolder::Start(engine_options);
  if (!engine.ok()) {
    std::fprintf(stderr, "%s\n", engine.status().message().c_str());
    return 2;
  }
  std::printf("engine ready in %.1f s\n",
              std::chrono::duration<double>(Clock::now() - engine_start).count());
  EngineHolder* holder = engine->get();
  ServiceOptions options;
  options.db_path = db_path;
  options.log = [](const std::string&) {};
  Result<std::unique_ptr<Service>> service = Service::Create(options, &clock, std::move(*engine));
  if (!service.ok()) return 2;
  HttpServerOptions http;
  http.port = 0;
  http.threads = threads;
  Result<std::unique_ptr<HttpServer>> server = HttpServer::Start(http, (*service)->Handler());
  if (!server.ok()) return 2;
  const uint16_t port = (*server)->port();
  const std::string card_base =
      "/api/v1/scorecard?framework=nps-2005-06&period=" + date.substr(0, 7);

  Shared shared;
  // Requests started before this are the warm-up's (set when every client has signed in).
  std::atomic<Clock::time_point> counted_from{Clock::time_point::max()};
  std::atomic<bool> stop{false};
  std::atomic<int> ready{0};
  std::vector<std::thread> workers;
  for (int i = 0; i < clients; ++i) {
    workers.emplace_back([&, i] {
      const size_t which = static_cast<size_t>(i) % officer_count;
      const Officer& o = (*officers)[which];
      testing::TestClient client(port);
      std::map<std::string, RouteStats> local;
      std::vector<std::string> keys;
      std::map<int, int64_t> statuses;
      const testing::ClientResponse signed_in =
          client.SignIn("load" + std::to_string(which), kPassword);
      ++ready;
      if (signed_in.status != 201) {
        std::lock_guard<std::mutex> lock(shared.mutex);
        shared.routes["sign-in"].errors++;
        return;
      }
      while (ready.load() < clients && !stop.load())
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      std::mt19937 random(static_cast<unsigned>(i) * 7919u + 1u);
      const std::string contacts =
          "/api/v1/cases/" + o.crn + "/sentences/" + o.event_no + "/contacts";
      while (!stop.load()) {
        if (g_think_ms > 0) {
          std::this_thread::sleep_for(
              std::chrono::milliseconds(random() % (2 * static_cast<unsigned>(g_think_ms) + 1)));
          if (stop.load()) break;
        }
        const int pick = static_cast<int>(random() % 100);
        std::string route, method = "GET", target;
        std::optional<nlohmann::json> body;
        int ok = 200;
        if (pick < 35) {
          route = "caseload";
          target = "/api/v1/caseload?limit=50";
        } else if (pick < 60) {
          route = "case";
          target = "/api/v1/cases/" + o.crn;
        } else if (pick < 75) {
          route = "due";
          target = "/api/v1/due?limit=50";
        } else if (pick < 90) {
          route = "scorecard";
          target = card_base;
        } else {
          route = "contact write";
          method = "POST";
          target = contacts;
          body = ContactBody(o, date);
          ok = 201;
        }
        const auto t0 = Clock::now();
        const testing::ClientResponse r = client.Request(method, target, body);
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        RouteStats& s = local[route];
        const bool warmup = t0 < counted_from.load();
        if (warmup) {
          s.max_warmup_ms = std::max(s.max_warmup_ms, ms);
          ++s.warmup_requests;
        } else {
          s.ms.push_back(ms);
        }
        if (r.status != ok) {
          (warmup ? s.warmup_errors : s.errors)++;
          statuses[r.status]++;
        } else if (ok == 201) {
          keys.push_back(r.Json()["record"]["key"].get<std::string>());
        }
      }
      std::lock_guard<std::mutex> lock(shared.mutex);
      for (auto& [name, s] : local) {
        RouteStats& into = shared.routes[name];
        into.ms.insert(into.ms.end(), s.ms.begin(), s.ms.end());
        into.errors += s.errors;
        into.max_warmup_ms = std::max(into.max_warmup_ms, s.max_warmup_ms);
        into.warmup_requests += s.warmup_requests;
        into.warmup_errors += s.warmup_errors;
      }
      shared.written_keys.insert(shared.written_keys.end(), keys.begin(), keys.end());
      for (auto [status, n] : statuses) shared.error_statuses[status] += n;
    });
  }
  // The probe: write-to-scorecard delay, measured while the load runs.
  std::vector<double> delays;
  std::vector<std::string> probe_keys;
  std::thread probe([&] {
    testing::TestClient client(port);
    if (client.SignIn("load" + std::to_string(officer_count), kPassword).status != 201) return;
    while (ready.load() < clients && !stop.load())
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const std::string contacts =
        "/api/v1/cases/" + probe_officer.crn + "/sentences/" + probe_officer.event_no + "/contacts";
    while (!stop.load()) {
      const int64_t before = Pm1Succeeded(client, card_base);
      const auto t0 = Clock::now();
      const testing::ClientResponse w =
          client.Request("POST", contacts, ContactBody(probe_officer, date));
      if (w.status != 201 || before < 0) break;
      probe_keys.push_back(w.Json()["record"]["key"].get<std::string>());
      while (!stop.load() && Pm1Succeeded(client, card_base) <= before) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      if (stop.load()) break;
      if (t0 >= counted_from.load()) {
        delays.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
      }
      std::this_thread::sleep_for(std::chrono::seconds(3));
    }
  });
  while (ready.load() < clients) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::printf(
      "%d clients signed in (as %zu practitioners); running for %d s on %d server threads; "
      "pause between requests %d ms on average\n",
      clients, officer_count, seconds, threads, g_think_ms);
  counted_from = Clock::now() + std::chrono::seconds(g_warmup);
  std::this_thread::sleep_for(std::chrono::seconds(g_warmup));
  const auto start = Clock::now();
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  stop = true;
  for (std::thread& t : workers) t.join();
  probe.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  (*server)->Shutdown();
  (*server)->Wait();

  int64_t total = 0, errors = 0;
  std::printf("%-14s %9s %8s %8s %8s %8s %7s\n", "route", "requests", "per s", "p50 ms", "p95 ms",
              "p99 ms", "errors");
  for (auto& [name, s] : shared.routes) {
    total += static_cast<int64_t>(s.ms.size());
    errors += s.errors;
    std::printf("%-14s %9zu %8.1f %8.1f %8.1f %8.1f %7lld\n", name.c_str(), s.ms.size(),
                static_cast<double>(s.ms.size()) / elapsed, Percentile(s.ms, 0.50),
                Percentile(s.ms, 0.95), Percentile(s.ms, 0.99), static_cast<long long>(s.errors));
  }
  std::printf("total: %lld requests in %.1f s = %.0f per second, %lld errors\n",
              static_cast<long long>(total), elapsed, static_cast<double>(total) / elapsed,
              static_cast<long long>(errors));
  int64_t warmup_requests = 0, warmup_errors = 0;
  double warmup_max = 0;
  for (const auto& [name, s] : shared.routes) {
    warmup_requests += s.warmup_requests;
    warmup_errors += s.warmup_errors;
    warmup_max = std::max(warmup_max, s.max_warmup_ms);
  }
  std::printf(
      "warm-up (first %d s, not counted above): %lld requests, the slowest %.0f ms, %lld errors\n",
      g_warmup, static_cast<long long>(warmup_requests), warmup_max,
      static_cast<long long>(warmup_errors));
  errors += warmup_errors;  // an error is an error, warm-up or not (statuses below count both)
  for (auto [status, n] : shared.error_statuses) {
    std::printf("  status %d: %lld\n", status, static_cast<long long>(n));
  }
  // Lost writes: every acknowledged contact must be in the store.
  std::vector<std::string> keys = shared.written_keys;
  keys.insert(keys.end(), probe_keys.begin(), probe_keys.end());
  int64_t lost = 0;
  // The key's parts, matched by the primary key.
  Result<Statement> by_key =
      (*db)->Prepare("SELECT 1 FROM contacts WHERE crn = ? AND event_no = ? AND contact_no = ?");
  if (!by_key.ok()) return 2;
  for (const std::string& key : keys) {
    const size_t a = key.find('/'), b = key.rfind('/');
    by_key->Reset();
    by_key->BindTextCopy(1, key.substr(0, a));
    by_key->BindInt(2, std::stoll(key.substr(a + 1, b - a - 1)));
    by_key->BindInt(3, std::stoll(key.substr(b + 1)));
    Result<bool> row = by_key->Step();
    if (!row.ok() || !*row) ++lost;
  }
  std::printf("writes acknowledged: %zu, lost: %lld\n", keys.size(), static_cast<long long>(lost));
  std::sort(delays.begin(), delays.end());
  if (delays.empty()) {
    std::printf("write-to-scorecard delay: no probe completed\n");
  } else {
    std::printf("write-to-scorecard delay (%zu probes): median %.2f s, max %.2f s\n", delays.size(),
                delays[delays.size() / 2], delays.back());
  }
  const LiveEngineMetrics m = holder->live().Metrics();
  std::printf("engine: version %llu, %llu refreshes (%llu failed), last refresh %.2f s\n",
              static_cast<unsigned long long>(m.version),
              static_cast<unsigned long long>(m.refreshes),
              static_cast<unsigned long long>(m.failed_refreshes), m.last_build_seconds);
  return errors == 0 && lost == 0 ? 0 : 1;
}

}  // namespace
}  // namespace probation

int main(int argc, char** argv) {
  probation::UseHugePages(argv);  // as `probation serve` does (src/main.cc)
  std::string db;
  int clients = 200, seconds = 60, threads = 4;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--db")
      db = argv[i + 1];
    else if (flag == "--clients")
      clients = std::atoi(argv[i + 1]);
    else if (flag == "--seconds")
      seconds = std::atoi(argv[i + 1]);
    else if (flag == "--threads")
      threads = std::atoi(argv[i + 1]);
    else if (flag == "--warm")
      probation::g_warm = std::atoi(argv[i + 1]) != 0;
    else if (flag == "--think-ms")
      probation::g_think_ms = std::atoi(argv[i + 1]);
    else if (flag == "--warmup")
      probation::g_warmup = std::atoi(argv[i + 1]);
  }
  if (db.empty() || clients < 1 || seconds < 1 || threads < 1 || probation::g_think_ms < 0 ||
      probation::g_warmup < 0) {
    std::fprintf(
        stderr,
        "usage: probation_load_bench --db FILE [--clients 200] [--seconds 60] [--threads 4] "
        "[--warm 0] [--think-ms 0] [--warmup 10]\n");
    return 2;
  }
  return probation::Run(db, clients, seconds, threads);
}
