#include "reports/small_counts.h"

#include <cmath>
#include <set>
#include <string>
#include <string_view>

namespace probation::report {
namespace {

bool Small(double n, int threshold) {
  return n >= 1 && n < threshold && std::floor(n) == n;
}

// Whether a count cell shows a small count: its number, or any whole number in its text
// ("3/17" is succeeded over decided).
bool ShowsSmallCount(const Cell& cell, int threshold) {
  if (cell.number && Small(*cell.number, threshold)) return true;
  std::string_view text = cell.text;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] < '0' || text[i] > '9') {
      ++i;
      continue;
    }
    size_t j = i;
    int64_t value = 0;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9' && value < 1000000) {
      value = value * 10 + (text[j] - '0');
      ++j;
    }
    const bool decimal = j < text.size() && text[j] == '.';
    if (!decimal && Small(static_cast<double>(value), threshold)) return true;
    while (j < text.size() && ((text[j] >= '0' && text[j] <= '9') || text[j] == '.')) ++j;
    i = j;
  }
  return false;
}

}  // namespace

int SuppressSmallCounts(Document* document, int threshold) {
  int rewritten = 0;
  for (Section& section : document->sections) {
    std::set<std::string> count_columns;
    bool from_third_column = false;
    if (section.id == "scorecard") {
      count_columns = {"Succeeded / decided", "Pending"};
    } else if (section.id == "exceptions") {
      count_columns = {"Items", "Failed", "Pending", "Due soon"};
    } else if (section.id == "caseload") {
      from_third_column = true;
    } else {
      continue;
    }
    for (Block& block : section.blocks) {
      Table* table = std::get_if<Table>(&block);
      if (table == nullptr) continue;
      int value_column = -1;
      std::vector<bool> is_count(table->columns.size(), false);
      for (size_t c = 0; c < table->columns.size(); ++c) {
        is_count[c] = count_columns.count(table->columns[c]) > 0 || (from_third_column && c >= 2);
        if (table->columns[c] == "Value") value_column = static_cast<int>(c);
      }
      for (std::vector<Cell>& row : table->rows) {
        bool any = false;
        for (size_t c = 0; c < row.size() && c < is_count.size(); ++c) {
          if (!is_count[c] || !ShowsSmallCount(row[c], threshold)) continue;
          row[c] = Cell(kFewerThanText);
          any = true;
          ++rewritten;
        }
        if (any && value_column >= 0 && static_cast<size_t>(value_column) < row.size()) {
          row[value_column] = Cell("not shown");
        }
      }
    }
  }
  return rewritten;
}

}  // namespace probation::report
