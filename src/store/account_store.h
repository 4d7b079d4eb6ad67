// The service's accounts in the store (migration 5): users, sessions, API tokens and sign-in
// attempts. Secrets arrive here already hashed (passwords as Argon2id strings, tokens as
// SHA-256 hex); this layer only reads and writes rows, with prepared statements. The rules
// (password policy, expiry, rate limits) live in server/accounts.h and server/auth.h.
//
// Functions only; each call uses the given connection (one per thread, store/database.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "server/principal.h"
#include "store/database.h"

namespace probation {

struct UserRecord {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kPractitioner;
  std::string unit_code;
  std::string staff_id;
  bool disabled = false;
  std::string password_hash;
  std::optional<int64_t> locked_at;  // set when failed sign-ins locked the account
  int64_t created_at = 0;

  Principal ToPrincipal() const;
};

// Inserts `user` (id ignored); AlreadyExists when the username is taken. Returns the new id.
Result<int64_t> InsertUser(Database* db, const UserRecord& user);
// NotFound when there is no such user.
Result<UserRecord> FindUserByName(Database* db, std::string_view username);
Result<UserRecord> FindUserById(Database* db, int64_t id);
Result<std::vector<UserRecord>> ListUsers(Database* db);  // by username
// Each returns NotFound when there is no such user.
Status UpdateUserDisabled(Database* db, int64_t user_id, bool disabled);
Status UpdateUserPassword(Database* db, int64_t user_id, std::string_view password_hash);
Status UpdateUserRole(Database* db, int64_t user_id, Role role, std::string_view unit_code,
                      std::string_view staff_id);
Status UpdateUserLock(Database* db, int64_t user_id, std::optional<int64_t> locked_at);

struct SessionRecord {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
};

Status InsertSession(Database* db, const SessionRecord& session);
Result<std::optional<SessionRecord>> FindSession(Database* db, std::string_view token_hash);
Status TouchSession(Database* db, std::string_view token_hash, int64_t now);
Status DeleteSession(Database* db, std::string_view token_hash);
Status DeleteUserSessions(Database* db, int64_t user_id);
// Sessions neither idle since before `idle_since` nor created before `created_since`.
Result<int64_t> CountLiveSessions(Database* db, int64_t idle_since, int64_t created_since);
// Removes sessions that have expired either way; returns how many.
Result<int64_t> DeleteExpiredSessions(Database* db, int64_t idle_since, int64_t created_since);

struct ApiTokenRecord {
  int64_t id = 0;
  std::string token_hash;
  int64_t user_id = 0;
  std::string label;
  int64_t created_at = 0;
  int64_t expires_at = 0;
  bool revoked = false;
};

Result<int64_t> InsertApiToken(Database* db, const ApiTokenRecord& token);
Result<std::optional<ApiTokenRecord>> FindApiToken(Database* db, std::string_view token_hash);
// user_id 0: every user's tokens.
Result<std::vector<ApiTokenRecord>> ListApiTokens(Database* db, int64_t user_id);
Status RevokeApiToken(Database* db, int64_t token_id);  // NotFound when there is none

// Sign-in attempts, for rate limits. A success or an unlock clears the name's failures.
Status InsertLoginAttempt(Database* db, std::string_view username, std::string_view address,
                          int64_t at, bool succeeded);
Result<int64_t> CountFailuresForUser(Database* db, std::string_view username, int64_t since);
Result<int64_t> CountFailuresFromAddress(Database* db, std::string_view address, int64_t since);
Status ClearFailuresForUser(Database* db, std::string_view username);
// Forgets attempts made before `before` (they no longer count towards any limit).
Status PruneLoginAttempts(Database* db, int64_t before);

}  // namespace probation
