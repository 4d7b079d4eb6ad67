#include "server/principal.h"

#include <array>
#include <utility>

namespace probation {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 5> kRoleNames = {{
    {Role::kPractitioner, "practitioner"},
    {Role::kManager, "manager"},
    {Role::kPerformanceAnalyst, "performance-analyst"},
    {Role::kBoardMember, "board-member"},
    {Role::kAdministrator, "administrator"},
}};

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [r, name] : kRoleNames) {
    if (r == role) return name;
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [r, role_name] : kRoleNames) {
    if (role_name == name) return r;
  }
  return std::nullopt;
}

}  // namespace probation
