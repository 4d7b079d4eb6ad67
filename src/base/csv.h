// CsvReader: a fast RFC 4180 reader over text already in memory.
//
// Fields are returned as string_views into the text, or into the reader's own storage when a
// quoted field holds doubled quotes; they stay valid until the next call to Next(). Accepts
// LF or CRLF line ends and a UTF-8 byte-order mark at the start; skips empty lines. Not
// thread-safe; one reader per text.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace probation {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text);

  // Reads the next row into `fields` (cleared first). At the end of the text sets done() and
  // leaves `fields` empty. A malformed row (an unclosed quote, text after a closing quote) is
  // an InvalidArgument naming the reason; line() is then the row's first line.
  Status Next(std::vector<std::string_view>* fields);

  bool done() const { return done_; }
  // The 1-based physical line on which the last row read starts.
  int line() const { return row_line_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int next_line_ = 1;
  int row_line_ = 0;
  bool done_ = false;
  std::deque<std::string> unescaped_;
};

// Appends `value` to `out` as one CSV field, quoted when it holds a comma, quote or line end.
void AppendCsvField(std::string* out, std::string_view value);

}  // namespace probation
