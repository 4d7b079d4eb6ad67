// Helpers shared by the measure-language tests: compile an expression for a subject record
// type, and render the result as its type name or a compact tree.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "measures/compiler.h"

namespace probation::measures::testing {

inline const RecordType& Subject(std::string_view name) {
  const RecordType* type = FindRecordType(name);
  EXPECT_NE(type, nullptr) << name;
  return *type;
}

inline Result<ExprPtr> Compile(std::string_view text, std::string_view subject = "contacts",
                               Type expected = Type::kNull, SourcePos origin = {1, 1}) {
  return CompileExpression(text, Subject(subject), expected, {"fw.toml", origin});
}

// The compiled expression's type name, or the error message.
inline std::string Check(std::string_view text, std::string_view subject = "contacts") {
  Result<ExprPtr> expr = Compile(text, subject);
  if (!expr.ok()) return expr.status().message();
  const ExprType& type = (*expr)->type;
  return type.type == Type::kCode ? std::string(type.code_list) + " code"
                                  : std::string(TypeName(type.type));
}

// A compact rendering of the tree: (op a b), field names, literals.
inline std::string Show(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::kLiteral:
      if (e.literal.type == Type::kNumber)
        return std::to_string(static_cast<int>(e.literal.number));
      if (e.literal.type == Type::kBool) return e.literal.boolean ? "true" : "false";
      if (e.literal.type == Type::kNull) return "null";
      return "'" + e.literal.text + "'";
    case Expr::Kind::kField: {
      std::string s(e.outer_depth, '^');
      for (const Relation* r : e.path) s += std::string(r->name) + ".";
      return s + std::string(e.record->fields[e.field].name);
    }
    case Expr::Kind::kInList:
      return (e.negated ? "(not-in " : "(in ") + Show(*e.args[0]) + " " +
             std::to_string(e.list.size()) + ")";
    case Expr::Kind::kIsNull:
      return (e.negated ? "(not-null " : "(null ") + Show(*e.args[0]) + ")";
    case Expr::Kind::kAggregate: {
      std::string s = "(agg ";
      s.append(e.relation->name);
      if (e.value) s.append(" ").append(Show(*e.value));
      if (e.where) s.append(" ").append(Show(*e.where));
      return s + ")";
    }
    default: {
      constexpr const char* kOps[] = {"not", "neg", "and", "or", "=", "!=", "<",
                                      "<=",  ">",   ">=",  "+",  "-", "*",  "/"};
      std::string s = "(";
      s.append(e.kind == Expr::Kind::kCall ? "call" : kOps[static_cast<int>(e.op)]);
      for (const ExprPtr& a : e.args) s.append(" ").append(Show(*a));
      return s + ")";
    }
  }
}

inline std::string Tree(std::string_view text, std::string_view subject = "contacts") {
  Result<ExprPtr> expr = Compile(text, subject);
  return expr.ok() ? Show(**expr) : "ERROR " + expr.status().message();
}

}  // namespace probation::measures::testing
