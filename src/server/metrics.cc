#include "server/metrics.h"

#include <cstdio>

namespace probation {
namespace {

std::string Number(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6g", v);
  return buffer;
}

// Route patterns hold only [A-Za-z0-9/{}._-]; quotes and backslashes are escaped anyway.
std::string Label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void Metrics::CountRequest(const std::string& route, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{route, status}];
  Histogram& h = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::CountFailedSignIn() {
  std::lock_guard<std::mutex> lock(mutex_);
  ++failed_sign_ins_;
}

void Metrics::AddCollector(std::function<std::string()> collector) {
  std::lock_guard<std::mutex> lock(mutex_);
  collectors_.push_back(std::move(collector));
}

std::string Metrics::Exposition() const {
  std::vector<std::function<std::string()>> collectors;
  std::string out;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    out += "# HELP probation_http_requests_total Requests answered, by route pattern and status.\n"
           "# TYPE probation_http_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
      out += "probation_http_requests_total{route=\"" + Label(key.first) + "\",status=\"" +
             std::to_string(key.second) + "\"} " + std::to_string(count) + "\n";
    }
    out += "# HELP probation_http_request_seconds Time to answer a request, by route pattern.\n"
           "# TYPE probation_http_request_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
      const std::string label = "route=\"" + Label(route) + "\"";
      for (size_t i = 0; i < kBuckets.size(); ++i) {
        out += "probation_http_request_seconds_bucket{" + label + ",le=\"" + Number(kBuckets[i]) +
               "\"} " + std::to_string(h.buckets[i]) + "\n";
      }
      out += "probation_http_request_seconds_bucket{" + label + ",le=\"+Inf\"} " +
             std::to_string(h.count) + "\n";
      out += "probation_http_request_seconds_sum{" + label + "} " + Number(h.sum) + "\n";
      out += "probation_http_request_seconds_count{" + label + "} " + std::to_string(h.count) +
             "\n";
    }
    out += "# HELP probation_failed_sign_ins_total Sign-ins refused since the server started.\n"
           "# TYPE probation_failed_sign_ins_total counter\n"
           "probation_failed_sign_ins_total " +
           std::to_string(failed_sign_ins_) + "\n";
    collectors = collectors_;
  }
  for (const auto& collector : collectors) out += collector();
  return out;
}

}  // namespace probation
