// The page foundation end to end over real sockets: the sign-in form (errors in the design
// system's summary, what was typed kept, never the password), the session cookie it sets and
// the page asked for, the layout's header with the user's name, role and navigation, CSRF on
// forms, sign-out, change password, redirects to sign in, only paths on this service as the
// page to come back to, and the not-found and not-allowed pages in HTML where the API answers
// JSON.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <regex>

#include "http_client.h"
#include "server/accounts.h"
#include "server/page.h"
#include "server/service.h"
#include "store/audit_log.h"
#include "store/schema.h"

namespace probation {
namespace {

namespace fs = std::filesystem;
using testing::ClientResponse;
using testing::TestClient;

constexpr int64_t kStart = 1733572800;  // 2024-12-07T12:00:00Z
constexpr char kPassword[] = "blue harbour lantern 42";

class PagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = fs::path(::testing::TempDir()) /
           ("pages_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
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
    // A page only an administrator may see, for the not-allowed page.
    service_->router().Add(Route{
        .method = "GET",
        .pattern = "/test/admin-page",
        .handler =
            [](RequestContext& ctx) {
              return RenderPage(ctx, Page{.title = "Admin", .template_name = "error"});
            },
        .roles = {Role::kAdministrator},
        .audited = true,
        .summary = "test only",
        .page = true,
    });
    Result<std::unique_ptr<Database>> db = OpenStore(db_path_);
    ASSERT_TRUE(db.ok());
    PasswordHasher hasher(1, PasswordHashCost::Minimum());
    AccountService accounts(db->get(), &hasher, &clock_, Actor{});
    ASSERT_TRUE(
        accounts.AddUser({"ann", "Ann Analyst", Role::kPerformanceAnalyst, "", ""}, kPassword)
            .ok());
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
    fs::remove_all(dir_);
  }

  // Signs in through the form; the client keeps the cookie. Returns the CSRF token of the
  // page signed in to.
  std::string SignIn(TestClient& client) {
    ClientResponse r = client.PostForm(
        "/sign-in", {{"username", "ann"}, {"password", kPassword}, {"next", "/account/password"}});
    EXPECT_EQ(r.status, 303);
    ClientResponse page = client.Request("GET", "/account/password");
    EXPECT_EQ(page.status, 200);
    return CsrfToken(page.body);
  }

  static std::string CsrfToken(const std::string& html) {
    std::smatch m;
    const std::regex token(R"re(name="csrf_token" value="([0-9a-f]+)")re");
    return std::regex_search(html, m, token) ? m[1].str() : std::string();
  }

  uint16_t port() const { return server_->port(); }

  FakeClock clock_{kStart};
  fs::path dir_;
  std::string db_path_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<HttpServer> server_;
};

TEST_F(PagesTest, SignInPageIsPublicHtmlWithSecurityHeaders) {
  TestClient client(port());
  ClientResponse r = client.Request("GET", "/sign-in");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("<h1 class=\"govuk-heading-l\">Sign in</h1>"), std::string::npos);
  EXPECT_NE(r.body.find("<html lang=\"en\""), std::string::npos);
  EXPECT_NE(r.body.find("for=\"username\""), std::string::npos);
  EXPECT_EQ(r.body.find("There is a problem"), std::string::npos);
  EXPECT_EQ(r.body.find("Sign out"), std::string::npos);  // no header for nobody
  // The one inline script carries the response's nonce, which the policy names.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.body, m, std::regex(R"re(<script nonce="([0-9a-f]+)">)re")));
  EXPECT_NE(r.headers["content-security-policy"].find("'nonce-" + m[1].str() + "'"),
            std::string::npos);
  EXPECT_EQ(r.headers["x-content-type-options"], "nosniff");
}

TEST_F(PagesTest, WrongPasswordShowsTheErrorSummaryAndKeepsTheUsernameNotThePassword) {
  TestClient client(port());
  ClientResponse r = client.PostForm(
      "/sign-in", {{"username", "ann<script>"}, {"password", "not the password"}, {"next", "/"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.body.find("There is a problem"), std::string::npos);
  EXPECT_NE(r.body.find("href=\"#username\""), std::string::npos);
  EXPECT_NE(r.body.find("value=\"ann&lt;script&gt;\""), std::string::npos);  // escaped, kept
  EXPECT_EQ(r.body.find("ann<script>"), std::string::npos);
  EXPECT_EQ(r.body.find("not the password"), std::string::npos);
  EXPECT_TRUE(client.cookie().empty());
  // Nothing typed: each field's own message.
  ClientResponse empty = client.PostForm("/sign-in", {{"username", ""}, {"password", ""}});
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(empty.body.find("Enter your username"), std::string::npos);
  EXPECT_NE(empty.body.find("Enter your password"), std::string::npos);
  EXPECT_NE(empty.body.find("id=\"password-error\""), std::string::npos);
}

TEST_F(PagesTest, SignInGoesToThePageAskedForWithTheUserInTheHeader) {
  TestClient client(port());
  // Not signed in: a page sends the browser to sign in, remembering where it was going.
  ClientResponse before = client.Request("GET", "/account/password");
  EXPECT_EQ(before.status, 303);
  EXPECT_EQ(before.headers["location"], "/sign-in?next=/account/password");
  ClientResponse form = client.Request("GET", "/sign-in?next=/account/password");
  EXPECT_NE(form.body.find("name=\"next\" value=\"/account/password\""), std::string::npos);
  ClientResponse r = client.PostForm(
      "/sign-in", {{"username", "ann"}, {"password", kPassword}, {"next", "/account/password"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.headers["location"], "/account/password");
  EXPECT_NE(r.headers["set-cookie"].find("HttpOnly; SameSite=Strict"), std::string::npos);
  ClientResponse page = client.Request("GET", "/account/password");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Ann Analyst"), std::string::npos);
  EXPECT_NE(page.body.find("Performance analyst<"), std::string::npos);  // no unit: no comma
  EXPECT_NE(page.body.find("href=\"/scorecard\""), std::string::npos);  // the analyst's menu
  EXPECT_NE(page.body.find("href=\"/imports/new\""), std::string::npos);
  EXPECT_EQ(page.body.find("href=\"/admin/users\""), std::string::npos);  // not an admin's
  EXPECT_FALSE(CsrfToken(page.body).empty());
  EXPECT_NE(page.body.find("data-session-idle-seconds=\"1800\""), std::string::npos);
  // "/" is the role's start page.
  ClientResponse home = client.Request("GET", "/");
  EXPECT_EQ(home.status, 303);
  EXPECT_EQ(home.headers["location"], "/scorecard");
}

TEST_F(PagesTest, OnlyPathsOnThisServiceAreFollowedAfterSignIn) {
  for (const std::string next : {"//evil.example/x", "https://evil.example/", "/\\evil.example",
                                 "javascript:alert(1)", ""}) {
    TestClient client(port());
    ClientResponse r =
        client.PostForm("/sign-in", {{"username", "ann"}, {"password", kPassword}, {"next", next}});
    ASSERT_EQ(r.status, 303) << next;
    EXPECT_EQ(r.headers["location"], "/scorecard") << next;
  }
  EXPECT_EQ(SafeNext("/cases/X1?tab=contacts"), "/cases/X1?tab=contacts");
  EXPECT_EQ(SafeNext("/a\nb"), "/");
}

TEST_F(PagesTest, FormsNeedTheSessionsCsrfToken) {
  TestClient client(port());
  const std::string csrf = SignIn(client);
  ASSERT_FALSE(csrf.empty());
  ClientResponse forged = client.PostForm("/sign-out", {});
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(forged.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_NE(forged.body.find("You cannot see this page"), std::string::npos);
  ClientResponse wrong = client.PostForm("/sign-out", {{"csrf_token", std::string(64, 'a')}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(client.Request("GET", "/account/password").status, 200);  // still signed in
  ClientResponse out = client.PostForm("/sign-out", {{"csrf_token", csrf}});
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(out.headers["location"], "/sign-in?signed_out=1");
  EXPECT_TRUE(client.cookie().empty());
  ClientResponse gone = client.Request("GET", "/sign-in?signed_out=1");
  EXPECT_NE(gone.body.find("You have signed out"), std::string::npos);
}

TEST_F(PagesTest, ChangePasswordChecksEachFieldThenEndsTheSession) {
  TestClient client(port());
  const std::string csrf = SignIn(client);
  const std::string old_cookie = client.cookie();
  ClientResponse mismatch =
      client.PostForm("/account/password", {{"csrf_token", csrf},
                                            {"current_password", kPassword},
                                            {"new_password", "green meadow kettle 77"},
                                            {"confirm_password", "green meadow kettle 78"}});
  EXPECT_EQ(mismatch.status, 400);
  EXPECT_NE(mismatch.body.find("The passwords do not match"), std::string::npos);
  EXPECT_NE(mismatch.body.find("href=\"#confirm_password\""), std::string::npos);
  EXPECT_EQ(mismatch.body.find("green meadow kettle"), std::string::npos);  // never echoed
  ClientResponse wrong =
      client.PostForm("/account/password", {{"csrf_token", csrf},
                                            {"current_password", "not it at all"},
                                            {"new_password", "green meadow kettle 77"},
                                            {"confirm_password", "green meadow kettle 77"}});
  EXPECT_EQ(wrong.status, 400);
  EXPECT_NE(wrong.body.find("The current password is not right"), std::string::npos);
  ClientResponse weak = client.PostForm("/account/password", {{"csrf_token", csrf},
                                                              {"current_password", kPassword},
                                                              {"new_password", "short"},
                                                              {"confirm_password", "short"}});
  EXPECT_EQ(weak.status, 400);
  EXPECT_NE(weak.body.find("The new password is not allowed"), std::string::npos);
  ClientResponse ok =
      client.PostForm("/account/password", {{"csrf_token", csrf},
                                            {"current_password", kPassword},
                                            {"new_password", "green meadow kettle 77"},
                                            {"confirm_password", "green meadow kettle 77"}});
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(ok.headers["location"], "/sign-in?signed_out=1");
  TestClient old(port());
  old.set_cookie(old_cookie);
  EXPECT_EQ(old.Request("GET", "/account/password").status, 303);  // that session is over
  TestClient again(port());
  EXPECT_EQ(
      again.PostForm("/sign-in", {{"username", "ann"}, {"password", "green meadow kettle 77"}})
          .status,
      303);
}

TEST_F(PagesTest, NotFoundAndNotAllowedAreDesignSystemPagesOutsideTheApi) {
  TestClient client(port());
  ClientResponse missing = client.Request("GET", "/no/such/page");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_NE(missing.body.find("Page not found"), std::string::npos);
  ClientResponse api = client.Request("GET", "/api/v1/no/such/thing");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.ErrorCode(), "no_route");
  SignIn(client);
  ClientResponse refused = client.Request("GET", "/test/admin-page");
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("You cannot see this page"), std::string::npos);
  EXPECT_NE(refused.body.find("Ann Analyst"), std::string::npos);  // still in the layout
  Result<std::unique_ptr<Database>> db = OpenStore(db_path_);
  ASSERT_TRUE(db.ok());
  AuditFilter filter;
  filter.username = "ann";
  Result<std::vector<AuditEntry>> entries = SearchAudit(db->get(), filter);
  ASSERT_TRUE(entries.ok());
  bool audited = false;
  for (const AuditEntry& e : *entries) {
    audited |= e.action == "GET /test/admin-page" && e.outcome == AuditOutcome::kRefused;
  }
  EXPECT_TRUE(audited);
  // A page form posted as something other than a form is refused in HTML too.
  ClientResponse json = client.RequestBody("POST", "/sign-out", "{}", "application/json");
  EXPECT_EQ(json.status, 415);
  EXPECT_EQ(json.headers["content-type"], "text/html; charset=utf-8");
}

}  // namespace
}  // namespace probation
