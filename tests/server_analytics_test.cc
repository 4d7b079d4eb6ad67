// The analytics over the service's API (server/analytics_routes.cc) give the same numbers as
// the CLI commands on the same data:
//   - on the hand-made team of tests/workload (worked by hand in docs/workload.md): workload
//     and capacity with reductions, the allocation ranking with its grade rule, the demand
//     forecast, one case's tier and OGRS3;
//   - on a generated trust: reoffending against prediction (totals, breakdown, calibration) and
//     equality of outcomes (every group of every table), and what a board member sees of them
//     (counts below 5 as "fewer than 5", nothing else changed);
// and the figures follow a write through the live engine (a new engine version, a new view).
// Scope and audit are in the authorisation matrix (tests/server_authz_test.cc).
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "base/calendar.h"
#include "base/crypto.h"
#include "generated_store.h"
#include "http_client.h"
#include "ingest/generator.h"
#include "ingest/importer.h"
#include "run_probation.h"
#include "server/accounts.h"
#include "server/service.h"
#include "store/audit_log.h"
#include "store/schema.h"

namespace probation {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::ClientResponse;
using testing::TestClient;

constexpr char kPassword[] = "a long test passphrase";

std::string Fixed(double v, int decimals = 1) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}
std::string Signed(double v) { return (v > 0 ? "+" : "") + Fixed(v); }

std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) out.push_back(field);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The CSV rows after the header line that starts with `header` (up to a blank line).
std::vector<std::vector<std::string>> CsvTable(const std::string& text, const std::string& header,
                                               size_t nth = 0) {
  std::vector<std::vector<std::string>> rows;
  const std::vector<std::string> lines = Lines(text);
  size_t seen = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind(header, 0) != 0) continue;
    if (seen++ < nth) continue;
    for (size_t j = i + 1; j < lines.size() && !lines[j].empty() && lines[j][0] != '#'; ++j) {
      rows.push_back(SplitCsv(lines[j]));
    }
    break;
  }
  return rows;
}

// A service on `db` with one user per role, tied as given, and a server on port 0.
class ServedStore {
 public:
  void Start(const std::string& db) {
    ServiceOptions options;
    options.db_path = db;
    options.hash_cost = PasswordHashCost::Minimum();
    options.log = [](const std::string&) {};
    EngineHolderOptions engine_options;
    engine_options.db_path = db;
    engine_options.poll = false;
    Result<std::unique_ptr<EngineHolder>> engine = EngineHolder::Start(engine_options);
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    Result<std::unique_ptr<Service>> service =
        Service::Create(options, &clock_, std::move(*engine));
    ASSERT_TRUE(service.ok());
    service_ = std::move(*service);
    HttpServerOptions http;
    http.port = 0;
    http.threads = 2;
    Result<std::unique_ptr<HttpServer>> server = HttpServer::Start(http, service_->Handler());
    ASSERT_TRUE(server.ok());
    server_ = std::move(*server);
  }
  void Stop() {
    server_.reset();
    service_.reset();
  }
  // A client signed in as `user`.
  std::unique_ptr<TestClient> As(const std::string& user) {
    auto client = std::make_unique<TestClient>(server_->port());
    EXPECT_EQ(client->SignIn(user, kPassword).status, 201) << user;
    return client;
  }
  Service& service() { return *service_; }

  static void AddUsers(const std::string& db, const std::vector<NewUser>& users) {
    ASSERT_TRUE(InitCrypto().ok());
    Result<std::unique_ptr<Database>> store = OpenStore(db);
    ASSERT_TRUE(store.ok());
    SystemClock clock;
    PasswordHasher hasher(1, PasswordHashCost::Minimum());
    AccountService accounts(store->get(), &hasher, &clock, Actor{});
    for (const NewUser& u : users) ASSERT_TRUE(accounts.AddUser(u, kPassword).ok()) << u.username;
  }

 private:
  SystemClock clock_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<HttpServer> server_;
};

// ---- the hand-made team (tests/workload) ---------------------------------------------------

class AnalyticsTeamTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(::testing::TempDir()) /
                        ("analytics_team_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    const std::string source = PROBATION_SOURCE_DIR;
    RunResult r = RunProbation("import --db " + Db() + " " + source + "/tests/workload");
    ASSERT_EQ(r.exit_status, 0) << r.err;
    r = RunProbation("workload --db " + Db() + " --load-reductions " + source +
                     "/tests/workload_extra/reductions.csv");
    ASSERT_EQ(r.exit_status, 0) << r.err;
    ServedStore::AddUsers(Db(), {{"prac", "P", Role::kPractitioner, "", "S1"},
                                 {"mgr", "M", Role::kManager, "L1", ""},
                                 {"analyst", "A", Role::kPerformanceAnalyst, "T1", ""},
                                 {"board", "B", Role::kBoardMember, "T1", ""}});
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static std::string Db() { return (*dir_ / "team.db").string(); }
  void SetUp() override { served_.Start(Db()); }
  void TearDown() override { served_.Stop(); }

  RunResult Cli(const std::string& args) { return RunProbation(args + " --db " + Db()); }

  ServedStore served_;
  static fs::path* dir_;
};
fs::path* AnalyticsTeamTest::dir_ = nullptr;

// Every officer's and unit's figures as `probation workload --format csv` prints them; and by
// hand (docs/workload.md): S1 416 points of 2176 x (37 - 7.4) / 37 = 1740.8 available (24%), S3 red
// at 274% with 17.5 h of sickness.
TEST_F(AnalyticsTeamTest, WorkloadIsTheCommandsWorkload) {
  const RunResult cli = Cli("workload --unit T1 --as-at 2011-03-31 --format csv");
  ASSERT_EQ(cli.exit_status, 0) << cli.err;
  const ClientResponse r =
      served_.As("analyst")->Request("GET", "/api/v1/workload?unit=T1&as_at=2011-03-31");
  ASSERT_EQ(r.status, 200) << r.body;
  const json body = r.Json();
  EXPECT_EQ(body["points_effective_from"], "2005-04-01");
  EXPECT_EQ(body["red_over_percent"], 110);
  const auto officers = CsvTable(cli.out, "staff id,");
  ASSERT_EQ(officers.size(), 3u);
  ASSERT_EQ(body["officers"].size(), officers.size());
  for (size_t i = 0; i < officers.size(); ++i) {
    const std::vector<std::string>& row = officers[i];
    const json& o = body["officers"][i];
    SCOPED_TRACE(row[0]);
    EXPECT_EQ(o["staff_id"], row[0]);
    EXPECT_EQ(o["name"], row[1]);
    EXPECT_EQ(o["grade"], row[2]);
    EXPECT_EQ(o["team"], row[3]);
    EXPECT_EQ(std::to_string(o["cases"]["community"].get<int>()), row[4]);
    EXPECT_EQ(std::to_string(o["cases"]["licence"].get<int>()), row[5]);
    EXPECT_EQ(std::to_string(o["cases"]["custody"].get<int>()), row[6]);
    EXPECT_EQ(std::to_string(o["sdr"].get<int>()), row[7]);
    EXPECT_EQ(std::to_string(o["fdr"].get<int>()), row[8]);
    EXPECT_EQ(std::to_string(o["case_points"].get<int>()), row[9]);
    EXPECT_EQ(std::to_string(o["report_points"].get<int>()), row[10]);
    EXPECT_EQ(std::to_string(o["workload_points"].get<int>()), row[11]);
    EXPECT_EQ(Fixed(o["contracted_hours"].get<double>()), row[12]);
    EXPECT_EQ(Fixed(o["reduction_hours"].get<double>()), row[13]);
    EXPECT_EQ(Fixed(o["available_points"].get<double>(), 0), row[14]);
    EXPECT_EQ(Fixed(o["capacity_percent"].get<double>()), row[15]);
    EXPECT_EQ(o["red"].get<bool>(), row[16] == "RED");
    // The tiers of the officer's cases add up to their cases.
    int by_tier = 0;
    for (const auto& [tier, n] : o["cases_by_tier"].items()) by_tier += n.get<int>();
    EXPECT_EQ(by_tier, o["cases"]["community"].get<int>() + o["cases"]["licence"].get<int>() +
                           o["cases"]["custody"].get<int>());
  }
  const auto units = CsvTable(cli.out, "level,code,");
  ASSERT_EQ(body["units"].size(), units.size());
  for (size_t i = 0; i < units.size(); ++i) {
    const json& u = body["units"][i];
    EXPECT_EQ(u["level"], units[i][0]);
    EXPECT_EQ(u["code"], units[i][1]);
    EXPECT_EQ(std::to_string(u["officers"].get<int>()), units[i][3]);
    EXPECT_EQ(std::to_string(u["cases"].get<int>()), units[i][4]);
    EXPECT_EQ(Fixed(u["workload_points"].get<double>(), 0), units[i][5]);
    EXPECT_EQ(Fixed(u["available_points"].get<double>(), 0), units[i][6]);
    EXPECT_EQ(Fixed(u["capacity_percent"].get<double>()), units[i][7]);
  }
  // By hand.
  const json& s1 = body["officers"][0];
  EXPECT_EQ(s1["workload_points"], 416);
  EXPECT_NEAR(s1["available_points"].get<double>(), 2176 * (37 - 7.4) / 37, 1e-9);
  EXPECT_EQ(s1["reduction_hours"], 7.4);
  EXPECT_EQ(s1["reductions"][0], "TRAINING 10.0h capped at 7.4h (20% of contracted)");
  EXPECT_TRUE(body["officers"][2]["red"].get<bool>());
  EXPECT_EQ(body["units"][0]["workload_points"], 712);

  // The practitioner sees their own row only, the same figures.
  const ClientResponse own =
      served_.As("prac")->Request("GET", "/api/v1/workload?as_at=2011-03-31");
  ASSERT_EQ(own.status, 200) << own.body;
  ASSERT_EQ(own.Json()["officers"].size(), 1u);
  EXPECT_EQ(own.Json()["officers"][0], s1);
  EXPECT_EQ(own.Json()["unit"]["level"], "officer");

  // Audited as aggregates, with the unit and the query; the practitioner's with their staff id.
  Result<std::unique_ptr<Database>> db = OpenStore(Db());
  AuditFilter filter;
  filter.limit = 1000;
  Result<std::vector<AuditEntry>> entries = SearchAudit(db->get(), filter);
  ASSERT_TRUE(entries.ok());
  std::map<std::string, std::string> unit_of;  // username -> unit of their last workload read
  for (const AuditEntry& e : *entries) {
    if (e.action != "GET /api/v1/workload") continue;
    EXPECT_EQ(e.outcome, AuditOutcome::kAllowed);
    EXPECT_EQ(e.query, "workload as_at=2011-03-31");
    EXPECT_TRUE(e.record_key.empty());
    unit_of[e.username] = e.unit;
  }
  EXPECT_EQ(unit_of["analyst"], "T1");
  EXPECT_EQ(unit_of["prac"], "S1");
}

// `probation allocate --team TM1 --tier B2 --rosh HIGH`: S1 24% -> 31%, S3 274% -> 469% (red),
// S2 (a PSO) excluded by the grade rule for high ROSH; the case is 115 points.
TEST_F(AnalyticsTeamTest, AllocationIsTheCommandsRanking) {
  const RunResult cli = Cli("allocate --team TM1 --tier B2 --rosh HIGH --as-at 2011-03-31");
  ASSERT_EQ(cli.exit_status, 0) << cli.err;
  const ClientResponse r = served_.As("mgr")->Request(
      "GET", "/api/v1/allocation?team=TM1&tier=B2&rosh=HIGH&as_at=2011-03-31");
  ASSERT_EQ(r.status, 200) << r.body;
  const json body = r.Json();
  EXPECT_EQ(body["case"]["points"], 115);
  EXPECT_EQ(body["eligible"], 2);
  const json& c = body["candidates"];
  ASSERT_EQ(c.size(), 3u);
  std::vector<std::string> cli_lines;
  for (const std::string& line : Lines(cli.out)) {
    if (line.size() > 4 && (line[1] == '.' || line[2] == '.' || line.rfind("--", 0) == 0)) {
      cli_lines.push_back(line);
    }
  }
  ASSERT_EQ(cli_lines.size(), 3u) << cli.out;
  for (size_t i = 0; i < c.size(); ++i) {
    char text[64];
    std::snprintf(text, sizeof text, "%4.0f%% -> %4.0f%%", c[i]["capacity_before"].get<double>(),
                  c[i]["capacity_after"].get<double>());
    EXPECT_NE(cli_lines[i].find(c[i]["staff_id"].get<std::string>()), std::string::npos);
    EXPECT_NE(cli_lines[i].find(text), std::string::npos) << cli_lines[i] << " / " << text;
  }
  EXPECT_EQ(c[0]["staff_id"], "S1");
  EXPECT_EQ(c[0]["rank"], 1);
  EXPECT_EQ(c[1]["staff_id"], "S3");
  EXPECT_TRUE(c[1]["red_after"].get<bool>());
  EXPECT_EQ(c[2]["staff_id"], "S2");
  EXPECT_FALSE(c[2]["eligible"].get<bool>());
  EXPECT_TRUE(c[2]["rank"].is_null());
  EXPECT_EQ(c[2]["why_not"], "grade PSO: high ROSH or above cases go to PO or SPO");
  // A bad tier or a unit that is not a team is a 400 naming the field.
  auto mgr = served_.As("mgr");
  EXPECT_EQ(mgr->Request("GET", "/api/v1/allocation?team=TM1&tier=E9").Json()["error"]["field"],
            "tier");
  EXPECT_EQ(mgr->Request("GET", "/api/v1/allocation?team=L1&tier=B2").Json()["error"]["field"],
            "team");
}

// The unit of an aggregate over teams: reoffending and equality refuse an officer, the forecast
// (by LDU) anything below an LDU, officer included, each a 400 naming the unit; an unknown unit
// is a 400 too, and a malformed as_at is refused before the unit is read.
TEST_F(AnalyticsTeamTest, AggregatesRefuseAUnitTheyAreNotTakenBy) {
  auto analyst = served_.As("analyst");
  const auto refused = [&](const std::string& target, const std::string& field,
                           const std::string& message) {
    const ClientResponse r = analyst->Request("GET", target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.Json()["error"]["field"], field) << target;
    EXPECT_EQ(r.Json()["error"]["message"], message) << target;
  };
  const std::string not_an_officer = "a region, trust, LDU or team code, not a staff member";
  const std::string by_ldu = "the forecast is by LDU: give an LDU, trust or region";
  refused("/api/v1/reoffending?snapshot=2010-09-30&unit=S1", "unit", not_an_officer);
  refused("/api/v1/equality?period=FY2010&unit=S1", "unit", not_an_officer);
  refused("/api/v1/forecast?unit=TM1", "unit", by_ldu);
  refused("/api/v1/forecast?unit=S1", "unit", by_ldu);
  EXPECT_EQ(analyst->Request("GET", "/api/v1/equality?period=FY2010&unit=TM1").status, 200);
  EXPECT_EQ(analyst->Request("GET", "/api/v1/forecast?unit=L1").status, 200);
  EXPECT_EQ(
      analyst->Request("GET", "/api/v1/equality?period=FY2010&unit=NOPE").Json()["error"]["field"],
      "unit");
  EXPECT_EQ(
      analyst->Request("GET", "/api/v1/forecast?unit=S1&as_at=2011-02-30").Json()["error"]["field"],
      "as_at");
}

// `probation forecast --unit T1 --format csv`: community in L1 now 3, r = 1/12, c = 0.5,
// s = 0.527, next quarter 3.2 [2.2, 4.2] (docs/workload.md).
TEST_F(AnalyticsTeamTest, ForecastIsTheCommandsForecast) {
  const RunResult cli = Cli("forecast --unit T1 --as-at 2011-03-31 --format csv");
  ASSERT_EQ(cli.exit_status, 0) << cli.err;
  const ClientResponse r =
      served_.As("analyst")->Request("GET", "/api/v1/forecast?unit=T1&as_at=2011-03-31");
  ASSERT_EQ(r.status, 200) << r.body;
  const json body = r.Json();
  ASSERT_EQ(body["ldus"].size(), 1u);
  const json& ldu = body["ldus"][0];
  EXPECT_EQ(ldu["ldu"]["code"], "L1");
  const auto rows = CsvTable(cli.out, "ldu,setting,");
  ASSERT_EQ(rows.size(), 4u);  // three settings and all
  for (size_t s = 0; s < 3; ++s) {
    const json& setting = ldu["settings"][s];
    const std::vector<std::string>& row = rows[s];
    SCOPED_TRACE(row[1]);
    EXPECT_EQ(setting["setting"], row[1]);
    EXPECT_EQ(std::to_string(setting["caseload_now"].get<int>()), row[2]);
    EXPECT_EQ(Fixed(setting["termination_rate"].get<double>(), 4), row[3]);
    EXPECT_EQ(Fixed(setting["mean_commencements"].get<double>()), row[4]);
    EXPECT_EQ(Fixed(setting["residual_sd"].get<double>()), row[5]);
    for (size_t q = 0; q < 4; ++q) {
      const json& p = setting["forecast"][q];
      EXPECT_EQ(Fixed(p["caseload"].get<double>()), row[6 + 3 * q]);
      EXPECT_EQ(Fixed(p["low"].get<double>()), row[7 + 3 * q]);
      EXPECT_EQ(Fixed(p["high"].get<double>()), row[8 + 3 * q]);
    }
  }
  const std::vector<std::string>& all = rows[3];
  EXPECT_EQ(std::to_string(ldu["total"]["caseload_now"].get<int>()), all[2]);
  for (size_t q = 0; q < 4; ++q) {
    EXPECT_EQ(Fixed(ldu["total"]["forecast"][q]["caseload"].get<double>()), all[6 + 3 * q]);
    EXPECT_EQ(Fixed(ldu["capacity"][q]["capacity_percent"].get<double>()), all[19 + 2 * q]);
    EXPECT_EQ(Fixed(ldu["capacity"][q]["capacity_percent_high"].get<double>()), all[20 + 2 * q]);
  }
  EXPECT_EQ(Fixed(ldu["capacity_now_percent"].get<double>()), all[18]);
  EXPECT_NEAR(ldu["settings"][0]["forecast"][0]["caseload"].get<double>(), 3.5 * 11 / 12, 1e-12);
  EXPECT_EQ(body["quarters"][0], "2011-Q1");
  // A board member sees the same LDU with its small counts suppressed.
  const json board =
      served_.As("board")->Request("GET", "/api/v1/forecast?as_at=2011-03-31").Json();
  EXPECT_EQ(board["ldus"][0]["settings"][0]["caseload_now"], "fewer than 5");
  EXPECT_TRUE(board["ldus"][0]["settings"][0]["forecast"][0]["caseload"].is_null());
  EXPECT_EQ(board["ldus"][0]["capacity_now_percent"], ldu["capacity_now_percent"]);
}

// X1 (`probation tier --crn X1`): OMM tier 4 because ROSH high; protect/change B2 from 20 and
// 12 points; the imported tier 3 disagrees. OGRS3 as `probation ogrs3` computes from the same
// inputs.
TEST_F(AnalyticsTeamTest, OneCasesTierAndOgrs3AreTheCommands) {
  const ClientResponse r =
      served_.As("analyst")->Request("GET", "/api/v1/cases/X1/scores?as_at=2011-03-31");
  ASSERT_EQ(r.status, 200) << r.body;
  const json body = r.Json();
  const json& tier = body["tier"];
  ASSERT_TRUE(tier["under_supervision"].get<bool>()) << body.dump();
  EXPECT_EQ(tier["omm"]["tier"], "4");
  EXPECT_EQ(tier["omm"]["because"][0], "ROSH high (high or above)");
  EXPECT_EQ(tier["protect_change"]["tier"], "B2");
  EXPECT_EQ(tier["protect_change"]["protect_points"], 20);
  EXPECT_EQ(tier["protect_change"]["change_points"], 12);
  EXPECT_EQ(tier["imported_tier"], "3");
  EXPECT_FALSE(tier["imported_agrees"].get<bool>());
  EXPECT_EQ(tier["inputs"]["rosh"], "high");
  EXPECT_EQ(tier["inputs"]["ogrs"], 78);
  const RunResult explained = Cli("tier --crn X1 --as-at 2011-03-31");
  ASSERT_EQ(explained.exit_status, 0) << explained.err;
  EXPECT_NE(explained.out.find("lead sentence " + tier["lead_sentence"].get<std::string>()),
            std::string::npos)
      << explained.out;
  EXPECT_NE(explained.out.find("(omm version " + std::to_string(tier["omm"]["version"].get<int>()) +
                               "): tier " + tier["omm"]["tier"].get<std::string>() + "\n"),
            std::string::npos)
      << explained.out;
  EXPECT_NE(
      explained.out.find("(protect-change version " +
                         std::to_string(tier["protect_change"]["version"].get<int>()) + "): tier " +
                         tier["protect_change"]["tier"].get<std::string>() + "\n"),
      std::string::npos)
      << explained.out;

  const json& sentences = body["ogrs3"]["sentences"];
  ASSERT_FALSE(sentences.empty());
  int scored = 0;
  for (const json& s : sentences) {
    if (s["score"].is_null()) {
      EXPECT_TRUE(s["reason"].is_string());
      continue;
    }
    ++scored;
    const json& in = s["inputs"];
    const RunResult one = RunProbation(
        "ogrs3 --gender " + in["gender"].get<std::string>() + " --dob " +
        in["date_of_birth"].get<std::string>() + " --offence-category " +
        in["offence_category"].get<std::string>() + " --sanctions " +
        std::to_string(in["sanctions"].get<int>()) + " --first-sanction " +
        in["first_sanction"].get<std::string>() + " --conviction " +
        in["conviction"].get<std::string>() + " --assessed " + in["assessed"].get<std::string>());
    ASSERT_EQ(one.exit_status, 0) << one.err;
    EXPECT_NE(one.out.find("(" + Fixed(s["score"]["one_year"].get<double>(), 9) + ")"),
              std::string::npos)
        << one.out;
    EXPECT_NE(one.out.find("(" + Fixed(s["score"]["two_year"].get<double>(), 9) + ")"),
              std::string::npos)
        << one.out;
    EXPECT_NE(one.out.find("band: " + s["score"]["band"].get<std::string>()), std::string::npos);
  }
  EXPECT_GT(scored, 0);
  // Audited as a read of the case, with its CRN.
  Result<std::unique_ptr<Database>> db = OpenStore(Db());
  AuditFilter filter;
  filter.record_key = "X1";
  Result<std::vector<AuditEntry>> entries = SearchAudit(db->get(), filter);
  ASSERT_TRUE(entries.ok());
  ASSERT_FALSE(entries->empty());
  EXPECT_EQ(entries->back().action, "GET /api/v1/cases/{crn}/scores");
  EXPECT_EQ(entries->back().outcome, AuditOutcome::kAllowed);
}

// ---- a generated trust: reoffending and equality -------------------------------------------

class AnalyticsTrustTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(::testing::TempDir()) /
                        ("analytics_trust_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    {
      Result<std::unique_ptr<Database>> db = testing::GenerateTrustStore(*dir_, 7, 0.1, Db());
      ASSERT_TRUE(db.ok()) << db.status().ToString();
      Result<Statement> q =
          (*db)->Prepare("SELECT code FROM org_units WHERE level = 'trust' ORDER BY code LIMIT 1");
      ASSERT_TRUE(q.ok());
      ASSERT_TRUE(*q->Step());
      trust_ = new std::string(q->ColumnText(0));
    }
    ServedStore::AddUsers(Db(), {{"analyst", "A", Role::kPerformanceAnalyst, *trust_, ""},
                                 {"mgr", "M", Role::kManager, *trust_, ""},
                                 {"board", "B", Role::kBoardMember, *trust_, ""}});
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete trust_;
  }
  static std::string Db() { return (*dir_ / "trust.db").string(); }
  void SetUp() override { served_.Start(Db()); }
  void TearDown() override { served_.Stop(); }

  ServedStore served_;
  static fs::path* dir_;
  static std::string* trust_;
};
fs::path* AnalyticsTrustTest::dir_ = nullptr;
std::string* AnalyticsTrustTest::trust_ = nullptr;

// The figures of one cohort row as the CLI's CSV prints them, from the API's JSON.
void ExpectCohortRow(const json& f, const std::vector<std::string>& row, size_t at) {
  EXPECT_EQ(std::to_string(f["size"].get<int>()), row[at]);
  EXPECT_EQ(Fixed(f["predicted"].get<double>() * 100), row[at + 1]);
  EXPECT_EQ(Fixed(f["actual"].get<double>() * 100), row[at + 2]);
  EXPECT_EQ(Signed(f["difference"].get<double>()), row[at + 3]);
  EXPECT_EQ(Fixed(f["low"].get<double>()) + " to " + Fixed(f["high"].get<double>()), row[at + 4]);
  EXPECT_EQ(Fixed(f["frequency"].get<double>(), 2), row[at + 5]);
}

TEST_F(AnalyticsTrustTest, ReoffendingIsTheCommandsCohort) {
  const std::string& t = *trust_;
  const RunResult cli = RunProbation("reoffending --db " + Db() + " --snapshot 2009-03-31 --unit " +
                                     t + " --by ldu --calibration --format csv");
  ASSERT_EQ(cli.exit_status, 0) << cli.err;
  const ClientResponse r = served_.As("analyst")->Request(
      "GET", "/api/v1/reoffending?snapshot=2009-03-31&by=ldu&calibration=true");
  ASSERT_EQ(r.status, 200) << r.body;
  const json body = r.Json();
  EXPECT_EQ(body["unit"]["code"], t);
  EXPECT_TRUE(body["complete"].get<bool>());
  EXPECT_EQ(body["window_start"], "2009-04-01");
  EXPECT_EQ(body["window_end"], "2010-03-31");
  EXPECT_EQ(body["proven_by"], "2010-09-30");
  const auto summary = CsvTable(cli.out, "snapshot,follow-up,");
  ASSERT_EQ(summary.size(), 1u) << cli.out;
  ExpectCohortRow(body["total"], summary[0], 3);
  EXPECT_GT(body["total"]["size"].get<int>(), 100);
  const auto ldus = CsvTable(cli.out, "ldu,cohort,");
  ASSERT_EQ(body["breakdowns"]["ldu"].size(), ldus.size());
  for (size_t i = 0; i < ldus.size(); ++i) {
    SCOPED_TRACE(ldus[i][0]);
    EXPECT_EQ(body["breakdowns"]["ldu"][i]["label"], ldus[i][0]);
    ExpectCohortRow(body["breakdowns"]["ldu"][i], ldus[i], 1);
  }
  const auto deciles = CsvTable(cli.out, "decile,");
  ASSERT_EQ(deciles.size(), 10u);
  for (size_t i = 0; i < deciles.size(); ++i) {
    const json& d = body["calibration"][i];
    EXPECT_EQ(std::to_string(d["decile"].get<int>()), deciles[i][0]);
    EXPECT_EQ(Fixed(d["min_predicted"].get<double>() * 100) + "-" +
                  Fixed(d["max_predicted"].get<double>() * 100),
              deciles[i][1]);
    ExpectCohortRow(d, deciles[i], 2);
  }
  // This year's cohort: its follow-up has not ended, marked incomplete and not rated.
  const json recent =
      served_.As("analyst")->Request("GET", "/api/v1/reoffending?snapshot=2010-09-30").Json();
  EXPECT_FALSE(recent["complete"].get<bool>());
  EXPECT_FALSE(recent["rated"].get<bool>());
  // A board member: the same totals (large), and in a team breakdown no count from 1 to 4.
  const ClientResponse b = served_.As("board")->Request(
      "GET", "/api/v1/reoffending?snapshot=2009-03-31&by=team,ethnicity&calibration=true");
  ASSERT_EQ(b.status, 200) << b.body;
  const json board = b.Json();
  EXPECT_EQ(board["total"], body["total"]);
  int hidden = 0;
  for (const auto& [name, rows] : board["breakdowns"].items()) {
    for (const json& row : rows) {
      for (const char* key : {"size", "reoffenders", "reoffences"}) {
        if (row[key].is_string()) {
          EXPECT_EQ(row[key], "fewer than 5");
          EXPECT_TRUE(row["actual"].is_null());
          ++hidden;
        } else {
          const int n = row[key].get<int>();
          EXPECT_TRUE(n == 0 || n >= 5) << name << " " << row["label"] << " " << key;
        }
      }
    }
  }
  EXPECT_GT(hidden, 0);  // some teams or groups have fewer than five reoffenders
  EXPECT_EQ(served_.As("analyst")
                ->Request("GET", "/api/v1/reoffending?snapshot=2009-03-31&follow_up=18")
                .Json()["error"]["field"],
            "follow_up");
}

TEST_F(AnalyticsTrustTest, EqualityIsTheCommandsTables) {
  const std::string& t = *trust_;
  const RunResult cli =
      RunProbation("equality --db " + Db() + " --period FY2010 --unit " + t + " --format csv");
  ASSERT_EQ(cli.exit_status, 0) << cli.err;
  const ClientResponse r = served_.As("analyst")->Request("GET", "/api/v1/equality?period=FY2010");
  ASSERT_EQ(r.status, 200) << r.body;
  const json body = r.Json();
  const auto completeness = CsvTable(cli.out, "item,recorded,");
  ASSERT_EQ(completeness.size(), 3u);
  EXPECT_EQ(std::to_string(body["completeness"]["ethnicity_recorded"].get<int>()),
            completeness[0][1]);
  EXPECT_EQ(std::to_string(body["completeness"]["ethnicity_not_stated"].get<int>()),
            completeness[0][3]);
  EXPECT_EQ(std::to_string(body["completeness"]["ethnicity_missing"].get<int>()),
            completeness[0][4]);
  EXPECT_EQ(std::to_string(body["completeness"]["disability_recorded"].get<int>()),
            completeness[1][1]);
  EXPECT_EQ(std::to_string(body["completeness"]["gender_not_known"].get<int>()),
            completeness[2][4]);
  const json& outcomes = body["outcomes"];
  ASSERT_EQ(outcomes.size(), 25u);  // 5 outcomes x 5 groupings
  int compared = 0, suppressed = 0;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const auto rows = CsvTable(cli.out, "group,name,count,of,", i);
    const json& groups = outcomes[i]["groups"];
    ASSERT_EQ(groups.size(), rows.size())
        << outcomes[i]["outcome"] << " " << outcomes[i]["grouping"];
    for (size_t g = 0; g < rows.size(); ++g) {
      const json& group = groups[g];
      const std::vector<std::string>& row = rows[g];
      SCOPED_TRACE(outcomes[i]["outcome"].get<std::string>() + " " + row[0]);
      EXPECT_EQ(group["code"], row[0]);
      if (group["suppressed"].get<bool>()) {
        EXPECT_EQ(row[2], "*");
        EXPECT_TRUE(group["numerator"].is_null());
        ++suppressed;
        continue;
      }
      EXPECT_EQ(std::to_string(group["numerator"].get<int>()), row[2]);
      EXPECT_EQ(std::to_string(group["denominator"].get<int>()), row[3]);
      if (row[4] != "-") EXPECT_EQ(Fixed(group["rate"].get<double>() * 100), row[4]);
      if (row[5] != "-") EXPECT_EQ(Fixed(group["ratio"].get<double>(), 2), row[5]);
      if (row[6] != "-") {
        EXPECT_EQ(
            Fixed(group["low"].get<double>(), 2) + " to " + Fixed(group["high"].get<double>(), 2),
            row[6]);
      }
      ++compared;
    }
  }
  EXPECT_GT(compared, 40);
  EXPECT_GT(suppressed, 0);
  // A threshold below 5 is raised to 5 for a board member, and no count from 1 to 4 is shown.
  const json board =
      served_.As("board")->Request("GET", "/api/v1/equality?period=FY2010&threshold=0").Json();
  EXPECT_EQ(board["threshold"], 5);
  for (const json& table : board["outcomes"]) {
    for (const json& group : table["groups"]) {
      for (const char* key : {"numerator", "denominator"}) {
        if (group[key].is_number()) {
          const int n = group[key].get<int>();
          EXPECT_TRUE(n == 0 || n >= 5) << table["outcome"] << " " << group["code"];
        }
      }
    }
  }
}

// The figures follow a write: a breach recorded through the service on a community order with
// none makes a new engine version, and the equality tables count one more breach after the
// live engine's refresh, without a restart.
TEST_F(AnalyticsTrustTest, FiguresFollowAWriteThroughTheLiveEngine) {
  std::string crn, event_no;
  {
    Result<std::unique_ptr<Database>> db = OpenStore(Db());
    ASSERT_TRUE(db.ok());
    Result<Statement> q = (*db)->Prepare(
        "SELECT s.crn, s.event_no FROM sentences s JOIN responsible_officers ro ON ro.crn = "
        "s.crn AND ro.event_no = s.event_no AND ro.end_date IS NULL WHERE s.sentence_type = 'CO' "
        "AND s.termination_date IS NULL AND s.start_date < '2010-04-01' AND NOT EXISTS (SELECT 1 "
        "FROM breaches b WHERE b.crn = s.crn AND b.event_no = s.event_no) ORDER BY s.crn LIMIT 1");
    ASSERT_TRUE(q.ok());
    ASSERT_TRUE(*q->Step());
    crn = std::string(q->ColumnText(0));
    event_no = std::to_string(q->ColumnInt(1));
  }
  auto analyst = served_.As("analyst");
  const auto breaches = [&](const json& body) {
    for (const json& table : body["outcomes"]) {
      if (table["outcome"] == "breaches" && table["grouping"] == "gender") {
        return table["numerator"].get<int>();
      }
    }
    return -1;
  };
  const json before = analyst->Request("GET", "/api/v1/equality?period=FY2010").Json();
  const ClientResponse w = served_.As("mgr")->Request(
      "POST", "/api/v1/cases/" + crn + "/sentences/" + event_no + "/breaches",
      json{{"failure_date", "2011-03-01"}, {"initiated_date", "2011-03-02"}});
  ASSERT_EQ(w.status, 201) << w.body;
  ASSERT_TRUE(served_.service().context().engine->Refresh().ok());
  const json after = analyst->Request("GET", "/api/v1/equality?period=FY2010").Json();
  EXPECT_GT(after["engine_version"].get<uint64_t>(), before["engine_version"].get<uint64_t>());
  EXPECT_EQ(breaches(after), breaches(before) + 1);
}

}  // namespace
}  // namespace probation
