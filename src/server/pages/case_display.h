// What the practitioner's pages show about a case, in words: a code's readable name from the
// code lists, a date as people write it ("4 March 2011"), days left as a phrase, a person's
// tier, ROSH, OGRS3 and MAPPA/PPO flags from their latest assessment and open registrations,
// the units and officers a manager or analyst may pick, and query strings for links. Shared by
// the caseload, due, search, case and form pages (server/pages/practitioner_pages.h).
//
// Functions only; thread-compatible (each call uses only the caller's Database).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "server/due_items.h"
#include "server/form_fields.h"
#include "server/page.h"
#include "server/principal.h"
#include "server/stored_record.h"
#include "store/database.h"

namespace probation {

// The form field `name` as posted, or "".
std::string FormValue(const RequestContext& ctx, const std::string& name);

// The readable name of `code` in code list `list` ("ATT" -> "Attended and complied"); the code
// itself when the list does not hold it; "" for a blank code.
std::string CodeText(std::string_view list, std::string_view code);
// The choices of code list `list`, each "name" with the code as its value.
std::vector<Choice> CodeChoices(std::string_view list);

// "2011-03-04" -> "4 March 2011"; "2011-03-04T10:30" -> "4 March 2011, 10:30"; text that is
// not a date as it is; "" for blank.
std::string DayText(std::string_view iso);

// "Due today", "1 working day", "3 days", "2 working days overdue".
std::string DaysLeftText(const DueItem& item);

// A person's standing from their records: the latest assessment (by start date) that gives a
// tier, ROSH level or OGRS3 score supplies each, and every registration without an end date
// that is MAPPA or PPO is a flag.
struct CaseFacts {
  std::string tier;                // code ("3"), "" when never assessed
  std::string rosh;                // code ("HIGH"), ""
  std::string ogrs;                // percent ("47"), ""
  std::vector<std::string> flags;  // "MAPPA", "PPO" (with category and level for MAPPA)
};
CaseFacts FactsFrom(const std::vector<StoredRecord>& assessments,
                    const std::vector<StoredRecord>& registrations);
Result<CaseFacts> ReadCaseFacts(Database* db, std::string_view crn);

// Template data for a ROSH level: {text: "High", tag: "govuk-tag--red"}; "Not assessed" when
// blank. The words carry the meaning; the colour repeats it.
PageData RoshTag(const std::string& rosh);

// The units whose caseload and due items `principal` may list, for a select: their own unit,
// every team and LDU below it, and every officer whose team lies inside it (staff id values),
// in tree order. Empty for a practitioner (their own caseload only).
Result<std::vector<Choice>> ScopeUnitChoices(Database* db, const Principal& principal);

// The unit a caseload or due page is for: ?unit=, or the principal's own (a practitioner's
// staff id, anyone else's unit) when absent.
std::string PageUnit(const RequestContext& ctx);

// "?a=1&b=x%20y" from the pairs with a non-empty value ("" when none).
std::string QueryString(const std::vector<std::pair<std::string, std::string>>& params);

// govuk-pagination data for page `page` (1-based) of `pages`, each link `path_and_query` with
// `param`=N added; the partial case_pagination renders it. Empty data when there is one page.
PageData Pagination(const std::string& path_and_query, int64_t page, int64_t pages,
                    const std::string& param = "page");

// The 1-based page number in ?`name`=, 1 when absent or not a positive number.
int64_t PageNumber(const RequestContext& ctx, const std::string& name = "page");

// A PageData boolean.
PageData Flag(bool value);

}  // namespace probation
