#include "server/scope.h"

#include <map>
#include <vector>

namespace probation {
namespace {

struct Allocation {
  int64_t event_no = 0;
  std::string staff_id;
  bool current = false;
  std::string team_code;  // "" when the staff record is missing
};

Result<std::vector<Allocation>> AllocationsOf(Database* db, std::string_view crn) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt,
      db->Prepare("SELECT ro.event_no, ro.staff_id, ro.end_date IS NULL, s.team_code "
                  "FROM responsible_officers ro LEFT JOIN staff s ON s.staff_id = ro.staff_id "
                  "WHERE ro.crn = ?1"));
  stmt.BindText(1, crn);
  std::vector<Allocation> out;
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) break;
    out.push_back({stmt.ColumnInt(0), std::string(stmt.ColumnText(1)), stmt.ColumnInt(2) != 0,
                   stmt.ColumnIsNull(3) ? std::string() : std::string(stmt.ColumnText(3))});
  }
  return out;
}

// The access `principal` has to the person with `allocations`; for a write, to sentence
// `event_no` (-1: any sentence).
Result<CaseAccess> AccessFrom(Database* db, const Principal& principal,
                              const std::vector<Allocation>& allocations, int64_t event_no) {
  if (!RoleSeesCases(principal.role)) return CaseAccess::kNone;
  bool read = false, write = false;
  if (principal.role == Role::kPractitioner) {
    if (principal.staff_id.empty()) return CaseAccess::kNone;
    for (const Allocation& a : allocations) {
      if (a.staff_id != principal.staff_id) continue;
      read = true;
      if (a.current && (event_no < 0 || a.event_no == event_no)) write = true;
    }
  } else {
    if (principal.unit_code.empty()) return CaseAccess::kNone;
    std::map<std::string, bool> team_within;
    for (const Allocation& a : allocations) {
      if (a.team_code.empty()) continue;
      auto [it, fresh] = team_within.try_emplace(a.team_code, false);
      if (fresh) {
        PROBATION_ASSIGN_OR_RETURN(it->second, OrgUnitWithin(db, a.team_code, principal.unit_code));
      }
      if (!it->second) continue;
      read = true;
      if (principal.role == Role::kManager && a.current &&
          (event_no < 0 || a.event_no == event_no)) {
        write = true;
      }
    }
  }
  return write ? CaseAccess::kWrite : read ? CaseAccess::kRead : CaseAccess::kNone;
}

}  // namespace

bool RoleSeesCases(Role role) {
  return role == Role::kPractitioner || role == Role::kManager || role == Role::kPerformanceAnalyst;
}

Result<bool> OrgUnitWithin(Database* db, std::string_view code, std::string_view ancestor) {
  if (code == ancestor) return true;
  // A unit's ancestors, by key; the depth bound stops a cycle in bad data.
  PROBATION_ASSIGN_OR_RETURN(
      Statement stmt,
      db->Prepare("WITH RECURSIVE up(code, parent, depth) AS ("
                  " SELECT code, parent_code, 0 FROM org_units WHERE code = ?1"
                  " UNION ALL SELECT o.code, o.parent_code, up.depth + 1 FROM org_units o"
                  " JOIN up ON o.code = up.parent WHERE up.depth < 16)"
                  " SELECT 1 FROM up WHERE code = ?2 LIMIT 1"));
  stmt.BindText(1, code);
  stmt.BindText(2, ancestor);
  return stmt.Step();
}

Result<CaseAccess> AccessToCase(Database* db, const Principal& principal, std::string_view crn) {
  if (!RoleSeesCases(principal.role)) return CaseAccess::kNone;
  PROBATION_ASSIGN_OR_RETURN(const std::vector<Allocation> allocations, AllocationsOf(db, crn));
  return AccessFrom(db, principal, allocations, -1);
}

Result<CaseAccess> AccessToSentence(Database* db, const Principal& principal, std::string_view crn,
                                    int64_t event_no) {
  if (!RoleSeesCases(principal.role)) return CaseAccess::kNone;
  PROBATION_ASSIGN_OR_RETURN(const std::vector<Allocation> allocations, AllocationsOf(db, crn));
  return AccessFrom(db, principal, allocations, event_no);
}

Status CanReadCase(Database* db, const Principal& principal, std::string_view crn) {
  PROBATION_ASSIGN_OR_RETURN(const CaseAccess access, AccessToCase(db, principal, crn));
  if (access != CaseAccess::kNone) return Status::Ok();
  return PermissionDenied("case " + std::string(crn) + " is not in your scope");
}

Status CanWriteCase(Database* db, const Principal& principal, std::string_view crn,
                    int64_t event_no) {
  if (principal.role != Role::kPractitioner && principal.role != Role::kManager) {
    return PermissionDenied("the " + std::string(RoleName(principal.role)) +
                            " role cannot change case records");
  }
  PROBATION_ASSIGN_OR_RETURN(const CaseAccess access,
                             AccessToSentence(db, principal, crn, event_no));
  if (access == CaseAccess::kWrite) return Status::Ok();
  const std::string what = "sentence " + std::string(crn) + "/" + std::to_string(event_no);
  if (access == CaseAccess::kRead) {
    return PermissionDenied(what +
                            " is not one of your current cases: you may read it but "
                            "not change it");
  }
  return PermissionDenied(what + " is not in your scope");
}

Result<bool> UnitInScope(Database* db, const Principal& principal, std::string_view unit) {
  if (!RoleSeesCases(principal.role) || unit.empty()) return false;
  if (principal.role == Role::kPractitioner) {
    return !principal.staff_id.empty() && unit == principal.staff_id;
  }
  if (principal.unit_code.empty()) return false;
  PROBATION_ASSIGN_OR_RETURN(Statement org, db->Prepare("SELECT 1 FROM org_units WHERE code = ?1"));
  org.BindText(1, unit);
  PROBATION_ASSIGN_OR_RETURN(const bool is_org_unit, org.Step());
  if (is_org_unit) return OrgUnitWithin(db, unit, principal.unit_code);
  PROBATION_ASSIGN_OR_RETURN(Statement staff,
                             db->Prepare("SELECT team_code FROM staff WHERE staff_id = ?1"));
  staff.BindText(1, unit);
  PROBATION_ASSIGN_OR_RETURN(const bool is_staff, staff.Step());
  if (!is_staff) return false;
  const std::string team(staff.ColumnText(0));
  return OrgUnitWithin(db, team, principal.unit_code);
}

Status CanSeeUnit(Database* db, const Principal& principal, std::string_view unit) {
  PROBATION_ASSIGN_OR_RETURN(const bool in_scope, UnitInScope(db, principal, unit));
  if (in_scope) return Status::Ok();
  return PermissionDenied("unit " + std::string(unit) + " is not in your scope");
}

}  // namespace probation
