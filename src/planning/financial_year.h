// Financial years as the planning files write them: "2008-09" is April 2008 to March 2009
// (the same form as a framework's year and measures::ParsePeriod's "2011-12"). Stateless.
#pragma once

#include <string>
#include <string_view>

namespace probation {

// The starting calendar year of "YYYY-YY" (2008 for "2008-09"), or -1 when `text` is not one.
int FinancialYearStart(std::string_view text);

// "2008-09" for 2008.
std::string FinancialYearLabel(int start_year);

}  // namespace probation
