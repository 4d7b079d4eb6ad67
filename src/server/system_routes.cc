// GET /healthz, GET /metrics and GET /api/v1/openapi.json (generated from the route table).
#include "server/routes.h"

namespace probation {
namespace {

std::vector<std::string> PathParams(const std::string& pattern) {
  std::vector<std::string> out;
  size_t pos = 0;
  while ((pos = pattern.find('{', pos)) != std::string::npos) {
    const size_t end = pattern.find('}', pos);
    out.push_back(pattern.substr(pos + 1, end - pos - 1));
    pos = end;
  }
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

nlohmann::json OpenApiDocument(const std::vector<Route>& routes) {
  nlohmann::json doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = {{"title", "probation"},
                 {"version", "1"},
                 {"description",
                  "Offender management and performance for probation services. Sign in with "
                  "POST /api/v1/session; send the returned csrf_token in X-CSRF-Token on every "
                  "request that changes anything, or use a bearer token (`probation tokens "
                  "create`). x-roles lists the roles that may call an operation; x-audited "
                  "marks those written to the audit log."}};
  doc["components"]["securitySchemes"] = {
      {"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", Router::kSessionCookie}}},
      {"bearer", {{"type", "http"}, {"scheme", "bearer"}}}};
  doc["components"]["schemas"]["Error"] = {
      {"type", "object"},
      {"required", {"error"}},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"required", {"code", "message", "field"}},
          {"properties",
           {{"code", {{"type", "string"}}},
            {"message", {{"type", "string"}}},
            {"field", {{"type", "string"}, {"nullable", true}}}}}}}}}};
  doc["paths"] = nlohmann::json::object();
  for (const Route& route : routes) {
    if (route.page) continue;  // HTML for browsers, not the API
    nlohmann::json op;
    op["summary"] = route.summary;
    op["operationId"] = Lower(route.method) + route.pattern;
    nlohmann::json params = nlohmann::json::array();
    for (const std::string& name : PathParams(route.pattern)) {
      params.push_back({{"name", name}, {"in", "path"}, {"required", true},
                        {"schema", {{"type", "string"}}}});
    }
    for (const QueryParamDoc& q : route.query_params) {
      params.push_back({{"name", q.name}, {"in", "query"}, {"required", q.required},
                        {"description", q.description}, {"schema", {{"type", "string"}}}});
    }
    if (!params.empty()) op["parameters"] = params;
    if (route.public_route) {
      op["security"] = nlohmann::json::array();
    } else {
      op["security"] = {{{"session", nlohmann::json::array()}},
                        {{"bearer", nlohmann::json::array()}}};
      nlohmann::json roles = nlohmann::json::array();
      for (Role r : {Role::kPractitioner, Role::kManager, Role::kPerformanceAnalyst,
                     Role::kBoardMember, Role::kAdministrator}) {
        if (route.roles.Has(r)) roles.push_back(RoleName(r));
      }
      op["x-roles"] = roles;
    }
    op["x-audited"] = route.audited;
    if (route.body == BodyKind::kMultipart) {
      op["requestBody"] = {
          {"required", true},
          {"content", {{"multipart/form-data", {{"schema", {{"type", "object"}}}}}}}};
      if (route.body_limit > 0) op["x-body-limit-bytes"] = route.body_limit;
    } else if (route.method == "POST" || route.method == "PUT" || route.method == "PATCH") {
      op["requestBody"] = {{"required", false},
                           {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
    }
    op["responses"] = {
        {"200", {{"description", "success"}, {"content", {{route.response_type, nlohmann::json::object()}}}}},
        {"default",
         {{"description", "an error"},
          {"content",
           {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}};
    doc["paths"][route.pattern][Lower(route.method)] = op;
  }
  return doc;
}

void AddSystemRoutes(const ServiceContext& service) {
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/healthz",
      .handler = [](RequestContext&) -> Result<HttpResponse> {
        return JsonResponse({{"status", "ok"}});
      },
      .public_route = true,
      .summary = "Liveness: 200 while the server is serving",
  });
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/metrics",
      .handler = [service](RequestContext&) -> Result<HttpResponse> {
        HttpResponse response;
        response.content_type = "text/plain; version=0.0.4";
        response.body = service.metrics->Exposition();
        return response;
      },
      .public_route = true,
      .summary = "Prometheus metrics (counts only; keep it to the monitoring network)",
      .response_type = "text/plain",
  });
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/api/v1/openapi.json",
      .handler = [service](RequestContext&) -> Result<HttpResponse> {
        return JsonResponse(OpenApiDocument(service.router->routes()));
      },
      .public_route = true,
      .summary = "This API's OpenAPI 3 document, generated from the route table",
  });
}

}  // namespace probation
