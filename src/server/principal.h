// Principal: who is making a request, as the server knows them from their session. Roles and
// their scope are those of docs/access.md (shared with the architecture's "Security model").
// Scope is always taken from the Principal, never from anything the client sends.
//
// A plain value; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace probation {

enum class Role {
  kPractitioner,          // own cases: where they are, or were, the responsible officer
  kManager,               // cases and units of their team or LDU
  kPerformanceAnalyst,    // the whole trust; may load data
  kBoardMember,           // aggregates only: never a name, CRN, date of birth or record key
  kAdministrator,         // users, reference data and the audit log; no case records
};

// "practitioner", "manager", "performance-analyst", "board-member", "administrator".
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

struct Principal {
  int64_t user_id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kPractitioner;
  // The organisation unit the user is tied to (team, LDU or trust code); empty for a
  // practitioner tied only to a staff record.
  std::string unit_code;
  // The staff record (staff.staff_id) of a practitioner or manager; empty otherwise.
  std::string staff_id;
};

}  // namespace probation
