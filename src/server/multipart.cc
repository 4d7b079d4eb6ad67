#include "server/multipart.h"

#include <utility>

namespace probation {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// A header value of the form `value; name=token; name="quoted \" string"`: the first value
// (lower case) and the parameters (names lower case, values unquoted). False when malformed.
bool ParseParams(std::string_view text, std::string* first,
                 std::vector<std::pair<std::string, std::string>>* params) {
  size_t pos = text.find(';');
  *first = Lower(Trim(text.substr(0, pos)));
  while (pos != std::string_view::npos && pos < text.size()) {
    ++pos;  // past ';'
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    if (pos == text.size()) break;  // a trailing ';'
    const size_t eq = text.find('=', pos);
    if (eq == std::string_view::npos) return false;
    const std::string name = Lower(Trim(text.substr(pos, eq - pos)));
    if (name.empty()) return false;
    pos = eq + 1;
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    std::string value;
    if (pos < text.size() && text[pos] == '"') {
      ++pos;
      bool closed = false;
      while (pos < text.size()) {
        const char c = text[pos++];
        if (c == '\\' && pos < text.size()) {
          value += text[pos++];
        } else if (c == '"') {
          closed = true;
          break;
        } else {
          value += c;
        }
      }
      if (!closed) return false;
      while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
      if (pos < text.size() && text[pos] != ';') return false;
    } else {
      const size_t end = text.find(';', pos);
      value = std::string(Trim(text.substr(pos, end == std::string_view::npos ? end : end - pos)));
      pos = end;
    }
    params->emplace_back(name, std::move(value));
    if (pos != std::string_view::npos && pos >= text.size()) break;
  }
  return true;
}

const std::string* FindParam(const std::vector<std::pair<std::string, std::string>>& params,
                             std::string_view name) {
  for (const auto& [n, v] : params) {
    if (n == name) return &v;
  }
  return nullptr;
}

bool IsBoundaryChar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

Status Malformed(const std::string& what) {
  return InvalidArgument("the multipart body is malformed: " + what);
}

}  // namespace

Result<std::string> MultipartBoundary(std::string_view content_type) {
  std::string type;
  std::vector<std::pair<std::string, std::string>> params;
  if (!ParseParams(content_type, &type, &params)) {
    return InvalidArgument("the Content-Type header is malformed");
  }
  if (type != "multipart/form-data") {
    return InvalidArgument("the body must be multipart/form-data");
  }
  const std::string* boundary = FindParam(params, "boundary");
  if (boundary == nullptr || boundary->empty()) {
    return InvalidArgument("the multipart/form-data Content-Type has no boundary");
  }
  if (boundary->size() > 70 || boundary->back() == ' ') {
    return InvalidArgument("the multipart boundary is longer than 70 characters or ends in a space");
  }
  for (char c : *boundary) {
    if (!IsBoundaryChar(c)) return InvalidArgument("the multipart boundary has a character not allowed");
  }
  return *boundary;
}

Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body, std::string_view boundary,
                                                  const MultipartLimits& limits) {
  if (boundary.empty()) return Malformed("no boundary");
  const std::string dash = "--" + std::string(boundary);
  const std::string crlf_dash = "\r\n" + dash;
  size_t pos = 0;
  if (body.substr(0, dash.size()) != dash) {
    const size_t first = body.find(crlf_dash);  // after a preamble
    if (first == std::string_view::npos) return Malformed("no part begins with the boundary");
    pos = first + 2;
  }
  pos += dash.size();
  std::vector<MultipartPart> parts;
  while (true) {
    // Just past a delimiter: "--" closes the body; else optional padding, then CRLF.
    if (body.substr(pos, 2) == "--") return parts;  // anything after it is an epilogue
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n") {
      return Malformed(pos >= body.size() ? "the body ends before the closing delimiter"
                                          : "a delimiter is not followed by a line break");
    }
    pos += 2;
    if (parts.size() >= limits.max_parts) {
      return Malformed("more than " + std::to_string(limits.max_parts) + " parts");
    }
    // The part's header lines, up to a blank line (none at all: the blank line at once).
    size_t content = 0;
    std::string_view headers;
    if (body.substr(pos, 2) == "\r\n") {
      content = pos + 2;
    } else {
      const std::string_view window = body.substr(pos, limits.max_header_bytes + 4);
      const size_t end = window.find("\r\n\r\n");
      if (end == std::string_view::npos) {
        return Malformed(window.size() < limits.max_header_bytes + 4
                             ? "a part's headers do not end"
                             : "a part's headers are longer than " +
                                   std::to_string(limits.max_header_bytes) + " bytes");
      }
      headers = window.substr(0, end);
      content = pos + end + 4;
    }
    MultipartPart part;
    bool disposition = false;
    size_t lines = 0;
    while (!headers.empty()) {
      const size_t eol = headers.find("\r\n");
      const std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
      if (++lines > limits.max_header_lines) return Malformed("a part has too many header lines");
      if (line.empty() || line.front() == ' ' || line.front() == '\t') {
        return Malformed("a part's header line is empty or folded");
      }
      const size_t colon = line.find(':');
      if (colon == std::string_view::npos) return Malformed("a part's header line has no ':'");
      const std::string name = Lower(Trim(line.substr(0, colon)));
      const std::string_view value = Trim(line.substr(colon + 1));
      if (name == "content-disposition") {
        if (disposition) return Malformed("a part has two Content-Disposition headers");
        disposition = true;
        std::string type;
        std::vector<std::pair<std::string, std::string>> params;
        if (!ParseParams(value, &type, &params)) return Malformed("a Content-Disposition is malformed");
        if (type != "form-data") return Malformed("a part's Content-Disposition is not form-data");
        const std::string* field = FindParam(params, "name");
        if (field == nullptr || field->empty()) return Malformed("a part has no field name");
        part.name = *field;
        if (const std::string* filename = FindParam(params, "filename")) {
          part.filename = *filename;
          part.has_filename = true;
        }
      } else if (name == "content-type") {
        part.content_type = std::string(value);
      }  // other headers (Content-Transfer-Encoding is deprecated by RFC 7578) are ignored
    }
    if (!disposition) return Malformed("a part has no Content-Disposition");
    if (content > body.size()) return Malformed("the body ends before the closing delimiter");
    const size_t next = body.find(crlf_dash, content);
    if (next == std::string_view::npos) return Malformed("the body ends before the closing delimiter");
    part.body = body.substr(content, next - content);
    parts.push_back(std::move(part));
    pos = next + crlf_dash.size();
  }
}

const MultipartPart* FindFormField(const std::vector<MultipartPart>& parts, std::string_view name) {
  for (const MultipartPart& part : parts) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

}  // namespace probation
