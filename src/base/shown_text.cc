#include "base/shown_text.h"

#include <cstdio>

namespace probation {

std::string ShownText(std::string_view value, size_t max) {
  std::string_view kept = value;
  const bool cut = value.size() > max;
  if (cut) {
    size_t end = max;
    // Back off to the start of a UTF-8 character.
    while (end > 0 && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80) --end;
    kept = value.substr(0, end);
  }
  std::string out;
  out.reserve(kept.size() + 8);
  for (const char c : kept) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7F) {
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\0') {
      out += "\\0";
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", u);
      out += buf;
    }
  }
  if (cut) out += "...";
  return out;
}

size_t FindControlCharacter(std::string_view text, size_t from) {
  for (size_t i = from; i < text.size(); ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    if (u < 0x20 || u == 0x7F) return i;
  }
  return std::string_view::npos;
}

std::string ControlCharacterName(char c) {
  if (c == '\0') return "NUL";
  if (c == '\t') return "a tab";
  if (c == '\n') return "a line end";
  if (c == '\r') return "a carriage return";
  char buf[16];
  std::snprintf(buf, sizeof buf, "byte 0x%02X", static_cast<unsigned char>(c));
  return buf;
}

}  // namespace probation
