// Database: one SQLite connection with the project's settings (WAL, foreign keys, busy
// timeout), and Statement: a prepared statement with typed binding. SQL is only ever run
// through prepared statements with bound values; text is never spliced into SQL except
// identifiers taken from the compiled-in record-type table.
//
// Thread-compatible: one Database per thread. A Statement must not outlive its Database.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace probation {

class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binding: `index` is 1-based. Text is bound without copying: it must stay valid until the
  // next Step() or Reset().
  void BindNull(int index);
  void BindInt(int index, int64_t value);
  void BindDouble(int index, double value);
  void BindText(int index, std::string_view value);
  void BindTextCopy(int index, std::string_view value);

  // Runs one step. Returns true when a row is available, false when done.
  Result<bool> Step();
  // Runs to completion, ignoring rows.
  Status Run();
  void Reset();  // ready to run again; bindings are kept

  int ColumnCount() const;
  bool ColumnIsNull(int index) const;  // 0-based
  int64_t ColumnInt(int index) const;
  double ColumnDouble(int index) const;
  std::string_view ColumnText(int index) const;

 private:
  friend class Database;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

class Database {
 public:
  // Opens (creating if missing) the database at `path`; ":memory:" for a private one.
  static Result<std::unique_ptr<Database>> Open(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Result<Statement> Prepare(std::string_view sql);
  // Runs one or more statements that take no parameters (DDL, PRAGMA, BEGIN/COMMIT).
  Status Execute(std::string_view sql);

  // Rows inserted, updated or deleted by the last statement run.
  int64_t Changes() const;
  const std::string& path() const { return path_; }

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

// Runs BEGIN IMMEDIATE on construction and ROLLBACK on destruction unless Commit() succeeded.
class Transaction {
 public:
  static Result<Transaction> Begin(Database* db);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_;
};

}  // namespace probation
