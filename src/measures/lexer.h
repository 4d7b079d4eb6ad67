// The measure language's lexer: splits an expression's text into tokens, each with its position
// in the framework file. Private to the compiler (compiler.h); the grammar is in
// docs/measure-language.md.
//
// Keywords (and, or, not, is, null, in, between, true, false, date, where) are recognised in
// any letter case; `#` starts a comment that runs to the end of the line. Columns count
// characters (UTF-8 code points), not bytes. Errors are InvalidArgument Statuses formatted by
// ErrorAt. Thread-safe: no shared state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "measures/compiler.h"
#include "measures/expression.h"

namespace probation::measures {

enum class TokenKind {
  kName,    // field, relation or function name
  kNumber,  // digits with an optional fraction
  kString,  // single-quoted; `value` holds the text with '' unescaped
  // Keywords.
  kAnd,
  kOr,
  kNot,
  kIs,
  kNull,
  kIn,
  kBetween,
  kTrue,
  kFalse,
  kDate,
  kWhere,
  // Punctuation and operators.
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kComma,
  kDot,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kEnd,  // after the last token
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string value;  // the token as written; for kString, its content
  SourcePos pos;      // in the framework file (origin applied)
  size_t offset = 0;  // byte offset of the token's first character in the text
  size_t length = 0;  // bytes, including quotes for a string
};

// Where the character at `line`/`column` of the expression text (both 1-based) lies in the
// framework file, given that the text starts at `context.origin`.
SourcePos FilePosition(const CompileContext& context, int line, int column);

// "<file>, line L, column C: <message>" as an InvalidArgument; `pos` is a file position.
Status ErrorAt(const CompileContext& context, SourcePos pos, std::string_view message);

// How a token reads in a message: "'and'", "'outcome'", "the end of the expression".
std::string Describe(const Token& token);

// The tokens of `text`, ending with one kEnd token (positioned just after the last character).
// Errors: a character that cannot start a token, an unterminated string, a malformed number.
Result<std::vector<Token>> Lex(std::string_view text, const CompileContext& context);

}  // namespace probation::measures
