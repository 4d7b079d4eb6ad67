#include "server/planning_access.h"

#include "server/scope.h"

namespace probation {
namespace {

// Lower case (ASCII), runs of spaces as one, trimmed.
std::string Normalise(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

Result<std::vector<std::string>> NamesOfPrincipal(Database* db, const Principal& principal) {
  std::vector<std::string> names;
  if (const std::string name = Normalise(principal.display_name); !name.empty()) {
    names.push_back(name);
  }
  if (!principal.staff_id.empty()) {
    PROBATION_ASSIGN_OR_RETURN(
        Statement s,
        db->Prepare("SELECT forenames || ' ' || surname FROM staff WHERE staff_id = ?"));
    s.BindText(1, principal.staff_id);
    PROBATION_ASSIGN_OR_RETURN(bool row, s.Step());
    if (row) {
      if (const std::string name = Normalise(s.ColumnText(0)); !name.empty()) {
        names.push_back(name);
      }
    }
  }
  return names;
}

std::vector<std::string> NamedPeople(std::string_view text,
                                     const std::vector<planning::Lead>& leads) {
  std::vector<std::string> people;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find_first_of(";&", start);
    if (end == std::string_view::npos) end = text.size();
    const std::string part = Normalise(text.substr(start, end - start));
    if (!part.empty()) {
      people.push_back(part);
      for (const planning::Lead& lead : leads) {
        if (Normalise(lead.code) == part && !lead.name.empty()) {
          people.push_back(Normalise(lead.name));
        }
      }
    }
    start = end + 1;
  }
  return people;
}

bool NamesOneOf(std::string_view text, const std::vector<planning::Lead>& leads,
                const std::vector<std::string>& names) {
  for (const std::string& person : NamedPeople(text, leads)) {
    for (const std::string& name : names) {
      if (person == name) return true;
    }
  }
  return false;
}

Result<bool> MayRecordProgress(Database* db, const Principal& principal, const planning::Plan& plan,
                               const planning::PlanItem& item) {
  switch (principal.role) {
    case Role::kPerformanceAnalyst:
      return true;
    case Role::kBoardMember:
    case Role::kAdministrator:
      return false;
    case Role::kPractitioner:
    case Role::kManager:
      break;
  }
  PROBATION_ASSIGN_OR_RETURN(std::vector<std::string> names, NamesOfPrincipal(db, principal));
  if (NamesOneOf(item.lead, plan.leads, names)) return true;
  if (principal.role != Role::kManager) return false;
  // A manager: an item led by a staff member in their unit.
  PROBATION_ASSIGN_OR_RETURN(
      Statement s,
      db->Prepare("SELECT staff_id FROM staff WHERE lower(forenames || ' ' || surname) "
                  "= ?"));
  for (const std::string& person : NamedPeople(item.lead, plan.leads)) {
    s.Reset();
    s.BindText(1, person);
    std::vector<std::string> staff;
    for (;;) {
      PROBATION_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      staff.emplace_back(s.ColumnText(0));
    }
    for (const std::string& id : staff) {
      PROBATION_ASSIGN_OR_RETURN(bool in_scope, UnitInScope(db, principal, id));
      if (in_scope) return true;
    }
  }
  return false;
}

Result<bool> MayReviewRisk(Database* db, const Principal& principal, const planning::Risk& risk) {
  switch (principal.role) {
    case Role::kPerformanceAnalyst:
      return true;
    case Role::kManager:
      break;
    case Role::kPractitioner:
    case Role::kBoardMember:
    case Role::kAdministrator:
      return false;
  }
  PROBATION_ASSIGN_OR_RETURN(std::vector<std::string> names, NamesOfPrincipal(db, principal));
  return NamesOneOf(risk.owner, {}, names);
}

}  // namespace probation
