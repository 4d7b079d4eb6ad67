#include "analytics/tiering.h"

#include <algorithm>
#include <charconv>

namespace probation::analytics {
namespace {

constexpr std::array<std::string_view, 4> kRoshCodes = {"LOW", "MEDIUM", "HIGH", "VERY_HIGH"};
constexpr std::array<std::string_view, 4> kRoshNames = {"low", "medium", "high", "very high"};

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  return out;
}

bool ParseInt(std::string_view text, int* out) {
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return !text.empty() && ec == std::errc() && ptr == text.data() + text.size();
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  if (text.empty()) return parts;
  while (true) {
    const size_t at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + 1);
  }
  return parts;
}

// The registration's name in reasons: "MAPPA level 2", "IOM".
std::string RegistrationName(const RegistrationInput& r) {
  if (r.type == "MAPPA") return "MAPPA level " + std::to_string(r.mappa_level);
  return r.type;
}

std::string LevelFor(const std::vector<LevelThreshold>& levels, int points) {
  for (const LevelThreshold& l : levels) {
    if (points >= l.at_least) return l.level;
  }
  return levels.empty() ? "" : levels.back().level;
}

}  // namespace

const std::array<std::string_view, kNeedCount> kNeedNames = {
    "accommodation", "ete",     "finance",   "relationships", "lifestyle",
    "drugs",         "alcohol", "emotional", "thinking",      "attitudes"};

std::string_view SettingName(Setting setting) {
  switch (setting) {
    case Setting::kCommunity:
      return "community";
    case Setting::kLicence:
      return "licence";
    case Setting::kCustody:
      return "custody";
  }
  return "community";
}

Result<Setting> ParseSetting(std::string_view text) {
  for (int i = 0; i < kSettingCount; ++i) {
    if (text == SettingName(static_cast<Setting>(i))) return static_cast<Setting>(i);
  }
  return InvalidArgument("'" + std::string(text) +
                         "' is not a setting; use community, licence or custody");
}

std::string_view RoshName(int rosh) {
  if (rosh < 0 || rosh > 3) return "unknown";
  return kRoshNames[rosh];
}

Result<int> ParseRosh(std::string_view code) {
  const std::string upper = Upper(code);
  for (int i = 0; i < 4; ++i) {
    if (upper == kRoshCodes[i]) return i;
  }
  return InvalidArgument("'" + std::string(code) +
                         "' is not a ROSH level; use LOW, MEDIUM, HIGH or VERY_HIGH");
}

int TierInputs::MappaLevel() const {
  int level = 0;
  for (const RegistrationInput& r : registrations) {
    if (r.type == "MAPPA") level = std::max(level, r.mappa_level);
  }
  return level;
}

bool TierInputs::HasRegistration(std::string_view type) const {
  return std::any_of(registrations.begin(), registrations.end(),
                     [&](const RegistrationInput& r) { return r.type == type; });
}

int TierInputs::NeedScore() const {
  int sum = 0;
  for (int8_t n : needs) sum += n > 0 ? n : 0;
  return sum;
}

std::string TierInputs::ToText() const {
  std::string out = "rosh=";
  out += rosh >= 0 ? kRoshCodes[rosh] : "";
  out += ";ogrs=" + (ogrs >= 0 ? std::to_string(ogrs) : std::string());
  out += ";needs=";
  for (int i = 0; i < kNeedCount; ++i) {
    if (i > 0) out += ',';
    if (needs[i] >= 0) out += static_cast<char>('0' + needs[i]);
  }
  out += ";reg=";
  for (size_t i = 0; i < registrations.size(); ++i) {
    if (i > 0) out += ',';
    out += registrations[i].type;
    if (registrations[i].mappa_level > 0) out += std::to_string(registrations[i].mappa_level);
    out += "@" + registrations[i].start.ToString();
  }
  out += ";setting=" + std::string(SettingName(setting));
  out += std::string(";mandate=") + (mandate_for_change ? "Y" : "N");
  out += ";assessment=";
  if (assessed) out += assessment + "@" + assessment_date.ToString();
  out += ";imported=" + imported_tier;
  return out;
}

Result<TierInputs> ParseTierInputs(std::string_view text) {
  TierInputs in;
  const auto bad = [&](std::string_view why) {
    return InvalidArgument("tier inputs '" + std::string(text) + "': " + std::string(why));
  };
  for (std::string_view part : Split(text, ';')) {
    const size_t eq = part.find('=');
    if (eq == std::string_view::npos) return bad("a part without '='");
    const std::string_view key = part.substr(0, eq);
    const std::string_view value = part.substr(eq + 1);
    if (key == "rosh") {
      if (!value.empty()) {
        Result<int> rosh = ParseRosh(value);
        if (!rosh.ok()) return bad(rosh.status().message());
        in.rosh = *rosh;
      }
    } else if (key == "ogrs") {
      if (!value.empty() && !ParseInt(value, &in.ogrs)) return bad("ogrs");
    } else if (key == "needs") {
      const std::vector<std::string_view> needs = Split(value, ',');
      if (needs.size() != kNeedCount) return bad("needs must have ten entries");
      for (int i = 0; i < kNeedCount; ++i) {
        int n = -1;
        if (!needs[i].empty() && !ParseInt(needs[i], &n)) return bad("needs");
        in.needs[i] = static_cast<int8_t>(n);
      }
    } else if (key == "reg") {
      for (std::string_view reg : Split(value, ',')) {
        const size_t at = reg.find('@');
        if (at == std::string_view::npos) return bad("a registration without '@'");
        RegistrationInput r;
        r.type = std::string(reg.substr(0, at));
        if (r.type.size() == 6 && r.type.starts_with("MAPPA")) {
          r.mappa_level = r.type[5] - '0';
          r.type = "MAPPA";
        }
        Result<Date> start = Date::Parse(reg.substr(at + 1));
        if (!start.ok()) return bad(start.status().message());
        r.start = *start;
        in.registrations.push_back(std::move(r));
      }
    } else if (key == "setting") {
      Result<Setting> setting = ParseSetting(value);
      if (!setting.ok()) return bad(setting.status().message());
      in.setting = *setting;
    } else if (key == "mandate") {
      in.mandate_for_change = value == "Y";
    } else if (key == "assessment") {
      if (!value.empty()) {
        const size_t at = value.find('@');
        if (at == std::string_view::npos) return bad("an assessment without '@'");
        Result<Date> date = Date::Parse(value.substr(at + 1));
        if (!date.ok()) return bad(date.status().message());
        in.assessed = true;
        in.assessment = std::string(value.substr(0, at));
        in.assessment_date = *date;
      }
    } else if (key == "imported") {
      in.imported_tier = std::string(value);
    } else {
      return bad("unknown part '" + std::string(key) + "'");
    }
  }
  return in;
}

TierResult ComputeOmmTier(const OmmRuleSet& rules, const TierInputs& in) {
  TierResult result;
  for (const OmmRule& rule : rules.rules) {
    std::vector<std::string> held;
    bool holds = true;
    if (rule.rosh_at_least != kRoshUnknown) {
      holds = holds && in.rosh >= rule.rosh_at_least;
      held.push_back("ROSH " + std::string(RoshName(in.rosh)) + " (" +
                     std::string(RoshName(rule.rosh_at_least)) + " or above)");
    }
    if (rule.ogrs_at_least >= 0) {
      holds = holds && in.ogrs >= rule.ogrs_at_least;
      held.push_back("OGRS " + std::to_string(in.ogrs) + "% (" +
                     std::to_string(rule.ogrs_at_least) + "% or above)");
    }
    if (rule.need_score_at_least >= 0) {
      holds = holds && in.assessed && in.NeedScore() >= rule.need_score_at_least;
      held.push_back("need score " + std::to_string(in.NeedScore()) + " (" +
                     std::to_string(rule.need_score_at_least) + " or above)");
    }
    if (rule.mappa_level_at_least > 0) {
      holds = holds && in.MappaLevel() >= rule.mappa_level_at_least;
      held.push_back("MAPPA level " + std::to_string(in.MappaLevel()) + " (" +
                     std::to_string(rule.mappa_level_at_least) + " or above)");
    }
    if (!rule.registration.empty()) {
      holds = holds && in.HasRegistration(rule.registration);
      held.push_back(rule.registration + " registration");
    }
    if (holds) {
      result.tier = rule.tier;
      result.because = std::move(held);
      return result;
    }
  }
  if (!in.assessed && !rules.without_assessment_tier.empty()) {
    result.tier = rules.without_assessment_tier;
    result.because.push_back("no completed assessment, and no registration rule applies");
    return result;
  }
  result.tier = rules.default_tier;
  result.because.push_back("no rule for a higher tier holds (ROSH " +
                           std::string(RoshName(in.rosh)) + ", OGRS " +
                           (in.ogrs >= 0 ? std::to_string(in.ogrs) + "%" : "unknown") +
                           ", need score " + std::to_string(in.NeedScore()) + ")");
  return result;
}

TierResult ComputeProtectChangeTier(const ProtectChangeRuleSet& rules, const TierInputs& in) {
  TierResult result;
  // Protect. The store holds no RSR score, so the RSR points and the min(RSR, ROSH) deduction
  // of the published model are both 0 (docs/workload.md).
  int protect = 0;
  if (in.rosh >= 0 && rules.rosh_points[in.rosh] > 0) {
    protect += rules.rosh_points[in.rosh];
    result.because.push_back("ROSH " + std::string(RoshName(in.rosh)) + ": " +
                             std::to_string(rules.rosh_points[in.rosh]) + " protect points");
  }
  const int mappa = in.MappaLevel();
  if (mappa > 0 && rules.mappa_level_points[mappa] > 0) {
    protect += rules.mappa_level_points[mappa];
    result.because.push_back("MAPPA level " + std::to_string(mappa) + ": " +
                             std::to_string(rules.mappa_level_points[mappa]) + " protect points");
  }
  for (const std::string& factor : rules.complexity_registrations) {
    if (in.HasRegistration(factor)) {
      protect += rules.complexity_factor_points;
      result.because.push_back(factor + " (complexity factor): " +
                               std::to_string(rules.complexity_factor_points) + " protect points");
    }
  }
  const std::string protect_level = LevelFor(rules.protect_levels, protect);
  result.protect_points = protect;

  // Change.
  std::string change_level;
  int change = 0;
  if (!in.mandate_for_change) {
    change_level = rules.no_mandate_change_level;
    result.because.push_back(
        "no mandate for change (only restrictive requirements): change level " + change_level);
  } else if (!in.assessed) {
    change_level = rules.no_assessment_change_level;
    result.because.push_back("no completed assessment: change level " + change_level);
  } else {
    std::string needs;
    for (int i = 0; i < kNeedCount; ++i) {
      const int points = in.needs[i] > 0 ? in.needs[i] * rules.need_weights[i] : 0;
      if (points == 0) continue;
      change += points;
      needs +=
          (needs.empty() ? "" : ", ") + std::string(kNeedNames[i]) + " " + std::to_string(points);
    }
    if (!needs.empty()) {
      result.because.push_back("needs (" + needs + "): change points");
    }
    if (in.ogrs >= 0 && rules.ogrs_divisor > 0) {
      const int points = in.ogrs / rules.ogrs_divisor;
      change += points;
      result.because.push_back("OGRS " + std::to_string(in.ogrs) + "% / " +
                               std::to_string(rules.ogrs_divisor) + ": " + std::to_string(points) +
                               " change points");
    }
    if (in.HasRegistration("IOM") && rules.iom_points > 0) {
      change += rules.iom_points;
      result.because.push_back("IOM: " + std::to_string(rules.iom_points) + " change points");
    }
    change_level = LevelFor(rules.change_levels, change);
    result.change_points = change;
  }
  result.tier = protect_level + change_level;
  result.because.insert(result.because.begin(),
                        "protect " + std::to_string(protect) + " points -> " + protect_level +
                            (result.change_points >= 0 ? ", change " + std::to_string(change) +
                                                             " points -> " + change_level
                                                       : ", change level " + change_level));
  return result;
}

std::string DescribeTierChange(const TierInputs& before, const TierInputs& after, Date on) {
  std::vector<std::string> parts;
  const std::string assessed_on =
      after.assessed ? " on " + after.assessment_date.ToString() : " by " + on.ToString();
  if (before.assessed && !after.assessed) parts.push_back("no completed assessment" + assessed_on);
  if (!before.assessed && after.assessed) {
    // A first assessment: what it found, rather than each input "changed" from unknown.
    parts.push_back("first assessment" + assessed_on + ": ROSH " +
                    std::string(RoshName(after.rosh)) + ", OGRS " +
                    (after.ogrs >= 0 ? std::to_string(after.ogrs) + "%" : "unknown") +
                    ", need score " + std::to_string(after.NeedScore()));
  } else if (after.rosh != before.rosh) {
    if (before.rosh == kRoshUnknown) {
      parts.push_back("ROSH assessed as " + std::string(RoshName(after.rosh)) + assessed_on);
    } else if (after.rosh == kRoshUnknown) {
      parts.push_back("ROSH no longer assessed" + assessed_on);
    } else {
      parts.push_back("ROSH " + std::string(after.rosh > before.rosh ? "raised" : "lowered") +
                      " to " + std::string(RoshName(after.rosh)) + assessed_on);
    }
  }
  if (before.assessed && after.assessed && after.ogrs != before.ogrs) {
    if (before.ogrs < 0) {
      parts.push_back("OGRS scored " + std::to_string(after.ogrs) + "%" + assessed_on);
    } else if (after.ogrs < 0) {
      parts.push_back("OGRS no longer scored" + assessed_on);
    } else {
      parts.push_back("OGRS " + std::string(after.ogrs > before.ogrs ? "rose" : "fell") + " from " +
                      std::to_string(before.ogrs) + "% to " + std::to_string(after.ogrs) + "%" +
                      assessed_on);
    }
  }
  if (before.assessed && after.assessed && after.NeedScore() != before.NeedScore()) {
    parts.push_back("need score " + std::to_string(before.NeedScore()) + " -> " +
                    std::to_string(after.NeedScore()) + assessed_on);
  }
  const auto has = [](const TierInputs& in, const RegistrationInput& r) {
    return std::any_of(in.registrations.begin(), in.registrations.end(),
                       [&](const RegistrationInput& x) {
                         return x.type == r.type && x.mappa_level == r.mappa_level;
                       });
  };
  for (const RegistrationInput& r : after.registrations) {
    if (!has(before, r)) parts.push_back(RegistrationName(r) + " from " + r.start.ToString());
  }
  for (const RegistrationInput& r : before.registrations) {
    if (!has(after, r)) parts.push_back(RegistrationName(r) + " ended by " + on.ToString());
  }
  if (after.setting != before.setting) {
    parts.push_back("setting now " + std::string(SettingName(after.setting)) + " by " +
                    on.ToString());
  }
  if (after.mandate_for_change != before.mandate_for_change) {
    parts.push_back(std::string(after.mandate_for_change ? "mandate for change from "
                                                         : "no mandate for change from ") +
                    on.ToString());
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

}  // namespace probation::analytics
