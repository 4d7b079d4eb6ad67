#include "measures/evaluator.h"

#include "measures/evaluator_internal.h"

#include <cmath>
#include <memory>
#include <vector>

namespace probation::measures {

double LiteralValue(const Literal& l) {
  switch (l.type) {
    case Type::kBool:
      return l.boolean ? 1 : 0;
    case Type::kNumber:
      return l.number;
    case Type::kDate:
      return l.days;
    case Type::kDateTime:
      return static_cast<double>(l.minutes);
    case Type::kCode:
      return l.code;
    case Type::kText:
      // Text literals take part in comparisons through TextLiteralId; on their own they are
      // a value that is not null and equals no dictionary id.
      return -2;
    case Type::kNull:
      return kNullValue;
  }
  return kNullValue;
}

namespace {

constexpr double kNull = kNullValue;

// Below this many rows `and` and `or` evaluate both sides everywhere: picking out the rows the
// left side leaves undecided would cost more than it saves.
constexpr size_t kMinShortCircuit = 64;

bool IsNull(double v) { return IsNullValue(v); }

using ScratchColumn = Scratch<double>;

// Reads rows of a column as doubles: row begin + i, or rows[i] when `rows` is given, into
// out[i] for i in [0, n).
template <typename RowOf>
void ReadColumnAt(const SnapshotColumn& c, size_t n, RowOf row_of, double* out) {
  switch (c.type) {
    case FieldType::kInteger:
    case FieldType::kDate:
      for (size_t i = 0; i < n; ++i) {
        const int32_t v = c.i32[row_of(i)];
        out[i] = v == kNullInt32 ? kNull : v;
      }
      return;
    case FieldType::kDateTime:
      for (size_t i = 0; i < n; ++i) {
        const int64_t v = c.i64[row_of(i)];
        out[i] = v == kNullInt64 ? kNull : static_cast<double>(v);
      }
      return;
    case FieldType::kDecimal:
      for (size_t i = 0; i < n; ++i) out[i] = c.f64[row_of(i)];
      return;
    case FieldType::kBool:
    case FieldType::kCode:
      for (size_t i = 0; i < n; ++i) {
        const int8_t v = c.i8[row_of(i)];
        out[i] = v == kNullInt8 ? kNull : v;
      }
      return;
    case FieldType::kText:
      for (size_t i = 0; i < n; ++i) {
        const uint32_t v = c.text[row_of(i)];
        out[i] = v == kNullText ? kNull : v;
      }
      return;
  }
}

void ReadColumn(const SnapshotColumn& c, size_t begin, size_t n, const int32_t* rows, double* out) {
  if (rows != nullptr) {
    ReadColumnAt(
        c, n, [rows](size_t i) { return static_cast<size_t>(rows[i]); }, out);
  } else {
    ReadColumnAt(
        c, n, [begin](size_t i) { return begin + i; }, out);
  }
}

// The to-one relation on `child` that a to-many relation to it comes from.
int BackSlot(const SnapshotTable& child, const Relation& to_many) {
  const std::span<const Relation> rels = RelationsFrom(*child.type);
  for (size_t i = 0; i < rels.size(); ++i) {
    if (!rels[i].to_many && rels[i].reference == to_many.reference) return static_cast<int>(i);
  }
  return -1;
}

int AgeInYears(Date birth, Date on) {
  int by, bm, bd, y, m, d;
  birth.ToCivil(&by, &bm, &bd);
  on.ToCivil(&y, &m, &d);
  int age = y - by;
  if (m < bm || (m == bm && d < bd)) --age;
  return age;
}

}  // namespace

Result<Evaluator::Path> Evaluator::ResolvePath(const Expr& e, const Frame& frame) const {
  Path path;
  path.outer_depth = e.outer_depth;
  const Frame* level = &frame;
  for (int d = 0; d < e.outer_depth; ++d) level = level->outer;
  path.table = level->table;
  for (const Relation* hop : e.path) {
    const int slot = path.table->RelationSlot(hop);
    if (slot < 0) return Internal("relation " + std::string(hop->name) + " not in snapshot");
    path.hops.push_back(&path.table->relations[slot]);
    path.table = &snapshot_.table(*hop->to);
  }
  return path;
}

Status Evaluator::Evaluate(const Expr& expr, const SnapshotTable& table, size_t begin, size_t end,
                           const EvalContext& context, double* out) const {
  const Frame frame{&table, begin, end};
  return Eval(expr, frame, context, out);
}

Status Evaluator::EvaluateRows(const Expr& expr, const SnapshotTable& table, const int32_t* rows,
                               size_t n, const EvalContext& context, double* out) const {
  // Ascending rows without a gap are a range, which reads columns directly.
  if (n > 0 && static_cast<size_t>(rows[n - 1] - rows[0]) == n - 1) {
    const size_t begin = static_cast<size_t>(rows[0]);
    return Evaluate(expr, table, begin, begin + n, context, out);
  }
  Frame frame{&table, 0, n};
  frame.rows = rows;
  return Eval(expr, frame, context, out);
}

bool Evaluator::DependsOnPeriod(const Expr& e) {
  if (e.kind == Expr::Kind::kCall &&
      (e.function == FunctionId::kPeriodStart || e.function == FunctionId::kPeriodEnd)) {
    return true;
  }
  for (const ExprPtr& a : e.args) {
    if (DependsOnPeriod(*a)) return true;
  }
  return (e.value && DependsOnPeriod(*e.value)) || (e.where && DependsOnPeriod(*e.where));
}

Status Evaluator::Eval(const Expr& e, const Frame& frame, const EvalContext& ctx,
                       double* out) const {
  const size_t n = frame.size();
  switch (e.kind) {
    case Expr::Kind::kLiteral: {
      const double v = LiteralValue(e.literal);
      for (size_t i = 0; i < n; ++i) out[i] = v;
      return Status::Ok();
    }
    case Expr::Kind::kField:
      return EvalField(e, frame, out);
    case Expr::Kind::kUnary: {
      PROBATION_RETURN_IF_ERROR(Eval(*e.args[0], frame, ctx, out));
      if (e.op == Op::kNot) {
        for (size_t i = 0; i < n; ++i) out[i] = IsNull(out[i]) ? kNull : 1 - out[i];
      } else {
        for (size_t i = 0; i < n; ++i) out[i] = -out[i];
      }
      return Status::Ok();
    }
    case Expr::Kind::kBinary:
      return EvalBinary(e, frame, ctx, out);
    case Expr::Kind::kInList:
      return EvalInList(e, frame, ctx, out);
    case Expr::Kind::kIsNull: {
      PROBATION_RETURN_IF_ERROR(Eval(*e.args[0], frame, ctx, out));
      for (size_t i = 0; i < n; ++i) out[i] = IsNull(out[i]) != e.negated ? 1 : 0;
      return Status::Ok();
    }
    case Expr::Kind::kCall:
      return EvalCall(e, frame, ctx, out);
    case Expr::Kind::kAggregate:
      return EvalAggregate(e, frame, ctx, out);
  }
  return Internal("unknown expression kind");
}

Status Evaluator::EvalField(const Expr& e, const Frame& frame, double* out) const {
  const size_t n = frame.size();
  const SnapshotColumn& column = snapshot_.table(*e.record).columns[e.field];
  if (e.outer_depth == 0 && e.path.empty()) {
    ReadColumn(column, frame.begin, n, frame.rows, out);
    return Status::Ok();
  }
  Result<Path> path = ResolvePath(e, frame);
  if (!path.ok()) return path.status();
  for (size_t i = 0; i < n; ++i) {
    const int64_t r = path->Row(frame, i);
    out[i] = r < 0 ? kNull : column.AsNumber(static_cast<size_t>(r));
  }
  return Status::Ok();
}

double Evaluator::TextLiteralId(const Expr& field, const Literal& literal) const {
  const std::vector<std::string>& dict =
      snapshot_.table(*field.record).columns[field.field].dictionary;
  // Found once per dictionary and text: a dictionary may hold many thousands of entries.
  std::lock_guard<std::mutex> lock(text_ids_->mutex);
  auto [it, added] = text_ids_->ids.try_emplace({&dict, literal.text}, -2);
  if (added) {
    for (size_t i = 0; i < dict.size(); ++i) {
      if (dict[i] == literal.text) {
        it->second = static_cast<double>(i);
        break;
      }
    }
  }
  return it->second;  // -2 when in no row: compares unequal to every id
}

Status Evaluator::EvalBinary(const Expr& e, const Frame& frame, const EvalContext& ctx,
                             double* out) const {
  const size_t n = frame.size();
  const Expr& left = *e.args[0];
  const Expr& right = *e.args[1];
  ScratchColumn b(n);
  const bool text = left.type.type == Type::kText || right.type.type == Type::kText;
  if (text && left.kind == Expr::Kind::kField && right.kind == Expr::Kind::kField) {
    // Two text fields: their ids belong to different dictionaries, so compare the strings.
    PROBATION_RETURN_IF_ERROR(Eval(left, frame, ctx, out));
    PROBATION_RETURN_IF_ERROR(Eval(right, frame, ctx, b.data()));
    const std::vector<std::string>& da =
        snapshot_.table(*left.record).columns[left.field].dictionary;
    const std::vector<std::string>& db =
        snapshot_.table(*right.record).columns[right.field].dictionary;
    for (size_t i = 0; i < n; ++i) {
      if (IsNull(out[i]) || IsNull(b[i])) {
        out[i] = kNull;
        continue;
      }
      const int c = da[static_cast<size_t>(out[i])].compare(db[static_cast<size_t>(b[i])]);
      // Map the order of the strings onto numbers the comparison below can use.
      out[i] = c < 0 ? -1 : (c > 0 ? 1 : 0);
      b[i] = 0;
    }
  } else if (text) {
    // Text compares by dictionary id: one side a field, the other a literal.
    const Expr* field = left.kind == Expr::Kind::kField ? &left : &right;
    const Expr* lit = field == &left ? &right : &left;
    if (field->kind != Expr::Kind::kField || lit->kind != Expr::Kind::kLiteral) {
      return InvalidArgument("text can only be compared with a literal or another text field");
    }
    PROBATION_RETURN_IF_ERROR(Eval(*field, frame, ctx, out));
    const double id =
        lit->literal.type == Type::kNull ? kNull : TextLiteralId(*field, lit->literal);
    for (size_t i = 0; i < n; ++i) b[i] = id;
  } else if ((e.op == Op::kAnd || e.op == Op::kOr) && n >= kMinShortCircuit) {
    // The right side only where the left does not decide the result (false for `and`, true
    // for `or`); elsewhere its value does not matter, so it is left as the deciding value.
    PROBATION_RETURN_IF_ERROR(Eval(left, frame, ctx, out));
    const double decided = e.op == Op::kAnd ? 0 : 1;
    Scratch<int32_t> position(n);
    size_t k = 0;
    for (size_t i = 0; i < n; ++i) {
      if (out[i] != decided) position[k++] = static_cast<int32_t>(i);
    }
    // When the left side decides few rows, picking out the others costs more than it saves.
    if (k > n - n / 8) {
      PROBATION_RETURN_IF_ERROR(Eval(right, frame, ctx, b.data()));
    } else {
      for (size_t i = 0; i < n; ++i) b[i] = decided;
      if (k > 0) {
        Scratch<int32_t> rows(k), outer_positions(k);
        const Frame undecided =
            frame.Subset(position.data(), k, rows.data(), outer_positions.data());
        ScratchColumn c(k);
        PROBATION_RETURN_IF_ERROR(Eval(right, undecided, ctx, c.data()));
        for (size_t j = 0; j < k; ++j) b[position[j]] = c[j];
      }
    }
  } else {
    PROBATION_RETURN_IF_ERROR(Eval(left, frame, ctx, out));
    PROBATION_RETURN_IF_ERROR(Eval(right, frame, ctx, b.data()));
  }
  const double* y = b.data();
  switch (e.op) {
    case Op::kAnd:
      for (size_t i = 0; i < n; ++i) {
        const double x = out[i];
        out[i] = (x == 0 || y[i] == 0) ? 0 : (IsNull(x) || IsNull(y[i])) ? kNull : 1;
      }
      return Status::Ok();
    case Op::kOr:
      for (size_t i = 0; i < n; ++i) {
        const double x = out[i];
        out[i] = (x == 1 || y[i] == 1) ? 1 : (IsNull(x) || IsNull(y[i])) ? kNull : 0;
      }
      return Status::Ok();
#define PROBATION_COMPARE(OP, EXPR)                                        \
  case OP:                                                                 \
    for (size_t i = 0; i < n; ++i) {                                       \
      const double x = out[i];                                             \
      out[i] = (IsNull(x) || IsNull(y[i])) ? kNull : ((EXPR) ? 1.0 : 0.0); \
    }                                                                      \
    return Status::Ok();
      PROBATION_COMPARE(Op::kEq, x == y[i])
      PROBATION_COMPARE(Op::kNe, x != y[i])
      PROBATION_COMPARE(Op::kLt, x < y[i])
      PROBATION_COMPARE(Op::kLe, x <= y[i])
      PROBATION_COMPARE(Op::kGt, x > y[i])
      PROBATION_COMPARE(Op::kGe, x >= y[i])
#undef PROBATION_COMPARE
    case Op::kAdd:
    case Op::kSub: {
      // A number added to a date-time is hours; to a date, days.
      const double scale = left.type.type == Type::kDateTime ? 60 : 1;
      const double sign = e.op == Op::kAdd ? 1 : -1;
      for (size_t i = 0; i < n; ++i) out[i] = out[i] + sign * scale * y[i];
      // A date moved by a number of days is a whole day, as add_days() gives.
      if (e.type.type == Type::kDate) {
        for (size_t i = 0; i < n; ++i) out[i] = std::floor(out[i]);
      }
      return Status::Ok();
    }
    case Op::kMul:
      for (size_t i = 0; i < n; ++i) out[i] *= y[i];
      return Status::Ok();
    case Op::kDiv:
      for (size_t i = 0; i < n; ++i) out[i] = y[i] == 0 ? kNull : out[i] / y[i];
      return Status::Ok();
    case Op::kNot:
    case Op::kNegate:
      break;
  }
  return Internal("not a binary operator");
}

Status Evaluator::EvalInList(const Expr& e, const Frame& frame, const EvalContext& ctx,
                             double* out) const {
  const size_t n = frame.size();
  const Expr& subject = *e.args[0];
  std::vector<double> values;
  for (const Literal& l : e.list) {
    if (l.type == Type::kText) {
      if (subject.kind != Expr::Kind::kField) {
        return InvalidArgument("a text list can only follow a field");
      }
      values.push_back(TextLiteralId(subject, l));
    } else {
      values.push_back(LiteralValue(l));
    }
  }
  PROBATION_RETURN_IF_ERROR(Eval(subject, frame, ctx, out));
  for (size_t i = 0; i < n; ++i) {
    if (IsNull(out[i])) continue;
    bool found = false;
    for (double v : values) found |= out[i] == v;
    out[i] = found != e.negated ? 1 : 0;
  }
  return Status::Ok();
}

Status Evaluator::EvalCall(const Expr& e, const Frame& frame, const EvalContext& ctx,
                           double* out) const {
  const size_t n = frame.size();
  switch (e.function) {
    case FunctionId::kPeriodStart:
    case FunctionId::kPeriodEnd:
    case FunctionId::kAsAt: {
      const Date d = e.function == FunctionId::kPeriodStart ? ctx.period_start
                     : e.function == FunctionId::kPeriodEnd ? ctx.period_end
                                                            : ctx.as_at;
      for (size_t i = 0; i < n; ++i) out[i] = d.days();
      return Status::Ok();
    }
    default:
      break;
  }
  std::vector<std::unique_ptr<ScratchColumn>> arg_columns;
  std::vector<double*> args;
  for (size_t a = 0; a < e.args.size(); ++a) {
    args.push_back(arg_columns.emplace_back(std::make_unique<ScratchColumn>(n))->data());
    PROBATION_RETURN_IF_ERROR(Eval(*e.args[a], frame, ctx, args[a]));
  }
  const auto binary = [&](auto fn) {
    const double* x = args[0];
    const double* y = args[1];
    for (size_t i = 0; i < n; ++i) out[i] = (IsNull(x[i]) || IsNull(y[i])) ? kNull : fn(x[i], y[i]);
  };
  switch (e.function) {
    case FunctionId::kWorkingDays:
      binary([&](double a, double b) {
        return static_cast<double>(calendar_.WorkingDaysBetween(Date(static_cast<int32_t>(a)),
                                                                Date(static_cast<int32_t>(b))));
      });
      return Status::Ok();
    case FunctionId::kAddWorkingDays:
      binary([&](double d, double k) {
        return static_cast<double>(
            calendar_.AddWorkingDays(Date(static_cast<int32_t>(d)), static_cast<int32_t>(k))
                .days());
      });
      return Status::Ok();
    case FunctionId::kDays:
      binary([](double a, double b) { return b - a; });
      return Status::Ok();
    case FunctionId::kAddDays:
      binary([](double d, double k) { return d + std::floor(k); });
      return Status::Ok();
    case FunctionId::kHours:
      binary([](double a, double b) { return (b - a) / 60; });
      return Status::Ok();
    case FunctionId::kAge:
      binary([](double b, double on) {
        return static_cast<double>(
            AgeInYears(Date(static_cast<int32_t>(b)), Date(static_cast<int32_t>(on))));
      });
      return Status::Ok();
    case FunctionId::kDateOf:
      for (size_t i = 0; i < n; ++i) out[i] = std::floor(args[0][i] / 1440);
      return Status::Ok();
    case FunctionId::kCoalesce:
      for (size_t i = 0; i < n; ++i) {
        out[i] = kNull;
        for (const double* a : args) {
          if (!IsNull(a[i])) {
            out[i] = a[i];
            break;
          }
        }
      }
      return Status::Ok();
    default:
      break;
  }
  return Internal("unknown function");
}

Status Evaluator::ChildrenOf(const Expr& e, const Frame& frame, Children* children) const {
  const size_t n = frame.size();
  const SnapshotTable& child = snapshot_.table(*e.relation->to);
  const int back = BackSlot(child, *e.relation);
  if (back < 0) return Internal("no back relation for " + std::string(e.relation->name));
  children->parent_of_child = child.relations[back].data();
  if (e.outer_depth == 0 && e.path.empty() && frame.rows == nullptr) {
    // The children of a contiguous range of parents are one contiguous range.
    const int slot = frame.table->RelationSlot(e.relation);
    const std::vector<int32_t>& offsets = frame.table->relations[slot];
    children->frame =
        Frame{&child, static_cast<size_t>(offsets[frame.begin]),
              static_cast<size_t>(offsets[frame.end]), &frame, children->parent_of_child};
    children->parent_base = frame.begin;
    return Status::Ok();
  }
  // Otherwise reach each row's parent through outer levels and to-one hops; the children of
  // all the parents, parent by parent, are a selection of the child table, each child knowing
  // the position of its parent row (and so of its outer record) in the frame.
  Result<Path> path = ResolvePath(e, frame);
  if (!path.ok()) return path.status();
  const std::vector<int32_t>& offsets =
      path->table->relations[path->table->RelationSlot(e.relation)];
  // The frame's own rows (the common case: a selection of items) need no path.
  const bool own = e.outer_depth == 0 && e.path.empty();
  const auto parent_row = [&](size_t i) -> int64_t {
    return own ? static_cast<int64_t>(frame.Row(i)) : path->Row(frame, i);
  };
  // Counted first, so that the buffers are taken at their size (and in LIFO order).
  size_t m = 0;
  for (size_t i = 0; i < n; ++i) {
    const int64_t r = parent_row(i);
    if (r >= 0) m += static_cast<size_t>(offsets[r + 1] - offsets[r]);
  }
  children->rows = std::make_unique<Scratch<int32_t>>(m);
  children->positions = std::make_unique<Scratch<int32_t>>(m);
  int32_t* rows = children->rows->data();
  int32_t* positions = children->positions->data();
  size_t c = 0;
  for (size_t i = 0; i < n; ++i) {
    const int64_t r = parent_row(i);
    if (r < 0) continue;
    for (int32_t k = offsets[r]; k < offsets[r + 1]; ++k, ++c) {
      rows[c] = k;
      positions[c] = static_cast<int32_t>(i);
    }
  }
  children->frame = Frame{&child, 0, m, &frame};
  children->frame.rows = rows;
  children->frame.outer_positions = positions;
  children->parent_position = positions;
  return Status::Ok();
}

Status Evaluator::EvalAggregate(const Expr& e, const Frame& frame, const EvalContext& ctx,
                                double* out) const {
  Children children;
  PROBATION_RETURN_IF_ERROR(ChildrenOf(e, frame, &children));
  return AggregateChildren(e, children, frame.size(), ctx, out);
}

Status Evaluator::AggregateChildren(const Expr& e, const Children& children, size_t parents,
                                    const EvalContext& ctx, double* out) const {
  const Frame& child = children.frame;
  const size_t m = child.size();
  // The condition as truth values (evaluator_predicate.cc), the value as values.
  Scratch<uint8_t> where(m);
  ScratchColumn value(m);
  if (e.where) PROBATION_RETURN_IF_ERROR(EvalPredicate(*e.where, child, ctx, where.data()));
  if (e.value) PROBATION_RETURN_IF_ERROR(Eval(*e.value, child, ctx, value.data()));
  double init = 0;
  if (e.aggregate == AggregateOp::kAll) init = 1;
  if (e.aggregate == AggregateOp::kMin || e.aggregate == AggregateOp::kMax) init = kNull;
  for (size_t p = 0; p < parents; ++p) out[p] = init;
  for (size_t c = 0; c < m; ++c) {
    const size_t p = children.ParentPosition(c);
    const bool qualifies = !e.where || where[c] == kTrue;
    switch (e.aggregate) {
      case AggregateOp::kCount:
        out[p] += qualifies ? 1 : 0;
        break;
      case AggregateOp::kAny:
        if (qualifies) out[p] = 1;
        break;
      case AggregateOp::kAll:
        if (!qualifies) out[p] = 0;
        break;
      case AggregateOp::kSum:
        if (qualifies && !IsNull(value[c])) out[p] += value[c];
        break;
      case AggregateOp::kMin:
        if (qualifies && !IsNull(value[c]) && (IsNull(out[p]) || value[c] < out[p]))
          out[p] = value[c];
        break;
      case AggregateOp::kMax:
        if (qualifies && !IsNull(value[c]) && (IsNull(out[p]) || value[c] > out[p]))
          out[p] = value[c];
        break;
    }
  }
  return Status::Ok();
}

}  // namespace probation::measures
