// GET /api/v1/scorecard, /api/v1/exceptions and /api/v1/boardpack: the figures the CLI
// commands of the same names compute, from the engine the EngineHolder serves, for the unit
// the user's scope allows (server/measure_scope.h).
#include <string>

#include "analytics/case_facts.h"
#include "cli/measure_environment.h"
#include "measures/scorecard.h"
#include "reports/board_pack.h"
#include "reports/board_pack_analytics.h"
#include "reports/document_html.h"
#include "reports/document_xlsx.h"
#include "reports/scorecard_report.h"
#include "reports/small_counts.h"
#include "server/downloads.h"
#include "server/measure_request.h"
#include "server/measure_scope.h"
#include "server/paging.h"
#include "server/routes.h"

namespace probation {
namespace {

constexpr int64_t kItemsDefault = 100;  // exception items a page (JSON; the CSV has them all)
constexpr int64_t kItemsMax = 1000;     // docs/access.md: counts below this are "fewer than 5"

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

// The format= parameter: one of `allowed` (the first is the default), or a 400 naming it.
std::optional<HttpResponse> ReadFormat(const RequestContext& ctx,
                                       std::initializer_list<std::string_view> allowed,
                                       std::string* format) {
  *format = ctx.Query("format");
  if (format->empty()) *format = std::string(*allowed.begin());
  std::string names;
  for (std::string_view a : allowed) {
    if (*format == a) return std::nullopt;
    names += (names.empty() ? "" : ", ") + std::string(a);
  }
  return FieldError("format", "format must be one of " + names);
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
  std::string format;
  if (std::optional<HttpResponse> bad = ReadFormat(ctx, {"json", "csv", "xlsx"}, &format))
    return *bad;
  if (format != "json") ctx.audit.query += " format=" + format;
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
  const bool board = ctx.principal.role == Role::kBoardMember;
  if (format != "json") {
    const std::string name =
        DownloadName({"scorecard", c.framework->id, c.period.label, ctx.audit.unit,
                      "by-" + std::string(measures::UnitLevelName(level))},
                     format);
    std::string csv = ScorecardCsv(card);
    if (board) csv = SuppressScorecardCsv(csv, kSmallCount);
    if (format == "csv") return Attachment(std::move(csv), kCsvContentType, name);
    // The workbook the CLI writes; a board member's is its suppressed CSV as one sheet.
    PROBATION_ASSIGN_OR_RETURN(
        std::string bytes, WrittenBytes(name, [&](const std::string& path) {
          if (board) {
            return report::WriteDocumentXlsx(
                CsvDocument(c.framework->title + ", " + c.period.label, csv), path);
          }
          return WriteScorecardXlsx(std::span<const measures::Scorecard>(&card, 1), path);
        }));
    return Attachment(std::move(bytes), kXlsxContentType, name);
  }
  nlohmann::json body = nlohmann::json::parse(ScorecardJson(card), nullptr, false);
  if (body.is_discarded()) return Internal("scorecard JSON did not parse");
  if (board) SuppressSmallCounts(&body);
  return JsonResponse(body);
}

Result<HttpResponse> Exceptions(const ServiceContext& service, RequestContext& ctx) {
  ctx.audit.query = "framework=" + ctx.Query("framework") + " measure=" + ctx.Query("measure") +
                    " period=" + ctx.Query("period") + " status=" + ctx.Query("status");
  std::string format;
  if (std::optional<HttpResponse> bad = ReadFormat(ctx, {"json", "csv"}, &format)) return *bad;
  if (format != "json") ctx.audit.query += " format=" + format;
  PageRequest page;
  if (std::optional<HttpResponse> bad = ReadPage(ctx, kItemsDefault, kItemsMax, &page)) return *bad;
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
  if (format == "csv") {
    return Attachment(
        ExceptionsCsv(list, *c.state->engine, *c.state->calendar), kCsvContentType,
        DownloadName({"exceptions", c.framework->id, measure->code, c.period.label, list.unit_code},
                     "csv"));
  }
  nlohmann::json body = nlohmann::json::parse(
      ExceptionsJson(list, *c.state->engine, *c.state->calendar), nullptr, false);
  if (body.is_discarded()) return Internal("exceptions JSON did not parse");
  PutPage(&body, "items", nlohmann::json(body["items"]), page);
  return JsonResponse(body);
}

Result<HttpResponse> BoardPack(const ServiceContext& service, RequestContext& ctx) {
  ctx.audit.query = "framework=" + ctx.Query("framework") + " period=" + ctx.Query("period");
  std::string format;
  if (std::optional<HttpResponse> bad = ReadFormat(ctx, {"html", "xlsx"}, &format)) return *bad;
  if (format != "html") ctx.audit.query += " format=" + format;
  Common c;
  Status refusal;
  if (std::optional<HttpResponse> early = ReadCommon(service, ctx, &c, &refusal)) return *early;
  if (!refusal.ok()) return refusal;
  if (c.unit.level == measures::UnitLevel::kOfficer) {
    return FieldError("unit", "a board pack is for an organisation, not a staff member");
  }
  PROBATION_ASSIGN_OR_RETURN(const report::Document pack,
                             ServedBoardPack(c, ctx.db, ctx.principal.role));
  if (format == "xlsx") {
    const std::string name =
        DownloadName({"boardpack", c.framework->id, c.period.label, ctx.audit.unit}, "xlsx");
    PROBATION_ASSIGN_OR_RETURN(std::string bytes, WrittenBytes(name, [&](const std::string& path) {
                                 return report::WriteDocumentXlsx(pack, path);
                               }));
    return Attachment(std::move(bytes), kXlsxContentType, name);
  }
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
  scorecard_params.push_back({"format", "json (default), csv or xlsx (an attachment)", false});
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/api/v1/scorecard",
      .handler = [service](RequestContext& ctx) { return Scorecard(service, ctx); },
      .roles = {Role::kPractitioner, Role::kManager, Role::kPerformanceAnalyst, Role::kBoardMember},
      .audited = true,
      .summary = "A framework's scorecard for a period and unit, by level (board members: "
                 "aggregates with counts below 5 suppressed)",
      .query_params = scorecard_params,
  });
  std::vector<QueryParamDoc> exception_params = kMeasureParams;
  exception_params.push_back({"measure", "measure code, e.g. PT6", true});
  exception_params.push_back(
      {"status", "failed, pending, due-soon, succeeded or all (default: all but succeeded)",
       false});
  exception_params.push_back(
      {"due_within", "working days that make a pending item due soon", false});
  exception_params.push_back(
      {"format", "json (default) or csv (an attachment, every item)", false});
  for (QueryParamDoc& p : PageParams(kItemsDefault, kItemsMax)) exception_params.push_back(p);
  std::vector<QueryParamDoc> pack_params = kMeasureParams;
  pack_params.push_back(
      {"format", "html (default: a printable page) or xlsx (an attachment)", false});
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
      .summary = "The board pack for an organisation and period, as a printable web page or a "
                 "workbook (board members: counts below 5 in a breakdown suppressed)",
      .query_params = pack_params,
      .response_type = "text/html",
  });
}

}  // namespace probation
