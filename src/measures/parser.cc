#include "measures/parser.h"

#include <cstdlib>
#include <utility>

namespace probation::measures {
namespace {

bool IsComparison(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEq:
    case TokenKind::kNe:
    case TokenKind::kLt:
    case TokenKind::kLe:
    case TokenKind::kGt:
    case TokenKind::kGe:
      return true;
    default:
      return false;
  }
}

Op ComparisonOp(TokenKind kind) {
  switch (kind) {
    case TokenKind::kNe:
      return Op::kNe;
    case TokenKind::kLt:
      return Op::kLt;
    case TokenKind::kLe:
      return Op::kLe;
    case TokenKind::kGt:
      return Op::kGt;
    case TokenKind::kGe:
      return Op::kGe;
    default:
      return Op::kEq;
  }
}

std::string At(SourcePos pos) {
  return "line " + std::to_string(pos.line) + ", column " + std::to_string(pos.column);
}

class Parser {
 public:
  Parser(const std::vector<Token>& tokens, const CompileContext& context)
      : tokens_(tokens), context_(context) {}

  Result<NodePtr> ParseAll() {
    if (Peek().kind == TokenKind::kEnd) return Error(Peek(), "the expression is empty");
    NodePtr node;
    PROBATION_ASSIGN_OR_RETURN(node, ParseOr());
    if (Peek().kind != TokenKind::kEnd) {
      return Error(Peek(), "unexpected " + Describe(Peek()) +
                               " after a complete expression; is an 'and' or 'or' missing?");
    }
    return node;
  }

 private:
  const Token& Peek(size_t ahead = 0) const {
    const size_t i = next_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }
  const Token& Next() {
    const Token& token = tokens_[next_];
    if (token.kind != TokenKind::kEnd) ++next_;
    return token;
  }
  bool Accept(TokenKind kind) {
    if (Peek().kind != kind) return false;
    Next();
    return true;
  }

  Status Error(const Token& at, std::string_view message) const {
    return ErrorAt(context_, at.pos, message);
  }

  static NodePtr Leaf(Node::Kind kind, const Token& token) {
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->pos = token.pos;
    node->start = token.pos;
    node->begin = token.offset;
    node->end = token.offset + token.length;
    return node;
  }

  static NodePtr Operator(Node::Kind kind, Op op, const Token& token, NodePtr left) {
    NodePtr node = Leaf(kind, token);
    node->op = op;
    node->start = left->start;
    node->begin = left->begin;
    node->args.push_back(std::move(left));
    return node;
  }

  static NodePtr Binary(Op op, const Token& token, NodePtr left, NodePtr right) {
    NodePtr node = Operator(Node::Kind::kBinary, op, token, std::move(left));
    node->end = right->end;
    node->args.push_back(std::move(right));
    return node;
  }

  Result<NodePtr> ParseOr() {
    NodePtr left;
    PROBATION_ASSIGN_OR_RETURN(left, ParseAnd());
    while (Peek().kind == TokenKind::kOr) {
      const Token& op = Next();
      NodePtr right;
      PROBATION_ASSIGN_OR_RETURN(right, ParseAnd());
      left = Binary(Op::kOr, op, std::move(left), std::move(right));
    }
    return left;
  }

  Result<NodePtr> ParseAnd() {
    NodePtr left;
    PROBATION_ASSIGN_OR_RETURN(left, ParseNot());
    while (Peek().kind == TokenKind::kAnd) {
      const Token& op = Next();
      NodePtr right;
      PROBATION_ASSIGN_OR_RETURN(right, ParseNot());
      left = Binary(Op::kAnd, op, std::move(left), std::move(right));
    }
    return left;
  }

  Result<NodePtr> ParseNot() {
    if (Peek().kind != TokenKind::kNot) return ParseComparison();
    const Token& op = Next();
    NodePtr operand;
    PROBATION_ASSIGN_OR_RETURN(operand, ParseNot());
    NodePtr node = Leaf(Node::Kind::kUnary, op);
    node->op = Op::kNot;
    node->end = operand->end;
    node->args.push_back(std::move(operand));
    return node;
  }

  Result<NodePtr> ParseComparison() {
    NodePtr left;
    PROBATION_ASSIGN_OR_RETURN(left, ParseSum());
    const TokenKind kind = Peek().kind;
    if (IsComparison(kind)) {
      const Token& op = Next();
      NodePtr right;
      PROBATION_ASSIGN_OR_RETURN(right, ParseSum());
      if (IsComparison(Peek().kind)) {
        return Error(Peek(),
                     "comparisons do not chain: join them with 'and', e.g. "
                     "a <= b and b <= c");
      }
      return Binary(ComparisonOp(kind), op, std::move(left), std::move(right));
    }
    if (kind == TokenKind::kIs) return ParseIsNull(std::move(left));
    if (kind == TokenKind::kIn || (kind == TokenKind::kNot && Peek(1).kind == TokenKind::kIn)) {
      return ParseInList(std::move(left));
    }
    if (kind == TokenKind::kBetween) return ParseBetween(std::move(left));
    return left;
  }

  Result<NodePtr> ParseIsNull(NodePtr left) {
    const Token& is = Next();
    NodePtr node = Operator(Node::Kind::kIsNull, Op::kEq, is, std::move(left));
    node->negated = Accept(TokenKind::kNot);
    if (Peek().kind != TokenKind::kNull) {
      return Error(Peek(),
                   "'is' must be followed by 'null' or 'not null', but found " + Describe(Peek()));
    }
    node->end = Peek().offset + Peek().length;
    Next();
    return node;
  }

  Result<NodePtr> ParseInList(NodePtr left) {
    const bool negated = Accept(TokenKind::kNot);
    const Token& in = Next();
    NodePtr node = Operator(Node::Kind::kInList, Op::kEq, in, std::move(left));
    node->negated = negated;
    if (!Accept(TokenKind::kLBracket)) {
      return Error(Peek(),
                   "expected '[' after 'in', e.g. in ['CO', 'SSO'], but found " + Describe(Peek()));
    }
    if (Peek().kind == TokenKind::kRBracket) return Error(Peek(), "the list is empty");
    do {
      NodePtr literal;
      PROBATION_ASSIGN_OR_RETURN(literal, ParseListLiteral());
      node->list.push_back(std::move(literal));
    } while (Accept(TokenKind::kComma));
    if (Peek().kind != TokenKind::kRBracket) {
      return Error(Peek(), "expected ',' or ']' in the list, but found " + Describe(Peek()));
    }
    node->end = Peek().offset + Peek().length;
    Next();
    return node;
  }

  Result<NodePtr> ParseListLiteral() {
    const Token& first = Peek();
    switch (first.kind) {
      case TokenKind::kMinus: {
        Next();
        if (Peek().kind != TokenKind::kNumber) break;
        NodePtr node;
        PROBATION_ASSIGN_OR_RETURN(node, ParsePrimary());
        node->number = -node->number;
        node->pos = first.pos;
        node->start = first.pos;
        node->begin = first.offset;
        return node;
      }
      case TokenKind::kNumber:
      case TokenKind::kString:
      case TokenKind::kTrue:
      case TokenKind::kFalse:
      case TokenKind::kNull:
      case TokenKind::kDate:
        return ParsePrimary();
      default:
        break;
    }
    return Error(Peek(),
                 "a list holds only values (numbers, 'text', true, false or date "
                 "'YYYY-MM-DD'), but found " +
                     Describe(Peek()));
  }

  Result<NodePtr> ParseBetween(NodePtr left) {
    const Token& between = Next();
    NodePtr node = Operator(Node::Kind::kBetween, Op::kEq, between, std::move(left));
    NodePtr low;
    PROBATION_ASSIGN_OR_RETURN(low, ParseSum());
    if (!Accept(TokenKind::kAnd)) {
      return Error(Peek(),
                   "expected 'and' in 'between ... and ...', but found " + Describe(Peek()));
    }
    NodePtr high;
    PROBATION_ASSIGN_OR_RETURN(high, ParseSum());
    node->end = high->end;
    node->args.push_back(std::move(low));
    node->args.push_back(std::move(high));
    return node;
  }

  Result<NodePtr> ParseSum() {
    NodePtr left;
    PROBATION_ASSIGN_OR_RETURN(left, ParseTerm());
    while (Peek().kind == TokenKind::kPlus || Peek().kind == TokenKind::kMinus) {
      const Token& op = Next();
      NodePtr right;
      PROBATION_ASSIGN_OR_RETURN(right, ParseTerm());
      left = Binary(op.kind == TokenKind::kPlus ? Op::kAdd : Op::kSub, op, std::move(left),
                    std::move(right));
    }
    return left;
  }

  Result<NodePtr> ParseTerm() {
    NodePtr left;
    PROBATION_ASSIGN_OR_RETURN(left, ParseUnary());
    while (Peek().kind == TokenKind::kStar || Peek().kind == TokenKind::kSlash) {
      const Token& op = Next();
      NodePtr right;
      PROBATION_ASSIGN_OR_RETURN(right, ParseUnary());
      left = Binary(op.kind == TokenKind::kStar ? Op::kMul : Op::kDiv, op, std::move(left),
                    std::move(right));
    }
    return left;
  }

  Result<NodePtr> ParseUnary() {
    if (Peek().kind != TokenKind::kMinus) return ParsePrimary();
    const Token& op = Next();
    NodePtr operand;
    PROBATION_ASSIGN_OR_RETURN(operand, ParseUnary());
    NodePtr node = Leaf(Node::Kind::kUnary, op);
    node->op = Op::kNegate;
    node->end = operand->end;
    node->args.push_back(std::move(operand));
    return node;
  }

  Result<NodePtr> ParsePrimary() {
    const Token& token = Peek();
    switch (token.kind) {
      case TokenKind::kNumber: {
        NodePtr node = Leaf(Node::Kind::kNumber, Next());
        node->number = std::strtod(token.value.c_str(), nullptr);
        return node;
      }
      case TokenKind::kString: {
        NodePtr node = Leaf(Node::Kind::kString, Next());
        node->text = token.value;
        return node;
      }
      case TokenKind::kTrue:
      case TokenKind::kFalse: {
        NodePtr node = Leaf(Node::Kind::kBool, Next());
        node->boolean = token.kind == TokenKind::kTrue;
        return node;
      }
      case TokenKind::kNull:
        return Leaf(Node::Kind::kNull, Next());
      case TokenKind::kDate:
        return ParseDate();
      case TokenKind::kLParen:
        return ParseParenthesised();
      case TokenKind::kName:
        return Peek(1).kind == TokenKind::kLParen ? ParseCall() : ParsePath();
      default:
        return Error(token, "expected a value, a name or '(', but found " + Describe(token));
    }
  }

  Result<NodePtr> ParseDate() {
    NodePtr node = Leaf(Node::Kind::kDate, Next());
    const Token& quoted = Peek();
    if (quoted.kind != TokenKind::kString) {
      return Error(quoted, "a date is written date 'YYYY-MM-DD', e.g. date '2011-04-01'");
    }
    node->text = quoted.value;
    node->date_pos = quoted.pos;
    node->end = quoted.offset + quoted.length;
    Next();
    return node;
  }

  Result<NodePtr> ParseParenthesised() {
    const Token& open = Next();
    NodePtr node;
    PROBATION_ASSIGN_OR_RETURN(node, ParseOr());
    if (Peek().kind != TokenKind::kRParen) {
      return Error(Peek(), "expected ')' to close the '(' at " + At(open.pos) + ", but found " +
                               Describe(Peek()));
    }
    node->start = open.pos;
    node->begin = open.offset;
    node->end = Peek().offset + Peek().length;
    Next();
    return node;
  }

  Result<NodePtr> ParsePath() {
    NodePtr node = Leaf(Node::Kind::kPath, Peek());
    node->path.push_back({Next().value, node->pos});
    while (Peek().kind == TokenKind::kDot) {
      Next();
      const Token& name = Peek();
      if (name.kind != TokenKind::kName) {
        return Error(name, "expected a name after '.', but found " + Describe(name));
      }
      node->path.push_back({name.value, name.pos});
      node->end = name.offset + name.length;
      Next();
    }
    return node;
  }

  Result<NodePtr> ParseCall() {
    const Token& name = Next();
    NodePtr node = Leaf(Node::Kind::kCall, name);
    node->text = name.value;
    const Token& open = Next();
    if (Peek().kind != TokenKind::kRParen) {
      do {
        NodePtr arg;
        PROBATION_ASSIGN_OR_RETURN(arg, ParseOr());
        node->args.push_back(std::move(arg));
      } while (Accept(TokenKind::kComma));
      if (Accept(TokenKind::kWhere)) {
        NodePtr where;
        PROBATION_ASSIGN_OR_RETURN(where, ParseOr());
        node->where = std::move(where);
      }
    }
    if (Peek().kind != TokenKind::kRParen) {
      return Error(Peek(), "expected ',' or ')' in " + node->text + "( at " + At(open.pos) +
                               ", but found " + Describe(Peek()));
    }
    node->end = Peek().offset + Peek().length;
    Next();
    return node;
  }

  const std::vector<Token>& tokens_;
  const CompileContext& context_;
  size_t next_ = 0;
};

}  // namespace

Result<NodePtr> ParseExpression(const std::vector<Token>& tokens, const CompileContext& context) {
  return Parser(tokens, context).ParseAll();
}

}  // namespace probation::measures

#undef PROBATION_ASSIGN_OR_RETURN_IMPL
#undef PROBATION_ASSIGN_OR_RETURN
#undef PROBATION_CONCAT
#undef PROBATION_CONCAT_INNER
