// Metrics: the service's counters in the Prometheus text format (/metrics): requests by
// route pattern and status, latency histograms by route, failed sign-ins; and gauges that
// other parts supply through collectors (live sessions, the engine's build time and age).
// Routes are counted by their pattern ("/api/v1/cases/{crn}"), never by the path, so no case
// key reaches the metrics.
//
// Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace probation {

class Metrics {
 public:
  // Upper bounds of the latency histogram's buckets, in seconds.
  static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1,    2.5};

  void CountRequest(const std::string& route, int status, double seconds);
  void CountFailedSignIn();
  // A function returning more exposition text (with its own # HELP and # TYPE lines), called
  // at each scrape: e.g. the live sessions, or the engine's refresh time and age.
  void AddCollector(std::function<std::string()> collector);

  std::string Exposition() const;

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  uint64_t failed_sign_ins_ = 0;
  std::vector<std::function<std::string()>> collectors_;
};

}  // namespace probation
