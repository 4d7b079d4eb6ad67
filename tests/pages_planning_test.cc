// The plan and risk pages (server/pages/plan_pages.cc, risk_pages.cc) over real sockets, on a
// small hand-made organisation (a trust, two LDUs, a team in each, one staff member in each), a
// hand-made plan and register whose figures are worked out below, and the example plans and
// registers (for the figures against GET /api/v1/plans and /api/v1/risks):
//  - every page 200 for practitioner, manager, analyst and Board member, 403 (audited) for the
//    administrator, 404 for a plan, item, register or risk that does not exist;
//  - the numbers on the pages equal the API's for the same query, and the hand-worked ones;
//  - who may record (server/planning_access.h): a practitioner on the actions they lead, a
//    manager on those led in their unit and the risks they own, an analyst on any, a Board
//    member never; a refusal is 403 and audited; the form is shown only to those allowed;
//  - a failed submission names the field and keeps what was typed; a good one is in the store,
//    audited, and on the page; without the CSRF token nothing is written.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <regex>

#include "http_client.h"
#include "planning/plan_file.h"
#include "planning/plan_store.h"
#include "planning/risk_matrix.h"
#include "planning/risk_register_file.h"
#include "planning/risk_store.h"
#include "server/accounts.h"
#include "server/planning_access.h"
#include "server/service.h"
#include "store/audit_log.h"
#include "store/schema.h"

namespace probation {
namespace {

namespace fs = std::filesystem;
using testing::ClientResponse;
using testing::TestClient;

constexpr int64_t kNow = 1294229400;  // 2011-01-05T12:10:00Z
constexpr char kPassword[] = "a long test passphrase";

// The hand-made plan: as at 2011-01-05 (kNow), 1.1 and 1.2 are overdue (deadlines 2010-06-30
// and 2010-12-31, not done), 1.3 is done (completed 2010-09-01), 1.4 is due 2011-03-31.
// Ratings: 2010-Q1 1.1 green, 1.2 red; 2010-Q2 1.1 amber. The plan reports 2010-Q1 and 2010-Q2
// over its four actions: Q1 red 1, amber 0, green 1, not rated 2; Q2 red 0, amber 1, green 0,
// not rated 3.
planning::Plan TestPlan() {
  planning::Plan plan;
  plan.id = "test-2010-11";
  plan.organisation = "Test Probation Trust";
  plan.title = "Test Business Plan 2010-11";
  plan.kind = "business-plan";
  plan.start = Date::FromCivil(2010, 4, 1);
  plan.end = Date::FromCivil(2011, 3, 31);
  plan.reporting_quarters = {"2010-Q1", "2010-Q2"};
  plan.leads = {{"GG", "Gary Gull", "Head of Business Services"}};
  const auto item = [](const char* number, const char* kind, const char* title, const char* lead) {
    planning::PlanItem i;
    i.number = number;
    i.parent = std::string(number) == "1" ? "" : "1";
    i.kind = kind;
    i.title = title;
    i.lead = lead;
    return i;
  };
  planning::PlanItem aim = item("1", "objective", "Balance the budget", "");
  planning::PlanItem a1 = item("1.1", "action", "Monthly budget reports", "Fiona Finch");
  a1.deadline = Date::FromCivil(2010, 6, 30);
  a1.rag = {{"2010-Q1", planning::Rag::kGreen, ""}, {"2010-Q2", planning::Rag::kAmber, ""}};
  planning::PlanItem a2 = item("1.2", "action", "Savings plan to the Board", "GG; Chief Officer");
  a2.deadline = Date::FromCivil(2010, 12, 31);
  a2.rag = {{"2010-Q1", planning::Rag::kRed, "Pay award not funded"}};
  a2.progress = {{Date::FromCivil(2010, 7, 2), "Gary Gull", "Draft savings plan written"}};
  planning::PlanItem a3 = item("1.3", "action", "New finance system", "Chief Officer");
  a3.deadline = Date::FromCivil(2010, 8, 31);
  a3.completed = Date::FromCivil(2010, 9, 1);
  planning::PlanItem a4 = item("1.4", "action", "Audit of contracts", "Chief Officer");
  a4.deadline = Date::FromCivil(2011, 3, 31);
  plan.items = {aim, a1, a2, a3, a4};
  return plan;
}

// The hand-made register, scored with reference/risk_matrix.csv and risk_thresholds.csv:
// 1 M/M = 14 amber; 2 H/VH = 24 black; 3 L/VH = 20 red; 4 unrated. Heat map: M/M 1, H/VH 1,
// L/VH 1, 1 unrated. Red and black first: 2 (24), then 3 (20); then 1 (amber) and 4.
planning::RiskRegister TestRegister() {
  planning::RiskRegister reg;
  reg.id = "test-2010-11";
  reg.organisation = "Test Probation Trust";
  reg.title = "Test Risks 2010-11";
  reg.period = "2010-11";
  const auto rating = [](planning::Rating l, planning::Rating i) {
    return planning::RiskRating{l, i};
  };
  const auto risk = [](const char* reference, const char* title) {
    planning::Risk r;
    r.reference = reference;
    r.title = title;
    return r;
  };
  planning::Risk r1 = risk("1", "Budget overspend");
  r1.residual = rating(planning::Rating::kMedium, planning::Rating::kMedium);
  r1.owner = "Fiona Finch";
  planning::Risk r2 = risk("2", "Pay award not funded");
  r2.residual = rating(planning::Rating::kHigh, planning::Rating::kVeryHigh);
  r2.owner = "Finance Manager";
  r2.comments = "Savings plan to the Board in January";
  r2.reviews = {{Date::FromCivil(2010, 10, 1), "Gary Gull", std::nullopt, "Looked at"}};
  planning::Risk r3 = risk("3", "Premises lease ends");
  r3.residual = rating(planning::Rating::kLow, planning::Rating::kVeryHigh);
  r3.owner = "Gary Gull & Chief Officer";
  r3.comments = "Negotiating";
  planning::Risk r4 = risk("4", "Not yet rated");
  reg.risks = {r1, r2, r3, r4};
  return reg;
}

class PlanningPagesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(::testing::TempDir()) /
                        ("pages_planning_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }

  void SetUp() override {
    static int counter = 0;
    db_path_ = (*dir_ / ("probation" + std::to_string(counter++) + ".db")).string();
    Result<std::unique_ptr<Database>> db = OpenStore(db_path_);
    ASSERT_TRUE(db.ok());
    for (const char* sql : {
             "INSERT INTO org_units VALUES ('T1', 'Test Trust', 'trust', NULL)",
             "INSERT INTO org_units VALUES ('L1', 'North', 'ldu', 'T1')",
             "INSERT INTO org_units VALUES ('L2', 'South', 'ldu', 'T1')",
             "INSERT INTO org_units VALUES ('TM1', 'North team', 'team', 'L1')",
             "INSERT INTO org_units VALUES ('TM2', 'South team', 'team', 'L2')",
             "INSERT INTO staff (staff_id, surname, forenames, team_code, grade, fte, start_date) "
             "VALUES ('S1', 'Finch', 'Fiona', 'TM1', 'PO', 1.0, '2005-01-01')",
             "INSERT INTO staff (staff_id, surname, forenames, team_code, grade, fte, start_date) "
             "VALUES ('S2', 'Gull', 'Gary', 'TM2', 'SPO', 1.0, '2005-01-01')",
         }) {
      ASSERT_TRUE((*db)->Execute(sql).ok()) << sql;
    }
    std::vector<planning::Plan> plans = {TestPlan()};
    for (const char* id : {"derbyshire-2008-09", "nps-2005-06"}) {
      Result<planning::Plan> plan = planning::ParsePlanFile(
          std::string(PROBATION_SOURCE_DIR "/examples/plans/") + id + ".toml");
      ASSERT_TRUE(plan.ok()) << plan.status().ToString();
      plans.push_back(std::move(*plan));
    }
    ASSERT_TRUE(planning::SavePlans(db->get(), plans).ok());
    Result<planning::RiskMatrix> matrix = planning::LoadRiskMatrix();
    ASSERT_TRUE(matrix.ok());
    for (const char* id : {"derbyshire-2008-09", "nps-2005-06"}) {
      Result<planning::RiskRegister> reg = planning::ReadRiskRegisterFile(
          std::string(PROBATION_SOURCE_DIR "/examples/risks/") + id + ".toml", *matrix);
      ASSERT_TRUE(reg.ok()) << reg.status().ToString();
      ASSERT_TRUE(planning::SaveRegister(db->get(), *reg).ok());
    }
    const Status saved = planning::SaveRegister(db->get(), TestRegister());
    ASSERT_TRUE(saved.ok()) << saved.ToString();
    PasswordHasher hasher(1, PasswordHashCost::Minimum());
    AccountService accounts(db->get(), &hasher, &clock_, Actor{});
    const std::vector<NewUser> users = {
        {"prac", "Pat Officer", Role::kPractitioner, "", "S1"},  // staff record: Fiona Finch
        {"mgr", "Mo Manager", Role::kManager, "L1", ""},
        {"finmgr", "Finance Manager", Role::kManager, "L2", ""},
        {"analyst", "Ann Analyst", Role::kPerformanceAnalyst, "T1", ""},
        {"board", "Bea Board", Role::kBoardMember, "T1", ""},
        {"admin", "Ada Admin", Role::kAdministrator, "", ""},
    };
    for (const NewUser& u : users) {
      const Status added = accounts.AddUser(u, kPassword).status();
      ASSERT_TRUE(added.ok()) << u.username << ": " << added.ToString();
    }
    ServiceOptions options;
    options.db_path = db_path_;
    options.hash_cost = PasswordHashCost::Minimum();
    options.log = [](const std::string&) {};
    Result<std::unique_ptr<Service>> service = Service::Create(options, &clock_, nullptr);
    ASSERT_TRUE(service.ok()) << service.status().ToString();
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

  std::unique_ptr<TestClient> Client(const std::string& user) {
    auto client = std::make_unique<TestClient>(server_->port());
    EXPECT_EQ(client->SignIn(user, kPassword).status, 201) << user;
    return client;
  }

  static std::string CsrfToken(const std::string& html) {
    std::smatch m;
    const std::regex token(R"re(name="csrf_token" value="([0-9a-f]+)")re");
    return std::regex_search(html, m, token) ? m[1].str() : std::string();
  }

  // Posts the form at `path` as `client`'s user, with the page's CSRF token.
  ClientResponse Post(TestClient& client, const std::string& path,
                      std::vector<std::pair<std::string, std::string>> fields) {
    const ClientResponse page = client.Request("GET", path);
    fields.push_back({"csrf_token", CsrfToken(page.body)});
    return client.PostForm(path, fields);
  }

  std::unique_ptr<Database> Db() {
    Result<std::unique_ptr<Database>> db = OpenStore(db_path_);
    EXPECT_TRUE(db.ok());
    return std::move(*db);
  }

  std::vector<AuditEntry> AuditOf(const std::string& user) {
    AuditFilter filter;
    filter.username = user;
    return *SearchAudit(Db().get(), filter);
  }

  FakeClock clock_{kNow};
  std::string db_path_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<HttpServer> server_;
  static fs::path* dir_;
};

fs::path* PlanningPagesTest::dir_ = nullptr;

const char* const kPages[] = {
    "/plans",
    "/plans/test-2010-11",
    "/plans/test-2010-11/items/1.2",
    "/plans/derbyshire-2008-09",
    "/plans/derbyshire-2008-09/items/6.4.1",
    "/risks",
    "/risks/test-2010-11/2",
    "/risks/nps-2005-06/7",
};

TEST_F(PlanningPagesTest, EveryReaderSeesEveryPageAndTheAdministratorIsRefusedAndAudited) {
  for (const char* user : {"prac", "mgr", "analyst", "board"}) {
    std::unique_ptr<TestClient> client = Client(user);
    for (const char* path : kPages) {
      const ClientResponse r = client->Request("GET", path);
      EXPECT_EQ(r.status, 200) << user << " " << path << "\n" << r.body.substr(0, 400);
      EXPECT_EQ(r.headers.at("content-type"), "text/html; charset=utf-8");
      // One h1 per page.
      size_t h1 = 0;
      for (size_t at = 0; (at = r.body.find("<h1", at)) != std::string::npos; ++at) ++h1;
      EXPECT_EQ(h1, 1u) << user << " " << path;
    }
    for (const char* missing : {"/plans/no-such-plan", "/plans/test-2010-11/items/9.9",
                                "/risks/test-2010-11/99", "/risks/no-such/1"}) {
      EXPECT_EQ(client->Request("GET", missing).status, 404) << user << " " << missing;
    }
  }
  std::unique_ptr<TestClient> admin = Client("admin");
  for (const char* path : kPages) {
    const ClientResponse r = admin->Request("GET", path);
    EXPECT_EQ(r.status, 403) << path;
    EXPECT_NE(r.body.find("You cannot see this page"), std::string::npos);
  }
  int refused = 0;
  for (const AuditEntry& e : AuditOf("admin")) refused += e.outcome == AuditOutcome::kRefused;
  EXPECT_EQ(refused, static_cast<int>(std::size(kPages)));
  // Not signed in: to the sign-in page, coming back here.
  TestClient nobody(server_->port());
  ClientResponse r = nobody.Request("GET", "/plans/test-2010-11");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.headers["location"], "/sign-in?next=/plans/test-2010-11");
}

// The rows of the RAG table of `plan_id` on /plans: "quarter red amber green not_rated".
int Occurrences(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::vector<std::string> RagRows(const std::string& html, const std::string& plan_id) {
  const size_t start = html.find("data-plan=\"" + plan_id + "\"");
  if (start == std::string::npos) return {};
  const std::string table = html.substr(start, html.find("</table>", start) - start);
  std::vector<std::string> rows;
  const std::regex row(
      R"re(<th scope="row" class="govuk-table__header">([0-9]{4}-Q[1-4])</th>\s*<td[^>]*data-rag="red">(\d+)</td>\s*<td[^>]*data-rag="amber">(\d+)</td>\s*<td[^>]*data-rag="green">(\d+)</td>\s*<td[^>]*data-rag="not_rated">(\d+)</td>)re");
  for (std::sregex_iterator it(table.begin(), table.end(), row), end; it != end; ++it) {
    rows.push_back((*it)[1].str() + " " + (*it)[2].str() + " " + (*it)[3].str() + " " +
                   (*it)[4].str() + " " + (*it)[5].str());
  }
  return rows;
}

TEST_F(PlanningPagesTest, PlanProgressIsTheApisAndTheHandCountedFigures) {
  std::unique_ptr<TestClient> board = Client("board");
  const ClientResponse page = board->Request("GET", "/plans");
  ASSERT_EQ(page.status, 200);
  // Hand-counted (TestPlan).
  EXPECT_EQ(RagRows(page.body, "test-2010-11"),
            (std::vector<std::string>{"2010-Q1 1 0 1 2", "2010-Q2 0 1 0 3"}));
  // Every plan's table equals GET /api/v1/plans, as at the same day.
  const ClientResponse api = board->Request("GET", "/api/v1/plans");
  ASSERT_EQ(api.status, 200);
  const nlohmann::json api_body = api.Json();
  ASSERT_EQ(api_body["plans"].size(), 3u);
  int overdue_total = 0;
  for (const nlohmann::json& plan : api_body["plans"]) {
    std::vector<std::string> expected;
    for (const nlohmann::json& q : plan["rag_by_quarter"]) {
      expected.push_back(
          q["quarter"].get<std::string>() + " " + std::to_string(q["red"].get<int>()) + " " +
          std::to_string(q["amber"].get<int>()) + " " + std::to_string(q["green"].get<int>()) +
          " " + std::to_string(q["not_rated"].get<int>()));
    }
    EXPECT_EQ(RagRows(page.body, plan["id"]), expected) << plan["id"];
    overdue_total += plan["overdue_count"].get<int>();
  }
  EXPECT_NE(page.body.find(std::to_string(overdue_total) + " actions are past their deadline"),
            std::string::npos)
      << overdue_total;
  // The plan's page: its 2 overdue items first, longest overdue first (1.1: 189 days; 1.2: 5),
  // and nothing done or not yet due among them.
  const ClientResponse plan = board->Request("GET", "/plans/test-2010-11");
  ASSERT_EQ(plan.status, 200);
  EXPECT_NE(plan.body.find("2 items are past their deadline and not done at 2011-01-05"),
            std::string::npos);
  const size_t overdue_table = plan.body.find("Overdue, longest overdue first");
  const size_t items_table = plan.body.find("Every item in the plan");
  ASSERT_LT(overdue_table, items_table);
  const std::string overdue = plan.body.substr(overdue_table, items_table - overdue_table);
  const size_t first = overdue.find("1.1 Monthly budget reports");
  const size_t second = overdue.find("1.2 Savings plan to the Board");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_NE(overdue.find(">189<"), std::string::npos);
  EXPECT_NE(overdue.find(">5<"), std::string::npos);
  EXPECT_EQ(overdue.find("1.3 New finance system"), std::string::npos);
  EXPECT_EQ(overdue.find("1.4 Audit of contracts"), std::string::npos);
  // RAG tags carry their words.
  EXPECT_NE(plan.body.find("app-rag--red\">Red</strong>"), std::string::npos);
  EXPECT_NE(plan.body.find("app-rag--none\">Not rated</strong>"), std::string::npos);
  // A Board member reads, and gets no form.
  const ClientResponse item = board->Request("GET", "/plans/test-2010-11/items/1.2");
  EXPECT_NE(item.body.find("Draft savings plan written"), std::string::npos);
  EXPECT_NE(item.body.find("Pay award not funded"), std::string::npos);
  EXPECT_EQ(item.body.find("Record progress</button>"), std::string::npos);
}

TEST_F(PlanningPagesTest, WhoMayRecordProgress) {
  // Item 1.1 is led by Fiona Finch (S1, team TM1 in L1); 1.2 by GG = Gary Gull (S2, TM2 in L2)
  // and the Chief Officer.
  struct Case {
    const char* user;
    const char* item;
    bool allowed;
  };
  const Case cases[] = {
      {"prac", "1.1", true},     // their staff record's name is the lead
      {"prac", "1.2", false},    // not theirs
      {"mgr", "1.1", true},      // led by staff in their LDU
      {"mgr", "1.2", false},     // led by staff in another LDU
      {"finmgr", "1.2", true},   // Gary Gull's team is in L2
      {"analyst", "1.4", true},  // any
      {"board", "1.1", false},   // never
  };
  for (const Case& c : cases) {
    std::unique_ptr<TestClient> client = Client(c.user);
    const std::string path = std::string("/plans/test-2010-11/items/") + c.item;
    const ClientResponse page = client->Request("GET", path);
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.body.find("Record progress</button>") != std::string::npos, c.allowed)
        << c.user << " " << c.item;
    const ClientResponse r = Post(*client, path, {{"note", std::string("Note by ") + c.user}});
    EXPECT_EQ(r.status, c.allowed ? 303 : 403) << c.user << " " << c.item;
  }
  // What was refused is audited as refused, with the item it named; nothing of it was written.
  bool audited = false;
  for (const AuditEntry& e : AuditOf("mgr")) {
    if (e.outcome == AuditOutcome::kRefused && e.record_key == "test-2010-11/1.2") audited = true;
  }
  EXPECT_TRUE(audited);
  Result<planning::Plan> plan = planning::LoadPlan(Db().get(), "test-2010-11");
  ASSERT_TRUE(plan.ok());
  std::vector<std::string> authors;
  for (const planning::PlanItem& item : plan->items) {
    for (const planning::ProgressNote& note : item.progress) {
      authors.push_back(item.number + " " + note.author + ": " + note.text);
    }
  }
  EXPECT_EQ(authors,
            (std::vector<std::string>{
                "1.1 Pat Officer: Note by prac", "1.1 Mo Manager: Note by mgr",
                "1.2 Gary Gull: Draft savings plan written", "1.2 Finance Manager: Note by finmgr",
                "1.4 Ann Analyst: Note by analyst"}));
}

TEST_F(PlanningPagesTest, ProgressFormErrorsNameTheFieldAndKeepWhatWasTyped) {
  std::unique_ptr<TestClient> analyst = Client("analyst");
  const std::string path = "/plans/test-2010-11/items/1.4";
  // Red without a comment.
  ClientResponse r =
      Post(*analyst, path, {{"note", "Contracts <listed>"}, {"quarter", "2010-Q3"}, {"rag", "R"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("There is a problem"), std::string::npos);
  EXPECT_NE(r.body.find("href=\"#comment\""), std::string::npos);
  EXPECT_NE(r.body.find("Say why the action is red and what is being done"), std::string::npos);
  EXPECT_NE(r.body.find(">Contracts &lt;listed&gt;</textarea>"), std::string::npos);
  EXPECT_NE(r.body.find("<option value=\"2010-Q3\" selected>"), std::string::npos);
  EXPECT_NE(r.body.find("value=\"R\" checked"), std::string::npos);
  // Nothing at all; a rating with no quarter; a quarter outside the plan's period.
  r = Post(*analyst, path, {{"note", ""}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("Enter a progress note, or choose a quarter and its RAG rating"),
            std::string::npos);
  r = Post(*analyst, path, {{"rag", "G"}});
  EXPECT_NE(r.body.find("Choose the quarter this rating is for"), std::string::npos);
  r = Post(*analyst, path, {{"quarter", "2012-Q1"}, {"rag", "G"}});
  EXPECT_NE(r.body.find("Choose a quarter of the plan&apos;s period from the list"),
            std::string::npos);
  r = Post(*analyst, path, {{"quarter", "2010-Q4"}});
  EXPECT_NE(r.body.find("Choose Red, Amber or Green for 2010-Q4"), std::string::npos);
  Result<planning::Plan> plan = planning::LoadPlan(Db().get(), "test-2010-11");
  EXPECT_TRUE(plan->FindItem("1.4")->progress.empty());
  EXPECT_TRUE(plan->FindItem("1.4")->rag.empty());
  // Without the CSRF token: refused, nothing written.
  r = analyst->PostForm(path, {{"note", "forged"}});
  EXPECT_EQ(r.status, 403);
  plan = planning::LoadPlan(Db().get(), "test-2010-11");
  EXPECT_TRUE(plan->FindItem("1.4")->progress.empty());
}

TEST_F(PlanningPagesTest, RecordedProgressIsStoredAuditedAndShown) {
  std::unique_ptr<TestClient> analyst = Client("analyst");
  const std::string path = "/plans/test-2010-11/items/1.4";
  ClientResponse r = Post(*analyst, path,
                          {{"note", "Half the contracts audited"},
                           {"quarter", "2010-Q3"},
                           {"rag", "A"},
                           {"comment", "Behind by a month"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.headers["location"], path + "?recorded=1");
  Result<planning::Plan> plan = planning::LoadPlan(Db().get(), "test-2010-11");
  const planning::PlanItem* item = plan->FindItem("1.4");
  ASSERT_EQ(item->progress.size(), 1u);
  EXPECT_EQ(item->progress[0].date, Date::FromCivil(2011, 1, 5));
  EXPECT_EQ(item->progress[0].author, "Ann Analyst");
  EXPECT_EQ(item->progress[0].text, "Half the contracts audited");
  ASSERT_EQ(item->rag.size(), 1u);
  EXPECT_EQ(item->rag[0],
            (planning::QuarterRag{"2010-Q3", planning::Rag::kAmber, "Behind by a month"}));
  bool audited = false;
  for (const AuditEntry& e : AuditOf("analyst")) {
    if (e.action == "POST /plans/{plan}/items/{number}" && e.outcome == AuditOutcome::kAllowed &&
        e.record_type == "plan_items" && e.record_key == "test-2010-11/1.4" &&
        e.detail == "progress note; 2010-Q3 RAG A") {
      audited = true;
    }
  }
  EXPECT_TRUE(audited);
  const ClientResponse page = analyst->Request("GET", path + "?recorded=1");
  EXPECT_NE(page.body.find("Progress recorded."), std::string::npos);
  EXPECT_NE(page.body.find("2011-01-05, Ann Analyst"), std::string::npos);
  EXPECT_NE(page.body.find("Half the contracts audited"), std::string::npos);
  EXPECT_NE(page.body.find("app-rag--amber\">Amber</strong>"), std::string::npos);
  // A rating only, for a quarter already rated, replaces it.
  r = Post(*analyst, path, {{"quarter", "2010-Q3"}, {"rag", "G"}});
  ASSERT_EQ(r.status, 303);
  plan = planning::LoadPlan(Db().get(), "test-2010-11");
  ASSERT_EQ(plan->FindItem("1.4")->rag.size(), 1u);
  EXPECT_EQ(plan->FindItem("1.4")->rag[0].rag, planning::Rag::kGreen);
  EXPECT_EQ(plan->FindItem("1.4")->progress.size(), 1u);
}

TEST_F(PlanningPagesTest, HeatMapIsTheApisAndRedAndBlackComeFirst) {
  std::unique_ptr<TestClient> board = Client("board");
  const ClientResponse page = board->Request("GET", "/risks");
  ASSERT_EQ(page.status, 200);
  const ClientResponse api = board->Request("GET", "/api/v1/risks");
  ASSERT_EQ(api.status, 200);
  const std::regex cell(
      R"re(data-cell="([A-Z]+)/([A-Z]+)"><strong class="govuk-!-font-size-24">(\d+)</strong><br><span class="govuk-body-s">(\w+), (\d+)</span>)re");
  const nlohmann::json api_body = api.Json();
  ASSERT_EQ(api_body["registers"].size(), 3u);
  for (const nlohmann::json& reg : api_body["registers"]) {
    const std::string id = reg["id"];
    const size_t start = page.body.find("data-register=\"" + id + "\"");
    ASSERT_NE(start, std::string::npos) << id;
    const std::string table = page.body.substr(start, page.body.find("</table>", start) - start);
    std::map<std::string, int> cells;
    int shown = 0;
    for (std::sregex_iterator it(table.begin(), table.end(), cell), end; it != end; ++it) {
      ++shown;
      if (std::stoi((*it)[3].str()) > 0) {
        cells[(*it)[1].str() + "/" + (*it)[2].str()] = std::stoi((*it)[3].str());
      }
    }
    EXPECT_EQ(shown, 25) << id;
    std::map<std::string, int> expected;
    for (const nlohmann::json& c : reg["heat_map"]["cells"]) {
      expected[c["likelihood"].get<std::string>() + "/" + c["impact"].get<std::string>()] =
          c["count"].get<int>();
    }
    EXPECT_EQ(cells, expected) << id;
  }
  // Hand-worked (TestRegister): three rated cells, each with its status word and score.
  const size_t start = page.body.find("data-register=\"test-2010-11\"");
  const std::string table = page.body.substr(start, page.body.find("</table>", start) - start);
  EXPECT_NE(table.find("3 risks by residual likelihood (rows) and impact (columns); 1 not rated"),
            std::string::npos);
  EXPECT_NE(table.find("app-heat-map__cell--amber\" data-cell=\"M/M\"><strong "
                       "class=\"govuk-!-font-size-24\">1</strong><br><span "
                       "class=\"govuk-body-s\">Amber, 14</span>"),
            std::string::npos);
  EXPECT_NE(table.find("data-cell=\"H/VH\"><strong class=\"govuk-!-font-size-24\">1</strong><br>"
                       "<span class=\"govuk-body-s\">Black, 24</span>"),
            std::string::npos);
  EXPECT_NE(table.find("data-cell=\"L/VH\"><strong class=\"govuk-!-font-size-24\">1</strong><br>"
                       "<span class=\"govuk-body-s\">Red, 20</span>"),
            std::string::npos);
  // The same grid drawn as an SVG above each table, named and described in words, its ids
  // unique to the register; hand-worked for TestRegister (rows very high to very low).
  for (const nlohmann::json& reg : api_body["registers"]) {
    const std::string id = reg["id"];
    EXPECT_EQ(Occurrences(page.body, "aria-labelledby=\"heat-" + id +
                                         "-title\" aria-describedby=\"heat-" + id + "-desc\""),
              1)
        << id;
  }
  const size_t svg_at =
      page.body.find("<svg class=\"heatmap\"", page.body.find("id=\"register-test-2010-11\""));
  ASSERT_NE(svg_at, std::string::npos);
  const std::string svg = page.body.substr(svg_at, page.body.find("</svg>", svg_at) - svg_at);
  EXPECT_LT(svg_at, start);  // above the table
  EXPECT_NE(svg.find(": 3 risks by likelihood and impact</title>"), std::string::npos);
  EXPECT_NE(
      svg.find("<desc id=\"heat-test-2010-11-desc\">1 at likelihood High and impact Very high "
               "(Black, score 24); 1 at likelihood Medium and impact Medium (Amber, score "
               "14); 1 at likelihood Low and impact Very high (Red, score 20).</desc>"),
      std::string::npos)
      << svg.substr(0, 800);
  // 25 cells, each with its count and its band in words.
  int words = 0;
  for (const char* w : {">Green</text>", ">Amber</text>", ">Red</text>", ">Black</text>"}) {
    words += Occurrences(svg, w);
  }
  EXPECT_EQ(words, 25);
  // Red and black first, gravest first; then the others.
  const size_t section = page.body.find("id=\"register-test-2010-11\"");
  const std::string rest = page.body.substr(section);
  const size_t r2 = rest.find("href=\"/risks/test-2010-11/2\"");
  const size_t r3 = rest.find("href=\"/risks/test-2010-11/3\"");
  const size_t others = rest.find("Other risks");
  const size_t r1 = rest.find("href=\"/risks/test-2010-11/1\"");
  const size_t r4 = rest.find("href=\"/risks/test-2010-11/4\"");
  EXPECT_LT(r2, r3);
  EXPECT_LT(r3, others);
  EXPECT_LT(others, r1);
  EXPECT_LT(r1, r4);
}

TEST_F(PlanningPagesTest, WhoMayReviewARisk) {
  // Risk 2 is owned by "Finance Manager"; risk 3 by "Gary Gull & Chief Officer".
  struct Case {
    const char* user;
    const char* risk;
    int expected;
  };
  const Case cases[] = {
      {"finmgr", "2", 303},   // owns it
      {"mgr", "2", 403},      // a manager who does not own it
      {"finmgr", "3", 403},   // not theirs, though Gary Gull's team is in their unit
      {"analyst", "3", 303},  // any
      {"prac", "1", 403},     // read only (route role), even as its owner's staff record
      {"board", "2", 403},    // read only
  };
  for (const Case& c : cases) {
    std::unique_ptr<TestClient> client = Client(c.user);
    const std::string path = std::string("/risks/test-2010-11/") + c.risk;
    const ClientResponse page = client->Request("GET", path);
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.body.find("Record review</button>") != std::string::npos, c.expected == 303)
        << c.user << " " << c.risk;
    const ClientResponse r = Post(*client, path,
                                  {{"review_date-day", "4"},
                                   {"review_date-month", "1"},
                                   {"review_date-year", "2011"},
                                   {"note", std::string("Reviewed by ") + c.user}});
    EXPECT_EQ(r.status, c.expected) << c.user << " " << c.risk;
  }
  Result<std::vector<planning::RiskRegister>> regs =
      planning::LoadRegisters(Db().get(), "test-2010-11");
  ASSERT_TRUE(regs.ok());
  std::vector<std::string> reviews;
  for (const planning::Risk& risk : regs->front().risks) {
    for (const planning::RiskReview& v : risk.reviews) {
      reviews.push_back(risk.reference + " " + v.date.ToString() + " " + v.reviewer + ": " +
                        v.note);
    }
  }
  EXPECT_EQ(reviews, (std::vector<std::string>{"2 2010-10-01 Gary Gull: Looked at",
                                               "2 2011-01-04 Finance Manager: Reviewed by finmgr",
                                               "3 2011-01-04 Ann Analyst: Reviewed by analyst"}));
  bool refused = false;
  for (const AuditEntry& e : AuditOf("mgr")) {
    refused |= e.outcome == AuditOutcome::kRefused && e.record_key == "test-2010-11/2";
  }
  EXPECT_TRUE(refused);
}

TEST_F(PlanningPagesTest, ReviewFormErrorsNameTheFieldAndAReRatingIsStoredAndAudited) {
  std::unique_ptr<TestClient> analyst = Client("analyst");
  const std::string path = "/risks/test-2010-11/1";
  // The form starts with today's date, for a browser too (no X-CSRF-Token header on a GET).
  analyst->set_send_csrf(false);
  const ClientResponse form = analyst->Request("GET", path);
  analyst->set_send_csrf(true);
  EXPECT_NE(form.body.find("name=\"review_date-day\" type=\"text\" inputmode=\"numeric\" "
                           "value=\"5\""),
            std::string::npos)
      << form.body;
  // Re-rated red (H/H = 22) without comments: the register's rule, on the comments field.
  ClientResponse r = Post(*analyst, path,
                          {{"review_date-day", "5"},
                           {"review_date-month", "1"},
                           {"review_date-year", "2011"},
                           {"likelihood", "H"},
                           {"impact", "H"},
                           {"note", "Overspend <growing>"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("href=\"#comments\""), std::string::npos);
  EXPECT_NE(r.body.find("Enter comments: a red risk must say what is being done"),
            std::string::npos);
  EXPECT_NE(r.body.find(">Overspend &lt;growing&gt;</textarea>"), std::string::npos);
  EXPECT_NE(
      r.body.find("id=\"likelihood-3\" name=\"likelihood\" type=\"radio\" value=\"H\" checked"),
      std::string::npos);
  // A likelihood without an impact; a date in the future; a date before the last review; no
  // note; a date that is not one.
  r = Post(*analyst, path,
           {{"likelihood", "H"},
            {"note", "x"},
            {"review_date-day", "5"},
            {"review_date-month", "1"},
            {"review_date-year", "2011"}});
  EXPECT_NE(r.body.find("Choose the impact too, or No change for both"), std::string::npos);
  r = Post(*analyst, path,
           {{"note", "x"},
            {"review_date-day", "6"},
            {"review_date-month", "1"},
            {"review_date-year", "2011"}});
  EXPECT_NE(r.body.find("The date of the review must be today or in the past"), std::string::npos);
  EXPECT_NE(r.body.find("href=\"#review_date-day\""), std::string::npos);
  r = Post(*analyst, "/risks/test-2010-11/2",
           {{"note", "x"},
            {"review_date-day", "30"},
            {"review_date-month", "9"},
            {"review_date-year", "2010"}});
  EXPECT_NE(r.body.find("The date of the review must be on or after the last review, 2010-10-01"),
            std::string::npos);
  r = Post(*analyst, path,
           {{"review_date-day", "5"}, {"review_date-month", "1"}, {"review_date-year", "2011"}});
  EXPECT_NE(r.body.find("Enter what the review found"), std::string::npos);
  r = Post(*analyst, path,
           {{"note", "x"},
            {"review_date-day", "31"},
            {"review_date-month", "2"},
            {"review_date-year", "2011"}});
  EXPECT_NE(r.body.find("Date of the review must be a real date"), std::string::npos);
  EXPECT_NE(r.body.find("value=\"31\""), std::string::npos);
  // With comments: stored, re-rated, audited, shown.
  r = Post(*analyst, path,
           {{"review_date-day", "5"},
            {"review_date-month", "1"},
            {"review_date-year", "2011"},
            {"likelihood", "H"},
            {"impact", "H"},
            {"note", "Overspend growing"},
            {"comments", "Recovery plan agreed"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.headers["location"], path + "?reviewed=1");
  Result<std::vector<planning::RiskRegister>> regs =
      planning::LoadRegisters(Db().get(), "test-2010-11");
  const planning::Risk& risk = regs->front().risks[0];
  ASSERT_EQ(risk.reviews.size(), 1u);
  EXPECT_EQ(risk.reviews[0].reviewer, "Ann Analyst");
  EXPECT_EQ(risk.residual,
            (planning::RiskRating{planning::Rating::kHigh, planning::Rating::kHigh}));
  EXPECT_EQ(risk.comments, "Recovery plan agreed");
  bool audited = false;
  for (const AuditEntry& e : AuditOf("analyst")) {
    audited |= e.outcome == AuditOutcome::kAllowed && e.record_type == "risks" &&
               e.record_key == "test-2010-11/1" &&
               e.detail == "review 2011-01-05; re-rated H/H; comments replaced";
  }
  EXPECT_TRUE(audited);
  const ClientResponse page = analyst->Request("GET", path + "?reviewed=1");
  EXPECT_NE(page.body.find("Review recorded."), std::string::npos);
  EXPECT_NE(page.body.find("app-rag--red\">Red</strong> Score 22"), std::string::npos);
  EXPECT_NE(page.body.find("Overspend growing"), std::string::npos);
  // The heat map moved: M/M empty, H/H 1.
  const ClientResponse risks = analyst->Request("GET", "/risks");
  const size_t start = risks.body.find("data-register=\"test-2010-11\"");
  const std::string table = risks.body.substr(start, risks.body.find("</table>", start) - start);
  EXPECT_NE(table.find("data-cell=\"M/M\"><strong class=\"govuk-!-font-size-24\">0<"),
            std::string::npos);
  EXPECT_NE(table.find("data-cell=\"H/H\"><strong class=\"govuk-!-font-size-24\">1<"),
            std::string::npos);
}

TEST(PlanningAccessTest, LeadsNameUsersByPartsCodesAndNamesIgnoringCaseAndSpacing) {
  const std::vector<planning::Lead> leads = {{"JD", "John Davidson", "ACE (Operations)"}};
  const std::vector<std::string> john = {"john davidson"};
  EXPECT_TRUE(NamesOneOf("JD", leads, john));
  EXPECT_TRUE(NamesOneOf("Chief Officer;  JOHN   Davidson ", {}, john));
  EXPECT_TRUE(NamesOneOf("Chief Officer & John Davidson", {}, john));
  EXPECT_FALSE(NamesOneOf("John Davidsons", {}, john));  // a whole part, not a substring
  EXPECT_FALSE(NamesOneOf("John", {}, john));
  EXPECT_FALSE(NamesOneOf("JD", {}, john));  // no [[leads]] to expand it
  EXPECT_FALSE(NamesOneOf("", leads, john));
  EXPECT_FALSE(NamesOneOf("JD", leads, {}));
  EXPECT_EQ(NamedPeople("A; JD & ", leads), (std::vector<std::string>{"a", "jd", "john davidson"}));
}

}  // namespace
}  // namespace probation
