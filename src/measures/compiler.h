// The measure-language compiler: parses one expression, resolves its names against the model
// (fields, to-one relations, to-many relations inside aggregates, `outer.` for the enclosing
// record) and type-checks it, giving the typed tree the evaluator runs.
//
// Errors are InvalidArgument Statuses whose message reads
//   "<file>, line L, column C: <what is wrong, in a performance analyst's words>"
// with L and C the position in the framework file (`origin` is where the expression's text
// starts there, so multi-line TOML strings still point at the right place). Thread-safe.
#pragma once

#include <string_view>

#include "base/status.h"
#include "measures/expression.h"
#include "model/record_types.h"

namespace probation::measures {

struct CompileContext {
  std::string_view file;  // framework file name, for messages
  SourcePos origin;       // position of the expression's first character in that file
};

// Compiles `text`, evaluated on records of `subject`. If `expected` is not kNull, the result
// must have that type (e.g. kBool for filters and success rules, kDate for anchors and
// deadlines, kNumber for values); a null literal is accepted anywhere.
Result<ExprPtr> CompileExpression(std::string_view text, const RecordType& subject, Type expected,
                                  const CompileContext& context);

}  // namespace probation::measures
