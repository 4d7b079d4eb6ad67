// Reading the tiering rule sets (tiering.h) from their TOML files under reference/tiering/.
#include <cstdlib>

#include "analytics/tiering.h"
#include "base/mapped_file.h"
#include "base/reference_files.h"
#include "base/toml_reader.h"

namespace probation::analytics {
namespace {

constexpr std::string_view kOmmKeys =
    "id version effective_from title source default_tier without_assessment_tier rules";
constexpr std::string_view kOmmRuleKeys =
    "tier rosh_at_least ogrs_at_least need_score_at_least mappa_level_at_least registration";
constexpr std::string_view kPcKeys = "id version effective_from title source protect change";
constexpr std::string_view kProtectKeys =
    "rosh_points mappa_level_points complexity_factor_points complexity_registrations levels";
constexpr std::string_view kChangeKeys =
    "need_weights ogrs_divisor iom_points levels no_assessment_level no_mandate_level "
    "no_mandate_requirements";

void ReadInfo(TomlReader& toml, const toml::table& root, RuleSetInfo* info) {
  const SourcePos top{1, 1};
  toml.GetText(root, "id", top, true, &info->id);
  toml.GetInt(root, "version", top, true, &info->version);
  toml.GetDate(root, "effective_from", top, true, &info->effective_from);
  toml.GetText(root, "title", top, true, &info->title);
  toml.GetText(root, "source", top, true, &info->source);
}

void ReadRosh(TomlReader& toml, const toml::table& table, std::string_view key, int* out) {
  std::string text;
  if (!toml.GetText(table, key, TomlReader::Pos(table), false, &text)) return;
  Result<int> rosh = ParseRosh(text);
  if (!rosh.ok()) {
    toml.Error(TomlReader::Pos(*table.get(key)), rosh.status().message());
    return;
  }
  *out = *rosh;
}

// levels = [{ level = "A", at_least = 150 }, ...], thresholds descending.
std::vector<LevelThreshold> ReadLevels(TomlReader& toml, const toml::table& table,
                                       std::string_view name) {
  std::vector<LevelThreshold> levels;
  for (const toml::table* t : toml.GetTables(table, "levels", name)) {
    toml.CheckKeys(*t, "level at_least", name);
    LevelThreshold l;
    toml.GetText(*t, "level", TomlReader::Pos(*t), true, &l.level);
    toml.GetInt(*t, "at_least", TomlReader::Pos(*t), true, &l.at_least);
    if (!levels.empty() && l.at_least >= levels.back().at_least) {
      toml.Error(TomlReader::Pos(*t), std::string(name) + ": thresholds must descend");
    }
    levels.push_back(std::move(l));
  }
  if (levels.empty()) toml.Error(TomlReader::Pos(table), std::string(name) + " is empty");
  return levels;
}

Result<std::string> ReadRuleFile(std::string_view name, std::string* path) {
  PROBATION_ASSIGN_OR_RETURN(const std::string dir, ReferenceDir());
  *path = dir + "/tiering/" + std::string(name);
  return ReadFileToString(*path);
}

}  // namespace

Result<OmmRuleSet> ParseOmmRuleSet(const std::string& path, std::string_view text) {
  TomlReader toml(path, std::string(text));
  const toml::table* root = toml.Root();
  if (root == nullptr) return toml.Finish();
  OmmRuleSet set;
  const SourcePos top{1, 1};
  toml.CheckKeys(*root, kOmmKeys, "the rule set");
  ReadInfo(toml, *root, &set.info);
  toml.GetText(*root, "default_tier", top, true, &set.default_tier);
  toml.GetText(*root, "without_assessment_tier", top, false, &set.without_assessment_tier);
  for (const toml::table* t : toml.GetTables(*root, "rules")) {
    const SourcePos at = TomlReader::Pos(*t);
    toml.CheckKeys(*t, kOmmRuleKeys, "a rule");
    OmmRule rule;
    toml.GetText(*t, "tier", at, true, &rule.tier);
    ReadRosh(toml, *t, "rosh_at_least", &rule.rosh_at_least);
    toml.GetInt(*t, "ogrs_at_least", at, false, &rule.ogrs_at_least);
    toml.GetInt(*t, "need_score_at_least", at, false, &rule.need_score_at_least);
    toml.GetInt(*t, "mappa_level_at_least", at, false, &rule.mappa_level_at_least);
    toml.GetText(*t, "registration", at, false, &rule.registration);
    if (rule.rosh_at_least == kRoshUnknown && rule.ogrs_at_least < 0 &&
        rule.need_score_at_least < 0 && rule.mappa_level_at_least <= 0 &&
        rule.registration.empty()) {
      toml.Error(at, "a rule needs at least one condition (use default_tier for the rest)");
    }
    set.rules.push_back(std::move(rule));
  }
  if (toml.failed()) return toml.Finish();
  return set;
}

Result<ProtectChangeRuleSet> ParseProtectChangeRuleSet(const std::string& path,
                                                       std::string_view text) {
  TomlReader toml(path, std::string(text));
  const toml::table* root = toml.Root();
  if (root == nullptr) return toml.Finish();
  ProtectChangeRuleSet set;
  toml.CheckKeys(*root, kPcKeys, "the rule set");
  ReadInfo(toml, *root, &set.info);
  if (const toml::table* p = toml.GetTable(*root, "protect")) {
    const SourcePos at = TomlReader::Pos(*p);
    toml.CheckKeys(*p, kProtectKeys, "[protect]");
    if (const toml::table* rosh = toml.GetTable(*p, "rosh_points")) {
      toml.CheckKeys(*rosh, "LOW MEDIUM HIGH VERY_HIGH", "rosh_points");
      constexpr std::array<std::string_view, 4> kCodes = {"LOW", "MEDIUM", "HIGH", "VERY_HIGH"};
      for (int i = 0; i < 4; ++i) toml.GetInt(*rosh, kCodes[i], at, false, &set.rosh_points[i]);
    }
    if (const toml::table* mappa = toml.GetTable(*p, "mappa_level_points")) {
      toml.CheckKeys(*mappa, "level1 level2 level3", "mappa_level_points");
      for (int i = 1; i <= 3; ++i) {
        toml.GetInt(*mappa, "level" + std::to_string(i), at, false, &set.mappa_level_points[i]);
      }
    }
    toml.GetInt(*p, "complexity_factor_points", at, true, &set.complexity_factor_points);
    toml.GetTextList(*p, "complexity_registrations", &set.complexity_registrations);
    set.protect_levels = ReadLevels(toml, *p, "protect.levels");
  } else {
    toml.Error({1, 1}, "the rule set needs a [protect] table");
  }
  if (const toml::table* c = toml.GetTable(*root, "change")) {
    const SourcePos at = TomlReader::Pos(*c);
    toml.CheckKeys(*c, kChangeKeys, "[change]");
    if (const toml::table* weights = toml.GetTable(*c, "need_weights")) {
      std::string allowed;
      for (std::string_view n : kNeedNames) allowed += std::string(n) + " ";
      toml.CheckKeys(*weights, allowed, "need_weights");
      for (int i = 0; i < kNeedCount; ++i) {
        toml.GetInt(*weights, kNeedNames[i], at, false, &set.need_weights[i]);
      }
    }
    toml.GetInt(*c, "ogrs_divisor", at, true, &set.ogrs_divisor);
    if (set.ogrs_divisor <= 0) toml.Error(at, "ogrs_divisor must be positive");
    toml.GetInt(*c, "iom_points", at, false, &set.iom_points);
    set.change_levels = ReadLevels(toml, *c, "change.levels");
    toml.GetText(*c, "no_assessment_level", at, true, &set.no_assessment_change_level);
    toml.GetText(*c, "no_mandate_level", at, true, &set.no_mandate_change_level);
    toml.GetTextList(*c, "no_mandate_requirements", &set.no_mandate_requirements);
  } else {
    toml.Error({1, 1}, "the rule set needs a [change] table");
  }
  if (toml.failed()) return toml.Finish();
  return set;
}

Result<OmmRuleSet> LoadOmmRuleSet() {
  std::string path;
  PROBATION_ASSIGN_OR_RETURN(const std::string text, ReadRuleFile("omm.toml", &path));
  return ParseOmmRuleSet(path, text);
}

Result<ProtectChangeRuleSet> LoadProtectChangeRuleSet() {
  std::string path;
  PROBATION_ASSIGN_OR_RETURN(const std::string text, ReadRuleFile("protect-change.toml", &path));
  return ParseProtectChangeRuleSet(path, text);
}

}  // namespace probation::analytics
