// The evaluator: runs a compiled expression column-wise over a snapshot table, a range of
// rows at a time, writing one double per row. Values are numbers throughout: NaN is null,
// booleans are 1 and 0, dates are day numbers, date-times minutes, codes their index in the
// code list, text its id in the column's dictionary. Aggregates evaluate their child
// expressions over the children of the whole range at once and reduce them per parent.
//
// Thread-safe: Evaluate() keeps its state on the stack, so threads may share one Evaluator.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "base/calendar.h"
#include "base/date.h"
#include "base/status.h"
#include "measures/expression.h"
#include "store/snapshot.h"

namespace probation::measures {

// What period_start(), period_end() and as_at() return.
struct EvalContext {
  Date period_start;
  Date period_end;
  Date as_at;
};

class Evaluator {
 public:
  // REQUIRES: `snapshot` and `calendar` outlive the evaluator.
  Evaluator(const Snapshot& snapshot, const Calendar& calendar)
      : snapshot_(snapshot), calendar_(calendar) {}

  // Evaluates `expr`, compiled for records of `table.type`, on rows [begin, end) of `table`
  // into out[0 .. end - begin). An error means the expression uses something the evaluator
  // cannot compute (the compiler rejects those, so it indicates a bug).
  Status Evaluate(const Expr& expr, const SnapshotTable& table, size_t begin, size_t end,
                  const EvalContext& context, double* out) const;

  // The same on the rows rows[0 .. n) of `table` (distinct, ascending) into out[0 .. n).
  Status EvaluateRows(const Expr& expr, const SnapshotTable& table, const int32_t* rows, size_t n,
                      const EvalContext& context, double* out) const;

  // Whether `expr` calls period_start() or period_end() (then its value depends on the period).
  static bool DependsOnPeriod(const Expr& expr);

 private:
  struct Frame;
  struct Path;
  Result<Path> ResolvePath(const Expr& e, const Frame& frame) const;
  Status Eval(const Expr& e, const Frame& frame, const EvalContext& ctx, double* out) const;
  Status EvalField(const Expr& e, const Frame& frame, double* out) const;
  Status EvalBinary(const Expr& e, const Frame& frame, const EvalContext& ctx, double* out) const;
  Status EvalInList(const Expr& e, const Frame& frame, const EvalContext& ctx, double* out) const;
  Status EvalCall(const Expr& e, const Frame& frame, const EvalContext& ctx, double* out) const;
  Status EvalAggregate(const Expr& e, const Frame& frame, const EvalContext& ctx,
                       double* out) const;
  // Reduces the children in `child` into out[0 .. parents): a child's parent is at position
  // parent_position[c] when given, else parent_of_child[row] - parent_base.
  Status AggregateChildren(const Expr& e, const Frame& child, const int32_t* parent_of_child,
                           size_t parent_base, const int32_t* parent_position, size_t parents,
                           const EvalContext& ctx, double* out) const;
  // For a text comparison: the literal's id in the dictionary of the field on the other side.
  double TextLiteralId(const Expr& field, const Literal& literal) const;

  const Snapshot& snapshot_;
  const Calendar& calendar_;
  // TextLiteralId's answers, by dictionary and text.
  struct TextIds {
    std::mutex mutex;
    std::map<std::pair<const std::vector<std::string>*, std::string>, double> ids;
  };
  std::shared_ptr<TextIds> text_ids_ = std::make_shared<TextIds>();
};

}  // namespace probation::measures
