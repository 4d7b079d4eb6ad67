#include "server/accounts.h"

#include "base/crypto.h"

namespace probation {

Status CheckUsername(std::string_view username) {
  if (username.empty() || username.size() > 64) {
    return InvalidArgument("a username must be 1 to 64 characters");
  }
  for (char c : username) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                    c == '-';
    if (!ok) {
      return InvalidArgument("a username may hold only lower-case letters, digits, '.', '_' "
                             "and '-'");
    }
  }
  return Status::Ok();
}

Status AccountService::CheckTie(const NewUser& user) {
  const auto exists = [&](std::string_view sql, std::string_view key) -> Result<bool> {
    PROBATION_ASSIGN_OR_RETURN(Statement stmt, db_->Prepare(sql));
    stmt.BindText(1, key);
    return stmt.Step();
  };
  if (user.role == Role::kPractitioner && user.staff_id.empty()) {
    return InvalidArgument("a practitioner must be tied to a staff record (--staff)");
  }
  if ((user.role == Role::kManager || user.role == Role::kBoardMember) &&
      user.unit_code.empty()) {
    return InvalidArgument("a " + std::string(RoleName(user.role)) +
                           " must be tied to an organisation unit (--unit)");
  }
  if (!user.unit_code.empty()) {
    PROBATION_ASSIGN_OR_RETURN(const bool found,
                               exists("SELECT 1 FROM org_units WHERE code = ?", user.unit_code));
    if (!found) return InvalidArgument("there is no organisation unit " + user.unit_code);
  }
  if (!user.staff_id.empty()) {
    PROBATION_ASSIGN_OR_RETURN(const bool found,
                               exists("SELECT 1 FROM staff WHERE staff_id = ?", user.staff_id));
    if (!found) return InvalidArgument("there is no staff record " + user.staff_id);
  }
  return Status::Ok();
}

Status AccountService::Audit(std::string action, std::string_view username, std::string detail) {
  AuditEntry entry;
  entry.user_id = actor_.user_id;
  entry.username = actor_.username;
  entry.address = actor_.address;
  entry.action = std::move(action);
  entry.record_type = "users";
  entry.record_key = std::string(username);
  entry.detail = std::move(detail);
  return AppendAudit(db_, &entry, clock_->Now());
}

Result<int64_t> AccountService::AddUser(const NewUser& user, std::string_view password) {
  PROBATION_RETURN_IF_ERROR(CheckUsername(user.username));
  if (user.display_name.empty() || user.display_name.size() > 200) {
    return InvalidArgument("a display name must be 1 to 200 characters");
  }
  PROBATION_RETURN_IF_ERROR(CheckTie(user));
  PROBATION_RETURN_IF_ERROR(CheckPasswordPolicy(password, user.username));
  PROBATION_ASSIGN_OR_RETURN(std::string hash, hasher_->Hash(password));
  UserRecord record;
  record.username = user.username;
  record.display_name = user.display_name;
  record.role = user.role;
  record.unit_code = user.unit_code;
  record.staff_id = user.staff_id;
  record.password_hash = std::move(hash);
  record.created_at = clock_->Now();
  PROBATION_ASSIGN_OR_RETURN(const int64_t id, InsertUser(db_, record));
  PROBATION_RETURN_IF_ERROR(Audit("users add", user.username,
                                  "role " + std::string(RoleName(user.role)) + ", unit " +
                                      user.unit_code + ", staff " + user.staff_id));
  return id;
}

Status AccountService::SetPassword(std::string_view username, std::string_view password) {
  PROBATION_ASSIGN_OR_RETURN(const UserRecord user, FindUserByName(db_, username));
  PROBATION_RETURN_IF_ERROR(CheckPasswordPolicy(password, username));
  PROBATION_ASSIGN_OR_RETURN(const std::string hash, hasher_->Hash(password));
  {
    PROBATION_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
    PROBATION_RETURN_IF_ERROR(UpdateUserPassword(db_, user.id, hash));
    PROBATION_RETURN_IF_ERROR(DeleteUserSessions(db_, user.id));
    PROBATION_RETURN_IF_ERROR(tx.Commit());
  }
  return Audit("users set-password", username, "every session ended");
}

Status AccountService::SetDisabled(std::string_view username, bool disabled) {
  PROBATION_ASSIGN_OR_RETURN(const UserRecord user, FindUserByName(db_, username));
  {
    PROBATION_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
    PROBATION_RETURN_IF_ERROR(UpdateUserDisabled(db_, user.id, disabled));
    if (disabled) PROBATION_RETURN_IF_ERROR(DeleteUserSessions(db_, user.id));
    PROBATION_RETURN_IF_ERROR(tx.Commit());
  }
  return Audit(disabled ? "users disable" : "users enable", username,
               disabled ? "every session ended" : "");
}

Status AccountService::SetRole(std::string_view username, Role role, std::string_view unit_code,
                               std::string_view staff_id) {
  PROBATION_ASSIGN_OR_RETURN(const UserRecord user, FindUserByName(db_, username));
  NewUser tie{user.username, user.display_name, role, std::string(unit_code),
              std::string(staff_id)};
  PROBATION_RETURN_IF_ERROR(CheckTie(tie));
  {
    // A session carries the role it was opened with only through the users row, which every
    // request reads again; ending the sessions makes the change plain to the user.
    PROBATION_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
    PROBATION_RETURN_IF_ERROR(UpdateUserRole(db_, user.id, role, unit_code, staff_id));
    PROBATION_RETURN_IF_ERROR(DeleteUserSessions(db_, user.id));
    PROBATION_RETURN_IF_ERROR(tx.Commit());
  }
  return Audit("users set-role", username,
               "role " + std::string(RoleName(role)) + ", unit " + std::string(unit_code) +
                   ", staff " + std::string(staff_id));
}

Status AccountService::Unlock(std::string_view username) {
  PROBATION_ASSIGN_OR_RETURN(const UserRecord user, FindUserByName(db_, username));
  PROBATION_RETURN_IF_ERROR(UpdateUserLock(db_, user.id, std::nullopt));
  PROBATION_RETURN_IF_ERROR(ClearFailuresForUser(db_, username));
  return Audit("users unlock", username, "");
}

Result<std::string> AccountService::CreateToken(std::string_view username,
                                                std::string_view label, int days,
                                                int64_t* token_id) {
  if (days < 1 || days > 366) return InvalidArgument("a token lasts 1 to 366 days");
  PROBATION_ASSIGN_OR_RETURN(const UserRecord user, FindUserByName(db_, username));
  const std::string token = "pbt_" + RandomHex(32);
  ApiTokenRecord record;
  record.token_hash = Sha256Hex(token);
  record.user_id = user.id;
  record.label = std::string(label);
  record.created_at = clock_->Now();
  record.expires_at = record.created_at + int64_t{days} * 86400;
  PROBATION_ASSIGN_OR_RETURN(const int64_t id, InsertApiToken(db_, record));
  if (token_id != nullptr) *token_id = id;
  PROBATION_RETURN_IF_ERROR(Audit("tokens create", username,
                                  "token " + std::to_string(id) + ", " + std::to_string(days) +
                                      " days"));
  return token;
}

Status AccountService::RevokeToken(int64_t token_id) {
  PROBATION_RETURN_IF_ERROR(RevokeApiToken(db_, token_id));
  return Audit("tokens revoke", "", "token " + std::to_string(token_id));
}

}  // namespace probation
