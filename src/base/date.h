// Civil dates and date-times in the proleptic Gregorian calendar.
//
// A Date is a count of days since 1970-01-01 (day 0), so date arithmetic and comparison are
// integer operations and a column of dates is a column of int32. A DateTime is minutes since
// 1970-01-01T00:00 (local civil time; no time zones: recall clocks are measured in one zone).
// Plain values; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace probation {

enum class Weekday { kMonday = 0, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday };

class Date {
 public:
  constexpr Date() = default;
  constexpr explicit Date(int32_t days_since_epoch) : days_(days_since_epoch) {}

  // REQUIRES: 1 <= month <= 12, 1 <= day <= DaysInMonth(year, month).
  static Date FromCivil(int year, int month, int day);

  // Parses exactly "YYYY-MM-DD" (ISO 8601 calendar date, years 1800-2199). Anything else,
  // including 2011-02-29 or trailing characters, is an InvalidArgument with the reason.
  static Result<Date> Parse(std::string_view text);

  constexpr int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  void ToCivil(int* year, int* month, int* day) const;
  Weekday weekday() const;
  bool IsWeekend() const { return weekday() >= Weekday::kSaturday; }

  std::string ToString() const;  // "YYYY-MM-DD"

  constexpr Date operator+(int32_t n) const { return Date(days_ + n); }
  constexpr Date operator-(int32_t n) const { return Date(days_ - n); }
  constexpr int32_t operator-(Date other) const { return days_ - other.days_; }
  constexpr auto operator<=>(const Date&) const = default;

 private:
  int32_t days_ = 0;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

class DateTime {
 public:
  constexpr DateTime() = default;
  constexpr explicit DateTime(int64_t minutes_since_epoch) : minutes_(minutes_since_epoch) {}

  // Parses "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS" (seconds must be 00..59 and are
  // dropped); a space is accepted in place of the T.
  static Result<DateTime> Parse(std::string_view text);

  constexpr int64_t minutes() const { return minutes_; }
  Date date() const;
  std::string ToString() const;  // "YYYY-MM-DDTHH:MM"
  constexpr auto operator<=>(const DateTime&) const = default;

 private:
  int64_t minutes_ = 0;
};

}  // namespace probation
