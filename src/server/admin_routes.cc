// The administrator's endpoints: users (list, add, disable, enable, role, unlock) and the
// audit log (search, verify). Account changes go through AccountService, which applies the
// same rules as `probation users` and writes each change to the audit log.
#include "server/accounts.h"
#include "server/paging.h"
#include "server/routes.h"
#include "store/account_store.h"
#include "store/audit_log.h"

namespace probation {
namespace {

const RoleSet kAdmin = {Role::kAdministrator};

nlohmann::json UserRecordJson(const UserRecord& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", RoleName(u.role)},
          {"unit_code", u.unit_code},
          {"staff_id", u.staff_id},
          {"disabled", u.disabled},
          {"locked", u.locked_at.has_value()}};
}

std::string BodyText(const RequestContext& ctx, const char* name) {
  if (!ctx.body.is_object()) return {};
  const auto it = ctx.body.find(name);
  return it != ctx.body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

AccountService Accounts(const ServiceContext& service, RequestContext& ctx) {
  return AccountService(ctx.db, service.hasher, service.clock,
                        Actor{ctx.principal.user_id, ctx.principal.username, ctx.client_address});
}

Result<HttpResponse> AddUser(const ServiceContext& service, RequestContext& ctx) {
  NewUser user;
  user.username = BodyText(ctx, "username");
  user.display_name = BodyText(ctx, "display_name");
  const std::optional<Role> role = ParseRole(BodyText(ctx, "role"));
  if (!role) return ErrorResponse(400, "invalid_argument", "role is not a role", "role");
  user.role = *role;
  user.unit_code = BodyText(ctx, "unit_code");
  user.staff_id = BodyText(ctx, "staff_id");
  std::string password = BodyText(ctx, "password");
  const bool generated = password.empty();
  if (generated) password = GeneratePassword();
  Result<int64_t> id = Accounts(service, ctx).AddUser(user, password);
  if (!id.ok()) return id.status();
  nlohmann::json body{{"id", *id}, {"username", user.username}};
  if (generated) body["password"] = password;  // shown once
  return JsonResponse(body, 201);
}

Result<HttpResponse> ChangeUser(const ServiceContext& service, RequestContext& ctx,
                                const std::string& what) {
  const std::string& username = ctx.Param("username");
  AccountService accounts = Accounts(service, ctx);
  if (what == "disable") {
    PROBATION_RETURN_IF_ERROR(accounts.SetDisabled(username, true));
  } else if (what == "enable") {
    PROBATION_RETURN_IF_ERROR(accounts.SetDisabled(username, false));
  } else if (what == "unlock") {
    PROBATION_RETURN_IF_ERROR(accounts.Unlock(username));
  } else {
    const std::optional<Role> role = ParseRole(BodyText(ctx, "role"));
    if (!role) return ErrorResponse(400, "invalid_argument", "role is not a role", "role");
    PROBATION_RETURN_IF_ERROR(
        accounts.SetRole(username, *role, BodyText(ctx, "unit_code"), BodyText(ctx, "staff_id")));
  }
  PROBATION_ASSIGN_OR_RETURN(const UserRecord user, FindUserByName(ctx.db, username));
  return JsonResponse({{"user", UserRecordJson(user)}});
}

Result<HttpResponse> SearchAuditLog(RequestContext& ctx) {
  AuditFilter filter;
  filter.username = ctx.Query("user");
  filter.record_key = ctx.Query("crn");
  filter.from = ctx.Query("from");
  filter.to = ctx.Query("to");
  PageRequest page;
  if (std::optional<HttpResponse> bad = ReadPage(ctx, 100, 1000, &page)) return *bad;
  filter.limit = page.limit;
  filter.offset = page.offset;
  PROBATION_ASSIGN_OR_RETURN(const int64_t total, CountAudit(ctx.db, filter));
  PROBATION_ASSIGN_OR_RETURN(const std::vector<AuditEntry> entries, SearchAudit(ctx.db, filter));
  nlohmann::json list = nlohmann::json::array();
  for (const AuditEntry& e : entries) {
    list.push_back({{"seq", e.seq},
                    {"at", e.at},
                    {"user_id", e.user_id},
                    {"username", e.username},
                    {"address", e.address},
                    {"action", e.action},
                    {"record_type", e.record_type},
                    {"record_key", e.record_key},
                    {"query", e.query},
                    {"unit", e.unit},
                    {"outcome", AuditOutcomeName(e.outcome)},
                    {"detail", e.detail},
                    {"hash", e.hash}});
  }
  return JsonResponse(
      {{"entries", list}, {"limit", filter.limit}, {"offset", filter.offset}, {"total", total}});
}

Result<HttpResponse> VerifyAudit(RequestContext& ctx) {
  PROBATION_ASSIGN_OR_RETURN(const AuditVerification v, VerifyAuditChain(ctx.db));
  nlohmann::json body{{"entries", v.entries}, {"intact", v.intact}};
  if (v.intact) {
    body["last_hash"] = v.last_hash;
  } else {
    body["first_broken"] = v.first_broken;
    body["reason"] = v.reason;
  }
  return JsonResponse(body);
}

}  // namespace

void AddAdminRoutes(const ServiceContext& service) {
  Router& r = *service.router;
  r.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/admin/users",
      .handler = [](RequestContext& ctx) -> Result<HttpResponse> {
        PageRequest page;
        if (std::optional<HttpResponse> bad = ReadPage(ctx, 100, 1000, &page)) return *bad;
        PROBATION_ASSIGN_OR_RETURN(const std::vector<UserRecord> users, ListUsers(ctx.db));
        nlohmann::json list = nlohmann::json::array();
        for (const UserRecord& u : users) list.push_back(UserRecordJson(u));
        nlohmann::json out = nlohmann::json::object();
        PutPage(&out, "users", list, page);
        return JsonResponse(out);
      },
      .roles = kAdmin,
      .summary = "Every user: name, role, unit, staff record, disabled, locked",
      .query_params = PageParams(100, 1000),
  });
  r.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/admin/users",
      .handler = [service](RequestContext& ctx) { return AddUser(service, ctx); },
      .roles = kAdmin,
      .summary = "Add a user {username, display_name, role, unit_code, staff_id, password?}; "
                 "without a password one is generated and returned once",
  });
  for (const char* what : {"disable", "enable", "unlock"}) {
    r.Add(Route{
        .method = "POST",
        .pattern = std::string("/api/v1/admin/users/{username}/") + what,
        .handler = [service, what](RequestContext& ctx) { return ChangeUser(service, ctx, what); },
        .roles = kAdmin,
        .summary = std::string(what) == "disable"  ? "Disable a user: ends every session of theirs"
                   : std::string(what) == "enable" ? "Enable a disabled user"
                                                   : "Lift the lock failed sign-ins set",
    });
  }
  r.Add(Route{
      .method = "PUT",
      .pattern = "/api/v1/admin/users/{username}/role",
      .handler = [service](RequestContext& ctx) { return ChangeUser(service, ctx, "role"); },
      .roles = kAdmin,
      .summary = "Set a user's {role, unit_code, staff_id}: ends every session of theirs",
  });
  r.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/admin/audit",
      .handler = [](RequestContext& ctx) { return SearchAuditLog(ctx); },
      .roles = kAdmin,
      .summary = "Search the audit log, oldest first",
      .query_params = {{"user", "username", false},
                       {"crn", "record key, e.g. a CRN: who looked at this case", false},
                       {"from", "YYYY-MM-DD", false},
                       {"to", "YYYY-MM-DD", false},
                       PageParams(100, 1000)[0],
                       PageParams(100, 1000)[1]},
  });
  r.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/admin/audit/verify",
      .handler = [](RequestContext& ctx) { return VerifyAudit(ctx); },
      .roles = kAdmin,
      .summary = "Check the audit log's hash chain; names the first entry that breaks it",
  });
}

}  // namespace probation
