// Organisation: the unit tree (national > region > trust > local delivery unit > team) and the
// staff in it, read from a snapshot, with the lookups the engine and reports need. Every item
// is attributed to a team (and, where there is one, an officer); its counts roll up the tree.
// Immutable after construction; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/snapshot.h"

namespace probation::measures {

enum class UnitLevel { kNational, kRegion, kTrust, kLdu, kTeam, kOfficer };

std::string_view UnitLevelName(UnitLevel level);  // "national", "region", ..., "officer"
Result<UnitLevel> ParseUnitLevel(std::string_view text);

// A unit: an org_units row, a staff row (kOfficer), or the nation (row 0).
struct UnitRef {
  UnitLevel level = UnitLevel::kNational;
  int32_t row = 0;
  bool operator==(const UnitRef&) const = default;
};

class Organisation {
 public:
  explicit Organisation(const Snapshot& snapshot);

  // The unit with this org unit code or staff id; "national" for the nation.
  Result<UnitRef> Find(std::string_view code) const;
  std::string Code(UnitRef unit) const;
  std::string Name(UnitRef unit) const;

  // Every unit of `level` inside `scope` (the nation: all), in code order.
  std::vector<UnitRef> UnitsAt(UnitLevel level, UnitRef scope) const;

  // The unit of `level` that contains org unit `org_row` (the row itself when at that level);
  // row -1 when none (e.g. asking a trust for its team). REQUIRES: level != kOfficer.
  int32_t AncestorAt(int32_t org_row, UnitLevel level) const;
  UnitLevel LevelOf(int32_t org_row) const { return levels_[org_row]; }
  // The parent org row of `org_row`, -1 at the top.
  int32_t Parent(int32_t org_row) const { return parents_[org_row]; }
  // The team (org row) of staff row `staff_row`, -1 when unknown.
  int32_t TeamOfStaff(int32_t staff_row) const { return staff_team_[staff_row]; }
  // Whether `unit` lies within `scope`.
  bool Within(UnitRef unit, UnitRef scope) const;
  // The top of the organisation the data holds: from the nation down, the first unit with more
  // than one unit beneath it (or the lowest unit, when the tree is a single line). A trust's
  // data (its region, the trust, its LDUs) is that trust; data of several regions is the
  // nation. Reports default to it, so a trust's data is reported as that trust.
  UnitRef Top() const { return top_; }
  // Whether the data holds the nation: its top is the nation (more than one region).
  bool HoldsNation() const { return top_.level == UnitLevel::kNational; }

 private:
  const Snapshot& snapshot_;
  const SnapshotTable& units_;
  const SnapshotTable& staff_;
  std::vector<UnitLevel> levels_;    // per org row
  std::vector<int32_t> parents_;     // per org row, -1 at the top
  std::vector<int32_t> staff_team_;  // per staff row
  UnitRef top_;
};

}  // namespace probation::measures
