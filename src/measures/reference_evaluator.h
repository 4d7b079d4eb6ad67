// A deliberately plain reference interpreter of compiled measure-language expressions, for
// differential testing of the column-wise Evaluator (evaluator.h). It evaluates one row at a
// time by recursion over the tree, following relations through the snapshot's relation indexes
// one row at a time (to-one: the target row; to-many: the offsets into the child table), with
// an explicit stack of enclosing rows for `outer`. It favours obviousness over speed: working
// days are counted a day at a time, text is compared by its string value wherever it comes
// from, and nothing is cached.
//
// Semantics (expression.h, docs/measure-language.md): SQL nulls; comparisons and arithmetic
// with a null are null; `and`/`or`/`not` are three-valued; division by zero is null; a date
// plus or minus a number is a date (the whole day the sum falls on, as add_days), a date-time
// plus or minus a number moves it by that many hours; aggregates skip records whose `where`
// is not exactly true and values that are null (count and sum of nothing 0, any false, all
// true, min and max null). Arguments of add_working_days are truncated to whole days.
//
// Values are reported as the Evaluator reports them: NaN for null, booleans 1 and 0, dates day
// numbers, date-times minutes, codes their index in the code list, a text field its id in its
// column's dictionary (a text value that is not read from a field, e.g. a literal, is NaN when
// returned, but still compares by its string inside the expression).
//
// Thread-safe: EvaluateRow() keeps its state on the stack.
#pragma once

#include <cstddef>

#include "base/calendar.h"
#include "base/status.h"
#include "measures/evaluator.h"
#include "measures/expression.h"
#include "store/snapshot.h"

namespace probation::measures {

class ReferenceEvaluator {
 public:
  // REQUIRES: `snapshot` and `calendar` outlive the evaluator.
  ReferenceEvaluator(const Snapshot& snapshot, const Calendar& calendar)
      : snapshot_(snapshot), calendar_(calendar) {}

  // The value of `expr`, compiled for records of `table.type`, on row `row` of `table`
  // (REQUIRES: row < table.rows). An error only for a malformed tree or snapshot (a relation
  // the snapshot does not index).
  Result<double> EvaluateRow(const Expr& expr, const SnapshotTable& table, size_t row,
                             const EvalContext& context) const;

 private:
  const Snapshot& snapshot_;
  const Calendar& calendar_;
};

}  // namespace probation::measures
