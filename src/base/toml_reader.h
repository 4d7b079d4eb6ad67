// TomlReader: what the loaders of the TOML files users write (measure frameworks, business
// plans, risk registers, resource annexes) share on top of toml++: parsing with the exception
// caught, errors as "FILE, line L, column C: reason" collected until the end, unknown keys reported
// (with the nearest allowed key when one is close), typed getters that name the key and the type
// wanted, and the position of every field read, by path, for messages from checks made after
// reading. TomlWriter: the matching deterministic writer of keys and values, in the order the
// caller gives. Not thread-safe; one reader or writer per file.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/date.h"
#include "base/source_pos.h"
#include "base/status.h"
#include "base/toml_traps.h"

#include <toml++/toml.h>

namespace probation {

class TomlReader {
 public:
  // `path` names the file in messages; `text` is its content.
  TomlReader(std::string path, std::string text);
  ~TomlReader();

  // Parses the text; nullptr (and an error recorded) when it is not TOML.
  const toml::table* Root();

  static SourcePos Pos(const toml::node& node);
  // What a value is, in words ("text", "a whole number", "a list", ...), for messages.
  static std::string_view TypeName(const toml::node& node);
  void Error(SourcePos pos, const std::string& what);
  // Records an error already naming its file, line and column (from a nested reader, such as
  // the measure language's compiler).
  void AddFormattedError(std::string message) { errors_.push_back(std::move(message)); }
  bool failed() const { return !errors_.empty(); }
  // InvalidArgument with every error, one a line. REQUIRES: failed().
  Status Finish() const;
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }

  // Reports every key of `table` not among the space-separated `allowed`; `where` says which
  // table ("the register", "risk 7", "[[items]]"). The message suggests the nearest allowed
  // key when it is at most two edits away ("did you mean 'lead'?"), else lists them all.
  void CheckKeys(const toml::table& table, std::string_view allowed, std::string_view where);

  // Each Get* returns true when the key is present with the right type and sets *out; a
  // missing required key or a wrong type is recorded as an error at `at` or at the value.
  // A present key's position is recorded for Where() whatever its type.
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
  bool GetDate(const toml::table& table, std::string_view key, SourcePos at, bool required,
               std::optional<Date>* out);
  // A list of texts in quotes; *out holds the texts of the list (the others are errors).
  bool GetTextList(const toml::table& table, std::string_view key, std::vector<std::string>* out);
  // The tables of an array of tables ([[key]] or [{...}, ...]); empty when absent. `name`
  // is the tables' name in messages ("items.activities" for [[items.activities]]); empty
  // means `key`. Each table's path for Where() is "key[i]" under the path of `table`.
  std::vector<const toml::table*> GetTables(const toml::table& table, std::string_view key,
                                            std::string_view name = {});
  // An inline table or [key] table; nullptr when absent or not a table (error recorded).
  const toml::table* GetTable(const toml::table& table, std::string_view key);

  // Where the field named by `path` is, the way GetTables() and the Get*s name fields from
  // the root ("end", "items[3].rag[1].comment"): the position recorded for the longest prefix
  // of `path` ending before a '.' or '[' (so a missing key points at its table); 1:1 if none.
  SourcePos Where(std::string path) const;

 private:
  void WrongType(const toml::node& node, std::string_view key, std::string_view wanted);
  // Records where `key` of `table` is, under the table's path; returns that path.
  std::string Record(const toml::table& table, std::string_view key, const toml::node& node);

  std::string path_;
  std::string text_;
  std::unique_ptr<toml::table> root_;
  std::vector<std::string> errors_;
  std::unordered_map<const toml::table*, std::string> table_paths_;  // root: absent ("")
  std::map<std::string, SourcePos> positions_;                       // by field path
};

class TomlWriter {
 public:
  // How Text() and TextList() write text with line breaks: as a """ string over several
  // lines, or on one line with "\n" escapes.
  enum class Breaks { kMultiLine, kEscaped };
  // How TextList() lays a list out: one text a line, or all on the key's line.
  enum class Layout { kOneALine, kInline };

  explicit TomlWriter(Breaks breaks = Breaks::kMultiLine) : breaks_(breaks) {}

  // key = "text" (escaped; line breaks as chosen above).
  void Text(std::string_view key, std::string_view value);
  void TextIfAny(std::string_view key, std::string_view value) {
    if (!value.empty()) Text(key, value);
  }
  void Number(std::string_view key, double value);
  void Int(std::string_view key, long long value);
  void Bool(std::string_view key, bool value);
  void DateValue(std::string_view key, Date value);
  void DateIfAny(std::string_view key, const std::optional<Date>& value) {
    if (value) DateValue(key, *value);
  }
  void TextList(std::string_view key, const std::vector<std::string>& values,
                Layout layout = Layout::kOneALine);
  void TextListIfAny(std::string_view key, const std::vector<std::string>& values,
                     Layout layout = Layout::kOneALine) {
    if (!values.empty()) TextList(key, values, layout);
  }
  // key = { a = ..., b = ... } from already formatted "name = value" parts.
  void Inline(std::string_view key, const std::vector<std::string>& parts);
  // [[name]] with a blank line before it.
  void ArrayTable(std::string_view name);
  void Blank() { out_ += "\n"; }
  void Raw(std::string_view text) { out_ += text; }
  void Comment(std::string_view text);
  const std::string& text() const { return out_; }

  // Formatting helpers for Inline parts.
  static std::string Quote(std::string_view value, Breaks breaks = Breaks::kMultiLine);
  static std::string FormatNumber(double value);
  static std::string Key(std::string_view key);  // bare when it can be, else quoted

 private:
  Breaks breaks_;
  std::string out_;
};

}  // namespace probation
