#include "server/http_types.h"

#include <nlohmann/json.hpp>

namespace probation {

std::string HttpRequest::Header(const std::string& name) const {
  const auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

void HttpResponse::SetHeader(std::string name, std::string value) {
  for (auto& [n, v] : headers) {
    if (n == name) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

HttpResponse ErrorResponse(int status, std::string_view code, std::string_view message,
                           std::string_view field) {
  nlohmann::json error{{"code", code}, {"message", message}};
  error["field"] = field.empty() ? nlohmann::json() : nlohmann::json(field);
  HttpResponse response;
  response.status = status;
  response.body =
      nlohmann::json{{"error", error}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

HttpResponse StatusResponse(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return HttpResponse{};
    case StatusCode::kInvalidArgument:
      return ErrorResponse(400, "invalid_argument", status.message());
    case StatusCode::kNotFound:
      return ErrorResponse(404, "not_found", status.message());
    case StatusCode::kAlreadyExists:
      return ErrorResponse(409, "already_exists", status.message());
    case StatusCode::kFailedPrecondition:
      return ErrorResponse(409, "failed_precondition", status.message());
    case StatusCode::kPermissionDenied:
      return ErrorResponse(403, "forbidden", status.message());
    case StatusCode::kConflict:
      return ErrorResponse(409, "conflict", status.message());
    case StatusCode::kIoError:
    case StatusCode::kInternal:
      break;
  }
  return ErrorResponse(500, "internal", "the server could not complete the request");
}

void AddSecurityHeaders(HttpResponse* response, std::string_view nonce) {
  const std::string n(nonce);
  response->SetHeader("Content-Security-Policy",
                      "default-src 'none'; script-src 'self' 'nonce-" + n +
                          "'; style-src 'self' 'nonce-" + n +
                          "'; font-src 'self'; img-src 'self' data:; connect-src 'self'; "
                          "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  response->SetHeader("X-Content-Type-Options", "nosniff");
  response->SetHeader("Referrer-Policy", "no-referrer");
  response->SetHeader("X-Frame-Options", "DENY");
  // No-store unless the route chose its own (the assets: server/asset_routes.cc).
  for (const auto& [name, value] : response->headers) {
    if (name == "Cache-Control") return;
  }
  response->SetHeader("Cache-Control", "no-store");
}

}  // namespace probation
