#include "server/measure_request.h"

#include "analytics/case_facts.h"
#include "reports/board_pack_analytics.h"
#include "reports/small_counts.h"
#include "server/measure_scope.h"

namespace probation {

Result<MeasureRequest> ReadMeasureRequest(const EngineHolder* engine, RequestContext& ctx,
                                          std::string* field) {
  if (engine == nullptr) {
    return FailedPrecondition("the server was started without measure figures");
  }
  MeasureRequest out;
  out.state = engine->Current();
  const std::string framework = ctx.Query("framework");
  *field = "framework";
  if (framework.empty()) return InvalidArgument("framework is required");
  out.framework = out.state->FindFramework(framework);
  if (out.framework == nullptr) return InvalidArgument("there is no framework " + framework);
  *field = "period";
  Result<measures::Period> period = measures::ParsePeriod(ctx.Query("period"));
  if (!period.ok()) return InvalidArgument(period.status().message());
  out.period = *period;
  *field = "unit";
  ctx.audit.unit = ctx.Query("unit");
  PROBATION_ASSIGN_OR_RETURN(
      out.unit, ScopedUnit(ctx.principal, *out.state->organisation, ctx.Query("unit")));
  ctx.audit.unit = out.state->organisation->Code(out.unit);
  field->clear();
  return out;
}

bool IsExceptionStatus(std::string_view status) {
  return status == "exceptions" || status == "failed" || status == "pending" ||
         status == "due-soon" || status == "succeeded" || status == "all";
}

Result<ExceptionList> SelectExceptions(const MeasureRequest& request,
                                       const measures::Measure& measure, std::string_view wanted,
                                       int due_within) {
  const measures::Organisation& org = *request.state->organisation;
  const measures::Engine& engine = *request.state->engine;
  PROBATION_ASSIGN_OR_RETURN(std::vector<measures::Item> items,
                             engine.Items(measure, request.period));
  ExceptionList list;
  list.measure = &measure;
  list.period = request.period;
  list.unit_code = org.Code(request.unit);
  list.as_at = engine.as_at();
  list.due_within = due_within;
  for (const measures::Item& item : items) {
    const measures::UnitRef where =
        item.officer >= 0 ? measures::UnitRef{measures::UnitLevel::kOfficer, item.officer}
        : item.team >= 0  ? measures::UnitRef{org.LevelOf(item.team), item.team}
                          : measures::UnitRef{};
    if (!org.Within(where, request.unit)) continue;
    const std::string status =
        ItemStatusName(item, list.as_at, due_within, *request.state->calendar);
    const bool keep = wanted == "all" || status == wanted ||
                      (wanted == "exceptions" && status != "succeeded") ||
                      (wanted == "pending" && status == "due-soon");
    if (keep) list.items.push_back(item);
  }
  return list;
}

BoardPackRequest BoardPackRequestFor(const MeasureRequest& c, Database* db) {
  BoardPackRequest request;
  request.engine = c.state->engine.get();
  request.framework = c.framework;
  request.calendar = c.state->calendar.get();
  request.db = db;
  request.period = c.period;
  request.scope = c.unit;
  request.caseload = c.state->FindFramework("caseload-annex");
  request.sickness = c.framework->FindMeasure("PT15");
  if (request.sickness == nullptr) {
    if (const measures::Framework* nps = c.state->FindFramework("nps-2005-06")) {
      request.sickness = nps->FindMeasure("PT15");
    }
  }
  return request;
}

Result<report::Document> ServedBoardPack(const MeasureRequest& request, Database* db, Role role) {
  const BoardPackRequest pack_request = BoardPackRequestFor(request, db);
  PROBATION_ASSIGN_OR_RETURN(report::Document pack, BuildBoardPack(pack_request));
  const analytics::CaseFacts facts(*request.state->snapshot, *request.state->organisation);
  const Date as_at = request.state->engine->as_at();
  PROBATION_RETURN_IF_ERROR(report::AppendReoffendingSection(facts, pack_request.scope,
                                                             pack_request.period, as_at, &pack));
  PROBATION_RETURN_IF_ERROR(
      report::AppendEqualitySection(facts, pack_request.scope, pack_request.period, &pack));
  if (role == Role::kBoardMember) report::SuppressSmallCounts(&pack, kSmallCount);
  return pack;
}

}  // namespace probation
