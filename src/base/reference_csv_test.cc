#include "base/reference_csv.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace probation {
namespace {

// The rows of `text` after the header a,b, or the first error's message.
std::string ReadAll(std::string_view text) {
  ReferenceCsvReader csv(text, "bands.csv");
  if (Status s = csv.ReadHeader({"a", "b"}); !s.ok()) return s.message();
  std::string rows;
  std::vector<std::string_view> fields;
  while (true) {
    Result<bool> more = csv.Next(&fields);
    if (!more.ok()) return more.status().message();
    if (!*more) return rows;
    rows += std::string(fields[0]) + "=" + std::string(fields[1]) + ";";
  }
}

TEST(ReferenceCsvReaderTest, ReadsTheRowsAfterAnExactHeader) {
  EXPECT_EQ(ReadAll("a,b\n1,2\n\n3,\"4,5\"\r\n"), "1=2;3=4,5;");
  EXPECT_EQ(ReadAll("\xEF\xBB\xBF"
                    "a,b\n"),
            "");
}

TEST(ReferenceCsvReaderTest, AnyOtherHeaderNamesTheOneExpected) {
  for (const char* text : {"", "a\n1\n", "b,a\n", "a,b,c\n", "A,b\n"}) {
    EXPECT_EQ(ReadAll(text), "bands.csv, line 1: the header must be exactly: a,b") << text;
  }
}

TEST(ReferenceCsvReaderTest, ARowOfTheWrongWidthNamesItsLine) {
  EXPECT_EQ(ReadAll("a,b\n1,2\n\n3\n"), "bands.csv, line 4: expected 2 fields, found 1");
  EXPECT_EQ(ReadAll("a,b\n1,2,3\n"), "bands.csv, line 2: expected 2 fields, found 3");
}

TEST(ReferenceCsvReaderTest, AMalformedRowNamesItsLineAndReason) {
  const std::string message = ReadAll("a,b\n1,\"2\n");
  EXPECT_EQ(message.rfind("bands.csv, line 2: ", 0), 0u) << message;
  EXPECT_GT(message.size(), std::string("bands.csv, line 2: ").size());
}

TEST(ReferenceCsvReaderTest, ErrorNamesTheLineOfTheRowReadLast) {
  ReferenceCsvReader csv("a,b\n1,2\n3,4\n", "bands.csv");
  ASSERT_TRUE(csv.ReadHeader({"a", "b"}).ok());
  std::vector<std::string_view> fields;
  ASSERT_TRUE(*csv.Next(&fields));
  ASSERT_TRUE(*csv.Next(&fields));
  const Status error = csv.Error("3 is out of range");
  EXPECT_EQ(error.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(error.message(), "bands.csv, line 3: 3 is out of range");
}

}  // namespace
}  // namespace probation
