#include "store/account_store.h"

namespace probation {
namespace {

constexpr char kUserColumns[] =
    "id, username, display_name, role, unit_code, staff_id, disabled, password_hash, locked_at, "
    "created_at";

Result<UserRecord> ReadUser(const Statement& row) {
  UserRecord u;
  u.id = row.ColumnInt(0);
  u.username = std::string(row.ColumnText(1));
  u.display_name = std::string(row.ColumnText(2));
  const std::optional<Role> role = ParseRole(row.ColumnText(3));
  if (!role) return Internal("user " + u.username + " has an unknown role in the store");
  u.role = *role;
  u.unit_code = std::string(row.ColumnText(4));
  u.staff_id = std::string(row.ColumnText(5));
  u.disabled = row.ColumnInt(6) != 0;
  u.password_hash = std::string(row.ColumnText(7));
  if (!row.ColumnIsNull(8)) u.locked_at = row.ColumnInt(8);
  u.created_at = row.ColumnInt(9);
  return u;
}

// Runs `stmt` and returns NotFound(what) when it changed no row.
Status RunChangingOne(Database* db, Statement& stmt, const std::string& what) {
  PROBATION_RETURN_IF_ERROR(stmt.Run());
  if (db->Changes() == 0) return NotFound(what);
  return Status::Ok();
}

Result<int64_t> LastInsertId(Database* db) {
  PROBATION_ASSIGN_OR_RETURN(Statement id, db->Prepare("SELECT last_insert_rowid()"));
  PROBATION_ASSIGN_OR_RETURN(const bool has, id.Step());
  if (!has) return Internal("no row id after an insert");
  return id.ColumnInt(0);
}

Result<int64_t> CountOne(Statement& stmt) {
  PROBATION_ASSIGN_OR_RETURN(const bool has, stmt.Step());
  return has ? stmt.ColumnInt(0) : 0;
}

ApiTokenRecord ReadToken(const Statement& row) {
  ApiTokenRecord t;
  t.id = row.ColumnInt(0);
  t.token_hash = std::string(row.ColumnText(1));
  t.user_id = row.ColumnInt(2);
  t.label = std::string(row.ColumnText(3));
  t.created_at = row.ColumnInt(4);
  t.expires_at = row.ColumnInt(5);
  t.revoked = row.ColumnInt(6) != 0;
  return t;
}

}  // namespace

Principal UserRecord::ToPrincipal() const {
  Principal p;
  p.user_id = id;
  p.username = username;
  p.display_name = display_name;
  p.role = role;
  p.unit_code = unit_code;
  p.staff_id = staff_id;
  return p;
}

Result<int64_t> InsertUser(Database* db, const UserRecord& user) {
  PROBATION_ASSIGN_OR_RETURN(Statement exists,
                             db->Prepare("SELECT 1 FROM users WHERE username = ?"));
  exists.BindText(1, user.username);
  PROBATION_ASSIGN_OR_RETURN(const bool taken, exists.Step());
  if (taken) {
    return Status(StatusCode::kAlreadyExists, "there is already a user " + user.username);
  }
  PROBATION_ASSIGN_OR_RETURN(
      Statement insert,
      db->Prepare("INSERT INTO users (username, display_name, role, unit_code, staff_id, disabled, "
                  "password_hash, locked_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)"));
  insert.BindText(1, user.username);
  insert.BindText(2, user.display_name);
  insert.BindText(3, RoleName(user.role));
  insert.BindText(4, user.unit_code);
  insert.BindText(5, user.staff_id);
  insert.BindInt(6, user.disabled ? 1 : 0);
  insert.BindText(7, user.password_hash);
  insert.BindInt(8, user.created_at);
  PROBATION_RETURN_IF_ERROR(insert.Run());
  return LastInsertId(db);
}

Result<UserRecord> FindUserByName(Database* db, std::string_view username) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt,
      db->Prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE username = ?"));
  stmt.BindText(1, username);
  PROBATION_ASSIGN_OR_RETURN(const bool has, stmt.Step());
  if (!has) return NotFound("no user " + std::string(username));
  return ReadUser(stmt);
}

Result<UserRecord> FindUserById(Database* db, int64_t id) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt, db->Prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?"));
  stmt.BindInt(1, id);
  PROBATION_ASSIGN_OR_RETURN(const bool has, stmt.Step());
  if (!has) return NotFound("no user with id " + std::to_string(id));
  return ReadUser(stmt);
}

Result<std::vector<UserRecord>> ListUsers(Database* db) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt,
      db->Prepare(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY username"));
  std::vector<UserRecord> out;
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool has, stmt.Step());
    if (!has) break;
    PROBATION_ASSIGN_OR_RETURN(UserRecord u, ReadUser(stmt));
    out.push_back(std::move(u));
  }
  return out;
}

Status UpdateUserDisabled(Database* db, int64_t user_id, bool disabled) {
  PROBATION_ASSIGN_OR_RETURN(Statement stmt,
                             db->Prepare("UPDATE users SET disabled = ? WHERE id = ?"));
  stmt.BindInt(1, disabled ? 1 : 0);
  stmt.BindInt(2, user_id);
  return RunChangingOne(db, stmt, "no user with id " + std::to_string(user_id));
}

Status UpdateUserPassword(Database* db, int64_t user_id, std::string_view password_hash) {
  PROBATION_ASSIGN_OR_RETURN(Statement stmt,
                             db->Prepare("UPDATE users SET password_hash = ? WHERE id = ?"));
  stmt.BindText(1, password_hash);
  stmt.BindInt(2, user_id);
  return RunChangingOne(db, stmt, "no user with id " + std::to_string(user_id));
}

Status UpdateUserRole(Database* db, int64_t user_id, Role role, std::string_view unit_code,
                      std::string_view staff_id) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt,
      db->Prepare("UPDATE users SET role = ?, unit_code = ?, staff_id = ? WHERE id = ?"));
  stmt.BindText(1, RoleName(role));
  stmt.BindText(2, unit_code);
  stmt.BindText(3, staff_id);
  stmt.BindInt(4, user_id);
  return RunChangingOne(db, stmt, "no user with id " + std::to_string(user_id));
}

Status UpdateUserLock(Database* db, int64_t user_id, std::optional<int64_t> locked_at) {
  PROBATION_ASSIGN_OR_RETURN(Statement stmt,
                             db->Prepare("UPDATE users SET locked_at = ? WHERE id = ?"));
  if (locked_at) {
    stmt.BindInt(1, *locked_at);
  } else {
    stmt.BindNull(1);
  }
  stmt.BindInt(2, user_id);
  return RunChangingOne(db, stmt, "no user with id " + std::to_string(user_id));
}

Status InsertSession(Database* db, const SessionRecord& s) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt,
      db->Prepare("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, "
                  "last_seen_at) VALUES (?, ?, ?, ?, ?)"));
  stmt.BindText(1, s.token_hash);
  stmt.BindInt(2, s.user_id);
  stmt.BindText(3, s.csrf_token);
  stmt.BindInt(4, s.created_at);
  stmt.BindInt(5, s.last_seen_at);
  return stmt.Run();
}

Result<std::optional<SessionRecord>> FindSession(Database* db, std::string_view token_hash) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt, db->Prepare("SELECT token_hash, user_id, csrf_token, created_at, "
                                  "last_seen_at FROM sessions WHERE token_hash = ?"));
  stmt.BindText(1, token_hash);
  PROBATION_ASSIGN_OR_RETURN(const bool has, stmt.Step());
  if (!has) return std::optional<SessionRecord>();
  SessionRecord s;
  s.token_hash = std::string(stmt.ColumnText(0));
  s.user_id = stmt.ColumnInt(1);
  s.csrf_token = std::string(stmt.ColumnText(2));
  s.created_at = stmt.ColumnInt(3);
  s.last_seen_at = stmt.ColumnInt(4);
  return std::optional<SessionRecord>(std::move(s));
}

Status TouchSession(Database* db, std::string_view token_hash, int64_t now) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt, db->Prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?"));
  stmt.BindInt(1, now);
  stmt.BindText(2, token_hash);
  return stmt.Run();
}

Status DeleteSession(Database* db, std::string_view token_hash) {
  PROBATION_ASSIGN_OR_RETURN(Statement stmt,
                             db->Prepare("DELETE FROM sessions WHERE token_hash = ?"));
  stmt.BindText(1, token_hash);
  return stmt.Run();
}

Status DeleteUserSessions(Database* db, int64_t user_id) {
  PROBATION_ASSIGN_OR_RETURN(Statement stmt, db->Prepare("DELETE FROM sessions WHERE user_id = ?"));
  stmt.BindInt(1, user_id);
  return stmt.Run();
}

Result<int64_t> CountLiveSessions(Database* db, int64_t idle_since, int64_t created_since) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt, db->Prepare("SELECT count(*) FROM sessions WHERE last_seen_at >= ? AND "
                                  "created_at >= ?"));
  stmt.BindInt(1, idle_since);
  stmt.BindInt(2, created_since);
  return CountOne(stmt);
}

Result<int64_t> DeleteExpiredSessions(Database* db, int64_t idle_since, int64_t created_since) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt,
      db->Prepare("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?"));
  stmt.BindInt(1, idle_since);
  stmt.BindInt(2, created_since);
  PROBATION_RETURN_IF_ERROR(stmt.Run());
  return db->Changes();
}

Result<int64_t> InsertApiToken(Database* db, const ApiTokenRecord& t) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt,
      db->Prepare("INSERT INTO api_tokens (token_hash, user_id, label, created_at, expires_at, "
                  "revoked) VALUES (?, ?, ?, ?, ?, 0)"));
  stmt.BindText(1, t.token_hash);
  stmt.BindInt(2, t.user_id);
  stmt.BindText(3, t.label);
  stmt.BindInt(4, t.created_at);
  stmt.BindInt(5, t.expires_at);
  PROBATION_RETURN_IF_ERROR(stmt.Run());
  return LastInsertId(db);
}

Result<std::optional<ApiTokenRecord>> FindApiToken(Database* db, std::string_view token_hash) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt, db->Prepare("SELECT id, token_hash, user_id, label, created_at, expires_at, "
                                  "revoked FROM api_tokens WHERE token_hash = ?"));
  stmt.BindText(1, token_hash);
  PROBATION_ASSIGN_OR_RETURN(const bool has, stmt.Step());
  if (!has) return std::optional<ApiTokenRecord>();
  return std::optional<ApiTokenRecord>(ReadToken(stmt));
}

Result<std::vector<ApiTokenRecord>> ListApiTokens(Database* db, int64_t user_id) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt,
      db->Prepare("SELECT id, token_hash, user_id, label, created_at, expires_at, revoked FROM "
                  "api_tokens WHERE ?1 = 0 OR user_id = ?1 ORDER BY id"));
  stmt.BindInt(1, user_id);
  std::vector<ApiTokenRecord> out;
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool has, stmt.Step());
    if (!has) break;
    out.push_back(ReadToken(stmt));
  }
  return out;
}

Status RevokeApiToken(Database* db, int64_t token_id) {
  PROBATION_ASSIGN_OR_RETURN(Statement stmt,
                             db->Prepare("UPDATE api_tokens SET revoked = 1 WHERE id = ?"));
  stmt.BindInt(1, token_id);
  return RunChangingOne(db, stmt, "no API token with id " + std::to_string(token_id));
}

Status InsertLoginAttempt(Database* db, std::string_view username, std::string_view address,
                          int64_t at, bool succeeded) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt, db->Prepare("INSERT INTO login_attempts (username, address, at, succeeded) "
                                  "VALUES (?, ?, ?, ?)"));
  stmt.BindText(1, username);
  stmt.BindText(2, address);
  stmt.BindInt(3, at);
  stmt.BindInt(4, succeeded ? 1 : 0);
  return stmt.Run();
}

Result<int64_t> CountFailuresForUser(Database* db, std::string_view username, int64_t since) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt, db->Prepare("SELECT count(*) FROM login_attempts WHERE username = ? AND "
                                  "at >= ? AND succeeded = 0"));
  stmt.BindText(1, username);
  stmt.BindInt(2, since);
  return CountOne(stmt);
}

Result<int64_t> CountFailuresFromAddress(Database* db, std::string_view address, int64_t since) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt, db->Prepare("SELECT count(*) FROM login_attempts WHERE address = ? AND "
                                  "at >= ? AND succeeded = 0"));
  stmt.BindText(1, address);
  stmt.BindInt(2, since);
  return CountOne(stmt);
}

Status ClearFailuresForUser(Database* db, std::string_view username) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt,
      db->Prepare("DELETE FROM login_attempts WHERE username = ? AND succeeded = 0"));
  stmt.BindText(1, username);
  return stmt.Run();
}

Status PruneLoginAttempts(Database* db, int64_t before) {
  PROBATION_ASSIGN_OR_RETURN(Statement stmt, db->Prepare("DELETE FROM login_attempts WHERE at < ?"));
  stmt.BindInt(1, before);
  return stmt.Run();
}

}  // namespace probation
