// The service's HTTP request and response as plain values, so that only the transport
// (server/http_server.cc) sees Boost.Beast; and the pieces every response shares: the
// security headers and the one error shape {"error": {"code", "message", "field"}}.
//
// Plain values and functions; thread-compatible.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace probation {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query, as sent
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string client_address;

  // The header's value, or "" when absent. `name` in lower case.
  std::string Header(const std::string& name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;  // beyond the security headers
  std::string body;
  bool close = false;  // close the connection after this response

  void SetHeader(std::string name, std::string value);
};

// {"error": {"code": code, "message": message, "field": field or null}} with `status`.
HttpResponse ErrorResponse(int status, std::string_view code, std::string_view message,
                           std::string_view field = {});
// The HTTP status and error code for a non-OK Status. Internal and I/O errors become a 500
// whose message says nothing of the cause (it is logged instead).
HttpResponse StatusResponse(const Status& status);

// Adds the headers every response carries: Content-Security-Policy (scripts, styles, fonts and
// images from this server, inline scripts and styles only with `nonce`; no framing),
// X-Content-Type-Options, Referrer-Policy, X-Frame-Options and Cache-Control: no-store unless
// the response has its own Cache-Control. `nonce` is base64-safe hex, fresh per response.
void AddSecurityHeaders(HttpResponse* response, std::string_view nonce);

}  // namespace probation
