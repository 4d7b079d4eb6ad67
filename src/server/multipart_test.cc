// The multipart/form-data parser (server/multipart.h) on well-formed bodies as browsers and
// curl send them, and on malformed and hostile ones: every one refused with a message, none
// throwing or reading past the body.
#include "server/multipart.h"

#include <gtest/gtest.h>

#include <string>

namespace probation {
namespace {

constexpr char kBoundary[] = "----formB0undary7MA4YWxk";

std::string Body(const std::string& inner) {
  std::string out = inner;
  for (size_t at; (at = out.find("{B}")) != std::string::npos;) out.replace(at, 3, kBoundary);
  return out;
}

const std::string kWellFormed = Body(
    "--{B}\r\n"
    "Content-Disposition: form-data; name=\"csrf_token\"\r\n"
    "\r\n"
    "abc123\r\n"
    "--{B}\r\n"
    "Content-Disposition: form-data; name=\"files\"; filename=\"people.csv\"\r\n"
    "Content-Type: text/csv\r\n"
    "\r\n"
    "crn,surname\r\nX1,Lee\r\n--not-a-delimiter\r\n"
    "\r\n"
    "--{B}\r\n"
    "content-disposition: FORM-DATA; filename=\"C:\\\\x\\\\contacts-1.csv\"; name=files\r\n"
    "\r\n"
    "\r\n"
    "--{B}--\r\n");

TEST(MultipartTest, ParsesFieldsAndFilesAsSent) {
  Result<std::vector<MultipartPart>> parts = ParseMultipart(kWellFormed, kBoundary);
  ASSERT_TRUE(parts.ok()) << parts.status().message();
  ASSERT_EQ(parts->size(), 3u);
  EXPECT_EQ((*parts)[0].name, "csrf_token");
  EXPECT_FALSE((*parts)[0].has_filename);
  EXPECT_EQ((*parts)[0].body, "abc123");
  EXPECT_EQ((*parts)[1].name, "files");
  EXPECT_EQ((*parts)[1].filename, "people.csv");
  EXPECT_EQ((*parts)[1].content_type, "text/csv");
  // The contents up to the CRLF before the delimiter: a line that only starts like one and
  // the trailing blank line are the file's.
  EXPECT_EQ((*parts)[1].body, "crn,surname\r\nX1,Lee\r\n--not-a-delimiter\r\n");
  EXPECT_EQ((*parts)[2].name, "files");
  EXPECT_EQ((*parts)[2].filename, "C:\\x\\contacts-1.csv");  // backslash-escaped in quotes
  EXPECT_EQ((*parts)[2].body, "");
  // The views point into the body.
  EXPECT_GE((*parts)[1].body.data(), kWellFormed.data());
  EXPECT_LE((*parts)[1].body.data() + (*parts)[1].body.size(), kWellFormed.data() + kWellFormed.size());
  const MultipartPart* token = FindFormField(*parts, "csrf_token");
  ASSERT_NE(token, nullptr);
  EXPECT_EQ(token->body, "abc123");
  EXPECT_EQ(FindFormField(*parts, "nothing"), nullptr);
}

TEST(MultipartTest, PreambleEpilogueAndAnEmptyForm) {
  Result<std::vector<MultipartPart>> parts = ParseMultipart(
      Body("ignored preamble\r\n--{B}\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--{B}--"
           "\r\nignored epilogue --{B}"),
      kBoundary);
  ASSERT_TRUE(parts.ok()) << parts.status().message();
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].body, "1");
  Result<std::vector<MultipartPart>> empty = ParseMultipart(Body("--{B}--\r\n"), kBoundary);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(MultipartTest, BoundaryFromTheContentType) {
  EXPECT_EQ(*MultipartBoundary("multipart/form-data; boundary=abc"), "abc");
  EXPECT_EQ(*MultipartBoundary("Multipart/Form-Data;boundary=\"a b:c\"; charset=utf-8"), "a b:c");
  for (const char* bad :
       {"application/json", "multipart/mixed; boundary=abc", "multipart/form-data",
        "multipart/form-data; boundary=", "multipart/form-data; boundary=\"abc",
        "multipart/form-data; boundary=a<b", "multipart/form-data; boundary=\"abc \"",
        "multipart/form-data; boundary",
        "multipart/form-data; boundary=12345678901234567890123456789012345678901234567890"
        "123456789012345678901"}) {
    Result<std::string> b = MultipartBoundary(bad);
    EXPECT_FALSE(b.ok()) << bad;
    if (!b.ok()) {
      EXPECT_EQ(b.status().code(), StatusCode::kInvalidArgument);
    }
  }
}

TEST(MultipartTest, MalformedBodiesAreRefusedWithAReason) {
  const std::string part = "Content-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n";
  const std::pair<std::string, std::string> cases[] = {
      {"", "no part begins"},
      {"no delimiter at all", "no part begins"},
      {"--{B}", "ends before the closing delimiter"},
      {"--{B}\r\n" + part, "ends before the closing delimiter"},  // no closing delimiter
      {"--{B}\r\n" + part + "--{B}junk\r\n", "not followed by a line break"},
      {"--{B}\r\nContent-Disposition: form-data; name=\"a\"\r\n", "headers do not end"},
      {"--{B}\r\nContent-Type: text/plain\r\n\r\nx\r\n--{B}--", "no Content-Disposition"},
      {"--{B}\r\nContent-Disposition: attachment; name=a\r\n\r\nx\r\n--{B}--", "not form-data"},
      {"--{B}\r\nContent-Disposition: form-data; filename=a.csv\r\n\r\nx\r\n--{B}--", "no field name"},
      {"--{B}\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--{B}--", "malformed"},
      {"--{B}\r\nContent-Disposition: form-data; name=a\r\nContent-Type: text/csv;\r\n charset=x\r\n\r\nx\r\n--{B}--", "folded"},
      {"--{B}\r\nContent-Disposition form-data\r\n\r\nx\r\n--{B}--", "no ':'"},
      {"--{B}\r\nContent-Disposition: form-data; name=a\r\nContent-Disposition: form-data; "
       "name=b\r\n\r\nx\r\n--{B}--",
       "two Content-Disposition"},
  };
  for (const auto& [inner, reason] : cases) {
    const std::string body = Body(inner);
    Result<std::vector<MultipartPart>> parts = ParseMultipart(body, kBoundary);
    ASSERT_FALSE(parts.ok()) << inner;
    EXPECT_EQ(parts.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(parts.status().message().find(reason), std::string::npos)
        << inner << " -> " << parts.status().message();
  }
}

TEST(MultipartTest, LimitsOnPartsAndHeaders) {
  std::string many;
  for (int i = 0; i < 5; ++i) many += Body("--{B}\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n");
  many += Body("--{B}--");
  MultipartLimits limits;
  limits.max_parts = 4;
  Result<std::vector<MultipartPart>> parts = ParseMultipart(many, kBoundary, limits);
  ASSERT_FALSE(parts.ok());
  EXPECT_NE(parts.status().message().find("more than 4 parts"), std::string::npos);
  limits.max_parts = 5;
  EXPECT_TRUE(ParseMultipart(many, kBoundary, limits).ok());

  const std::string long_header =
      Body("--{B}\r\nContent-Disposition: form-data; name=a\r\nX-Long: " + std::string(9000, 'y') +
           "\r\n\r\nx\r\n--{B}--");
  parts = ParseMultipart(long_header, kBoundary);
  ASSERT_FALSE(parts.ok());
  EXPECT_NE(parts.status().message().find("longer than 8192 bytes"), std::string::npos);
  std::string lines = Body("--{B}\r\nContent-Disposition: form-data; name=a\r\n");
  for (int i = 0; i < 20; ++i) lines += "X-A: b\r\n";
  lines += Body("\r\nx\r\n--{B}--");
  parts = ParseMultipart(lines, kBoundary);
  ASSERT_FALSE(parts.ok());
  EXPECT_NE(parts.status().message().find("too many header lines"), std::string::npos);
}

// Every proper prefix of a well-formed body is refused (the closing delimiter is missing), and
// every single-byte change is parsed or refused without throwing.
TEST(MultipartTest, TruncatedAndMutatedBodiesNeverThrow) {
  const size_t end = kWellFormed.find(Body("--{B}--")) + Body("--{B}--").size();
  for (size_t n = 0; n < end; ++n) {
    Result<std::vector<MultipartPart>> parts = ParseMultipart(kWellFormed.substr(0, n), kBoundary);
    EXPECT_FALSE(parts.ok()) << "prefix of " << n << " bytes";
  }
  EXPECT_TRUE(ParseMultipart(kWellFormed.substr(0, end), kBoundary).ok());
  for (size_t i = 0; i < kWellFormed.size(); ++i) {
    for (char c : {'\0', '\r', '\n', '-', '"', ';', '\\', 'x'}) {
      std::string mutated = kWellFormed;
      mutated[i] = c;
      Result<std::vector<MultipartPart>> parts = ParseMultipart(mutated, kBoundary);
      if (parts.ok()) {
        for (const MultipartPart& p : *parts) {
          EXPECT_GE(p.body.data(), mutated.data());
          EXPECT_LE(p.body.data() + p.body.size(), mutated.data() + mutated.size());
        }
      }
    }
  }
}

}  // namespace
}  // namespace probation
