// TomlReader: what the planning files' loaders (risk registers, resource annexes) share on top
// of toml++: parsing with the exception caught, errors as "FILE, line L, column C: reason"
// collected until the end, unknown keys reported, and typed getters that name the key and the
// type wanted. TomlWriter: the matching deterministic writer of keys and values, in the order
// the caller gives. Not thread-safe; one reader or writer per file.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/status.h"

#include <toml++/toml.h>

namespace probation {

struct SourcePos {
  int line = 1;
  int column = 1;
};

class TomlReader {
 public:
  // `path` names the file in messages; `text` is its content.
  TomlReader(std::string path, std::string text);
  ~TomlReader();

  // Parses the text; nullptr (and an error recorded) when it is not TOML.
  const toml::table* Root();

  static SourcePos Pos(const toml::node& node);
  void Error(SourcePos pos, const std::string& what);
  bool failed() const { return !errors_.empty(); }
  // InvalidArgument with every error, one a line. REQUIRES: failed().
  Status Finish() const;
  const std::string& path() const { return path_; }

  // Reports every key of `table` not among the space-separated `allowed`; `where` says which
  // table ("the register", "risk 7").
  void CheckKeys(const toml::table& table, std::string_view allowed, std::string_view where);

  // Each Get* returns true when the key is present with the right type and sets *out; a
  // missing required key or a wrong type is recorded as an error at `at` or at the value.
  bool GetText(const toml::table& table, std::string_view key, SourcePos at, bool required,
               std::string* out);
  bool GetNumber(const toml::table& table, std::string_view key, SourcePos at, bool required,
                 double* out);
  bool GetInt(const toml::table& table, std::string_view key, SourcePos at, bool required,
              int* out);
  bool GetBool(const toml::table& table, std::string_view key, bool* out);
  // A TOML local date (2009-03-31, unquoted) or the same as text in quotes.
  bool GetDate(const toml::table& table, std::string_view key, SourcePos at, bool required,
               Date* out);
  bool GetTextList(const toml::table& table, std::string_view key, std::vector<std::string>* out);
  // The tables of an array of tables ([[key]] or [{...}, ...]); empty when absent.
  std::vector<const toml::table*> GetTables(const toml::table& table, std::string_view key);
  // An inline table or [key] table; nullptr when absent or not a table (error recorded).
  const toml::table* GetTable(const toml::table& table, std::string_view key);

 private:
  void WrongType(const toml::node& node, std::string_view key, std::string_view wanted);

  std::string path_;
  std::string text_;
  std::unique_ptr<toml::table> root_;
  std::vector<std::string> errors_;
};

class TomlWriter {
 public:
  // key = "text" (escaped; multi-line text as a """ string).
  void Text(std::string_view key, std::string_view value);
  void TextIfAny(std::string_view key, std::string_view value) {
    if (!value.empty()) Text(key, value);
  }
  void Number(std::string_view key, double value);
  void Int(std::string_view key, long long value);
  void Bool(std::string_view key, bool value);
  void DateValue(std::string_view key, Date value);
  void TextList(std::string_view key, const std::vector<std::string>& values);
  // key = { a = ..., b = ... } from already formatted "name = value" parts.
  void Inline(std::string_view key, const std::vector<std::string>& parts);
  // [[name]] with a blank line before it.
  void ArrayTable(std::string_view name);
  void Blank() { out_ += "\n"; }
  void Raw(std::string_view text) { out_ += text; }
  void Comment(std::string_view text);
  const std::string& text() const { return out_; }

  // Formatting helpers for Inline parts.
  static std::string Quote(std::string_view value);
  static std::string FormatNumber(double value);
  static std::string Key(std::string_view key);  // bare when it can be, else quoted

 private:
  std::string out_;
};

}  // namespace probation
