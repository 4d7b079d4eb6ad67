#include "measures/compiler.h"

#include <algorithm>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "base/date.h"
#include "measures/functions.h"
#include "measures/lexer.h"
#include "measures/names.h"
#include "measures/parser.h"
#include "model/code_lists.h"
#include "model/relations.h"

namespace probation::measures {
namespace {

// "a number", "an ethnicity code", ...: how a type reads in a message.
std::string DescribeType(const ExprType& type) {
  if (type.type == Type::kNull || type.type == Type::kText) return std::string(TypeName(type.type));
  if (type.type == Type::kBool) return "a boolean (true or false)";
  if (type.type != Type::kCode) return "a " + std::string(TypeName(type.type));
  const bool vowel = std::string_view("aeiou").find(type.code_list[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(type.code_list) + " code";
}

bool SameType(const ExprType& a, const ExprType& b) {
  return a.type == b.type && (a.type != Type::kCode || a.code_list == b.code_list);
}

bool IsOrdered(Type type) {
  return type == Type::kNumber || type == Type::kDate || type == Type::kDateTime;
}

// A function's parameter list as its catalogue signature states it (see functions.cc).
struct Signature {
  std::vector<ExprType> params;  // kNull stands for the generic T
  bool variadic = false;         // the last parameter repeats
  ExprType result;
};

ExprType SignatureType(std::string_view word) {
  for (Type t : {Type::kBool, Type::kNumber, Type::kDate, Type::kDateTime, Type::kText}) {
    if (TypeName(t) == word) return {t, {}};
  }
  return {Type::kNull, {}};  // "T"
}

Signature ParseSignature(std::string_view text) {
  Signature signature;
  std::string_view params = text.substr(text.find('(') + 1);
  params = params.substr(0, params.find(')'));
  while (!params.empty()) {
    const size_t comma = params.find(',');
    std::string_view param = params.substr(0, comma);
    while (!param.empty() && param.front() == ' ') param.remove_prefix(1);
    if (param == "...") {
      signature.variadic = true;
    } else {
      signature.params.push_back(SignatureType(param.substr(param.rfind(' ') + 1)));
    }
    params = comma == std::string_view::npos ? std::string_view() : params.substr(comma + 1);
  }
  signature.result = SignatureType(text.substr(text.rfind("-> ") + 3));
  return signature;
}

ExprPtr NewExpr(Expr::Kind kind, ExprType type, SourcePos pos) {
  auto expr = std::make_unique<Expr>();
  expr->kind = kind;
  expr->type = type;
  expr->pos = pos;
  return expr;
}

ExprPtr NewOperator(Expr::Kind kind, Op op, ExprType type, SourcePos pos,
                    std::vector<ExprPtr> args) {
  ExprPtr expr = NewExpr(kind, type, pos);
  expr->op = op;
  expr->args = std::move(args);
  return expr;
}

std::vector<ExprPtr> Args(ExprPtr a, ExprPtr b = nullptr) {
  std::vector<ExprPtr> args;
  args.push_back(std::move(a));
  if (b) args.push_back(std::move(b));
  return args;
}

bool IsLiteral(const Expr& expr, Type type) {
  return expr.kind == Expr::Kind::kLiteral && expr.literal.type == type;
}

std::string_view OpText(Op op) {
  constexpr std::string_view kTexts[] = {"not", "-", "and", "or", "=", "!=", "<",
                                         "<=",  ">", ">=",  "+",  "-", "*",  "/"};
  return kTexts[static_cast<int>(op)];
}

class Compiler {
 public:
  Compiler(std::string_view text, const RecordType& subject, const CompileContext& context)
      : text_(text), context_(context), scopes_{&subject}, names_(context, scopes_) {}

  Result<ExprPtr> Compile(const Node& node) {
    switch (node.kind) {
      case Node::Kind::kPath:
        return names_.ResolveField(node.path, 0);
      case Node::Kind::kCall:
        return CompileCall(node);
      case Node::Kind::kUnary:
        return CompileUnary(node);
      case Node::Kind::kBinary:
        return CompileBinary(node);
      case Node::Kind::kIsNull:
        return CompileIsNull(node);
      case Node::Kind::kInList:
        return CompileInList(node);
      case Node::Kind::kBetween:
        return CompileBetween(node);
      default:
        return CompileLiteral(node);
    }
  }

  Status Error(SourcePos pos, std::string_view message) const {
    return ErrorAt(context_, pos, message);
  }

 private:
  std::string Source(const Node& node) const {
    return std::string(text_.substr(node.begin, node.end - node.begin));
  }

  // --- Literals -------------------------------------------------------------------------

  Result<ExprPtr> CompileLiteral(const Node& node) {
    Literal literal;
    literal.text = node.text;
    if (node.kind == Node::Kind::kNumber) {
      literal.type = Type::kNumber;
      literal.number = node.number;
    } else if (node.kind == Node::Kind::kString) {
      literal.type = Type::kText;
    } else if (node.kind == Node::Kind::kBool) {
      literal.type = Type::kBool;
      literal.boolean = node.boolean;
    } else if (node.kind == Node::Kind::kDate) {
      Result<Date> date = Date::Parse(node.text);
      if (!date.ok()) return Error(node.date_pos, date.status().message());
      literal.type = Type::kDate;
      literal.days = date->days();
    }
    ExprPtr expr = NewExpr(Expr::Kind::kLiteral, {literal.type, {}}, node.pos);
    expr->literal = std::move(literal);
    return expr;
  }

  // The code `text` of `list` as a literal; an error naming the allowed codes otherwise.
  Result<ExprPtr> CodeLiteral(std::string_view list_id, const std::string& text,
                              SourcePos pos) const {
    const CodeList* list = FindCodeList(list_id);
    std::string allowed;
    for (size_t i = 0; list != nullptr && i < list->codes.size(); ++i) {
      if (list->codes[i].code != text) {
        allowed += (allowed.empty() ? "" : ", ") + std::string(list->codes[i].code);
        continue;
      }
      ExprPtr expr = NewExpr(Expr::Kind::kLiteral, {Type::kCode, list->id}, pos);
      expr->literal.type = Type::kCode;
      expr->literal.code = static_cast<int>(i);
      expr->literal.text = text;
      return expr;
    }
    return Error(pos, "'" + text + "' is not a " + std::string(list_id) +
                          " code (allowed: " + allowed + ")");
  }

  // A text literal compared with a code becomes that code list's code.
  Status CoerceToCode(const ExprType& code_type, ExprPtr& expr) const {
    if (code_type.type != Type::kCode || !IsLiteral(*expr, Type::kText)) return Status::Ok();
    PROBATION_ASSIGN_OR_RETURN(expr,
                               CodeLiteral(code_type.code_list, expr->literal.text, expr->pos));
    return Status::Ok();
  }

  // --- Operators ------------------------------------------------------------------------

  Result<ExprPtr> CompileUnary(const Node& node) {
    ExprPtr operand;
    PROBATION_ASSIGN_OR_RETURN(operand, Compile(*node.args[0]));
    const Type want = node.op == Op::kNot ? Type::kBool : Type::kNumber;
    const Type got = operand->type.type;
    if (got != want && got != Type::kNull) {
      return Error(node.args[0]->start, std::string(node.op == Op::kNot ? "'not'" : "'-'") +
                                            " needs " + DescribeType({want, {}}) +
                                            ", but this is " + DescribeType(operand->type));
    }
    return NewOperator(Expr::Kind::kUnary, node.op, {got, {}}, node.pos, Args(std::move(operand)));
  }

  Result<ExprPtr> CompileBinary(const Node& node) {
    if (node.op == Op::kAnd || node.op == Op::kOr) return CompileLogical(node);
    if (node.op >= Op::kAdd) return CompileArithmetic(node);
    return Compare(node.op, OpText(node.op), node.pos, *node.args[0], *node.args[1]);
  }

  Result<ExprPtr> CompileLogical(const Node& node) {
    std::vector<ExprPtr> args;
    for (const NodePtr& arg : node.args) {
      ExprPtr operand;
      PROBATION_ASSIGN_OR_RETURN(operand, Compile(*arg));
      if (operand->type.type != Type::kBool && operand->type.type != Type::kNull) {
        return Error(arg->start, "'" + std::string(OpText(node.op)) +
                                     "' joins conditions (true or false), but this is " +
                                     DescribeType(operand->type));
      }
      args.push_back(std::move(operand));
    }
    return NewOperator(Expr::Kind::kBinary, node.op, {Type::kBool, {}}, node.pos, std::move(args));
  }

  // The result type of `left op right` for + - * /, or an error message.
  static Result<Type> ArithmeticType(Op op, Type left, Type right) {
    if (left == Type::kNull || right == Type::kNull) {
      const Type other = left == Type::kNull ? right : left;
      if (other == Type::kNull || other == Type::kNumber) return other;
      if ((op == Op::kAdd || op == Op::kSub) && IsOrdered(other)) return other;
    } else if (left == Type::kNumber && right == Type::kNumber) {
      return Type::kNumber;
    } else if ((op == Op::kAdd || op == Op::kSub) && right == Type::kNumber &&
               (left == Type::kDate || left == Type::kDateTime)) {
      return left;
    } else if (op == Op::kSub && left == right && left == Type::kDate) {
      return InvalidArgument("cannot subtract dates: use days(from, to) or working_days(from, to)");
    } else if (op == Op::kSub && left == right && left == Type::kDateTime) {
      return InvalidArgument("cannot subtract date-times: use hours(from, to)");
    } else if (op == Op::kAdd && left == Type::kNumber && IsOrdered(right)) {
      return InvalidArgument("write the date first: date + number of days");
    }
    return InvalidArgument("");
  }

  Result<ExprPtr> CompileArithmetic(const Node& node) {
    ExprPtr left, right;
    PROBATION_ASSIGN_OR_RETURN(left, Compile(*node.args[0]));
    PROBATION_ASSIGN_OR_RETURN(right, Compile(*node.args[1]));
    Result<Type> type = ArithmeticType(node.op, left->type.type, right->type.type);
    if (!type.ok()) {
      std::string message = type.status().message();
      if (message.empty()) {
        message = "cannot use '" + std::string(OpText(node.op)) + "' on " +
                  DescribeType(left->type) + " and " + DescribeType(right->type) +
                  (node.op == Op::kMul || node.op == Op::kDiv
                       ? ": '*' and '/' take numbers"
                       : ": '+' and '-' take numbers, or a date or date-time and a number");
      }
      return Error(node.pos, message);
    }
    return NewOperator(Expr::Kind::kBinary, node.op, {*type, {}}, node.pos,
                       Args(std::move(left), std::move(right)));
  }

  // Why `left op right` is ill-typed, or "" when it is well typed (after code coercion).
  static std::string CompareProblem(std::string_view op, const ExprType& left,
                                    const ExprType& right) {
    if (left.type == Type::kNull || right.type == Type::kNull) return "";
    const bool ordering = op != "=" && op != "!=";
    if (SameType(left, right)) {
      if (!ordering || IsOrdered(left.type)) return "";
      return "'" + std::string(op) + "' compares numbers, dates or date-times, not " +
             DescribeType(left);
    }
    std::string problem = "cannot compare " + DescribeType(left) + " with " + DescribeType(right);
    auto either = [&](Type a, Type b) {
      return (left.type == a && right.type == b) || (left.type == b && right.type == a);
    };
    if (either(Type::kDate, Type::kDateTime)) {
      problem += ": use date_of() to take the date of a date-time";
    } else if (either(Type::kDate, Type::kText)) {
      problem += ": write a date as date 'YYYY-MM-DD'";
    } else if (either(Type::kBool, Type::kText)) {
      problem += ": Y/N fields are true or false, e.g. 'arranged' or 'arranged = false'";
    } else if (either(Type::kNumber, Type::kText)) {
      problem += ": write numbers without quotes";
    }
    return problem;
  }

  Status NullComparison(Op op, const Node& other, SourcePos pos) const {
    const std::string x = Source(other);
    if (op == Op::kEq) return Error(pos, "'" + x + " = null' never holds: use '" + x + " is null'");
    if (op == Op::kNe) {
      return Error(pos, "'" + x + " != null' never holds: use '" + x + " is not null'");
    }
    return Error(pos, "a comparison with null never holds: use '" + x + " is null' or '" + x +
                          " is not null'");
  }

  Result<ExprPtr> Compare(Op op, std::string_view op_text, SourcePos pos, const Node& left_node,
                          const Node& right_node) {
    ExprPtr left, right;
    PROBATION_ASSIGN_OR_RETURN(left, Compile(left_node));
    PROBATION_ASSIGN_OR_RETURN(right, Compile(right_node));
    if (IsLiteral(*right, Type::kNull)) return NullComparison(op, left_node, pos);
    if (IsLiteral(*left, Type::kNull)) return NullComparison(op, right_node, pos);
    PROBATION_RETURN_IF_ERROR(CoerceToCode(left->type, right));
    PROBATION_RETURN_IF_ERROR(CoerceToCode(right->type, left));
    const std::string problem = CompareProblem(op_text, left->type, right->type);
    if (!problem.empty()) return Error(pos, problem);
    // Text is compared as stored: a text field with a quoted value or with another text field.
    if (left->type.type == Type::kText) {
      const bool left_field = left->kind == Expr::Kind::kField;
      const bool right_field = right->kind == Expr::Kind::kField;
      if (!(left_field && (right_field || IsLiteral(*right, Type::kText))) &&
          !(right_field && IsLiteral(*left, Type::kText))) {
        return Error(pos,
                     "text can be compared only as a text field with a quoted value or "
                     "with another text field");
      }
    }
    return NewOperator(Expr::Kind::kBinary, op, {Type::kBool, {}}, pos,
                       Args(std::move(left), std::move(right)));
  }

  // a between b and c: a >= b and a <= c (a is compiled twice: trees are not shared).
  Result<ExprPtr> CompileBetween(const Node& node) {
    ExprPtr low, high;
    PROBATION_ASSIGN_OR_RETURN(low,
                               Compare(Op::kGe, "between", node.pos, *node.args[0], *node.args[1]));
    PROBATION_ASSIGN_OR_RETURN(high,
                               Compare(Op::kLe, "between", node.pos, *node.args[0], *node.args[2]));
    return NewOperator(Expr::Kind::kBinary, Op::kAnd, {Type::kBool, {}}, node.pos,
                       Args(std::move(low), std::move(high)));
  }

  Result<ExprPtr> CompileIsNull(const Node& node) {
    ExprPtr operand;
    PROBATION_ASSIGN_OR_RETURN(operand, Compile(*node.args[0]));
    ExprPtr expr = NewOperator(Expr::Kind::kIsNull, Op::kEq, {Type::kBool, {}}, node.pos,
                               Args(std::move(operand)));
    expr->negated = node.negated;
    return expr;
  }

  Result<ExprPtr> CompileInList(const Node& node) {
    ExprPtr left;
    PROBATION_ASSIGN_OR_RETURN(left, Compile(*node.args[0]));
    const ExprType type = left->type;
    if (type.type == Type::kNull || type.type == Type::kDateTime) {
      return Error(node.pos, "'in [...]' cannot be used with " + DescribeType(type));
    }
    if (type.type == Type::kText && left->kind != Expr::Kind::kField) {
      return Error(node.pos, "'in [...]' on text needs a text field on its left");
    }
    ExprPtr expr = NewOperator(Expr::Kind::kInList, Op::kEq, {Type::kBool, {}}, node.pos,
                               Args(std::move(left)));
    expr->negated = node.negated;
    for (const NodePtr& item : node.list) {
      ExprPtr literal;
      PROBATION_ASSIGN_OR_RETURN(literal, Compile(*item));
      if (IsLiteral(*literal, Type::kNull)) {
        return Error(item->pos, "null cannot be in a list: use 'is null' or 'is not null'");
      }
      PROBATION_RETURN_IF_ERROR(CoerceToCode(type, literal));
      if (!SameType(type, literal->type)) {
        return Error(item->start, "the list is compared with " + DescribeType(type) +
                                      ", so its values must be too, but " + Source(*item) + " is " +
                                      DescribeType(literal->type));
      }
      expr->list.push_back(std::move(literal->literal));
    }
    return expr;
  }

  // --- Calls ----------------------------------------------------------------------------

  Result<ExprPtr> CompileCall(const Node& node) {
    const FunctionDef* def = FindFunction(node.text);
    if (def == nullptr) {
      std::vector<std::string_view> names;
      for (const FunctionDef& f : AllFunctions()) names.push_back(f.name);
      return Error(node.pos, "'" + node.text + "' is not a function" + Suggest(node.text, names));
    }
    if (def->is_aggregate) return CompileAggregate(node, *def);
    if (node.where) {
      return Error(node.where->start,
                   "'where' can only be used in " + std::string(kAggregateNames));
    }
    return CompileFunction(node, *def);
  }

  Result<ExprPtr> CompileFunction(const Node& node, const FunctionDef& def) {
    const Signature signature = ParseSignature(def.signature);
    const size_t n = node.args.size();
    const size_t want = signature.params.size();
    if (signature.variadic ? n < want : n != want) {
      return Error(node.pos,
                   std::string(def.name) + "() takes " + (signature.variadic ? "at least " : "") +
                       std::to_string(want) + " argument" + (want == 1 ? "" : "s") + " (" +
                       std::string(def.signature) + "), but was given " + std::to_string(n));
    }
    ExprPtr call = NewExpr(Expr::Kind::kCall, signature.result, node.pos);
    call->function = def.id;
    ExprType generic;  // T, once an argument fixes it
    for (size_t i = 0; i < n; ++i) {
      ExprPtr arg;
      PROBATION_ASSIGN_OR_RETURN(arg, Compile(*node.args[i]));
      const ExprType param = signature.params[std::min(i, want - 1)];
      const bool is_generic = param.type == Type::kNull;
      if (is_generic) PROBATION_RETURN_IF_ERROR(CoerceToCode(generic, arg));
      const ExprType& expected = is_generic ? generic : param;
      if (arg->type.type != Type::kNull && expected.type != Type::kNull &&
          !SameType(arg->type, expected)) {
        return Error(node.args[i]->start, ArgumentProblem(def, i, expected, arg->type));
      }
      if (is_generic && generic.type == Type::kNull) generic = arg->type;
      call->args.push_back(std::move(arg));
    }
    if (signature.result.type == Type::kNull) call->type = generic;
    return call;
  }

  static std::string ArgumentProblem(const FunctionDef& def, size_t i, const ExprType& expected,
                                     const ExprType& got) {
    std::string problem = "argument " + std::to_string(i + 1) + " of " + std::string(def.name) +
                          "() must be " + DescribeType(expected) + " (" +
                          std::string(def.signature) + "), but it is " + DescribeType(got);
    if (expected.type == Type::kDate && got.type == Type::kDateTime) {
      problem += ": use date_of() to take its date";
    }
    return problem;
  }

  Result<ExprPtr> CompileAggregate(const Node& node, const FunctionDef& def) {
    const std::string name = std::string(def.name) + "()";
    if (node.args.size() != 1 || node.args[0]->kind != Node::Kind::kPath) {
      return Error(node.args.empty() ? node.pos : node.args[0]->start,
                   name + " takes a list of related records, e.g. " + std::string(def.example));
    }
    const std::vector<PathPart>& parts = node.args[0]->path;
    ExprPtr expr = NewExpr(Expr::Kind::kAggregate, {}, node.pos);
    expr->aggregate = def.aggregate;
    size_t next = 0;
    PROBATION_ASSIGN_OR_RETURN(const int depth, names_.OuterDepth(parts, &next));
    expr->outer_depth = depth;
    const RecordType* type = scopes_[scopes_.size() - 1 - expr->outer_depth];
    PROBATION_RETURN_IF_ERROR(
        names_.FollowToOne(parts, parts.size(), true, &next, &type, &expr->path));
    if (next == parts.size()) return names_.NoList(name, *type, parts.back());
    expr->relation = FindRelation(*type, parts[next].name);
    if (expr->relation == nullptr) return names_.NoList(name, *type, parts[next]);
    std::span<const PathPart> rest = std::span(parts).subspan(next + 1);
    scopes_.push_back(expr->relation->to);
    Status status = CompileAggregateParts(node, def, rest, *expr);
    scopes_.pop_back();
    if (!status.ok()) return status;
    return expr;
  }

  // The value and condition of an aggregate, compiled on the child records.
  Status CompileAggregateParts(const Node& node, const FunctionDef& def,
                               std::span<const PathPart> rest, Expr& expr) {
    const std::string name = std::string(def.name) + "()";
    const bool has_value = def.aggregate == AggregateOp::kSum ||
                           def.aggregate == AggregateOp::kMin || def.aggregate == AggregateOp::kMax;
    const std::string list = std::string(expr.relation->name);
    if (!has_value && !rest.empty()) {
      return Error(rest[0].pos, name + " takes records, not a field: write " +
                                    std::string(def.name) + "(" + list + " where ...)");
    }
    if (has_value && rest.empty()) {
      return Error(node.args[0]->start, name + " needs a field of the records, e.g. " +
                                            std::string(def.name) + "(" + list + "." +
                                            std::string(ExampleField(*expr.relation->to)) + ")");
    }
    if (def.aggregate == AggregateOp::kAll && !node.where) {
      return Error(node.pos, "all() needs a condition: all(" + list + " where ...)");
    }
    expr.type = {def.aggregate == AggregateOp::kCount ? Type::kNumber : Type::kBool, {}};
    if (has_value) PROBATION_RETURN_IF_ERROR(CompileAggregateValue(def, rest, expr));
    if (!node.where) return Status::Ok();
    PROBATION_ASSIGN_OR_RETURN(ExprPtr where, Compile(*node.where));
    expr.where = std::move(where);
    if (expr.where->type.type != Type::kBool && expr.where->type.type != Type::kNull) {
      return Error(node.where->start,
                   "the condition after 'where' must be true or false, but "
                   "it is " +
                       DescribeType(expr.where->type));
    }
    return Status::Ok();
  }

  Status CompileAggregateValue(const FunctionDef& def, std::span<const PathPart> rest, Expr& expr) {
    PROBATION_ASSIGN_OR_RETURN(ExprPtr value, names_.ResolveField(rest, 0));
    expr.value = std::move(value);
    const Type type = expr.value->type.type;
    if (def.aggregate == AggregateOp::kSum ? type != Type::kNumber : !IsOrdered(type)) {
      return Error(rest[0].pos,
                   std::string(def.name) + "() needs " +
                       (def.aggregate == AggregateOp::kSum ? "a number field"
                                                           : "a number, date or date-time field") +
                       ", but this is " + DescribeType(expr.value->type));
    }
    expr.type = {def.aggregate == AggregateOp::kSum ? Type::kNumber : type, {}};
    return Status::Ok();
  }

  std::string_view text_;
  const CompileContext& context_;
  std::vector<const RecordType*> scopes_;  // innermost (the record evaluated) last
  NameResolver names_;                     // resolves names against scopes_
};

}  // namespace

std::string_view TypeName(Type type) {
  constexpr std::string_view kNames[] = {"null",      "boolean", "number", "date",
                                         "date-time", "text",    "code"};
  return kNames[static_cast<int>(type)];
}

Result<ExprPtr> CompileExpression(std::string_view text, const RecordType& subject, Type expected,
                                  const CompileContext& context) {
  std::vector<Token> tokens;
  PROBATION_ASSIGN_OR_RETURN(tokens, Lex(text, context));
  NodePtr tree;
  PROBATION_ASSIGN_OR_RETURN(tree, ParseExpression(tokens, context));
  Compiler compiler(text, subject, context);
  ExprPtr expr;
  PROBATION_ASSIGN_OR_RETURN(expr, compiler.Compile(*tree));
  const Type got = expr->type.type;
  if (expected != Type::kNull && got != expected && got != Type::kNull) {
    return compiler.Error(tree->start, "this must give " + DescribeType({expected, {}}) +
                                           ", but it gives " + DescribeType(expr->type));
  }
  return expr;
}

}  // namespace probation::measures

#undef PROBATION_ASSIGN_OR_RETURN_IMPL
#undef PROBATION_ASSIGN_OR_RETURN
#undef PROBATION_CONCAT
#undef PROBATION_CONCAT_INNER
