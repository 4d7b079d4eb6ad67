// GET /api/v1/scorecard, /api/v1/exceptions and /api/v1/boardpack: the figures the CLI
// commands of the same names compute, from the engine the EngineHolder serves, for the unit
// the user's scope allows (server/measure_scope.h).
#include <string>

#include "cli/measure_environment.h"
#include "measures/scorecard.h"
#include "reports/board_pack.h"
#include "reports/document_html.h"
#include "reports/scorecard_report.h"
#include "server/measure_request.h"
#include "server/routes.h"

namespace probation {
namespace {

HttpResponse FieldError(std::string_view field, std::string_view message) {
  return ErrorResponse(400, "invalid_argument", message, field);
}

// Replaces every count below kSmallCount (but above zero) in a scorecard's JSON with the
// words "fewer than 5", and the value computed from them with null: a Board sees no figure
// from which a handful of people could be picked out.
void SuppressSmallCounts(nlohmann::json* card) {
  for (nlohmann::json& unit : (*card)["units"]) {
    for (nlohmann::json& cell : unit["measures"]) {
      bool small = false;
      for (const char* key : {"succeeded", "failed", "pending"}) {
        if (IsSmallCount(cell[key].get<int64_t>())) {
          cell[key] = kFewerThanSmallCount;
          small = true;
        }
      }
      if (small) {
        cell["value"] = nullptr;
        cell["suppressed"] = true;
      }
    }
  }
}

using Common = MeasureRequest;

// The engine, framework, period and scoped unit every measure request names. Returns a
// response to send instead when something is wrong.
std::optional<HttpResponse> ReadCommon(const ServiceContext& service, RequestContext& ctx,
                                       Common* out, Status* refusal) {
  if (service.engine == nullptr) {
    return ErrorResponse(503, "unavailable", "the server was started without measure figures");
  }
  std::string field;
  Result<MeasureRequest> request = ReadMeasureRequest(service.engine, ctx, &field);
  if (request.ok()) {
    *out = std::move(*request);
  } else if (request.status().code() == StatusCode::kInvalidArgument) {
    return FieldError(field, request.status().message());
  } else {
    *refusal = request.status();
  }
  return std::nullopt;
}

Result<HttpResponse> Scorecard(const ServiceContext& service, RequestContext& ctx) {
  ctx.audit.query = "framework=" + ctx.Query("framework") + " period=" + ctx.Query("period") +
                    " by=" + ctx.Query("by");
  Common c;
  Status refusal;
  if (std::optional<HttpResponse> early = ReadCommon(service, ctx, &c, &refusal)) return *early;
  if (!refusal.ok()) return refusal;
  measures::UnitLevel level = c.unit.level;
  if (!ctx.Query("by").empty()) {
    Result<measures::UnitLevel> by = measures::ParseUnitLevel(ctx.Query("by"));
    if (!by.ok()) return FieldError("by", by.status().message());
    level = *by;
  }
  if (level < c.unit.level) return FieldError("by", "by is above the unit asked about");
  if (ctx.principal.role == Role::kBoardMember && level == measures::UnitLevel::kOfficer) {
    return PermissionDenied("a board member sees aggregates only, never an officer's figures");
  }
  PROBATION_ASSIGN_OR_RETURN(
      measures::Scorecard card,
      measures::ComputeScorecard(*c.state->engine, *c.framework, c.period, level, c.unit));
  nlohmann::json body = nlohmann::json::parse(ScorecardJson(card), nullptr, false);
  if (body.is_discarded()) return Internal("scorecard JSON did not parse");
  if (ctx.principal.role == Role::kBoardMember) SuppressSmallCounts(&body);
  return JsonResponse(body);
}

Result<HttpResponse> Exceptions(const ServiceContext& service, RequestContext& ctx) {
  ctx.audit.query = "framework=" + ctx.Query("framework") + " measure=" + ctx.Query("measure") +
                    " period=" + ctx.Query("period") + " status=" + ctx.Query("status");
  Common c;
  Status refusal;
  if (std::optional<HttpResponse> early = ReadCommon(service, ctx, &c, &refusal)) return *early;
  if (!refusal.ok()) return refusal;
  const measures::Measure* measure = c.framework->FindMeasure(ctx.Query("measure"));
  if (measure == nullptr) return FieldError("measure", "the framework has no such measure");
  if (measure->placeholder) return FieldError("measure", "the measure has no definition yet");
  const std::string wanted = ctx.Query("status").empty() ? "exceptions" : ctx.Query("status");
  if (!IsExceptionStatus(wanted)) {
    return FieldError("status", "status must be failed, pending, due-soon, succeeded or all");
  }
  int due_within = 5;
  if (const std::string d = ctx.Query("due_within"); !d.empty()) {
    if (d.size() > 3 || d.find_first_not_of("0123456789") != std::string::npos) {
      return FieldError("due_within", "due_within must be a number of working days (0-999)");
    }
    due_within = std::stoi(d);
  }
  PROBATION_ASSIGN_OR_RETURN(const ExceptionList list,
                             SelectExceptions(c, *measure, wanted, due_within));
  nlohmann::json body =
      nlohmann::json::parse(ExceptionsJson(list, *c.state->engine, *c.state->calendar), nullptr,
                            false);
  if (body.is_discarded()) return Internal("exceptions JSON did not parse");
  return JsonResponse(body);
}

Result<HttpResponse> BoardPack(const ServiceContext& service, RequestContext& ctx) {
  ctx.audit.query = "framework=" + ctx.Query("framework") + " period=" + ctx.Query("period");
  Common c;
  Status refusal;
  if (std::optional<HttpResponse> early = ReadCommon(service, ctx, &c, &refusal)) return *early;
  if (!refusal.ok()) return refusal;
  if (c.unit.level == measures::UnitLevel::kOfficer) {
    return FieldError("unit", "a board pack is for an organisation, not a staff member");
  }
  const BoardPackRequest request = BoardPackRequestFor(c, ctx.db);
  PROBATION_ASSIGN_OR_RETURN(report::Document pack, BuildBoardPack(request));
  HttpResponse response;
  response.content_type = "text/html; charset=utf-8";
  response.body = report::DocumentHtml(pack);
  // The page's one style sheet is inline: it carries this response's nonce (the CSP allows
  // no other inline style or script).
  const size_t style = response.body.find("<style>");
  if (style != std::string::npos) {
    response.body.replace(style, 7, "<style nonce=\"" + ctx.csp_nonce + "\">");
  }
  return response;
}

const std::vector<QueryParamDoc> kMeasureParams = {
    {"framework", "framework id, e.g. nps-2005-06", true},
    {"period", "FY2010, 2010-Q3, 2010-04, YTD:2010-12, R12:2010-12, ...", true},
    {"unit", "organisation unit code or staff id within your scope (default: your own)", false},
};

}  // namespace

void AddMeasureRoutes(const ServiceContext& service) {
  std::vector<QueryParamDoc> scorecard_params = kMeasureParams;
  scorecard_params.push_back({"by", "level: region, trust, ldu, team or officer", false});
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/api/v1/scorecard",
      .handler = [service](RequestContext& ctx) { return Scorecard(service, ctx); },
      .roles = {Role::kPractitioner, Role::kManager, Role::kPerformanceAnalyst,
                Role::kBoardMember},
      .audited = true,
      .summary = "A framework's scorecard for a period and unit, by level (board members: "
                 "aggregates with counts below 5 suppressed)",
      .query_params = scorecard_params,
  });
  std::vector<QueryParamDoc> exception_params = kMeasureParams;
  exception_params.push_back({"measure", "measure code, e.g. PT6", true});
  exception_params.push_back(
      {"status", "failed, pending, due-soon, succeeded or all (default: all but succeeded)", false});
  exception_params.push_back({"due_within", "working days that make a pending item due soon", false});
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/api/v1/exceptions",
      .handler = [service](RequestContext& ctx) { return Exceptions(service, ctx); },
      .roles = {Role::kPractitioner, Role::kManager, Role::kPerformanceAnalyst},
      .audited = true,
      .summary = "The items behind a measure's number, with their case keys",
      .query_params = exception_params,
  });
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/api/v1/boardpack",
      .handler = [service](RequestContext& ctx) { return BoardPack(service, ctx); },
      .roles = {Role::kManager, Role::kPerformanceAnalyst, Role::kBoardMember},
      .audited = true,
      .summary = "The board pack for an organisation and period, as a printable web page",
      .query_params = kMeasureParams,
      .response_type = "text/html",
  });
}

}  // namespace probation
