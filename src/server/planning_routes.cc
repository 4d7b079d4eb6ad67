// GET /api/v1/plans and /api/v1/risks: the plan and risk summaries of the business plans and
// risk registers loaded in the store (`probation plan import`, `probation risks import`),
// computed by the planning queries (planning/plan_queries.h, planning/risk_queries.h). No case
// data: read by every role but the administrator (docs/access.md), and not audited per call.
#include <map>
#include <set>
#include <string>

#include "base/financial_year.h"
#include "planning/plan_queries.h"
#include "planning/plan_store.h"
#include "planning/risk_matrix.h"
#include "planning/risk_queries.h"
#include "planning/risk_store.h"
#include "planning/risk_thresholds.h"
#include "server/paging.h"
#include "server/routes.h"

namespace probation {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

constexpr RoleSet kPlanReaders = {Role::kPractitioner, Role::kManager, Role::kPerformanceAnalyst,
                              Role::kBoardMember};

HttpResponse FieldError(std::string_view field, std::string_view message) {
  return ErrorResponse(400, "invalid_argument", message, field);
}

nlohmann::json DateOrNull(const std::optional<Date>& date) {
  return date ? nlohmann::json(date->ToString()) : nlohmann::json(nullptr);
}

// Whether the plan's period overlaps the financial year starting in April of `start_year`.
bool CoversYear(const planning::Plan& plan, int start_year) {
  const Date first = Date::FromCivil(start_year, 4, 1);
  const Date last = Date::FromCivil(start_year + 1, 3, 31);
  return plan.start <= last && plan.end >= first;
}

constexpr int64_t kListDefault = 50;  // plans or registers a page
constexpr int64_t kListMax = 500;

Result<HttpResponse> Plans(RequestContext& ctx) {
  PageRequest page;
  if (std::optional<HttpResponse> bad = ReadPage(ctx, kListDefault, kListMax, &page)) return *bad;
  int year = -1;
  if (const std::string y = ctx.Query("year"); !y.empty()) {
    year = FinancialYearStart(y);
    if (year < 0) return FieldError("year", "year must be a financial year such as 2008-09");
  }
  Date as_at(static_cast<int32_t>(ctx.now / kSecondsPerDay));
  if (const std::string a = ctx.Query("as_at"); !a.empty()) {
    Result<Date> parsed = Date::Parse(a);
    if (!parsed.ok()) return FieldError("as_at", parsed.status().message());
    as_at = *parsed;
  }
  PROBATION_ASSIGN_OR_RETURN(std::vector<planning::Plan> all, planning::LoadPlans(ctx.db));
  std::vector<planning::Plan> plans;
  for (planning::Plan& plan : all) {
    if (year < 0 || CoversYear(plan, year)) plans.push_back(std::move(plan));
  }
  // RAG counts for every quarter any plan reports, kept for the plans that report it.
  std::set<std::string> quarters;
  for (const planning::Plan& plan : plans) {
    quarters.insert(plan.reporting_quarters.begin(), plan.reporting_quarters.end());
  }
  std::map<std::string, nlohmann::json> rag_by_plan;
  for (const std::string& quarter : quarters) {
    if (!planning::CheckQuarter(quarter).ok()) continue;
    for (const planning::RagSummary& s : planning::QuarterRagSummary(plans, quarter)) {
      rag_by_plan[s.plan_id].push_back({{"quarter", s.quarter},
                                        {"red", s.red},
                                        {"amber", s.amber},
                                        {"green", s.green},
                                        {"not_rated", s.not_rated}});
    }
  }
  std::map<std::string, nlohmann::json> overdue_by_plan;
  for (const planning::ItemRef& ref : planning::OverdueActions(plans, as_at)) {
    overdue_by_plan[ref.plan->id].push_back({{"number", ref.item->number},
                                             {"kind", ref.item->kind},
                                             {"title", ref.item->title},
                                             {"deadline", DateOrNull(ref.item->deadline)},
                                             {"lead", ref.item->lead}});
  }
  nlohmann::json out = {{"as_at", as_at.ToString()}, {"plans", nlohmann::json::array()}};
  if (year >= 0) out["year"] = FinancialYearLabel(year);
  for (const planning::Plan& plan : plans) {
    std::set<std::string> reported(plan.reporting_quarters.begin(), plan.reporting_quarters.end());
    nlohmann::json rag = nlohmann::json::array();
    for (const nlohmann::json& q : rag_by_plan[plan.id]) {
      if (reported.count(q["quarter"].get<std::string>())) rag.push_back(q);
    }
    nlohmann::json overdue = overdue_by_plan[plan.id];
    if (overdue.is_null()) overdue = nlohmann::json::array();
    out["plans"].push_back({{"id", plan.id},
                            {"organisation", plan.organisation},
                            {"title", plan.title},
                            {"kind", plan.kind},
                            {"start", plan.start.ToString()},
                            {"end", plan.end.ToString()},
                            {"rag_by_quarter", rag},
                            {"overdue_count", overdue.size()},
                            {"overdue", overdue}});
  }
  PutPage(&out, "plans", nlohmann::json(out["plans"]), page);
  return JsonResponse(out);
}

Result<HttpResponse> Risks(RequestContext& ctx) {
  PageRequest page;
  if (std::optional<HttpResponse> bad = ReadPage(ctx, kListDefault, kListMax, &page)) return *bad;
  PROBATION_ASSIGN_OR_RETURN(std::vector<planning::RiskRegister> registers,
                             planning::LoadRegisters(ctx.db));
  PROBATION_ASSIGN_OR_RETURN(planning::RiskMatrix matrix, planning::LoadRiskMatrix());
  nlohmann::json out = {{"registers", nlohmann::json::array()}};
  for (const planning::RiskRegister& reg : registers) {
    PROBATION_ASSIGN_OR_RETURN(planning::RiskThresholds thresholds,
                               planning::LoadRiskThresholds(reg.thresholds));
    const std::vector<planning::ScoredRisk> scored = planning::ScoreRisks(reg, matrix, thresholds);
    const planning::HeatMap map = planning::MakeHeatMap(scored);
    nlohmann::json cells = nlohmann::json::array();
    for (int l = 0; l < planning::kRatingCount; ++l) {
      for (int i = 0; i < planning::kRatingCount; ++i) {
        if (map.counts[l][i] == 0) continue;
        cells.push_back(
            {{"likelihood", planning::RatingName(static_cast<planning::Rating>(l))},
             {"impact", planning::RatingName(static_cast<planning::Rating>(i))},
             {"score", matrix.Score(static_cast<planning::Rating>(l),
                                    static_cast<planning::Rating>(i))},
             {"count", map.counts[l][i]}});
      }
    }
    nlohmann::json bands = {{"green", 0}, {"amber", 0}, {"red", 0}, {"black", 0}, {"unrated", 0}};
    nlohmann::json red_and_black = nlohmann::json::array();
    for (const planning::ScoredRisk& s : scored) {
      const std::string status(planning::RiskStatusName(s.status));
      bands[status] = bands[status].get<int>() + 1;
      if (s.status != planning::RiskStatus::kRed && s.status != planning::RiskStatus::kBlack) {
        continue;
      }
      const planning::Risk& risk = *s.risk;
      red_and_black.push_back(
          {{"reference", risk.reference},
           {"title", risk.title.empty() ? risk.description : risk.title},
           {"owner", risk.owner},
           {"score", s.residual_score ? nlohmann::json(*s.residual_score) : nlohmann::json(nullptr)},
           {"status", status},
           {"last_review",
            risk.reviews.empty() ? nlohmann::json(nullptr)
                                 : nlohmann::json(risk.reviews.back().date.ToString())}});
    }
    out["registers"].push_back({{"id", reg.id},
                                {"organisation", reg.organisation},
                                {"title", reg.title},
                                {"period", reg.period},
                                {"risks", scored.size()},
                                {"by_status", bands},
                                {"heat_map", {{"rating", "residual"},
                                              {"unrated", map.unrated},
                                              {"cells", cells}}},
                                {"red_and_black", red_and_black}});
  }
  PutPage(&out, "registers", nlohmann::json(out["registers"]), page);
  return JsonResponse(out);
}

}  // namespace

void AddPlanningRoutes(const ServiceContext& service) {
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/api/v1/plans",
      .handler = Plans,
      .roles = kPlanReaders,
      .summary = "Each plan in the store: its organisation, its actions' RAG counts by reporting "
                 "quarter, and its overdue actions",
      .query_params = {{"year", "a financial year such as 2008-09: plans covering it", false},
                       {"as_at", "the date actions are overdue at, YYYY-MM-DD (default: today)",
                        false},
                       PageParams(kListDefault, kListMax)[0], PageParams(kListDefault, kListMax)[1]},
  });
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/api/v1/risks",
      .handler = Risks,
      .roles = kPlanReaders,
      .summary = "Each risk register: risks per status band, the residual heat map "
                 "(likelihood x impact counts), and the red and black risks",
      .query_params = PageParams(kListDefault, kListMax),
  });
}

}  // namespace probation
