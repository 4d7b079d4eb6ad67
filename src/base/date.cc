#include "base/date.h"

#include <cstdio>

namespace probation {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days: exact for every Gregorian date.
int32_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int32_t z, int* y, int* m, int* d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yoe + era * 400 + (*m <= 2);
}

// Reads `n` ASCII digits at text[pos]; false if any is not a digit.
bool ReadDigits(std::string_view text, size_t pos, size_t n, int* out) {
  if (pos + n > text.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

Date Date::FromCivil(int year, int month, int day) { return Date(DaysFromCivil(year, month, day)); }

Result<Date> Date::Parse(std::string_view text) {
  int y, m, d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ReadDigits(text, 0, 4, &y) ||
      !ReadDigits(text, 5, 2, &m) || !ReadDigits(text, 8, 2, &d)) {
    return InvalidArgument("'" + std::string(text) + "' is not a date in the form YYYY-MM-DD");
  }
  if (y < 1800 || y > 2199) {
    return InvalidArgument("year " + std::to_string(y) + " is outside 1800-2199");
  }
  if (m < 1 || m > 12) return InvalidArgument("month " + std::to_string(m) + " does not exist");
  if (d < 1 || d > DaysInMonth(y, m)) {
    return InvalidArgument("'" + std::string(text) + "' does not exist (that month has " +
                           std::to_string(DaysInMonth(y, m)) + " days)");
  }
  return FromCivil(y, m, d);
}

void Date::ToCivil(int* year, int* month, int* day) const {
  CivilFromDays(days_, year, month, day);
}

int Date::year() const {
  int y, m, d;
  ToCivil(&y, &m, &d);
  return y;
}

int Date::month() const {
  int y, m, d;
  ToCivil(&y, &m, &d);
  return m;
}

int Date::day() const {
  int y, m, d;
  ToCivil(&y, &m, &d);
  return d;
}

Weekday Date::weekday() const {
  // 1970-01-01 was a Thursday (index 3 from Monday).
  const int w = ((days_ % 7) + 7 + 3) % 7;
  return static_cast<Weekday>(w);
}

std::string Date::ToString() const {
  int y, m, d;
  ToCivil(&y, &m, &d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

Result<DateTime> DateTime::Parse(std::string_view text) {
  const auto bad = [&] {
    return InvalidArgument("'" + std::string(text) +
                           "' is not a date-time in the form YYYY-MM-DDTHH:MM");
  };
  if (text.size() != 16 && text.size() != 19) return bad();
  Result<Date> date = Date::Parse(text.substr(0, 10));
  if (!date.ok()) return date.status();
  int h, min, s = 0;
  if ((text[10] != 'T' && text[10] != ' ') || text[13] != ':' || !ReadDigits(text, 11, 2, &h) ||
      !ReadDigits(text, 14, 2, &min)) {
    return bad();
  }
  if (text.size() == 19 && (text[16] != ':' || !ReadDigits(text, 17, 2, &s))) return bad();
  if (h > 23 || min > 59 || s > 59) return bad();
  return DateTime(int64_t{date->days()} * 1440 + h * 60 + min);
}

Date DateTime::date() const {
  int64_t days = minutes_ / 1440;
  if (minutes_ < 0 && minutes_ % 1440 != 0) --days;
  return Date(static_cast<int32_t>(days));
}

std::string DateTime::ToString() const {
  const Date d = date();
  const int64_t rem = minutes_ - int64_t{d.days()} * 1440;
  char buf[8];
  std::snprintf(buf, sizeof buf, "T%02d:%02d", static_cast<int>(rem / 60),
                static_cast<int>(rem % 60));
  return d.ToString() + buf;
}

}  // namespace probation
