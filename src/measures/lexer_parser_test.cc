// The measure language's lexer and parser, seen through the compiler: tokens and their file
// positions, precedence and the shape of the parsed tree, syntax errors, and the positions that
// compiled trees and messages carry. (Names, typing and functions: compiler_test.cc.)
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "measures/compiler.h"
#include "measures/compiler_test_util.h"
#include "measures/lexer.h"

namespace probation::measures {
namespace {

using namespace ::probation::measures::testing;  // NOLINT: test helpers

// --- Lexer -------------------------------------------------------------------------------

TEST(LexerTest, TokensCarryFilePositions) {
  Result<std::vector<Token>> tokens = Lex("a <= 'it''s'\n  # note\n  OR b", {"f", {3, 5}});
  ASSERT_TRUE(tokens.ok()) << tokens.status().message();
  ASSERT_EQ(tokens->size(), 6u);
  EXPECT_EQ((*tokens)[0].kind, TokenKind::kName);
  EXPECT_EQ((*tokens)[1].kind, TokenKind::kLe);
  EXPECT_EQ((*tokens)[1].pos.line, 3);
  EXPECT_EQ((*tokens)[1].pos.column, 7);
  EXPECT_EQ((*tokens)[2].kind, TokenKind::kString);
  EXPECT_EQ((*tokens)[2].value, "it's");
  EXPECT_EQ((*tokens)[3].kind, TokenKind::kOr);
  EXPECT_EQ((*tokens)[3].pos.line, 5);
  EXPECT_EQ((*tokens)[3].pos.column, 3);
  EXPECT_EQ((*tokens)[5].kind, TokenKind::kEnd);
}

TEST(LexerTest, ColumnsCountCharactersNotBytes) {
  Result<std::vector<Token>> tokens = Lex("'é' = x", {"f", {1, 1}});
  ASSERT_TRUE(tokens.ok());
  EXPECT_EQ((*tokens)[1].pos.column, 5);
}

TEST(LexerTest, Errors) {
  EXPECT_EQ(Lex("a = 'UA", {"f.toml", {2, 4}}).status().message(),
            "f.toml, line 2, column 8: this text has no closing quote: end it with ' on the same "
            "line");
  EXPECT_EQ(Lex("a $ b", {"f.toml", {1, 1}}).status().message(),
            "f.toml, line 1, column 3: unexpected character '$'");
  EXPECT_EQ(Lex("a = \"UA\"", {"f", {1, 1}}).status().message(),
            "f, line 1, column 5: text goes in single quotes: 'like this'");
  EXPECT_EQ(Lex("a && b", {"f", {1, 1}}).status().message(),
            "f, line 1, column 3: '&' means nothing here: use 'and'");
  EXPECT_EQ(Lex("1.", {"f", {1, 1}}).status().message(),
            "f, line 1, column 1: a number needs digits after its '.', e.g. 0.5");
  EXPECT_EQ(Lex("10days", {"f", {1, 1}}).status().message(),
            "f, line 1, column 1: '10days' is not a number or a name (names start with a "
            "letter)");
}

// --- Parsing and precedence --------------------------------------------------------------

TEST(ParserTest, AndBindsTighterThanOr) {
  EXPECT_EQ(Tree("arranged or ns_required and outcome = 'UA'"),
            "(or arranged (and ns_required (= outcome 'UA')))");
  EXPECT_EQ(Tree("(arranged or ns_required) and outcome = 'UA'"),
            "(and (or arranged ns_required) (= outcome 'UA'))");
}

TEST(ParserTest, NotBindsLooserThanComparison) {
  EXPECT_EQ(Tree("not outcome = 'UA' and arranged"), "(and (not (= outcome 'UA')) arranged)");
  EXPECT_EQ(Tree("not not arranged"), "(not (not arranged))");
  EXPECT_EQ(Tree("NOT arranged Or FALSE"), "(or (not arranged) false)");
}

TEST(ParserTest, ArithmeticPrecedence) {
  EXPECT_EQ(Tree("1 + 2 * 3 - 4 / 2 = 5"), "(= (- (+ 1 (* 2 3)) (/ 4 2)) 5)");
  EXPECT_EQ(Tree("-hours_credited * 2 < 1 - -1"), "(< (* (neg hours_credited) 2) (- 1 (neg 1)))");
  EXPECT_EQ(Tree("(1 + 2) * 3 = 9"), "(= (* (+ 1 2) 3) 9)");
}

TEST(ParserTest, BetweenIsTwoComparisons) {
  EXPECT_EQ(Tree("hours_credited between 1 and 2 + 1 and arranged"),
            "(and (and (>= hours_credited 1) (<= hours_credited (+ 2 1))) arranged)");
  EXPECT_EQ(Tree("contact_date between date '2011-04-01' and date '2012-03-31'"),
            "(and (>= contact_date '2011-04-01') (<= contact_date '2012-03-31'))");
}

TEST(ParserTest, IsNullAndInList) {
  EXPECT_EQ(Tree("outcome is null or outcome is not null"),
            "(or (null outcome) (not-null outcome))");
  EXPECT_EQ(Tree("outcome in ['UA', 'AA'] and outcome not in ['ATT']"),
            "(and (in outcome 2) (not-in outcome 1))");
  EXPECT_EQ(Tree("hours_credited in [-1, 2.5]"), "(in hours_credited 2)");
}

TEST(ParserTest, Comments) {
  EXPECT_EQ(Tree("arranged # the first\n and ns_required # the second"),
            "(and arranged ns_required)");
}

TEST(ParserTest, SyntaxErrors) {
  EXPECT_EQ(Check(""), "fw.toml, line 1, column 1: the expression is empty");
  EXPECT_EQ(Check("  # only a comment"), "fw.toml, line 1, column 19: the expression is empty");
  EXPECT_EQ(Check("arranged ns_required"),
            "fw.toml, line 1, column 10: unexpected 'ns_required' after a complete expression; "
            "is an 'and' or 'or' missing?");
  EXPECT_EQ(Check("(arranged or ns_required"),
            "fw.toml, line 1, column 25: expected ')' to close the '(' at line 1, column 1, but "
            "found the end of the expression");
  EXPECT_EQ(Check("1 < 2 < 3"),
            "fw.toml, line 1, column 7: comparisons do not chain: join them with 'and', e.g. a "
            "<= b and b <= c");
  EXPECT_EQ(Check("outcome is 'UA'"),
            "fw.toml, line 1, column 12: 'is' must be followed by 'null' or 'not null', but "
            "found the text 'UA'");
  EXPECT_EQ(Check("outcome in 'UA'"),
            "fw.toml, line 1, column 12: expected '[' after 'in', e.g. in ['CO', 'SSO'], but "
            "found the text 'UA'");
  EXPECT_EQ(Check("outcome in []"), "fw.toml, line 1, column 13: the list is empty");
  EXPECT_EQ(Check("outcome in ['UA' 'AA']"),
            "fw.toml, line 1, column 18: expected ',' or ']' in the list, but found the text "
            "'AA'");
  EXPECT_EQ(Check("outcome in [outcome]"),
            "fw.toml, line 1, column 13: a list holds only values (numbers, 'text', true, false "
            "or date 'YYYY-MM-DD'), but found 'outcome'");
  EXPECT_EQ(Check("hours_credited between 1 or 2"),
            "fw.toml, line 1, column 26: expected 'and' in 'between ... and ...', but found "
            "'or'");
  EXPECT_EQ(Check("arranged and"),
            "fw.toml, line 1, column 13: expected a value, a name or '(', but found the end of "
            "the expression");
  EXPECT_EQ(Check("sentence."),
            "fw.toml, line 1, column 10: expected a name after '.', but found the end of the "
            "expression");
  EXPECT_EQ(Check("contact_date > date 2011"),
            "fw.toml, line 1, column 21: a date is written date 'YYYY-MM-DD', e.g. date "
            "'2011-04-01'");
  EXPECT_EQ(Check("days(contact_date contact_date)"),
            "fw.toml, line 1, column 19: expected ',' or ')' in days( at line 1, column 5, but "
            "found 'contact_date'");
}

// --- Positions ---------------------------------------------------------------------------

TEST(PositionTest, FirstLineColumnsAreOffsetByTheOrigin) {
  Result<ExprPtr> expr = Compile("arranged and outcme = 'UA'", "contacts", Type::kBool, {12, 11});
  EXPECT_EQ(expr.status().message(),
            "fw.toml, line 12, column 24: 'outcme' is not a field of contacts; did you mean "
            "'outcome'?");
}

TEST(PositionTest, LaterLinesKeepTheirOwnColumns) {
  Result<ExprPtr> expr =
      Compile("arranged\n  and outcme = 'UA'", "contacts", Type::kBool, {12, 11});
  EXPECT_EQ(expr.status().message(),
            "fw.toml, line 13, column 7: 'outcme' is not a field of contacts; did you mean "
            "'outcome'?");
}

TEST(PositionTest, TreeNodesCarryFilePositions) {
  Result<ExprPtr> expr =
      Compile("arranged\n  and outcome = 'UA'", "contacts", Type::kBool, {12, 11});
  ASSERT_TRUE(expr.ok());
  const Expr& root = **expr;
  EXPECT_EQ(root.pos.line, 13);  // the 'and'
  EXPECT_EQ(root.pos.column, 3);
  EXPECT_EQ(root.args[0]->pos.line, 12);
  EXPECT_EQ(root.args[0]->pos.column, 11);
  EXPECT_EQ(root.args[1]->args[1]->pos.column, 17);  // 'UA'
}

}  // namespace
}  // namespace probation::measures
