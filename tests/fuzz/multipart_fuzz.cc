// Fuzz target: the multipart/form-data parser (server/multipart.h). Whatever the bytes: the
// first line is taken as a Content-Type header value and the rest as the body; the parser
// ends without throwing, every part's body is a view inside the input, and the parts are in
// order and do not overlap.
#include <string>
#include <string_view>

#include "fuzz_target.h"
#include "server/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const size_t eol = input.find('\n');
  const std::string_view header = std::string_view(input).substr(0, eol);
  const std::string_view body =
      eol == std::string::npos ? std::string_view() : std::string_view(input).substr(eol + 1);
  probation::Result<std::string> boundary = probation::MultipartBoundary(header);
  // Also with a fixed boundary, so that bodies are explored whatever the first line says.
  for (const std::string& b : {boundary.ok() ? *boundary : std::string("b"), std::string("b")}) {
    probation::Result<std::vector<probation::MultipartPart>> parts =
        probation::ParseMultipart(body, b);
    if (!parts.ok()) {
      FUZZ_CHECK(!parts.status().message().empty());
      continue;
    }
    const char* previous_end = body.data();
    for (const probation::MultipartPart& p : *parts) {
      FUZZ_CHECK(!p.name.empty());
      if (p.body.empty()) continue;
      FUZZ_CHECK(p.body.data() >= previous_end);
      FUZZ_CHECK(p.body.data() + p.body.size() <= body.data() + body.size());
      previous_end = p.body.data() + p.body.size();
    }
  }
  return 0;
}
