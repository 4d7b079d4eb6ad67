// ReferenceCsvReader: reads a small CSV file of reference data (bank holiday changes, the risk
// matrix and bands, budget rules) whose header is fixed, with errors a user can act on.
//
// Every error names the file and line and says what is wrong, as
// "<source name>, line <n>: <why>": a header that is not exactly the expected one, a row with
// the wrong number of fields, a malformed row, and (through Error()) whatever the caller finds
// wrong with a row's values. Not thread-safe; one reader per text.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "base/csv.h"
#include "base/status.h"

namespace probation {

class ReferenceCsvReader {
 public:
  // REQUIRES: `text` outlives the reader.
  ReferenceCsvReader(std::string_view text, std::string_view source_name);

  // Reads the first row, which must be exactly `header` (names in order); later rows must
  // have as many fields. Call once, first.
  Status ReadHeader(std::initializer_list<std::string_view> header);

  // Reads the next row into `fields` (valid until the next call): true, or false at the end
  // of the text.
  Result<bool> Next(std::vector<std::string_view>* fields);

  // InvalidArgument naming the file and the line of the row read last, saying `why`.
  Status Error(std::string_view why) const;

 private:
  CsvReader reader_;
  std::string source_name_;
  size_t fields_ = 0;  // the header's
};

}  // namespace probation
