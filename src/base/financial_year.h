// Financial years as plans, registers, annexes and frameworks write them: "2008-09" is April
// 2008 to March 2009 (measures::ParsePeriod also reads that form). Stateless.
#pragma once

#include <string>
#include <string_view>

namespace probation {

// The starting calendar year of "YYYY-YY" (2008 for "2008-09"), or -1 when `text` is not one:
// four digits, '-', then the last two digits of the following year.
int FinancialYearStart(std::string_view text);

// "2008-09" for 2008.
std::string FinancialYearLabel(int start_year);

}  // namespace probation
