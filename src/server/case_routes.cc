// The case records over the JSON API (docs/access.md): search, a person's record, caseloads,
// what falls due, and the writes (contacts and their outcomes, breaches, assessment dates,
// recalls). Scope is decided by server/scope.h from the session's Principal; a case out of
// scope and a case that does not exist get the same 403, so nothing says whether a CRN exists.
// Every call is audited with the record type and key (or the query and unit for lists); the
// router audits refusals by role or scope, and a write refused as stale or by the rules is
// audited as refused too. A write wakes the live engine (EngineHolder::Notify), so it reaches
// the figures within one refresh; it is on the case at once (reads come from the store).
#include <charconv>
#include <string>

#include "server/case_repository.h"
#include "server/case_writes.h"
#include "server/routes.h"
#include "server/scope.h"

namespace probation {
namespace {

constexpr RoleSet kCaseReaders = {Role::kPractitioner, Role::kManager, Role::kPerformanceAnalyst};
constexpr RoleSet kCaseWriters = {Role::kPractitioner, Role::kManager};

// A client's bad request, naming the field: 400 for a malformed value, 422 for one the rules
// refuse.
struct FieldProblem {
  int status;
  std::string field;
  std::string message;
};

HttpResponse ProblemResponse(const FieldProblem& p) {
  return ErrorResponse(p.status, p.status == 422 ? "validation_failed" : "invalid_argument",
                       p.message, p.field);
}

std::optional<int64_t> ParseInt(std::string_view text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// Paging from ?limit= and ?offset=.
std::optional<FieldProblem> ReadPaging(const RequestContext& ctx, Paging* paging) {
  if (const std::string l = ctx.Query("limit"); !l.empty() || ctx.query.count("limit") > 0) {
    const std::optional<int64_t> v = ParseInt(l);
    if (!v || *v < 1 || *v > 500) return FieldProblem{400, "limit", "limit must be 1 to 500"};
    paging->limit = *v;
  }
  if (const std::string o = ctx.Query("offset"); !o.empty() || ctx.query.count("offset") > 0) {
    const std::optional<int64_t> v = ParseInt(o);
    if (!v || *v < 0) return FieldProblem{400, "offset", "offset must be 0 or more"};
    paging->offset = *v;
  }
  return std::nullopt;
}

// A body field as import text: a string as it is, a boolean as Y or N, a number as written;
// nullopt when absent or null.
Result<std::optional<std::string>> BodyText(const nlohmann::json& body, const char* name) {
  if (!body.is_object()) return InvalidArgument("the body must be a JSON object");
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::optional<std::string>();
  if (it->is_string()) return std::optional<std::string>(it->get<std::string>());
  if (it->is_boolean()) return std::optional<std::string>(it->get<bool>() ? "Y" : "N");
  if (it->is_number_integer())
    return std::optional<std::string>(std::to_string(it->get<int64_t>()));
  if (it->is_number()) return std::optional<std::string>(it->dump());
  return InvalidArgument(std::string(name) + ": must be a string, number or boolean");
}

// Reads the named body fields; the first malformed one is a 400 naming it.
class BodyReader {
 public:
  explicit BodyReader(const nlohmann::json& body) : body_(body) {}
  std::string Text(const char* name) { return Optional(name).value_or(""); }
  std::optional<std::string> Optional(const char* name) {
    Result<std::optional<std::string>> v = BodyText(body_, name);
    if (!v.ok()) {
      if (!problem_)
        problem_ = FieldProblem{400, body_.is_object() ? name : "", v.status().message()};
      return std::nullopt;
    }
    return *v;
  }
  // The record version the client read ("version"), required for an update.
  int64_t Version() {
    const std::optional<std::string> v = Optional("version");
    const std::optional<int64_t> n = v ? ParseInt(*v) : std::nullopt;
    if (!n || *n < 1) {
      if (!problem_)
        problem_ =
            FieldProblem{400, "version", "version: the record's version as read is required"};
      return 0;
    }
    return *n;
  }
  const std::optional<FieldProblem>& problem() const { return problem_; }

 private:
  const nlohmann::json& body_;
  std::optional<FieldProblem> problem_;
};

// The path's sentence and, for an update, record number; sets the audit key to the sentence.
std::optional<FieldProblem> ReadSentence(RequestContext& ctx, const char* type, int64_t* event_no,
                                         int64_t* number) {
  const std::string crn = ctx.Param("crn");
  ctx.audit.record_type = type;
  ctx.audit.record_key = crn;
  const std::optional<int64_t> e = ParseInt(ctx.Param("event_no"));
  if (!e || *e < 1) return FieldProblem{400, "event_no", "event_no must be a positive number"};
  *event_no = *e;
  ctx.audit.record_key = crn + "/" + std::to_string(*e);
  if (number != nullptr) {
    const std::optional<int64_t> n = ParseInt(ctx.Param("number"));
    if (!n || *n < 1)
      return FieldProblem{400, "number", "the record number must be a positive number"};
    *number = *n;
    ctx.audit.record_key += "/" + std::to_string(*n);
  }
  return std::nullopt;
}

// The response to a write: 201/200 with the record and its new version; a refusal by the
// rules a 422 naming the field, a stale version a 409 naming "version". Wakes the engine.
Result<HttpResponse> WriteResponse(const ServiceContext& service, RequestContext& ctx,
                                   Result<WriteResult> result) {
  if (!result.ok()) {
    const Status& s = result.status();
    if (s.code() == StatusCode::kInvalidArgument) {
      return ProblemResponse({422, ErrorField(s), s.message()});
    }
    if (s.code() == StatusCode::kConflict) {
      return ErrorResponse(409, "conflict", s.message(), "version");
    }
    return s;
  }
  ctx.audit.record_key = result->record.key;
  ctx.audit.detail = (result->created ? "created version " : "updated to version ") +
                     std::to_string(result->record.version);
  if (service.engine != nullptr) service.engine->Notify();
  return JsonResponse(result->ToJson(), result->created ? 201 : 200);
}

// The unit a caseload or due list is for: ?unit=, or the caller's own (a practitioner's staff
// record, anyone else's unit).
std::string RequestedUnit(const RequestContext& ctx) {
  std::string unit = ctx.Query("unit");
  if (unit.empty()) {
    unit = ctx.principal.role == Role::kPractitioner ? ctx.principal.staff_id
                                                     : ctx.principal.unit_code;
  }
  return unit;
}

Result<HttpResponse> Search(RequestContext& ctx) {
  const std::string q = ctx.Query("q");
  ctx.audit.record_type = "people";
  ctx.audit.query = "q=" + q;
  Paging paging;
  if (auto p = ReadPaging(ctx, &paging)) return ProblemResponse(*p);
  if (q.empty()) return ProblemResponse({400, "q", "q (a CRN or surname) is required"});
  PROBATION_ASSIGN_OR_RETURN(CaseSearchResult found, SearchCases(ctx.db, ctx.principal, q, paging));
  return JsonResponse(found.ToJson());
}

Result<HttpResponse> ReadOne(RequestContext& ctx) {
  ctx.audit.record_type = "people";
  ctx.audit.record_key = ctx.Param("crn");
  PROBATION_ASSIGN_OR_RETURN(CaseRecord record, ReadCase(ctx.db, ctx.principal, ctx.Param("crn")));
  return JsonResponse(record.ToJson());
}

Result<HttpResponse> CaseloadOf(const ServiceContext& service, RequestContext& ctx) {
  const std::string unit = RequestedUnit(ctx);
  ctx.audit.query = "caseload";
  ctx.audit.unit = unit;
  Paging paging;
  if (auto p = ReadPaging(ctx, &paging)) return ProblemResponse(*p);
  if (unit.empty()) return PermissionDenied("your account is tied to no unit");
  std::shared_ptr<const EngineState> state;
  const DueIndex* due = nullptr;
  if (service.engine != nullptr) {
    state = service.engine->Current();
    Result<const DueIndex*> index = state->Due();
    if (index.ok()) due = *index;
  }
  PROBATION_ASSIGN_OR_RETURN(Caseload load, ReadCaseload(ctx.db, ctx.principal, unit, paging, due));
  return JsonResponse(load.ToJson());
}

Result<HttpResponse> DueFor(const ServiceContext& service, RequestContext& ctx) {
  const std::string unit = RequestedUnit(ctx);
  ctx.audit.query = "due";
  ctx.audit.unit = unit;
  Paging paging;
  if (auto p = ReadPaging(ctx, &paging)) return ProblemResponse(*p);
  if (unit.empty()) return PermissionDenied("your account is tied to no unit");
  PROBATION_RETURN_IF_ERROR(CanSeeUnit(ctx.db, ctx.principal, unit));
  if (service.engine == nullptr) {
    return ErrorResponse(503, "unavailable", "the server was started without measure figures");
  }
  const std::shared_ptr<const EngineState> state = service.engine->Current();
  Result<measures::UnitRef> ref = state->organisation->Find(unit);
  if (!ref.ok()) return ProblemResponse({404, "unit", "the unit has no figures yet"});
  PROBATION_ASSIGN_OR_RETURN(const DueIndex* due, state->Due());
  DueList list =
      due->For(*ref, unit, static_cast<size_t>(paging.limit), static_cast<size_t>(paging.offset));
  nlohmann::json body = list.ToJson();
  body["engine_version"] = state->version->number();
  return JsonResponse(body);
}

Result<HttpResponse> AddContact(const ServiceContext& service, RequestContext& ctx) {
  NewContact c;
  if (auto p = ReadSentence(ctx, "contacts", &c.event_no, nullptr)) return ProblemResponse(*p);
  c.crn = ctx.Param("crn");
  BodyReader body(ctx.body);
  c.contact_date = body.Text("contact_date");
  c.contact_type = body.Text("contact_type");
  c.ns_required = body.Text("ns_required");
  c.arranged = body.Text("arranged");
  c.outcome = body.Text("outcome");
  c.requirement_no = body.Text("requirement_no");
  c.hours_credited = body.Text("hours_credited");
  c.staff_id = body.Text("staff_id");
  if (body.problem()) return ProblemResponse(*body.problem());
  return WriteResponse(service, ctx, RecordContact(ctx.db, ctx.principal, c));
}

Result<HttpResponse> ContactOutcomeOf(const ServiceContext& service, RequestContext& ctx) {
  ContactOutcome c;
  if (auto p = ReadSentence(ctx, "contacts", &c.event_no, &c.contact_no))
    return ProblemResponse(*p);
  c.crn = ctx.Param("crn");
  BodyReader body(ctx.body);
  c.expected_version = body.Version();
  c.outcome = body.Text("outcome");
  c.hours_credited = body.Optional("hours_credited");
  if (body.problem()) return ProblemResponse(*body.problem());
  return WriteResponse(service, ctx, RecordContactOutcome(ctx.db, ctx.principal, c));
}

Result<HttpResponse> AddBreach(const ServiceContext& service, RequestContext& ctx) {
  NewBreach b;
  if (auto p = ReadSentence(ctx, "breaches", &b.event_no, nullptr)) return ProblemResponse(*p);
  b.crn = ctx.Param("crn");
  BodyReader body(ctx.body);
  b.failure_date = body.Text("failure_date");
  b.initiated_date = body.Text("initiated_date");
  b.resolved_date = body.Text("resolved_date");
  b.outcome = body.Text("outcome");
  if (body.problem()) return ProblemResponse(*body.problem());
  return WriteResponse(service, ctx, RecordBreach(ctx.db, ctx.principal, b));
}

Result<HttpResponse> ChangeBreach(const ServiceContext& service, RequestContext& ctx) {
  BreachUpdate b;
  if (auto p = ReadSentence(ctx, "breaches", &b.event_no, &b.breach_no)) return ProblemResponse(*p);
  b.crn = ctx.Param("crn");
  BodyReader body(ctx.body);
  b.expected_version = body.Version();
  b.initiated_date = body.Optional("initiated_date");
  b.resolved_date = body.Optional("resolved_date");
  b.outcome = body.Optional("outcome");
  if (body.problem()) return ProblemResponse(*body.problem());
  return WriteResponse(service, ctx, UpdateBreach(ctx.db, ctx.principal, b));
}

Result<HttpResponse> AddAssessment(const ServiceContext& service, RequestContext& ctx) {
  NewAssessment a;
  if (auto p = ReadSentence(ctx, "assessments", &a.event_no, nullptr)) return ProblemResponse(*p);
  a.crn = ctx.Param("crn");
  BodyReader body(ctx.body);
  a.assessment_type = body.Text("assessment_type");
  a.started_date = body.Text("started_date");
  a.completed_date = body.Text("completed_date");
  if (body.problem()) return ProblemResponse(*body.problem());
  return WriteResponse(service, ctx, RecordAssessment(ctx.db, ctx.principal, a));
}

Result<HttpResponse> AssessmentDatesOf(const ServiceContext& service, RequestContext& ctx) {
  AssessmentDates a;
  if (auto p = ReadSentence(ctx, "assessments", &a.event_no, &a.assessment_no)) {
    return ProblemResponse(*p);
  }
  a.crn = ctx.Param("crn");
  BodyReader body(ctx.body);
  a.expected_version = body.Version();
  a.started_date = body.Optional("started_date");
  a.completed_date = body.Optional("completed_date");
  if (body.problem()) return ProblemResponse(*body.problem());
  return WriteResponse(service, ctx, RecordAssessmentDates(ctx.db, ctx.principal, a));
}

Result<HttpResponse> AddRecall(const ServiceContext& service, RequestContext& ctx) {
  NewRecall r;
  if (auto p = ReadSentence(ctx, "recalls", &r.event_no, nullptr)) return ProblemResponse(*p);
  r.crn = ctx.Param("crn");
  BodyReader body(ctx.body);
  r.recall_type = body.Text("recall_type");
  r.decision_time = body.Text("decision_time");
  r.request_received_time = body.Text("request_received_time");
  if (body.problem()) return ProblemResponse(*body.problem());
  return WriteResponse(service, ctx, RecordRecall(ctx.db, ctx.principal, r));
}

Result<HttpResponse> ChangeRecall(const ServiceContext& service, RequestContext& ctx) {
  RecallUpdate r;
  if (auto p = ReadSentence(ctx, "recalls", &r.event_no, &r.recall_no)) return ProblemResponse(*p);
  r.crn = ctx.Param("crn");
  BodyReader body(ctx.body);
  r.expected_version = body.Version();
  r.decision_time = body.Optional("decision_time");
  r.request_received_time = body.Optional("request_received_time");
  if (body.problem()) return ProblemResponse(*body.problem());
  return WriteResponse(service, ctx, UpdateRecall(ctx.db, ctx.principal, r));
}

const std::vector<QueryParamDoc> kPagingParams = {
    {"limit", "page size, 1 to 500 (default 50)", false},
    {"offset", "rows to skip (default 0)", false},
};

std::vector<QueryParamDoc> UnitAndPaging() {
  std::vector<QueryParamDoc> params = {
      {"unit", "staff id, team, LDU or trust code within your scope (default: your own)", false}};
  params.insert(params.end(), kPagingParams.begin(), kPagingParams.end());
  return params;
}

}  // namespace

void AddCaseRoutes(const ServiceContext& service) {
  Router& r = *service.router;
  const std::string sentence = "/api/v1/cases/{crn}/sentences/{event_no}";
  using Fn = Result<HttpResponse> (*)(const ServiceContext&, RequestContext&);
  auto bind = [service](Fn fn) {
    return [service, fn](RequestContext& ctx) { return fn(service, ctx); };
  };
  std::vector<QueryParamDoc> search_params = {{"q", "a CRN, or a surname (any case)", true}};
  search_params.insert(search_params.end(), kPagingParams.begin(), kPagingParams.end());
  r.Add(Route{.method = "GET",
              .pattern = "/api/v1/cases",
              .handler = Search,
              .roles = kCaseReaders,
              .audited = true,
              .summary = "Search the cases in your scope by CRN or surname",
              .query_params = search_params});
  r.Add(Route{.method = "GET",
              .pattern = "/api/v1/cases/{crn}",
              .handler = ReadOne,
              .roles = kCaseReaders,
              .audited = true,
              .summary = "A person's whole record (sentences, requirements, assessments, reports, "
                         "contacts, breaches, recalls, registrations), with record versions"});
  r.Add(Route{.method = "GET",
              .pattern = "/api/v1/caseload",
              .handler = bind(CaseloadOf),
              .roles = kCaseReaders,
              .audited = true,
              .summary = "The cases currently allocated to an officer, team or LDU, each with its "
                         "next due item",
              .query_params = UnitAndPaging()});
  r.Add(Route{.method = "GET",
              .pattern = "/api/v1/due",
              .handler = bind(DueFor),
              .roles = kCaseReaders,
              .audited = true,
              .summary = "What falls due for an officer, team or unit: pending items soonest first "
                         "with days left, and items failed this financial year",
              .query_params = UnitAndPaging()});
  // A write route. Besides the router's audit of what it wrote (and of a refusal by role or
  // scope), a write refused as stale (409) or by the rules (422) is audited as refused, with
  // the key it named.
  auto write = [&r, service, sentence](const char* method, const std::string& tail, Fn fn,
                                       std::string summary) {
    const std::string action = std::string(method) + " " + sentence + tail;
    Handler handler = [service, fn, action](RequestContext& ctx) -> Result<HttpResponse> {
      Result<HttpResponse> response = fn(service, ctx);
      if (response.ok() && (response->status == 409 || response->status == 422)) {
        AuditRecord record = ctx.audit;
        record.detail = response->status == 409 ? "stale version" : "refused by the rules";
        PROBATION_RETURN_IF_ERROR(ctx.Audit(action, std::move(record), AuditOutcome::kRefused));
      }
      return response;
    };
    r.Add(Route{.method = method,
                .pattern = sentence + tail,
                .handler = std::move(handler),
                .roles = kCaseWriters,
                .audited = true,
                .summary = std::move(summary)});
  };
  write("POST", "/contacts", AddContact,
        "Record a contact (contact_date, contact_type, ns_required, arranged, outcome, ...) on a "
        "sentence");
  write("PUT", "/contacts/{number}/outcome", ContactOutcomeOf,
        "Record an appointment's outcome on a contact (version: as read; 409 when stale)");
  write("POST", "/breaches", AddBreach,
        "Record a breach (failure_date, initiated_date, resolved_date, outcome)");
  write("PATCH", "/breaches/{number}", ChangeBreach,
        "Change a breach's dates or outcome (version: as read; 409 when stale)");
  write("POST", "/assessments", AddAssessment,
        "Record an assessment (assessment_type, started_date, completed_date)");
  write("PUT", "/assessments/{number}/dates", AssessmentDatesOf,
        "Set an assessment's start and completion dates (version: as read; 409 when stale)");
  write("POST", "/recalls", AddRecall,
        "Record a recall decision (recall_type, decision_time, request_received_time)");
  write("PATCH", "/recalls/{number}", ChangeRecall,
        "Change a recall's decision or request time (version: as read; 409 when stale)");
}

}  // namespace probation
