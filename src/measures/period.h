// Reporting periods: a label and an inclusive date range.
//
// Accepted forms (financial years run April to March; quarters are financial quarters, so
// 2011-Q1 is April-June 2011 and 2011-Q4 is January-March 2012):
//   FY2011            2011-04-01 .. 2012-03-31 (also "2011-12")
//   2011-Q1 .. 2011-Q4
//   2011-04           a calendar month
//   2011-04..2011-09  whole months, inclusive
//   2011-04-01..2011-06-30   any date range
//   YTD:2011-09       from the start of the financial year to the end of that month
//   R12:2011-09       the twelve months ending with that month
// Plain values; thread-compatible.
#pragma once

#include <string>
#include <string_view>

#include "base/date.h"
#include "base/status.h"

namespace probation::measures {

struct Period {
  std::string label;
  Date start;
  Date end;  // inclusive

  bool Contains(Date d) const { return d >= start && d <= end; }
  int Days() const { return end - start + 1; }
};

Result<Period> ParsePeriod(std::string_view text);

// The financial year (its starting calendar year) that `d` falls in: 2011 for 2012-03-31.
int FinancialYearOf(Date d);

// The period of the same kind just before `p` (previous quarter, month, year, or the same
// number of days before a plain range).
Period PreviousPeriod(const Period& p);

// The same dates a year earlier.
Period YearEarlier(const Period& p);

// Months (whole or part) of the financial year starting in `fy` that `p` covers, as 12 flags
// April first, weighted by the share of each month's days inside `p`.
void MonthShares(const Period& p, int fy, double shares[12]);

}  // namespace probation::measures
