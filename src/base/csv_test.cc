#include "base/csv.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace probation {
namespace {

using Row = std::vector<std::string>;

struct ReadRow {
  Row fields;
  int line;
};

// Reads every row of `text`, expecting no errors.
std::vector<ReadRow> ReadAll(std::string_view text) {
  CsvReader reader(text);
  std::vector<ReadRow> rows;
  std::vector<std::string_view> fields;
  for (int guard = 0; guard < 1000; ++guard) {
    Status s = reader.Next(&fields);
    EXPECT_TRUE(s.ok()) << "line " << reader.line() << ": " << s.message();
    if (!s.ok()) break;
    if (reader.done()) {
      EXPECT_TRUE(fields.empty());
      break;
    }
    rows.push_back({Row(fields.begin(), fields.end()), reader.line()});
  }
  return rows;
}

TEST(CsvReaderTest, SimpleRows) {
  const std::vector<ReadRow> rows = ReadAll("a,b,c\n1,2,3\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Row{"a", "b", "c"}));
  EXPECT_EQ(rows[0].line, 1);
  EXPECT_EQ(rows[1].fields, (Row{"1", "2", "3"}));
  EXPECT_EQ(rows[1].line, 2);
}

TEST(CsvReaderTest, EmptyTextIsDoneAtOnce) {
  CsvReader reader("");
  std::vector<std::string_view> fields = {"stale"};
  ASSERT_TRUE(reader.Next(&fields).ok());
  EXPECT_TRUE(reader.done());
  EXPECT_TRUE(fields.empty());
}

TEST(CsvReaderTest, DoneStaysDone) {
  CsvReader reader("a\n");
  std::vector<std::string_view> fields;
  ASSERT_TRUE(reader.Next(&fields).ok());
  EXPECT_FALSE(reader.done());
  ASSERT_TRUE(reader.Next(&fields).ok());
  EXPECT_TRUE(reader.done());
  ASSERT_TRUE(reader.Next(&fields).ok());
  EXPECT_TRUE(reader.done());
  EXPECT_TRUE(fields.empty());
}

TEST(CsvReaderTest, QuotedFieldsWithCommas) {
  const std::vector<ReadRow> rows = ReadAll("\"Smith, John\",x,\"a,b,c\"\n\"\",\"plain\"\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Row{"Smith, John", "x", "a,b,c"}));
  EXPECT_EQ(rows[1].fields, (Row{"", "plain"}));
}

TEST(CsvReaderTest, DoubledQuotes) {
  const std::vector<ReadRow> rows =
      ReadAll("\"say \"\"hi\"\"\",\"\"\"\",\"a\"\"\"\"b\"\n\"\"\"start\",\"end\"\"\"\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Row{"say \"hi\"", "\"", "a\"\"b"}));
  EXPECT_EQ(rows[1].fields, (Row{"\"start", "end\""}));
}

TEST(CsvReaderTest, UnescapedFieldsStayValidWithinARow) {
  // Several fields with doubled quotes in one row: each view must stay valid until Next().
  std::string text;
  for (int i = 0; i < 50; ++i)
    text += (i ? "," : "") + std::string("\"q\"\"") + std::to_string(i) + "\"";
  text += "\n";
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  ASSERT_TRUE(reader.Next(&fields).ok());
  ASSERT_EQ(fields.size(), 50u);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(fields[i], "q\"" + std::to_string(i));
}

TEST(CsvReaderTest, EmbeddedNewlinesAndLineNumbers) {
  const std::vector<ReadRow> rows =
      ReadAll("h1,h2\n\"two\nlines\",x\n\"three\n\nlines\",\"y\"\nlast,z\n");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].line, 1);
  EXPECT_EQ(rows[1].fields, (Row{"two\nlines", "x"}));
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_EQ(rows[2].fields, (Row{"three\n\nlines", "y"}));
  EXPECT_EQ(rows[2].line, 4);
  EXPECT_EQ(rows[3].fields, (Row{"last", "z"}));
  EXPECT_EQ(rows[3].line, 7);
}

TEST(CsvReaderTest, EmbeddedNewlineWithDoubledQuotes) {
  const std::vector<ReadRow> rows = ReadAll("\"a\"\"\nb\"\"\nc\",d\nnext\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Row{"a\"\nb\"\nc", "d"}));
  EXPECT_EQ(rows[0].line, 1);
  EXPECT_EQ(rows[1].fields, (Row{"next"}));
  EXPECT_EQ(rows[1].line, 4);
}

TEST(CsvReaderTest, CrLfLineEnds) {
  const std::vector<ReadRow> rows =
      ReadAll("a,b\r\n\"q\",\"r\"\r\n,\r\n\"x\r\ny\",z\r\nlast,\"\"\r\n");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].fields, (Row{"a", "b"}));
  EXPECT_EQ(rows[1].fields, (Row{"q", "r"}));
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_EQ(rows[2].fields, (Row{"", ""}));
  EXPECT_EQ(rows[2].line, 3);
  EXPECT_EQ(rows[3].fields, (Row{"x\r\ny", "z"}));  // inside quotes the CR is kept
  EXPECT_EQ(rows[3].line, 4);
  EXPECT_EQ(rows[4].fields, (Row{"last", ""}));
  EXPECT_EQ(rows[4].line, 6);
}

TEST(CsvReaderTest, CrLfWithoutFinalLineEnd) {
  const std::vector<ReadRow> rows = ReadAll("a,b\r\nc,d\r");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].fields, (Row{"c", "d"}));
}

TEST(CsvReaderTest, Utf8ByteOrderMark) {
  const std::vector<ReadRow> rows = ReadAll(
      "\xEF\xBB\xBF"
      "date,change\n2011-04-29,add\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Row{"date", "change"}));
  EXPECT_EQ(rows[0].line, 1);
  EXPECT_EQ(rows[1].line, 2);
}

TEST(CsvReaderTest, ByteOrderMarkBeforeAQuotedField) {
  const std::vector<ReadRow> rows = ReadAll("\xEF\xBB\xBF\"a,b\",c\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (Row{"a,b", "c"}));
}

TEST(CsvReaderTest, ByteOrderMarkOnlyAtTheStart) {
  const std::vector<ReadRow> rows = ReadAll(
      "a\n\xEF\xBB\xBF"
      "b\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].fields, (Row{"\xEF\xBB\xBF"
                                 "b"}));
}

TEST(CsvReaderTest, EmptyFields) {
  const std::vector<ReadRow> rows = ReadAll(",a,,b,\n,\n\"\",,\"\"\nx,\n");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].fields, (Row{"", "a", "", "b", ""}));
  EXPECT_EQ(rows[1].fields, (Row{"", ""}));
  EXPECT_EQ(rows[2].fields, (Row{"", "", ""}));
  EXPECT_EQ(rows[3].fields, (Row{"x", ""}));
}

TEST(CsvReaderTest, TrailingCommaAtEndOfText) {
  const std::vector<ReadRow> rows = ReadAll("a,b,");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (Row{"a", "b", ""}));
  const std::vector<ReadRow> quoted = ReadAll("\"a\",");
  ASSERT_EQ(quoted.size(), 1u);
  EXPECT_EQ(quoted[0].fields, (Row{"a", ""}));
}

TEST(CsvReaderTest, EmptyLinesAreSkippedAndCounted) {
  const std::vector<ReadRow> rows = ReadAll("\n\na\n\n\nb\r\n\r\n\nc\n\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].fields, (Row{"a"}));
  EXPECT_EQ(rows[0].line, 3);
  EXPECT_EQ(rows[1].fields, (Row{"b"}));
  EXPECT_EQ(rows[1].line, 6);
  EXPECT_EQ(rows[2].fields, (Row{"c"}));
  EXPECT_EQ(rows[2].line, 9);
}

TEST(CsvReaderTest, NoFinalNewline) {
  const std::vector<ReadRow> rows = ReadAll("a,b\nc,d");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].fields, (Row{"c", "d"}));
  EXPECT_EQ(rows[1].line, 2);
  const std::vector<ReadRow> quoted = ReadAll("a\n\"c\nd\"");
  ASSERT_EQ(quoted.size(), 2u);
  EXPECT_EQ(quoted[1].fields, (Row{"c\nd"}));
  EXPECT_EQ(quoted[1].line, 2);
}

TEST(CsvReaderTest, UnclosedQuoteIsAnError) {
  CsvReader reader("a,b\nc,\"never closed\nmore,text\n");
  std::vector<std::string_view> fields;
  ASSERT_TRUE(reader.Next(&fields).ok());
  Status s = reader.Next(&fields);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "a quoted field opened at line 2, column 3 never closes: lines 2-3 (2 lines) are not "
            "read as rows");
  EXPECT_EQ(reader.line(), 2);
  EXPECT_EQ(reader.last_line(), 3);
  // Nothing after an unclosed quote can be read; the reader ends rather than looping.
  ASSERT_TRUE(reader.Next(&fields).ok());
  EXPECT_TRUE(reader.done());
}

// Reads every row, good or malformed, and checks that the rows' line spans, the blank lines
// and the header account for every physical line exactly once, in order.
void ExpectEveryLineAccounted(std::string_view text) {
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  int64_t in_rows = 0;
  int previous_last = 0;
  for (int guard = 0; guard < 10000; ++guard) {
    const Status s = reader.Next(&fields);
    if (reader.done() && s.ok()) break;
    EXPECT_GT(reader.line(), previous_last) << text;
    EXPECT_GE(reader.last_line(), reader.line()) << text;
    in_rows += reader.last_line() - reader.line() + 1;
    previous_last = reader.last_line();
  }
  EXPECT_EQ(in_rows + reader.blank_lines(), CountPhysicalLines(text)) << text;
}

TEST(CsvReaderTest, EveryPhysicalLineIsAccountedFor) {
  for (const char* text :
       {"", "a", "a\n", "\n", "\r", "\r\n", "a\n\n", "a\n\r", "\xEF\xBB\xBF", "\xEF\xBB\xBF\n",
        "a,b\n\"c\nd\",e\n\nf\n", "a\n\"x\"y\nz\n", "a\n\"x\"y", "h\nb,\"open\nc\nd\n",
        "h\nb,\"open\nc\nd", "h\n\"\"\"\n\"\n", "a,\n", "a,", "\"a\"\r\nb\r\n\r\n"}) {
    ExpectEveryLineAccounted(text);
  }
}

TEST(CsvReaderTest, UnclosedQuoteMidFileAccountsForTheLinesItTakes) {
  // A header, a good row, a stray quote at line 3 column 4, then 1,000 more lines.
  std::string text = "crn,surname\nX1,Ab\nX2,\"Cd\n";
  for (int i = 0; i < 1000; ++i) text += "X" + std::to_string(i + 3) + ",Ef\n";
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  ASSERT_TRUE(reader.Next(&fields).ok());
  ASSERT_TRUE(reader.Next(&fields).ok());
  const Status s = reader.Next(&fields);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(),
            "a quoted field opened at line 3, column 4 never closes: lines 3-1003 (1001 lines) "
            "are not read as rows");
  EXPECT_EQ(reader.line(), 3);
  EXPECT_EQ(reader.last_line(), 1003);
  ASSERT_TRUE(reader.Next(&fields).ok());
  EXPECT_TRUE(reader.done());
  ExpectEveryLineAccounted(text);
}

TEST(CsvReaderTest, RowsSpanningLinesNameTheirLastLine) {
  CsvReader reader("a\n\"b\nc\nd\",e\nf\n");
  std::vector<std::string_view> fields;
  ASSERT_TRUE(reader.Next(&fields).ok());
  EXPECT_EQ(reader.last_line(), 1);
  ASSERT_TRUE(reader.Next(&fields).ok());
  EXPECT_EQ(reader.line(), 2);
  EXPECT_EQ(reader.last_line(), 4);
  ASSERT_TRUE(reader.Next(&fields).ok());
  EXPECT_EQ(reader.line(), 5);
  EXPECT_EQ(reader.last_line(), 5);
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsAnErrorAndReadingContinues) {
  CsvReader reader("h\n\"ab\"c,d\nnext,row\n\"x\" ,y\r\nlast\n");
  std::vector<std::string_view> fields;
  ASSERT_TRUE(reader.Next(&fields).ok());
  Status s = reader.Next(&fields);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("text after the closing quote of field 1"), std::string::npos)
      << s.message();
  EXPECT_EQ(reader.line(), 2);

  ASSERT_TRUE(reader.Next(&fields).ok());
  ASSERT_FALSE(reader.done());
  EXPECT_EQ(Row(fields.begin(), fields.end()), (Row{"next", "row"}));
  EXPECT_EQ(reader.line(), 3);

  s = reader.Next(&fields);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("closing quote"), std::string::npos) << s.message();
  EXPECT_EQ(reader.line(), 4);

  ASSERT_TRUE(reader.Next(&fields).ok());
  EXPECT_EQ(Row(fields.begin(), fields.end()), (Row{"last"}));
  EXPECT_EQ(reader.line(), 5);
  ASSERT_TRUE(reader.Next(&fields).ok());
  EXPECT_TRUE(reader.done());
}

TEST(CsvReaderTest, TextAfterClosingQuoteInALaterFieldNamesIt) {
  CsvReader reader("a,\"b\"x\n");
  std::vector<std::string_view> fields;
  Status s = reader.Next(&fields);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("field 2"), std::string::npos) << s.message();
  EXPECT_EQ(reader.line(), 1);
}

TEST(CsvReaderTest, ErrorLineIsTheRowsFirstLine) {
  CsvReader reader("a\n\"multi\nline\"x\nb\n");
  std::vector<std::string_view> fields;
  ASSERT_TRUE(reader.Next(&fields).ok());
  ASSERT_FALSE(reader.Next(&fields).ok());
  EXPECT_EQ(reader.line(), 2);
  ASSERT_TRUE(reader.Next(&fields).ok());
  EXPECT_EQ(Row(fields.begin(), fields.end()), (Row{"b"}));
  EXPECT_EQ(reader.line(), 4);
}

TEST(CsvReaderTest, QuotesInsideAnUnquotedFieldAreKept) {
  const std::vector<ReadRow> rows = ReadAll("ab\"c,d\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (Row{"ab\"c", "d"}));
}

TEST(AppendCsvFieldTest, PlainValuesAreNotQuoted) {
  std::string out;
  AppendCsvField(&out, "plain");
  EXPECT_EQ(out, "plain");
  out.clear();
  AppendCsvField(&out, "");
  EXPECT_EQ(out, "");
  out = "x,";
  AppendCsvField(&out, "with space");
  EXPECT_EQ(out, "x,with space");
}

TEST(AppendCsvFieldTest, QuotesWhenNeeded) {
  std::string out;
  AppendCsvField(&out, "a,b");
  EXPECT_EQ(out, "\"a,b\"");
  out.clear();
  AppendCsvField(&out, "say \"hi\"");
  EXPECT_EQ(out, "\"say \"\"hi\"\"\"");
  out.clear();
  AppendCsvField(&out, "two\nlines");
  EXPECT_EQ(out, "\"two\nlines\"");
  out.clear();
  AppendCsvField(&out, "cr\r");
  EXPECT_EQ(out, "\"cr\r\"");
}

TEST(AppendCsvFieldTest, RoundTripsThroughTheReader) {
  const std::vector<Row> rows = {
      {"plain", "a,b", "say \"hi\"", ""},
      {"\"", "\"\"", ",", "two\nlines"},
      {"crlf\r\ninside", "trailing\r", "x", "  spaced  "},
      {"", "", "", ""},
      {"O'Brien, Mary \"Molly\"", "line1\n\nline3", "\xC3\xA9t\xC3\xA9", "end,"},
  };
  std::string text;
  for (const Row& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) text.push_back(',');
      AppendCsvField(&text, row[i]);
    }
    text.push_back('\n');
  }
  const std::vector<ReadRow> read = ReadAll(text);
  ASSERT_EQ(read.size(), rows.size()) << text;
  int expected_line = 1;
  for (size_t r = 0; r < rows.size(); ++r) {
    EXPECT_EQ(read[r].fields, rows[r]) << "row " << r;
    EXPECT_EQ(read[r].line, expected_line) << "row " << r;
    for (const std::string& f : rows[r]) {
      for (char c : f) expected_line += c == '\n';
    }
    ++expected_line;
  }
}

}  // namespace
}  // namespace probation
