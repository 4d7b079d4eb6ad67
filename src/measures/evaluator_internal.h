// What evaluator.cc (values as doubles) and evaluator_predicate.cc (truth values as bytes)
// share: per-thread scratch buffers, the frame of rows an expression is evaluated on, the way
// from a frame's rows to the rows a field or aggregate reads, and the children of a frame's
// rows over a to-many relation. Internal to the evaluator; not for other callers.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "measures/evaluator.h"

namespace probation::measures {

inline constexpr double kNullValue = std::numeric_limits<double>::quiet_NaN();
inline bool IsNullValue(double v) { return std::isnan(v); }

// A literal as the evaluator computes with it (see evaluator.h).
double LiteralValue(const Literal& literal);

// Scratch buffers of T, reused from one evaluation to the next on the same thread so that
// evaluating a chunk allocates nothing once warm. Taken and returned in LIFO order by Scratch.
template <typename T>
class ScratchPool {
 public:
  T* Take(size_t n) {
    if (used_ == buffers_.size()) buffers_.push_back({nullptr, 0});
    Buffer& b = buffers_[used_++];
    if (b.size < n) {
      b.data = std::make_unique_for_overwrite<T[]>(n);
      b.size = n;
    }
    return b.data.get();
  }
  void Give() { --used_; }

  static ScratchPool& ForThisThread() {
    thread_local ScratchPool pool;
    return pool;
  }

 private:
  struct Buffer {
    std::unique_ptr<T[]> data;
    size_t size;
  };
  std::vector<Buffer> buffers_;
  size_t used_ = 0;
};

// n values of T from this thread's pool, returned when it goes out of scope.
template <typename T>
class Scratch {
 public:
  explicit Scratch(size_t n) : data_(ScratchPool<T>::ForThisThread().Take(n)) {}
  ~Scratch() { ScratchPool<T>::ForThisThread().Give(); }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  T* data() { return data_; }
  T& operator[](size_t i) { return data_[i]; }

 private:
  T* data_;
};

struct Evaluator::Frame {
  const SnapshotTable* table;
  size_t begin;
  size_t end;
  // The frame of the record enclosing an aggregate's children (`outer.`), and where each row's
  // outer record is in it: at position outer_positions[i] for row i when given; else, when
  // outer_rows is given (the outer frame then being contiguous), at the outer table row
  // outer_rows[Row(i)]; else at position outer_const for every row.
  const Frame* outer = nullptr;
  const int32_t* outer_rows = nullptr;
  size_t outer_const = 0;
  const int32_t* outer_positions = nullptr;
  // When set, the frame's rows are rows[0 .. end - begin) of the table (a selection, begin 0)
  // rather than the contiguous rows [begin, end).
  const int32_t* rows = nullptr;
  // When set, copies of some Y/N and code fields of the frame's rows, in frame order:
  // copied[f][i] is field f of the i-th row (copied[f] null: field f not copied).
  const int8_t* const* copied = nullptr;
  size_t size() const { return end - begin; }
  // The table row of the frame's i-th row.
  size_t Row(size_t i) const { return rows != nullptr ? static_cast<size_t>(rows[i]) : begin + i; }
  // The position in `outer` of the outer record of the frame's i-th row.
  size_t OuterPosition(size_t i) const {
    if (outer_positions != nullptr) return static_cast<size_t>(outer_positions[i]);
    if (outer_rows != nullptr) return static_cast<size_t>(outer_rows[Row(i)]) - outer->begin;
    return outer_const;
  }
  // The frame of the rows at positions[0 .. k) of this one (ascending), keeping their outer
  // records; `outer_positions` receives where those are when this frame has an outer frame.
  Frame Subset(const int32_t* positions, size_t k, int32_t* rows_out,
               int32_t* outer_positions_out) const {
    Frame sub = *this;
    sub.begin = 0;
    sub.end = k;
    sub.copied = nullptr;
    for (size_t j = 0; j < k; ++j) rows_out[j] = static_cast<int32_t>(Row(positions[j]));
    sub.rows = rows_out;
    if (outer != nullptr) {
      for (size_t j = 0; j < k; ++j) {
        outer_positions_out[j] = static_cast<int32_t>(OuterPosition(positions[j]));
      }
      sub.outer_positions = outer_positions_out;
    }
    return sub;
  }
};

// The way from a frame's rows to the rows an expression reads: `outer_depth` levels out, then
// the to-one `path`. Resolved once per expression and frame; Row() then costs a few lookups.
struct Evaluator::Path {
  int outer_depth = 0;
  std::vector<const std::vector<int32_t>*> hops;
  const SnapshotTable* table = nullptr;  // the table reached

  // The row reached from the i-th row of `frame`, or -1 when a relation is absent.
  int64_t Row(const Frame& frame, size_t i) const {
    const Frame* f = &frame;
    for (int d = 0; d < outer_depth; ++d) {
      i = f->OuterPosition(i);
      f = f->outer;
    }
    int64_t r = static_cast<int64_t>(f->Row(i));
    for (const std::vector<int32_t>* hop : hops) {
      r = (*hop)[static_cast<size_t>(r)];
      if (r < 0) break;
    }
    return r;
  }
};

// The children of a frame's rows over an aggregate's relation, as a frame of their own, and
// the position in the parent frame of each child's parent. Holds scratch buffers: declare it
// before any other scratch of the same evaluation step.
struct Evaluator::Children {
  Frame frame{};
  // The position of child c's parent: parent_position[c] when given, else
  // parent_of_child[frame.begin + c] - parent_base.
  const int32_t* parent_of_child = nullptr;
  size_t parent_base = 0;
  const int32_t* parent_position = nullptr;
  std::unique_ptr<Scratch<int32_t>> rows, positions;

  size_t ParentPosition(size_t c) const {
    return parent_position != nullptr
               ? static_cast<size_t>(parent_position[c])
               : static_cast<size_t>(parent_of_child[frame.begin + c]) - parent_base;
  }
};

}  // namespace probation::measures
