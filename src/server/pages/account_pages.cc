// The pages every user has: sign in, sign out, change password, and "/" (each role's start
// page). Server-rendered forms in the design system's patterns; the same rules as the JSON API
// (server/session_routes.cc): one message for every sign-in refusal, the rate limit, the
// password policy, every session ended when the password changes.
#include "server/accounts.h"
#include "server/form_fields.h"
#include "server/page.h"
#include "server/routes.h"
#include "store/account_store.h"

namespace probation {
namespace {

// Where each role starts.
std::string StartPage(Role role) {
  switch (role) {
    case Role::kPractitioner:
      return "/caseload";
    case Role::kManager:
    case Role::kPerformanceAnalyst:
    case Role::kBoardMember:
      return "/scorecard";
    case Role::kAdministrator:
      return "/admin/users";
  }
  return "/account/password";
}

std::string FormValue(const RequestContext& ctx, const char* name) {
  const auto it = ctx.form.find(name);
  return it == ctx.form.end() ? std::string() : it->second;
}

Result<HttpResponse> SignInPage(const RequestContext& ctx, const FormErrors& errors, int status) {
  Page page{.title = "Sign in", .template_name = "sign_in", .status = status};
  errors.AddTo(&page.data);
  const std::string next = ctx.form.count("next") ? FormValue(ctx, "next") : ctx.Query("next");
  page.data.set("next", SafeNext(next));
  page.data.set("username_field",
                TextInput({.name = "username", .label = "Username", .autocomplete = "username"},
                          ctx.form, errors));
  page.data.set("password_field", TextInput({.name = "password",
                                             .label = "Password",
                                             .type = "password",
                                             .autocomplete = "current-password"},
                                            ctx.form, errors));
  if (ctx.Query("signed_out") == "1") page.data.set("signed_out", PageData::type::bool_true);
  if (ctx.Query("timed_out") == "1") page.data.set("timed_out", PageData::type::bool_true);
  return RenderPage(ctx, std::move(page));
}

Result<HttpResponse> SignIn(const ServiceContext& service, RequestContext& ctx) {
  const std::string username = FormValue(ctx, "username");
  const std::string password = FormValue(ctx, "password");
  FormErrors errors;
  if (username.empty() || username.size() > 64) errors.Add("username", "Enter your username");
  if (password.empty() || password.size() > kMaxPasswordLength) {
    errors.Add("password", "Enter your password");
  }
  if (!errors.empty()) return SignInPage(ctx, errors, 400);
  Result<SignedIn> signed_in = service.auth->SignIn(ctx.db, username, password, ctx.client_address);
  if (!signed_in.ok()) {
    service.metrics->CountFailedSignIn();
    if (signed_in.status().code() == StatusCode::kPermissionDenied) {
      errors.Add("username", "The username or password is not right, or the account is locked");
      return SignInPage(ctx, errors, 401);
    }
    if (signed_in.status().code() == StatusCode::kFailedPrecondition) {
      errors.Add("username", "Too many failed sign-ins from this address: wait 15 minutes");
      return SignInPage(ctx, errors, 429);
    }
    return signed_in.status();
  }
  std::string next = SafeNext(FormValue(ctx, "next"));
  if (next == "/") next = StartPage(signed_in->principal.role);
  HttpResponse response = Redirect(next);
  response.SetHeader("Set-Cookie", service.router->SessionCookie(signed_in->session_token));
  return response;
}

Result<HttpResponse> PasswordPage(const RequestContext& ctx, const FormErrors& errors, int status) {
  Page page{.title = "Change your password", .template_name = "change_password", .status = status};
  errors.AddTo(&page.data);
  page.data.set("current_field", TextInput({.name = "current_password",
                                            .label = "Current password",
                                            .type = "password",
                                            .autocomplete = "current-password"},
                                           ctx.form, errors));
  page.data.set("new_field", TextInput({.name = "new_password",
                                        .label = "New password",
                                        .hint = "At least 12 characters, not a common password "
                                                "and not containing your username",
                                        .type = "password",
                                        .autocomplete = "new-password"},
                                       ctx.form, errors));
  page.data.set("confirm_field", TextInput({.name = "confirm_password",
                                            .label = "Confirm new password",
                                            .type = "password",
                                            .autocomplete = "new-password"},
                                           ctx.form, errors));
  return RenderPage(ctx, std::move(page));
}

Result<HttpResponse> ChangePassword(const ServiceContext& service, RequestContext& ctx) {
  const std::string current = FormValue(ctx, "current_password");
  const std::string next = FormValue(ctx, "new_password");
  FormErrors errors;
  if (current.empty()) errors.Add("current_password", "Enter your current password");
  if (next.empty()) errors.Add("new_password", "Enter a new password");
  if (!errors.empty()) return PasswordPage(ctx, errors, 400);
  PROBATION_ASSIGN_OR_RETURN(const UserRecord user, FindUserById(ctx.db, ctx.principal.user_id));
  if (current.size() > kMaxPasswordLength || !service.hasher->Verify(user.password_hash, current)) {
    errors.Add("current_password", "The current password is not right");
    return PasswordPage(ctx, errors, 400);
  }
  if (const Status policy = CheckPasswordPolicy(next, user.username); !policy.ok()) {
    errors.Add("new_password", "The new password is not allowed: " + policy.message());
  } else if (FormValue(ctx, "confirm_password") != next) {
    errors.Add("confirm_password", "The passwords do not match");
  }
  if (!errors.empty()) return PasswordPage(ctx, errors, 400);
  AccountService accounts(ctx.db, service.hasher, service.clock,
                          Actor{ctx.principal.user_id, ctx.principal.username, ctx.client_address});
  PROBATION_RETURN_IF_ERROR(accounts.SetPassword(user.username, next));
  HttpResponse response = Redirect("/sign-in?signed_out=1");
  response.SetHeader("Set-Cookie", service.router->SessionCookie(""));
  return response;
}

}  // namespace

void AddAccountPages(const ServiceContext& service) {
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/",
      .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
        return Redirect(StartPage(ctx.principal.role));
      },
      .roles = RoleSet::All(),
      .summary = "Your start page (page)",
      .response_type = "text/html",
      .page = true,
  });
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/sign-in",
      .handler = [](RequestContext& ctx) { return SignInPage(ctx, FormErrors(), 200); },
      .public_route = true,
      .summary = "The sign-in form (page)",
      .response_type = "text/html",
      .page = true,
  });
  service.router->Add(Route{
      .method = "POST",
      .pattern = "/sign-in",
      .handler = [service](RequestContext& ctx) { return SignIn(service, ctx); },
      .public_route = true,
      .summary = "Sign in from the form: sets the session cookie and goes to the page asked for",
      .response_type = "text/html",
      .page = true,
  });
  service.router->Add(Route{
      .method = "POST",
      .pattern = "/sign-out",
      .handler = [service](RequestContext& ctx) -> Result<HttpResponse> {
        if (ctx.via_cookie) PROBATION_RETURN_IF_ERROR(DeleteSession(ctx.db, ctx.session_hash));
        HttpResponse response = Redirect("/sign-in?signed_out=1");
        response.SetHeader("Set-Cookie", service.router->SessionCookie(""));
        return response;
      },
      .roles = RoleSet::All(),
      .summary = "Sign out from the header's button (page)",
      .response_type = "text/html",
      .page = true,
  });
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/account/password",
      .handler = [](RequestContext& ctx) { return PasswordPage(ctx, FormErrors(), 200); },
      .roles = RoleSet::All(),
      .summary = "The change-password form (page)",
      .response_type = "text/html",
      .page = true,
  });
  service.router->Add(Route{
      .method = "POST",
      .pattern = "/account/password",
      .handler = [service](RequestContext& ctx) { return ChangePassword(service, ctx); },
      .roles = RoleSet::All(),
      .summary = "Change your password from the form: signs you out everywhere (page)",
      .response_type = "text/html",
      .page = true,
  });
}

}  // namespace probation
