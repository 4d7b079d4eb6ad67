#include "base/toml_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace probation {
namespace {

std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const size_t start = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The allowed key nearest to `key`, if it is at most two edits away; else empty.
std::string_view Nearest(std::string_view key, const std::vector<std::string_view>& allowed) {
  std::string_view nearest;
  size_t best = 3;
  for (std::string_view k : allowed) {
    const size_t d = EditDistance(key, k);
    if (d < best) best = d, nearest = k;
  }
  return nearest;
}

}  // namespace

std::string_view TomlReader::TypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "a list";
    case toml::node_type::string:
      return "text";
    case toml::node_type::integer:
      return "a whole number";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "true or false";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date and time";
    default:
      return "nothing";
  }
}

TomlReader::TomlReader(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {}

TomlReader::~TomlReader() = default;

const toml::table* TomlReader::Root() {
  if (root_ != nullptr) return root_.get();
  static_assert(TOML_EXCEPTIONS, "the reader catches toml::parse_error");
  // toml++ 3.3.0 asserts (outside its contract) or reaches undefined behaviour on some texts
  // (FindTomlParserTrap, base/toml_traps.h): such text is reported here, unless the text before
  // the line of its statement already fails to parse.
  if (const std::optional<TomlTrap> trap = FindTomlParserTrap(text_)) {
    try {
      (void)toml::parse(std::string_view(text_).substr(0, trap->parse_before), path_);
    } catch (const toml::parse_error& e) {
      Error({static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column)},
            std::string(e.description()));
      return nullptr;
    }
    Error(trap->pos, trap->message);
    return nullptr;
  }
  try {
    root_ = std::make_unique<toml::table>(toml::parse(std::string_view(text_), path_));
  } catch (const toml::parse_error& e) {
    Error({static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column)},
          std::string(e.description()));
    return nullptr;
  } catch (const std::exception& e) {
    Error({1, 1}, std::string("cannot be read as TOML: ") + e.what());
    return nullptr;
  }
  return root_.get();
}

SourcePos TomlReader::Pos(const toml::node& node) {
  return {static_cast<int>(node.source().begin.line), static_cast<int>(node.source().begin.column)};
}

void TomlReader::Error(SourcePos pos, const std::string& what) {
  errors_.push_back(path_ + ", line " + std::to_string(pos.line) + ", column " +
                    std::to_string(pos.column) + ": " + what);
}

Status TomlReader::Finish() const {
  std::string message;
  for (const std::string& e : errors_) {
    if (!message.empty()) message += "\n";
    message += e;
  }
  return InvalidArgument(message);
}

void TomlReader::CheckKeys(const toml::table& table, std::string_view allowed,
                           std::string_view where) {
  const std::vector<std::string_view> keys = Words(allowed);
  for (auto&& [key, node] : table) {
    if (std::find(keys.begin(), keys.end(), key.str()) != keys.end()) continue;
    const std::string_view nearest = Nearest(key.str(), keys);
    std::string list;
    for (std::string_view k : keys) list += (list.empty() ? "" : ", ") + std::string(k);
    const SourcePos pos{static_cast<int>(key.source().begin.line),
                        static_cast<int>(key.source().begin.column)};
    Error(pos, "unknown key '" + std::string(key.str()) + "' in " + std::string(where) +
                   (nearest.empty() ? " (allowed: " + list + ")"
                                    : "; did you mean '" + std::string(nearest) + "'?"));
  }
}

std::string TomlReader::Record(const toml::table& table, std::string_view key,
                               const toml::node& node) {
  const auto parent = table_paths_.find(&table);
  std::string path = parent == table_paths_.end() ? std::string() : parent->second + ".";
  path += key;
  positions_[path] = Pos(node);
  return path;
}

SourcePos TomlReader::Where(std::string path) const {
  while (!path.empty()) {
    if (auto it = positions_.find(path); it != positions_.end()) return it->second;
    const size_t cut = path.find_last_of(".[");
    if (cut == std::string::npos) break;
    path.resize(cut);
  }
  return {1, 1};
}

void TomlReader::WrongType(const toml::node& node, std::string_view key, std::string_view wanted) {
  Error(Pos(node), "'" + std::string(key) + "' must be " + std::string(wanted) + ", not " +
                       std::string(TypeName(node)));
}

bool TomlReader::GetText(const toml::table& table, std::string_view key, SourcePos at,
                         bool required, std::string* out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (required) Error(at, "missing required key '" + std::string(key) + "'");
    return false;
  }
  Record(table, key, *node);
  const auto* value = node->as_string();
  if (value == nullptr) {
    WrongType(*node, key, "text in quotes");
    return false;
  }
  *out = value->get();
  if (required && out->empty()) {
    Error(Pos(*node), "'" + std::string(key) + "' must not be empty");
    return false;
  }
  return true;
}

bool TomlReader::GetNumber(const toml::table& table, std::string_view key, SourcePos at,
                           bool required, double* out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (required) Error(at, "missing required key '" + std::string(key) + "'");
    return false;
  }
  Record(table, key, *node);
  if (const auto* i = node->as_integer()) {
    *out = static_cast<double>(i->get());
  } else if (const auto* f = node->as_floating_point(); f != nullptr && std::isfinite(f->get())) {
    *out = f->get();
  } else {
    WrongType(*node, key, "a number");
    return false;
  }
  return true;
}

bool TomlReader::GetInt(const toml::table& table, std::string_view key, SourcePos at, bool required,
                        int* out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (required) Error(at, "missing required key '" + std::string(key) + "'");
    return false;
  }
  Record(table, key, *node);
  const auto* i = node->as_integer();
  if (i == nullptr || i->get() < -1000000000 || i->get() > 1000000000) {
    WrongType(*node, key, "a whole number");
    return false;
  }
  *out = static_cast<int>(i->get());
  return true;
}

bool TomlReader::GetBool(const toml::table& table, std::string_view key, bool* out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return false;
  Record(table, key, *node);
  const auto* b = node->as_boolean();
  if (b == nullptr) {
    WrongType(*node, key, "true or false");
    return false;
  }
  *out = b->get();
  return true;
}

bool TomlReader::GetDate(const toml::table& table, std::string_view key, SourcePos at,
                         bool required, Date* out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (required) Error(at, "missing required key '" + std::string(key) + "'");
    return false;
  }
  Record(table, key, *node);
  if (const auto* d = node->as_date()) {
    const toml::date& v = d->get();
    if (v.year < 1800 || v.year > 2199) {
      Error(Pos(*node), "'" + std::string(key) + "' must be a date from 1800 to 2199");
      return false;
    }
    *out = Date::FromCivil(v.year, v.month, v.day);
    return true;
  }
  if (const auto* s = node->as_string()) {
    Result<Date> parsed = Date::Parse(s->get());
    if (!parsed.ok()) {
      Error(Pos(*node), "'" + std::string(key) + "': " + parsed.status().message());
      return false;
    }
    *out = *parsed;
    return true;
  }
  WrongType(*node, key, "a date such as 2009-03-31");
  return false;
}

bool TomlReader::GetDate(const toml::table& table, std::string_view key, SourcePos at,
                         bool required, std::optional<Date>* out) {
  Date date;
  if (!GetDate(table, key, at, required, &date)) return false;
  *out = date;
  return true;
}

bool TomlReader::GetTextList(const toml::table& table, std::string_view key,
                             std::vector<std::string>* out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return false;
  Record(table, key, *node);
  const toml::array* list = node->as_array();
  if (list == nullptr) {
    WrongType(*node, key, "a list of texts in quotes");
    return false;
  }
  out->clear();
  bool ok = true;
  for (const toml::node& item : *list) {
    if (const auto* s = item.as_string()) {
      out->push_back(s->get());
    } else {
      Error(Pos(item),
            "'" + std::string(key) + "' must hold texts only, not " + std::string(TypeName(item)));
      ok = false;
    }
  }
  return ok;
}

std::vector<const toml::table*> TomlReader::GetTables(const toml::table& table,
                                                      std::string_view key, std::string_view name) {
  std::vector<const toml::table*> tables;
  const toml::node* node = table.get(key);
  if (node == nullptr) return tables;
  const std::string path = Record(table, key, *node);
  const std::string what = "[[" + std::string(name.empty() ? key : name) + "]]";
  const toml::array* list = node->as_array();
  if (list == nullptr) {
    WrongType(*node, key, "a list of " + what + " tables");
    return tables;
  }
  for (size_t i = 0; i < list->size(); ++i) {
    const toml::node& item = *list->get(i);
    if (const toml::table* t = item.as_table()) {
      const std::string item_path = path + "[" + std::to_string(i) + "]";
      positions_[item_path] = Pos(*t);
      table_paths_[t] = item_path;
      tables.push_back(t);
    } else {
      Error(Pos(item), "each entry of '" + std::string(key) + "' must be a " + what + " table");
    }
  }
  return tables;
}

const toml::table* TomlReader::GetTable(const toml::table& table, std::string_view key) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return nullptr;
  const std::string path = Record(table, key, *node);
  const toml::table* t = node->as_table();
  if (t == nullptr) {
    WrongType(*node, key, "a table");
  } else {
    table_paths_[t] = path;
  }
  return t;
}

std::string TomlWriter::Quote(std::string_view value, Breaks breaks) {
  const bool multi_line =
      breaks == Breaks::kMultiLine && value.find('\n') != std::string_view::npos;
  std::string out = multi_line ? "\"\"\"\n" : "\"";
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += multi_line ? "\n" : "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r' && breaks == Breaks::kEscaped) {
      out += "\\r";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  out += multi_line ? "\"\"\"" : "\"";
  return out;
}

std::string TomlWriter::FormatNumber(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, end);
}

std::string TomlWriter::Key(std::string_view key) {
  const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
  return bare ? std::string(key) : Quote(key);
}

void TomlWriter::Text(std::string_view key, std::string_view value) {
  out_ += Key(key) + " = " + Quote(value, breaks_) + "\n";
}

void TomlWriter::Number(std::string_view key, double value) {
  out_ += Key(key) + " = " + FormatNumber(value) + "\n";
}

void TomlWriter::Int(std::string_view key, long long value) {
  out_ += Key(key) + " = " + std::to_string(value) + "\n";
}

void TomlWriter::Bool(std::string_view key, bool value) {
  out_ += Key(key) + " = " + (value ? "true" : "false") + "\n";
}

void TomlWriter::DateValue(std::string_view key, Date value) {
  out_ += Key(key) + " = " + value.ToString() + "\n";
}

void TomlWriter::TextList(std::string_view key, const std::vector<std::string>& values,
                          Layout layout) {
  out_ += Key(key) + " = [";
  if (values.empty()) {
    out_ += "]\n";
    return;
  }
  if (layout == Layout::kInline) {
    for (size_t i = 0; i < values.size(); ++i) {
      out_ += (i == 0 ? "" : ", ") + Quote(values[i], breaks_);
    }
    out_ += "]\n";
    return;
  }
  out_ += "\n";
  for (const std::string& v : values) out_ += "  " + Quote(v, breaks_) + ",\n";
  out_ += "]\n";
}

void TomlWriter::Inline(std::string_view key, const std::vector<std::string>& parts) {
  out_ += Key(key) + " = {";
  for (size_t i = 0; i < parts.size(); ++i) out_ += (i == 0 ? " " : ", ") + parts[i];
  out_ += parts.empty() ? "}\n" : " }\n";
}

void TomlWriter::ArrayTable(std::string_view name) {
  if (!out_.empty()) out_ += "\n";
  out_ += "[[" + std::string(name) + "]]\n";
}

void TomlWriter::Comment(std::string_view text) { out_ += "# " + std::string(text) + "\n"; }

}  // namespace probation
