// Parsing a multipart/form-data body (RFC 7578, with the delimiter rules of RFC 2046 §5.1.1):
// the body an HTML form with enctype="multipart/form-data" posts, and what `curl -F` sends.
// The API's import upload (POST /api/v1/imports) and any HTML page that posts the same form
// (with its csrf_token field) call these directly:
//
//   PROBATION_ASSIGN_OR_RETURN(std::string boundary,
//                              MultipartBoundary(request.Header("content-type")));
//   PROBATION_ASSIGN_OR_RETURN(std::vector<MultipartPart> parts,
//                              ParseMultipart(request.body, boundary));
//   const MultipartPart* token = FindFormField(parts, "csrf_token");
//
// The parser is for untrusted input: it never throws, never reads outside `body`, copies no
// part's contents (each part's body is a view into `body`, which must outlive the parts), and
// refuses with an InvalidArgument naming what is wrong: a missing or malformed boundary, a
// part without a Content-Disposition of form-data with a name, header lines that are too long
// or too many, more parts than the limit, a body that ends before the closing delimiter.
// A filename is returned as sent: a caller that uses it as a file name must check it.
//
// Functions only; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace probation {

struct MultipartPart {
  std::string name;          // the form field's name (Content-Disposition name=)
  std::string filename;      // Content-Disposition filename=, as sent; empty for a plain field
  bool has_filename = false; // whether the part named a filename at all (a file input)
  std::string content_type;  // the part's Content-Type, or "" when absent
  std::string_view body;     // the part's contents: a view into the parsed body
};

struct MultipartLimits {
  size_t max_parts = 256;
  size_t max_header_bytes = 8 * 1024;  // a part's header block, up to the blank line
  size_t max_header_lines = 16;
};

// The boundary parameter of a Content-Type header value such as
// `multipart/form-data; boundary="----x"`. InvalidArgument when the type is not
// multipart/form-data or the boundary is missing, empty, longer than 70 characters or has a
// character RFC 2046 does not allow.
Result<std::string> MultipartBoundary(std::string_view content_type);

// The parts of `body` delimited by `boundary` (as MultipartBoundary returns it), in order.
// A preamble before the first delimiter and an epilogue after the closing one are ignored.
// REQUIRES: `body` outlives the returned parts.
Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body, std::string_view boundary,
                                                  const MultipartLimits& limits = {});

// The first part named `name`, or null.
const MultipartPart* FindFormField(const std::vector<MultipartPart>& parts, std::string_view name);

}  // namespace probation
