// ShownText: a value from a user's file made safe to echo in a message: control characters
// escaped (\n, \r, \t, \0 and \xNN), so nothing a file holds can move the cursor or clear a
// terminal, and cut at a length (with "..." after it) so a multi-megabyte value does not flood
// the screen. Functions only; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace probation {

inline constexpr size_t kShownTextMax = 200;

// `value` escaped, and cut to at most `max` bytes of it (never inside a UTF-8 character)
// followed by "..." when longer.
std::string ShownText(std::string_view value, size_t max = kShownTextMax);

// The first control character (below 0x20, or 0x7F) in `text` at or after `from`: its
// offset, or npos.
size_t FindControlCharacter(std::string_view text, size_t from = 0);

// Describes the control character `c` for messages ("NUL", "byte 0x1B").
std::string ControlCharacterName(char c);

}  // namespace probation
