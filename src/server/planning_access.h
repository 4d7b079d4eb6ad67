// Who may record what on the plans and risk registers from the web pages (docs/access.md):
// progress notes and quarter RAGs on a plan's items, reviews of a risk. Plans and registers name
// their leads and owners as text ("Finance Mgr", "JD", "Divisional Managers; Interventions
// Manager"), not as accounts, so a lead or owner names a user when one of its parts (the text
// split at ';' and '&'), or the name a plan's [[leads]] code stands for, is the user's display
// name or the name on their staff record ("forenames surname"), ignoring case and spacing.
//  - practitioner: the items they lead;
//  - manager: the items they lead, and those led by a staff member whose team lies inside
//    their unit (server/scope.h UnitInScope); the risks they own;
//  - performance analyst: every item and every risk;
//  - board member, administrator: none (read only, or nothing).
//
// Functions only; thread-compatible (each call uses only the caller's Database).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "planning/plan.h"
#include "planning/risk_register.h"
#include "server/principal.h"
#include "store/database.h"

namespace probation {

// The names a lead or owner may call the principal by: the display name and, for a principal
// with a staff record, "forenames surname" from it. Normalised (lower case, single spaces).
Result<std::vector<std::string>> NamesOfPrincipal(Database* db, const Principal& principal);

// The people `text` names, normalised: its parts split at ';' and '&', each a [[leads]] code
// replaced by that lead's name (the code itself kept too). Empty parts are dropped.
std::vector<std::string> NamedPeople(std::string_view text,
                                     const std::vector<planning::Lead>& leads);

// Whether `text` names one of `names` (NamesOfPrincipal).
bool NamesOneOf(std::string_view text, const std::vector<planning::Lead>& leads,
                const std::vector<std::string>& names);

// Whether the principal may record progress notes and quarter RAGs on `item` of `plan`.
Result<bool> MayRecordProgress(Database* db, const Principal& principal, const planning::Plan& plan,
                               const planning::PlanItem& item);

// Whether the principal may record a review of `risk`.
Result<bool> MayReviewRisk(Database* db, const Principal& principal, const planning::Risk& risk);

}  // namespace probation
