// Storing computed tiers (table computed_tiers, migration 9): one row per case, rule set and
// as-at date, with the tier, the inputs it was computed from (TierInputs::ToText), the rule
// set's version, the reasons, and, when the tier differs from the case's previous stored tier
// for the same rule set, that tier and what moved (DescribeTierChange).
// Functions only; thread-compatible (one Database per thread).
#pragma once

#include <string>
#include <vector>

#include "analytics/tiering.h"
#include "store/database.h"

namespace probation::analytics {

struct ComputedTier {
  std::string crn;
  TierInputs inputs;
  TierResult result;
  std::string previous_tier;  // filled by SaveComputedTiers: "" when none or unchanged
  std::string change_reason;  // likewise
};

// Saves `tiers` for `rule_set` as at `as_at`, replacing any rows of the same run. Each is
// compared with the case's row of the latest earlier run of the rule set: a different tier
// gets previous_tier and change_reason (filled into `tiers` too). All or nothing.
Status SaveComputedTiers(Database* db, const RuleSetInfo& rule_set, Date as_at,
                         const std::string& computed_at, std::vector<ComputedTier>* tiers);

struct StoredTier {
  std::string as_at;
  std::string rule_set;
  int rule_set_version = 0;
  std::string tier;
  std::string previous_tier;
  std::string change_reason;
};

// The stored tiers of `crn`, every rule set, oldest first.
Result<std::vector<StoredTier>> ReadStoredTiers(Database* db, std::string_view crn);

}  // namespace probation::analytics
