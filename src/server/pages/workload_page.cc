// GET /workload (issue 13): each officer's caseload (by protect/change tier letter), workload
// points against capacity (docs/workload.md) and what falls due, for a manager's team or LDU
// or any unit of an analyst's, as a bar chart with the same numbers in a table. The figures
// are those of GET /api/v1/workload at its default date (the data's latest activity): the same
// view of the engine's version from the service's analytics cache (server/analytics_cache.h),
// so the cases' tiers are computed once per version, not per request; and the due items of the
// engine version's DueIndex (server/due_items.h).
#include <array>
#include <map>

#include "analytics/tiering.h"
#include "analytics/tiering_cases.h"
#include "analytics/workload_officers.h"
#include "analytics/workload_reductions.h"
#include "reports/svg_chart.h"
#include "server/analytics_cache.h"
#include "server/measure_scope.h"
#include "server/pages/performance_form.h"

namespace probation {
namespace {

using measures::UnitLevel;
using measures::UnitRef;

constexpr int kDueWithin = 5;  // days left that make a pending item "due soon"
constexpr char kTierLetters[] = "ABCD";

std::string OneDecimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

Result<HttpResponse> WorkloadPage(const ServiceContext& service, RequestContext& ctx) {
  ctx.audit.query = "workload";
  if (service.engine == nullptr) {
    return FailedPrecondition("the server was started without measure figures");
  }
  const std::shared_ptr<const EngineState> state = service.engine->Current();
  const measures::Organisation& org = *state->organisation;
  FormValues query(ctx.query.begin(), ctx.query.end());
  Page page{.title = "Workload", .template_name = "workload", .nav = "/workload"};
  const FormErrors none;
  page.data.set(
      "unit_field",
      Choices({.name = "unit", .legend = "Unit", .choices = UnitChoices(ctx.principal, org, false)},
              query, none));
  ctx.audit.unit = ctx.Query("unit");
  Result<UnitRef> unit = ScopedUnit(ctx.principal, org, ctx.Query("unit"));
  if (!unit.ok()) {
    if (unit.status().code() != StatusCode::kInvalidArgument) return unit.status();
    FormErrors errors;
    errors.Add("unit", "Choose a unit from the list");
    errors.AddTo(&page.data);
    page.status = 400;
    return RenderPage(ctx, std::move(page));
  }
  ctx.audit.unit = org.Code(*unit);
  // The figures of GET /api/v1/workload at its default date: the same view of the engine's
  // version (server/analytics_cache.h), its cases and tiers computed once per version and date.
  PROBATION_ASSIGN_OR_RETURN(const std::shared_ptr<const AnalyticsView> view,
                             service.analytics->ViewOf(state));
  const Date at = view->snapshot().latest_activity();
  std::shared_ptr<const CasesAndTiers> on;
  PROBATION_ASSIGN_OR_RETURN(const std::vector<analytics::OfficerWorkload> officers,
                             OfficerWorkloadsOn(*view, ctx.db, at, &on));
  const std::vector<analytics::SupervisedCase>& cases = on->cases;
  const std::vector<std::string>& tiers = on->tiers;
  const analytics::PointsTable& points = view->reference().points.At(at);
  const std::vector<const analytics::OfficerWorkload*> within =
      analytics::OfficersWithin(org, officers, *unit);
  // Each listed officer's cases by tier letter (A-D), and those with no tier.
  std::map<int32_t, std::array<int, 5>> by_tier;
  for (const analytics::OfficerWorkload* w : within) by_tier[w->staff_row] = {};
  for (size_t i = 0; i < cases.size(); ++i) {
    auto it = by_tier.find(cases[i].officer_row);
    if (it == by_tier.end()) continue;
    const int t = analytics::TierIndex(tiers[i]);
    ++it->second[t < 0 ? 4 : analytics::TierName(t)[0] - 'A'];
  }
  PROBATION_ASSIGN_OR_RETURN(const DueIndex* due, state->Due());

  const double red = points.red_over_percent;
  report::BarChart chart;
  chart.id = "workload-chart";
  chart.title = "Workload as a percentage of capacity, by officer";
  chart.reference = 100;
  chart.unit_suffix = "%";
  PageData rows(PageData::type::list);
  int total_cases = 0;
  int64_t total_pending = 0, total_soon = 0, total_failed = 0;
  for (const analytics::OfficerWorkload* w : within) {
    const UnitRef officer{UnitLevel::kOfficer, w->staff_row};
    const DueList list = due->For(officer, w->staff_id, 0, 0);
    int64_t soon = 0;
    for (const DueItem& item : list.pending) soon += item.days_left <= kDueWithin;
    PageData row;
    row.set("name", w->name);
    row.set("staff_id", w->staff_id);
    row.set("team", w->team_row >= 0 ? org.Code({org.LevelOf(w->team_row), w->team_row})
                                     : std::string("-"));
    const std::array<int, 5>& t = by_tier[w->staff_row];
    int n = 0;
    for (int c : w->cases) n += c;
    PageData tier_cells(PageData::type::list);
    for (int i = 0; i < 5; ++i) {
      PageData cell;
      cell.set("count", std::to_string(t[i]));
      tier_cells.push_back(cell);
    }
    row.set("tiers", tier_cells);
    row.set("cases", std::to_string(n));
    row.set("points", std::to_string(w->workload_points()));
    row.set("available", OneDecimal(w->available));
    row.set("capacity", OneDecimal(w->capacity()) + "%");
    if (w->capacity() > red) row.set("over", PageData::type::bool_true);
    row.set("pending", std::to_string(list.pending_total));
    row.set("due_soon", std::to_string(soon));
    row.set("failed", std::to_string(list.failed_total));
    rows.push_back(row);
    chart.labels.push_back(w->name);
    chart.values.push_back(w->capacity());
    chart.tones.push_back(w->capacity() > red ? report::Tone::kRed : report::Tone::kNone);
    total_cases += n;
    total_pending += list.pending_total;
    total_soon += soon;
    total_failed += list.failed_total;
  }
  PageData tier_heads(PageData::type::list);
  for (int i = 0; i < 5; ++i) {
    PageData head;
    head.set("text", i < 4 ? std::string("Tier ") + kTierLetters[i] : std::string("No tier"));
    tier_heads.push_back(head);
  }
  page.data.set("tier_heads", tier_heads);
  page.data.set("rows", rows);
  page.data.set("unit_name", org.Code(*unit) + " " + org.Name(*unit));
  page.data.set("as_at", at.ToString());
  page.data.set("red_over", OneDecimal(red) + "%");
  page.data.set("officers", std::to_string(within.size()));
  page.data.set("total_cases", std::to_string(total_cases));
  page.data.set("total_pending", std::to_string(total_pending));
  page.data.set("total_due_soon", std::to_string(total_soon));
  page.data.set("total_failed", std::to_string(total_failed));
  page.data.set("fy_label", due->For(*unit, org.Code(*unit), 1, 0).fy_label);
  page.data.set("due_within", std::to_string(kDueWithin));
  if (!within.empty()) page.data.set("chart", report::BarChartSvg(chart));
  return RenderPage(ctx, std::move(page));
}

}  // namespace

void AddWorkloadPage(const ServiceContext& service) {
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/workload",
      .handler = [service](RequestContext& ctx) { return WorkloadPage(service, ctx); },
      .roles = {Role::kManager, Role::kPerformanceAnalyst},
      .audited = true,
      .summary = "Each officer's caseload by tier, workload against capacity and due items (page)",
      .query_params = {{"unit", "a unit code within your scope (default: your own)", false}},
      .response_type = "text/html",
      .page = true,
  });
}

}  // namespace probation
