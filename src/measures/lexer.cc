#include "measures/lexer.h"

#include <array>
#include <utility>

namespace probation::measures {
namespace {

struct Keyword {
  std::string_view word;
  TokenKind kind;
};

constexpr std::array<Keyword, 11> kKeywords = {{
    {"and", TokenKind::kAnd},
    {"or", TokenKind::kOr},
    {"not", TokenKind::kNot},
    {"is", TokenKind::kIs},
    {"null", TokenKind::kNull},
    {"in", TokenKind::kIn},
    {"between", TokenKind::kBetween},
    {"true", TokenKind::kTrue},
    {"false", TokenKind::kFalse},
    {"date", TokenKind::kDate},
    {"where", TokenKind::kWhere},
}};

struct Operator {
  std::string_view text;
  TokenKind kind;
};

// Two-character operators come first so that "<=" is not read as "<" then "=".
constexpr std::array<Operator, 17> kOperators = {{{"!=", TokenKind::kNe},
                                                  {"<>", TokenKind::kNe},
                                                  {"<=", TokenKind::kLe},
                                                  {">=", TokenKind::kGe},
                                                  {"(", TokenKind::kLParen},
                                                  {")", TokenKind::kRParen},
                                                  {"[", TokenKind::kLBracket},
                                                  {"]", TokenKind::kRBracket},
                                                  {",", TokenKind::kComma},
                                                  {".", TokenKind::kDot},
                                                  {"=", TokenKind::kEq},
                                                  {"<", TokenKind::kLt},
                                                  {">", TokenKind::kGt},
                                                  {"+", TokenKind::kPlus},
                                                  {"-", TokenKind::kMinus},
                                                  {"*", TokenKind::kStar},
                                                  {"/", TokenKind::kSlash}}};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || IsDigit(c); }

char ToLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

TokenKind WordKind(std::string_view word) {
  for (const Keyword& k : kKeywords) {
    if (k.word.size() != word.size()) continue;
    bool same = true;
    for (size_t i = 0; i < word.size() && same; ++i) same = ToLower(word[i]) == k.word[i];
    if (same) return k.kind;
  }
  return TokenKind::kName;
}

// Walks the text keeping the line and column (in characters) of the next byte.
class Lexer {
 public:
  Lexer(std::string_view text, const CompileContext& context) : text_(text), context_(context) {}

  Result<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    while (true) {
      SkipSpaceAndComments();
      Token token = StartToken();
      if (at_ >= text_.size()) {
        tokens.push_back(std::move(token));
        return tokens;
      }
      Status status = ReadToken(token);
      if (!status.ok()) return status;
      token.length = at_ - token.offset;
      tokens.push_back(std::move(token));
    }
  }

 private:
  char Peek(size_t ahead = 0) const {
    return at_ + ahead < text_.size() ? text_[at_ + ahead] : '\0';
  }

  void Advance() {
    const char c = text_[at_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column_;  // continuation bytes of a UTF-8 character take no column of their own
    }
  }

  void SkipSpaceAndComments() {
    while (at_ < text_.size()) {
      const char c = Peek();
      if (c == '#') {
        while (at_ < text_.size() && Peek() != '\n') Advance();
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        Advance();
      } else {
        return;
      }
    }
  }

  Token StartToken() const {
    Token token;
    token.pos = FilePosition(context_, line_, column_);
    token.offset = at_;
    return token;
  }

  Status ReadToken(Token& token) {
    const char c = Peek();
    if (IsNameStart(c)) return ReadName(token);
    if (IsDigit(c)) return ReadNumber(token);
    if (c == '\'') return ReadString(token);
    return ReadOperator(token);
  }

  Status ReadName(Token& token) {
    while (IsNameChar(Peek())) Advance();
    token.value = std::string(text_.substr(token.offset, at_ - token.offset));
    token.kind = WordKind(token.value);
    return Status::Ok();
  }

  Status ReadNumber(Token& token) {
    while (IsDigit(Peek())) Advance();
    if (Peek() == '.' && !IsNameStart(Peek(1))) {
      Advance();
      if (!IsDigit(Peek())) {
        return ErrorAt(context_, token.pos, "a number needs digits after its '.', e.g. 0.5");
      }
      while (IsDigit(Peek())) Advance();
    }
    token.value = std::string(text_.substr(token.offset, at_ - token.offset));
    if (IsNameChar(Peek())) {
      while (IsNameChar(Peek())) Advance();
      const std::string word(text_.substr(token.offset, at_ - token.offset));
      return ErrorAt(context_, token.pos,
                     "'" + word + "' is not a number or a name (names start with a letter)");
    }
    token.kind = TokenKind::kNumber;
    return Status::Ok();
  }

  Status ReadString(Token& token) {
    Advance();  // opening quote
    while (true) {
      if (at_ >= text_.size() || Peek() == '\n') {
        return ErrorAt(context_, token.pos,
                       "this text has no closing quote: end it with ' on the same line");
      }
      if (Peek() == '\'') {
        Advance();
        if (Peek() != '\'') break;  // '' is a quote inside the text
      }
      token.value += Peek();
      Advance();
    }
    token.kind = TokenKind::kString;
    return Status::Ok();
  }

  Status ReadOperator(Token& token) {
    for (const Operator& op : kOperators) {
      if (text_.substr(at_, op.text.size()) != op.text) continue;
      for (size_t i = 0; i < op.text.size(); ++i) Advance();
      token.kind = op.kind;
      token.value = std::string(op.text);
      return Status::Ok();
    }
    return BadCharacter(token);
  }

  Status BadCharacter(const Token& token) {
    const char c = Peek();
    if (c == '"') {
      return ErrorAt(context_, token.pos, "text goes in single quotes: 'like this'");
    }
    if (c == '!') return ErrorAt(context_, token.pos, "'!' on its own means nothing: use 'not'");
    if (c == '&') return ErrorAt(context_, token.pos, "'&' means nothing here: use 'and'");
    if (c == '|') return ErrorAt(context_, token.pos, "'|' means nothing here: use 'or'");
    Advance();
    while (at_ < text_.size() && (static_cast<unsigned char>(Peek()) & 0xC0) == 0x80) Advance();
    return ErrorAt(context_, token.pos,
                   "unexpected character '" +
                       std::string(text_.substr(token.offset, at_ - token.offset)) + "'");
  }

  std::string_view text_;
  const CompileContext& context_;
  size_t at_ = 0;
  int line_ = 1;
  int column_ = 1;
};

}  // namespace

SourcePos FilePosition(const CompileContext& context, int line, int column) {
  SourcePos pos;
  pos.line = context.origin.line + line - 1;
  pos.column = line == 1 ? context.origin.column + column - 1 : column;
  return pos;
}

Status ErrorAt(const CompileContext& context, SourcePos pos, std::string_view message) {
  return InvalidArgument(std::string(context.file) + ", line " + std::to_string(pos.line) +
                         ", column " + std::to_string(pos.column) + ": " + std::string(message));
}

std::string Describe(const Token& token) {
  if (token.kind == TokenKind::kEnd) return "the end of the expression";
  if (token.kind == TokenKind::kString) return "the text '" + token.value + "'";
  return "'" + token.value + "'";
}

Result<std::vector<Token>> Lex(std::string_view text, const CompileContext& context) {
  return Lexer(text, context).Run();
}

}  // namespace probation::measures
