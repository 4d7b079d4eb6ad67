// Auth: signing in, sessions and bearer tokens, with the rules of docs/access.md and the
// architecture's security model:
// - a session is a 256-bit random token (libsodium randombytes), stored only as its SHA-256,
//   with its own CSRF token; it ends after `idle_seconds` without a request (30 minutes) or
//   `absolute_seconds` after sign-in (12 hours), at sign-out, and when the user's password,
//   role or disabled flag changes (server/accounts.h);
// - failed sign-ins are limited per account (`max_user_failures` within the window locks the
//   account until an administrator unlocks it) and per address (`max_address_failures` within
//   the window refuses that address until the window has passed);
// - every sign-in, success or failure, is written to the audit log.
// "Now" comes from the injected Clock.
//
// Thread-safe: the connection is passed to each call (one per thread).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "server/password.h"
#include "server/principal.h"
#include "store/database.h"

namespace probation {

struct AuthOptions {
  int64_t idle_seconds = 30 * 60;
  int64_t absolute_seconds = 12 * 60 * 60;
  int64_t failure_window_seconds = 15 * 60;
  int max_user_failures = 5;
  int max_address_failures = 20;
};

struct SignedIn {
  std::string session_token;  // for the cookie; known only to the client from here on
  std::string csrf_token;     // to be sent back in X-CSRF-Token on state-changing requests
  Principal principal;
};

// Who a request comes from, once its session or bearer token is checked.
struct Authenticated {
  Principal principal;
  bool via_cookie = false;     // a session cookie (CSRF applies) rather than a bearer token
  std::string csrf_token;      // the session's, when via_cookie
  std::string session_hash;    // the session's stored hash, when via_cookie
};

class Auth {
 public:
  // REQUIRES: the pointers outlive the Auth.
  Auth(PasswordHasher* hasher, const Clock* clock, AuthOptions options = {})
      : hasher_(hasher), clock_(clock), options_(options) {}

  // Signs `username` in. PermissionDenied (one message for every cause: unknown user, wrong
  // password, disabled, locked) or, when the address has failed too often, FailedPrecondition.
  Result<SignedIn> SignIn(Database* db, std::string_view username, std::string_view password,
                          std::string_view address);
  // The session a cookie token names, when it exists, has not expired and its user is
  // enabled; nullopt otherwise (an expired session is removed). Marks the session as used.
  Result<std::optional<Authenticated>> FromSession(Database* db, std::string_view token);
  // The user a bearer token names, when the token exists, is not revoked or expired and its
  // user is enabled and not locked.
  Result<std::optional<Authenticated>> FromBearer(Database* db, std::string_view token);
  // Ends the session the token names (nothing when there is none).
  Status SignOut(Database* db, std::string_view token);
  // Live sessions now, for /metrics.
  Result<int64_t> LiveSessions(Database* db);

  const AuthOptions& options() const { return options_; }
  const Clock& clock() const { return *clock_; }
  PasswordHasher* hasher() const { return hasher_; }

 private:
  PasswordHasher* hasher_;
  const Clock* clock_;
  AuthOptions options_;
};

}  // namespace probation
