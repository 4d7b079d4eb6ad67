#include "base/financial_year.h"

namespace probation {

int FinancialYearStart(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return -1;
  int digits[7] = {};
  for (size_t i : {0, 1, 2, 3, 5, 6}) {
    if (text[i] < '0' || text[i] > '9') return -1;
    digits[i] = text[i] - '0';
  }
  const int start = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
  return (start + 1) % 100 == digits[5] * 10 + digits[6] ? start : -1;
}

std::string FinancialYearLabel(int start_year) {
  const int next = (start_year + 1) % 100;
  return std::to_string(start_year) + "-" + (next < 10 ? "0" : "") + std::to_string(next);
}

}  // namespace probation
