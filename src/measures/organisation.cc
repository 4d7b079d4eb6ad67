#include "measures/organisation.h"

#include <algorithm>

namespace probation::measures {

std::string_view UnitLevelName(UnitLevel level) {
  switch (level) {
    case UnitLevel::kNational:
      return "national";
    case UnitLevel::kRegion:
      return "region";
    case UnitLevel::kTrust:
      return "trust";
    case UnitLevel::kLdu:
      return "ldu";
    case UnitLevel::kTeam:
      return "team";
    case UnitLevel::kOfficer:
      return "officer";
  }
  return "?";
}

Result<UnitLevel> ParseUnitLevel(std::string_view text) {
  for (UnitLevel l : {UnitLevel::kNational, UnitLevel::kRegion, UnitLevel::kTrust, UnitLevel::kLdu,
                      UnitLevel::kTeam, UnitLevel::kOfficer}) {
    if (UnitLevelName(l) == text) return l;
  }
  return InvalidArgument("'" + std::string(text) +
                         "' is not a level: use national, region, trust, ldu, team or officer");
}

Organisation::Organisation(const Snapshot& snapshot)
    : snapshot_(snapshot),
      units_(snapshot.table(*FindRecordType("org_units"))),
      staff_(snapshot.table(*FindRecordType("staff"))) {
  // org_level codes are region, trust, ldu, team, in that order.
  const SnapshotColumn& level = units_.columns[units_.type->FieldIndex("level")];
  const int parent_slot = units_.RelationSlot(FindRelation(*units_.type, "parent"));
  for (size_t r = 0; r < units_.rows; ++r) {
    levels_.push_back(static_cast<UnitLevel>(level.i8[r] + 1));
    parents_.push_back(units_.relations[parent_slot][r]);
  }
  const int team_slot = staff_.RelationSlot(FindRelation(*staff_.type, "team"));
  staff_team_ = staff_.relations[team_slot];
  // The top: descend from the nation while a unit has exactly one child.
  std::vector<int32_t> children(units_.rows + 1, 0);  // per org row; [rows]: the nation's
  std::vector<int32_t> only_child(units_.rows + 1, -1);
  for (size_t r = 0; r < units_.rows; ++r) {
    const size_t p = parents_[r] >= 0 ? static_cast<size_t>(parents_[r]) : units_.rows;
    ++children[p];
    only_child[p] = static_cast<int32_t>(r);
  }
  for (size_t at = units_.rows; children[at] == 1;) {
    const int32_t child = only_child[at];
    top_ = UnitRef{levels_[child], child};
    at = static_cast<size_t>(child);
  }
}

Result<UnitRef> Organisation::Find(std::string_view code) const {
  if (code == "national") return UnitRef{};
  const SnapshotColumn& codes = units_.columns[0];
  for (size_t r = 0; r < units_.rows; ++r) {
    if (codes.dictionary[codes.text[r]] == code)
      return UnitRef{levels_[r], static_cast<int32_t>(r)};
  }
  const SnapshotColumn& ids = staff_.columns[0];
  for (size_t r = 0; r < staff_.rows; ++r) {
    if (ids.dictionary[ids.text[r]] == code)
      return UnitRef{UnitLevel::kOfficer, static_cast<int32_t>(r)};
  }
  return NotFound("no organisation unit or member of staff has the code '" + std::string(code) +
                  "'");
}

std::string Organisation::Code(UnitRef unit) const {
  if (unit.level == UnitLevel::kNational) return "national";
  const SnapshotTable& t = unit.level == UnitLevel::kOfficer ? staff_ : units_;
  return t.columns[0].dictionary[t.columns[0].text[unit.row]];
}

std::string Organisation::Name(UnitRef unit) const {
  if (unit.level == UnitLevel::kNational) return "National";
  if (unit.level == UnitLevel::kOfficer) {
    const SnapshotColumn& surname = staff_.columns[1];
    const SnapshotColumn& forenames = staff_.columns[2];
    return forenames.dictionary[forenames.text[unit.row]] + " " +
           surname.dictionary[surname.text[unit.row]];
  }
  const SnapshotColumn& name = units_.columns[1];
  return name.dictionary[name.text[unit.row]];
}

int32_t Organisation::AncestorAt(int32_t org_row, UnitLevel level) const {
  for (int32_t r = org_row; r >= 0; r = parents_[r]) {
    if (levels_[r] == level) return r;
    if (levels_[r] < level) return -1;
  }
  return -1;
}

bool Organisation::Within(UnitRef unit, UnitRef scope) const {
  if (scope.level == UnitLevel::kNational) return true;
  if (unit.level == UnitLevel::kOfficer) {
    if (scope.level == UnitLevel::kOfficer) return unit.row == scope.row;
    const int32_t team = staff_team_[unit.row];
    return team >= 0 && AncestorAt(team, scope.level) == scope.row;
  }
  if (scope.level == UnitLevel::kOfficer || unit.level == UnitLevel::kNational) return false;
  return AncestorAt(unit.row, scope.level) == scope.row;
}

std::vector<UnitRef> Organisation::UnitsAt(UnitLevel level, UnitRef scope) const {
  std::vector<UnitRef> out;
  if (level == UnitLevel::kNational) {
    out.push_back(UnitRef{});
    return out;
  }
  if (level == UnitLevel::kOfficer) {
    for (size_t r = 0; r < staff_.rows; ++r) {
      const UnitRef u{UnitLevel::kOfficer, static_cast<int32_t>(r)};
      if (Within(u, scope)) out.push_back(u);
    }
  } else {
    for (size_t r = 0; r < units_.rows; ++r) {
      const UnitRef u{levels_[r], static_cast<int32_t>(r)};
      if (u.level == level && Within(u, scope)) out.push_back(u);
    }
  }
  std::sort(out.begin(), out.end(),
            [&](const UnitRef& a, const UnitRef& b) { return Code(a) < Code(b); });
  return out;
}

}  // namespace probation::measures
