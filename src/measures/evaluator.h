// The evaluator: runs a compiled expression column-wise over a snapshot table, a range of
// rows at a time, writing one double per row. Values are numbers throughout: NaN is null,
// booleans are 1 and 0, dates are day numbers, date-times minutes, codes their index in the
// code list, text its id in the column's dictionary. Aggregates evaluate their child
// expressions over the children of the whole range at once and reduce them per parent.
//
// Thread-safe: Evaluate() keeps its state on the stack, so threads may share one Evaluator.
#pragma once

#include <cstddef>
#include <cstdint>
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

  // Truth values as EvaluatePredicateRows() writes them. Ordered so that `and` is the minimum,
  // `or` the maximum and `not` is kTrue - x (SQL's three-valued logic).
  static constexpr uint8_t kFalse = 0;
  static constexpr uint8_t kUnknown = 1;  // null
  static constexpr uint8_t kTrue = 2;

  // Evaluates boolean `expr` on the rows rows[0 .. n) of `table` (distinct, ascending) into
  // out[0 .. n) as kTrue, kFalse or kUnknown: the same truth as EvaluateRows() gives (1, 0,
  // null), computed on the stored values directly where the expression allows (comparisons and
  // lists of the record's own fields with values, null tests, and/or/not, any/all).
  // `copied`, when given, holds copies of some Y/N and code fields of those rows in the same
  // order (copied[f][i]: field f of rows[i]; null where a field is not copied), which are then
  // read instead of the table: sequentially rather than row by row across it.
  Status EvaluatePredicateRows(const Expr& expr, const SnapshotTable& table, const int32_t* rows,
                               size_t n, const EvalContext& context, uint8_t* out,
                               const int8_t* const* copied = nullptr) const;

  // The fields of the record that EvaluatePredicateRows() reads one by one, as stored, to
  // evaluate boolean `expr` (those worth copying for it; see `copied`).
  static std::vector<int> OwnFieldsRead(const Expr& expr);

  // Whether evaluating `expr` costs about one pass over the rows: comparisons, lists and null
  // tests of the record's own fields and values, and/or/not of those; no aggregates, paths or
  // functions (other than period_start(), period_end() and as_at()).
  static bool IsCheap(const Expr& expr);

  // Whether `expr` calls period_start() or period_end() (then its value depends on the period).
  static bool DependsOnPeriod(const Expr& expr);

 private:
  struct Frame;
  struct Path;
  struct Children;
  Result<Path> ResolvePath(const Expr& e, const Frame& frame) const;
  Status Eval(const Expr& e, const Frame& frame, const EvalContext& ctx, double* out) const;
  Status EvalField(const Expr& e, const Frame& frame, double* out) const;
  Status EvalBinary(const Expr& e, const Frame& frame, const EvalContext& ctx, double* out) const;
  Status EvalInList(const Expr& e, const Frame& frame, const EvalContext& ctx, double* out) const;
  Status EvalCall(const Expr& e, const Frame& frame, const EvalContext& ctx, double* out) const;
  Status EvalAggregate(const Expr& e, const Frame& frame, const EvalContext& ctx,
                       double* out) const;
  // The children of `frame`'s rows over aggregate `e`'s relation (after its outer levels and
  // to-one path).
  Status ChildrenOf(const Expr& e, const Frame& frame, Children* children) const;
  // Reduces the children into out[0 .. parents).
  Status AggregateChildren(const Expr& e, const Children& children, size_t parents,
                           const EvalContext& ctx, double* out) const;
  // evaluator_predicate.cc: truth values as bytes.
  Status EvalPredicate(const Expr& e, const Frame& frame, const EvalContext& ctx,
                       uint8_t* out) const;
  // A comparison, list or null test of the record's own fields with values (literals,
  // period_start(), period_end(), as_at()), or a Y/N field, in one pass over the stored values;
  // false (nothing written) for any other expression.
  bool PredicateLeaf(const Expr& e, const Frame& frame, const EvalContext& ctx, uint8_t* out) const;
  Status EvalPredicateLogic(const Expr& e, const Frame& frame, const EvalContext& ctx,
                            uint8_t* out) const;
  Status EvalPredicateAggregate(const Expr& e, const Frame& frame, const EvalContext& ctx,
                                uint8_t* out) const;
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
