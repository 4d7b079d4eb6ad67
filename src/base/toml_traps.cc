#include "base/toml_traps.h"

#include <algorithm>
#include <cstdint>

namespace probation {
namespace {

// toml++'s utf8_buffered_reader keeps the last 127 characters read; parse_value() reads up to
// that many ahead of a bare value's start and then steps back over all it read.
constexpr size_t kHistory = 127;

constexpr char kNonAscii[] =
    "a character outside the ASCII range must be inside a quoted string or a comment";
constexpr char kDateThenDigit[] =
    "a date must be followed by a time (HH:MM:SS, after 'T' or a space) or by the end of the "
    "value";
constexpr char kDateTooLong[] =
    "a value that starts like a date must be a date (YYYY-MM-DD) or a date and time "
    "(YYYY-MM-DD HH:MM:SS): toml++ 3.3.0 cannot read one this long";

bool NonAscii(char c) { return static_cast<unsigned char>(c) >= 0x80; }
bool Digit(char c) { return c >= '0' && c <= '9'; }
bool Letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool HexDigit(char c) { return Digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool Quote(char c) { return c == '"' || c == '\''; }
// toml++'s is_bare_key_character() (TOML 1.0).
bool BareKeyChar(char c) { return Letter(c) || Digit(c) || c == '_' || c == '-'; }
// toml++'s is_value_terminator() for ASCII characters: white space (tab, space, '\n' to '\r'),
// ']', '}', ',' and '#'.
bool ValueTerminator(char c) {
  return c == ' ' || c == '\t' || (c >= '\n' && c <= '\r') || c == ']' || c == '}' || c == ',' ||
         c == '#';
}
// toml++'s is_nontab_control_character(): refused in strings and comments, as TOML says.
bool ControlChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u < 0x20 && c != '\t') || u == 0x7f;
}

// The traits parse_value() gathers while it scans a bare value (parser.inl, value_traits).
enum Traits : uint32_t {
  kDigits = 1,
  kHasB = 1 << 1,
  kHasE = 1 << 2,
  kHasO = 1 << 3,
  kHasP = 1 << 4,
  kHasT = 1 << 5,
  kHasX = 1 << 6,
  kHasZ = 1 << 7,
  kColon = 1 << 8,
  kPlus = 1 << 9,
  kMinus = 1 << 10,
  kDot = 1 << 11,
  kBeginsSign = 1 << 12,
  kBeginsDigit = 1 << 13,
  kBeginsZero = 1 << 14,
};

// Adds the traits of `c`, the `count`th character of the value ('_' left out); `chars` holds the
// characters before it.
void AddTraits(char c, size_t count, const char* chars, uint32_t* traits) {
  uint32_t& t = *traits;
  if (Digit(c)) {
    t |= kDigits;
  } else if (Letter(c)) {
    switch (c | 32) {
      case 'b':
        if (count == 2 && (t & kBeginsZero)) t |= kHasB;
        break;
      case 'e':
        if (count > 1 && !(t & (kHasB | kHasO | kHasP | kHasT | kHasX | kHasZ | kColon)) &&
            (!(t & (kPlus | kMinus)) || (t & kBeginsSign))) {
          t |= kHasE;
        }
        break;
      case 'o':
        if (count == 2 && (t & kBeginsZero)) t |= kHasO;
        break;
      case 'p':
        if (t & kHasX) t |= kHasP;
        break;
      case 'x':
        if ((count == 2 && (t & kBeginsZero)) ||
            (count == 3 && (t & kBeginsSign) && chars[1] == '0')) {
          t |= kHasX;
        }
        break;
      case 't':
        t |= kHasT;
        break;
      case 'z':
        t |= kHasZ;
        break;
    }
  } else if (c == '+') {
    t |= kPlus;
  } else if (c == '-') {
    t |= kMinus;
  } else if (c == '.') {
    t |= kDot;
  } else if (c == ':') {
    t |= kColon;
  }
}

// Whether parse_value() sends a value with these traits to parse_date_time() (its switch on
// the traits: a date and a time, with an offset or not).
bool DateTimeTraits(uint32_t traits) {
  const uint32_t rest = traits & ~(kDigits | kBeginsDigit | kBeginsZero);
  if ((traits & (kDigits | kBeginsDigit)) != (kDigits | kBeginsDigit)) return false;
  for (const uint32_t date_time :
       {kMinus | kColon | kHasT, kPlus | kMinus | kColon | kHasT, kMinus | kColon | kDot | kHasT,
        kPlus | kMinus | kColon | kDot | kHasT, kMinus | kColon | kHasZ | kHasT,
        kMinus | kColon | kDot | kHasZ | kHasT}) {
    if (rest == date_time) return true;
  }
  return false;
}

// Whether `text` starts with a date parse_date() takes: YYYY-MM-DD, a month from 1 to 12 and a
// day in it (29 February in a leap year).
bool ValidDate(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
  for (const size_t k : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!Digit(text[k])) return false;
  }
  const auto number = [&](size_t from, size_t digits) {
    unsigned value = 0;
    for (size_t k = from; k < from + digits; ++k) value = value * 10 + (text[k] - '0');
    return value;
  };
  const unsigned year = number(0, 4), month = number(5, 2), day = number(8, 2);
  const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  const unsigned days = month == 2
                            ? (leap ? 29 : 28)
                            : (month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31);
  return month >= 1 && month <= 12 && day >= 1 && day <= days;
}

// Reads the text as toml++'s parser does, one token at a time.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  std::optional<TomlTrap> Run() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;  // toml++ skips a byte-order mark
    while (i_ < text_.size() && Step()) {
    }
    return trap_;
  }

 private:
  // What toml++ expects next.
  enum class Expect {
    kStatement,   // a line of the root table: a header, a key, a comment or nothing
    kKey,         // a key or a part of a dotted key (in a header, a line or an inline table)
    kAfterKey,    // '.', '=' or (in a header) ']'
    kValue,       // a value (in a list, also ']')
    kAfterValue,  // ',', ']' or '}' as the list or table wants; at the root, a comment or the end
  };

  // Each returns false when the scan is over: a trap was found (trap_ set) or toml++ stops
  // here (or earlier) with an error of its own.
  bool Step();
  bool Header();
  bool String();
  bool Escape(size_t* j, bool multi_line);
  bool BareValue();
  bool DateScan(size_t* end);
  bool Trap(size_t at, std::string message);
  bool At(size_t j, char c) const { return j < text_.size() && text_[j] == c; }

  std::string_view text_;
  size_t i_ = 0;
  Expect expect_ = Expect::kStatement;
  std::string open_;              // the lists ('[') and inline tables ('{') open at i_
  bool in_header_ = false;        // between a header's '[' and its ']'
  bool header_array_ = false;     // ... of an array of tables ("[[")
  bool table_may_close_ = false;  // at the first key of an inline table: '}' closes it
  bool multi_line_ = false;       // the last string read was a multi-line one
  size_t statement_start_ = 0;    // where the line of the current root statement begins
  std::optional<TomlTrap> trap_;
};

bool Scanner::Trap(size_t at, std::string message) {
  const size_t newline = at == 0 ? std::string_view::npos : text_.rfind('\n', at - 1);
  const size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
  const int line = 1 + static_cast<int>(std::count(text_.begin(), text_.begin() + at, '\n'));
  trap_ =
      TomlTrap{statement_start_, {line, static_cast<int>(at - line_start) + 1}, std::move(message)};
  return false;
}

bool Scanner::Step() {
  const size_t n = text_.size();
  const char c = text_[i_];
  // Outside strings and comments toml++ tests every character for white space.
  if (NonAscii(c)) return Trap(i_, kNonAscii);
  if (c == ' ' || c == '\t') {
    ++i_;
    return true;
  }
  const bool in_list = !open_.empty() && open_.back() == '[';
  // Where toml++ takes a line end or a comment: between root statements and in a list (not
  // in an inline table, which stays on one line in TOML 1.0).
  const bool between =
      open_.empty() ? expect_ == Expect::kStatement || expect_ == Expect::kAfterValue
                    : in_list && (expect_ == Expect::kValue || expect_ == Expect::kAfterValue);
  if (c == '\n' || c == '\r') {
    if (c == '\r' && !At(i_ + 1, '\n')) return false;  // a '\r' must begin "\r\n"
    if (!between) return false;
    i_ += c == '\r' ? 2 : 1;
    if (open_.empty()) expect_ = Expect::kStatement;
    return true;
  }
  if (c == '#') {
    if (!between) return false;
    for (++i_; i_ < n && text_[i_] != '\n'; ++i_) {
      if (text_[i_] == '\r' && At(i_ + 1, '\n')) break;
      if (ControlChar(text_[i_])) return false;
    }
    return true;
  }
  switch (expect_) {
    case Expect::kStatement: {
      const size_t newline = text_.rfind('\n', i_);
      statement_start_ = newline == std::string_view::npos ? 0 : newline + 1;
      if (c == '[') return Header();
      if (!BareKeyChar(c) && !Quote(c)) return false;
      expect_ = Expect::kKey;
      return true;
    }
    case Expect::kKey:
      if (c == '}' && table_may_close_) {
        open_.pop_back();
        table_may_close_ = false;
        expect_ = Expect::kAfterValue;
        ++i_;
        return true;
      }
      table_may_close_ = false;
      if (BareKeyChar(c)) {
        while (i_ < n && BareKeyChar(text_[i_])) ++i_;
      } else if (Quote(c)) {
        // toml++ refuses a multi-line string as a key, once it has read it.
        if (!String() || multi_line_) return false;
      } else {
        return false;
      }
      expect_ = Expect::kAfterKey;
      return true;
    case Expect::kAfterKey:
      if (c == '.') {
        expect_ = Expect::kKey;
      } else if (c == '=' && !in_header_) {
        expect_ = Expect::kValue;
      } else if (c == ']' && in_header_) {
        if (header_array_) {
          if (!At(i_ + 1, ']')) return false;
          ++i_;
        }
        in_header_ = false;
        expect_ = Expect::kAfterValue;
      } else {
        return false;
      }
      ++i_;
      return true;
    case Expect::kValue:
      if (in_list && c == '}')
        return Trap(i_, "a value or ']' must come next in the list, not '}'");
      if (in_list && c == ']') {
        open_.pop_back();
        expect_ = Expect::kAfterValue;
        ++i_;
        return true;
      }
      if (Quote(c)) {
        if (!String()) return false;
        expect_ = Expect::kAfterValue;
        return true;
      }
      if (c == '[' || c == '{') {
        open_.push_back(c);
        if (c == '{') {
          expect_ = Expect::kKey;
          table_may_close_ = true;
        }
        ++i_;
        return true;
      }
      return BareValue();
    case Expect::kAfterValue:
      if (c == ',' && !open_.empty()) {
        expect_ = in_list ? Expect::kValue : Expect::kKey;
      } else if ((c == ']' && in_list) || (c == '}' && !open_.empty() && !in_list)) {
        open_.pop_back();
      } else {
        return false;
      }
      ++i_;
      return true;
  }
  return false;
}

bool Scanner::Header() {
  // After "[" or "[[" and spaces, toml++'s parse_key() asserts that a key starts.
  const size_t n = text_.size();
  size_t j = i_ + 1;
  const bool array = At(j, '[');
  if (array) ++j;
  while (j < n && (text_[j] == ' ' || text_[j] == '\t')) ++j;
  if (j >= n) return false;
  const char k = text_[j];
  if (BareKeyChar(k) || Quote(k)) {
    i_ = j;
    in_header_ = true;
    header_array_ = array;
    expect_ = Expect::kKey;
    return true;
  }
  // "[]" and "[ [" are errors toml++ reports.
  if (k == ']' || (!array && k == '[')) return false;
  return Trap(j,
              "a table header must start with a name (letters, digits, '_' or '-') or a quoted "
              "name");
}

bool Scanner::String() {
  const size_t n = text_.size();
  const char quote = text_[i_];
  multi_line_ = At(i_ + 1, quote) && At(i_ + 2, quote);
  size_t j = i_ + (multi_line_ ? 3 : 1);
  while (j < n) {
    const char c = text_[j];
    if (c == quote) {
      if (!multi_line_) {
        i_ = j + 1;
        return true;
      }
      // One or two quotes are text; three to five end the string (the last three are the end).
      size_t quotes = 1;
      while (quotes < 5 && At(j + quotes, quote)) ++quotes;
      j += quotes;
      if (quotes >= 3) {
        i_ = j;
        return true;
      }
      continue;
    }
    if (c == '\\' && quote == '"') {
      if (!Escape(&j, multi_line_)) return false;
      continue;
    }
    if (multi_line_ && c == '\n') {
      ++j;
      continue;
    }
    if (multi_line_ && c == '\r' && At(j + 1, '\n')) {
      j += 2;
      continue;
    }
    // Control characters (a line end in a one-line string among them) are errors.
    if (ControlChar(c)) return false;
    ++j;
  }
  return false;  // the end of the text inside the string
}

bool Scanner::Escape(size_t* j, bool multi_line) {
  const size_t n = text_.size();
  size_t k = *j + 1;  // after the backslash
  if (k >= n) return false;
  const char e = text_[k];
  // In a multi-line string, toml++ tests the character after a backslash for white space.
  if (multi_line && NonAscii(e)) {
    return Trap(k, "a backslash in a string must start an escape such as \\n or \\u00E9");
  }
  if (multi_line && (e == ' ' || e == '\t' || (e >= '\n' && e <= '\r'))) {
    // A line-ending backslash: spaces and tabs, one line end, then white space and line ends are
    // skipped; toml++ tests the first character after the spaces and tabs, and the first
    // after the line ends, for white space.
    while (k < n && (text_[k] == ' ' || text_[k] == '\t')) ++k;
    if (k < n && NonAscii(text_[k])) {
      return Trap(k, "a backslash followed by spaces in a string must end its line");
    }
    if (At(k, '\n')) {
      ++k;
    } else if (At(k, '\r') && At(k + 1, '\n')) {
      k += 2;
    } else {
      return false;  // "line-ending backslashes must be the last non-whitespace character"
    }
    while (k < n) {
      if (text_[k] == ' ' || text_[k] == '\t' || text_[k] == '\n') {
        ++k;
      } else if (text_[k] == '\r' && At(k + 1, '\n')) {
        k += 2;
      } else {
        break;
      }
    }
    if (k < n && NonAscii(text_[k])) {
      return Trap(k,
                  "the first character after a line-ending backslash cannot be outside the "
                  "ASCII range (toml++ 3.3.0 cannot read it): write it as \\uXXXX or put it "
                  "before the backslash");
    }
    *j = k;
    return true;
  }
  switch (e) {
    case 'b':
    case 't':
    case 'n':
    case 'f':
    case 'r':
    case '"':
    case '\\':
      *j = k + 1;
      return true;
    case 'u':
    case 'U': {
      const size_t digits = e == 'u' ? 4 : 8;
      for (size_t d = 1; d <= digits; ++d) {
        if (k + d >= n || !HexDigit(text_[k + d])) return false;
      }
      *j = k + 1 + digits;
      return true;
    }
    default:
      return false;  // an unknown escape
  }
}

bool Scanner::BareValue() {
  const size_t n = text_.size();
  const char c = text_[i_];
  // "expected value", "unexpected control character", "values may not begin with underscores"
  if (ValueTerminator(c) || ControlChar(c) || c == '_') return false;
  size_t end = i_;
  if (Digit(c) && !DateScan(&end)) return false;
  // The value runs to a value terminator (toml++ tests each character for white space; a quote
  // or a bracket inside it is part of it).
  while (end < n && !ValueTerminator(text_[end])) {
    if (NonAscii(text_[end])) return Trap(end, kNonAscii);
    ++end;
  }
  i_ = end;
  expect_ = Expect::kAfterValue;
  return true;
}

// Follows parse_value()'s look-ahead over a bare value starting with a digit at i_ (the traits
// scan, and the date-time with a space it then tries), finding where it asserts. Sets *end to
// where toml++'s reading of the value goes on from (the space after a date it steps back to,
// or the end of what it scanned).
bool Scanner::DateScan(size_t* end) {
  const size_t n = text_.size();
  uint32_t traits = kBeginsDigit;
  if (text_[i_] == '0') traits |= kBeginsZero;
  char chars[kHistory + 1];
  size_t count = 0;     // characters kept (toml++ leaves '_' out)
  size_t advances = 0;  // characters read past
  size_t j = i_;
  const auto scan = [&](bool keep) {
    do {
      const char c = text_[j];
      if (c != '_') {
        if (keep) {
          chars[count] = c;
          ++count;
          AddTraits(c, count, chars, &traits);
        } else {
          ++count;
        }
      }
      ++j;
      ++advances;
    } while (advances < kHistory && j < n && !ValueTerminator(text_[j]) && !NonAscii(text_[j]));
  };
  scan(true);
  if (!(count == 10 && (traits | kBeginsZero) == (kDigits | kBeginsDigit | kBeginsZero | kMinus) &&
        chars[4] == '-' && chars[7] == '-' && At(j, ' '))) {
    // A value its traits send to parse_date_time(): once it has read a date and a 'T', it asserts
    // that a digit comes next (parse_time).
    if (DateTimeTraits(traits) && ValidDate(text_.substr(i_)) && i_ + 11 < n &&
        (text_[i_ + 10] == 'T' || text_[i_ + 10] == 't') && !Digit(text_[i_ + 11])) {
      return Trap(i_ + 11, "a time (HH:MM:SS) must follow the 'T' of a date and time");
    }
    *end = j;  // the rest is read on by BareValue()
    return true;
  }
  // A date and a space: toml++ reads on for a time when a digit follows.
  const size_t space = j;
  ++j;
  ++advances;
  bool steps_back = true;  // to the space, the time not being one
  if (j < n && Digit(text_[j])) {
    const size_t digit = j;
    ++j;
    ++advances;
    if (j < n) {
      if (NonAscii(text_[j])) return Trap(j, kNonAscii);
      if (ValueTerminator(text_[j])) return Trap(digit, kDateThenDigit);
      const size_t before = count;
      scan(false);
      if (j < n && NonAscii(text_[j])) return Trap(j, kNonAscii);
      steps_back = count == before;  // nothing but '_' after the digit
    }
  }
  // It then steps back over everything it read, which its reader holds only up to 127 of.
  if (advances > kHistory) return Trap(i_, kDateTooLong);
  *end = steps_back ? space : j;
  return true;
}

}  // namespace

std::optional<TomlTrap> FindTomlParserTrap(std::string_view text) { return Scanner(text).Run(); }

}  // namespace probation
