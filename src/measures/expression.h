// The typed syntax tree of a measure-language expression, as the compiler (compiler.h) leaves
// it for the evaluator (evaluator.h): every name resolved to a field or relation of the model,
// every code literal checked against its code list, every node typed.
//
// Null semantics are SQL's: comparisons and arithmetic with a null are null; `and`/`or` are
// three-valued; a rule whose value is null is not satisfied. Immutable once built; safe to share.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/source_pos.h"
#include "model/record_types.h"
#include "model/relations.h"

namespace probation::measures {

enum class Type { kNull, kBool, kNumber, kDate, kDateTime, kText, kCode };

struct ExprType {
  Type type = Type::kNull;
  std::string_view code_list;  // for kCode: the CodeList id
};

std::string_view TypeName(Type type);  // "boolean", "number", "date", ...

enum class Op {
  kNot,
  kNegate,  // unary
  kAnd,
  kOr,  // boolean, three-valued
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,  // comparison
  kAdd,
  kSub,
  kMul,
  kDiv,  // arithmetic; date + number, date - number: days
};

enum class AggregateOp { kCount, kAny, kAll, kSum, kMin, kMax };

enum class FunctionId {
  kWorkingDays,     // working_days(a date, b date) -> number
  kAddWorkingDays,  // add_working_days(d date, n number) -> date
  kDays,            // days(a date, b date) -> number (b - a, calendar days)
  kAddDays,         // add_days(d date, n number) -> date
  kHours,           // hours(a datetime, b datetime) -> number (b - a, may be fractional)
  kDateOf,          // date_of(t datetime) -> date
  kCoalesce,        // coalesce(x, y, ...) -> the common type
  kAge,             // age(birth date, on date) -> number, whole years
  kPeriodStart,     // period_start() -> date: first day of the reporting period
  kPeriodEnd,       // period_end() -> date: last day of the reporting period
  kAsAt,            // as_at() -> date: the date the data stands at
};

// A literal value. Dates are days since 1970-01-01, date-times minutes since then; a code is
// its index in the code list of the type it is compared with.
struct Literal {
  Type type = Type::kNull;
  bool boolean = false;
  double number = 0;
  int32_t days = 0;
  int64_t minutes = 0;
  std::string text;  // kText, and the code's text for kCode
  int code = -1;     // kCode
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
  enum class Kind {
    kLiteral,    // literal
    kField,      // outer_depth, path, record, field
    kUnary,      // op, args[0]
    kBinary,     // op, args[0], args[1]
    kInList,     // args[0] (not) in list; `negated` for "not in"
    kIsNull,     // args[0] is (not) null; `negated` for "is not null"
    kCall,       // function, args
    kAggregate,  // aggregate over path + relation, with optional value and where
  };

  Kind kind = Kind::kLiteral;
  ExprType type;
  SourcePos pos;

  Literal literal;

  // kField: starting from the record `outer_depth` levels out (0: the record being evaluated;
  // 1: the record enclosing the innermost aggregate; ...), follow the to-one relations in
  // `path`, then read field number `field` of `record` (the type reached).
  int outer_depth = 0;
  std::vector<const Relation*> path;
  const RecordType* record = nullptr;
  int field = -1;

  Op op = Op::kEq;
  bool negated = false;
  std::vector<Literal> list;  // kInList, all of args[0]'s type
  std::vector<ExprPtr> args;

  FunctionId function = FunctionId::kDays;  // kCall

  // kAggregate: from the record `outer_depth` levels out, follow the to-one `path`, then the
  // to-many `relation`; over its records that satisfy `where` (all, when null), compute the
  // aggregate of `value` (null for count/any/all). `value` and `where` are evaluated on the
  // child records (their outer_depth 1 is this expression's record).
  AggregateOp aggregate = AggregateOp::kCount;
  const Relation* relation = nullptr;
  ExprPtr value;
  ExprPtr where;
};

}  // namespace probation::measures
