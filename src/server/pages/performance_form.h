// What the performance pages (scorecard, exceptions, workload, board pack) share: the GET form's
// choices (framework, period, unit within the user's scope, breakdown level, officer), links
// that carry the form's query on, the default period, and the engine version and scope a page
// reads, with a form error for a bad choice rather than a JSON one.
//
// Functions only; thread-safe.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "measures/organisation.h"
#include "server/form_fields.h"
#include "server/measure_request.h"
#include "server/page.h"
#include "server/routes.h"

namespace probation {

// `path` with the query `params` percent-encoded ("/exceptions?framework=nps-2005-06&..."),
// empty values left out.
std::string QueryLink(const std::string& path,
                      const std::vector<std::pair<std::string, std::string>>& params);

// The financial quarter the engine's as-at date falls in ("2010-Q3"): a page's default period.
std::string DefaultPeriod(const EngineState& state);
// The framework a page shows first: nps-2005-06 when held, else the first.
std::string DefaultFramework(const EngineState& state);

// The frameworks, as select choices.
std::vector<Choice> FrameworkChoices(const EngineState& state);
// Periods to choose from around the as-at date: the last eight quarters, twelve months and
// three financial years, the year to date and the rolling twelve months; `current` first among
// them when it is none of those (a period typed into the address).
std::vector<Choice> PeriodChoices(const EngineState& state, const std::string& current);
// The units within the principal's scope (its home unit and every unit below it; no officer
// for a board member, nor when `with_officers` is false), "CODE Name", home unit first.
std::vector<Choice> UnitChoices(const Principal& principal, const measures::Organisation& org,
                                bool with_officers);
// The officers within `unit`, "Name (STAFF)" by staff id, after "All officers" ("").
std::vector<Choice> OfficerChoices(const measures::Organisation& org, measures::UnitRef unit);

// A request for a page: ReadMeasureRequest with the page's defaults filled in (framework,
// period) when the query names none. An InvalidArgument names its field in `*field`.
Result<MeasureRequest> ReadPageRequest(const ServiceContext& service, RequestContext& ctx,
                                       std::string* field);

// The query a page was asked with, with defaults, as a FormValues for the form's fields.
FormValues PageQuery(const RequestContext& ctx, const EngineState& state);

// The words and tag class of a RAG: {"Red", "govuk-tag--red"}, ...; {"Not rated",
// "govuk-tag--grey"} for none.
std::pair<std::string, std::string> RagTag(measures::Rag rag);

}  // namespace probation
