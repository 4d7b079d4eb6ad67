// probation_analytics_api_bench: the time of each analytics endpoint (server/analytics_routes.cc)
// on a store (a command, not a test). Opens the store at --db, adds (or reuses) one account per
// role tied to the data's first trust, its first LDU and team and an officer holding a case,
// starts the whole service in this process on 127.0.0.1 (port 0), and for each endpoint prints
// the first call on the engine's version (cold: what the version computes on first use) and the
// median and slowest of --repeat later calls (warm). Then records a breach through the API
// (a new engine version) and times the first call of each endpoint again.
//
//   probation_analytics_api_bench --db FILE [--repeat 10]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "../tests/http_client.h"
#include "base/clock.h"
#include "base/crypto.h"
#include "server/accounts.h"
#include "server/engine_holder.h"
#include "server/http_server.h"
#include "server/service.h"
#include "store/schema.h"

namespace probation {
namespace {

using Clock = std::chrono::steady_clock;
constexpr char kPassword[] = "analytics bench passphrase";

std::string One(Database* db, const std::string& sql, const std::string& arg = "") {
  Result<Statement> stmt = db->Prepare(sql);
  if (!stmt.ok()) return "";
  if (!arg.empty()) stmt->BindText(1, arg);
  Result<bool> row = stmt->Step();
  return row.ok() && *row ? std::string(stmt->ColumnText(0)) : std::string();
}

struct Endpoint {
  std::string user;
  std::string name;
  std::string target;
};

double TimeOne(testing::TestClient& client, const std::string& target, int* status) {
  const auto t0 = Clock::now();
  const testing::ClientResponse r = client.Request("GET", target);
  *status = r.status;
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

int Run(const std::string& path, int repeat) {
  if (!InitCrypto().ok()) return 2;
  Result<std::unique_ptr<Database>> db = OpenStore(path);
  if (!db.ok()) {
    std::fprintf(stderr, "%s\n", db.status().ToString().c_str());
    return 2;
  }
  Database* d = db->get();
  const std::string trust =
      One(d, "SELECT code FROM org_units WHERE level = 'trust' ORDER BY code LIMIT 1");
  const std::string ldu = One(
      d, "SELECT code FROM org_units WHERE level = 'ldu' AND parent_code = ? ORDER BY code", trust);
  const std::string team = One(
      d, "SELECT code FROM org_units WHERE level = 'team' AND parent_code = ? ORDER BY code", ldu);
  const std::string officer = One(
      d,
      "SELECT s.staff_id FROM staff s WHERE s.team_code = ? AND EXISTS (SELECT 1 FROM "
      "responsible_officers ro WHERE ro.staff_id = s.staff_id AND ro.end_date IS NULL) ORDER BY "
      "s.staff_id",
      team);
  const std::string crn = One(
      d,
      "SELECT crn FROM responsible_officers WHERE staff_id = ? AND end_date IS NULL ORDER BY crn",
      officer);
  // A community order of the officer's with no breach, for the write.
  const std::string sentence = One(
      d,
      "SELECT s.crn || '/' || s.event_no FROM sentences s JOIN responsible_officers ro ON ro.crn "
      "= s.crn AND ro.event_no = s.event_no AND ro.end_date IS NULL WHERE ro.staff_id = ? AND "
      "s.sentence_type = 'CO' AND s.termination_date IS NULL ORDER BY s.crn",
      officer);
  if (crn.empty() || sentence.empty()) {
    std::fprintf(stderr, "no officer with an open community order in %s\n", team.c_str());
    return 2;
  }
  {
    SystemClock clock;
    PasswordHasher hasher(1, PasswordHashCost::Minimum());
    AccountService accounts(d, &hasher, &clock, Actor{});
    const std::vector<NewUser> users = {
        {"abench-prac", "P", Role::kPractitioner, "", officer},
        {"abench-mgr", "M", Role::kManager, ldu, ""},
        {"abench-analyst", "A", Role::kPerformanceAnalyst, trust, ""},
        {"abench-board", "B", Role::kBoardMember, trust, ""},
    };
    for (const NewUser& u : users) (void)accounts.AddUser(u, kPassword);  // kept from a last run
  }
  std::printf("store %s: trust %s, LDU %s, team %s, officer %s, case %s\n", path.c_str(),
              trust.c_str(), ldu.c_str(), team.c_str(), officer.c_str(), crn.c_str());

  const auto start = Clock::now();
  EngineHolderOptions engine_options;
  engine_options.db_path = path;
  engine_options.poll = false;
  Result<std::unique_ptr<EngineHolder>> engine = EngineHolder::Start(engine_options);
  if (!engine.ok()) {
    std::fprintf(stderr, "%s\n", engine.status().ToString().c_str());
    return 2;
  }
  EngineHolder* holder = engine->get();
  ServiceOptions options;
  options.db_path = path;
  options.hash_cost = PasswordHashCost::Minimum();
  options.log = [](const std::string&) {};
  SystemClock clock;
  Result<std::unique_ptr<Service>> service = Service::Create(options, &clock, std::move(*engine));
  if (!service.ok()) return 2;
  HttpServerOptions http;
  http.port = 0;
  http.threads = 2;
  Result<std::unique_ptr<HttpServer>> server = HttpServer::Start(http, (*service)->Handler());
  if (!server.ok()) return 2;
  std::printf("engine built in %.2f s\n",
              std::chrono::duration<double>(Clock::now() - start).count());

  const std::vector<Endpoint> endpoints = {
      {"abench-prac", "case scores (OGRS3, tier)", "/api/v1/cases/" + crn + "/scores"},
      {"abench-prac", "workload, own", "/api/v1/workload"},
      {"abench-mgr", "workload, LDU", "/api/v1/workload?unit=" + ldu},
      {"abench-analyst", "workload, trust", "/api/v1/workload?unit=" + trust},
      {"abench-mgr", "allocation, team", "/api/v1/allocation?team=" + team + "&tier=B2"},
      {"abench-analyst", "reoffending, trust",
       "/api/v1/reoffending?snapshot=2009-03-31&by=ldu,team"
       "&calibration=true"},
      {"abench-board", "reoffending, board", "/api/v1/reoffending?snapshot=2009-03-31&by=ldu"},
      {"abench-analyst", "equality, trust", "/api/v1/equality?period=FY2010"},
      {"abench-board", "equality, board", "/api/v1/equality?period=FY2010"},
      {"abench-analyst", "forecast, trust", "/api/v1/forecast"},
  };
  std::map<std::string, std::unique_ptr<testing::TestClient>> clients;
  for (const char* user : {"abench-prac", "abench-mgr", "abench-analyst", "abench-board"}) {
    clients[user] = std::make_unique<testing::TestClient>((*server)->port());
    if (clients[user]->SignIn(user, kPassword).status != 201) {
      std::fprintf(stderr, "%s could not sign in\n", user);
      return 2;
    }
  }
  int failures = 0;
  const auto round = [&](const char* title, bool warm) {
    std::printf("\n%s\n%-28s %8s %8s %8s\n", title, "endpoint", "first ms", warm ? "p50 ms" : "",
                warm ? "max ms" : "");
    for (const Endpoint& e : endpoints) {
      int status = 0;
      const double first = TimeOne(*clients[e.user], e.target, &status);
      failures += status != 200;
      if (!warm) {
        std::printf("%-28s %8.1f%s\n", e.name.c_str(), first,
                    status == 200 ? "" : (" status " + std::to_string(status)).c_str());
        continue;
      }
      std::vector<double> ms;
      for (int i = 0; i < repeat; ++i) {
        ms.push_back(TimeOne(*clients[e.user], e.target, &status));
        failures += status != 200;
      }
      std::sort(ms.begin(), ms.end());
      std::printf("%-28s %8.1f %8.1f %8.1f%s\n", e.name.c_str(), first, ms[ms.size() / 2],
                  ms.back(), status == 200 ? "" : (" status " + std::to_string(status)).c_str());
    }
  };
  round("On the first engine version (first: cold; then warm)", true);
  // A write through the service: a breach on the officer's community order, then the refresh.
  const size_t slash = sentence.find('/');
  const testing::ClientResponse w = clients["abench-mgr"]->Request(
      "POST",
      "/api/v1/cases/" + sentence.substr(0, slash) + "/sentences/" + sentence.substr(slash + 1) +
          "/breaches",
      nlohmann::json{{"failure_date", "2011-03-01"}, {"initiated_date", "2011-03-02"}});
  const auto refresh_start = Clock::now();
  Result<bool> refreshed = holder->Refresh();
  std::printf("\nbreach recorded (status %d); refresh %.2f s (%s)\n", w.status,
              std::chrono::duration<double>(Clock::now() - refresh_start).count(),
              refreshed.ok() && *refreshed ? "new version" : "no new version");
  round("After the write, on the new version (first call of each)", false);
  (*server)->Shutdown();
  (*server)->Wait();
  return failures == 0 && w.status == 201 ? 0 : 1;
}

}  // namespace
}  // namespace probation

int main(int argc, char** argv) {
  std::string db;
  int repeat = 10;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--db")
      db = argv[i + 1];
    else if (flag == "--repeat")
      repeat = std::atoi(argv[i + 1]);
  }
  if (db.empty() || repeat < 1) {
    std::fprintf(stderr, "usage: probation_analytics_api_bench --db FILE [--repeat 10]\n");
    return 2;
  }
  return probation::Run(db, repeat);
}
