#include "base/calendar.h"

#include <algorithm>

#include "base/mapped_file.h"
#include "base/reference_csv.h"

namespace probation {
namespace {

Date NthWeekdayOfMonth(int year, int month, Weekday wd, int n) {
  Date first = Date::FromCivil(year, month, 1);
  const int shift = (static_cast<int>(wd) - static_cast<int>(first.weekday()) + 7) % 7;
  return first + (shift + 7 * (n - 1));
}

Date LastWeekdayOfMonth(int year, int month, Weekday wd) {
  Date last = Date::FromCivil(year, month, DaysInMonth(year, month));
  const int shift = (static_cast<int>(last.weekday()) - static_cast<int>(wd) + 7) % 7;
  return last - shift;
}

}  // namespace

Date EasterSunday(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return Date::FromCivil(year, month, day);
}

std::vector<NamedHoliday> RuleHolidays(int year) {
  std::vector<NamedHoliday> out;
  Date new_year = Date::FromCivil(year, 1, 1);
  if (new_year.weekday() == Weekday::kSaturday) new_year = new_year + 2;
  if (new_year.weekday() == Weekday::kSunday) new_year = new_year + 1;
  out.push_back({new_year, "New Year's Day"});
  const Date easter = EasterSunday(year);
  out.push_back({easter - 2, "Good Friday"});
  out.push_back({easter + 1, "Easter Monday"});
  out.push_back({NthWeekdayOfMonth(year, 5, Weekday::kMonday, 1), "Early May bank holiday"});
  out.push_back({LastWeekdayOfMonth(year, 5, Weekday::kMonday), "Spring bank holiday"});
  out.push_back({LastWeekdayOfMonth(year, 8, Weekday::kMonday), "Summer bank holiday"});
  const Date christmas = Date::FromCivil(year, 12, 25);
  switch (christmas.weekday()) {
    case Weekday::kSaturday:  // Monday 27 and Tuesday 28
      out.push_back({christmas + 2, "Christmas Day (substitute day)"});
      out.push_back({christmas + 3, "Boxing Day (substitute day)"});
      break;
    case Weekday::kSunday:  // Monday 26 Boxing Day, Tuesday 27 substitute for Christmas
      out.push_back({christmas + 1, "Boxing Day"});
      out.push_back({christmas + 2, "Christmas Day (substitute day)"});
      break;
    case Weekday::kFriday:  // Boxing Day alone falls on Saturday: moves to Monday 28
      out.push_back({christmas, "Christmas Day"});
      out.push_back({christmas + 3, "Boxing Day (substitute day)"});
      break;
    default:
      out.push_back({christmas, "Christmas Day"});
      out.push_back({christmas + 1, "Boxing Day"});
  }
  return out;
}

Calendar Calendar::RulesOnly() { return Calendar({}); }

Result<Calendar> Calendar::FromChangesFile(const std::string& path) {
  Result<std::string> text = ReadFileToString(path);
  if (!text.ok()) return text.status();
  return FromChangesCsv(*text, path);
}

Result<Calendar> Calendar::FromChangesCsv(std::string_view text, std::string_view source_name) {
  ReferenceCsvReader csv(text, source_name);
  PROBATION_RETURN_IF_ERROR(csv.ReadHeader({"date", "change", "name", "source"}));
  std::vector<std::string_view> fields;
  std::vector<HolidayChange> changes;
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool more, csv.Next(&fields));
    if (!more) break;
    Result<Date> date = Date::Parse(fields[0]);
    if (!date.ok()) return csv.Error("date: " + date.status().message());
    HolidayChange change{*date, true, std::string(fields[2])};
    if (fields[1] == "remove") {
      change.added = false;
    } else if (fields[1] != "add") {
      return csv.Error("change must be 'add' or 'remove', not '" + std::string(fields[1]) + "'");
    }
    const std::vector<NamedHoliday> rules = RuleHolidays(date->year());
    const bool is_rule = std::any_of(rules.begin(), rules.end(),
                                     [&](const NamedHoliday& h) { return h.date == *date; });
    if (!change.added && !is_rule) {
      return csv.Error(date->ToString() +
                       " is not a bank holiday by the rules, so it cannot be removed");
    }
    if (change.added && is_rule) {
      return csv.Error(date->ToString() + " is already a bank holiday by the rules");
    }
    const bool repeated = std::any_of(changes.begin(), changes.end(),
                                      [&](const HolidayChange& c) { return c.date == *date; });
    if (repeated) return csv.Error(date->ToString() + " is changed twice");
    changes.push_back(std::move(change));
  }
  return Calendar(std::move(changes));
}

Calendar::Calendar(std::vector<HolidayChange> changes) : changes_(std::move(changes)) {
  first_day_ = Date::FromCivil(kFirstYear, 1, 1).days();
  const int32_t last_day = Date::FromCivil(kLastYear, 12, 31).days();
  const size_t n = static_cast<size_t>(last_day - first_day_ + 1);
  is_holiday_.assign(n, 0);
  for (int year = kFirstYear; year <= kLastYear; ++year) {
    for (const NamedHoliday& h : RuleHolidays(year)) is_holiday_[h.date.days() - first_day_] = 1;
  }
  for (const HolidayChange& c : changes_) {
    const int32_t i = c.date.days() - first_day_;
    if (i >= 0 && static_cast<size_t>(i) < n) is_holiday_[i] = c.added ? 1 : 0;
  }
  cumulative_.resize(n);
  int32_t running = 0;
  for (size_t i = 0; i < n; ++i) {
    const Date d(first_day_ + static_cast<int32_t>(i));
    if (!d.IsWeekend() && !is_holiday_[i]) ++running;
    cumulative_[i] = running;
  }
}

std::vector<NamedHoliday> Calendar::Holidays(int year) const {
  std::vector<NamedHoliday> out;
  for (NamedHoliday& h : RuleHolidays(year)) {
    const bool removed = std::any_of(changes_.begin(), changes_.end(), [&](const HolidayChange& c) {
      return !c.added && c.date == h.date;
    });
    if (!removed) out.push_back(std::move(h));
  }
  for (const HolidayChange& c : changes_) {
    if (c.added && c.date.year() == year) out.push_back({c.date, c.name});
  }
  std::sort(out.begin(), out.end(),
            [](const NamedHoliday& a, const NamedHoliday& b) { return a.date < b.date; });
  return out;
}

bool Calendar::IsBankHoliday(Date d) const {
  const int64_t i = int64_t{d.days()} - first_day_;
  if (i < 0 || i >= static_cast<int64_t>(is_holiday_.size())) return false;
  return is_holiday_[i] != 0;
}

bool Calendar::IsWorkingDay(Date d) const { return !d.IsWeekend() && !IsBankHoliday(d); }

int32_t Calendar::CountThrough(Date d) const {
  const int64_t i = int64_t{d.days()} - first_day_;
  if (i >= 0 && i < static_cast<int64_t>(cumulative_.size())) return cumulative_[i];
  // Outside the table: weekdays only, counted from the table's edge.
  const bool before = i < 0;
  // Before the table: count back from the day before its first day, whose prefix count is
  // the first day's less one if that day is a working day.
  const Date edge(before ? first_day_ - 1
                         : first_day_ + static_cast<int32_t>(cumulative_.size()) - 1);
  const bool first_works = !is_holiday_.front() && !Date(first_day_).IsWeekend();
  const int32_t base = before ? cumulative_.front() - (first_works ? 1 : 0) : cumulative_.back();
  int32_t weekdays = 0;
  Date lo = before ? d : edge;
  const Date hi = before ? edge : d;
  // Whole weeks fast, then the remainder day by day.
  const int32_t span = hi - lo;
  weekdays += (span / 7) * 5;
  for (lo = lo + (span / 7) * 7; lo < hi;) {
    lo = lo + 1;
    if (!lo.IsWeekend()) ++weekdays;
  }
  return before ? base - weekdays : base + weekdays;
}

int32_t Calendar::WorkingDaysBetween(Date from, Date to) const {
  return CountThrough(to) - CountThrough(from);
}

Date Calendar::AddWorkingDays(Date from, int32_t n) const {
  // Within the table: the first day on which the running count of working days reaches the
  // target (the count rises only on working days, so that day is one).
  const int64_t i = int64_t{from.days()} - first_day_;
  const auto day_at = [&](std::vector<int32_t>::const_iterator it) {
    return Date(first_day_ + static_cast<int32_t>(it - cumulative_.begin()));
  };
  if (n > 0 && i >= 0 && i < static_cast<int64_t>(cumulative_.size())) {
    const auto it =
        std::lower_bound(cumulative_.begin() + i + 1, cumulative_.end(), cumulative_[i] + n);
    if (it != cumulative_.end()) return day_at(it);
  } else if (n < 0 && i >= 1 && i < static_cast<int64_t>(cumulative_.size())) {
    // The |n|-th working day before `from`: the day whose count is |n| - 1 below the count
    // through the day before.
    const int32_t target = cumulative_[i - 1] + n + 1;
    if (target > cumulative_.front()) {
      return day_at(std::lower_bound(cumulative_.begin(), cumulative_.begin() + i, target));
    }
  }
  // Outside the table (or n = 0): day by day.
  Date d = from;
  const int step = n >= 0 ? 1 : -1;
  for (int32_t left = n >= 0 ? n : -n; left > 0;) {
    d = d + step;
    if (IsWorkingDay(d)) --left;
  }
  return d;
}

}  // namespace probation
