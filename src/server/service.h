// Service: the whole server assembled: the store's connection pool, the password hasher,
// sessions and tokens (Auth), metrics, the engine, and the Router with every route group
// (server/routes.h). `probation serve`, `probation demo --serve` and the tests build one and
// put an HttpServer in front of it:
//
//   PROBATION_ASSIGN_OR_RETURN(auto service, Service::Create(options, &clock, std::move(engine)));
//   AddCaseRoutes(service->context());        // further route groups, before serving
//   http.body_limit_for = service->BodyLimits();  // the upload routes' larger limits
//   PROBATION_ASSIGN_OR_RETURN(auto server, HttpServer::Start(http, service->Handler()));
//
// Thread-safe once the routes are added.
#pragma once

#include <memory>
#include <string>

#include "base/clock.h"
#include "server/analytics_cache.h"
#include "server/auth.h"
#include "server/db_pool.h"
#include "server/engine_holder.h"
#include "server/http_server.h"
#include "server/metrics.h"
#include "server/password.h"
#include "server/router.h"
#include "server/routes.h"

namespace probation {

struct ServiceOptions {
  std::string db_path;
  bool secure_cookies = false;
  bool behind_proxy = false;  // RouterOptions::behind_proxy
  AuthOptions auth;
  PasswordHashCost hash_cost = PasswordHashCost::Interactive();
  int hashes_at_once = 2;
  std::function<void(const std::string&)> log;  // request log lines; default standard error
};

class Service {
 public:
  // Migrates the store, and registers the system, session, admin and measure routes.
  // `engine` may be null (the measure routes then answer 503). REQUIRES: `clock` outlives it.
  static Result<std::unique_ptr<Service>> Create(const ServiceOptions& options, const Clock* clock,
                                                 std::unique_ptr<EngineHolder> engine);

  Router& router() { return *router_; }
  const ServiceContext& context() const { return context_; }
  HttpServer::Handler Handler() {
    return [this](const HttpRequest& request) { return router_->Handle(request); };
  }
  // For HttpServerOptions::body_limit_for: the routes' own body limits (the import upload's).
  std::function<size_t(std::string_view, std::string_view)> BodyLimits() {
    return [this](std::string_view method, std::string_view target) {
      return router_->BodyLimitFor(method, target);
    };
  }

 private:
  Service() = default;
  std::unique_ptr<DbPool> pool_;
  std::unique_ptr<PasswordHasher> hasher_;
  std::unique_ptr<Auth> auth_;
  std::unique_ptr<Metrics> metrics_;
  std::unique_ptr<EngineHolder> engine_;
  std::unique_ptr<AnalyticsCache> analytics_;
  std::unique_ptr<Router> router_;
  ServiceContext context_;
};

}  // namespace probation
