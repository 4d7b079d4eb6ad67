// AccountService: the operations on users and API tokens that both the command line
// (`probation users`, `probation tokens`) and the administrator's API use, with their rules:
// the password policy, the role's required tie (a practitioner to a staff record, a manager
// or board member to an organisation unit, which must exist in the store), and "a password
// change or a disable ends every session of the user". Each change is written to the audit
// log with the acting user's name.
//
// Thread-compatible: one AccountService per connection (its Database is not shared).
#pragma once

#include <cstdint>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "server/password.h"
#include "server/principal.h"
#include "store/account_store.h"
#include "store/audit_log.h"
#include "store/database.h"

namespace probation {

// Who is making an account change, for the audit log: a signed-in administrator, or the
// operating-system user at the command line ("cli").
struct Actor {
  int64_t user_id = 0;
  std::string username = "cli";
  std::string address = "local";
};

struct NewUser {
  std::string username;  // 1-64 of [a-z0-9._-]
  std::string display_name;
  Role role = Role::kPractitioner;
  std::string unit_code;
  std::string staff_id;
};

class AccountService {
 public:
  // REQUIRES: the pointers outlive the service.
  AccountService(Database* db, PasswordHasher* hasher, const Clock* clock, Actor actor)
      : db_(db), hasher_(hasher), clock_(clock), actor_(std::move(actor)) {}

  // Adds a user with `password` (checked against the policy). Returns the new id.
  Result<int64_t> AddUser(const NewUser& user, std::string_view password);
  // Replaces the password and ends every session of the user.
  Status SetPassword(std::string_view username, std::string_view password);
  // Disabling ends every session of the user; a disabled user cannot sign in or use a token.
  Status SetDisabled(std::string_view username, bool disabled);
  Status SetRole(std::string_view username, Role role, std::string_view unit_code,
                 std::string_view staff_id);
  // Lifts the lock that failed sign-ins set, and forgets those failures.
  Status Unlock(std::string_view username);

  // A new bearer token for `username`, valid for `days` days: returned once, stored hashed.
  Result<std::string> CreateToken(std::string_view username, std::string_view label, int days,
                                  int64_t* token_id);
  Status RevokeToken(int64_t token_id);

 private:
  Status CheckTie(const NewUser& user);
  Status Audit(std::string action, std::string_view username, std::string detail);

  Database* db_;
  PasswordHasher* hasher_;
  const Clock* clock_;
  Actor actor_;
};

// OK, or InvalidArgument naming what is wrong with `username`.
Status CheckUsername(std::string_view username);

}  // namespace probation
