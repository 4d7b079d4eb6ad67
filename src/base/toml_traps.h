// FindTomlParserTrap: finds, before toml++ 3.3.0 (Debian 12's) parses a text, the places where
// that parser would fail an assertion or reach __builtin_unreachable (undefined behaviour)
// instead of reporting an error. It reads the text the way toml++ does (root statements, keys,
// values, lists, inline tables, strings, comments) and stops, with no trap, where toml++ would
// stop with an error of its own. The traps:
// - a character outside the ASCII range where toml++ tests for white space: anywhere outside a
//   string or a comment (including inside a bare value such as 0."é" or 1!="é": a quote there
//   does not start a string), right after a backslash in a multi-line basic string or after
//   the spaces following it, and first after a line-ending backslash there
//   (is_non_ascii_horizontal_whitespace() reaches __builtin_unreachable for most of them);
// - a table header whose brackets are followed by something that cannot start a key ("[[[",
//   "[=", "[" at a line end): parse_key asserts;
// - a '}' where a list expects a value ("[}", "[1, }"): parse_value asserts;
// - a bare value that toml++ takes for the date of a date-time with a space (ten characters once
//   '_' are left out, a digit first, '-' fifth and eighth, no letter or sign that makes it
//   another type), then a space and a digit: parse_value asserts when a value terminator (space,
//   tab, line end, ',', ']', '}', '#') follows the digit, and its reader asserts when the value
//   and what it reads after it come to more than 127 characters (its look-back buffer);
// - a bare value whose letters and signs make toml++ take it for a date and time (a '-', a ':'
//   and a 'T' among them) that starts with a valid date and a 'T' not followed by a digit
//   (2005-05-05T:00): parse_time asserts.
// Thread-safe (no state).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "base/source_pos.h"

namespace probation {

struct TomlTrap {
  size_t parse_before;  // where the line of the root statement it belongs to begins (the text
                        // before holds no trap, so it can be parsed for an earlier error)
  SourcePos pos;        // the character (line and column in bytes)
  std::string message;  // what is wrong, for the user
};

// The first trap in `text`, or nothing when toml++ can be given the text (it may still be
// invalid TOML: toml++ then reports the error). Every TOML text the program reads goes through
// TomlReader::Root(), which checks this first.
std::optional<TomlTrap> FindTomlParserTrap(std::string_view text);

}  // namespace probation
