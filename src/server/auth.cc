#include "server/auth.h"

#include "base/crypto.h"
#include "store/account_store.h"
#include "store/audit_log.h"

namespace probation {
namespace {

constexpr char kRefused[] =
    "sign-in refused: the username or password is wrong, or the account is disabled or locked "
    "(an administrator can unlock it)";

Status AuditSignIn(Database* db, const Clock& clock, int64_t user_id, std::string_view username,
                   std::string_view address, bool allowed, std::string detail) {
  AuditEntry entry;
  entry.user_id = user_id;
  entry.username = std::string(username.substr(0, 64));
  entry.address = std::string(address);
  entry.action = "sign-in";
  entry.outcome = allowed ? AuditOutcome::kAllowed : AuditOutcome::kRefused;
  entry.detail = std::move(detail);
  return AppendAudit(db, &entry, clock.Now());
}

}  // namespace

Result<SignedIn> Auth::SignIn(Database* db, std::string_view username, std::string_view password,
                              std::string_view address) {
  const int64_t now = clock_->Now();
  const int64_t window_start = now - options_.failure_window_seconds;
  // Housekeeping at each sign-in: expired sessions and attempts too old to count are removed.
  PROBATION_RETURN_IF_ERROR(PruneLoginAttempts(db, window_start));
  PROBATION_RETURN_IF_ERROR(
      DeleteExpiredSessions(db, now - options_.idle_seconds, now - options_.absolute_seconds)
          .status());
  PROBATION_ASSIGN_OR_RETURN(const int64_t address_failures,
                             CountFailuresFromAddress(db, address, window_start));
  if (address_failures >= options_.max_address_failures) {
    PROBATION_RETURN_IF_ERROR(
        AuditSignIn(db, *clock_, 0, username, address, false, "address rate-limited"));
    return FailedPrecondition("too many failed sign-ins from this address: try again later");
  }
  Result<UserRecord> user = FindUserByName(db, username);
  if (!user.ok() && user.status().code() != StatusCode::kNotFound) return user.status();
  const auto fail = [&](int64_t user_id, std::string detail) -> Status {
    PROBATION_RETURN_IF_ERROR(InsertLoginAttempt(db, username.substr(0, 64), address, now, false));
    PROBATION_RETURN_IF_ERROR(
        AuditSignIn(db, *clock_, user_id, username, address, false, std::move(detail)));
    return PermissionDenied(kRefused);
  };
  if (!user.ok()) {
    hasher_->VerifyDummy(password);
    return fail(0, "unknown user");
  }
  const bool password_ok = hasher_->Verify(user->password_hash, password);
  if (user->disabled) return fail(user->id, "account disabled");
  if (user->locked_at) return fail(user->id, "account locked");
  if (!password_ok) {
    const Status refused = fail(user->id, "wrong password");
    PROBATION_ASSIGN_OR_RETURN(const int64_t failures,
                               CountFailuresForUser(db, username, window_start));
    if (failures >= options_.max_user_failures) {
      PROBATION_RETURN_IF_ERROR(UpdateUserLock(db, user->id, now));
      PROBATION_RETURN_IF_ERROR(AuditSignIn(
          db, *clock_, user->id, username, address, false,
          "account locked after " + std::to_string(failures) + " failed sign-ins"));
    }
    return refused;
  }
  SignedIn result;
  result.session_token = RandomHex(32);  // 256 bits
  result.csrf_token = RandomHex(32);
  result.principal = user->ToPrincipal();
  SessionRecord session;
  session.token_hash = Sha256Hex(result.session_token);
  session.user_id = user->id;
  session.csrf_token = result.csrf_token;
  session.created_at = now;
  session.last_seen_at = now;
  PROBATION_RETURN_IF_ERROR(InsertSession(db, session));
  PROBATION_RETURN_IF_ERROR(InsertLoginAttempt(db, username, address, now, true));
  PROBATION_RETURN_IF_ERROR(ClearFailuresForUser(db, username));
  PROBATION_RETURN_IF_ERROR(AuditSignIn(db, *clock_, user->id, username, address, true, ""));
  return result;
}

Result<std::optional<Authenticated>> Auth::FromSession(Database* db, std::string_view token) {
  if (token.size() != 64) return std::optional<Authenticated>();
  const std::string hash = Sha256Hex(token);
  PROBATION_ASSIGN_OR_RETURN(const std::optional<SessionRecord> session, FindSession(db, hash));
  if (!session) return std::optional<Authenticated>();
  const int64_t now = clock_->Now();
  if (now - session->last_seen_at > options_.idle_seconds ||
      now - session->created_at > options_.absolute_seconds) {
    PROBATION_RETURN_IF_ERROR(DeleteSession(db, hash));
    return std::optional<Authenticated>();
  }
  Result<UserRecord> user = FindUserById(db, session->user_id);
  if (!user.ok() || user->disabled) return std::optional<Authenticated>();
  if (now != session->last_seen_at) PROBATION_RETURN_IF_ERROR(TouchSession(db, hash, now));
  Authenticated out;
  out.principal = user->ToPrincipal();
  out.via_cookie = true;
  out.csrf_token = session->csrf_token;
  out.session_hash = hash;
  return std::optional<Authenticated>(std::move(out));
}

Result<std::optional<Authenticated>> Auth::FromBearer(Database* db, std::string_view token) {
  if (token.size() > 200) return std::optional<Authenticated>();
  PROBATION_ASSIGN_OR_RETURN(const std::optional<ApiTokenRecord> record,
                             FindApiToken(db, Sha256Hex(token)));
  if (!record || record->revoked || clock_->Now() >= record->expires_at) {
    return std::optional<Authenticated>();
  }
  Result<UserRecord> user = FindUserById(db, record->user_id);
  if (!user.ok() || user->disabled || user->locked_at) return std::optional<Authenticated>();
  Authenticated out;
  out.principal = user->ToPrincipal();
  return std::optional<Authenticated>(std::move(out));
}

Status Auth::SignOut(Database* db, std::string_view token) {
  return DeleteSession(db, Sha256Hex(token));
}

Result<int64_t> Auth::LiveSessions(Database* db) {
  const int64_t now = clock_->Now();
  return CountLiveSessions(db, now - options_.idle_seconds, now - options_.absolute_seconds);
}

}  // namespace probation
