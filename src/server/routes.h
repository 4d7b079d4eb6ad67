// The service's routes, registered group by group on the one Router (server/router.h). A new
// group (the case records) is a function like these, called from Service::Create or on
// service.router() before the server starts.
//
// Functions only; the routes they add are thread-safe.
#pragma once

#include "base/clock.h"
#include "server/auth.h"
#include "server/db_pool.h"
#include "server/engine_holder.h"
#include "server/metrics.h"
#include "server/password.h"
#include "server/router.h"

namespace probation {

class AnalyticsCache;

// What the route groups share. Every pointer outlives the router.
struct ServiceContext {
  Router* router = nullptr;
  DbPool* pool = nullptr;
  Auth* auth = nullptr;
  PasswordHasher* hasher = nullptr;
  const Clock* clock = nullptr;
  Metrics* metrics = nullptr;
  EngineHolder* engine = nullptr;  // the live engine; null: the figures answer 503
  // The analytics' reference data and per-version views (server/analytics_cache.h), shared by
  // the analytics API and the workload page so that they agree; owned by the Service.
  AnalyticsCache* analytics = nullptr;
};

// GET /healthz, GET /metrics, GET /api/v1/openapi.json.
void AddSystemRoutes(const ServiceContext& service);
// POST and DELETE /api/v1/session, GET /api/v1/me, POST /api/v1/me/password.
void AddSessionRoutes(const ServiceContext& service);
// /api/v1/admin/users..., /api/v1/admin/audit... (administrator only).
void AddAdminRoutes(const ServiceContext& service);
// GET /api/v1/scorecard, /api/v1/exceptions, /api/v1/boardpack, scoped per docs/access.md.
void AddMeasureRoutes(const ServiceContext& service);
// /api/v1/cases..., /api/v1/caseload, /api/v1/due: case records read and written, scoped per
// docs/access.md (server/case_routes.cc).
void AddCaseRoutes(const ServiceContext& service);
// GET /api/v1/plans, /api/v1/risks: plan and risk summaries, read by every role but the
// administrator (server/planning_routes.cc).
void AddPlanningRoutes(const ServiceContext& service);
// GET /api/v1/cases/{crn}/scores, /api/v1/workload, /api/v1/allocation, /api/v1/reoffending,
// /api/v1/equality, /api/v1/forecast: the analytics of OGRS3, tiering, workload, allocation,
// reoffending, equality and demand over the live engine (server/analytics_routes.cc).
void AddAnalyticsRoutes(const ServiceContext& service);

// The pages every user has: GET /, GET and POST /sign-in, POST /sign-out, GET and POST
// /account/password (server/pages/account_pages.cc).
void AddAccountPages(const ServiceContext& service);
// The business plans and risk registers: GET /plans, /plans/{plan}, /plans/{plan}/items/{number}
// and POST to it (a progress note and quarter RAG); GET /risks, /risks/{register}/{reference} and
// POST to it (a review) (server/pages/plan_pages.cc, risk_pages.cc).
void AddPlanPages(const ServiceContext& service);
void AddRiskPages(const ServiceContext& service);
// The offender manager's pages: /caseload, /due, /cases, /cases/{crn} and the forms that
// record on a case (server/pages/practitioner_pages.h).
void AddPractitionerPages(const ServiceContext& service);
// The performance pages: GET /scorecard, /scorecard/download, /exceptions,
// /exceptions/download, /boardpack, /boardpack/download (server/pages/performance_pages.cc),
// and GET /workload (server/pages/workload_page.cc).
void AddPerformancePages(const ServiceContext& service);
void AddWorkloadPage(const ServiceContext& service);

// GET /assets/{path*}: the stylesheet, scripts, fonts and images built into the binary, to
// anyone (server/asset_routes.h).
void AddAssetRoutes(const ServiceContext& service);

// POST /api/v1/imports: extracts uploaded and loaded (performance analyst; server/import_routes.cc).
void AddImportRoutes(const ServiceContext& service);
// The administrator's pages: /admin/users... (server/pages/user_pages.cc) and /admin/audit...
// (server/pages/audit_pages.cc).
void AddUserPages(const ServiceContext& service);
void AddAuditPages(const ServiceContext& service);
// The performance analyst's upload page: GET /imports/new, POST /imports
// (server/pages/import_pages.cc).
void AddImportPages(const ServiceContext& service);

// The OpenAPI 3 document of `routes`.
nlohmann::json OpenApiDocument(const std::vector<Route>& routes);

}  // namespace probation
