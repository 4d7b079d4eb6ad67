// Boolean expressions evaluated to truth values in bytes (Evaluator::kTrue, kFalse, kUnknown)
// rather than doubles: a comparison of a record's own field with a value reads the stored
// column once and compares in its own type; `and` and `or` are a minimum and a maximum of
// bytes; any() and all() reduce their children's truth. Everything else is evaluated as
// values (evaluator.cc) and converted, so both give the same truth by construction.
#include <algorithm>
#include <array>
#include <functional>

#include "measures/evaluator.h"
#include "measures/evaluator_internal.h"

namespace probation::measures {
namespace {

// Below this many rows `and` and `or` evaluate an expensive right side everywhere.
constexpr size_t kMinShortCircuit = 64;

uint8_t Truth(bool b) { return b ? Evaluator::kTrue : Evaluator::kFalse; }

// A field of the record the frame's rows belong to, read as stored.
bool IsOwnField(const Expr& e) {
  return e.kind == Expr::Kind::kField && e.outer_depth == 0 && e.path.empty();
}

// period_start(), period_end() or as_at(): the same date on every row.
bool IsContextDate(const Expr& e) {
  return e.kind == Expr::Kind::kCall &&
         (e.function == FunctionId::kPeriodStart || e.function == FunctionId::kPeriodEnd ||
          e.function == FunctionId::kAsAt);
}

double ContextDate(const Expr& e, const EvalContext& ctx) {
  const Date d = e.function == FunctionId::kPeriodStart ? ctx.period_start
                 : e.function == FunctionId::kPeriodEnd ? ctx.period_end
                                                        : ctx.as_at;
  return d.days();
}

// An expensive right side of `and`/`or` is evaluated only where the left side leaves the
// result undecided.
bool Cheap(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::kCall:
      return IsContextDate(e);
    case Expr::Kind::kField:
    case Expr::Kind::kLiteral:
      return e.outer_depth == 0 && e.path.empty();
    case Expr::Kind::kInList:
    case Expr::Kind::kIsNull:
      return IsOwnField(*e.args[0]);
    case Expr::Kind::kUnary:
      return Cheap(*e.args[0]);
    case Expr::Kind::kBinary:
      return Cheap(*e.args[0]) && Cheap(*e.args[1]);
    default:
      return false;
  }
}

// Calls fn(i, v) for each of the frame's rows with its value of Y/N or code field `field`
// (column `c`): from the frame's copy when it has one, else from the table.
template <typename Frame, typename Fn>
void EachByte(const Frame& frame, int field, const SnapshotColumn& c, Fn fn) {
  const size_t n = frame.size();
  if (frame.copied != nullptr && frame.copied[field] != nullptr) {
    const int8_t* v = frame.copied[field];
    for (size_t i = 0; i < n; ++i) fn(i, v[i]);
    return;
  }
  const int8_t* v = c.i8.data();
  if (frame.rows != nullptr) {
    for (size_t i = 0; i < n; ++i) fn(i, v[frame.rows[i]]);
  } else {
    for (size_t i = 0; i < n; ++i) fn(i, v[frame.begin + i]);
  }
}

// Calls fn(i, row) for each of the frame's rows: position and table row.
template <typename Frame, typename Fn>
void EachRow(const Frame& frame, Fn fn) {
  const size_t n = frame.size();
  if (frame.rows != nullptr) {
    for (size_t i = 0; i < n; ++i) fn(i, static_cast<size_t>(frame.rows[i]));
  } else {
    for (size_t i = 0; i < n; ++i) fn(i, frame.begin + i);
  }
}

// Calls fn with the comparison function of `op` (a comparison operator).
template <typename Fn>
void WithComparison(Op op, Fn fn) {
  switch (op) {
    case Op::kEq:
      return fn(std::equal_to<>());
    case Op::kNe:
      return fn(std::not_equal_to<>());
    case Op::kLt:
      return fn(std::less<>());
    case Op::kLe:
      return fn(std::less_equal<>());
    case Op::kGt:
      return fn(std::greater<>());
    default:
      return fn(std::greater_equal<>());
  }
}

bool IsComparison(Op op) {
  return op == Op::kEq || op == Op::kNe || op == Op::kLt || op == Op::kLe || op == Op::kGt ||
         op == Op::kGe;
}

// `a op b` as `b op' a`.
Op Flipped(Op op) {
  switch (op) {
    case Op::kLt:
      return Op::kGt;
    case Op::kLe:
      return Op::kGe;
    case Op::kGt:
      return Op::kLt;
    case Op::kGe:
      return Op::kLe;
    default:
      return op;
  }
}

// out[i] = truth of `column value op literal` for each row, null values unknown. Values are
// compared as the doubles the value evaluator would compare.
template <typename Frame>
void CompareWithValue(const SnapshotColumn& c, int field, const Frame& frame, Op op, double literal,
                      uint8_t* out) {
  WithComparison(op, [&](auto cmp) {
    // Stored values of one type, `null` their null (NaN compares unequal to itself).
    const auto compare = [&](const auto* values, auto null) {
      EachRow(frame, [&](size_t i, size_t r) {
        const auto v = values[r];
        out[i] =
            v == null || v != v ? Evaluator::kUnknown : Truth(cmp(static_cast<double>(v), literal));
      });
    };
    switch (c.type) {
      case FieldType::kInteger:
      case FieldType::kDate:
        return compare(c.i32.data(), kNullInt32);
      case FieldType::kBool:
      case FieldType::kCode:
        EachByte(frame, field, c, [&](size_t i, int8_t v) {
          out[i] =
              v == kNullInt8 ? Evaluator::kUnknown : Truth(cmp(static_cast<double>(v), literal));
        });
        return;
      case FieldType::kDateTime:
        return compare(c.i64.data(), kNullInt64);
      case FieldType::kDecimal:
        return compare(c.f64.data(), kNullValue);
      case FieldType::kText:
        return compare(c.text.data(), kNullText);
    }
  });
}

}  // namespace

bool Evaluator::IsCheap(const Expr& expr) { return Cheap(expr); }

std::vector<int> Evaluator::OwnFieldsRead(const Expr& expr) {
  std::vector<int> fields;
  const auto visit = [&](const auto& self, const Expr& e) -> void {
    if (e.kind == Expr::Kind::kAggregate) return;  // read on the children
    if (IsOwnField(e)) {
      if (std::find(fields.begin(), fields.end(), e.field) == fields.end()) {
        fields.push_back(e.field);
      }
      return;
    }
    for (const ExprPtr& a : e.args) self(self, *a);
  };
  visit(visit, expr);
  return fields;
}

Status Evaluator::EvaluatePredicateRows(const Expr& expr, const SnapshotTable& table,
                                        const int32_t* rows, size_t n, const EvalContext& context,
                                        uint8_t* out, const int8_t* const* copied) const {
  Frame frame{&table, 0, n};
  frame.copied = copied;
  if (n > 0 && static_cast<size_t>(rows[n - 1] - rows[0]) == n - 1) {
    frame.begin = static_cast<size_t>(rows[0]);  // ascending without a gap: a range
    frame.end = frame.begin + n;
  } else {
    frame.rows = rows;
  }
  return EvalPredicate(expr, frame, context, out);
}

Status Evaluator::EvalPredicate(const Expr& e, const Frame& frame, const EvalContext& ctx,
                                uint8_t* out) const {
  const size_t n = frame.size();
  if (n == 0 || PredicateLeaf(e, frame, ctx, out)) return Status::Ok();
  if (e.kind == Expr::Kind::kUnary && e.op == Op::kNot) {
    PROBATION_RETURN_IF_ERROR(EvalPredicate(*e.args[0], frame, ctx, out));
    for (size_t i = 0; i < n; ++i) out[i] = kTrue - out[i];
    return Status::Ok();
  }
  if (e.kind == Expr::Kind::kBinary && (e.op == Op::kAnd || e.op == Op::kOr)) {
    return EvalPredicateLogic(e, frame, ctx, out);
  }
  if (e.kind == Expr::Kind::kAggregate &&
      (e.aggregate == AggregateOp::kAny || e.aggregate == AggregateOp::kAll)) {
    return EvalPredicateAggregate(e, frame, ctx, out);
  }
  // Anything else as values: booleans are 1, 0 or null.
  Scratch<double> values(n);
  PROBATION_RETURN_IF_ERROR(Eval(e, frame, ctx, values.data()));
  for (size_t i = 0; i < n; ++i) {
    out[i] = IsNullValue(values[i]) ? kUnknown : Truth(values[i] == 1);
  }
  return Status::Ok();
}

bool Evaluator::PredicateLeaf(const Expr& e, const Frame& frame, const EvalContext& ctx,
                              uint8_t* out) const {
  const auto column = [&](const Expr& field) -> const SnapshotColumn& {
    return snapshot_.table(*field.record).columns[field.field];
  };
  switch (e.kind) {
    case Expr::Kind::kField: {
      if (!IsOwnField(e) || e.type.type != Type::kBool) return false;
      EachByte(frame, e.field, column(e),
               [&](size_t i, int8_t v) { out[i] = v == kNullInt8 ? kUnknown : Truth(v == 1); });
      return true;
    }
    case Expr::Kind::kIsNull: {
      if (!IsOwnField(*e.args[0])) return false;
      const SnapshotColumn& c = column(*e.args[0]);
      const bool negated = e.negated;
      if (c.type == FieldType::kBool || c.type == FieldType::kCode) {
        EachByte(frame, e.args[0]->field, c,
                 [&](size_t i, int8_t v) { out[i] = Truth((v == kNullInt8) != negated); });
        return true;
      }
      const auto test = [&](const auto* values, auto null) {
        EachRow(frame, [&](size_t i, size_t r) { out[i] = Truth((values[r] == null) != negated); });
      };
      switch (c.type) {
        case FieldType::kInteger:
        case FieldType::kDate:
          test(c.i32.data(), kNullInt32);
          return true;
        case FieldType::kDateTime:
          test(c.i64.data(), kNullInt64);
          return true;
        case FieldType::kText:
          test(c.text.data(), kNullText);
          return true;
        default:
          EachRow(frame, [&](size_t i, size_t r) { out[i] = Truth(c.IsNull(r) != negated); });
          return true;
      }
    }
    case Expr::Kind::kInList: {
      const Expr& subject = *e.args[0];
      if (!IsOwnField(subject)) return false;
      const SnapshotColumn& c = column(subject);
      const uint8_t found = Truth(!e.negated), missing = Truth(e.negated);
      if (c.type == FieldType::kBool || c.type == FieldType::kCode) {
        // A table of every byte value's answer.
        std::array<uint8_t, 256> answer;
        answer.fill(missing);
        for (const Literal& l : e.list) {
          const double v = LiteralValue(l);
          if (v >= -128 && v <= 127 && v == static_cast<int8_t>(v)) {
            answer[static_cast<uint8_t>(static_cast<int8_t>(v))] = found;
          }
        }
        answer[static_cast<uint8_t>(kNullInt8)] = kUnknown;
        EachByte(frame, subject.field, c,
                 [&](size_t i, int8_t v) { out[i] = answer[static_cast<uint8_t>(v)]; });
        return true;
      }
      std::vector<double> values;
      for (const Literal& l : e.list) {
        values.push_back(l.type == Type::kText ? TextLiteralId(subject, l) : LiteralValue(l));
      }
      EachRow(frame, [&](size_t i, size_t r) {
        if (c.IsNull(r)) {
          out[i] = kUnknown;
          return;
        }
        const double x = c.AsNumber(r);
        out[i] = std::find(values.begin(), values.end(), x) != values.end() ? found : missing;
      });
      return true;
    }
    case Expr::Kind::kBinary: {
      if (!IsComparison(e.op)) return false;
      const Expr& left = *e.args[0];
      const Expr& right = *e.args[1];
      const bool text = left.type.type == Type::kText || right.type.type == Type::kText;
      if (IsOwnField(left) && IsOwnField(right)) {
        // Two fields of the record (dates, numbers): both as stored.
        const SnapshotColumn& a = column(left);
        const SnapshotColumn& b = column(right);
        const bool int32 = [](FieldType t) {
          return t == FieldType::kInteger || t == FieldType::kDate;
        }(a.type);
        if (text || !int32 || a.type != b.type) return false;
        const int32_t* x = a.i32.data();
        const int32_t* y = b.i32.data();
        WithComparison(e.op, [&](auto cmp) {
          EachRow(frame, [&](size_t i, size_t r) {
            out[i] = x[r] == kNullInt32 || y[r] == kNullInt32 ? kUnknown : Truth(cmp(x[r], y[r]));
          });
        });
        return true;
      }
      // A field compared with the same value on every row.
      const auto constant = [](const Expr& x) {
        return (x.kind == Expr::Kind::kLiteral && x.literal.type != Type::kNull) ||
               IsContextDate(x);
      };
      const bool field_left = IsOwnField(left) && constant(right);
      const bool field_right = IsOwnField(right) && constant(left);
      if (!field_left && !field_right) return false;
      const Expr& field = field_left ? left : right;
      const Expr& other = field_left ? right : left;
      if (text && e.op != Op::kEq && e.op != Op::kNe) return false;
      const double value = other.kind == Expr::Kind::kCall     ? ContextDate(other, ctx)
                           : other.literal.type == Type::kText ? TextLiteralId(field, other.literal)
                                                               : LiteralValue(other.literal);
      CompareWithValue(column(field), field.field, frame, field_left ? e.op : Flipped(e.op), value,
                       out);
      return true;
    }
    default:
      return false;
  }
}

Status Evaluator::EvalPredicateLogic(const Expr& e, const Frame& frame, const EvalContext& ctx,
                                     uint8_t* out) const {
  const size_t n = frame.size();
  const bool is_and = e.op == Op::kAnd;
  const Expr& right = *e.args[1];
  PROBATION_RETURN_IF_ERROR(EvalPredicate(*e.args[0], frame, ctx, out));
  const auto combine = [is_and](uint8_t x, uint8_t y) {
    return is_and ? std::min(x, y) : std::max(x, y);
  };
  if (IsCheap(right) || n < kMinShortCircuit) {
    Scratch<uint8_t> b(n);
    PROBATION_RETURN_IF_ERROR(EvalPredicate(right, frame, ctx, b.data()));
    for (size_t i = 0; i < n; ++i) out[i] = combine(out[i], b[i]);
    return Status::Ok();
  }
  // An expensive right side only where the left does not decide (false for `and`, true for
  // `or`).
  const uint8_t decided = is_and ? kFalse : kTrue;
  Scratch<int32_t> position(n);
  size_t k = 0;
  for (size_t i = 0; i < n; ++i) {
    if (out[i] != decided) position[k++] = static_cast<int32_t>(i);
  }
  if (k == 0) return Status::Ok();
  if (k > n - n / 8) {
    // The left side decides few rows: picking out the others would cost more than it saves.
    Scratch<uint8_t> b(n);
    PROBATION_RETURN_IF_ERROR(EvalPredicate(right, frame, ctx, b.data()));
    for (size_t i = 0; i < n; ++i) out[i] = combine(out[i], b[i]);
    return Status::Ok();
  }
  Scratch<int32_t> rows(k), outer_positions(k);
  const Frame undecided = frame.Subset(position.data(), k, rows.data(), outer_positions.data());
  Scratch<uint8_t> b(k);
  PROBATION_RETURN_IF_ERROR(EvalPredicate(right, undecided, ctx, b.data()));
  for (size_t j = 0; j < k; ++j) out[position[j]] = combine(out[position[j]], b[j]);
  return Status::Ok();
}

Status Evaluator::EvalPredicateAggregate(const Expr& e, const Frame& frame, const EvalContext& ctx,
                                         uint8_t* out) const {
  Children children;
  PROBATION_RETURN_IF_ERROR(ChildrenOf(e, frame, &children));
  const size_t m = children.frame.size();
  Scratch<uint8_t> where(m);
  if (e.where)
    PROBATION_RETURN_IF_ERROR(EvalPredicate(*e.where, children.frame, ctx, where.data()));
  // any: true when some child qualifies; all: false when some child does not (a child whose
  // condition is null does not qualify); never null.
  const bool any = e.aggregate == AggregateOp::kAny;
  std::fill(out, out + frame.size(), any ? kFalse : kTrue);
  if (!e.where) {
    if (any) {
      for (size_t c = 0; c < m; ++c) out[children.ParentPosition(c)] = kTrue;
    }
    return Status::Ok();
  }
  const uint8_t set = any ? kTrue : kFalse;
  for (size_t c = 0; c < m; ++c) {
    if ((where[c] == kTrue) == any) out[children.ParentPosition(c)] = set;
  }
  return Status::Ok();
}

}  // namespace probation::measures
