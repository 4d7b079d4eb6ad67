// CsvReader: a fast RFC 4180 reader over text already in memory.
//
// Fields are returned as string_views into the text, or into the reader's own storage when a
// quoted field holds doubled quotes; they stay valid until the next call to Next(). Accepts
// LF or CRLF line ends and a UTF-8 byte-order mark at the start; skips empty lines (counted).
// Every physical line is accounted for: each row (good or malformed) spans the lines
// line()..last_line(), and the lines skipped as empty are blank_lines(), so the rows' spans plus
// the blank lines are every line of the text. Not thread-safe; one reader per text.
#pragma once

#include <cstdint>
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
  // an InvalidArgument naming the reason; line() is then the row's first line. A quoted field
  // that never closes consumes the rest of the text: the reason names the line and column
  // where it opened and the lines it took, and last_line() is the text's last line.
  Status Next(std::vector<std::string_view>* fields);

  bool done() const { return done_; }
  // The 1-based physical line on which the last row read starts.
  int line() const { return row_line_; }
  // The 1-based physical line on which the last row read ends (>= line()).
  int last_line() const { return last_line_; }
  // How many empty lines have been skipped so far.
  int64_t blank_lines() const { return blank_lines_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int next_line_ = 1;
  int row_line_ = 0;
  int last_line_ = 0;
  int64_t blank_lines_ = 0;
  bool done_ = false;
  std::deque<std::string> unescaped_;
};

// Appends `value` to `out` as one CSV field, quoted when it holds a comma, quote or line end.
void AppendCsvField(std::string* out, std::string_view value);

// How many physical lines `text` has: its line ends, plus one when the last line has none.
int64_t CountPhysicalLines(std::string_view text);

}  // namespace probation
