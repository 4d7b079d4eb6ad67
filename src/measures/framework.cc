#include "measures/framework.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "base/financial_year.h"
#include "base/reference_csv.h"
#include "base/toml_reader.h"
#include "measures/compiler.h"

namespace probation::measures {
namespace {

namespace fs = std::filesystem;

// The keys each table may have, separated by spaces.
constexpr std::string_view kFrameworkKeys =
    "id title year source description amber_tolerance bands measures max_pending_share "
    "min_decided unit_target_rule pro_rata_by max_blank_share";
constexpr std::string_view kBandsKeys = "max_score";
constexpr std::string_view kMeasureKeys =
    "code title description kind counts anchor filter success deadline value rate_per target "
    "targets amber_tolerance direction weight national_target monthly_profile source "
    "previous_target reported_achieved placeholder population level needs_records";
// Keys a placeholder may not have: it has no rules.
constexpr std::string_view kRuleKeys =
    "counts anchor filter success deadline value rate_per weight monthly_profile";
constexpr std::string_view kTargetKeys = "year value tbc";

std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  for (size_t at = 0; at < text.size();) {
    const size_t space = std::min(text.find(' ', at), text.size());
    words.push_back(text.substr(at, space - at));
    at = space + 1;
  }
  return words;
}

// The value of an integer or floating-point node.
std::optional<double> NumberOf(const toml::node& node) {
  if (const auto* i = node.as_integer()) return static_cast<double>(i->get());
  if (const auto* f = node.as_floating_point()) return f->get();
  return std::nullopt;
}

bool IsIdentifier(std::string_view text, bool allow_upper) {
  if (text.empty()) return false;
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                    (allow_upper && c >= 'A' && c <= 'Z');
    if (!ok) return false;
  }
  return true;
}

// Reads one framework file. Collects every problem it can find before giving up.
class Loader {
 public:
  Loader(std::string path, std::string text) : toml_(std::move(path), std::move(text)) {
    std::string_view rest = toml_.text();
    while (!rest.empty()) {
      const size_t nl = rest.find('\n');
      lines_.push_back(rest.substr(0, nl));
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    }
  }

  Result<Framework> Load() {
    const toml::table* parsed = toml_.Root();
    if (parsed == nullptr) return toml_.Finish();
    const toml::table& root = *parsed;

    Framework fw;
    fw.file = toml_.path();
    toml_.CheckKeys(root, kFrameworkKeys, "the framework");
    const SourcePos top{1, 1};
    toml_.GetText(root, "id", top, /*required=*/true, &fw.id);
    if (!fw.id.empty() && !IsIdentifier(fw.id, false)) {
      toml_.Error(
          StringPos(root.get("id")),
          "the framework id '" + fw.id + "' may only have lower-case letters, digits and '-'");
    }
    toml_.GetText(root, "title", top, true, &fw.title);
    if (toml_.GetText(root, "year", top, true, &fw.year) && FinancialYearStart(fw.year) < 0) {
      toml_.Error(StringPos(root.get("year")),
                  "'year' must be a financial year such as \"2011-12\", not \"" + fw.year + "\"");
    }
    toml_.GetText(root, "source", top, false, &fw.source);
    toml_.GetText(root, "description", top, false, &fw.description);
    if (toml_.GetNumber(root, "amber_tolerance", {}, false, &fw.default_amber_tolerance) &&
        fw.default_amber_tolerance < 0) {
      toml_.Error(TomlReader::Pos(*root.get("amber_tolerance")),
                  "'amber_tolerance' must not be negative");
    }
    if (toml_.GetNumber(root, "max_pending_share", {}, false, &fw.max_pending_share) &&
        (fw.max_pending_share < 0 || fw.max_pending_share > 1)) {
      toml_.Error(TomlReader::Pos(*root.get("max_pending_share")),
                  "'max_pending_share' must be a share from 0 to 1");
    }
    if (toml_.GetNumber(root, "max_blank_share", {}, false, &fw.max_blank_share) &&
        (fw.max_blank_share < 0 || fw.max_blank_share > 1)) {
      toml_.Error(TomlReader::Pos(*root.get("max_blank_share")),
                  "'max_blank_share' must be a share from 0 to 1");
    }
    double min_decided = fw.min_decided;
    if (toml_.GetNumber(root, "min_decided", {}, false, &min_decided)) {
      if (min_decided < 0 || min_decided != std::floor(min_decided)) {
        toml_.Error(TomlReader::Pos(*root.get("min_decided")),
                    "'min_decided' must be a whole number, 0 or more");
      }
      fw.min_decided = static_cast<int>(min_decided);
    }
    if (GetChoice(root, "unit_target_rule", top, false, "none pro-rata") == 1) {
      fw.unit_target_rule = UnitTargetRule::kProRata;
    }
    toml_.GetText(root, "pro_rata_by", top, false, &fw.pro_rata_by);
    const toml::node* bands = root.get("bands");
    if (bands != nullptr) LoadBands(*bands, &fw.bands);

    const toml::node* measures = root.get("measures");
    if (measures == nullptr) {
      toml_.Error(top, "the framework has no measures: add [[measures]] tables");
    } else if (const toml::array* list = measures->as_array(); list == nullptr) {
      toml_.Error(TomlReader::Pos(*measures), "'measures' must be a list of [[measures]] tables");
    } else {
      std::map<std::string, SourcePos> seen;
      for (const toml::node& item : *list) {
        const toml::table* table = item.as_table();
        if (table == nullptr) {
          toml_.Error(TomlReader::Pos(item),
                      "each entry of 'measures' must be a [[measures]] table");
          continue;
        }
        Measure m = LoadMeasure(*table, fw.default_amber_tolerance);
        if (m.code.empty()) continue;
        auto [it, inserted] = seen.emplace(m.code, m.position);
        if (!inserted) {
          toml_.Error(m.position, "measure code '" + m.code + "' is used twice (first at line " +
                                      std::to_string(it->second.line) + ")");
        }
        fw.measures.push_back(std::move(m));
      }
      if (list->empty()) toml_.Error(TomlReader::Pos(*measures), "the framework has no measures");
    }
    if (bands != nullptr && !toml_.failed() &&
        std::none_of(fw.measures.begin(), fw.measures.end(),
                     [](const Measure& m) { return m.weight > 0; })) {
      toml_.Error(TomlReader::Pos(*bands), "[bands] needs at least one measure with a 'weight'");
    }
    if (fw.unit_target_rule == UnitTargetRule::kProRata) {
      const Measure* by = fw.FindMeasure(fw.pro_rata_by);
      if (by == nullptr || by->kind != MeasureKind::kCount || by->placeholder) {
        toml_.Error(root.get("pro_rata_by") ? StringPos(root.get("pro_rata_by")) : top,
                    "unit_target_rule = \"pro-rata\" needs 'pro_rata_by', the code of a count "
                    "measure of the framework");
      }
    }
    if (toml_.failed()) return toml_.Finish();
    return fw;
  }

 private:
  // Where the text of the string `node` starts in the file: after the opening quote, or for a
  // multi-line string after the opening quotes and the newline TOML trims right after them.
  SourcePos StringPos(const toml::node* node) const {
    if (node == nullptr) return {1, 1};
    SourcePos pos = TomlReader::Pos(*node);
    if (pos.line < 1 || pos.line > static_cast<int>(lines_.size())) return pos;
    const std::string_view line = lines_[static_cast<size_t>(pos.line) - 1];
    // toml++ counts columns in code points; find the byte the column names.
    size_t i = 0;
    for (int column = 1; i < line.size() && column < pos.column; ++column) {
      ++i;
      while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
    }
    if (i >= line.size() || (line[i] != '"' && line[i] != '\'')) return pos;
    if (line.substr(i, 3) == std::string(3, line[i])) {
      const std::string_view after = line.substr(i + 3);
      if (after.empty() || after == "\r") return {pos.line + 1, 1};
      return {pos.line, pos.column + 3};
    }
    return {pos.line, pos.column + 1};
  }

  // The index of the key's value among the space-separated `choices`; -1 when absent or wrong.
  int GetChoice(const toml::table& table, std::string_view key, SourcePos table_pos, bool required,
                std::string_view choices) {
    std::string text;
    if (!toml_.GetText(table, key, table_pos, required, &text)) return -1;
    const std::vector<std::string_view> words = Words(choices);
    for (size_t i = 0; i < words.size(); ++i) {
      if (words[i] == text) return static_cast<int>(i);
    }
    std::string list;
    for (size_t i = 0; i < words.size(); ++i) {
      list += std::string(i == 0                  ? ""
                          : i + 1 == words.size() ? " or "
                                                  : ", ") +
              std::string(words[i]);
    }
    toml_.Error(StringPos(table.get(key)),
                "'" + std::string(key) + "' must be " + std::string(list) + ", not '" + text + "'");
    return -1;
  }

  // A list of numbers; false (with an error) when any entry is not a number.
  bool GetNumbers(const toml::table& table, std::string_view key, std::vector<double>* out) {
    const toml::node* node = table.get(key);
    if (node == nullptr) return false;
    const toml::array* list = node->as_array();
    if (list == nullptr) {
      toml_.Error(TomlReader::Pos(*node), "'" + std::string(key) +
                                              "' must be a list of numbers, not " +
                                              std::string(TomlReader::TypeName(*node)));
      return false;
    }
    out->clear();
    for (const toml::node& item : *list) {
      const std::optional<double> value = NumberOf(item);
      if (!value) {
        toml_.Error(TomlReader::Pos(item), "'" + std::string(key) +
                                               "' must hold numbers only, not " +
                                               std::string(TomlReader::TypeName(item)));
        return false;
      }
      out->push_back(*value);
    }
    return true;
  }

  void LoadBands(const toml::node& node, Bands* bands) {
    const toml::table* table = node.as_table();
    if (table == nullptr) {
      toml_.Error(TomlReader::Pos(node), "'bands' must be a [bands] table");
      return;
    }
    toml_.CheckKeys(*table, kBandsKeys, "[bands]");
    if (!table->contains("max_score")) {
      toml_.Error(TomlReader::Pos(node), "[bands] needs 'max_score', three ascending scores");
      return;
    }
    if (!GetNumbers(*table, "max_score", &bands->max_score)) return;
    const SourcePos pos = TomlReader::Pos(*table->get("max_score"));
    const auto& s = bands->max_score;
    if (s.size() != 3) {
      toml_.Error(pos, "'max_score' must have 3 scores (the most for bands 4, 3 and 2), not " +
                           std::to_string(s.size()));
    } else if (s[0] < 0 || !(s[0] < s[1] && s[1] < s[2])) {
      toml_.Error(pos, "'max_score' must be ascending and not negative");
    }
  }

  // Compiles the rule `key` of `table` if present; records its text.
  void Rule(const toml::table& table, std::string_view key, const RecordType* subject,
            Type expected, ExprPtr* expr, std::string* text) {
    if (!toml_.GetText(table, key, {}, false, text)) return;
    const SourcePos origin = StringPos(table.get(key));
    if (text->find_first_not_of(" \t\r\n") == std::string::npos) {
      toml_.Error(origin, "'" + std::string(key) + "' is empty");
      return;
    }
    if (subject == nullptr) return;  // the record type is wrong: reported already
    Result<ExprPtr> compiled = CompileExpression(*text, *subject, expected, {toml_.path(), origin});
    if (!compiled.ok()) {
      toml_.AddFormattedError(compiled.status().message());
      return;
    }
    *expr = std::move(*compiled);
  }

  void LoadTargets(const toml::table& table, Measure* m) {
    const toml::node* single = table.get("target");
    const toml::node* many = table.get("targets");
    if (single != nullptr && many != nullptr) {
      toml_.Error(TomlReader::Pos(*many), "give either 'target' or 'targets', not both");
      return;
    }
    if (single != nullptr) {
      Target t;
      if (toml_.GetNumber(table, "target", {}, false, &t.value)) m->targets.push_back(t);
      return;
    }
    if (many == nullptr) return;
    const toml::array* list = many->as_array();
    if (list == nullptr) {
      toml_.Error(TomlReader::Pos(*many),
                  "'targets' must be a list such as [{ year = \"2011-12\", value = 90 }], not " +
                      std::string(TomlReader::TypeName(*many)));
      return;
    }
    std::set<std::string> years;
    for (const toml::node& item : *list) {
      const toml::table* entry = item.as_table();
      const SourcePos pos = TomlReader::Pos(item);
      if (entry == nullptr) {
        toml_.Error(pos, "each target must be a table such as { year = \"2011-12\", value = 90 }");
        continue;
      }
      toml_.CheckKeys(*entry, kTargetKeys, "a target");
      Target t;
      if (toml_.GetText(*entry, "year", pos, true, &t.year)) {
        if (FinancialYearStart(t.year) < 0) {
          toml_.Error(TomlReader::Pos(*entry->get("year")),
                      "a target's year must be a financial year such as \"2011-12\", not \"" +
                          t.year + "\"");
        } else if (!years.insert(t.year).second) {
          toml_.Error(TomlReader::Pos(*entry->get("year")), "two targets for " + t.year);
        }
      }
      const bool has_value = toml_.GetNumber(*entry, "value", {}, false, &t.value);
      toml_.GetBool(*entry, "tbc", &t.tbc);
      if (has_value == t.tbc) {
        toml_.Error(pos, "a target needs either 'value' or 'tbc = true' (not yet set)");
      }
      m->targets.push_back(t);
    }
    std::stable_sort(m->targets.begin(), m->targets.end(),
                     [](const Target& a, const Target& b) { return a.year < b.year; });
  }

  Measure LoadMeasure(const toml::table& table, double default_tolerance) {
    Measure m;
    const SourcePos at = TomlReader::Pos(table);
    toml_.CheckKeys(table, kMeasureKeys, "a measure");
    if (toml_.GetText(table, "code", at, true, &m.code)) {
      m.position = TomlReader::Pos(*table.get("code"));
      if (!IsIdentifier(m.code, true)) {
        toml_.Error(m.position,
                    "measure code '" + m.code + "' may only have letters, digits, '-' and '_'");
      }
    } else {
      m.position = at;
    }
    toml_.GetText(table, "title", at, true, &m.title);
    toml_.GetBool(table, "placeholder", &m.placeholder);
    toml_.GetText(table, "description", at, !m.placeholder, &m.description);
    toml_.GetText(table, "source", at, false, &m.source);
    toml_.GetText(table, "previous_target", at, false, &m.previous_target);
    toml_.GetText(table, "reported_achieved", at, false, &m.reported_achieved);

    constexpr MeasureKind kKinds[] = {MeasureKind::kPercent, MeasureKind::kCount,
                                      MeasureKind::kAverage, MeasureKind::kRate};
    if (const int k = GetChoice(table, "kind", at, !m.placeholder, "percent count average rate");
        k >= 0) {
      m.kind = kKinds[k];
    }
    if (const int d = GetChoice(table, "direction", at, false, "higher lower none"); d >= 1) {
      m.direction = d == 1 ? Direction::kLowerIsBetter : Direction::kNone;
    }
    m.amber_tolerance = default_tolerance;
    if (toml_.GetNumber(table, "amber_tolerance", {}, false, &m.amber_tolerance) &&
        m.amber_tolerance < 0) {
      toml_.Error(TomlReader::Pos(*table.get("amber_tolerance")),
                  "'amber_tolerance' must not be negative");
    }
    toml_.GetBool(table, "national_target", &m.national_target);
    toml_.GetBool(table, "population", &m.population);
    toml_.GetBool(table, "level", &m.level);
    LoadTargets(table, &m);

    if (m.placeholder) {
      for (std::string_view key : Words(kRuleKeys)) {
        if (const toml::node* node = table.get(key)) {
          toml_.Error(
              TomlReader::Pos(*node),
              "placeholder measure " + m.code + " has no rules: remove '" + std::string(key) + "'");
        }
      }
      return m;
    }
    LoadRules(table, at, &m);
    return m;
  }

  void LoadRules(const toml::table& table, SourcePos at, Measure* m) {
    std::string counts;
    if (toml_.GetText(table, "counts", at, true, &counts)) {
      m->counts = FindRecordType(counts);
      if (m->counts == nullptr) {
        std::string names;
        for (const RecordType& t : AllRecordTypes()) {
          names += (names.empty() ? "" : ", ") + std::string(t.name);
        }
        toml_.Error(StringPos(table.get("counts")),
                    "'" + counts + "' is not a record type (known: " + names + ")");
      }
    }
    const char* kind_name = m->kind == MeasureKind::kPercent   ? "percent"
                            : m->kind == MeasureKind::kCount   ? "count"
                            : m->kind == MeasureKind::kAverage ? "average"
                                                               : "rate";
    const auto not_for_kind = [&](std::string_view key) {
      if (const toml::node* node = table.get(key)) {
        toml_.Error(TomlReader::Pos(*node),
                    "'" + std::string(key) + "' does not apply to a " + kind_name + " measure");
        return true;
      }
      return false;
    };
    if (m->kind != MeasureKind::kCount) not_for_kind("level");
    if (toml_.GetText(table, "needs_records", at, false, &m->needs_records)) {
      const size_t dot = m->needs_records.find('.');
      m->needs_type =
          dot == std::string::npos ? nullptr : FindRecordType(m->needs_records.substr(0, dot));
      m->needs_field = m->needs_type == nullptr
                           ? -1
                           : m->needs_type->FieldIndex(m->needs_records.substr(dot + 1));
      if (m->needs_field < 0 ||
          m->needs_type->fields[static_cast<size_t>(m->needs_field)].type != FieldType::kDate) {
        toml_.Error(StringPos(table.get("needs_records")),
                    "'needs_records' must name a record type and one of its date fields "
                    "(type.field)");
        m->needs_type = nullptr;
        m->needs_field = -1;
      }
    }
    if (!table.contains("anchor")) toml_.Error(at, "missing required key 'anchor'");
    Rule(table, "anchor", m->counts, Type::kDate, &m->anchor, &m->anchor_text);
    Rule(table, "filter", m->counts, Type::kBool, &m->filter, &m->filter_text);
    if (m->kind == MeasureKind::kAverage) {
      not_for_kind("success");
      not_for_kind("deadline");
      if (!table.contains("value")) toml_.Error(at, "an average measure needs a 'value'");
      Rule(table, "value", m->counts, Type::kNumber, &m->value, &m->value_text);
    } else {
      not_for_kind("value");
      if (m->kind != MeasureKind::kCount && !table.contains("success")) {
        toml_.Error(at, std::string("a ") + kind_name + " measure needs a 'success' rule");
      }
      Rule(table, "success", m->counts, Type::kBool, &m->success, &m->success_text);
      if (table.contains("deadline") && !table.contains("success")) {
        toml_.Error(TomlReader::Pos(*table.get("deadline")), "a 'deadline' needs a 'success' rule");
      }
      Rule(table, "deadline", m->counts, Type::kDate, &m->deadline, &m->deadline_text);
    }
    if (m->kind == MeasureKind::kRate) {
      if (toml_.GetNumber(table, "rate_per", {}, false, &m->rate_per) && m->rate_per <= 0) {
        toml_.Error(TomlReader::Pos(*table.get("rate_per")), "'rate_per' must be more than 0");
      }
    } else {
      not_for_kind("rate_per");
    }

    const bool has_target =
        std::any_of(m->targets.begin(), m->targets.end(), [](const Target& t) { return !t.tbc; });
    if (toml_.GetNumber(table, "weight", {}, false, &m->weight)) {
      const SourcePos pos = TomlReader::Pos(*table.get("weight"));
      if (m->weight <= 0) {
        toml_.Error(pos, "'weight' must be more than 0 (leave it out for an unweighted measure)");
      } else if (m->kind != MeasureKind::kPercent && m->kind != MeasureKind::kCount) {
        toml_.Error(pos, std::string("'weight' is for percent and count measures, not a ") +
                             kind_name + " measure");
      } else if (!has_target) {
        toml_.Error(pos, "a weighted measure needs a target");
      }
    }
    if (table.contains("monthly_profile")) LoadProfile(table, has_target, m);
  }

  void LoadProfile(const toml::table& table, bool has_target, Measure* m) {
    const SourcePos pos = TomlReader::Pos(*table.get("monthly_profile"));
    if (m->kind != MeasureKind::kCount) {
      toml_.Error(pos, "'monthly_profile' is for count measures only");
      return;
    }
    if (!has_target) {
      toml_.Error(pos, "'monthly_profile' needs a target to share out");
      return;
    }
    if (!GetNumbers(table, "monthly_profile", &m->monthly_profile)) return;
    const auto& p = m->monthly_profile;
    if (p.size() != 12) {
      toml_.Error(pos, "'monthly_profile' needs 12 values, April to March, not " +
                           std::to_string(p.size()));
      return;
    }
    double sum = 0;
    for (double v : p) {
      if (v < 0) {
        toml_.Error(pos, "'monthly_profile' values must not be negative");
        return;
      }
      sum += v;
    }
    const auto near = [](double a, double b) { return std::abs(a - b) <= 1e-6 * std::max(1.0, b); };
    for (const Target& t : m->targets) {
      if (t.tbc || near(sum, 1) || near(sum, t.value)) continue;
      std::ostringstream text;
      text << "'monthly_profile' adds up to " << sum << ": it must add up to 1 or to the target ("
           << t.value << (t.year.empty() ? "" : " for " + t.year) << ")";
      toml_.Error(pos, text.str());
    }
  }

  TomlReader toml_;
  std::vector<std::string_view> lines_;  // of the text, for StringPos()
};

}  // namespace

std::optional<double> Measure::TargetFor(int fy_start_year) const {
  return TargetInForce(targets, fy_start_year);
}

std::optional<double> TargetInForce(const std::vector<Target>& targets, int fy_start_year) {
  const Target* chosen = nullptr;
  int chosen_year = -1;
  for (const Target& t : targets) {
    const int year = t.year.empty() ? 0 : FinancialYearStart(t.year);
    if (year > fy_start_year || (chosen != nullptr && year < chosen_year)) continue;
    chosen = &t;
    chosen_year = year;
  }
  if (chosen == nullptr || chosen->tbc) return std::nullopt;
  return chosen->value;
}

const Measure* Framework::FindMeasure(std::string_view code) const {
  for (const Measure& m : measures) {
    if (m.code == code) return &m;
  }
  return nullptr;
}

namespace {

// Adds the rows of the targets table at `path` for `fw` to its measures' unit_targets.
Status LoadUnitTargets(const std::string& path, Framework* fw) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot read the targets table " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = std::move(buffer).str();
  ReferenceCsvReader reader(text, path);
  PROBATION_RETURN_IF_ERROR(
      reader.ReadHeader({"framework", "measure", "unit", "year", "target", "tolerance"}));
  std::vector<std::string_view> f;
  const auto number = [](std::string_view text, double* out) {
    const std::string s(text);
    char* end = nullptr;
    *out = std::strtod(s.c_str(), &end);
    return !s.empty() && end == s.c_str() + s.size() && std::isfinite(*out);
  };
  while (true) {
    Result<bool> more = reader.Next(&f);
    if (!more.ok()) return more.status();
    if (!*more) break;
    if (f[0] != fw->id) continue;
    Measure* m = nullptr;
    for (Measure& candidate : fw->measures) {
      if (candidate.code == f[1]) m = &candidate;
    }
    if (m == nullptr || m->placeholder) {
      return reader.Error("'" + std::string(f[1]) + "' is not a measure of " + fw->id);
    }
    UnitTarget t;
    t.unit = std::string(f[2]);
    if (t.unit.empty()) return reader.Error("the unit is empty");
    t.target.year = std::string(f[3]);
    if (!t.target.year.empty() && FinancialYearStart(t.target.year) < 0) {
      return reader.Error("the year must be a financial year such as 2011-12, not '" +
                          t.target.year + "'");
    }
    if (f[4] == "tbc") {
      t.target.tbc = true;
    } else if (!number(f[4], &t.target.value)) {
      return reader.Error("the target must be a number or tbc, not '" + std::string(f[4]) + "'");
    }
    if (!f[5].empty()) {
      double tolerance = 0;
      if (!number(f[5], &tolerance) || tolerance < 0) {
        return reader.Error("the tolerance must be a number, 0 or more, or empty");
      }
      t.tolerance = tolerance;
    }
    m->unit_targets.push_back(std::move(t));
    fw->targets_file = path;
  }
  return Status();
}

}  // namespace

Result<Framework> LoadFramework(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot read the framework file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError("cannot read the framework file " + path);
  Result<Framework> fw = Loader(path, std::move(text).str()).Load();
  if (!fw.ok()) return fw;
  const fs::path targets = fs::path(path).parent_path() / "targets.csv";
  std::error_code ec;
  if (fs::is_regular_file(targets, ec)) {
    PROBATION_RETURN_IF_ERROR(LoadUnitTargets(targets.string(), &*fw));
  }
  return fw;
}

Result<Framework> ParseFramework(std::string_view text, const std::string& path) {
  return Loader(path, std::string(text)).Load();
}

Result<std::vector<Framework>> LoadFrameworks(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return NotFound("the frameworks folder " + dir + " does not exist");
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".toml" && entry.is_regular_file(ec)) {
      files.push_back(entry.path());
    }
  }
  if (ec) return IoError("cannot list the frameworks folder " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
  std::vector<Framework> frameworks;
  std::map<std::string, std::string> ids;
  std::string errors;
  bool io_error = false;
  for (const fs::path& file : files) {
    Result<Framework> fw = LoadFramework(file.string());
    if (!fw.ok()) {
      io_error |= fw.status().code() == StatusCode::kIoError;
      errors += (errors.empty() ? "" : "\n") + fw.status().message();
      continue;
    }
    auto [it, inserted] = ids.emplace(fw->id, file.string());
    if (!inserted) {
      errors += (errors.empty() ? "" : "\n") + file.string() +
                ", line 1, column 1: framework id '" + fw->id + "' is already used by " +
                it->second;
      continue;
    }
    frameworks.push_back(std::move(*fw));
  }
  if (!errors.empty()) return io_error ? IoError(errors) : InvalidArgument(errors);
  return frameworks;
}

Result<std::string> FrameworksDir() {
  if (const char* env = std::getenv("PROBATION_FRAMEWORKS_DIR"); env != nullptr && *env != 0) {
    if (!fs::is_directory(env)) {
      return NotFound(std::string("PROBATION_FRAMEWORKS_DIR is ") + env +
                      ", which is not a folder");
    }
    return std::string(env);
  }
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path dir = exe.parent_path();
    for (const fs::path& candidate : {dir.parent_path() / "frameworks", dir / "frameworks",
                                      dir.parent_path() / "share" / "probation" / "frameworks"}) {
      if (fs::is_directory(candidate, ec)) return candidate.string();
    }
  }
  return NotFound(
      "the frameworks folder was not found next to the program; set PROBATION_FRAMEWORKS_DIR to "
      "the project's frameworks/ folder");
}

}  // namespace probation::measures
