// The administrator's pages for users (/admin/users): the list (role, unit or staff record,
// disabled, locked, last sign-in), adding a user, and on each user's page: disable or enable,
// unlock, reset the password, change the role and unit. Every change goes through
// AccountService (server/accounts.h): the same rules and the same audit entries as the API and
// `probation users`. A password the service generates is shown once, in the response to the
// form (never in a URL); responses are never cached (Cache-Control: no-store).
#include <optional>
#include <string>
#include <vector>

#include "server/accounts.h"
#include "server/form_fields.h"
#include "server/page.h"
#include "server/routes.h"
#include "store/account_store.h"
#include "store/audit_log.h"

namespace probation {
namespace {

const RoleSet kAdmin = {Role::kAdministrator};

std::string FormValue(const RequestContext& ctx, const char* name) {
  const auto it = ctx.form.find(name);
  return it == ctx.form.end() ? std::string() : it->second;
}

std::string UserPath(std::string_view username) {
  return "/admin/users/" + PercentEncode(username);
}

AccountService Accounts(const ServiceContext& service, const RequestContext& ctx) {
  return AccountService(ctx.db, service.hasher, service.clock,
                        Actor{ctx.principal.user_id, ctx.principal.username, ctx.client_address});
}

std::vector<Choice> RoleChoices() {
  const auto choice = [](Role role, const char* hint) {
    return Choice{std::string(RoleName(role)), RoleTitle(role), hint};
  };
  return {choice(Role::kPractitioner, "Tied to a staff record: their own cases and figures"),
          choice(Role::kManager, "Tied to a team, LDU or trust: the cases and figures in it"),
          choice(Role::kPerformanceAnalyst, "Any unit in the trust; uploads extracts"),
          choice(Role::kBoardMember, "Tied to a unit: figures only, no names or case keys"),
          choice(Role::kAdministrator, "Users and the audit log; no case data")};
}

// "2026-12-07T16:30:00Z" -> "2026-12-07 16:30 UTC"; "" -> "Never".
std::string WhenText(const std::string& at) {
  if (at.size() < 16) return at.empty() ? "Never" : at;
  return at.substr(0, 10) + " " + at.substr(11, 5) + " UTC";
}

// An AccountService refusal the person at the form can put right (a username taken, a rule of
// the role's tie, the password policy), as the field it is about and the message beside it;
// nullopt for any other failure.
std::optional<std::pair<std::string, std::string>> FormErrorOf(const Status& status) {
  if (status.code() != StatusCode::kInvalidArgument &&
      status.code() != StatusCode::kAlreadyExists) {
    return std::nullopt;
  }
  std::string message = status.message();
  // The service's messages name the command line's options; the form has fields.
  for (const char* option : {" (--staff)", " (--unit)"}) {
    if (const size_t at = message.find(option); at != std::string::npos) {
      message.erase(at, std::string_view(option).size());
    }
  }
  if (!message.empty()) message[0] = static_cast<char>(std::toupper(message[0]));
  std::string field = "password";
  if (status.code() == StatusCode::kAlreadyExists || message.starts_with("A username")) {
    field = "username";
  } else if (message.starts_with("A display name")) {
    field = "display_name";
  } else if (message.find("staff record") != std::string::npos) {
    field = "staff_id";
  } else if (message.find("organisation unit") != std::string::npos) {
    field = "unit_code";
  }
  return std::make_pair(field, message);
}

// The fields shared by the add-a-user form and the change-role form.
void AddTieFields(PageData* data, const FormValues& form, const FormErrors& errors,
                  const UserRecord* current) {
  data->set("role_field", Choices({.name = "role",
                                   .legend = "Role",
                                   .choices = RoleChoices(),
                                   .value = current ? std::string(RoleName(current->role)) : ""},
                                  form, errors));
  data->set("unit_field",
            TextInput({.name = "unit_code",
                       .label = "Organisation unit code",
                       .hint = "A team, LDU or trust code; needed for a manager or board member",
                       .autocomplete = "off",
                       .width = "govuk-input--width-10",
                       .value = current ? current->unit_code : ""},
                      form, errors));
  data->set("staff_field", TextInput({.name = "staff_id",
                                      .label = "Staff record",
                                      .hint = "The staff ID of an offender manager; needed for one",
                                      .autocomplete = "off",
                                      .width = "govuk-input--width-10",
                                      .value = current ? current->staff_id : ""},
                                     form, errors));
}

PageData PasswordField(const FormValues& form, const FormErrors& errors, const char* label) {
  return TextInput({.name = "password",
                    .label = label,
                    .hint = "Leave this blank to have a password made for you and shown once. "
                            "At least 12 characters, not a common password and not containing "
                            "the username",
                    .type = "password",
                    .autocomplete = "new-password"},
                   form, errors);
}

// A password shown once, after adding a user or resetting their password.
Result<HttpResponse> PasswordShownPage(const RequestContext& ctx, const std::string& heading,
                                       const UserRecord& user, const std::string& password) {
  Page page{.title = heading, .template_name = "admin_password", .nav = "/admin/users"};
  page.data.set("heading", heading);
  page.data.set("username", user.username);
  page.data.set("display_name", user.display_name);
  page.data.set("user_href", UserPath(user.username));
  page.data.set("password", password);
  return RenderPage(ctx, std::move(page));
}

Result<HttpResponse> UsersPage(const RequestContext& ctx) {
  Page page{.title = "Users", .template_name = "admin_users", .nav = "/admin/users"};
  PROBATION_ASSIGN_OR_RETURN(const std::vector<UserRecord> users, ListUsers(ctx.db));
  PageData rows(PageData::type::list);
  for (const UserRecord& u : users) {
    PROBATION_ASSIGN_OR_RETURN(const std::string last, LastSignIn(ctx.db, u.username));
    PageData row;
    row.set("username", u.username);
    row.set("href", UserPath(u.username));
    row.set("display_name", u.display_name);
    row.set("role", RoleTitle(u.role));
    row.set("tie", u.staff_id.empty()
                       ? u.unit_code
                       : "Staff " + u.staff_id + (u.unit_code.empty() ? "" : ", " + u.unit_code));
    row.set("disabled",
            PageData(u.disabled ? PageData::type::bool_true : PageData::type::bool_false));
    row.set("locked",
            PageData(u.locked_at ? PageData::type::bool_true : PageData::type::bool_false));
    row.set("active", PageData(!u.disabled && !u.locked_at ? PageData::type::bool_true
                                                           : PageData::type::bool_false));
    row.set("last_sign_in", WhenText(last));
    rows.push_back(row);
  }
  page.data.set("users", rows);
  page.data.set("count", std::to_string(users.size()));
  return RenderPage(ctx, std::move(page));
}

Result<HttpResponse> NewUserPage(const RequestContext& ctx, const FormErrors& errors, int status) {
  Page page{.title = "Add a user",
            .template_name = "admin_new_user",
            .status = status,
            .nav = "/admin/users"};
  errors.AddTo(&page.data);
  page.data.set("username_field", TextInput({.name = "username",
                                             .label = "Username",
                                             .hint = "Lower-case letters, digits, '.', '_' and "
                                                     "'-', at most 64",
                                             .autocomplete = "off",
                                             .width = "govuk-input--width-20"},
                                            ctx.form, errors));
  page.data.set("display_name_field",
                TextInput({.name = "display_name", .label = "Full name", .autocomplete = "off"},
                          ctx.form, errors));
  AddTieFields(&page.data, ctx.form, errors, nullptr);
  page.data.set("password_field", PasswordField(ctx.form, errors, "Initial password"));
  return RenderPage(ctx, std::move(page));
}

Result<HttpResponse> AddUser(const ServiceContext& service, RequestContext& ctx) {
  NewUser user{.username = FormValue(ctx, "username"),
               .display_name = FormValue(ctx, "display_name"),
               .unit_code = FormValue(ctx, "unit_code"),
               .staff_id = FormValue(ctx, "staff_id")};
  FormErrors errors;
  if (user.username.empty()) errors.Add("username", "Enter a username");
  if (user.display_name.empty()) errors.Add("display_name", "Enter the user's full name");
  const std::optional<Role> role = ParseRole(FormValue(ctx, "role"));
  if (!role) errors.Add("role", "Select a role");
  if (!errors.empty()) return NewUserPage(ctx, errors, 400);
  user.role = *role;
  std::string password = FormValue(ctx, "password");
  const bool generated = password.empty();
  if (generated) password = GeneratePassword();
  Result<int64_t> id = Accounts(service, ctx).AddUser(user, password);
  if (!id.ok()) {
    const auto error = FormErrorOf(id.status());
    if (!error) return id.status();
    errors.Add(error->first, error->second);
    return NewUserPage(ctx, errors, 400);
  }
  if (!generated) return Redirect(UserPath(user.username) + "?done=added");
  PROBATION_ASSIGN_OR_RETURN(const UserRecord added, FindUserById(ctx.db, *id));
  return PasswordShownPage(ctx, "User added", added, password);
}

// What the banner on a user's page says after a change (?done=...).
std::string DoneText(const std::string& done) {
  if (done == "added") return "User added";
  if (done == "disabled") return "Account disabled: every session of theirs has ended";
  if (done == "enabled") return "Account enabled: they can sign in again";
  if (done == "unlocked") return "Account unlocked: their failed sign-ins are forgotten";
  if (done == "password") return "Password reset: every session of theirs has ended";
  if (done == "role") return "Role and unit changed: every session of theirs has ended";
  return {};
}

Result<HttpResponse> UserPage(const RequestContext& ctx, const std::string& username,
                              const FormErrors& errors, int status) {
  PROBATION_ASSIGN_OR_RETURN(const UserRecord user, FindUserByName(ctx.db, username));
  PROBATION_ASSIGN_OR_RETURN(const std::string last, LastSignIn(ctx.db, user.username));
  Page page{.title = user.display_name.empty() ? user.username : user.display_name,
            .template_name = "admin_user",
            .status = status,
            .nav = "/admin/users"};
  errors.AddTo(&page.data);
  const std::string done = DoneText(ctx.Query("done"));
  if (!done.empty() && errors.empty()) page.data.set("done", done);
  page.data.set("username", user.username);
  page.data.set("display_name", page.title);
  page.data.set("href", UserPath(user.username));
  page.data.set("role", RoleTitle(user.role));
  page.data.set("unit_code", user.unit_code.empty() ? "None" : user.unit_code);
  page.data.set("staff_id", user.staff_id.empty() ? "None" : user.staff_id);
  page.data.set("disabled",
                PageData(user.disabled ? PageData::type::bool_true : PageData::type::bool_false));
  page.data.set("locked",
                PageData(user.locked_at ? PageData::type::bool_true : PageData::type::bool_false));
  page.data.set("last_sign_in", WhenText(last));
  page.data.set("self", PageData(user.id == ctx.principal.user_id ? PageData::type::bool_true
                                                                  : PageData::type::bool_false));
  AddTieFields(&page.data, ctx.form, errors, &user);
  page.data.set("password_field", PasswordField(ctx.form, errors, "New password"));
  return RenderPage(ctx, std::move(page));
}

// Disable, enable or unlock: one button each on the user's page.
Result<HttpResponse> ChangeAccount(const ServiceContext& service, RequestContext& ctx,
                                   const std::string& what) {
  const std::string& username = ctx.Param("username");
  AccountService accounts = Accounts(service, ctx);
  std::string done;
  if (what == "disable") {
    PROBATION_RETURN_IF_ERROR(accounts.SetDisabled(username, true));
    done = "disabled";
  } else if (what == "enable") {
    PROBATION_RETURN_IF_ERROR(accounts.SetDisabled(username, false));
    done = "enabled";
  } else {
    PROBATION_RETURN_IF_ERROR(accounts.Unlock(username));
    done = "unlocked";
  }
  return Redirect(UserPath(username) + "?done=" + done);
}

Result<HttpResponse> ResetPassword(const ServiceContext& service, RequestContext& ctx) {
  const std::string& username = ctx.Param("username");
  PROBATION_ASSIGN_OR_RETURN(const UserRecord user, FindUserByName(ctx.db, username));
  std::string password = FormValue(ctx, "password");
  const bool generated = password.empty();
  if (generated) password = GeneratePassword();
  if (const Status set = Accounts(service, ctx).SetPassword(username, password); !set.ok()) {
    const auto error = FormErrorOf(set);
    if (!error) return set;
    FormErrors errors;
    errors.Add("password", "The password is not allowed: " + set.message());
    return UserPage(ctx, username, errors, 400);
  }
  if (!generated) return Redirect(UserPath(username) + "?done=password");
  return PasswordShownPage(ctx, "Password reset", user, password);
}

Result<HttpResponse> ChangeRole(const ServiceContext& service, RequestContext& ctx) {
  const std::string& username = ctx.Param("username");
  FormErrors errors;
  const std::optional<Role> role = ParseRole(FormValue(ctx, "role"));
  if (!role) {
    errors.Add("role", "Select a role");
    return UserPage(ctx, username, errors, 400);
  }
  const Status set =
      Accounts(service, ctx)
          .SetRole(username, *role, FormValue(ctx, "unit_code"), FormValue(ctx, "staff_id"));
  if (!set.ok()) {
    const auto error = FormErrorOf(set);
    if (!error) return set;
    errors.Add(error->first, error->second);
    return UserPage(ctx, username, errors, 400);
  }
  return Redirect(UserPath(username) + "?done=role");
}

Route AdminPage(std::string method, std::string pattern, Handler handler, std::string summary) {
  return Route{.method = std::move(method),
               .pattern = std::move(pattern),
               .handler = std::move(handler),
               .roles = kAdmin,
               .summary = std::move(summary),
               .response_type = "text/html",
               .page = true};
}

}  // namespace

void AddUserPages(const ServiceContext& service) {
  Router& r = *service.router;
  r.Add(AdminPage("GET", "/admin/users", UsersPage,
                  "Every user: role, unit, disabled, locked, last sign-in (page)"));
  r.Add(AdminPage(
      "GET", "/admin/new-user",
      [](RequestContext& ctx) { return NewUserPage(ctx, FormErrors(), 200); },
      "The add-a-user form (page)"));
  r.Add(AdminPage(
      "POST", "/admin/users", [service](RequestContext& ctx) { return AddUser(service, ctx); },
      "Add a user from the form; a password left blank is made and shown once (page)"));
  r.Add(AdminPage(
      "GET", "/admin/users/{username}",
      [](RequestContext& ctx) { return UserPage(ctx, ctx.Param("username"), FormErrors(), 200); },
      "A user's account, with its changes as forms (page)"));
  for (const char* what : {"disable", "enable", "unlock"}) {
    const std::string text = what;
    r.Add(AdminPage(
        "POST", "/admin/users/{username}/" + text,
        [service, text](RequestContext& ctx) { return ChangeAccount(service, ctx, text); },
        text == "disable"  ? "Disable a user from their page: ends every session of theirs"
        : text == "enable" ? "Enable a disabled user from their page"
                           : "Lift the lock failed sign-ins set, from the user's page"));
  }
  r.Add(AdminPage(
      "POST", "/admin/users/{username}/password",
      [service](RequestContext& ctx) { return ResetPassword(service, ctx); },
      "Reset a user's password from their page (typed, or made and shown once); ends every "
      "session of theirs"));
  r.Add(AdminPage(
      "POST", "/admin/users/{username}/role",
      [service](RequestContext& ctx) { return ChangeRole(service, ctx); },
      "Change a user's role, unit and staff record from their page; ends every session of "
      "theirs"));
}

}  // namespace probation
