#include "server/router.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>

#include "base/crypto.h"

namespace probation {
namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 1;  // past the leading '/'
  while (start <= path.size()) {
    const size_t slash = path.find('/', start);
    const size_t end = slash == std::string_view::npos ? path.size() : slash;
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Whether `path` matches `pattern`, filling `params` from its {name} segments. A last segment
// {name*} matches one or more segments: its value is them decoded and joined by '/' (none may
// be empty or decode to one holding '/').
bool MatchPattern(std::string_view pattern, std::string_view path,
                  std::map<std::string, std::string>* params) {
  const std::vector<std::string_view> want = SplitPath(pattern);
  const std::vector<std::string_view> got = SplitPath(path);
  const bool rest = !want.empty() && want.back().size() > 3 && want.back().front() == '{' &&
                    want.back().substr(want.back().size() - 2) == "*}";
  if (rest ? got.size() < want.size() : want.size() != got.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < want.size(); ++i) {
    const std::string_view w = want[i];
    if (rest && i + 1 == want.size()) {
      std::string value;
      for (size_t j = i; j < got.size(); ++j) {
        std::optional<std::string> segment = PercentDecode(got[j], false);
        if (got[j].empty() || !segment || segment->find('\0') != std::string::npos ||
            segment->find('/') != std::string::npos) {
          return false;
        }
        value += (j == i ? "" : "/") + *segment;
      }
      found[std::string(w.substr(1, w.size() - 2))] = std::move(value);
    } else if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
      if (got[i].empty()) return false;
      std::optional<std::string> value = PercentDecode(got[i], false);
      if (!value || value->find('\0') != std::string::npos) return false;
      found[std::string(w.substr(1, w.size() - 2))] = std::move(*value);
    } else if (w != got[i]) {
      return false;
    }
  }
  *params = std::move(found);
  return true;
}

}  // namespace

std::optional<std::map<std::string, std::string>> ParseFormFields(std::string_view text) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t amp = text.find('&', start);
    if (amp == std::string_view::npos) amp = text.size();
    const std::string_view pair = text.substr(start, amp - start);
    start = amp + 1;
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    std::optional<std::string> name = PercentDecode(pair.substr(0, eq), true);
    std::optional<std::string> value = PercentDecode(
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!name || !value) return std::nullopt;
    out[std::move(*name)] = std::move(*value);
  }
  return out;
}

namespace {

// The depth of the deepest nesting of arrays and objects in `text`, outside strings.
size_t JsonDepth(std::string_view text) {
  size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

std::string CookieValue(const std::string& header, std::string_view name) {
  size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    const std::string_view item = std::string_view(header).substr(pos, end - pos);
    const size_t eq = item.find('=');
    if (eq != std::string_view::npos && item.substr(0, eq) == name) {
      return std::string(item.substr(eq + 1));
    }
    pos = end + 1;
  }
  return {};
}

bool ChangesState(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// %XX for every byte but the unreserved ones and '/', for a path put in a query value.
std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// Whether an error for `target` (matched to `route`, or to none) is shown as an HTML page.
bool WantsPage(const Route* route, std::string_view target) {
  if (route != nullptr) return route->page;
  return !target.starts_with("/api/");
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const auto hex = [](char h) -> int {
        if (h >= '0' && h <= '9') return h - '0';
        if (h >= 'a' && h <= 'f') return h - 'a' + 10;
        if (h >= 'A' && h <= 'F') return h - 'A' + 10;
        return -1;
      };
      const int hi = hex(text[i + 1]), lo = hex(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

HttpResponse JsonResponse(const nlohmann::json& body, int status) {
  HttpResponse response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

std::string RequestContext::Query(const std::string& name) const {
  const auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

Status RequestContext::Audit(std::string action, AuditRecord record, AuditOutcome outcome) {
  AuditEntry entry;
  entry.user_id = principal.user_id;
  entry.username = principal.username;
  entry.address = client_address;
  entry.action = std::move(action);
  entry.record_type = std::move(record.record_type);
  entry.record_key = std::move(record.record_key);
  entry.query = std::move(record.query);
  entry.unit = std::move(record.unit);
  entry.outcome = outcome;
  entry.detail = std::move(record.detail);
  return AppendAudit(db, &entry, now);
}

Router::Router(DbPool* pool, Auth* auth, Metrics* metrics, RouterOptions options)
    : pool_(pool), auth_(auth), metrics_(metrics), options_(std::move(options)) {
  if (!options_.log) {
    options_.log = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  }
}

void Router::Add(Route route) { routes_.push_back(std::move(route)); }

std::string Router::SessionCookie(const std::string& token) const {
  std::string cookie =
      std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
  if (token.empty()) cookie += "; Max-Age=0";
  if (options_.secure_cookies) cookie += "; Secure";
  return cookie;
}

void Router::AuditRefusal(RequestContext& ctx, const Route& route, const std::string& detail) {
  AuditRecord record = ctx.audit;
  record.detail = detail;
  const Status s =
      ctx.Audit(route.method + " " + route.pattern, std::move(record), AuditOutcome::kRefused);
  if (!s.ok())
    std::fprintf(stderr, "probation serve: audit write failed: %s\n", s.message().c_str());
}

HttpResponse Router::Dispatch(const HttpRequest& request, RequestContext& ctx,
                              const Route** matched, Database* db) {
  const std::string_view target = request.target;
  const size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  if (path.empty() || path.front() != '/') {
    return ErrorResponse(400, "bad_request", "the request target must be a path");
  }
  const Route* route = nullptr;
  std::string allowed;
  for (const Route& r : routes_) {
    std::map<std::string, std::string> params;
    if (!MatchPattern(r.pattern, path, &params)) continue;
    if (r.method == request.method || (request.method == "HEAD" && r.method == "GET")) {
      route = &r;
      ctx.path_params = std::move(params);
      break;
    }
    allowed += (allowed.empty() ? "" : ", ") + r.method;
  }
  if (route == nullptr) {
    if (!allowed.empty()) {
      HttpResponse response =
          ErrorResponse(405, "method_not_allowed", "this path allows " + allowed);
      response.SetHeader("Allow", allowed);
      return response;
    }
    return ErrorResponse(404, "no_route", "there is no such resource");
  }
  *matched = route;
  if (question != std::string_view::npos) {
    std::optional<std::map<std::string, std::string>> query =
        ParseFormFields(target.substr(question + 1));
    if (!query) return ErrorResponse(400, "bad_request", "the query string is malformed");
    ctx.query = std::move(*query);
  }

  if (!route->public_route) {
    std::optional<Authenticated> who;
    const std::string authorization = request.Header("authorization");
    if (authorization.rfind("Bearer ", 0) == 0) {
      Result<std::optional<Authenticated>> bearer = auth_->FromBearer(db, authorization.substr(7));
      if (!bearer.ok()) return StatusResponse(bearer.status());
      who = std::move(*bearer);
    } else {
      const std::string token = CookieValue(request.Header("cookie"), kSessionCookie);
      if (!token.empty()) {
        Result<std::optional<Authenticated>> session = auth_->FromSession(db, token);
        if (!session.ok()) return StatusResponse(session.status());
        who = std::move(*session);
      }
    }
    if (!who) {
      if (route->audited) AuditRefusal(ctx, *route, "not signed in");
      if (route->page) {
        HttpResponse response;
        response.status = 303;
        response.content_type = "text/plain; charset=utf-8";
        response.SetHeader("Location", request.method == "GET"
                                           ? "/sign-in?next=" + PercentEncode(request.target)
                                           : std::string("/sign-in"));
        return response;
      }
      return ErrorResponse(401, "unauthenticated", "sign in first (POST /api/v1/session)");
    }
    ctx.principal = who->principal;
    ctx.signed_in = true;
    ctx.via_cookie = who->via_cookie;
    ctx.session_hash = who->session_hash;
    ctx.csrf_token = who->csrf_token;
    if (who->via_cookie) ctx.session_idle_seconds = auth_->options().idle_seconds;
    if (!route->roles.Has(ctx.principal.role)) {
      AuditRefusal(ctx, *route,
                   "role " + std::string(RoleName(ctx.principal.role)) + " may not call this");
      return ErrorResponse(403, "forbidden", "your role may not do this");
    }
    if (route->page && !request.body.empty()) {
      if (request.Header("content-type").rfind("application/x-www-form-urlencoded", 0) != 0) {
        return ErrorResponse(415, "unsupported_media_type", "the form could not be read");
      }
      std::optional<std::map<std::string, std::string>> form = ParseFormFields(request.body);
      if (!form) return ErrorResponse(400, "bad_request", "the form could not be read");
      ctx.form = std::move(*form);
    }
    std::string sent_csrf = request.Header("x-csrf-token");
    if (sent_csrf.empty() && route->page) sent_csrf = ctx.form["csrf_token"];
    if (who->via_cookie && ChangesState(request.method) &&
        !ConstantTimeEquals(sent_csrf, who->csrf_token)) {
      AuditRefusal(ctx, *route, "missing or wrong CSRF token");
      return ErrorResponse(403, "csrf",
                           "a request that changes anything must carry the session's CSRF "
                           "token in the X-CSRF-Token header");
    }
  }

  if (route->page && route->public_route && !request.body.empty()) {
    // A public form (sign-in): the same form rules, with no session and so no CSRF token.
    std::optional<std::map<std::string, std::string>> form =
        request.Header("content-type").rfind("application/x-www-form-urlencoded", 0) == 0
            ? ParseFormFields(request.body)
            : std::nullopt;
    if (!form) return ErrorResponse(400, "bad_request", "the form could not be read");
    ctx.form = std::move(*form);
  } else if (!route->page && !request.body.empty()) {
    const std::string type = request.Header("content-type");
    if (type.rfind("application/json", 0) != 0) {
      return ErrorResponse(415, "unsupported_media_type", "the body must be application/json");
    }
    if (JsonDepth(request.body) > kMaxJsonDepth) {
      return ErrorResponse(400, "malformed_json", "the JSON body is nested too deeply");
    }
    ctx.body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
    if (ctx.body.is_discarded()) {
      return ErrorResponse(400, "malformed_json", "the body is not valid JSON");
    }
  }

  Result<HttpResponse> result = HttpResponse{};
  try {
    result = route->handler(ctx);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "probation serve: %s %s failed: %s\n", route->method.c_str(),
                 route->pattern.c_str(), e.what());
    result = Internal("exception");
  }
  HttpResponse response;
  if (result.ok()) {
    response = std::move(*result);
  } else {
    if (result.status().code() == StatusCode::kInternal ||
        result.status().code() == StatusCode::kIoError) {
      std::fprintf(stderr, "probation serve: %s %s failed: %s\n", route->method.c_str(),
                   route->pattern.c_str(), result.status().message().c_str());
    }
    response = StatusResponse(result.status());
  }
  if (response.status == 403) {
    AuditRefusal(ctx, *route, result.ok() ? std::string("refused") : result.status().message());
  } else if (route->audited && response.status < 400) {
    const Status s =
        ctx.Audit(route->method + " " + route->pattern, ctx.audit, AuditOutcome::kAllowed);
    if (!s.ok()) {
      // A case read that cannot be audited is not answered.
      std::fprintf(stderr, "probation serve: audit write failed: %s\n", s.message().c_str());
      return StatusResponse(Internal("audit"));
    }
  }
  return response;
}

HttpResponse Router::Handle(const HttpRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  RequestContext ctx(request);
  ctx.client_address = request.client_address;
  if (options_.behind_proxy &&
      (request.client_address == "127.0.0.1" || request.client_address == "::1")) {
    const std::string forwarded = request.Header("x-forwarded-for");
    const size_t comma = forwarded.rfind(',');
    std::string last = comma == std::string::npos ? forwarded : forwarded.substr(comma + 1);
    while (!last.empty() && last.front() == ' ') last.erase(last.begin());
    if (!last.empty() && last.size() <= 45) ctx.client_address = last;
  }
  ctx.csp_nonce = RandomHex(16);
  ctx.now = auth_->clock().Now();
  const Route* route = nullptr;
  HttpResponse response;
  Result<DbPool::Lease> lease = pool_->Acquire();
  if (!lease.ok()) {
    std::fprintf(stderr, "probation serve: cannot open the store: %s\n",
                 lease.status().message().c_str());
    response = StatusResponse(Internal("store"));
  } else {
    ctx.db = lease->get();
    response = Dispatch(request, ctx, &route, lease->get());
  }
  if (options_.page_error && response.status >= 400 &&
      response.content_type == "application/json" && WantsPage(route, request.target)) {
    const nlohmann::json error =
        nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    std::string message;
    if (error.is_object() && error.contains("error") && error["error"].is_object() &&
        error["error"].contains("message") && error["error"]["message"].is_string()) {
      message = error["error"]["message"].get<std::string>();
    }
    if (response.status >= 500) message.clear();  // said nothing of the cause; the page neither
    HttpResponse page = options_.page_error(ctx, response.status, message);
    for (auto& [name, value] : response.headers) page.SetHeader(name, value);
    response = std::move(page);
  }
  AddSecurityHeaders(&response, ctx.csp_nonce);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::string pattern = route != nullptr ? route->pattern : "(none)";
  metrics_->CountRequest(pattern, response.status, seconds);
  nlohmann::json line{{"ts", FormatUtc(ctx.now)},
                      {"method", request.method.size() <= 10 ? request.method : "?"},
                      {"route", pattern},
                      {"status", response.status},
                      {"ms", std::round(seconds * 1e4) / 10},
                      {"user", ctx.principal.user_id},
                      {"bytes", response.body.size()}};
  options_.log(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return response;
}

}  // namespace probation
