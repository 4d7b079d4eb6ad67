// Tiering: the tier of a case under supervision, derived from its stored inputs (risk of
// serious harm, likelihood of reoffending, criminogenic need, registrations, sentence) by a
// rule set held as data under reference/tiering/ (docs/workload.md):
//
//   - the Offender Management Model tiers 1-4 (1 punish, 2 help, 3 change, 4 control): an
//     ordered list of rules, each a conjunction of conditions; the first rule that holds gives
//     the tier (OmmRuleSet, reference/tiering/omm.toml);
//   - the protect/change model, A-D x 0-3: protect points from ROSH, MAPPA level and
//     complexity factors, change points from weighted needs, OGRS / 10 and IOM
//     (ProtectChangeRuleSet, reference/tiering/protect-change.toml).
//
// Every result carries the reasons a practitioner can read; DescribeTierChange says what moved
// between two sets of inputs ("ROSH raised to high on 2011-02-03"). Plain values and pure
// functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"

namespace probation::analytics {

enum class Setting { kCommunity = 0, kLicence, kCustody };
inline constexpr int kSettingCount = 3;
std::string_view SettingName(Setting setting);  // "community", "licence", "custody"
Result<Setting> ParseSetting(std::string_view text);

// ROSH levels in the order of the rosh_level code list; kRoshUnknown when not assessed.
inline constexpr int kRoshUnknown = -1;
inline constexpr int kRoshLow = 0, kRoshMedium = 1, kRoshHigh = 2, kRoshVeryHigh = 3;
std::string_view RoshName(int rosh);           // "low" ... "very high", "unknown"
Result<int> ParseRosh(std::string_view code);  // LOW, MEDIUM, HIGH, VERY_HIGH (any case)

// The ten OASys need sections, in the assessments table's order (need_accommodation ...).
inline constexpr int kNeedCount = 10;
extern const std::array<std::string_view, kNeedCount> kNeedNames;  // "accommodation", ...

struct RegistrationInput {
  std::string type;     // registration_type code: MAPPA, PPO, IOM, CHILD_PROTECTION, ...
  int mappa_level = 0;  // 1-3 for MAPPA, else 0
  Date start;
};

// What a tier is computed from, as at one date.
struct TierInputs {
  bool assessed = false;   // a completed assessment on or before the date
  std::string assessment;  // its key, "CRN/event/assessment"
  Date assessment_date;    // its completion date
  int rosh = kRoshUnknown;
  int ogrs = -1;  // 0-100 (two-year OGRS3, percent); -1 unknown
  std::array<int8_t, kNeedCount> needs{-1, -1, -1, -1, -1, -1, -1, -1, -1, -1};  // 0-2, -1
  std::string imported_tier;                     // the assessment's own tier field ("" when blank)
  std::vector<RegistrationInput> registrations;  // active on the date
  Setting setting = Setting::kCommunity;
  bool mandate_for_change = true;  // false: a community sentence with only restrictive requirements

  int MappaLevel() const;  // highest active MAPPA level, 0 when none
  bool HasRegistration(std::string_view type) const;
  int NeedScore() const;  // sum of the known need severities

  // One line, parseable by ParseTierInputs: "rosh=HIGH;ogrs=78;needs=0,2,...;reg=IOM@2010-05-04,
  // MAPPA2@2011-03-01;setting=community;mandate=Y;assessment=X1/1/3@2011-02-03;imported=3".
  std::string ToText() const;
};
Result<TierInputs> ParseTierInputs(std::string_view text);

// One rule of the OMM rule set: every condition given must hold.
struct OmmRule {
  std::string tier;                  // "1".."4"
  int rosh_at_least = kRoshUnknown;  // unset: kRoshUnknown
  int ogrs_at_least = -1;
  int need_score_at_least = -1;
  int mappa_level_at_least = 0;
  std::string registration;  // an active registration of this type
};

struct RuleSetInfo {
  std::string id;  // "omm", "protect-change"
  int version = 0;
  Date effective_from;
  std::string title;
  std::string source;
};

struct OmmRuleSet {
  RuleSetInfo info;
  std::vector<OmmRule> rules;           // in order; the first that holds gives the tier
  std::string default_tier;             // when none holds
  std::string without_assessment_tier;  // when none holds and there is no assessment
};

struct LevelThreshold {
  std::string level;  // "A" or "3"
  int at_least = 0;
};

struct ProtectChangeRuleSet {
  RuleSetInfo info;
  std::array<int, 4> rosh_points{};         // by ROSH level, low..very high
  std::array<int, 4> mappa_level_points{};  // by MAPPA level 0..3
  int complexity_factor_points = 0;
  std::vector<std::string> complexity_registrations;  // registration types that are factors
  std::vector<LevelThreshold> protect_levels;         // descending thresholds
  std::array<int, kNeedCount> need_weights{};
  int ogrs_divisor = 10;
  int iom_points = 0;
  std::vector<LevelThreshold> change_levels;  // descending thresholds
  std::string no_assessment_change_level;
  std::string no_mandate_change_level;
  std::vector<std::string> no_mandate_requirements;  // restrictive-only requirement types
};

struct TierResult {
  std::string tier;         // "1".."4", or "B2"
  int protect_points = -1;  // protect/change only
  int change_points = -1;
  std::vector<std::string> because;  // readable reasons, most important first
};

TierResult ComputeOmmTier(const OmmRuleSet& rules, const TierInputs& inputs);
TierResult ComputeProtectChangeTier(const ProtectChangeRuleSet& rules, const TierInputs& inputs);

// What moved between `before` and `after` (the inputs on `on`), one phrase per change, joined
// by "; ": "ROSH raised to high on 2011-02-03", "OGRS rose from 45 to 78 on 2011-02-03",
// "MAPPA level 2 from 2011-03-01", "IOM registration ended by 2011-03-31". Assessment changes
// are dated by the new assessment's completion, new registrations by their start, ended ones
// by `on`. Empty when nothing a tier depends on changed.
std::string DescribeTierChange(const TierInputs& before, const TierInputs& after, Date on);

// Rule sets from TOML text (errors "FILE, line L, column C: reason") or the shipped files
// reference/tiering/omm.toml and reference/tiering/protect-change.toml.
Result<OmmRuleSet> ParseOmmRuleSet(const std::string& path, std::string_view text);
Result<ProtectChangeRuleSet> ParseProtectChangeRuleSet(const std::string& path,
                                                       std::string_view text);
Result<OmmRuleSet> LoadOmmRuleSet();
Result<ProtectChangeRuleSet> LoadProtectChangeRuleSet();

}  // namespace probation::analytics
