#include "server/measure_scope.h"

namespace probation {

Result<measures::UnitRef> HomeUnit(const Principal& principal,
                                   const measures::Organisation& org) {
  std::string_view tie;
  switch (principal.role) {
    case Role::kAdministrator:
      return PermissionDenied("an administrator sees no measure figures");
    case Role::kPractitioner:
      tie = principal.staff_id;
      if (tie.empty()) return PermissionDenied("your account is tied to no staff record");
      break;
    case Role::kManager:
    case Role::kBoardMember:
      tie = principal.unit_code;
      if (tie.empty()) return PermissionDenied("your account is tied to no organisation unit");
      break;
    case Role::kPerformanceAnalyst:
      if (principal.unit_code.empty()) return measures::UnitRef{};
      tie = principal.unit_code;
      break;
  }
  Result<measures::UnitRef> unit = org.Find(tie);
  if (!unit.ok()) return PermissionDenied("your account's unit is not in the data");
  if (principal.role == Role::kBoardMember && unit->level == measures::UnitLevel::kOfficer) {
    return PermissionDenied("a board member sees aggregates only");
  }
  return *unit;
}

Result<measures::UnitRef> ScopedUnit(const Principal& principal, const measures::Organisation& org,
                                     std::string_view requested) {
  PROBATION_ASSIGN_OR_RETURN(const measures::UnitRef home, HomeUnit(principal, org));
  if (requested.empty()) return home;
  Result<measures::UnitRef> unit = org.Find(requested);
  if (!unit.ok()) return InvalidArgument("there is no unit " + std::string(requested));
  if (!org.Within(*unit, home)) {
    return PermissionDenied("the unit " + std::string(requested) + " is outside your scope");
  }
  if (principal.role == Role::kBoardMember && unit->level == measures::UnitLevel::kOfficer) {
    return PermissionDenied("a board member sees aggregates only");
  }
  return *unit;
}

}  // namespace probation
