// Clock: the service's "now", injected so that tests fix it (session expiry, rate limits, the
// audit log's timestamps). Time is whole seconds since the Unix epoch, UTC.
//
// SystemClock is thread-safe; FakeClock is thread-safe (an atomic).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace probation {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t Now() const = 0;  // seconds since 1970-01-01T00:00:00Z
};

class SystemClock : public Clock {
 public:
  int64_t Now() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// For tests: starts at `start` and moves only when told.
class FakeClock : public Clock {
 public:
  explicit FakeClock(int64_t start) : now_(start) {}
  int64_t Now() const override { return now_.load(); }
  void Advance(int64_t seconds) { now_ += seconds; }
  void Set(int64_t now) { now_ = now; }

 private:
  std::atomic<int64_t> now_;
};

// "2026-12-07T16:30:00Z".
std::string FormatUtc(int64_t unix_seconds);

}  // namespace probation
