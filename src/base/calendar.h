// The England and Wales working-day calendar behind every national-standard clock.
//
// Bank holidays come from the statutory rules (New Year, Easter, May, August, Christmas with
// their substitute days) plus one-off changes by proclamation held as data
// (reference/bank_holiday_changes.csv). Working days exclude Saturdays, Sundays and bank
// holidays. Immutable after construction; safe to share between threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/status.h"

namespace probation {

// One proclaimed change to the rule-based holidays: a date added or a rule date removed.
struct HolidayChange {
  Date date;
  bool added = true;  // false: the rule's holiday on `date` is not a holiday that year
  std::string name;
};

// The holidays the rules alone give for `year`, in date order, with their names.
struct NamedHoliday {
  Date date;
  std::string name;
};
std::vector<NamedHoliday> RuleHolidays(int year);

// Gregorian Easter Sunday (anonymous Gregorian algorithm).
Date EasterSunday(int year);

class Calendar {
 public:
  // The first and last years the calendar covers; dates outside are treated as having no
  // bank holidays (weekends still count).
  static constexpr int kFirstYear = 1800;
  static constexpr int kLastYear = 2199;

  // Parses the changes file (CSV with header "date,change,name,source"; change is "add" or
  // "remove"). Errors name `source_name`, the line and the reason; a removal of a date that
  // is not a rule holiday, or an addition of one that already is, is an error.
  static Result<Calendar> FromChangesCsv(std::string_view text, std::string_view source_name);
  // Reads and parses the changes file at `path`.
  static Result<Calendar> FromChangesFile(const std::string& path);
  // Rules only, no one-off changes (for tests and as a last resort).
  static Calendar RulesOnly();

  // The bank holidays of `year` in date order (rules plus changes).
  std::vector<NamedHoliday> Holidays(int year) const;

  bool IsBankHoliday(Date d) const;
  bool IsWorkingDay(Date d) const;

  // Working days d with from < d <= to; negative (minus the count of to < d <= from) when
  // to is before from.
  int32_t WorkingDaysBetween(Date from, Date to) const;

  // The date `n` working days after `from` (n > 0), before it (n < 0), or `from` (n == 0).
  // "Within 5 working days of X" has the deadline AddWorkingDays(X, 5).
  Date AddWorkingDays(Date from, int32_t n) const;

 private:
  explicit Calendar(std::vector<HolidayChange> changes);
  int32_t CountThrough(Date d) const;  // working days in (epoch of table, d]

  std::vector<HolidayChange> changes_;
  std::vector<uint8_t> is_holiday_;  // indexed by day - first_day_
  std::vector<int32_t> cumulative_;  // working days from first_day_ through index
  int32_t first_day_ = 0;
};

}  // namespace probation
