// The offender manager's pages (also a manager's and an analyst's within their scope,
// docs/access.md), after HMPPS "Manage people on probation": the caseload, what falls due,
// case search (caseload_pages.cc), the case page (case_page.cc) and the forms that record a
// contact, an appointment's outcome, a breach and an assessment's dates (case_forms.cc).
//
// Each page is built from the functions the JSON API calls (server/case_repository.h,
// case_writes.h, due_items.h, scope.h), so a page and the API agree; every case read and
// write through a page is audited as the API's are.
//
// Functions only; the routes they add are thread-safe.
#pragma once

#include "server/routes.h"

namespace probation {

// The roles that read and write case records (docs/access.md).
inline constexpr RoleSet kCasePageReaders = {Role::kPractitioner, Role::kManager,
                                             Role::kPerformanceAnalyst};
inline constexpr RoleSet kCasePageWriters = {Role::kPractitioner, Role::kManager};

// GET /caseload, GET /due, GET /cases.
void AddCaseloadPages(const ServiceContext& service);
// GET /cases/{crn}.
void AddCasePage(const ServiceContext& service);
// The forms under /cases/{crn}/sentences/{event_no}/...: GET shows, POST records.
void AddCaseFormPages(const ServiceContext& service);

}  // namespace probation
