#include "server/service.h"

#include "base/crypto.h"
#include "server/page.h"
#include "store/schema.h"

namespace probation {

Result<std::unique_ptr<Service>> Service::Create(const ServiceOptions& options,
                                                 const Clock* clock,
                                                 std::unique_ptr<EngineHolder> engine) {
  PROBATION_RETURN_IF_ERROR(InitCrypto());
  {
    PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, OpenStore(options.db_path));
  }
  std::unique_ptr<Service> service(new Service());
  service->pool_ = std::make_unique<DbPool>(options.db_path);
  service->hasher_ = std::make_unique<PasswordHasher>(options.hashes_at_once, options.hash_cost);
  service->auth_ = std::make_unique<Auth>(service->hasher_.get(), clock, options.auth);
  service->metrics_ = std::make_unique<Metrics>();
  service->engine_ = std::move(engine);
  RouterOptions router_options;
  router_options.secure_cookies = options.secure_cookies;
  router_options.behind_proxy = options.behind_proxy;
  router_options.log = options.log;
  router_options.page_error = ErrorPage;
  service->router_ = std::make_unique<Router>(service->pool_.get(), service->auth_.get(),
                                              service->metrics_.get(), router_options);
  ServiceContext& c = service->context_;
  c.router = service->router_.get();
  c.pool = service->pool_.get();
  c.auth = service->auth_.get();
  c.hasher = service->hasher_.get();
  c.clock = clock;
  c.metrics = service->metrics_.get();
  c.engine = service->engine_.get();
  service->analytics_ = std::make_unique<AnalyticsCache>();
  c.analytics = service->analytics_.get();
  Service* raw = service.get();
  service->metrics_->AddCollector([raw]() -> std::string {
    std::string out;
    Result<DbPool::Lease> db = raw->pool_->Acquire();
    if (db.ok()) {
      Result<int64_t> live = raw->auth_->LiveSessions(db->get());
      if (live.ok()) {
        out += "# HELP probation_sessions Live sessions (neither idle nor past their absolute "
               "expiry).\n# TYPE probation_sessions gauge\nprobation_sessions " +
               std::to_string(*live) + "\n";
      }
    }
    if (raw->engine_) out += raw->engine_->MetricsText();
    return out;
  });
  AddSystemRoutes(c);
  AddSessionRoutes(c);
  AddAdminRoutes(c);
  AddMeasureRoutes(c);
  AddCaseRoutes(c);
  AddPlanningRoutes(c);
  AddAccountPages(c);
  AddAssetRoutes(c);
  AddAnalyticsRoutes(c);
  AddImportRoutes(c);
  AddUserPages(c);
  AddAuditPages(c);
  AddImportPages(c);
  AddPlanPages(c);
  AddRiskPages(c);
  AddPractitionerPages(c);
  AddPerformancePages(c);
  AddWorkloadPage(c);
  return service;
}

}  // namespace probation
