#include "analytics/tiering_store.h"

#include <unordered_map>

namespace probation::analytics {
namespace {

struct Previous {
  std::string tier;
  std::string inputs;
};

std::string JoinReasons(const std::vector<std::string>& because) {
  std::string out;
  for (const std::string& b : because) out += (out.empty() ? "" : "; ") + b;
  return out;
}

}  // namespace

Status SaveComputedTiers(Database* db, const RuleSetInfo& rule_set, Date as_at,
                         const std::string& computed_at, std::vector<ComputedTier>* tiers) {
  const std::string at = as_at.ToString();
  // The latest earlier run of this rule set, read whole: one query, not one per case.
  std::unordered_map<std::string, Previous> previous;
  PROBATION_ASSIGN_OR_RETURN(
      Statement read,
      db->Prepare("SELECT crn, tier, inputs FROM computed_tiers WHERE rule_set = ?1 AND as_at = "
                  "(SELECT MAX(as_at) FROM computed_tiers WHERE rule_set = ?1 AND as_at < ?2)"));
  read.BindText(1, rule_set.id);
  read.BindText(2, at);
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool row, read.Step());
    if (!row) break;
    previous.emplace(std::string(read.ColumnText(0)),
                     Previous{std::string(read.ColumnText(1)), std::string(read.ColumnText(2))});
  }

  PROBATION_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db));
  PROBATION_ASSIGN_OR_RETURN(
      Statement clear, db->Prepare("DELETE FROM computed_tiers WHERE rule_set = ? AND as_at = ?"));
  clear.BindText(1, rule_set.id);
  clear.BindText(2, at);
  PROBATION_RETURN_IF_ERROR(clear.Run());
  PROBATION_ASSIGN_OR_RETURN(
      Statement insert,
      db->Prepare("INSERT INTO computed_tiers (crn, rule_set, as_at, rule_set_version, tier, "
                  "protect_points, change_points, inputs, reasons, previous_tier, change_reason, "
                  "computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  for (ComputedTier& t : *tiers) {
    const std::string inputs = t.inputs.ToText();
    t.previous_tier.clear();
    t.change_reason.clear();
    if (auto it = previous.find(t.crn); it != previous.end() && it->second.tier != t.result.tier) {
      t.previous_tier = it->second.tier;
      Result<TierInputs> before = ParseTierInputs(it->second.inputs);
      t.change_reason = before.ok() ? DescribeTierChange(*before, t.inputs, as_at) : "";
      if (t.change_reason.empty()) t.change_reason = "rule set changed";
    }
    insert.Reset();
    insert.BindText(1, t.crn);
    insert.BindText(2, rule_set.id);
    insert.BindText(3, at);
    insert.BindInt(4, rule_set.version);
    insert.BindText(5, t.result.tier);
    if (t.result.protect_points >= 0) {
      insert.BindInt(6, t.result.protect_points);
    } else {
      insert.BindNull(6);
    }
    if (t.result.change_points >= 0) {
      insert.BindInt(7, t.result.change_points);
    } else {
      insert.BindNull(7);
    }
    insert.BindText(8, inputs);
    const std::string reasons = JoinReasons(t.result.because);
    insert.BindText(9, reasons);
    if (t.previous_tier.empty()) {
      insert.BindNull(10);
      insert.BindNull(11);
    } else {
      insert.BindText(10, t.previous_tier);
      insert.BindText(11, t.change_reason);
    }
    insert.BindText(12, computed_at);
    PROBATION_RETURN_IF_ERROR(insert.Run());
  }
  return txn.Commit();
}

Result<std::vector<StoredTier>> ReadStoredTiers(Database* db, std::string_view crn) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement read,
      db->Prepare("SELECT as_at, rule_set, rule_set_version, tier, previous_tier, change_reason "
                  "FROM computed_tiers WHERE crn = ? ORDER BY as_at, rule_set"));
  read.BindText(1, crn);
  std::vector<StoredTier> out;
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool row, read.Step());
    if (!row) break;
    StoredTier t;
    t.as_at = std::string(read.ColumnText(0));
    t.rule_set = std::string(read.ColumnText(1));
    t.rule_set_version = static_cast<int>(read.ColumnInt(2));
    t.tier = std::string(read.ColumnText(3));
    if (!read.ColumnIsNull(4)) t.previous_tier = std::string(read.ColumnText(4));
    if (!read.ColumnIsNull(5)) t.change_reason = std::string(read.ColumnText(5));
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace probation::analytics
