// The analytics of reoffending, equality, tiering, workload, allocation and demand over the
// JSON API (docs/reoffending.md, docs/equality.md, docs/workload.md): the computations of
// src/analytics/ that the CLI commands of the same names run, over the live engine's current
// version (server/analytics_cache.h), so the figures follow the writes. Scope per
// docs/access.md, from the Principal (server/measure_scope.h, server/scope.h):
//
//   GET /api/v1/cases/{crn}/scores  OGRS3 and tier of one case    read scope of the case routes
//   GET /api/v1/workload            officers' workload, units     practitioner own, manager in
//                                                                 scope, analyst any unit
//   GET /api/v1/allocation          officers ranked for a case    manager, a team in scope
//   GET /api/v1/reoffending         actual against predicted      manager in scope, analyst,
//   GET /api/v1/equality            outcomes by group             board member (aggregates:
//   GET /api/v1/forecast            demand against staff          counts 1-4 "fewer than 5")
//
// Every call is audited: the case read with its CRN, the others as aggregates with the unit
// and the query.
#include <array>
#include <map>
#include <memory>
#include <string>

#include "analytics/tiering_store.h"
#include "analytics/workload_reductions.h"
#include "model/record_types.h"
#include "server/analytics_cache.h"
#include "server/analytics_json.h"
#include "server/measure_scope.h"
#include "server/routes.h"
#include "server/scope.h"

namespace probation {
namespace {

using nlohmann::json;

HttpResponse FieldError(std::string_view field, std::string_view message) {
  return ErrorResponse(400, "invalid_argument", message, field);
}

struct Analytics {
  ServiceContext service;
  AnalyticsCache* cache;  // the service's (ServiceContext::analytics)
};

// What every analytics request starts from: the view of the engine's current version and the
// date the figures are taken at (`as_at`, default the data's latest activity).
struct Common {
  std::shared_ptr<const AnalyticsView> view;
  Date as_at;
};

// Fills `out`; or returns the response to send instead (no engine, a malformed date), or, in
// `error`, a failure to pass up.
std::optional<HttpResponse> Open(const Analytics& a, RequestContext& ctx, Common* out,
                                 Status* error) {
  if (a.service.engine == nullptr) {
    return ErrorResponse(503, "unavailable", "the server was started without figures");
  }
  Result<std::shared_ptr<const AnalyticsView>> view = a.cache->ViewOf(a.service.engine->Current());
  if (!view.ok()) {
    *error = view.status();
    return std::nullopt;
  }
  out->view = *view;
  out->as_at = out->view->snapshot().latest_activity();
  if (const std::string d = ctx.Query("as_at"); !d.empty()) {
    Result<Date> parsed = Date::Parse(d);
    if (!parsed.ok()) return FieldError("as_at", "as_at: " + parsed.status().message());
    out->as_at = *parsed;
  }
  return std::nullopt;
}

// The unit the request names within the principal's scope (server/measure_scope.h), audited;
// a response for a unit that does not exist, or the refusal in `refusal`.
std::optional<HttpResponse> Unit(RequestContext& ctx, const measures::Organisation& org,
                                 const char* param, measures::UnitRef* out, Status* refusal) {
  ctx.audit.unit = ctx.Query(param);
  Result<measures::UnitRef> unit = ScopedUnit(ctx.principal, org, ctx.Query(param));
  if (!unit.ok()) {
    if (unit.status().code() == StatusCode::kInvalidArgument) {
      return FieldError(param, unit.status().message());
    }
    *refusal = unit.status();
    return std::nullopt;
  }
  *out = *unit;
  ctx.audit.unit = org.Code(*unit);
  return std::nullopt;
}

// A whole number in [low, high], or `fallback` when absent; nullopt when malformed.
std::optional<int> IntParam(const RequestContext& ctx, const char* name, int fallback, int low,
                            int high) {
  const std::string text = ctx.Query(name);
  if (text.empty()) return fallback;
  if (text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  const int n = std::stoi(text);
  if (n < low || n > high) return std::nullopt;
  return n;
}

// Splits "a,b,c" (empty parts dropped).
std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

bool IsBoard(const RequestContext& ctx) { return ctx.principal.role == Role::kBoardMember; }

// What an aggregate over a unit starts from: the view and date (Open) and the unit of ?unit=
// (Unit), which `refuse`, when not null, may turn away (NotAnOfficer, LduOrAbove).
struct UnitAggregate {
  Common common;
  measures::UnitRef unit;
};

// Fills `out` and returns nullopt; or returns what the handler returns instead: a response (no
// engine, a malformed date, an unknown unit, one `refuse` turns away) or an error (a unit outside
// the principal's scope, a failure to read the figures).
std::optional<Result<HttpResponse>> OpenUnitAggregate(
    const Analytics& a, RequestContext& ctx,
    std::optional<HttpResponse> (*refuse)(measures::UnitRef), UnitAggregate* out) {
  Status error;
  if (std::optional<HttpResponse> early = Open(a, ctx, &out->common, &error)) return *early;
  if (!error.ok()) return error;
  const measures::Organisation& org = out->common.view->organisation();
  if (std::optional<HttpResponse> early = Unit(ctx, org, "unit", &out->unit, &error)) {
    return *early;
  }
  if (!error.ok()) return error;
  if (refuse == nullptr) return std::nullopt;
  if (std::optional<HttpResponse> early = refuse(out->unit)) return *early;
  return std::nullopt;
}

// ---- one case: OGRS3 and tier --------------------------------------------------------------

Result<HttpResponse> CaseScores(const Analytics& a, RequestContext& ctx) {
  const std::string crn = ctx.Param("crn");
  ctx.audit.record_type = "people";
  ctx.audit.record_key = crn;
  PROBATION_RETURN_IF_ERROR(CanReadCase(ctx.db, ctx.principal, crn));
  Common c;
  Status error;
  if (std::optional<HttpResponse> early = Open(a, ctx, &c, &error)) return *early;
  if (!error.ok()) return error;
  const AnalyticsView& v = *c.view;
  const AnalyticsReference& ref = v.reference();
  const int32_t person = v.cases().FindPerson(crn);
  if (person < 0) {
    return ErrorResponse(404, "not_found", "the case is not in the figures yet; try again shortly");
  }
  const SnapshotTable& sentences = v.snapshot().table(*FindRecordType("sentences"));
  json ogrs3 = json::array();
  for (const analytics::SentenceOgrs3& s :
       analytics::ScorePersonSentences(v.snapshot(), ref.ogrs3, person)) {
    ogrs3.push_back(
        SentenceOgrs3Json(s, sentences.KeyText(static_cast<size_t>(s.sentence_row)), ref.ogrs3));
  }
  json out = {{"crn", crn},
              {"as_at", c.as_at.ToString()},
              {"engine_version", v.version()},
              {"ogrs3", {{"table_version", ref.ogrs3.version}, {"sentences", ogrs3}}}};
  Result<analytics::SupervisedCase> found = v.cases().CaseOf(crn, c.as_at);
  if (found.ok()) {
    const analytics::TierInputs& in = found->inputs;
    const analytics::TierResult omm = analytics::ComputeOmmTier(ref.omm, in);
    out["tier"] = {
        {"under_supervision", true},
        {"lead_sentence", sentences.KeyText(static_cast<size_t>(found->sentence_row))},
        {"officer", found->officer_row < 0 ? json() : json(v.cases().StaffId(found->officer_row))},
        {"inputs", TierInputsJson(in)},
        {"omm", TierResultJson(omm, ref.omm.info)},
        {"protect_change",
         TierResultJson(analytics::ComputeProtectChangeTier(ref.protect_change, in),
                        ref.protect_change.info)},
        {"imported_tier", in.imported_tier.empty() ? json() : json(in.imported_tier)},
        {"imported_agrees",
         in.imported_tier.empty() ? json() : json(in.imported_tier == omm.tier)}};
  } else {
    out["tier"] = {{"under_supervision", false}};
  }
  PROBATION_ASSIGN_OR_RETURN(std::vector<analytics::StoredTier> stored,
                             analytics::ReadStoredTiers(ctx.db, crn));
  json stored_json = json::array();
  for (const analytics::StoredTier& t : stored) {
    stored_json.push_back(
        {{"as_at", t.as_at},
         {"rule_set", t.rule_set},
         {"version", t.rule_set_version},
         {"tier", t.tier},
         {"previous_tier", t.previous_tier.empty() ? json() : json(t.previous_tier)},
         {"change_reason", t.change_reason.empty() ? json() : json(t.change_reason)}});
  }
  out["stored_tiers"] = std::move(stored_json);
  return JsonResponse(out);
}

// ---- workload and allocation --------------------------------------------------------------

// Every officer's workload on `at` (server/analytics_cache.h, as the workload page has it).
Result<std::vector<analytics::OfficerWorkload>> Workloads(
    const AnalyticsView& v, Database* db, Date at, std::shared_ptr<const CasesAndTiers>* cases) {
  return OfficerWorkloadsOn(v, db, at, cases);
}

Result<HttpResponse> Workload(const Analytics& a, RequestContext& ctx) {
  ctx.audit.query = "workload as_at=" + ctx.Query("as_at");
  UnitAggregate u;
  if (std::optional<Result<HttpResponse>> instead = OpenUnitAggregate(a, ctx, nullptr, &u)) {
    return std::move(*instead);
  }
  const Common& c = u.common;
  const AnalyticsView& v = *c.view;
  const measures::Organisation& org = v.organisation();
  const measures::UnitRef unit = u.unit;
  std::shared_ptr<const CasesAndTiers> cases;
  PROBATION_ASSIGN_OR_RETURN(const std::vector<analytics::OfficerWorkload> officers,
                             Workloads(v, ctx.db, c.as_at, &cases));
  const analytics::PointsTable& points = v.reference().points.At(c.as_at);
  const double red = points.red_over_percent;
  const std::vector<const analytics::OfficerWorkload*> within =
      analytics::OfficersWithin(org, officers, unit);
  // Each listed officer's cases by protect/change tier.
  std::map<int32_t, std::array<int, analytics::kTierCount + 1>> by_tier;  // last: other
  for (const analytics::OfficerWorkload* w : within) by_tier[w->staff_row] = {};
  for (size_t i = 0; i < cases->cases.size(); ++i) {
    auto it = by_tier.find(cases->cases[i].officer_row);
    if (it == by_tier.end()) continue;
    const int t = analytics::TierIndex(cases->tiers[i]);
    ++it->second[t < 0 ? analytics::kTierCount : t];
  }
  json units = json::array();
  for (const analytics::UnitWorkload& u : analytics::RollUpWorkloads(org, officers, unit)) {
    units.push_back(UnitWorkloadJson(u, red));
  }
  json listed = json::array();
  for (const analytics::OfficerWorkload* w : within) {
    json tiers = json::object();
    const auto& counts = by_tier[w->staff_row];
    for (int t = 0; t < analytics::kTierCount; ++t) {
      if (counts[t] > 0) tiers[analytics::TierName(t)] = counts[t];
    }
    if (counts[analytics::kTierCount] > 0) tiers["other"] = counts[analytics::kTierCount];
    listed.push_back(OfficerWorkloadJson(*w, org, tiers, red));
  }
  return JsonResponse({{"unit", UnitJson(org, unit)},
                       {"as_at", c.as_at.ToString()},
                       {"engine_version", v.version()},
                       {"points_effective_from", points.effective_from.ToString()},
                       {"red_over_percent", red},
                       {"units", units},
                       {"officers", listed}});
}

Result<HttpResponse> Allocation(const Analytics& a, RequestContext& ctx) {
  ctx.audit.query = "allocation tier=" + ctx.Query("tier") + " setting=" + ctx.Query("setting") +
                    " rosh=" + ctx.Query("rosh") + " as_at=" + ctx.Query("as_at");
  Common c;
  Status error;
  if (std::optional<HttpResponse> early = Open(a, ctx, &c, &error)) return *early;
  if (!error.ok()) return error;
  const AnalyticsView& v = *c.view;
  const measures::Organisation& org = v.organisation();
  if (ctx.Query("team").empty()) return FieldError("team", "team (a team code) is required");
  measures::UnitRef team;
  if (std::optional<HttpResponse> early = Unit(ctx, org, "team", &team, &error)) return *early;
  if (!error.ok()) return error;
  if (team.level != measures::UnitLevel::kTeam) {
    return FieldError("team", "'" + ctx.Query("team") + "' is not a team");
  }
  analytics::NewCase new_case{ctx.Query("tier"), analytics::Setting::kCommunity,
                              analytics::kRoshUnknown};
  if (analytics::TierIndex(new_case.tier) < 0) {
    return FieldError("tier", "tier must be a protect/change tier, A3 to D0");
  }
  if (const std::string s = ctx.Query("setting"); !s.empty()) {
    Result<analytics::Setting> setting = analytics::ParseSetting(s);
    if (!setting.ok()) return FieldError("setting", setting.status().message());
    new_case.setting = *setting;
  }
  if (const std::string r = ctx.Query("rosh"); !r.empty()) {
    Result<int> rosh = analytics::ParseRosh(r);
    if (!rosh.ok()) return FieldError("rosh", rosh.status().message());
    new_case.rosh = *rosh;
  }
  std::shared_ptr<const CasesAndTiers> cases;
  PROBATION_ASSIGN_OR_RETURN(const std::vector<analytics::OfficerWorkload> officers,
                             Workloads(v, ctx.db, c.as_at, &cases));
  const analytics::PointsTable& points = v.reference().points.At(c.as_at);
  Result<std::vector<analytics::Candidate>> ranked = analytics::RankOfficers(
      analytics::OfficersWithin(org, officers, team), new_case, points, v.reference().grade_rules);
  if (!ranked.ok()) return FieldError("tier", ranked.status().message());
  json candidates = json::array();
  int rank = 0;
  for (const analytics::Candidate& cand : *ranked) {
    candidates.push_back(CandidateJson(cand, cand.eligible ? ++rank : 0, points.red_over_percent));
  }
  return JsonResponse(
      {{"team", UnitJson(org, team)},
       {"as_at", c.as_at.ToString()},
       {"engine_version", v.version()},
       {"case",
        {{"tier", new_case.tier},
         {"setting", std::string(analytics::SettingName(new_case.setting))},
         {"rosh",
          new_case.rosh >= 0 ? json(std::string(analytics::RoshName(new_case.rosh))) : json()},
         {"points", analytics::CasePoints(points, new_case.setting, new_case.tier)}}},
       {"red_over_percent", points.red_over_percent},
       {"eligible", rank},
       {"candidates", candidates}});
}

// ---- reoffending, equality, forecast -------------------------------------------------------

// The unit of an aggregate over teams: not an officer.
std::optional<HttpResponse> NotAnOfficer(measures::UnitRef unit) {
  if (unit.level == measures::UnitLevel::kOfficer) {
    return FieldError("unit", "a region, trust, LDU or team code, not a staff member");
  }
  return std::nullopt;
}

// The unit of the forecast, which is by LDU: an LDU or above.
std::optional<HttpResponse> LduOrAbove(measures::UnitRef unit) {
  if (unit.level > measures::UnitLevel::kLdu) {
    return FieldError("unit", "the forecast is by LDU: give an LDU, trust or region");
  }
  return std::nullopt;
}

Result<HttpResponse> Reoffending(const Analytics& a, RequestContext& ctx) {
  ctx.audit.query = "reoffending cohort=" + ctx.Query("cohort") +
                    " snapshot=" + ctx.Query("snapshot") + " follow_up=" + ctx.Query("follow_up") +
                    " wait=" + ctx.Query("wait") + " by=" + ctx.Query("by") +
                    " calibration=" + ctx.Query("calibration") + " as_at=" + ctx.Query("as_at");
  UnitAggregate u;
  if (std::optional<Result<HttpResponse>> instead = OpenUnitAggregate(a, ctx, NotAnOfficer, &u)) {
    return std::move(*instead);
  }
  const Common& c = u.common;
  const AnalyticsView& v = *c.view;
  const measures::Organisation& org = v.organisation();
  const measures::UnitRef unit = u.unit;
  const std::string cohort = ctx.Query("cohort").empty() ? "ni18" : ctx.Query("cohort");
  if (cohort != "ni18" && cohort != "om21" && cohort != "ni30") {
    return FieldError("cohort", "cohort must be ni18 (also om21) or ni30");
  }
  analytics::ReoffendingParams params;
  params.ppo_only = cohort == "ni30";
  params.data_as_at = c.as_at;
  Result<Date> snapshot = Date::Parse(ctx.Query("snapshot"));
  if (!snapshot.ok()) {
    return FieldError("snapshot", "snapshot (the caseload date, YYYY-MM-DD) is required");
  }
  params.snapshot = *snapshot;
  const std::optional<int> follow_up = IntParam(ctx, "follow_up", 12, 12, 24);
  if (!follow_up || (*follow_up != 12 && *follow_up != 24)) {
    return FieldError("follow_up", "follow_up must be 12 or 24 months (OGRS3's horizons)");
  }
  params.follow_up_months = *follow_up;
  const std::optional<int> wait = IntParam(ctx, "wait", 6, 0, 60);
  if (!wait) return FieldError("wait", "wait must be months, 0 to 60");
  params.proven_wait_months = *wait;
  std::vector<std::pair<std::string, analytics::Breakdown>> breakdowns;
  for (const std::string& b : SplitList(ctx.Query("by"))) {
    Result<analytics::Breakdown> parsed = analytics::ParseBreakdown(b);
    if (!parsed.ok()) return FieldError("by", parsed.status().message());
    breakdowns.emplace_back(b, *parsed);
  }
  const std::string calibration = ctx.Query("calibration");
  if (!calibration.empty() && calibration != "true" && calibration != "false") {
    return FieldError("calibration", "calibration must be true or false");
  }
  PROBATION_ASSIGN_OR_RETURN(const analytics::Cohort built,
                             analytics::BuildCohort(v.facts(), v.Scores(), params, unit));
  const bool board = IsBoard(ctx);
  json out = CohortJson(built, board);
  out["cohort"] = cohort;
  out["unit"] = UnitJson(org, unit);
  out["engine_version"] = v.version();
  json by = json::object();
  for (const auto& [name, breakdown] : breakdowns) {
    json rows = json::array();
    for (const analytics::BreakdownRow& row : analytics::BreakDown(v.facts(), built, breakdown)) {
      json r = CohortFiguresJson(row.figures, board);
      r["label"] = row.label;
      rows.push_back(std::move(r));
    }
    by[name] = std::move(rows);
  }
  out["breakdowns"] = std::move(by);
  if (calibration == "true") {
    json deciles = json::array();
    for (const analytics::DecileRow& d : analytics::Calibration(built)) {
      json r = CohortFiguresJson(d.figures, board);
      r["decile"] = d.decile;
      r["min_predicted"] = d.min_predicted;
      r["max_predicted"] = d.max_predicted;
      deciles.push_back(std::move(r));
    }
    out["calibration"] = std::move(deciles);
  }
  return JsonResponse(out);
}

Result<HttpResponse> Equality(const Analytics& a, RequestContext& ctx) {
  ctx.audit.query =
      "equality period=" + ctx.Query("period") + " threshold=" + ctx.Query("threshold");
  UnitAggregate u;
  if (std::optional<Result<HttpResponse>> instead = OpenUnitAggregate(a, ctx, NotAnOfficer, &u)) {
    return std::move(*instead);
  }
  const Common& c = u.common;
  const AnalyticsView& v = *c.view;
  const measures::Organisation& org = v.organisation();
  const measures::UnitRef unit = u.unit;
  Result<measures::Period> period = measures::ParsePeriod(ctx.Query("period"));
  if (!period.ok()) return FieldError("period", period.status().message());
  const std::optional<int> threshold = IntParam(ctx, "threshold", 10, 0, 1000);
  if (!threshold) return FieldError("threshold", "threshold must be a count, 0 to 1000");
  analytics::EqualityParams params;
  params.period = *period;
  params.scope = unit;
  // A board member never sees a group smaller than 5, whatever threshold is asked for.
  params.threshold = IsBoard(ctx) ? std::max(*threshold, kBoardSmallCount) : *threshold;
  PROBATION_ASSIGN_OR_RETURN(const analytics::EqualityReport report,
                             analytics::ComputeEquality(v.facts(), params));
  json out = EqualityJson(report, IsBoard(ctx));
  out["unit"] = UnitJson(org, unit);
  out["engine_version"] = v.version();
  return JsonResponse(out);
}

Result<HttpResponse> Forecast(const Analytics& a, RequestContext& ctx) {
  ctx.audit.query = "forecast history=" + ctx.Query("history") + " as_at=" + ctx.Query("as_at");
  UnitAggregate u;
  if (std::optional<Result<HttpResponse>> instead = OpenUnitAggregate(a, ctx, LduOrAbove, &u)) {
    return std::move(*instead);
  }
  const Common& c = u.common;
  const AnalyticsView& v = *c.view;
  const measures::Organisation& org = v.organisation();
  const measures::UnitRef unit = u.unit;
  const std::optional<int> history = IntParam(ctx, "history", 8, 2, 40);
  if (!history) return FieldError("history", "history must be quarters, 2 to 40");
  std::vector<measures::Period> quarters;
  const std::vector<analytics::LduFlows> flows =
      analytics::ComputeLduFlows(v.snapshot(), org, c.as_at, *history, &quarters);
  std::vector<std::string> labels;
  measures::Period next = quarters.back();
  for (int h = 0; h < 4; ++h) {
    next = analytics::NextQuarter(next);
    labels.push_back(next.label);
  }
  std::shared_ptr<const CasesAndTiers> cases;
  PROBATION_ASSIGN_OR_RETURN(const std::vector<analytics::OfficerWorkload> officers,
                             Workloads(v, ctx.db, c.as_at, &cases));
  const double red = v.reference().points.At(c.as_at).red_over_percent;
  json ldus = json::array();
  int outrun = 0;
  for (const analytics::LduFlows& ldu : flows) {
    const measures::UnitRef ldu_unit{measures::UnitLevel::kLdu, ldu.ldu_row};
    if (!org.Within(ldu_unit, unit)) continue;
    const analytics::UnitWorkload now = analytics::RollUpWorkloads(org, officers, ldu_unit).front();
    const analytics::LduDemand d = analytics::ForecastLduDemand(ldu, labels, now.capacity(), red);
    outrun += d.outruns;
    ldus.push_back(LduDemandJson(d, org, now.officers, IsBoard(ctx)));
  }
  json history_labels = json::array();
  for (const measures::Period& q : quarters) history_labels.push_back(q.label);
  return JsonResponse({{"unit", UnitJson(org, unit)},
                       {"as_at", c.as_at.ToString()},
                       {"engine_version", v.version()},
                       {"history", history_labels},
                       {"quarters", labels},
                       {"red_over_percent", red},
                       {"ldus_outrunning_staff", outrun},
                       {"ldus", ldus}});
}

const QueryParamDoc kAsAt = {"as_at",
                             "the date the figures are taken at, YYYY-MM-DD (default: "
                             "the latest recorded activity)",
                             false};
const QueryParamDoc kUnit = {"unit", "organisation unit code within your scope (default: your own)",
                             false};

}  // namespace

void AddAnalyticsRoutes(const ServiceContext& service) {
  const Analytics a{service, service.analytics};
  const RoleSet kCaseRoles = {Role::kPractitioner, Role::kManager, Role::kPerformanceAnalyst};
  const RoleSet kAggregateRoles = {Role::kManager, Role::kPerformanceAnalyst, Role::kBoardMember};
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/api/v1/cases/{crn}/scores",
      .handler = [a](RequestContext& ctx) { return CaseScores(a, ctx); },
      .roles = kCaseRoles,
      .audited = true,
      .summary = "A case's OGRS3 per sentence with its inputs, and its tier under both rule sets "
                 "with the inputs and reasons (docs/reoffending.md, docs/workload.md)",
      .query_params = {kAsAt},
  });
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/api/v1/workload",
      .handler = [a](RequestContext& ctx) { return Workload(a, ctx); },
      .roles = kCaseRoles,
      .audited = true,
      .summary = "Each officer's workload points against capacity (cases by setting and tier, "
                 "reports, reductions), and the unit's, its LDUs' and teams' totals",
      .query_params = {kUnit, kAsAt},
  });
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/api/v1/allocation",
      .handler = [a](RequestContext& ctx) { return Allocation(a, ctx); },
      .roles = {Role::kManager},
      .audited = true,
      .summary = "A team's officers ranked for a new case by their capacity after taking it, "
                 "with the grade rules that exclude some",
      .query_params = {{"team", "team code within your scope", true},
                       {"tier", "the case's protect/change tier, A3 to D0", true},
                       {"setting", "community (default), licence or custody", false},
                       {"rosh", "the case's ROSH (LOW, MEDIUM, HIGH, VERY_HIGH), for grade rules",
                        false},
                       kAsAt},
  });
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/api/v1/reoffending",
      .handler = [a](RequestContext& ctx) { return Reoffending(a, ctx); },
      .roles = kAggregateRoles,
      .audited = true,
      .summary = "Proven reoffending against OGRS3's prediction for a cohort (NI18 / OM21, "
                 "NI30) with 95% intervals, breakdowns and calibration (board members: counts "
                 "below 5 suppressed)",
      .query_params = {{"snapshot", "the caseload date of the cohort, YYYY-MM-DD", true},
                       {"cohort", "ni18 (default; also om21) or ni30", false},
                       {"follow_up", "follow-up in months: 12 (default) or 24", false},
                       {"wait", "months allowed for proven outcomes (default 6)", false},
                       {"by",
                        "breakdowns, comma-separated: trust, ldu, team, tier, offence, "
                        "gender, ethnicity",
                        false},
                       {"calibration", "true: predicted against actual by OGRS3 decile", false},
                       kUnit,
                       {"as_at", "the date the data covers (default: the latest activity)", false}},
  });
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/api/v1/equality",
      .handler = [a](RequestContext& ctx) { return Equality(a, ctx); },
      .roles = kAggregateRoles,
      .audited = true,
      .summary = "Equality of outcomes: each outcome's rate by group with its ratio to the "
                 "reference group and 95% interval, small groups suppressed, and the "
                 "completeness of diversity data",
      .query_params = {{"period", "FY2010, 2010-Q3, 2010-04..2010-09, ...", true},
                       kUnit,
                       {"threshold",
                        "suppress groups with a count below this (default 10; "
                        "at least 5 for a board member)",
                        false}},
  });
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/api/v1/forecast",
      .handler = [a](RequestContext& ctx) { return Forecast(a, ctx); },
      .roles = kAggregateRoles,
      .audited = true,
      .summary = "Each LDU's caseload by setting for the next four quarters with 95% intervals, "
                 "against its staff capacity",
      .query_params = {{"unit", "an LDU, trust or region within your scope (default: your own)",
                        false},
                       {"history", "quarters of history the model uses (default 8)", false},
                       kAsAt},
  });
}

}  // namespace probation
