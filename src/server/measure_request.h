// What every request for measure figures names (framework, period, unit), read from the query
// and checked against the user's scope (server/measure_scope.h), for the JSON routes
// (server/measure_routes.cc) and the performance pages (server/pages/performance_pages.cc)
// alike; the items behind one measure's number for a unit; and the small-count rule a board
// member's figures follow (docs/access.md).
//
// Functions only; thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "measures/framework.h"
#include "measures/organisation.h"
#include "measures/period.h"
#include "reports/board_pack.h"
#include "reports/scorecard_report.h"
#include "server/engine_holder.h"
#include "server/router.h"

namespace probation {

// Counts above zero and below this are shown as "fewer than 5" to a board member.
constexpr int64_t kSmallCount = 5;
inline bool IsSmallCount(int64_t n) { return n > 0 && n < kSmallCount; }
inline constexpr char kFewerThanSmallCount[] = "fewer than 5";

struct MeasureRequest {
  std::shared_ptr<const EngineState> state;  // the engine version the figures come from
  const measures::Framework* framework = nullptr;
  measures::Period period;
  measures::UnitRef unit;  // within the user's scope
};

// Reads `framework`, `period` and `unit` from ctx.query (an empty unit: the user's home unit)
// and sets ctx.audit.unit. Errors: InvalidArgument naming the bad query parameter in `*field`
// (framework, period, unit), PermissionDenied for a unit outside the user's scope,
// FailedPrecondition when the service has no engine (`engine` null).
Result<MeasureRequest> ReadMeasureRequest(const EngineHolder* engine, RequestContext& ctx,
                                          std::string* field);

// The statuses an exception list may ask for: "exceptions" (all but succeeded), "failed",
// "pending" (due soon included), "due-soon", "succeeded" or "all".
bool IsExceptionStatus(std::string_view status);

// The items of `measure` in the request's period attributed within its unit whose status
// (ItemStatusName with `due_within`) `wanted` selects (IsExceptionStatus), in the engine's
// order. REQUIRES: IsExceptionStatus(wanted); the measure is not a placeholder.
Result<ExceptionList> SelectExceptions(const MeasureRequest& request,
                                       const measures::Measure& measure, std::string_view wanted,
                                       int due_within);

// The board pack of the request's framework, period and unit, as GET /api/v1/boardpack and
// the board pack page build it: the caseload annex, and sickness from PT15 of the framework (or
// of nps-2005-06). `db`: this thread's connection (plans, risks, resources).
// REQUIRES: request.unit is an organisation unit, not an officer.
BoardPackRequest BoardPackRequestFor(const MeasureRequest& request, Database* db);

// The board pack as the service serves it, to the API and the board pack page alike: as
// `probation boardpack` makes it (with the reoffending and equality sections, aggregates only)
// and, for a board member, every count above zero and below kSmallCount in a breakdown shown as
// "fewer than 5" (docs/access.md). REQUIRES: as BoardPackRequestFor.
Result<report::Document> ServedBoardPack(const MeasureRequest& request, Database* db, Role role);

}  // namespace probation
