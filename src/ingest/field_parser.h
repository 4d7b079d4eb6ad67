// Parsing and checking one CSV field against its FieldSpec: the type (integer, decimal, date,
// date-time, Y/N, code from its list, UTF-8 text), its bounds and whether it may be blank.
// The reason for a rejection is written for the person who has to fix the extract.
//
// FieldParser is immutable after construction; Parse is thread-compatible (it writes only to
// the caller's buffers).
#pragma once

#include <string>
#include <string_view>

#include "model/code_lists.h"
#include "model/record_types.h"
#include "store/record_writer.h"

namespace probation {

class FieldParser {
 public:
  // REQUIRES: a kCode spec names an existing code list. `key`: the field is part of its
  // record's key, where no control character at all is accepted (other text fields accept
  // the tab and line ends a quoted CSV field may hold, and no other control character).
  explicit FieldParser(const FieldSpec& spec, bool key = false);

  // Parses `raw` into `out`. A blank value is null (and an error if the field is required;
  // conditional requirements are the caller's). `scratch` receives canonical text when it
  // differs from `raw` (date-times); `out->text` may point into it or into `raw`.
  // Returns false with `reason` set when the value is not acceptable.
  bool Parse(std::string_view raw, FieldValue* out, std::string* scratch,
             std::string* reason) const;

  const FieldSpec& spec() const { return *spec_; }

 private:
  const FieldSpec* spec_;
  const CodeList* codes_ = nullptr;
  bool key_ = false;
};

// True when `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

}  // namespace probation
