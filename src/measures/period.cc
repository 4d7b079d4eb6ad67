#include "measures/period.h"

#include <algorithm>
#include <charconv>

namespace probation::measures {
namespace {

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

// "YYYY-MM" -> the first day of the month.
bool ParseMonth(std::string_view s, Date* first) {
  int y, m;
  if (s.size() != 7 || s[4] != '-' || !ParseInt(s.substr(0, 4), &y) ||
      !ParseInt(s.substr(5, 2), &m) || m < 1 || m > 12 || y < 1800 || y > 2199) {
    return false;
  }
  *first = Date::FromCivil(y, m, 1);
  return true;
}

Date MonthEnd(Date first) {
  return Date::FromCivil(first.year(), first.month(), DaysInMonth(first.year(), first.month()));
}

Date AddMonths(Date first_of_month, int months) {
  int index = first_of_month.year() * 12 + (first_of_month.month() - 1) + months;
  return Date::FromCivil(index / 12, index % 12 + 1, 1);
}

Period Make(std::string label, Date start, Date end) {
  return Period{std::move(label), start, end};
}

std::string MonthLabel(Date d) { return d.ToString().substr(0, 7); }

}  // namespace

int FinancialYearOf(Date d) { return d.month() >= 4 ? d.year() : d.year() - 1; }

Result<Period> ParsePeriod(std::string_view text) {
  const auto bad = [&] {
    return InvalidArgument("'" + std::string(text) +
                           "' is not a period: use FY2011, 2011-Q1, 2011-04, 2011-04..2011-09, "
                           "2011-04-01..2011-06-30, YTD:2011-09 or R12:2011-09");
  };
  int y;
  if (text.size() == 6 && text.substr(0, 2) == "FY" && ParseInt(text.substr(2), &y)) {
    return Make("FY" + std::to_string(y) + "-" + std::to_string((y + 1) % 100 / 10) +
                    std::to_string((y + 1) % 10),
                Date::FromCivil(y, 4, 1), Date::FromCivil(y + 1, 3, 31));
  }
  int y2;
  if (text.size() == 7 && text[4] == '-' && ParseInt(text.substr(0, 4), &y) &&
      ParseInt(text.substr(5, 2), &y2) && y2 == (y + 1) % 100) {
    return ParsePeriod("FY" + std::string(text.substr(0, 4)));
  }
  if (text.size() == 7 && text[4] == '-' && text[5] == 'Q' && ParseInt(text.substr(0, 4), &y)) {
    const int q = text[6] - '0';
    if (q < 1 || q > 4) return bad();
    const Date start = AddMonths(Date::FromCivil(y, 4, 1), 3 * (q - 1));
    return Make(std::string(text), start, MonthEnd(AddMonths(start, 2)));
  }
  Date first;
  if (ParseMonth(text, &first)) return Make(std::string(text), first, MonthEnd(first));
  if (text.substr(0, 4) == "YTD:" && ParseMonth(text.substr(4), &first)) {
    const int fy = FinancialYearOf(first);
    return Make(std::string(text), Date::FromCivil(fy, 4, 1), MonthEnd(first));
  }
  if (text.substr(0, 4) == "R12:" && ParseMonth(text.substr(4), &first)) {
    return Make(std::string(text), AddMonths(first, -11), MonthEnd(first));
  }
  const size_t dots = text.find("..");
  if (dots != std::string_view::npos) {
    const std::string_view a = text.substr(0, dots), b = text.substr(dots + 2);
    Date from, to;
    if (ParseMonth(a, &from) && ParseMonth(b, &to)) {
      if (to < from) return InvalidArgument("'" + std::string(text) + "' ends before it starts");
      return Make(std::string(text), from, MonthEnd(to));
    }
    Result<Date> da = Date::Parse(a), db = Date::Parse(b);
    if (da.ok() && db.ok()) {
      if (*db < *da) return InvalidArgument("'" + std::string(text) + "' ends before it starts");
      return Make(std::string(text), *da, *db);
    }
  }
  return bad();
}

Period PreviousPeriod(const Period& p) {
  const bool whole_months = p.start.day() == 1 && (p.end + 1).day() == 1;
  if (whole_months) {
    const int months =
        ((p.end + 1).year() * 12 + (p.end + 1).month()) - (p.start.year() * 12 + p.start.month());
    const Date start = AddMonths(p.start, -months);
    const Date end = p.start - 1;
    std::string label = months == 1 ? MonthLabel(start) : start.ToString() + ".." + end.ToString();
    if (months == 3 && (start.month() - 4 + 12) % 3 == 0) {
      const int fy = FinancialYearOf(start);
      const int q = ((start.month() - 4 + 12) % 12) / 3 + 1;
      label = std::to_string(fy) + "-Q" + std::to_string(q);
    }
    if (months == 12 && start.month() == 4) label = "FY" + std::to_string(start.year());
    return Make(label, start, end);
  }
  const int days = p.Days();
  const Date start = p.start - days, end = p.start - 1;
  return Make(start.ToString() + ".." + end.ToString(), start, end);
}

Period YearEarlier(const Period& p) {
  const auto shift = [](Date d) {
    const int day = std::min(d.day(), DaysInMonth(d.year() - 1, d.month()));
    return Date::FromCivil(d.year() - 1, d.month(), day);
  };
  Date end = shift(p.end);
  if (p.end.month() == 2 && p.end.day() == DaysInMonth(p.end.year(), 2)) {
    end = Date::FromCivil(p.end.year() - 1, 2, DaysInMonth(p.end.year() - 1, 2));
  }
  const Date start = shift(p.start);
  // Relabel the common forms (a quarter, a financial year, a month); anything else gets its
  // dates.
  std::string label = start.ToString() + ".." + end.ToString();
  if (ParsePeriod(p.label).ok()) {
    if (p.label.size() == 7 && p.label[5] == 'Q') {
      label = std::to_string(std::stoi(p.label.substr(0, 4)) - 1) + p.label.substr(4);
    } else if (p.label.rfind("FY", 0) == 0) {
      label = "FY" + std::to_string(start.year());
    } else if (p.label.size() == 7) {
      label = MonthLabel(start);
    }
  }
  return Make(label, start, end);
}

void MonthShares(const Period& p, int fy, double shares[12]) {
  for (int i = 0; i < 12; ++i) {
    const Date first = AddMonths(Date::FromCivil(fy, 4, 1), i);
    const Date last = MonthEnd(first);
    const Date lo = std::max(first, p.start), hi = std::min(last, p.end);
    shares[i] = hi < lo ? 0 : static_cast<double>(hi - lo + 1) / (last - first + 1);
  }
}

}  // namespace probation::measures
