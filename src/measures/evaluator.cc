#include "measures/evaluator.h"

#include <cmath>
#include <memory>
#include <vector>

namespace probation::measures {
namespace {

constexpr double kNull = std::numeric_limits<double>::quiet_NaN();

// Below this many rows `and` and `or` evaluate both sides everywhere: picking out the rows the
// left side leaves undecided would cost more than it saves.
constexpr size_t kMinShortCircuit = 64;

bool IsNull(double v) { return std::isnan(v); }

// Scratch buffers for intermediate columns, reused from one evaluation to the next on the same
// thread so that evaluating a chunk allocates nothing once warm. Taken and returned in LIFO
// order by ScratchColumn.
class ScratchPool {
 public:
  double* Take(size_t n) {
    if (used_ == buffers_.size()) buffers_.push_back({nullptr, 0});
    Buffer& b = buffers_[used_++];
    if (b.size < n) {
      b.data = std::make_unique_for_overwrite<double[]>(n);
      b.size = n;
    }
    return b.data.get();
  }
  void Give() { --used_; }

 private:
  struct Buffer {
    std::unique_ptr<double[]> data;
    size_t size;
  };
  std::vector<Buffer> buffers_;
  size_t used_ = 0;
};

ScratchPool& Pool() {
  thread_local ScratchPool pool;
  return pool;
}

// A column of n doubles from the pool, returned when it goes out of scope.
class ScratchColumn {
 public:
  explicit ScratchColumn(size_t n) : data_(Pool().Take(n)) {}
  ~ScratchColumn() { Pool().Give(); }
  ScratchColumn(const ScratchColumn&) = delete;
  ScratchColumn& operator=(const ScratchColumn&) = delete;
  double* data() { return data_; }
  double& operator[](size_t i) { return data_[i]; }

 private:
  double* data_;
};

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
      return kNull;
  }
  return kNull;
}

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
  size_t size() const { return end - begin; }
  // The table row of the frame's i-th row.
  size_t Row(size_t i) const { return rows != nullptr ? static_cast<size_t>(rows[i]) : begin + i; }
  // The position in `outer` of the outer record of the frame's i-th row.
  size_t OuterPosition(size_t i) const {
    if (outer_positions != nullptr) return static_cast<size_t>(outer_positions[i]);
    if (outer_rows != nullptr) return static_cast<size_t>(outer_rows[Row(i)]) - outer->begin;
    return outer_const;
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
    std::vector<int32_t> rows;
    std::vector<uint32_t> position;
    rows.reserve(n);
    position.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      if (out[i] == decided) continue;
      rows.push_back(static_cast<int32_t>(frame.Row(i)));
      position.push_back(static_cast<uint32_t>(i));
    }
    // When the left side decides few rows, picking out the others costs more than it saves.
    if (rows.size() > n - n / 8) {
      PROBATION_RETURN_IF_ERROR(Eval(right, frame, ctx, b.data()));
    } else {
      for (size_t i = 0; i < n; ++i) b[i] = decided;
      if (!rows.empty()) {
        Frame undecided = frame;
        undecided.begin = 0;
        undecided.end = rows.size();
        undecided.rows = rows.data();
        std::vector<int32_t> outer_positions;
        if (frame.outer != nullptr) {
          for (uint32_t i : position) {
            outer_positions.push_back(static_cast<int32_t>(frame.OuterPosition(i)));
          }
          undecided.outer_positions = outer_positions.data();
        }
        ScratchColumn c(rows.size());
        PROBATION_RETURN_IF_ERROR(Eval(right, undecided, ctx, c.data()));
        for (size_t k = 0; k < rows.size(); ++k) b[position[k]] = c[k];
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

Status Evaluator::EvalAggregate(const Expr& e, const Frame& frame, const EvalContext& ctx,
                                double* out) const {
  const size_t n = frame.size();
  const SnapshotTable& child = snapshot_.table(*e.relation->to);
  const int back = BackSlot(child, *e.relation);
  if (back < 0) return Internal("no back relation for " + std::string(e.relation->name));
  const int32_t* parent_of_child = child.relations[back].data();

  if (e.outer_depth == 0 && e.path.empty() && frame.rows == nullptr) {
    // The children of a contiguous range of parents are one contiguous range.
    const int slot = frame.table->RelationSlot(e.relation);
    const std::vector<int32_t>& offsets = frame.table->relations[slot];
    const Frame children{&child, static_cast<size_t>(offsets[frame.begin]),
                         static_cast<size_t>(offsets[frame.end]), &frame, parent_of_child};
    return AggregateChildren(e, children, parent_of_child, frame.begin, nullptr, n, ctx, out);
  }
  // Otherwise reach each row's parent through outer levels and to-one hops; the children of
  // all the parents, parent by parent, are a selection of the child table, each child knowing
  // the position of its parent row (and so of its outer record) in the frame.
  Result<Path> path = ResolvePath(e, frame);
  if (!path.ok()) return path.status();
  const std::vector<int32_t>& offsets =
      path->table->relations[path->table->RelationSlot(e.relation)];
  std::vector<int32_t> child_rows, position;
  for (size_t i = 0; i < n; ++i) {
    const int64_t r = path->Row(frame, i);
    if (r < 0) continue;
    for (int32_t c = offsets[r]; c < offsets[r + 1]; ++c) {
      child_rows.push_back(c);
      position.push_back(static_cast<int32_t>(i));
    }
  }
  Frame children{&child, 0, child_rows.size(), &frame};
  children.rows = child_rows.data();
  children.outer_positions = position.data();
  return AggregateChildren(e, children, parent_of_child, 0, position.data(), n, ctx, out);
}

Status Evaluator::AggregateChildren(const Expr& e, const Frame& child,
                                    const int32_t* parent_of_child, size_t parent_base,
                                    const int32_t* parent_position, size_t parents,
                                    const EvalContext& ctx, double* out) const {
  const size_t m = child.size();
  ScratchColumn where(m), value(m);
  if (e.where) PROBATION_RETURN_IF_ERROR(Eval(*e.where, child, ctx, where.data()));
  if (e.value) PROBATION_RETURN_IF_ERROR(Eval(*e.value, child, ctx, value.data()));
  double init = 0;
  if (e.aggregate == AggregateOp::kAll) init = 1;
  if (e.aggregate == AggregateOp::kMin || e.aggregate == AggregateOp::kMax) init = kNull;
  for (size_t p = 0; p < parents; ++p) out[p] = init;
  for (size_t c = 0; c < m; ++c) {
    const size_t p = parent_position != nullptr
                         ? static_cast<size_t>(parent_position[c])
                         : static_cast<size_t>(parent_of_child[child.begin + c]) - parent_base;
    const bool qualifies = !e.where || where[c] == 1;
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
