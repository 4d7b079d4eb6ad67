// The authorisation matrix of docs/access.md over the service's routes, on a generated trust:
// every role x every route x in scope / out of scope, allowed (200) or refused (403) as the
// table says, and every refusal written to the audit log as refused; every allowed read of
// figures audited as allowed. Then a board member's responses (every endpoint it may call,
// the board pack included) are scanned for every CRN, person's name and date of birth in the
// data, and every staff member's name: none may appear, and no count below 5.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <map>

#include "base/calendar.h"
#include "base/crypto.h"
#include "http_client.h"
#include "ingest/generator.h"
#include "ingest/importer.h"
#include "server/accounts.h"
#include "server/service.h"
#include "store/audit_log.h"
#include "store/schema.h"

namespace probation {
namespace {

namespace fs = std::filesystem;
using testing::ClientResponse;
using testing::TestClient;

constexpr char kPassword[] = "a long test passphrase";

// The units the matrix names, found in the generated data.
struct Units {
  std::string trust, ldu1, ldu2, team1, officer1, officer2;  // officer1 in team1; officer2 in ldu2
};

class AuthzTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(::testing::TempDir()) / ("authz_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    Result<Calendar> calendar =
        Calendar::FromChangesFile(PROBATION_SOURCE_DIR "/reference/bank_holiday_changes.csv");
    ASSERT_TRUE(calendar.ok());
    GeneratorOptions options;
    options.seed = 5;
    options.out_dir = (*dir_ / "data").string();
    options.scale = 0.1;
    ASSERT_TRUE(Generate(options, *calendar).ok());
    Result<std::unique_ptr<Database>> db = OpenStore(DbPath());
    ASSERT_TRUE(db.ok());
    ImportOptions import;
    import.paths = {options.out_dir};
    import.report_path = (*dir_ / "rejects.csv").string();
    ASSERT_TRUE(Import(db->get(), import).ok());
    units_ = new Units(FindUnits(db->get()));
    ASSERT_FALSE(units_->officer2.empty());
    ASSERT_TRUE(InitCrypto().ok());
    SystemClock clock;
    PasswordHasher hasher(1, PasswordHashCost::Minimum());
    AccountService accounts(db->get(), &hasher, &clock, Actor{});
    const std::vector<NewUser> users = {
        {"prac", "P", Role::kPractitioner, "", units_->officer1},
        {"mgr", "M", Role::kManager, units_->ldu1, ""},
        {"analyst", "A", Role::kPerformanceAnalyst, units_->trust, ""},
        {"board", "B", Role::kBoardMember, units_->trust, ""},
        {"admin", "D", Role::kAdministrator, "", ""},
    };
    for (const NewUser& u : users) ASSERT_TRUE(accounts.AddUser(u, kPassword).ok()) << u.username;
  }

  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete units_;
  }

  static std::string DbPath() { return (*dir_ / "probation.db").string(); }

  static std::string One(Database* db, const std::string& sql, const std::string& arg = "") {
    Result<Statement> stmt = db->Prepare(sql);
    EXPECT_TRUE(stmt.ok()) << sql;
    if (!arg.empty()) stmt->BindText(1, arg);
    Result<bool> has = stmt->Step();
    return has.ok() && *has ? std::string(stmt->ColumnText(0)) : std::string();
  }

  static Units FindUnits(Database* db) {
    Units u;
    u.trust = One(db, "SELECT code FROM org_units WHERE level = 'trust' ORDER BY code LIMIT 1");
    u.ldu1 = One(db, "SELECT code FROM org_units WHERE level = 'ldu' AND parent_code = ? ORDER BY code",
                 u.trust);
    u.ldu2 = One(db, "SELECT code FROM org_units WHERE level = 'ldu' AND parent_code = ? ORDER BY code "
                     "DESC", u.trust);
    u.team1 = One(db, "SELECT code FROM org_units WHERE level = 'team' AND parent_code = ? ORDER BY code",
                  u.ldu1);
    u.officer1 = One(db, "SELECT staff_id FROM staff WHERE team_code = ? ORDER BY staff_id", u.team1);
    u.officer2 = One(db,
                     "SELECT staff_id FROM staff WHERE team_code IN (SELECT code FROM org_units "
                     "WHERE parent_code = ?) ORDER BY staff_id",
                     u.ldu2);
    return u;
  }

  void SetUp() override {
    ServiceOptions options;
    options.db_path = DbPath();
    options.hash_cost = PasswordHashCost::Minimum();
    options.log = [](const std::string&) {};
    Result<std::unique_ptr<StaticEngineHolder>> engine = StaticEngineHolder::Build(DbPath(), clock_.Now());
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    Result<std::unique_ptr<Service>> service = Service::Create(options, &clock_, std::move(*engine));
    ASSERT_TRUE(service.ok());
    service_ = std::move(*service);
    HttpServerOptions http;
    http.port = 0;
    http.threads = 2;
    Result<std::unique_ptr<HttpServer>> server = HttpServer::Start(http, service_->Handler());
    ASSERT_TRUE(server.ok());
    server_ = std::move(*server);
  }

  void TearDown() override {
    server_.reset();
    service_.reset();
  }

  // Entries of `user` with `outcome` for `action`.
  int Audited(const std::string& user, const std::string& action, AuditOutcome outcome) {
    Result<std::unique_ptr<Database>> db = OpenStore(DbPath());
    AuditFilter filter;
    filter.username = user;
    filter.limit = 1000000;
    Result<std::vector<AuditEntry>> entries = SearchAudit(db->get(), filter);
    int n = 0;
    for (const AuditEntry& e : *entries) n += e.action == action && e.outcome == outcome;
    return n;
  }

  std::string Fill(std::string text) const {
    const std::map<std::string, std::string> values = {
        {"{trust}", units_->trust}, {"{ldu1}", units_->ldu1}, {"{ldu2}", units_->ldu2},
        {"{team1}", units_->team1}, {"{own}", units_->officer1}, {"{other}", units_->officer2}};
    for (const auto& [name, value] : values) {
      for (size_t at; (at = text.find(name)) != std::string::npos;) text.replace(at, name.size(), value);
    }
    return text;
  }

  SystemClock clock_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<HttpServer> server_;
  static fs::path* dir_;
  static Units* units_;
};

fs::path* AuthzTest::dir_ = nullptr;
Units* AuthzTest::units_ = nullptr;

constexpr char kCard[] = "/api/v1/scorecard?framework=nps-2005-06&period=2010-Q4";
constexpr char kExceptions[] =
    "/api/v1/exceptions?framework=nps-2005-06&measure=PT6&period=2010-Q4";
constexpr char kPack[] = "/api/v1/boardpack?framework=nps-2005-06&period=2010-Q4";

struct MatrixRow {
  std::string user;
  std::string method;
  std::string pattern;  // the route, as audited
  std::string target;   // with {unit} placeholders
  std::string scope;    // "in", "out" or "-" (no scope)
  int expected;         // 200 allowed, 403 refused
};

TEST_F(AuthzTest, EveryRoleEveryRouteInAndOutOfScope) {
  const std::string card = kCard, exc = kExceptions, pack = kPack;
  const std::vector<MatrixRow> matrix = {
      // scorecard: own figures / units in scope and below / any unit / trust, aggregates / never
      {"prac", "GET", "/api/v1/scorecard", card + "&unit={own}", "in", 200},
      {"prac", "GET", "/api/v1/scorecard", card, "in", 200},  // default: own
      {"prac", "GET", "/api/v1/scorecard", card + "&unit={other}", "out", 403},
      {"prac", "GET", "/api/v1/scorecard", card + "&unit={team1}", "out", 403},
      {"mgr", "GET", "/api/v1/scorecard", card + "&unit={ldu1}&by=team", "in", 200},
      {"mgr", "GET", "/api/v1/scorecard", card + "&unit={team1}&by=officer", "in", 200},
      {"mgr", "GET", "/api/v1/scorecard", card + "&unit={ldu2}", "out", 403},
      {"mgr", "GET", "/api/v1/scorecard", card + "&unit={trust}", "out", 403},
      {"analyst", "GET", "/api/v1/scorecard", card + "&unit={trust}&by=ldu", "in", 200},
      {"analyst", "GET", "/api/v1/scorecard", card + "&unit={ldu2}&by=officer", "in", 200},
      {"analyst", "GET", "/api/v1/scorecard", card + "&unit=national", "out", 403},
      {"board", "GET", "/api/v1/scorecard", card + "&unit={trust}&by=team", "in", 200},
      {"board", "GET", "/api/v1/scorecard", card + "&unit={ldu1}", "in", 200},
      {"board", "GET", "/api/v1/scorecard", card + "&unit={team1}&by=officer", "in", 403},
      {"board", "GET", "/api/v1/scorecard", card + "&unit={own}", "in", 403},
      {"board", "GET", "/api/v1/scorecard", card + "&unit=national", "out", 403},
      {"admin", "GET", "/api/v1/scorecard", card + "&unit={trust}", "in", 403},
      // exceptions: own items / units in scope / any unit / never / never
      {"prac", "GET", "/api/v1/exceptions", exc + "&unit={own}", "in", 200},
      {"prac", "GET", "/api/v1/exceptions", exc + "&unit={other}", "out", 403},
      {"mgr", "GET", "/api/v1/exceptions", exc + "&unit={team1}", "in", 200},
      {"mgr", "GET", "/api/v1/exceptions", exc + "&unit={ldu2}", "out", 403},
      {"analyst", "GET", "/api/v1/exceptions", exc + "&unit={ldu2}", "in", 200},
      {"analyst", "GET", "/api/v1/exceptions", exc + "&unit=national", "out", 403},
      {"board", "GET", "/api/v1/exceptions", exc + "&unit={trust}", "in", 403},
      {"admin", "GET", "/api/v1/exceptions", exc + "&unit={trust}", "in", 403},
      // board pack: never / units in scope / any unit / trust and its units / never
      {"prac", "GET", "/api/v1/boardpack", pack + "&unit={team1}", "in", 403},
      {"mgr", "GET", "/api/v1/boardpack", pack + "&unit={ldu1}", "in", 200},
      {"mgr", "GET", "/api/v1/boardpack", pack + "&unit={ldu2}", "out", 403},
      {"analyst", "GET", "/api/v1/boardpack", pack + "&unit={trust}", "in", 200},
      {"analyst", "GET", "/api/v1/boardpack", pack + "&unit=national", "out", 403},
      {"board", "GET", "/api/v1/boardpack", pack + "&unit={trust}", "in", 200},
      {"board", "GET", "/api/v1/boardpack", pack + "&unit=national", "out", 403},
      {"admin", "GET", "/api/v1/boardpack", pack + "&unit={trust}", "in", 403},
      // own account: everyone
      {"prac", "GET", "/api/v1/me", "/api/v1/me", "-", 200},
      {"mgr", "GET", "/api/v1/me", "/api/v1/me", "-", 200},
      {"analyst", "GET", "/api/v1/me", "/api/v1/me", "-", 200},
      {"board", "GET", "/api/v1/me", "/api/v1/me", "-", 200},
      {"admin", "GET", "/api/v1/me", "/api/v1/me", "-", 200},
  };
  std::vector<MatrixRow> rows = matrix;
  // Users and the audit log: the administrator only.
  for (const char* user : {"prac", "mgr", "analyst", "board", "admin"}) {
    const int expected = std::string(user) == "admin" ? 200 : 403;
    rows.push_back({user, "GET", "/api/v1/admin/users", "/api/v1/admin/users", "-", expected});
    rows.push_back({user, "GET", "/api/v1/admin/audit", "/api/v1/admin/audit?limit=1", "-", expected});
    rows.push_back({user, "GET", "/api/v1/admin/audit/verify", "/api/v1/admin/audit/verify", "-",
                    expected});
    rows.push_back({user, "POST", "/api/v1/admin/users/{username}/unlock",
                    "/api/v1/admin/users/prac/unlock", "-", expected});
  }
  std::map<std::string, std::unique_ptr<TestClient>> clients;
  for (const char* user : {"prac", "mgr", "analyst", "board", "admin"}) {
    clients[user] = std::make_unique<TestClient>(server_->port());
    ASSERT_EQ(clients[user]->SignIn(user, kPassword).status, 201) << user;
  }
  for (const MatrixRow& row : rows) {
    const std::string action = row.method + " " + row.pattern;
    const int refused_before = Audited(row.user, action, AuditOutcome::kRefused);
    const ClientResponse r = clients[row.user]->Request(row.method, Fill(row.target));
    EXPECT_EQ(r.status, row.expected)
        << row.user << " " << Fill(row.target) << " (" << row.scope << " scope): " << r.body.substr(0, 200);
    if (row.expected == 403) {
      EXPECT_EQ(Audited(row.user, action, AuditOutcome::kRefused), refused_before + 1)
          << "refusal not audited: " << row.user << " " << Fill(row.target);
    }
  }
  // Every allowed read of figures was audited as allowed, with its unit.
  EXPECT_GE(Audited("mgr", "GET /api/v1/scorecard", AuditOutcome::kAllowed), 2);
  EXPECT_GE(Audited("analyst", "GET /api/v1/exceptions", AuditOutcome::kAllowed), 1);
  EXPECT_GE(Audited("board", "GET /api/v1/boardpack", AuditOutcome::kAllowed), 1);
  // A bad parameter is a 400 naming the field, not a refusal.
  const ClientResponse bad = clients["mgr"]->Request("GET", std::string(kCard) + "&unit=NOSUCH");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["field"], "unit");
  // The chain is intact after all of it.
  Result<std::unique_ptr<Database>> db = OpenStore(DbPath());
  Result<AuditVerification> v = VerifyAuditChain(db->get());
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->intact);
}

TEST_F(AuthzTest, BoardMemberSeesNoCaseKeyNameOrDateOfBirth) {
  TestClient board(server_->port());
  ASSERT_EQ(board.SignIn("board", kPassword).status, 201);
  std::vector<std::pair<std::string, std::string>> responses;  // target, body
  for (const std::string& target :
       {std::string(kCard) + "&unit=" + units_->trust + "&by=team",
        std::string(kCard) + "&unit=" + units_->trust + "&by=ldu",
        std::string(kCard) + "&unit=" + units_->ldu1 + "&by=team",
        std::string(kCard),
        std::string(kPack) + "&unit=" + units_->trust,
        std::string(kPack) + "&unit=" + units_->ldu1,
        std::string("/api/v1/me")}) {
    const ClientResponse r = board.Request("GET", target);
    ASSERT_EQ(r.status, 200) << target << ": " << r.body.substr(0, 300);
    responses.emplace_back(target, r.body);
  }
  // The board pack's one inline style sheet carries the answer's CSP nonce; no script at all.
  const ClientResponse pack = board.Request("GET", std::string(kPack) + "&unit=" + units_->trust);
  const std::string csp = pack.headers.at("content-security-policy");
  const size_t at = csp.find("style-src 'nonce-") + 17;
  const std::string nonce = csp.substr(at, csp.find('\'', at) - at);
  EXPECT_EQ(nonce.size(), 32u);
  EXPECT_NE(pack.body.find("<style nonce=\"" + nonce + "\">"), std::string::npos);
  EXPECT_EQ(pack.body.find("<script"), std::string::npos);
  EXPECT_EQ(pack.body.find("style=\""), std::string::npos);
  EXPECT_EQ(pack.headers.at("content-type"), "text/html; charset=utf-8");
  Result<std::unique_ptr<Database>> db = OpenStore(DbPath());
  ASSERT_TRUE(db.ok());
  std::vector<std::string> forbidden;
  {
    Result<Statement> people =
        (*db)->Prepare("SELECT crn, forenames || ' ' || surname, date_of_birth FROM people");
    ASSERT_TRUE(people.ok());
    while (*people->Step()) {
      for (int c = 0; c < 3; ++c) forbidden.emplace_back(people->ColumnText(c));
    }
    Result<Statement> staff = (*db)->Prepare("SELECT forenames || ' ' || surname FROM staff");
    while (*staff->Step()) forbidden.emplace_back(staff->ColumnText(0));
  }
  ASSERT_GT(forbidden.size(), 100u);
  for (const auto& [target, body] : responses) {
    for (const std::string& word : forbidden) {
      EXPECT_EQ(body.find(word), std::string::npos) << "'" << word << "' in " << target;
    }
  }
  // No count below 5 in a board member's scorecard: shown as "fewer than 5".
  const nlohmann::json card = nlohmann::json::parse(responses[0].second);
  int suppressed = 0;
  for (const auto& unit : card["units"]) {
    for (const auto& cell : unit["measures"]) {
      for (const char* key : {"succeeded", "failed", "pending"}) {
        if (cell[key].is_number()) {
          const int n = cell[key].get<int>();
          EXPECT_TRUE(n == 0 || n >= 5) << unit["code"] << " " << cell["code"] << " " << key;
        } else {
          EXPECT_EQ(cell[key], "fewer than 5");
          ++suppressed;
        }
      }
    }
  }
  EXPECT_GT(suppressed, 0);  // teams are small: some counts were suppressed
}

}  // namespace
}  // namespace probation
