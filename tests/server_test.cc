// The server end to end over real sockets (127.0.0.1, port 0), with an injected clock:
// security headers on every response, sign-in and sign-out, idle and absolute session expiry,
// a password change or disable ending sessions, CSRF refusal, the per-account lock and the
// per-address rate limit, oversized and malformed requests (a clear 4xx and the server keeps
// serving), a slow client that holds no worker, graceful shutdown with a request in flight,
// /metrics, the request log, and the OpenAPI document against the route table.
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "base/crypto.h"
#include "http_client.h"
#include "server/accounts.h"
#include "server/service.h"
#include "store/audit_log.h"
#include "store/schema.h"

namespace probation {
namespace {

namespace fs = std::filesystem;
using testing::ClientResponse;
using testing::TestClient;

constexpr int64_t kStart = 1733572800;  // 2024-12-07T12:00:00Z
constexpr char kAnnPassword[] = "blue harbour lantern 42";
constexpr char kRootPassword[] = "seven quiet orchards";

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = fs::path(::testing::TempDir()) /
           ("server_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_path_ = (dir_ / "probation.db").string();
    StartService(false);
    Result<std::unique_ptr<Database>> db = OpenStore(db_path_);
    ASSERT_TRUE(db.ok());
    PasswordHasher hasher(1, PasswordHashCost::Minimum());
    AccountService accounts(db->get(), &hasher, &clock_, Actor{});
    ASSERT_TRUE(accounts.AddUser({"ann", "Ann Analyst", Role::kPerformanceAnalyst, "", ""},
                                 kAnnPassword)
                    .ok());
    ASSERT_TRUE(
        accounts.AddUser({"root", "Root Admin", Role::kAdministrator, "", ""}, kRootPassword).ok());
    Result<std::string> token = accounts.CreateToken("ann", "tests", 30, nullptr);
    ASSERT_TRUE(token.ok());
    ann_token_ = *token;
  }

  void TearDown() override {
    server_.reset();
    service_.reset();
    fs::remove_all(dir_);
  }

  void StartService(bool secure_cookies, bool behind_proxy = false) {
    ServiceOptions options;
    options.db_path = db_path_;
    options.secure_cookies = secure_cookies;
    options.behind_proxy = behind_proxy;
    options.hash_cost = PasswordHashCost::Minimum();
    options.log = [this](const std::string& line) {
      std::lock_guard<std::mutex> lock(log_mutex_);
      log_ += line + "\n";
    };
    Result<std::unique_ptr<Service>> service = Service::Create(options, &clock_, nullptr);
    ASSERT_TRUE(service.ok()) << service.status().ToString();
    service_ = std::move(*service);
    // A slow route, for the shutdown test.
    service_->router().Add(Route{
        .method = "GET",
        .pattern = "/test/slow",
        .handler = [](RequestContext&) -> Result<HttpResponse> {
          std::this_thread::sleep_for(std::chrono::milliseconds(800));
          return JsonResponse({{"finished", true}});
        },
        .public_route = true,
        .summary = "test only: answers after 0.8 s",
    });
    HttpServerOptions http;
    http.port = 0;
    http.threads = 2;
    http.read_timeout = std::chrono::milliseconds(1000);
    http.drain_timeout = std::chrono::milliseconds(10000);
    Result<std::unique_ptr<HttpServer>> server = HttpServer::Start(http, service_->Handler());
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
  }

  std::vector<AuditEntry> Audit(const std::string& user = "") {
    Result<std::unique_ptr<Database>> db = OpenStore(db_path_);
    EXPECT_TRUE(db.ok());
    AuditFilter filter;
    filter.username = user;
    Result<std::vector<AuditEntry>> entries = SearchAudit(db->get(), filter);
    EXPECT_TRUE(entries.ok());
    return entries.ok() ? *entries : std::vector<AuditEntry>{};
  }

  uint16_t port() const { return server_->port(); }

  FakeClock clock_{kStart};
  fs::path dir_;
  std::string db_path_;
  std::string ann_token_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<HttpServer> server_;
  std::mutex log_mutex_;
  std::string log_;
};

void ExpectSecurityHeaders(const ClientResponse& r) {
  const std::string csp = r.headers.count("content-security-policy")
                              ? r.headers.at("content-security-policy")
                              : std::string();
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << r.status;
  EXPECT_NE(csp.find("script-src 'self' 'nonce-"), std::string::npos) << r.status;
  EXPECT_NE(csp.find("style-src 'self' 'nonce-"), std::string::npos) << r.status;
  EXPECT_NE(csp.find("font-src 'self'"), std::string::npos) << r.status;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(r.headers.count("x-content-type-options") ? r.headers.at("x-content-type-options") : "",
            "nosniff");
  EXPECT_EQ(r.headers.count("referrer-policy") ? r.headers.at("referrer-policy") : "",
            "no-referrer");
}

TEST_F(ServerTest, SecurityHeadersOnEveryResponse) {
  TestClient client(port());
  ClientResponse health = client.Request("GET", "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.Json()["status"], "ok");
  ExpectSecurityHeaders(health);
  ClientResponse missing = client.Request("GET", "/api/v1/no/such/thing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.ErrorCode(), "no_route");
  ExpectSecurityHeaders(missing);
  ClientResponse unauthenticated = client.Request("GET", "/api/v1/me");
  EXPECT_EQ(unauthenticated.status, 401);
  ExpectSecurityHeaders(unauthenticated);
  const nlohmann::json error = unauthenticated.Json()["error"];
  EXPECT_TRUE(error.contains("code") && error.contains("message") && error.contains("field"));
  // A fresh nonce per response.
  EXPECT_NE(health.headers["content-security-policy"], missing.headers["content-security-policy"]);
  ClientResponse head = client.Request("HEAD", "/healthz");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(client.Request("GET", "/healthz").status, 200);  // the connection is still in step
  ClientResponse wrong_method = client.Request("PUT", "/healthz");
  EXPECT_EQ(wrong_method.status, 405);
  ExpectSecurityHeaders(wrong_method);
}

TEST_F(ServerTest, SignInMeAndSignOut) {
  TestClient client(port());
  ClientResponse refused = client.SignIn("ann", "not the password at all");
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.ErrorCode(), "sign_in_refused");
  ClientResponse unknown = client.SignIn("nobody", "not the password at all");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.Json()["error"]["message"], refused.Json()["error"]["message"]);
  ClientResponse in = client.SignIn("ann", kAnnPassword);
  ASSERT_EQ(in.status, 201);
  const std::string cookie = in.headers["set-cookie"];
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);
  EXPECT_EQ(in.Json()["csrf_token"].get<std::string>().size(), 64u);
  // The session token is 256 bits (64 hex digits) and is stored only hashed.
  const std::string token = client.cookie().substr(client.cookie().find('=') + 1);
  EXPECT_EQ(token.size(), 64u);
  {
    Result<std::unique_ptr<Database>> db = OpenStore(db_path_);
    ASSERT_TRUE(db.ok());
    Result<Statement> count = (*db)->Prepare("SELECT count(*) FROM sessions WHERE token_hash = ?");
    ASSERT_TRUE(count.ok());
    count->BindTextCopy(1, Sha256Hex(token));
    ASSERT_TRUE(*count->Step());
    EXPECT_EQ(count->ColumnInt(0), 1);
  }
  ClientResponse me = client.Request("GET", "/api/v1/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.Json()["user"]["username"], "ann");
  EXPECT_EQ(me.Json()["user"]["role"], "performance-analyst");
  ClientResponse out = client.Request("DELETE", "/api/v1/session");
  EXPECT_EQ(out.status, 200);
  EXPECT_NE(out.headers["set-cookie"].find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(client.Request("GET", "/api/v1/me").status, 401);  // the old cookie is dead
  // Every sign-in, success or failure, is audited.
  int refusals = 0, successes = 0;
  for (const AuditEntry& e : Audit()) {
    if (e.action != "sign-in") continue;
    (e.outcome == AuditOutcome::kRefused ? refusals : successes)++;
  }
  EXPECT_EQ(refusals, 2);
  EXPECT_EQ(successes, 1);
}

TEST_F(ServerTest, SecureCookiesWhenAsked) {
  server_.reset();
  service_.reset();
  StartService(true);
  TestClient client(port());
  ClientResponse in = client.SignIn("ann", kAnnPassword);
  ASSERT_EQ(in.status, 201);
  EXPECT_NE(in.headers["set-cookie"].find("; Secure"), std::string::npos);
}

TEST_F(ServerTest, ClientAddressFromTheProxyOnlyWhenBehindOne) {
  TestClient client(port());
  client.SignIn("ann", "wrong password one", {{"X-Forwarded-For", "203.0.113.9"}});
  server_.reset();
  service_.reset();
  StartService(false, true);
  TestClient proxied(port());
  proxied.SignIn("ann", "wrong password two", {{"X-Forwarded-For", "198.51.100.1, 203.0.113.9"}});
  std::vector<std::string> addresses;
  for (const AuditEntry& e : Audit("ann")) {
    if (e.action == "sign-in") addresses.push_back(e.address);
  }
  EXPECT_EQ(addresses, (std::vector<std::string>{"127.0.0.1", "203.0.113.9"}));
}

TEST_F(ServerTest, IdleExpiryAfterThirtyMinutes) {
  TestClient client(port());
  ASSERT_EQ(client.SignIn("ann", kAnnPassword).status, 201);
  clock_.Advance(29 * 60);
  EXPECT_EQ(client.Request("GET", "/api/v1/me").status, 200);
  clock_.Advance(29 * 60);  // 58 minutes after sign-in, 29 after the last request
  EXPECT_EQ(client.Request("GET", "/api/v1/me").status, 200);
  clock_.Advance(30 * 60 + 1);
  EXPECT_EQ(client.Request("GET", "/api/v1/me").status, 401);
  clock_.Advance(-(30 * 60 + 1));  // the expired session was removed: it does not come back
  EXPECT_EQ(client.Request("GET", "/api/v1/me").status, 401);
}

TEST_F(ServerTest, AbsoluteExpiryAfterTwelveHours) {
  TestClient client(port());
  ASSERT_EQ(client.SignIn("ann", kAnnPassword).status, 201);
  for (int i = 1; i <= 24; ++i) {  // a request every 29 minutes: never idle, 11 h 36 min
    clock_.Advance(29 * 60);
    ASSERT_EQ(client.Request("GET", "/api/v1/me").status, 200) << i;
  }
  clock_.Advance(25 * 60);  // 12 h 1 min after sign-in
  EXPECT_EQ(client.Request("GET", "/api/v1/me").status, 401);
}

TEST_F(ServerTest, PasswordChangeEndsEverySession) {
  TestClient a(port()), b(port());
  ASSERT_EQ(a.SignIn("ann", kAnnPassword).status, 201);
  ASSERT_EQ(b.SignIn("ann", kAnnPassword).status, 201);
  ClientResponse weak = a.Request(
      "POST", "/api/v1/me/password",
      nlohmann::json{{"current_password", kAnnPassword}, {"new_password", "password1234"}});
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(weak.Json()["error"]["field"], "new_password");
  EXPECT_EQ(b.Request("GET", "/api/v1/me").status, 200);  // nothing changed
  ClientResponse changed = a.Request(
      "POST", "/api/v1/me/password",
      nlohmann::json{{"current_password", kAnnPassword}, {"new_password", "a new long passphrase"}});
  ASSERT_EQ(changed.status, 200);
  EXPECT_EQ(a.Request("GET", "/api/v1/me").status, 401);
  EXPECT_EQ(b.Request("GET", "/api/v1/me").status, 401);
  TestClient c(port());
  EXPECT_EQ(c.SignIn("ann", kAnnPassword).status, 401);
  EXPECT_EQ(c.SignIn("ann", "a new long passphrase").status, 201);
}

TEST_F(ServerTest, DisableEndsSessionsAndTokens) {
  TestClient ann(port()), root(port()), bearer(port());
  ASSERT_EQ(ann.SignIn("ann", kAnnPassword).status, 201);
  ASSERT_EQ(root.SignIn("root", kRootPassword).status, 201);
  bearer.set_bearer(ann_token_);
  EXPECT_EQ(bearer.Request("GET", "/api/v1/me").status, 200);
  EXPECT_EQ(ann.Request("GET", "/api/v1/admin/users").status, 403);  // not an administrator
  ASSERT_EQ(root.Request("POST", "/api/v1/admin/users/ann/disable").status, 200);
  EXPECT_EQ(ann.Request("GET", "/api/v1/me").status, 401);
  EXPECT_EQ(bearer.Request("GET", "/api/v1/me").status, 401);
  TestClient again(port());
  EXPECT_EQ(again.SignIn("ann", kAnnPassword).status, 401);
  ASSERT_EQ(root.Request("POST", "/api/v1/admin/users/ann/enable").status, 200);
  EXPECT_EQ(again.SignIn("ann", kAnnPassword).status, 201);
}

TEST_F(ServerTest, BearerTokensExpireAndRevoke) {
  TestClient client(port());
  client.set_bearer(ann_token_);
  EXPECT_EQ(client.Request("GET", "/api/v1/me").status, 200);
  client.set_bearer("pbt_" + std::string(64, '0'));
  EXPECT_EQ(client.Request("GET", "/api/v1/me").status, 401);
  client.set_bearer(ann_token_);
  clock_.Advance(30 * 86400);
  EXPECT_EQ(client.Request("GET", "/api/v1/me").status, 401);  // expired after 30 days
}

TEST_F(ServerTest, CsrfTokenRequiredForCookieRequestsThatChangeState) {
  TestClient client(port());
  ASSERT_EQ(client.SignIn("ann", kAnnPassword).status, 201);
  client.set_send_csrf(false);
  ClientResponse missing = client.Request("DELETE", "/api/v1/session");
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(missing.ErrorCode(), "csrf");
  ClientResponse wrong =
      client.Request("DELETE", "/api/v1/session", std::nullopt, {{"X-CSRF-Token", std::string(64, 'a')}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(wrong.ErrorCode(), "csrf");
  EXPECT_EQ(client.Request("GET", "/api/v1/me").status, 200);  // reads need none; still signed in
  int audited = 0;
  for (const AuditEntry& e : Audit("ann")) {
    if (e.outcome == AuditOutcome::kRefused && e.detail.find("CSRF") != std::string::npos) ++audited;
  }
  EXPECT_EQ(audited, 2);
  client.set_send_csrf(true);
  EXPECT_EQ(client.Request("DELETE", "/api/v1/session").status, 200);
  // A bearer-token client has no cookie, so no CSRF token to send.
  TestClient api(port());
  api.set_bearer(ann_token_);
  EXPECT_EQ(api.Request("DELETE", "/api/v1/session").status, 200);
}

TEST_F(ServerTest, FailedSignInsLockTheAccountUntilUnlocked) {
  TestClient client(port());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(client.SignIn("ann", "wrong password " + std::to_string(i)).status, 401);
  EXPECT_EQ(client.SignIn("ann", kAnnPassword).status, 401);  // locked: the right password fails
  clock_.Advance(86400);
  EXPECT_EQ(client.SignIn("ann", kAnnPassword).status, 401);  // still locked a day later
  TestClient root(port());
  ASSERT_EQ(root.SignIn("root", kRootPassword).status, 201);
  const nlohmann::json users = root.Request("GET", "/api/v1/admin/users").Json();
  bool locked = false;
  for (const auto& u : users["users"]) {
    if (u["username"] == "ann") locked = u["locked"];
  }
  EXPECT_TRUE(locked);
  EXPECT_EQ(root.Request("POST", "/api/v1/admin/users/ann/unlock").status, 200);
  EXPECT_EQ(client.SignIn("ann", kAnnPassword).status, 201);
  bool lock_audited = false;
  for (const AuditEntry& e : Audit("ann")) {
    lock_audited |= e.detail.find("account locked after 5") != std::string::npos;
  }
  EXPECT_TRUE(lock_audited);
}

TEST_F(ServerTest, FailedSignInsFromOneAddressAreRateLimited) {
  TestClient client(port());
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(client.SignIn("guess" + std::to_string(i), "wrong password").status, 401);
  }
  ClientResponse limited = client.SignIn("ann", kAnnPassword);
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.ErrorCode(), "rate_limited");
  clock_.Advance(15 * 60 + 1);  // the window has passed
  EXPECT_EQ(client.SignIn("ann", kAnnPassword).status, 201);
}

TEST_F(ServerTest, OversizedAndMalformedRequestsGetAClear4xx) {
  {
    TestClient client(port());
    ClientResponse big = client.Request("POST", "/api/v1/session",
                                        nlohmann::json{{"username", std::string(2 << 20, 'x')}});
    EXPECT_EQ(big.status, 413);
    EXPECT_EQ(big.ErrorCode(), "payload_too_large");
    ExpectSecurityHeaders(big);
  }
  {
    TestClient client(port());
    ClientResponse headers =
        client.Request("GET", "/healthz", std::nullopt, {{"X-Padding", std::string(20000, 'p')}});
    EXPECT_EQ(headers.status, 431);
  }
  {
    TestClient client(port());
    ClientResponse garbage = client.Raw("THIS IS NOT HTTP\r\n\r\n");
    EXPECT_EQ(garbage.status, 400);
    ExpectSecurityHeaders(garbage);
  }
  TestClient client(port());
  ClientResponse bad_json = client.Request("POST", "/api/v1/session", std::nullopt,
                                           {{"Content-Type", "application/json"}});
  // An empty body is no JSON at all: the sign-in says which field is missing.
  EXPECT_EQ(bad_json.status, 400);
  ClientResponse truncated = client.Raw(
      "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 9\r\n\r\n{\"user\": ");
  EXPECT_EQ(truncated.status, 400);
  EXPECT_EQ(truncated.ErrorCode(), "malformed_json");
  const std::string deep = std::string(1000, '[') + std::string(1000, ']');
  ClientResponse nested = client.Raw(
      "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: " + std::to_string(deep.size()) + "\r\n\r\n" + deep);
  EXPECT_EQ(nested.status, 400);
  ClientResponse form = client.Raw(
      "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
      "Content-Length: 3\r\n\r\nabc");
  EXPECT_EQ(form.status, 415);
  ClientResponse bad_escape = client.Request("GET", "/api/v1/admin/users/%zz/role");
  EXPECT_EQ(bad_escape.status, 404);
  // The server keeps serving, on this connection and on new ones.
  EXPECT_EQ(client.Request("GET", "/healthz").status, 200);
  TestClient fresh(port());
  EXPECT_EQ(fresh.Request("GET", "/healthz").status, 200);
}

TEST_F(ServerTest, SlowClientHoldsNoWorker) {
  // One client trickles half a request and stops; the read deadline (1 s here) closes it.
  TestClient slow(port());
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket socket(ioc);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port()});
  boost::asio::write(socket, boost::asio::buffer(std::string("GET /healthz HTTP/1.1\r\nHo")));
  // Meanwhile others are served at once, on both workers.
  for (int i = 0; i < 4; ++i) {
    TestClient other(port());
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(other.Request("GET", "/healthz").status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(500));
  }
  char byte;
  boost::system::error_code ec;
  const auto start = std::chrono::steady_clock::now();
  socket.read_some(boost::asio::buffer(&byte, 1), ec);  // returns when the server closes it
  EXPECT_TRUE(ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST_F(ServerTest, GracefulShutdownFinishesTheRequestInFlight) {
  TestClient idle(port());
  ASSERT_EQ(idle.Request("GET", "/healthz").status, 200);  // a kept-alive, idle connection
  std::future<ClientResponse> in_flight = std::async(std::launch::async, [this] {
    TestClient client(port());
    return client.Request("GET", "/test/slow");
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const uint16_t old_port = port();
  const auto start = std::chrono::steady_clock::now();
  server_->Shutdown();
  server_->Wait();
  const ClientResponse slow = in_flight.get();
  EXPECT_EQ(slow.status, 200);
  EXPECT_EQ(slow.Json()["finished"], true);
  EXPECT_TRUE(slow.closed);  // and the connection is closed after it
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));  // idle one closed
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket socket(ioc);
  boost::system::error_code ec;
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), old_port}, ec);
  EXPECT_TRUE(ec);  // no longer listening
}

TEST_F(ServerTest, MetricsAndRequestLog) {
  TestClient client(port());
  client.Request("GET", "/healthz");
  client.SignIn("ann", "a wrong password here");
  ASSERT_EQ(client.SignIn("root", kRootPassword).status, 201);
  client.Request("GET", "/api/v1/admin/audit?crn=X123456&user=ann");
  const std::string metrics = client.Request("GET", "/metrics").body;
  EXPECT_NE(metrics.find("probation_http_requests_total{route=\"/healthz\",status=\"200\"} 1"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("probation_http_requests_total{route=\"/api/v1/session\",status=\"401\"} 1"),
            std::string::npos);
  EXPECT_NE(metrics.find("probation_http_request_seconds_bucket{route=\"/healthz\",le=\"+Inf\"} 1"),
            std::string::npos);
  EXPECT_NE(metrics.find("probation_failed_sign_ins_total 1"), std::string::npos);
  EXPECT_NE(metrics.find("probation_sessions 1"), std::string::npos);
  std::lock_guard<std::mutex> lock(log_mutex_);
  EXPECT_NE(log_.find("\"route\":\"/api/v1/admin/audit\""), std::string::npos) << log_;
  EXPECT_EQ(log_.find("X123456"), std::string::npos);  // no path, query or body in the log
  EXPECT_EQ(log_.find("ann"), std::string::npos);
  EXPECT_EQ(log_.find(kRootPassword), std::string::npos);
}

TEST_F(ServerTest, AuditEndpointsForAdministrators) {
  TestClient root(port());
  ASSERT_EQ(root.SignIn("root", kRootPassword).status, 201);
  ClientResponse verify = root.Request("GET", "/api/v1/admin/audit/verify");
  ASSERT_EQ(verify.status, 200);
  EXPECT_TRUE(verify.Json()["intact"].get<bool>());
  EXPECT_GE(verify.Json()["entries"].get<int>(), 4);  // users added, token created, sign-in
  ClientResponse search = root.Request("GET", "/api/v1/admin/audit?user=root&limit=5");
  ASSERT_EQ(search.status, 200);
  ASSERT_FALSE(search.Json()["entries"].empty());
  EXPECT_EQ(search.Json()["entries"][0]["action"], "sign-in");
  EXPECT_EQ(root.Request("GET", "/api/v1/admin/audit?limit=abc").status, 400);
  ClientResponse added = root.Request(
      "POST", "/api/v1/admin/users",
      nlohmann::json{{"username", "nina"}, {"display_name", "Nina"}, {"role", "administrator"}});
  ASSERT_EQ(added.status, 201);
  const std::string password = added.Json()["password"];
  TestClient nina(port());
  EXPECT_EQ(nina.SignIn("nina", password).status, 201);
  ClientResponse bad_role = root.Request(
      "POST", "/api/v1/admin/users",
      nlohmann::json{{"username", "olga"}, {"display_name", "Olga"}, {"role", "manager"}});
  EXPECT_EQ(bad_role.status, 400);  // a manager must be tied to a unit
}

TEST_F(ServerTest, OpenApiDocumentsEveryRouteAndNoOther) {
  TestClient client(port());
  ClientResponse doc = client.Request("GET", "/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  const nlohmann::json api = doc.Json();
  EXPECT_EQ(api["openapi"], "3.0.3");
  std::set<std::pair<std::string, std::string>> documented, routed;
  for (const auto& [path, ops] : api.at("paths").items()) {
    for (const auto& [method, op] : ops.items()) {
      documented.insert({path, method});
      EXPECT_FALSE(op["summary"].get<std::string>().empty()) << path;
    }
  }
  for (const Route& r : service_->router().routes()) {
    if (r.page) continue;
    std::string method = r.method;
    for (char& c : method) c = static_cast<char>(std::tolower(c));
    routed.insert({r.pattern, method});
  }
  EXPECT_EQ(documented, routed);
  // The case routes are among them.
  for (const auto& op : std::vector<std::pair<std::string, std::string>>{
           {"/api/v1/cases", "get"},
           {"/api/v1/cases/{crn}", "get"},
           {"/api/v1/caseload", "get"},
           {"/api/v1/due", "get"},
           {"/api/v1/cases/{crn}/sentences/{event_no}/contacts", "post"},
           {"/api/v1/cases/{crn}/sentences/{event_no}/contacts/{number}/outcome", "put"},
           {"/api/v1/cases/{crn}/sentences/{event_no}/breaches", "post"},
           {"/api/v1/cases/{crn}/sentences/{event_no}/assessments/{number}/dates", "put"},
           {"/api/v1/cases/{crn}/sentences/{event_no}/recalls", "post"}}) {
    EXPECT_EQ(documented.count(op), 1u) << op.first << " " << op.second;
  }
  // Every documented operation answers on the server (whatever it says, it is not "no route").
  for (const auto& [path, method] : documented) {
    if (path == "/test/slow") continue;
    std::string concrete = path;
    for (size_t open; (open = concrete.find('{')) != std::string::npos;) {
      concrete.replace(open, concrete.find('}') - open + 1, "x");
    }
    std::string upper = method;
    for (char& c : upper) c = static_cast<char>(std::toupper(c));
    ClientResponse r = client.Request(upper, concrete);
    EXPECT_NE(r.ErrorCode(), "no_route") << upper << " " << concrete;
    EXPECT_NE(r.status, 405) << upper << " " << concrete;
  }
}

}  // namespace
}  // namespace probation
