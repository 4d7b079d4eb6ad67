// What engine.cc (tallies) and engine_item_rows.cc (item rows) share. Internal to the engine.
#pragma once

#include <algorithm>
#include <cstddef>
#include <span>
#include <thread>

#include "base/status.h"

#include "measures/period.h"

namespace probation::measures {

// Rows are evaluated this many at a time: the evaluator's columns for a chunk stay in cache.
inline constexpr size_t kChunkRows = 16384;

// The smallest period covering all of `periods`. REQUIRES: periods not empty.
inline Period Span(std::span<const Period> periods) {
  Period span = periods[0];
  for (const Period& p : periods) {
    span.start = std::min(span.start, p.start);
    span.end = std::max(span.end, p.end);
  }
  return span;
}

// Runs half(false) on the calling thread and half(true) on a second thread (with
// `two_threads`; else both on the calling thread, the second only when the first succeeded),
// and returns the first half's error, else the second's.
template <typename Half>
Status OnTwoHalves(const Half& half, bool two_threads = true) {
  if (!two_threads) {
    PROBATION_RETURN_IF_ERROR(half(false));
    return half(true);
  }
  Status second;
  std::thread worker([&] { second = half(true); });
  const Status first = half(false);
  worker.join();
  PROBATION_RETURN_IF_ERROR(first);
  return second;
}

}  // namespace probation::measures
