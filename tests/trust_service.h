// A fixture for tests of the service over a generated trust: the data (seed 5, a tenth of a
// trust) imported once per test process with the example plans and risk registers, one user
// of each role with the password kPassword (prac: a practitioner tied to officer1; mgr: a
// manager of ldu1; analyst and board: the trust; admin), and per test a running server (port
// 0, two threads) with the live engine. `units_` names the units, officers and cases the tests
// use, found in the data. Derive a test's fixture from TrustServiceTest:
//   class CasePagesTest : public testing::TrustServiceTest {};
//   TEST_F(CasePagesTest, ...) { TestClient client(port()); client.SignIn("prac", kPassword); }
#pragma once

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/calendar.h"
#include "base/crypto.h"
#include "generated_store.h"
#include "http_client.h"
#include "ingest/generator.h"
#include "ingest/importer.h"
#include "planning/plan_file.h"
#include "planning/plan_store.h"
#include "planning/risk_matrix.h"
#include "planning/risk_register_file.h"
#include "planning/risk_store.h"
#include "server/accounts.h"
#include "server/service.h"
#include "store/audit_log.h"
#include "store/schema.h"

namespace probation::testing {

namespace fs = std::filesystem;

inline constexpr char kPassword[] = "a long test passphrase";

// The units the matrix names, found in the generated data.
struct Units {
  std::string trust, ldu1, ldu2, team1, officer1, officer2;  // officer1 in team1; officer2 in ldu2
  // A sentence currently allocated to officer1 that has contacts, its last contact, and one
  // currently allocated to officer2; the latest contact date in the data.
  std::string own_crn, own_event, own_contact, other_crn, other_event, latest_date;
};

class TrustServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(::testing::TempDir()) /
                        ("trust_service_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    Result<std::unique_ptr<Database>> db = GenerateTrustStore(*dir_, 5, 0.1, DbPath());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    // The example plans and risk registers (examples/), for /api/v1/plans and /api/v1/risks.
    std::vector<planning::Plan> plans;
    for (const char* id : {"derbyshire-2008-09", "nps-2005-06", "essex-2010-13"}) {
      Result<planning::Plan> plan = planning::ParsePlanFile(
          std::string(PROBATION_SOURCE_DIR "/examples/plans/") + id + ".toml");
      ASSERT_TRUE(plan.ok()) << plan.status().ToString();
      plans.push_back(std::move(*plan));
    }
    ASSERT_TRUE(planning::SavePlans(db->get(), plans).ok());
    Result<planning::RiskMatrix> matrix = planning::LoadRiskMatrix();
    ASSERT_TRUE(matrix.ok()) << matrix.status().ToString();
    for (const char* id : {"derbyshire-2008-09", "nps-2005-06"}) {
      Result<planning::RiskRegister> reg = planning::ReadRiskRegisterFile(
          std::string(PROBATION_SOURCE_DIR "/examples/risks/") + id + ".toml", *matrix);
      ASSERT_TRUE(reg.ok()) << reg.status().ToString();
      ASSERT_TRUE(planning::SaveRegister(db->get(), *reg).ok());
    }
    units_ = new Units(FindUnits(db->get()));
    ASSERT_FALSE(units_->officer2.empty());
    ASSERT_FALSE(units_->own_crn.empty());
    ASSERT_FALSE(units_->other_crn.empty());
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

  static std::string One(Database* db, const std::string& sql, const std::string& arg = "",
                         const std::string& arg2 = "") {
    Result<Statement> stmt = db->Prepare(sql);
    EXPECT_TRUE(stmt.ok()) << sql;
    if (!arg.empty()) stmt->BindText(1, arg);
    if (!arg2.empty()) stmt->BindText(2, arg2);
    Result<bool> has = stmt->Step();
    return has.ok() && *has ? std::string(stmt->ColumnText(0)) : std::string();
  }

  static Units FindUnits(Database* db) {
    Units u;
    u.trust = One(db, "SELECT code FROM org_units WHERE level = 'trust' ORDER BY code LIMIT 1");
    u.ldu1 =
        One(db, "SELECT code FROM org_units WHERE level = 'ldu' AND parent_code = ? ORDER BY code",
            u.trust);
    u.ldu2 = One(db,
                 "SELECT code FROM org_units WHERE level = 'ldu' AND parent_code = ? ORDER BY code "
                 "DESC",
                 u.trust);
    u.team1 =
        One(db, "SELECT code FROM org_units WHERE level = 'team' AND parent_code = ? ORDER BY code",
            u.ldu1);
    // Officers who hold an open sentence with contacts (the case routes read and write one).
    const std::string holds_case =
        " AND EXISTS (SELECT 1 FROM responsible_officers ro WHERE ro.staff_id = staff.staff_id "
        "AND ro.end_date IS NULL AND EXISTS (SELECT 1 FROM contacts c WHERE c.crn = ro.crn AND "
        "c.event_no = ro.event_no))";
    u.officer1 = One(
        db, "SELECT staff_id FROM staff WHERE team_code = ?" + holds_case + " ORDER BY staff_id",
        u.team1);
    u.officer2 = One(db,
                     "SELECT staff_id FROM staff WHERE team_code IN (SELECT code FROM org_units "
                     "WHERE parent_code = ?)" +
                         holds_case + " ORDER BY staff_id",
                     u.ldu2);
    const std::string open_sentence =
        "SELECT crn || ' ' || event_no FROM responsible_officers ro WHERE staff_id = ? AND "
        "end_date IS NULL AND EXISTS (SELECT 1 FROM contacts c WHERE c.crn = ro.crn AND "
        "c.event_no = ro.event_no) ORDER BY crn, event_no";
    const std::string own = One(db, open_sentence, u.officer1);
    const std::string other = One(db, open_sentence, u.officer2);
    if (own.empty() || other.empty()) return u;
    u.own_crn = own.substr(0, own.find(' '));
    u.own_event = own.substr(own.find(' ') + 1);
    u.other_crn = other.substr(0, other.find(' '));
    u.other_event = other.substr(other.find(' ') + 1);
    u.own_contact = One(db, "SELECT MAX(contact_no) FROM contacts WHERE crn = ? AND event_no = ?",
                        u.own_crn, u.own_event);
    u.latest_date = One(db, "SELECT MAX(contact_date) FROM contacts");
    return u;
  }

  void SetUp() override {
    ServiceOptions options;
    options.db_path = DbPath();
    options.hash_cost = PasswordHashCost::Minimum();
    options.log = [](const std::string&) {};
    EngineHolderOptions engine_options;
    engine_options.db_path = DbPath();
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

  uint16_t port() const { return server_->port(); }

  SystemClock clock_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<HttpServer> server_;
  static inline fs::path* dir_ = nullptr;
  static inline Units* units_ = nullptr;
};

}  // namespace probation::testing
