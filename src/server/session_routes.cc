// Signing in and out, and the signed-in user's own account: POST and DELETE /api/v1/session,
// GET /api/v1/me, POST /api/v1/me/password.
#include "server/accounts.h"
#include "server/routes.h"
#include "store/account_store.h"

namespace probation {
namespace {

nlohmann::json UserJson(const Principal& p) {
  return {{"id", p.user_id},           {"username", p.username},   {"display_name", p.display_name},
          {"role", RoleName(p.role)}, {"unit_code", p.unit_code}, {"staff_id", p.staff_id}};
}

// The string member `name` of the body, or nullopt when absent or not a string.
std::optional<std::string> BodyString(const RequestContext& ctx, const char* name) {
  if (!ctx.body.is_object()) return std::nullopt;
  const auto it = ctx.body.find(name);
  if (it == ctx.body.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

Result<HttpResponse> SignIn(const ServiceContext& service, RequestContext& ctx) {
  const std::optional<std::string> username = BodyString(ctx, "username");
  const std::optional<std::string> password = BodyString(ctx, "password");
  if (!username || username->empty() || username->size() > 64) {
    return ErrorResponse(400, "invalid_argument", "username is required", "username");
  }
  if (!password || password->size() > kMaxPasswordLength) {
    return ErrorResponse(400, "invalid_argument", "password is required", "password");
  }
  Result<SignedIn> signed_in =
      service.auth->SignIn(ctx.db, *username, *password, ctx.client_address);
  if (!signed_in.ok()) {
    service.metrics->CountFailedSignIn();
    if (signed_in.status().code() == StatusCode::kPermissionDenied) {
      return ErrorResponse(401, "sign_in_refused", signed_in.status().message());
    }
    if (signed_in.status().code() == StatusCode::kFailedPrecondition) {
      HttpResponse response = ErrorResponse(429, "rate_limited", signed_in.status().message());
      response.SetHeader("Retry-After", std::to_string(service.auth->options().failure_window_seconds));
      return response;
    }
    return signed_in.status();
  }
  HttpResponse response = JsonResponse(
      {{"user", UserJson(signed_in->principal)}, {"csrf_token", signed_in->csrf_token}}, 201);
  response.SetHeader("Set-Cookie", service.router->SessionCookie(signed_in->session_token));
  return response;
}

Result<HttpResponse> SignOut(const ServiceContext& service, RequestContext& ctx) {
  if (ctx.via_cookie) PROBATION_RETURN_IF_ERROR(DeleteSession(ctx.db, ctx.session_hash));
  HttpResponse response = JsonResponse({{"signed_out", ctx.via_cookie}});
  response.SetHeader("Set-Cookie", service.router->SessionCookie(""));
  return response;
}

Result<HttpResponse> ChangePassword(const ServiceContext& service, RequestContext& ctx) {
  const std::optional<std::string> current = BodyString(ctx, "current_password");
  const std::optional<std::string> next = BodyString(ctx, "new_password");
  if (!current || current->size() > kMaxPasswordLength) {
    return ErrorResponse(400, "invalid_argument", "current_password is required",
                         "current_password");
  }
  if (!next) {
    return ErrorResponse(400, "invalid_argument", "new_password is required", "new_password");
  }
  PROBATION_ASSIGN_OR_RETURN(const UserRecord user, FindUserById(ctx.db, ctx.principal.user_id));
  if (!service.hasher->Verify(user.password_hash, *current)) {
    return ErrorResponse(403, "forbidden", "the current password is wrong", "current_password");
  }
  if (const Status policy = CheckPasswordPolicy(*next, user.username); !policy.ok()) {
    return ErrorResponse(400, "invalid_argument", policy.message(), "new_password");
  }
  AccountService accounts(ctx.db, service.hasher, service.clock,
                          Actor{ctx.principal.user_id, ctx.principal.username, ctx.client_address});
  PROBATION_RETURN_IF_ERROR(accounts.SetPassword(user.username, *next));
  HttpResponse response = JsonResponse({{"changed", true}, {"sessions_ended", true}});
  response.SetHeader("Set-Cookie", service.router->SessionCookie(""));
  return response;
}

}  // namespace

void AddSessionRoutes(const ServiceContext& service) {
  service.router->Add(Route{
      .method = "POST",
      .pattern = "/api/v1/session",
      .handler = [service](RequestContext& ctx) { return SignIn(service, ctx); },
      .public_route = true,
      .summary = "Sign in with {username, password}: sets the session cookie and returns the "
                 "CSRF token to send in X-CSRF-Token",
  });
  service.router->Add(Route{
      .method = "DELETE",
      .pattern = "/api/v1/session",
      .handler = [service](RequestContext& ctx) { return SignOut(service, ctx); },
      .roles = RoleSet::All(),
      .summary = "Sign out: ends this session",
  });
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/api/v1/me",
      .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
        return JsonResponse({{"user", UserJson(ctx.principal)}});
      },
      .roles = RoleSet::All(),
      .summary = "The signed-in user: name, role, unit and staff record",
  });
  service.router->Add(Route{
      .method = "POST",
      .pattern = "/api/v1/me/password",
      .handler = [service](RequestContext& ctx) { return ChangePassword(service, ctx); },
      .roles = RoleSet::All(),
      .summary = "Change your password with {current_password, new_password}: ends every "
                 "session of yours",
  });
}

}  // namespace probation
