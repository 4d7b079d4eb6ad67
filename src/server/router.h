// Router: the service's one table of routes and the request pipeline every route goes
// through. A route is (method, path pattern, handler, roles allowed, audited?, summary); the
// pipeline around its handler:
//   1. matches the path ("/api/v1/cases/{crn}": {crn} is one decoded path segment) and
//      method (404 no_route / 405);
//   2. authenticates, unless the route is public: the session cookie or an
//      "Authorization: Bearer" token (401 when neither is valid);
//   3. refuses a role not in the route's set (403, audited);
//   4. requires the session's CSRF token in X-CSRF-Token on every request other than GET and
//      HEAD made with the cookie (403 csrf, audited; bearer-token clients are exempt);
//   5. parses a JSON body without exceptions (400 malformed_json, 415 when not JSON; nesting
//      deeper than 32 is refused);
//   6. runs the handler; a non-OK Status becomes the one error shape (server/http_types.h),
//      a PermissionDenied a 403 that is audited as refused;
//   7. writes one audit entry for an audited route (the handler fills ctx.audit with what it
//      read or wrote), allowed or refused;
//   8. adds the security headers, counts the request in /metrics by pattern and status, and
//      logs one JSON line (method, route pattern, status, milliseconds, user id: never a
//      path, query or body, which may hold case keys).
// A page route (Route::page, server/page.h) differs for people in a browser: without a session
// it redirects to /sign-in (303, with the path to come back to); a refusal or error is the
// design system's error page (RouterOptions::page_error) rather than JSON; its body is a form
// (application/x-www-form-urlencoded, parsed into ctx.form) and the CSRF token may come in the
// form's csrf_token field. A path outside /api/ that matches no route gets the not-found page.
//
// Add every route before the first Handle(); after that the router is thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/status.h"
#include "server/auth.h"
#include "server/db_pool.h"
#include "server/http_types.h"
#include "server/metrics.h"
#include "server/principal.h"
#include "store/audit_log.h"

namespace probation {

// A set of roles, as bits of 1 << Role.
class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) bits_ |= Bit(r);
  }
  static constexpr RoleSet All() {
    return {Role::kPractitioner, Role::kManager, Role::kPerformanceAnalyst, Role::kBoardMember,
            Role::kAdministrator};
  }
  constexpr bool Has(Role role) const { return (bits_ & Bit(role)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }

 private:
  static constexpr uint32_t Bit(Role r) { return 1u << static_cast<uint32_t>(r); }
  uint32_t bits_ = 0;
};

// What an audited route read or wrote, filled by its handler.
struct AuditRecord {
  std::string record_type;  // "people", ...; empty for an aggregate
  std::string record_key;   // a CRN or other record key
  std::string query;        // for aggregates and lists: "framework=... period=... measure=..."
  std::string unit;         // for aggregates and lists: the unit asked about
  std::string detail;       // anything else worth keeping (what changed)
};

class RequestContext {
 public:
  const HttpRequest& request;
  // The signed-in user. For a public route: a default Principal (user_id 0).
  Principal principal;
  bool signed_in = false;
  bool via_cookie = false;
  std::string session_hash;                        // when via_cookie
  std::map<std::string, std::string> path_params;  // {crn} -> "X123456"
  std::map<std::string, std::string> query;        // decoded; a repeated name keeps the last
  nlohmann::json body;                             // null when the request had no body
  std::map<std::string, std::string> form;         // a page route's form fields, decoded
  std::string csrf_token;                          // the session's, when via_cookie (for forms)
  int64_t session_idle_seconds = 0;                // when via_cookie: the idle expiry
  std::string client_address;
  std::string csp_nonce;   // for any inline <script nonce> or <style nonce> in an HTML response
  Database* db = nullptr;  // this thread's connection, for the handler's own reads and writes
  int64_t now = 0;         // the injected clock's time when the request arrived
  AuditRecord audit;       // what the handler read or wrote, for an audited route

  // The path parameter `name`. REQUIRES: the pattern has {name}.
  const std::string& Param(const std::string& name) const { return path_params.at(name); }
  // The query parameter `name`, or "" when absent.
  std::string Query(const std::string& name) const;

  // The audit hook: appends an entry now, with who, when and from where filled in (for a
  // handler that reads or writes several records, or refuses part of a request).
  Status Audit(std::string action, AuditRecord record, AuditOutcome outcome);

 private:
  friend class Router;
  explicit RequestContext(const HttpRequest& r) : request(r) {}
};

using Handler = std::function<Result<HttpResponse>(RequestContext&)>;

struct QueryParamDoc {
  std::string name;
  std::string description;
  bool required = false;
};

struct Route {
  std::string method{};   // "GET", "POST", "PUT", "PATCH", "DELETE"
  std::string pattern{};  // "/api/v1/cases/{crn}"
  Handler handler{};
  RoleSet roles{};            // who may call it (signed in); ignored for a public route
  bool public_route = false;  // anyone, no session (sign-in, /healthz, /metrics, openapi.json)
  bool audited = false;       // reads or writes case data or aggregates: audited on every call
  std::string summary{};      // one line, for the OpenAPI document
  std::vector<QueryParamDoc> query_params{};  // for the OpenAPI document
  std::string response_type = "application/json";
  bool page = false;  // an HTML page for a browser (see the top of this file)
};

struct RouterOptions {
  bool secure_cookies = false;  // add Secure to the session cookie (TLS in front)
  // Behind a reverse proxy on this machine: take the client's address from the last entry of
  // X-Forwarded-For when the connection comes from a loopback address.
  bool behind_proxy = false;
  // Where the one-line-per-request log goes; default: standard error.
  std::function<void(const std::string&)> log;
  // The HTML error page for a page route's refusal or error, and for a path outside /api/
  // that matches no route (server/page.h ErrorPage); unset: JSON errors everywhere.
  std::function<HttpResponse(const RequestContext&, int status, std::string_view message)>
      page_error;
};

class Router {
 public:
  // REQUIRES: the pointers outlive the router.
  Router(DbPool* pool, Auth* auth, Metrics* metrics, RouterOptions options);

  // REQUIRES: no route with the same method and pattern; called before the first Handle().
  void Add(Route route);
  const std::vector<Route>& routes() const { return routes_; }

  HttpResponse Handle(const HttpRequest& request);

  Auth& auth() { return *auth_; }
  Metrics& metrics() { return *metrics_; }
  DbPool& pool() { return *pool_; }
  const RouterOptions& options() const { return options_; }

  // The Set-Cookie value that sets (or, with an empty token, clears) the session cookie.
  std::string SessionCookie(const std::string& token) const;

  static constexpr char kSessionCookie[] = "probation_session";
  static constexpr size_t kMaxJsonDepth = 32;

 private:
  HttpResponse Dispatch(const HttpRequest& request, RequestContext& ctx, const Route** matched,
                        Database* db);
  void AuditRefusal(RequestContext& ctx, const Route& route, const std::string& detail);

  DbPool* pool_;
  Auth* auth_;
  Metrics* metrics_;
  RouterOptions options_;
  std::vector<Route> routes_;
};

// The name=value pairs of a query string or form body, decoded ('+' is a space); a repeated
// name keeps the last value; nullopt for a malformed escape.
std::optional<std::map<std::string, std::string>> ParseFormFields(std::string_view text);

// A 200 JSON response with `body` (serialised with invalid UTF-8 replaced).
HttpResponse JsonResponse(const nlohmann::json& body, int status = 200);

// Decodes %XX and, when `plus_is_space`, '+'; nullopt for a malformed escape.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// %XX for every byte but the unreserved ones and '/': a path or value put in a query string.
std::string PercentEncode(std::string_view text);

}  // namespace probation
