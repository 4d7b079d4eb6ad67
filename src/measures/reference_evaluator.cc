#include "measures/reference_evaluator.h"

#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"

namespace probation::measures {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// One value while an expression is worked out. Text keeps its string, so that it compares by
// value whatever column (or literal) it came from.
struct Value {
  bool null = true;
  double number = 0;      // everything but text: see reference_evaluator.h
  bool is_text = false;   // a text value: `text` holds it
  std::string_view text;  // points into a snapshot dictionary or the expression's literal
  double text_id = kNan;  // a text field's id in its column's dictionary

  static Value Null() { return Value{}; }
  static Value Number(double v) {
    Value value;
    value.null = std::isnan(v);
    value.number = v;
    return value;
  }
  static Value Bool(bool b) { return Number(b ? 1 : 0); }
  static Value Text(std::string_view text, double id) {
    Value value;
    value.null = false;
    value.is_text = true;
    value.text = text;
    value.text_id = id;
    return value;
  }
  // How the Evaluator reports it.
  double Reported() const {
    if (null) return kNan;
    return is_text ? text_id : number;
  }
};

// A row of some table: one level of the stack of enclosing records.
struct RowRef {
  const SnapshotTable* table;
  size_t row;
};

// Reads one cell, by the column's declared layout (snapshot.h).
Value ReadCell(const SnapshotColumn& column, size_t row) {
  switch (column.type) {
    case FieldType::kInteger:
    case FieldType::kDate: {
      const int32_t v = column.i32[row];
      return v == kNullInt32 ? Value::Null() : Value::Number(v);
    }
    case FieldType::kDateTime: {
      const int64_t v = column.i64[row];
      return v == kNullInt64 ? Value::Null() : Value::Number(static_cast<double>(v));
    }
    case FieldType::kDecimal:
      return Value::Number(column.f64[row]);
    case FieldType::kBool:
    case FieldType::kCode: {
      const int8_t v = column.i8[row];
      return v == kNullInt8 ? Value::Null() : Value::Number(v);
    }
    case FieldType::kText: {
      const uint32_t id = column.text[row];
      if (id == kNullText) return Value::Null();
      return Value::Text(column.dictionary[id], static_cast<double>(id));
    }
  }
  return Value::Null();
}

Value LiteralOf(const Literal& literal) {
  switch (literal.type) {
    case Type::kNull:
      return Value::Null();
    case Type::kBool:
      return Value::Bool(literal.boolean);
    case Type::kNumber:
      return Value::Number(literal.number);
    case Type::kDate:
      return Value::Number(literal.days);
    case Type::kDateTime:
      return Value::Number(static_cast<double>(literal.minutes));
    case Type::kCode:
      return Value::Number(literal.code);
    case Type::kText:
      return Value::Text(literal.text, kNan);
  }
  return Value::Null();
}

// -1, 0 or 1 as a is before, equal to or after b. REQUIRES: neither is null.
int Order(const Value& a, const Value& b) {
  if (a.is_text || b.is_text) {
    const int c = a.text.compare(b.text);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return a.number < b.number ? -1 : (a.number > b.number ? 1 : 0);
}

bool Equal(const Value& a, const Value& b) {
  if (a.is_text != b.is_text) return false;
  return a.is_text ? a.text == b.text : a.number == b.number;
}

int AgeInYears(Date birth, Date on) {
  int birth_year, birth_month, birth_day, year, month, day;
  birth.ToCivil(&birth_year, &birth_month, &birth_day);
  on.ToCivil(&year, &month, &day);
  const bool before_birthday = month < birth_month || (month == birth_month && day < birth_day);
  return year - birth_year - (before_birthday ? 1 : 0);
}

Date DayOf(const Value& v) { return Date(static_cast<int32_t>(v.number)); }

class Interpreter {
 public:
  Interpreter(const Snapshot& snapshot, const Calendar& calendar, const EvalContext& context)
      : snapshot_(snapshot), calendar_(calendar), context_(context) {}

  // `stack` holds the enclosing records, the one evaluated last.
  Result<Value> Eval(const Expr& e, std::vector<RowRef>& stack) const {
    switch (e.kind) {
      case Expr::Kind::kLiteral:
        return LiteralOf(e.literal);
      case Expr::Kind::kField:
        return Field(e, stack);
      case Expr::Kind::kUnary:
        return Unary(e, stack);
      case Expr::Kind::kBinary:
        return Binary(e, stack);
      case Expr::Kind::kInList:
        return InList(e, stack);
      case Expr::Kind::kIsNull: {
        Result<Value> v = Eval(*e.args[0], stack);
        if (!v.ok()) return v.status();
        return Value::Bool(v->null != e.negated);
      }
      case Expr::Kind::kCall:
        return Call(e, stack);
      case Expr::Kind::kAggregate:
        return Aggregate(e, stack);
    }
    return Internal("unknown expression kind");
  }

 private:
  // The row reached from the record `outer_depth` levels out along the to-one `path`; the row
  // is -1 when a relation on the way is blank.
  Result<RowRef> Reach(int outer_depth, const std::vector<const Relation*>& path,
                       const std::vector<RowRef>& stack) const {
    if (outer_depth < 0 || static_cast<size_t>(outer_depth) >= stack.size()) {
      return Internal("outer depth " + std::to_string(outer_depth) + " out of range");
    }
    RowRef at = stack[stack.size() - 1 - static_cast<size_t>(outer_depth)];
    int64_t row = static_cast<int64_t>(at.row);
    for (const Relation* hop : path) {
      const int slot = at.table->RelationSlot(hop);
      if (slot < 0 || hop->to_many) {
        return Internal("relation " + std::string(hop->name) + " is not a to-one relation here");
      }
      if (row >= 0) row = at.table->relations[static_cast<size_t>(slot)][static_cast<size_t>(row)];
      at.table = &snapshot_.table(*hop->to);
    }
    at.row = row < 0 ? static_cast<size_t>(-1) : static_cast<size_t>(row);
    return at;
  }

  Result<Value> Field(const Expr& e, const std::vector<RowRef>& stack) const {
    Result<RowRef> at = Reach(e.outer_depth, e.path, stack);
    if (!at.ok()) return at.status();
    if (at->row == static_cast<size_t>(-1)) return Value::Null();
    if (at->table->type != e.record) return Internal("path does not reach the field's record");
    return ReadCell(at->table->columns[static_cast<size_t>(e.field)], at->row);
  }

  Result<Value> Unary(const Expr& e, std::vector<RowRef>& stack) const {
    Result<Value> v = Eval(*e.args[0], stack);
    if (!v.ok()) return v.status();
    if (v->null) return Value::Null();
    return e.op == Op::kNot ? Value::Bool(v->number == 0) : Value::Number(-v->number);
  }

  Result<Value> Binary(const Expr& e, std::vector<RowRef>& stack) const {
    Result<Value> a = Eval(*e.args[0], stack);
    if (!a.ok()) return a.status();
    Result<Value> b = Eval(*e.args[1], stack);
    if (!b.ok()) return b.status();
    const Value& x = *a;
    const Value& y = *b;
    if (e.op == Op::kAnd) {
      if ((!x.null && x.number == 0) || (!y.null && y.number == 0)) return Value::Bool(false);
      if (x.null || y.null) return Value::Null();
      return Value::Bool(true);
    }
    if (e.op == Op::kOr) {
      if ((!x.null && x.number == 1) || (!y.null && y.number == 1)) return Value::Bool(true);
      if (x.null || y.null) return Value::Null();
      return Value::Bool(false);
    }
    if (x.null || y.null) return Value::Null();
    switch (e.op) {
      case Op::kEq:
        return Value::Bool(Equal(x, y));
      case Op::kNe:
        return Value::Bool(!Equal(x, y));
      case Op::kLt:
        return Value::Bool(Order(x, y) < 0);
      case Op::kLe:
        return Value::Bool(Order(x, y) <= 0);
      case Op::kGt:
        return Value::Bool(Order(x, y) > 0);
      case Op::kGe:
        return Value::Bool(Order(x, y) >= 0);
      case Op::kAdd:
      case Op::kSub: {
        const double sign = e.op == Op::kAdd ? 1 : -1;
        if (e.type.type == Type::kDate) {
          return Value::Number(std::floor(x.number + sign * y.number));  // days
        }
        if (e.type.type == Type::kDateTime) {
          return Value::Number(x.number + sign * 60 * y.number);  // hours, in minutes
        }
        return Value::Number(x.number + sign * y.number);
      }
      case Op::kMul:
        return Value::Number(x.number * y.number);
      case Op::kDiv:
        return y.number == 0 ? Value::Null() : Value::Number(x.number / y.number);
      default:
        break;
    }
    return Internal("not a binary operator");
  }

  Result<Value> InList(const Expr& e, std::vector<RowRef>& stack) const {
    Result<Value> v = Eval(*e.args[0], stack);
    if (!v.ok()) return v.status();
    if (v->null) return Value::Null();
    bool found = false;
    for (const Literal& literal : e.list) found = found || Equal(*v, LiteralOf(literal));
    return Value::Bool(found != e.negated);
  }

  // Working days d with from < d <= to, or minus those with to < d <= from.
  int32_t WorkingDays(Date from, Date to) const {
    int32_t count = 0;
    for (Date d = from + 1; d <= to; d = d + 1) count += calendar_.IsWorkingDay(d) ? 1 : 0;
    for (Date d = to + 1; d <= from; d = d + 1) count -= calendar_.IsWorkingDay(d) ? 1 : 0;
    return count;
  }

  // The day `n` working days after (n < 0: before) `from`; `from` itself for n == 0.
  Date AddWorkingDays(Date from, int32_t n) const {
    Date d = from;
    const int32_t step = n < 0 ? -1 : 1;
    for (int32_t left = n < 0 ? -n : n; left > 0;) {
      d = d + step;
      if (calendar_.IsWorkingDay(d)) --left;
    }
    return d;
  }

  Result<Value> Call(const Expr& e, std::vector<RowRef>& stack) const {
    std::vector<Value> args;
    for (const ExprPtr& arg : e.args) {
      Result<Value> v = Eval(*arg, stack);
      if (!v.ok()) return v.status();
      args.push_back(*v);
    }
    switch (e.function) {
      case FunctionId::kPeriodStart:
        return Value::Number(context_.period_start.days());
      case FunctionId::kPeriodEnd:
        return Value::Number(context_.period_end.days());
      case FunctionId::kAsAt:
        return Value::Number(context_.as_at.days());
      case FunctionId::kCoalesce:
        for (const Value& v : args) {
          if (!v.null) return v;
        }
        return Value::Null();
      default:
        break;
    }
    for (const Value& v : args) {
      if (v.null) return Value::Null();
    }
    switch (e.function) {
      case FunctionId::kWorkingDays:
        return Value::Number(WorkingDays(DayOf(args[0]), DayOf(args[1])));
      case FunctionId::kAddWorkingDays:
        return Value::Number(
            AddWorkingDays(DayOf(args[0]), static_cast<int32_t>(std::trunc(args[1].number)))
                .days());
      case FunctionId::kDays:
        return Value::Number(args[1].number - args[0].number);
      case FunctionId::kAddDays:
        return Value::Number(args[0].number + std::floor(args[1].number));
      case FunctionId::kHours:
        return Value::Number((args[1].number - args[0].number) / 60);
      case FunctionId::kDateOf:
        return Value::Number(std::floor(args[0].number / (24 * 60)));
      case FunctionId::kAge:
        return Value::Number(AgeInYears(DayOf(args[0]), DayOf(args[1])));
      default:
        break;
    }
    return Internal("unknown function");
  }

  Result<Value> Aggregate(const Expr& e, std::vector<RowRef>& stack) const {
    Result<RowRef> parent = Reach(e.outer_depth, e.path, stack);
    if (!parent.ok()) return parent.status();
    const SnapshotTable& child_table = snapshot_.table(*e.relation->to);
    size_t first = 0, last = 0;  // the children: rows [first, last) of child_table
    if (parent->row != static_cast<size_t>(-1)) {
      const int slot = parent->table->RelationSlot(e.relation);
      if (slot < 0 || !e.relation->to_many) {
        return Internal("relation " + std::string(e.relation->name) + " is not a list here");
      }
      const std::vector<int32_t>& offsets = parent->table->relations[static_cast<size_t>(slot)];
      first = static_cast<size_t>(offsets[parent->row]);
      last = static_cast<size_t>(offsets[parent->row + 1]);
    }
    double count = 0, sum = 0;
    bool any = false, all = true;
    Value best = Value::Null();
    for (size_t c = first; c < last; ++c) {
      stack.push_back({&child_table, c});  // the child; the record written on stays below
      bool qualifies = true;
      Value value;
      Status status;
      if (e.where) {
        Result<Value> w = Eval(*e.where, stack);
        if (w.ok()) qualifies = !w->null && w->number == 1;
        status = w.status();
      }
      if (status.ok() && e.value) {
        Result<Value> v = Eval(*e.value, stack);
        if (v.ok()) value = *v;
        status = v.status();
      }
      stack.pop_back();
      if (!status.ok()) return status;
      if (!qualifies) {
        all = false;
        continue;
      }
      count += 1;
      any = true;
      if (value.null) continue;
      sum += value.number;
      const bool better = e.aggregate == AggregateOp::kMin ? value.number < best.number
                                                           : value.number > best.number;
      if (best.null || better) best = value;
    }
    switch (e.aggregate) {
      case AggregateOp::kCount:
        return Value::Number(count);
      case AggregateOp::kAny:
        return Value::Bool(any);
      case AggregateOp::kAll:
        return Value::Bool(all);
      case AggregateOp::kSum:
        return Value::Number(sum);
      case AggregateOp::kMin:
      case AggregateOp::kMax:
        return best;
    }
    return Internal("unknown aggregate");
  }

  const Snapshot& snapshot_;
  const Calendar& calendar_;
  const EvalContext& context_;
};

}  // namespace

Result<double> ReferenceEvaluator::EvaluateRow(const Expr& expr, const SnapshotTable& table,
                                               size_t row, const EvalContext& context) const {
  std::vector<RowRef> stack = {{&table, row}};
  Result<Value> value = Interpreter(snapshot_, calendar_, context).Eval(expr, stack);
  if (!value.ok()) return value.status();
  return value->Reported();
}

}  // namespace probation::measures
