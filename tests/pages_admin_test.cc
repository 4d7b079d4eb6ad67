// The administrator's pages end to end over real sockets: the users list (role, unit, status,
// last sign-in), adding a user (a generated password shown once and working; validation that
// names the field and keeps what was typed), disable / enable / unlock / reset password /
// change role on a user's page, each in the store and in the audit log as the API writes it;
// the audit log search (who looked at a case, by user, dates and outcome, newest first, pages)
// and the chain's verification (entries counted, the first broken entry named); only the
// administrator may see any of it (403, audited), and every form needs the CSRF token.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <regex>
#include <set>

#include "http_client.h"
#include "server/accounts.h"
#include "server/page.h"
#include "server/service.h"
#include "store/account_store.h"
#include "store/audit_log.h"
#include "store/schema.h"
#include "trust_service.h"

namespace probation {
namespace {

namespace fs = std::filesystem;
using testing::ClientResponse;
using testing::TestClient;

constexpr int64_t kStart = 1733572800;  // 2024-12-07T12:00:00Z
constexpr char kPassword[] = "blue harbour lantern 42";

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

class AdminPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = fs::path(::testing::TempDir()) /
           ("pages_admin_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_path_ = (dir_ / "probation.db").string();
    ServiceOptions options;
    options.db_path = db_path_;
    options.hash_cost = PasswordHashCost::Minimum();
    options.log = [](const std::string&) {};
    Result<std::unique_ptr<Service>> service = Service::Create(options, &clock_, nullptr);
    ASSERT_TRUE(service.ok()) << service.status().ToString();
    service_ = std::move(*service);
    Result<std::unique_ptr<Database>> db = OpenStore(db_path_);
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    // One team and one officer in it, for the ties a manager and a practitioner need.
    ASSERT_TRUE(db_->Execute("INSERT INTO org_units (code, name, level, parent_code) VALUES "
                             "('T01', 'Team one', 'team', NULL);"
                             "INSERT INTO staff (staff_id, surname, forenames, team_code, grade, "
                             "fte, start_date) VALUES ('S001', 'Smith', 'Pat', 'T01', 'PO', 1.0, "
                             "'2020-01-01')")
                    .ok());
    PasswordHasher hasher(1, PasswordHashCost::Minimum());
    AccountService accounts(db_.get(), &hasher, &clock_, Actor{});
    ASSERT_TRUE(
        accounts.AddUser({"admin", "Ada Admin", Role::kAdministrator, "", ""}, kPassword).ok());
    ASSERT_TRUE(
        accounts.AddUser({"ann", "Ann Analyst", Role::kPerformanceAnalyst, "", ""}, kPassword)
            .ok());
    ASSERT_TRUE(
        accounts.AddUser({"pat", "Pat Smith", Role::kPractitioner, "", "S001"}, kPassword).ok());
    HttpServerOptions http;
    http.port = 0;
    http.threads = 2;
    Result<std::unique_ptr<HttpServer>> server = HttpServer::Start(http, service_->Handler());
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
  }

  void TearDown() override {
    server_.reset();
    service_.reset();
    db_.reset();
    fs::remove_all(dir_);
  }

  // Signs `user` in through the form; returns the CSRF token of the page `first`.
  std::string SignIn(TestClient& client, const std::string& user, const std::string& first) {
    ClientResponse r =
        client.PostForm("/sign-in", {{"username", user}, {"password", kPassword}, {"next", first}});
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 300);
    ClientResponse page = client.Request("GET", first);
    EXPECT_EQ(page.status, 200) << first;
    return CsrfToken(page.body);
  }

  static std::string CsrfToken(const std::string& html) {
    std::smatch m;
    const std::regex token(R"re(name="csrf_token" value="([0-9a-f]+)")re");
    return std::regex_search(html, m, token) ? m[1].str() : std::string();
  }

  // The audit entries of `action` on `key` (a username or CRN), oldest first.
  std::vector<AuditEntry> Audited(const std::string& action, const std::string& key) {
    Result<std::vector<AuditEntry>> all = SearchAudit(db_.get(), {.record_key = key});
    EXPECT_TRUE(all.ok());
    std::vector<AuditEntry> out;
    for (const AuditEntry& e : *all) {
      if (e.action == action) out.push_back(e);
    }
    return out;
  }

  void AppendEntry(const std::string& user, const std::string& crn, int64_t at,
                   AuditOutcome outcome = AuditOutcome::kAllowed) {
    AuditEntry e;
    e.user_id = 9;
    e.username = user;
    e.address = "10.1.2.3";
    e.action = "GET /api/v1/cases/{crn}";
    e.record_type = "people";
    e.record_key = crn;
    e.outcome = outcome;
    ASSERT_TRUE(AppendAudit(db_.get(), &e, at).ok());
  }

  uint16_t port() const { return server_->port(); }

  FakeClock clock_{kStart};
  fs::path dir_;
  std::string db_path_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<HttpServer> server_;
};

TEST_F(AdminPagesTest, OnlyTheAdministratorSeesThePagesAndRefusalsAreAudited) {
  TestClient ann(port());
  SignIn(ann, "ann", "/account/password");
  for (const std::string path : {"/admin/users", "/admin/new-user", "/admin/users/pat",
                                 "/admin/audit", "/admin/audit?crn=X1", "/admin/audit/verify"}) {
    const ClientResponse r = ann.Request("GET", path);
    EXPECT_EQ(r.status, 403) << path;
    EXPECT_NE(r.body.find("You cannot see this page"), std::string::npos) << path;
  }
  const std::string csrf = CsrfToken(ann.Request("GET", "/account/password").body);
  const ClientResponse post = ann.PostForm("/admin/users/pat/disable", {{"csrf_token", csrf}});
  EXPECT_EQ(post.status, 403);
  Result<UserRecord> pat = FindUserByName(db_.get(), "pat");
  ASSERT_TRUE(pat.ok());
  EXPECT_FALSE(pat->disabled);
  Result<std::vector<AuditEntry>> refused =
      SearchAudit(db_.get(), {.username = "ann", .outcome = "refused"});
  ASSERT_TRUE(refused.ok());
  std::set<std::string> actions;
  for (const AuditEntry& e : *refused) actions.insert(e.action);
  EXPECT_TRUE(actions.count("GET /admin/users"));
  EXPECT_TRUE(actions.count("GET /admin/audit/verify"));
  EXPECT_TRUE(actions.count("POST /admin/users/{username}/disable"));
  // Not signed in: sent to sign in.
  TestClient nobody(port());
  ClientResponse away = nobody.Request("GET", "/admin/audit?crn=X1");
  EXPECT_EQ(away.status, 303);
  EXPECT_EQ(away.headers["location"], "/sign-in?next=/admin/audit%3Fcrn%3DX1");
}

TEST_F(AdminPagesTest, UsersListShowsRoleTieStatusAndLastSignIn) {
  clock_.Advance(3600);  // 13:00
  TestClient pat(port());
  SignIn(pat, "pat", "/account/password");
  PasswordHasher hasher(1, PasswordHashCost::Minimum());
  AccountService accounts(db_.get(), &hasher, &clock_, Actor{});
  ASSERT_TRUE(accounts.SetDisabled("ann", true).ok());
  clock_.Advance(3600);  // 14:00
  TestClient admin(port());
  SignIn(admin, "admin", "/admin/users");
  const ClientResponse r = admin.Request("GET", "/admin/users");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("3 users, by username"), std::string::npos);
  EXPECT_NE(r.body.find("aria-current=\"page\">Users</a>"), std::string::npos);
  // Each row: the user's link, name, role, tie, status and last sign-in (pat at 13:00, ann
  // never; the administrator at 14:00).
  const std::regex pat_row(
      R"re(href="/admin/users/pat">pat</a></td>\s*<td[^>]*>Pat Smith</td>\s*<td[^>]*>Offender manager</td>\s*<td[^>]*>Staff S001</td>\s*<td[^>]*><strong class="govuk-tag govuk-tag--green">Active</strong></td>\s*<td[^>]*>2024-12-07 13:00 UTC</td>)re");
  EXPECT_TRUE(std::regex_search(r.body, pat_row)) << r.body;
  const std::regex ann_row(
      R"re(href="/admin/users/ann">ann</a></td>\s*<td[^>]*>Ann Analyst</td>\s*<td[^>]*>Performance analyst</td>\s*<td[^>]*></td>\s*<td[^>]*><strong class="govuk-tag govuk-tag--grey">Disabled</strong> </td>\s*<td[^>]*>Never</td>)re");
  EXPECT_TRUE(std::regex_search(r.body, ann_row));
  EXPECT_NE(r.body.find("2024-12-07 14:00 UTC"), std::string::npos);
}

TEST_F(AdminPagesTest, AddUserShowsTheGeneratedPasswordOnceAndItSignsIn) {
  TestClient admin(port());
  const std::string csrf = SignIn(admin, "admin", "/admin/new-user");
  const ClientResponse form = admin.Request("GET", "/admin/new-user");
  EXPECT_NE(form.body.find("type=\"radio\" value=\"manager\""), std::string::npos);
  const ClientResponse added = admin.PostForm("/admin/users", {{"csrf_token", csrf},
                                                               {"username", "mo"},
                                                               {"display_name", "Mo Manager"},
                                                               {"role", "manager"},
                                                               {"unit_code", "T01"},
                                                               {"staff_id", ""},
                                                               {"password", ""}});
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_NE(added.body.find("User added"), std::string::npos);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(added.body, m,
                                std::regex(R"re(<code id="new-password">([^<]+)</code>)re")));
  const std::string password = m[1].str();
  EXPECT_GE(password.size(), 12u);
  Result<UserRecord> mo = FindUserByName(db_.get(), "mo");
  ASSERT_TRUE(mo.ok());
  EXPECT_EQ(mo->role, Role::kManager);
  EXPECT_EQ(mo->unit_code, "T01");
  EXPECT_EQ(mo->display_name, "Mo Manager");
  const std::vector<AuditEntry> audited = Audited("users add", "mo");
  ASSERT_EQ(audited.size(), 1u);
  EXPECT_EQ(audited[0].username, "admin");  // the acting administrator, as the API writes it
  EXPECT_EQ(audited[0].detail, "role manager, unit T01, staff ");
  // The password works, and is not on the user's page afterwards.
  TestClient new_user(port());
  EXPECT_EQ(new_user.PostForm("/sign-in", {{"username", "mo"}, {"password", password}}).status,
            303);
  EXPECT_EQ(admin.Request("GET", "/admin/users/mo").body.find(password), std::string::npos);
  // A typed password: straight to the user's page with a banner.
  ClientResponse typed = admin.PostForm("/admin/users", {{"csrf_token", csrf},
                                                         {"username", "al"},
                                                         {"display_name", "Al Analyst"},
                                                         {"role", "performance-analyst"},
                                                         {"password", kPassword}});
  ASSERT_EQ(typed.status, 303);
  EXPECT_EQ(typed.headers["location"], "/admin/users/al?done=added");
  EXPECT_NE(admin.Request("GET", "/admin/users/al?done=added").body.find("User added"),
            std::string::npos);
}

TEST_F(AdminPagesTest, AddUserErrorsNameTheFieldAndKeepWhatWasTyped) {
  TestClient admin(port());
  const std::string csrf = SignIn(admin, "admin", "/admin/new-user");
  const ClientResponse empty = admin.PostForm("/admin/users", {{"csrf_token", csrf}});
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(empty.body.find("There is a problem"), std::string::npos);
  EXPECT_NE(empty.body.find("href=\"#username\">Enter a username"), std::string::npos);
  EXPECT_NE(empty.body.find("href=\"#display_name\">Enter the user&apos;s full name"),
            std::string::npos)
      << empty.body;
  EXPECT_NE(empty.body.find("href=\"#role\">Select a role"), std::string::npos);
  // The service's rules, beside the field they are about; what was typed is kept.
  const auto post = [&](std::vector<std::pair<std::string, std::string>> fields) {
    fields.push_back({"csrf_token", csrf});
    return admin.PostForm("/admin/users", fields);
  };
  const ClientResponse no_unit =
      post({{"username", "mo"}, {"display_name", "Mo <b>Manager</b>"}, {"role", "manager"}});
  EXPECT_EQ(no_unit.status, 400);
  EXPECT_NE(no_unit.body.find("href=\"#unit_code\">A manager must be tied to an organisation "
                              "unit</a>"),
            std::string::npos)
      << no_unit.body;
  EXPECT_NE(no_unit.body.find("value=\"Mo &lt;b&gt;Manager&lt;/b&gt;\""), std::string::npos);
  EXPECT_NE(no_unit.body.find("value=\"manager\" checked"), std::string::npos);
  const ClientResponse bad_staff = post({{"username", "po"},
                                         {"display_name", "P O"},
                                         {"role", "practitioner"},
                                         {"staff_id", "S999"}});
  EXPECT_NE(bad_staff.body.find("href=\"#staff_id\">There is no staff record S999"),
            std::string::npos);
  EXPECT_NE(bad_staff.body.find("value=\"S999\""), std::string::npos);
  const ClientResponse taken =
      post({{"username", "pat"}, {"display_name", "Another Pat"}, {"role", "performance-analyst"}});
  EXPECT_NE(taken.body.find("href=\"#username\">There is already a user pat"), std::string::npos);
  const ClientResponse bad_name =
      post({{"username", "Bad Name"}, {"display_name", "B"}, {"role", "performance-analyst"}});
  EXPECT_NE(bad_name.body.find("href=\"#username\">A username may hold only"), std::string::npos);
  const ClientResponse weak = post({{"username", "wes"},
                                    {"display_name", "Wes"},
                                    {"role", "performance-analyst"},
                                    {"password", "short"}});
  EXPECT_EQ(weak.status, 400);
  EXPECT_NE(weak.body.find("href=\"#password\">The password must be at least 12"),
            std::string::npos);
  EXPECT_EQ(weak.body.find("value=\"short\""), std::string::npos);  // never sent back
  EXPECT_FALSE(FindUserByName(db_.get(), "wes").ok());
  // No CSRF token: refused, nothing added.
  const ClientResponse forged = admin.PostForm(
      "/admin/users", {{"username", "eve"}, {"display_name", "Eve"}, {"role", "administrator"}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_FALSE(FindUserByName(db_.get(), "eve").ok());
}

TEST_F(AdminPagesTest, AUsersPageDisablesEnablesUnlocksResetsAndChangesRole) {
  // Lock pat with failed sign-ins.
  for (int i = 0; i < 5; ++i) {
    TestClient bad(port());
    bad.PostForm("/sign-in", {{"username", "pat"}, {"password", "not the password"}});
  }
  ASSERT_TRUE(FindUserByName(db_.get(), "pat")->locked_at.has_value());
  TestClient admin(port());
  const std::string csrf = SignIn(admin, "admin", "/admin/users/pat");
  const ClientResponse page = admin.Request("GET", "/admin/users/pat");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<h1 class=\"govuk-heading-l\">Pat Smith</h1>"), std::string::npos);
  EXPECT_NE(page.body.find("govuk-tag--red\">Locked</strong>"), std::string::npos);
  EXPECT_NE(page.body.find("action=\"/admin/users/pat/unlock\""), std::string::npos);
  EXPECT_NE(page.body.find("value=\"practitioner\" checked"), std::string::npos);
  EXPECT_NE(page.body.find("value=\"S001\""), std::string::npos);

  ClientResponse r = admin.PostForm("/admin/users/pat/unlock", {{"csrf_token", csrf}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.headers["location"], "/admin/users/pat?done=unlocked");
  EXPECT_FALSE(FindUserByName(db_.get(), "pat")->locked_at.has_value());
  EXPECT_EQ(Audited("users unlock", "pat").size(), 1u);
  EXPECT_NE(admin.Request("GET", "/admin/users/pat?done=unlocked").body.find("Account unlocked"),
            std::string::npos);

  TestClient pat(port());
  SignIn(pat, "pat", "/account/password");
  r = admin.PostForm("/admin/users/pat/disable", {{"csrf_token", csrf}});
  EXPECT_EQ(r.headers["location"], "/admin/users/pat?done=disabled");
  EXPECT_TRUE(FindUserByName(db_.get(), "pat")->disabled);
  EXPECT_EQ(pat.Request("GET", "/account/password").status, 303);  // the session ended
  EXPECT_EQ(Audited("users disable", "pat").size(), 1u);
  const ClientResponse disabled = admin.Request("GET", "/admin/users/pat");
  EXPECT_NE(disabled.body.find("action=\"/admin/users/pat/enable\""), std::string::npos);
  EXPECT_EQ(disabled.body.find("action=\"/admin/users/pat/disable\""), std::string::npos);
  r = admin.PostForm("/admin/users/pat/enable", {{"csrf_token", csrf}});
  EXPECT_FALSE(FindUserByName(db_.get(), "pat")->disabled);
  EXPECT_EQ(Audited("users enable", "pat").size(), 1u);

  // Reset: a weak typed password is refused beside the field; a blank one is made and shown.
  r = admin.PostForm("/admin/users/pat/password", {{"csrf_token", csrf}, {"password", "pat1"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("href=\"#password\">The password is not allowed"), std::string::npos);
  r = admin.PostForm("/admin/users/pat/password", {{"csrf_token", csrf}, {"password", ""}});
  ASSERT_EQ(r.status, 200);
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(r.body, m, std::regex(R"re(<code id="new-password">([^<]+)</code>)re")));
  TestClient again(port());
  EXPECT_EQ(again.PostForm("/sign-in", {{"username", "pat"}, {"password", m[1].str()}}).status,
            303);
  EXPECT_EQ(Audited("users set-password", "pat").size(), 1u);

  // Role: a manager needs a unit (kept as typed, 400); then the change is made.
  r = admin.PostForm(
      "/admin/users/pat/role",
      {{"csrf_token", csrf}, {"role", "manager"}, {"unit_code", ""}, {"staff_id", ""}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("href=\"#unit_code\">A manager must be tied"), std::string::npos);
  EXPECT_NE(r.body.find("value=\"manager\" checked"), std::string::npos);
  EXPECT_EQ(FindUserByName(db_.get(), "pat")->role, Role::kPractitioner);
  r = admin.PostForm(
      "/admin/users/pat/role",
      {{"csrf_token", csrf}, {"role", "manager"}, {"unit_code", "T01"}, {"staff_id", "S001"}});
  EXPECT_EQ(r.headers["location"], "/admin/users/pat?done=role");
  Result<UserRecord> changed = FindUserByName(db_.get(), "pat");
  EXPECT_EQ(changed->role, Role::kManager);
  EXPECT_EQ(changed->unit_code, "T01");
  const std::vector<AuditEntry> role = Audited("users set-role", "pat");
  ASSERT_EQ(role.size(), 1u);
  EXPECT_EQ(role[0].username, "admin");
  // No such user: the not-found page.
  EXPECT_EQ(admin.Request("GET", "/admin/users/nobody").status, 404);
  EXPECT_EQ(admin.PostForm("/admin/users/nobody/disable", {{"csrf_token", csrf}}).status, 404);
  // Without the token nothing changes.
  EXPECT_EQ(admin.PostForm("/admin/users/pat/disable", {}).status, 403);
  EXPECT_FALSE(FindUserByName(db_.get(), "pat")->disabled);
}

TEST_F(AdminPagesTest, AuditSearchFindsWhoLookedAtACaseNewestFirstByPage) {
  // 2024-12-07 12:00 onwards: pat reads X100001 at 12:00, 12:01, ...; ann is refused once
  // on 2024-12-09; sam reads another case.
  for (int i = 0; i < 60; ++i) AppendEntry("pat", "X100001", kStart + 60 * i);
  AppendEntry("ann", "X100001", kStart + 2 * 86400, AuditOutcome::kRefused);
  AppendEntry("sam", "X100002", kStart + 2 * 86400 + 60);
  TestClient admin(port());
  SignIn(admin, "admin", "/admin/audit");
  ClientResponse r = admin.Request("GET", "/admin/audit?crn=X100001");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Entries 1 to 50 for X100001, newest first"), std::string::npos);
  EXPECT_EQ(Count(r.body, "<td class=\"govuk-table__cell\">people X100001</td>"), 50u);
  EXPECT_EQ(r.body.find("X100002"), std::string::npos);
  // Newest first: ann's refusal, then pat's last read (12:59).
  const size_t ann = r.body.find("<td class=\"govuk-table__cell\">ann</td>");
  const size_t pat = r.body.find("<td class=\"govuk-table__cell\">pat</td>");
  ASSERT_NE(ann, std::string::npos);
  ASSERT_LT(ann, pat);
  EXPECT_NE(r.body.find("2024-12-09 12:00:00 UTC"), std::string::npos);
  EXPECT_NE(r.body.find("2024-12-07 12:59:00 UTC"), std::string::npos);
  EXPECT_NE(r.body.find("govuk-tag--red\">Refused</strong>"), std::string::npos);
  EXPECT_EQ(r.body.find("rel=\"prev\""), std::string::npos);
  EXPECT_NE(r.body.find("href=\"/admin/audit?crn=X100001&amp;page=2\" rel=\"next\""),
            std::string::npos)
      << r.body;
  // Page 2: the 11 oldest (61 in all), the first at 12:00, and no next page.
  r = admin.Request("GET", "/admin/audit?crn=X100001&page=2");
  EXPECT_NE(r.body.find("Entries 51 to 61 for X100001"), std::string::npos);
  EXPECT_EQ(Count(r.body, "<td class=\"govuk-table__cell\">people X100001</td>"), 11u);
  EXPECT_NE(r.body.find("2024-12-07 12:00:00 UTC"), std::string::npos);
  EXPECT_EQ(r.body.find("rel=\"next\""), std::string::npos);
  EXPECT_NE(r.body.find("rel=\"prev\""), std::string::npos);
  // By outcome, user and dates; the typed values stay in the form.
  r = admin.Request("GET", "/admin/audit?crn=X100001&outcome=refused");
  EXPECT_NE(r.body.find("Entries 1 to 1 for X100001, refused only"), std::string::npos);
  EXPECT_NE(r.body.find("value=\"refused\" checked"), std::string::npos);
  r = admin.Request("GET",
                    "/admin/audit?user=sam&from-day=9&from-month=12&from-year=2024&to-day=9&"
                    "to-month=12&to-year=2024");
  EXPECT_NE(r.body.find("Entries 1 to 1 by sam from 2024-12-09 to 2024-12-09"), std::string::npos);
  EXPECT_NE(r.body.find("name=\"from-day\" type=\"text\" inputmode=\"numeric\" value=\"9\""),
            std::string::npos);
  r = admin.Request("GET", "/admin/audit?user=pat&to-day=6&to-month=12&to-year=2024");
  EXPECT_NE(r.body.find("No entries by pat to 2024-12-06."), std::string::npos);
  // Errors name the field: an impossible date, dates the wrong way round, a bad page.
  r = admin.Request("GET", "/admin/audit?from-day=31&from-month=2&from-year=2024");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("href=\"#from-day\">The from date must be a real date"), std::string::npos)
      << r.body;
  r = admin.Request("GET",
                    "/admin/audit?from-day=9&from-month=12&from-year=2024&to-day=8&to-month=12&"
                    "to-year=2024");
  EXPECT_NE(r.body.find("href=\"#to-day\">The to date must be the same as or after"),
            std::string::npos);
  EXPECT_EQ(admin.Request("GET", "/admin/audit?page=0").status, 400);
  EXPECT_EQ(admin.Request("GET", "/admin/audit?outcome=maybe").status, 400);
}

TEST_F(AdminPagesTest, VerifyCountsTheEntriesAndNamesTheFirstBrokenOne) {
  TestClient admin(port());
  SignIn(admin, "admin", "/admin/audit");
  Result<AuditVerification> before = VerifyAuditChain(db_.get());
  ASSERT_TRUE(before.ok());
  ClientResponse r = admin.Request("GET", "/admin/audit/verify");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("The audit log is intact"), std::string::npos);
  // Every entry up to this request's: the log as the page read it.
  Result<AuditVerification> after = VerifyAuditChain(db_.get());
  ASSERT_TRUE(after.ok());
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      r.body, m,
      std::regex(
          R"re(Entries checked</dt>\s*<dd class="govuk-summary-list__value">(\d+)</dd>)re")));
  EXPECT_GE(std::stoll(m[1].str()), before->entries);
  EXPECT_LE(std::stoll(m[1].str()), after->entries);
  // Tamper with entry 3 behind the triggers' back: the page names it.
  ASSERT_TRUE(db_->Execute("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = "
                           "'changed' WHERE seq = 3")
                  .ok());
  r = admin.Request("GET", "/admin/audit/verify");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("The audit log&apos;s chain is broken"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("Entry 3: its content does not match its hash"), std::string::npos);
  EXPECT_NE(r.body.find(">3</dd>"), std::string::npos);  // checked up to the broken one
}

// Over the generated trust: a practitioner reads one of their cases through the API; the
// administrator, searching the audit log page by that CRN, finds the read under the
// practitioner's name, and the page lists the same entries as the API's search.
class AdminTrustPagesTest : public testing::TrustServiceTest {};

TEST_F(AdminTrustPagesTest, AdministratorFindsWhoLookedAtACase) {
  const std::string crn = units_->own_crn;
  TestClient prac(port());
  ASSERT_EQ(prac.SignIn("prac", testing::kPassword).status, 201);
  ASSERT_EQ(prac.Request("GET", "/api/v1/cases/" + crn).status, 200);
  TestClient admin(port());
  ASSERT_EQ(admin.SignIn("admin", testing::kPassword).status, 201);
  const ClientResponse r = admin.Request("GET", "/admin/audit?crn=" + crn);
  ASSERT_EQ(r.status, 200);
  const std::regex read(
      "<td class=\"govuk-table__cell\">prac</td>\\s*<td[^>]*>[^<]*</td>\\s*"
      "<td[^>]*>GET /api/v1/cases/\\{crn\\}</td>\\s*<td[^>]*>people " +
      crn + "</td>");
  EXPECT_TRUE(std::regex_search(r.body, read)) << r.body;
  const ClientResponse api = admin.Request("GET", "/api/v1/admin/audit?crn=" + crn);
  ASSERT_EQ(api.status, 200);
  const size_t entries = api.Json()["entries"].size();
  ASSERT_GE(entries, 1u);
  ASSERT_LE(entries, 50u);
  EXPECT_EQ(Count(r.body, "<td class=\"govuk-table__cell\">people " + crn + "</td>"), entries);
  EXPECT_NE(r.body.find("Entries 1 to " + std::to_string(entries) + " for " + crn),
            std::string::npos);
}

}  // namespace
}  // namespace probation
