#include "base/toml_reader.h"

#include <gtest/gtest.h>

namespace probation {
namespace {

using namespace std::string_view_literals;

constexpr std::string_view kText = R"toml(title = "T"
[[items]]
number = "1"
deadline = 2009-03-31
[[items.rag]]
quarter = "2008-Q1"
[[items]]
numbr = "2"
)toml";

TEST(TomlReaderTest, RecordsWhereFieldsAreByPath) {
  TomlReader reader("f.toml", std::string(kText));
  const toml::table* root = reader.Root();
  ASSERT_NE(root, nullptr);
  const std::vector<const toml::table*> items = reader.GetTables(*root, "items");
  ASSERT_EQ(items.size(), 2u);
  std::optional<Date> deadline;
  EXPECT_TRUE(reader.GetDate(*items[0], "deadline", {}, false, &deadline));
  EXPECT_EQ(deadline, Date::FromCivil(2009, 3, 31));
  EXPECT_TRUE(reader.GetTables(*items[0], "rag", "items.rag").size() == 1u);
  EXPECT_EQ(reader.Where("items[0].deadline").line, 4);
  EXPECT_EQ(reader.Where("items[0].deadline").column, 12);
  EXPECT_EQ(reader.Where("items[0].rag[0].comment").line, 5);  // the table: no comment key
  EXPECT_EQ(reader.Where("items[1].number").line, 7);
  EXPECT_EQ(reader.Where("nothing").line, 1);
  EXPECT_FALSE(reader.failed());
}

TEST(TomlReaderTest, UnknownKeySuggestsTheNearestOrListsThemAll) {
  TomlReader reader("f.toml", std::string(kText));
  const toml::table* root = reader.Root();
  ASSERT_NE(root, nullptr);
  const std::vector<const toml::table*> items = reader.GetTables(*root, "items");
  ASSERT_EQ(items.size(), 2u);
  reader.CheckKeys(*items[1], "number deadline rag", "[[items]]");
  reader.CheckKeys(*root, "id", "the file");
  ASSERT_TRUE(reader.failed());
  const std::string message = reader.Finish().message();
  EXPECT_NE(message.find("f.toml, line 8, column 1: unknown key 'numbr' in [[items]]; did you "
                         "mean 'number'?"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("unknown key 'title' in the file (allowed: id)"), std::string::npos)
      << message;
}

TEST(TomlWriterTest, EscapedBreaksAndInlineLists) {
  TomlWriter lines;
  lines.Text("a", "x\ny");
  lines.TextList("l", {"p", "q"});
  EXPECT_EQ(lines.text(), "a = \"\"\"\nx\ny\"\"\"\nl = [\n  \"p\",\n  \"q\",\n]\n");
  TomlWriter escaped(TomlWriter::Breaks::kEscaped);
  escaped.Text("a", "x\ny\r");
  escaped.TextList("l", {"p", "q"}, TomlWriter::Layout::kInline);
  escaped.TextListIfAny("none", {});
  escaped.DateIfAny("d", std::nullopt);
  EXPECT_EQ(escaped.text(), "a = \"x\\ny\\r\"\nl = [\"p\", \"q\"]\n");
}

// toml++ 3.3.0 asserts on these headers in builds with assertions (the sanitizer build): the
// reader must report them as errors at the bad character instead of handing them to toml++.
TEST(TomlReaderTest, HeadersTomlPlusPlusCannotTakeAreErrors) {
  const struct {
    const char* text;
    const char* where;
  } cases[] = {
      {"[[[1]]]", "f.toml, line 1, column 3: a table header must start with a name"},
      {"[[=", "f.toml, line 1, column 3: a table header must start with a name"},
      {"[=]", "f.toml, line 1, column 2: a table header must start with a name"},
      {"a = 1\n[b]\n  [[ [c]]]\n", "f.toml, line 3, column 6: a table header must start"},
      {"[\n", "f.toml, line 1, column 2: a table header must start"},
      {"[[\r\n", "f.toml, line 1, column 3: a table header must start"},
      {"[ #", "f.toml, line 1, column 3: a table header must start"},
      {"[.a]", "f.toml, line 1, column 2: a table header must start"},
      {"[\xC3\xA9]", "f.toml, line 1, column 2: a table header must start"},
      {"\xEF\xBB\xBF[=]", "f.toml, line 1, column 5: a table header must start"},
      {"a = [}", "f.toml, line 1, column 6: a value or ']' must come next in the list"},
      {"a = [1, # x\n\n }", "f.toml, line 3, column 2: a value or ']' must come next"},
      {"a = [{b = [}]}]", "f.toml, line 1, column 12: a value or ']' must come next"},
  };
  for (const auto& c : cases) {
    TomlReader reader("f.toml", c.text);
    EXPECT_EQ(reader.Root(), nullptr) << c.text;
    ASSERT_TRUE(reader.failed()) << c.text;
    EXPECT_EQ(reader.Finish().message().rfind(c.where, 0), 0u) << reader.Finish().message();
  }
}

// toml++ 3.3.0 reaches __builtin_unreachable (undefined behaviour; the sanitizer build stops)
// when it tests most non-ASCII characters for white space: outside strings, after a backslash
// in a multi-line string, or first after a line-ending backslash.
TEST(TomlReaderTest, NonAsciiCharactersWhereTomlPlusPlusTestsForWhiteSpaceAreErrors) {
  const struct {
    const char* text;
    const char* where;
  } cases[] = {
      {"a = [\n[\n\xCE\xA2]]\n", "f.toml, line 3, column 1: a character outside the ASCII range"},
      {"a = [\xC3\xA9]", "f.toml, line 1, column 6: a character outside the ASCII range"},
      {"a\xC3\xA9 = 1", "f.toml, line 1, column 2: a character outside the ASCII range"},
      {"a = true\xC3\xA9", "f.toml, line 1, column 9: a character outside the ASCII range"},
      {"[a.\xC3\xA9]", "f.toml, line 1, column 4: a character outside the ASCII range"},
      {"id =0\"xa\xEF\xB8\xBF\"", "f.toml, line 1, column 9: a character outside the ASCII"},
      {"id =0{\"xa\xEF\xB8\xBF\"", "f.toml, line 1, column 10: a character outside the ASCII"},
      {"a = \"\"\"x\\\xC3\xA9\"\"\"", "f.toml, line 1, column 10: a backslash in a string"},
      {"a = \"\"\"x \\\n  \xC3\xA9\"\"\"",
       "f.toml, line 2, column 3: the first character after a line-ending backslash"},
  };
  for (const auto& c : cases) {
    TomlReader reader("f.toml", c.text);
    EXPECT_EQ(reader.Root(), nullptr) << c.text;
    ASSERT_TRUE(reader.failed()) << c.text;
    EXPECT_EQ(reader.Finish().message().rfind(c.where, 0), 0u) << reader.Finish().message();
  }
  // Inside strings and comments they are fine.
  for (const char* text :
       {"a = \"\xC3\xA9\"  # \xC3\xA9\n", "\"\xC3\xA9\" = 'x\xC3\xA9'\n",
        "a = \"\"\"\n\xC3\xA9 \\\n  b\xC3\xA9\"\"\"\n", "a = '''\\\n\xC3\xA9'''\n"}) {
    TomlReader reader("f.toml", text);
    EXPECT_NE(reader.Root(), nullptr) << text << reader.Finish().message();
  }
}

// toml++ 3.3.0 asserts when a bare value shaped like a date (ten characters, '-' fourth and
// seventh) is followed by a space, one digit and the value's end: it scans on for a time.
TEST(TomlReaderTest, ADateFollowedByOneDigitIsAnError) {
  const struct {
    const char* text;
    const char* where;
  } cases[] = {
      {"a = 2005-05-05 0\n", "f.toml, line 1, column 16: a date must be followed by a time"},
      {"a = [2005-05-ad 1]", "f.toml, line 1, column 17: a date must be followed by a time"},
      {"ad = 2005-=5-ad 0# x\n", "f.toml, line 1, column 17: a date must be followed"},
      {"b = 1\nt = {c = 2005-05-0a 7}", "f.toml, line 2, column 21: a date must be followed"},
  };
  for (const auto& c : cases) {
    TomlReader reader("f.toml", c.text);
    EXPECT_EQ(reader.Root(), nullptr) << c.text;
    ASSERT_TRUE(reader.failed()) << c.text;
    EXPECT_EQ(reader.Finish().message().rfind(c.where, 0), 0u) << reader.Finish().message();
  }
  // A date with its time, alone, in a string or before a comment is fine.
  for (const char* text : {"a = 2005-05-05 01:02:03\n", "a = 2005-05-05\n",
                           "a = \"2005-05-05 0\"\n", "a = 2005-05-05 # 0\n"}) {
    TomlReader reader("f.toml", text);
    EXPECT_NE(reader.Root(), nullptr) << text << reader.Finish().message();
  }
}

// Refuses `text` with a message starting with `where` (file, line, column and reason).
void ExpectRefused(std::string_view text, std::string_view where) {
  TomlReader reader("f.toml", std::string(text));
  EXPECT_EQ(reader.Root(), nullptr) << text;
  ASSERT_TRUE(reader.failed()) << text;
  const std::string message = reader.Finish().message();
  EXPECT_EQ(message.rfind(where, 0), 0u) << message;
}

// Refuses `text` with toml++'s own error (no trap: toml++ stops on its own first).
void ExpectTomlPlusPlusError(std::string_view text) {
  EXPECT_FALSE(FindTomlParserTrap(text).has_value()) << text;
  TomlReader reader("f.toml", std::string(text));
  EXPECT_EQ(reader.Root(), nullptr) << text;
  ASSERT_TRUE(reader.failed()) << text;
  EXPECT_NE(reader.Finish().message().find("Error while parsing"), std::string::npos)
      << reader.Finish().message();
}

// In a bare value toml++ 3.3.0 scans on to a value terminator, testing every character for
// white space: a quote after a '=' or '.' there starts no string (as in the fuzz input
// 0!="xa\0..."), so a non-ASCII character after it reaches __builtin_unreachable.
TEST(TomlReaderTest, NonAsciiInsideABareValueIsAnError) {
  ExpectRefused("a = 0!=\"xa\0\0\xC3\xA9\"\n"sv,
                "f.toml, line 1, column 13: a character outside the ASCII range");
  ExpectRefused("a = 0.\"\xC3\xA9\"\n", "f.toml, line 1, column 8: a character outside the ASCII");
  ExpectRefused("a = [1, 0.\"\xC3\xA9\"]\n", "f.toml, line 1, column 12: a character outside");
  ExpectRefused("t = {a = 1=\"\xC3\xA9\"}\n", "f.toml, line 1, column 13: a character outside");
  // A quote after a value toml++ has read to its end is an error toml++ reports.
  ExpectTomlPlusPlusError("a = 0\"x y\"\n");
  ExpectTomlPlusPlusError("a = 1 \"\xC3\xA9\"\n");
}

// toml++ 3.3.0 asserts (in parse_value's scan) when what it takes for a date followed by a space
// and one digit ends there: it counts the date's ten characters leaving '_' out, and a vertical
// tab or a form feed ends a value too.
TEST(TomlReaderTest, ADateWithUnderscoresOrAVerticalTabBeforeOneDigitIsAnError) {
  ExpectRefused("a = 2005-05-05_ 0\n", "f.toml, line 1, column 17: a date must be followed by a");
  ExpectRefused("a = 2_005-05_-05 7,\n", "f.toml, line 1, column 18: a date must be followed");
  ExpectRefused("a = 2005-05-05 0\v\n", "f.toml, line 1, column 16: a date must be followed");
  ExpectRefused("a = [\n  2005-05-05 0\f]\n", "f.toml, line 2, column 14: a date must be followed");
  // A letter that makes the value another type ('t'), or '-' elsewhere: not a date to toml++.
  ExpectTomlPlusPlusError("a = 2005-05-0t 0\n");
  ExpectTomlPlusPlusError("a = 200-505-05 0\n");
}

// toml++ 3.3.0 then steps back over all it read of such a value and of the space and time
// after it; its reader keeps the last 127 characters only, and asserts (step_back) past that.
TEST(TomlReaderTest, ADateTooLongForTomlPlusPlusToStepBackOverIsAnError) {
  const std::string underscores(115, '_');
  ExpectRefused("a = 2005-05-05" + underscores + " 0x\n",
                "f.toml, line 1, column 5: a value that starts like a date must be a date");
  ExpectRefused("a = 2005-05-05" + underscores + " 0_\n",
                "f.toml, line 1, column 5: a value that starts like a date");
  ExpectRefused("x = 1\na = 2005-05-05" + underscores + "__ x",
                "f.toml, line 2, column 5: a value that starts like a date");
  // One character shorter, toml++ reads it back (and reports the error).
  ExpectTomlPlusPlusError("a = 2005-05-05" + underscores.substr(1) + " 0x\n");
}

// A value toml++ 3.3.0 takes for a date and time (a '-', a ':' and a 'T' among its characters)
// that starts with a valid date and a 'T': parse_time asserts that a digit comes next (a fuzz
// input: "a = [1979-05-27t:w:32:00+" and NUL bytes).
TEST(TomlReaderTest, ADateAndTimeWithoutATimeAfterItsTIsAnError) {
  ExpectRefused("a = [1979-05-27t:w:32:00+\0\0"sv,
                "f.toml, line 1, column 17: a time (HH:MM:SS) must follow the 'T' of a date");
  ExpectRefused("a = 2000-02-29T:00\n", "f.toml, line 1, column 16: a time (HH:MM:SS) must follow");
  ExpectRefused("a = {b = 1979-05-27tZ:}\n", "f.toml, line 1, column 21: a time (HH:MM:SS) must");
  // Not a valid date (no 29 February in 2001), or no ':' (not a date and time to toml++):
  // toml++ reports the error.
  ExpectTomlPlusPlusError("a = 2001-02-29T:00\n");
  ExpectTomlPlusPlusError("a = 1979-05-27T-\n");
}

// After a backslash and a space in a multi-line basic string, toml++ 3.3.0 skips spaces and
// tabs and tests the next character for white space before it looks for the line end (a fuzz
// input: """a\  é""").
TEST(TomlReaderTest, NonAsciiAfterABackslashAndSpacesIsAnError) {
  ExpectRefused("a = \"\"\"a\\  \xC3\xA9\"\"\"\n",
                "f.toml, line 1, column 12: a backslash followed by spaces in a string must end");
  ExpectRefused("a = \"\"\"\n\\\t\xE2\x80\x94\"\"\"\n",
                "f.toml, line 2, column 3: a backslash followed by spaces in a string must end");
  // An ASCII character there is an error toml++ reports; in a literal string it is text.
  ExpectTomlPlusPlusError("a = \"\"\"a\\  b\xC3\xA9\"\"\"\n");
  EXPECT_FALSE(FindTomlParserTrap("a = '''a\\  \xC3\xA9'''\n").has_value());
}

// Every valid shape of key, value, string and comment goes to toml++ whole.
TEST(TomlReaderTest, ValidTomlHasNoTrap) {
  for (const char* text : {
           "a = 1979-05-27 07:32:00\nb = 1979-05-27T07:32:00Z\nc = 1979-05-27 07:32:00.5-07:00\n",
           "d = 1979-05-27\ne = 07:32:00\nf = 1_000\ng = 0xdead_beef\nh = -1.5e+3\ni = +inf\n",
           "k = [1, 2.5, \"x\", 'y', [true, false], {a = 1}, ]\nl = {}\nm = {a.b = 1, \"c\" = 2}\n",
           "a.b . \"c\" = 1\n\"\" = 2\n'q' = 3\n[x . \"y\" . 'z']\n[[w]]\n[[ w ]]\n",
           "s = \"\"\"\n\xC3\xA9\\\n   \\u00E9 \"\" \"\"\"\"\"\nt = '''x''''\nu = \"\"\nv = ''\n",
           "a = [ # \xC3\xA9\n  1, # x\n\n  2\n] # y\n",
           "a = 1\r\nb = [\r\n  2,\r\n]\r\n# c\r\n[t]\r\n",
       }) {
    EXPECT_FALSE(FindTomlParserTrap(text).has_value()) << text;
    TomlReader reader("f.toml", text);
    EXPECT_NE(reader.Root(), nullptr) << text << reader.Finish().message();
  }
}

TEST(TomlReaderTest, AnEarlierErrorIsReportedBeforeABadHeader) {
  TomlReader reader("f.toml", "a = \n[[[x]]]\n");
  EXPECT_EQ(reader.Root(), nullptr);
  const std::string message = reader.Finish().message();
  EXPECT_EQ(message.rfind("f.toml, line 1,", 0), 0u) << message;
}

TEST(TomlReaderTest, BracketsInsideValuesAndStringsAreNotHeaders) {
  for (const char* text :
       {"a = [\n[[1]],\n[[[2]]],\n]\n", "a = \"\"\"\n[[[x\n\"\"\"\n", "a = '''\n[=\n'''\n",
        "a = \"[[[\"\n[b]\nc = [ [1], [ [2] ] ]\n", "# [[[\n[\"q\"]\n[ 'r' ]\n[[s]]\n[[ t ]]\n",
        "a = { b = [ 1 ] }\n[c]\n", "a = \"x\\\"[\"\n[[d]]\n", "a = [{b = 1}, {c = [1, ]}]\n"}) {
    EXPECT_FALSE(FindTomlParserTrap(text).has_value()) << text;
    TomlReader reader("f.toml", text);
    EXPECT_NE(reader.Root(), nullptr) << text << reader.Finish().message();
  }
}

}  // namespace
}  // namespace probation
