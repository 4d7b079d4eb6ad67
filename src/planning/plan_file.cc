#include "planning/plan_file.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <map>
#include <vector>

#include <toml++/toml.h>

#include "base/mapped_file.h"

namespace probation::planning {
namespace {

// The keys each table may have, separated by spaces.
constexpr std::string_view kPlanKeys =
    "id organisation title kind start end source description reporting_quarters context leads "
    "lists items milestones";
constexpr std::string_view kContextKeys = "code level group text";
constexpr std::string_view kLeadKeys = "code name role";
constexpr std::string_view kListKeys = "name entries";
constexpr std::string_view kItemKeys =
    "number parent kind title description success measure deadline deadline_text completed "
    "lead governance level accomplishment context context_text measures activities progress rag";
constexpr std::string_view kActivityKeys = "year text";
constexpr std::string_view kProgressKeys = "date author text";
constexpr std::string_view kRagKeys = "quarter rag comment";
constexpr std::string_view kMilestoneKeys = "month date when text item";

struct Pos {
  int line = 1;
  int column = 1;
};

std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  for (size_t at = 0; at < text.size();) {
    const size_t space = std::min(text.find(' ', at), text.size());
    words.push_back(text.substr(at, space - at));
    at = space + 1;
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

std::string_view NodeTypeName(const toml::node& node) {
  constexpr std::string_view kNames[] = {"nothing",       "a table",    "a list",        "text",
                                         "a number",      "a number",   "true or false", "a date",
                                         "a time of day", "a date-time"};
  const auto type = static_cast<size_t>(node.type());
  return type < std::size(kNames) ? kNames[type] : "nothing";
}

Pos PosOf(const toml::source_region& region) {
  return {static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

// "6.4.1" -> "6.4"; "O1" -> "".
std::string DefaultParent(std::string_view number) {
  const size_t dot = number.rfind('.');
  return dot == std::string_view::npos ? std::string() : std::string(number.substr(0, dot));
}

// Reads one plan file, collecting every problem before giving up.
class Reader {
 public:
  Reader(std::string_view text, std::string_view source) : text_(text), source_(source) {}

  Result<Plan> Read() {
    static_assert(TOML_EXCEPTIONS, "the reader catches toml::parse_error");
    toml::table root;
    try {
      root = toml::parse(text_, source_);
    } catch (const toml::parse_error& e) {
      Error(PosOf(e.source()), std::string(e.description()));
      return Finish();
    } catch (const std::exception& e) {
      Error({1, 1}, std::string("cannot be read as TOML: ") + e.what());
      return Finish();
    }
    Plan plan;
    CheckKeys(root, kPlanKeys, "the plan");
    const Pos top{1, 1};
    Text(root, "id", "id", top, true, &plan.id);
    Text(root, "organisation", "organisation", top, true, &plan.organisation);
    Text(root, "title", "title", top, true, &plan.title);
    Text(root, "kind", "kind", top, true, &plan.kind);
    std::optional<Date> start, end;
    DateValue(root, "start", "start", top, true, &start);
    DateValue(root, "end", "end", top, true, &end);
    if (start) plan.start = *start;
    if (end) plan.end = *end;
    Text(root, "source", "source", top, false, &plan.source);
    Text(root, "description", "description", top, false, &plan.description);
    Strings(root, "reporting_quarters", "reporting_quarters", &plan.reporting_quarters);

    ForEachTable(root, "context", "[[context]]", kContextKeys,
                 [&](const toml::table& t, const std::string& path, Pos pos) {
                   ContextCode& c = plan.context.emplace_back();
                   Text(t, "code", path + ".code", pos, true, &c.code);
                   Text(t, "level", path + ".level", pos, false, &c.level);
                   Text(t, "group", path + ".group", pos, false, &c.group);
                   Text(t, "text", path + ".text", pos, true, &c.text);
                 });
    ForEachTable(root, "leads", "[[leads]]", kLeadKeys,
                 [&](const toml::table& t, const std::string& path, Pos pos) {
                   Lead& l = plan.leads.emplace_back();
                   Text(t, "code", path + ".code", pos, true, &l.code);
                   Text(t, "name", path + ".name", pos, false, &l.name);
                   Text(t, "role", path + ".role", pos, false, &l.role);
                 });
    ForEachTable(root, "lists", "[[lists]]", kListKeys,
                 [&](const toml::table& t, const std::string& path, Pos pos) {
                   PlanList& l = plan.lists.emplace_back();
                   Text(t, "name", path + ".name", pos, true, &l.name);
                   Strings(t, "entries", path + ".entries", &l.entries);
                 });
    ForEachTable(root, "items", "[[items]]", kItemKeys,
                 [&](const toml::table& t, const std::string& path, Pos pos) {
                   plan.items.push_back(ReadItem(t, path, pos));
                 });
    ForEachTable(root, "milestones", "[[milestones]]", kMilestoneKeys,
                 [&](const toml::table& t, const std::string& path, Pos pos) {
                   Milestone& m = plan.milestones.emplace_back();
                   Text(t, "month", path + ".month", pos, false, &m.month);
                   DateValue(t, "date", path + ".date", pos, false, &m.date);
                   Text(t, "when", path + ".when", pos, false, &m.when);
                   Text(t, "text", path + ".text", pos, true, &m.text);
                   Text(t, "item", path + ".item", pos, false, &m.item);
                 });
    if (!errors_.empty()) return Finish();
    for (const PlanProblem& p : FindPlanProblems(plan)) Error(Where(p.path), p.message);
    if (!errors_.empty()) return Finish();
    return plan;
  }

 private:
  PlanItem ReadItem(const toml::table& t, const std::string& path, Pos pos) {
    PlanItem item;
    Text(t, "number", path + ".number", pos, true, &item.number);
    item.parent = DefaultParent(item.number);
    Text(t, "parent", path + ".parent", pos, false, &item.parent);
    Text(t, "kind", path + ".kind", pos, true, &item.kind);
    Text(t, "title", path + ".title", pos, true, &item.title);
    Text(t, "description", path + ".description", pos, false, &item.description);
    Text(t, "success", path + ".success", pos, false, &item.success);
    Text(t, "measure", path + ".measure", pos, false, &item.measure);
    DateValue(t, "deadline", path + ".deadline", pos, false, &item.deadline);
    Text(t, "deadline_text", path + ".deadline_text", pos, false, &item.deadline_text);
    DateValue(t, "completed", path + ".completed", pos, false, &item.completed);
    Text(t, "lead", path + ".lead", pos, false, &item.lead);
    Text(t, "governance", path + ".governance", pos, false, &item.governance);
    Text(t, "level", path + ".level", pos, false, &item.level);
    std::string accomplishment;
    if (Text(t, "accomplishment", path + ".accomplishment", pos, false, &accomplishment)) {
      Result<Accomplishment> a = ParseAccomplishment(accomplishment);
      if (a.ok()) {
        item.accomplishment = *a;
      } else {
        Error(PosOf(t.get("accomplishment")->source()), a.status().message());
      }
    }
    Strings(t, "context", path + ".context", &item.context);
    Text(t, "context_text", path + ".context_text", pos, false, &item.context_text);
    std::vector<std::string> measures;
    Strings(t, "measures", path + ".measures", &measures);
    for (const std::string& m : measures) {
      const size_t colon = m.find(':');
      if (colon == std::string::npos) {
        item.measures.push_back({"", m});
      } else {
        item.measures.push_back({m.substr(0, colon), m.substr(colon + 1)});
      }
    }
    ForEachTable(
        t, "activities", "[[items.activities]]", kActivityKeys,
        [&](const toml::table& a, const std::string& apath, Pos apos) {
          PlannedActivity& act = item.activities.emplace_back();
          Text(a, "year", apath + ".year", apos, true, &act.year);
          Text(a, "text", apath + ".text", apos, true, &act.text);
        },
        path);
    ForEachTable(
        t, "progress", "[[items.progress]]", kProgressKeys,
        [&](const toml::table& p, const std::string& ppath, Pos ppos) {
          ProgressNote& note = item.progress.emplace_back();
          DateValue(p, "date", ppath + ".date", ppos, false, &note.date);
          Text(p, "author", ppath + ".author", ppos, false, &note.author);
          Text(p, "text", ppath + ".text", ppos, true, &note.text);
        },
        path);
    ForEachTable(
        t, "rag", "[[items.rag]]", kRagKeys,
        [&](const toml::table& r, const std::string& rpath, Pos rpos) {
          QuarterRag& q = item.rag.emplace_back();
          Text(r, "quarter", rpath + ".quarter", rpos, true, &q.quarter);
          std::string rag;
          if (Text(r, "rag", rpath + ".rag", rpos, true, &rag)) {
            Result<Rag> parsed = ParseRag(rag);
            if (parsed.ok()) {
              q.rag = *parsed;
            } else {
              Error(PosOf(r.get("rag")->source()), parsed.status().message());
            }
          }
          Text(r, "comment", rpath + ".comment", rpos, false, &q.comment);
        },
        path);
    return item;
  }

  // Calls `read` for each table of the array `key` of `table`, with its path and position.
  template <typename F>
  void ForEachTable(const toml::table& table, std::string_view key, std::string_view what,
                    std::string_view allowed, F read, const std::string& prefix = "") {
    const toml::node* node = table.get(key);
    if (node == nullptr) return;
    const toml::array* list = node->as_array();
    if (list == nullptr) {
      Error(PosOf(node->source()), "'" + std::string(key) + "' must be a list of " +
                                       std::string(what) + " tables, not " +
                                       std::string(NodeTypeName(*node)));
      return;
    }
    for (size_t i = 0; i < list->size(); ++i) {
      const toml::node& entry = *list->get(i);
      const toml::table* t = entry.as_table();
      if (t == nullptr) {
        Error(PosOf(entry.source()),
              "each entry of '" + std::string(key) + "' must be a " + std::string(what) + " table");
        continue;
      }
      const std::string path =
          (prefix.empty() ? "" : prefix + ".") + std::string(key) + "[" + std::to_string(i) + "]";
      const Pos pos = PosOf(t->source());
      positions_[path] = pos;
      CheckKeys(*t, allowed, what);
      read(*t, path, pos);
    }
  }

  void CheckKeys(const toml::table& table, std::string_view allowed, std::string_view where) {
    const std::vector<std::string_view> keys = Words(allowed);
    for (auto&& [key, node] : table) {
      if (std::find(keys.begin(), keys.end(), key.str()) != keys.end()) continue;
      std::string_view nearest;
      size_t best = 3;
      for (std::string_view k : keys) {
        const size_t d = EditDistance(key.str(), k);
        if (d < best) best = d, nearest = k;
      }
      std::string list;
      for (std::string_view k : keys) list += (list.empty() ? "" : ", ") + std::string(k);
      Error(PosOf(key.source()),
            "unknown key '" + std::string(key.str()) + "' in " + std::string(where) +
                (nearest.empty() ? " (allowed: " + list + ")"
                                 : "; did you mean '" + std::string(nearest) + "'?"));
    }
  }

  void WrongType(const toml::node& node, std::string_view key, std::string_view wanted) {
    Error(PosOf(node.source()), "'" + std::string(key) + "' must be " + std::string(wanted) +
                                    ", not " + std::string(NodeTypeName(node)));
  }

  // Each reader returns true when the key is present with the right type (and sets *out).
  bool Text(const toml::table& table, std::string_view key, const std::string& path, Pos pos,
            bool required, std::string* out) {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
      if (required) Error(pos, "missing required key '" + std::string(key) + "'");
      return false;
    }
    positions_[path] = PosOf(node->source());
    const auto* value = node->as_string();
    if (value == nullptr) {
      WrongType(*node, key, "text in quotes");
      return false;
    }
    *out = value->get();
    if (required && out->empty()) {
      Error(PosOf(node->source()), "'" + std::string(key) + "' must not be empty");
      return false;
    }
    return true;
  }

  // A date: a TOML date (2009-03-31) or text "2009-03-31".
  bool DateValue(const toml::table& table, std::string_view key, const std::string& path, Pos pos,
                 bool required, std::optional<Date>* out) {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
      if (required) Error(pos, "missing required key '" + std::string(key) + "'");
      return false;
    }
    positions_[path] = PosOf(node->source());
    std::string text;
    if (const auto* d = node->as_date()) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(d->get().year),
                    static_cast<int>(d->get().month), static_cast<int>(d->get().day));
      text = buf;
    } else if (const auto* s = node->as_string()) {
      text = s->get();
    } else {
      WrongType(*node, key, "a date such as 2009-03-31");
      return false;
    }
    Result<Date> date = Date::Parse(text);
    if (!date.ok()) {
      Error(PosOf(node->source()), "'" + std::string(key) + "': " + date.status().message());
      return false;
    }
    *out = *date;
    return true;
  }

  void Strings(const toml::table& table, std::string_view key, const std::string& path,
               std::vector<std::string>* out) {
    const toml::node* node = table.get(key);
    if (node == nullptr) return;
    positions_[path] = PosOf(node->source());
    const toml::array* list = node->as_array();
    if (list == nullptr) {
      WrongType(*node, key, "a list of texts in quotes");
      return;
    }
    for (const toml::node& entry : *list) {
      const auto* s = entry.as_string();
      if (s == nullptr) {
        Error(PosOf(entry.source()), "'" + std::string(key) + "' must hold texts only, not " +
                                         std::string(NodeTypeName(entry)));
        continue;
      }
      out->push_back(s->get());
    }
  }

  // The position of the most specific recorded prefix of `path`.
  Pos Where(std::string path) const {
    while (!path.empty()) {
      if (auto it = positions_.find(path); it != positions_.end()) return it->second;
      const size_t cut = path.find_last_of(".[");
      if (cut == std::string::npos) break;
      path.resize(cut);
    }
    return {1, 1};
  }

  void Error(Pos pos, const std::string& what) {
    errors_.push_back(std::string(source_) + ", line " + std::to_string(pos.line) + ", column " +
                      std::to_string(pos.column) + ": " + what);
  }

  Status Finish() const {
    std::string message;
    for (const std::string& e : errors_) message += (message.empty() ? "" : "\n") + e;
    return InvalidArgument(message);
  }

  std::string_view text_;
  std::string_view source_;
  std::map<std::string, Pos> positions_;
  std::vector<std::string> errors_;
};

// A TOML basic string.
std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

class Writer {
 public:
  void Key(std::string_view key, std::string_view value) {
    if (!value.empty()) out_ += std::string(key) + " = " + Quote(value) + "\n";
  }
  void DateKey(std::string_view key, const std::optional<Date>& date) {
    if (date) out_ += std::string(key) + " = " + date->ToString() + "\n";
  }
  void ListKey(std::string_view key, const std::vector<std::string>& values, bool one_a_line) {
    if (values.empty()) return;
    out_ += std::string(key) + " = [";
    for (size_t i = 0; i < values.size(); ++i) {
      out_ += one_a_line ? "\n  " + Quote(values[i]) + "," : (i ? ", " : "") + Quote(values[i]);
    }
    out_ += one_a_line ? "\n]\n" : "]\n";
  }
  void Table(std::string_view name) { out_ += "\n[[" + std::string(name) + "]]\n"; }
  void Raw(std::string_view text) { out_ += text; }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace

Result<Plan> ParsePlanText(std::string_view text, std::string_view source_name) {
  return Reader(text, source_name).Read();
}

Result<Plan> ParsePlanFile(const std::string& path) {
  Result<std::string> text = ReadFileToString(path);
  if (!text.ok()) return text.status();
  return ParsePlanText(*text, path);
}

std::string WritePlanText(const Plan& plan) {
  Writer w;
  w.Raw("# " + plan.title + " (" + plan.organisation + "). Plan file format: docs/plans.md.\n");
  w.Key("id", plan.id);
  w.Key("organisation", plan.organisation);
  w.Key("title", plan.title);
  w.Key("kind", plan.kind);
  w.DateKey("start", plan.start);
  w.DateKey("end", plan.end);
  w.Key("source", plan.source);
  w.Key("description", plan.description);
  w.ListKey("reporting_quarters", plan.reporting_quarters, false);
  for (const ContextCode& c : plan.context) {
    w.Table("context");
    w.Key("code", c.code);
    w.Key("level", c.level);
    w.Key("group", c.group);
    w.Key("text", c.text);
  }
  for (const Lead& l : plan.leads) {
    w.Table("leads");
    w.Key("code", l.code);
    w.Key("name", l.name);
    w.Key("role", l.role);
  }
  for (const PlanList& l : plan.lists) {
    w.Table("lists");
    w.Key("name", l.name);
    w.ListKey("entries", l.entries, true);
  }
  for (const PlanItem& item : plan.items) {
    w.Table("items");
    w.Key("number", item.number);
    if (item.parent != DefaultParent(item.number)) {
      w.Raw("parent = " + Quote(item.parent) + "\n");
    }
    w.Key("kind", item.kind);
    w.Key("title", item.title);
    w.Key("description", item.description);
    w.Key("success", item.success);
    w.Key("measure", item.measure);
    w.DateKey("deadline", item.deadline);
    w.Key("deadline_text", item.deadline_text);
    w.DateKey("completed", item.completed);
    w.Key("lead", item.lead);
    w.Key("governance", item.governance);
    w.Key("level", item.level);
    w.Key("accomplishment", AccomplishmentName(item.accomplishment));
    w.ListKey("context", item.context, false);
    w.Key("context_text", item.context_text);
    std::vector<std::string> measures;
    for (const MeasureRef& m : item.measures) {
      measures.push_back(m.framework.empty() ? m.code : m.framework + ":" + m.code);
    }
    w.ListKey("measures", measures, false);
    for (const PlannedActivity& a : item.activities) {
      w.Table("items.activities");
      w.Key("year", a.year);
      w.Key("text", a.text);
    }
    for (const ProgressNote& p : item.progress) {
      w.Table("items.progress");
      w.DateKey("date", p.date);
      w.Key("author", p.author);
      w.Key("text", p.text);
    }
    for (const QuarterRag& r : item.rag) {
      w.Table("items.rag");
      w.Key("quarter", r.quarter);
      w.Key("rag", RagName(r.rag));
      w.Key("comment", r.comment);
    }
  }
  for (const Milestone& m : plan.milestones) {
    w.Table("milestones");
    w.Key("month", m.month);
    w.DateKey("date", m.date);
    w.Key("when", m.when);
    w.Key("text", m.text);
    w.Key("item", m.item);
  }
  return w.Take();
}

}  // namespace probation::planning
