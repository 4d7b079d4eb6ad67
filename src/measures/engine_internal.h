// What engine.cc (tallies) and engine_item_rows.cc (item rows) share. Internal to the engine.
#pragma once

#include <algorithm>
#include <cstddef>
#include <span>

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

}  // namespace probation::measures
