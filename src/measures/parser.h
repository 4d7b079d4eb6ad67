// The measure language's parser: recursive descent from tokens (lexer.h) to an untyped parse
// tree, which the compiler (compiler.cc) resolves and type-checks. Private to the compiler.
//
//   expr     := or_expr
//   or_expr  := and_expr ('or' and_expr)*
//   and_expr := not_expr ('and' not_expr)*
//   not_expr := 'not' not_expr | cmp
//   cmp      := sum ( ('=' | '!=' | '<>' | '<' | '<=' | '>' | '>=') sum
//                   | 'is' ['not'] 'null'
//                   | ['not'] 'in' '[' literal (',' literal)* ']'
//                   | 'between' sum 'and' sum )?
//   sum      := term (('+' | '-') term)*
//   term     := unary (('*' | '/') unary)*
//   unary    := '-' unary | primary
//   primary  := NUMBER | STRING | 'true' | 'false' | 'null' | 'date' STRING
//             | NAME ('.' NAME)*                          (a path)
//             | NAME '(' [expr (',' expr)*] ['where' expr] ')'  (a call)
//             | '(' expr ')'
//   literal  := ['-'] NUMBER | STRING | 'true' | 'false' | 'null' | 'date' STRING
//
// Comparisons do not chain (`a = b = c` is an error). `where` is accepted in any call; the
// compiler allows it only in aggregates. Thread-safe: no shared state.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "measures/compiler.h"
#include "measures/expression.h"
#include "measures/lexer.h"

namespace probation::measures {

struct PathPart {
  std::string name;
  SourcePos pos;
};

struct Node;
using NodePtr = std::unique_ptr<Node>;

struct Node {
  enum class Kind {
    kNumber,  // number
    kString,  // text
    kBool,    // boolean
    kNull,
    kDate,     // text: the date as written; date_pos: where the quoted date starts
    kPath,     // path: names joined by '.'
    kCall,     // text: the function's name; args; where (may be null)
    kUnary,    // op (kNot or kNegate), args[0]
    kBinary,   // op, args[0], args[1]
    kIsNull,   // args[0]; negated for "is not null"
    kInList,   // args[0]; list: literal nodes; negated for "not in"
    kBetween,  // args[0] between args[1] and args[2]
  };

  Kind kind = Kind::kNull;
  SourcePos pos;     // the construct's own token: the operator, name, keyword or literal
  SourcePos start;   // the construct's first token (its left operand's, for an operator)
  size_t begin = 0;  // byte range of the whole construct in the expression text
  size_t end = 0;

  double number = 0;
  bool boolean = false;
  std::string text;
  SourcePos date_pos;
  std::vector<PathPart> path;
  Op op = Op::kEq;
  bool negated = false;
  std::vector<NodePtr> args;
  std::vector<NodePtr> list;
  NodePtr where;
};

// Parses the tokens of one expression (ending with kEnd). Errors name the token where the
// grammar could not go on: "expected ')' to close the '(' at line 3, column 9, but found 'and'".
Result<NodePtr> ParseExpression(const std::vector<Token>& tokens, const CompileContext& context);

}  // namespace probation::measures
