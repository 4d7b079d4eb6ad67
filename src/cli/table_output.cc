#include "cli/table_output.h"

#include <algorithm>

#include "base/csv.h"

namespace probation {
namespace {

// Display width: UTF-8 continuation bytes take no column.
size_t Width(const std::string& s) {
  size_t w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80;
  return w;
}

}  // namespace

std::string TableText(const report::Table& table) {
  std::vector<size_t> widths(table.columns.size());
  for (size_t c = 0; c < table.columns.size(); ++c) widths[c] = Width(table.columns[c]);
  for (const auto& row : table.rows) {
    for (size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], Width(row[c].text));
    }
  }
  std::string out;
  if (!table.caption.empty()) out += table.caption + "\n";
  const auto line = [&](auto cell_text, size_t n) {
    std::string l;
    for (size_t c = 0; c < n; ++c) {
      const std::string text = cell_text(c);
      // The first column (a label) is left-aligned, the figures right-aligned.
      const std::string pad(widths[c] - Width(text), ' ');
      l += c == 0 ? text + pad : pad + text;
      if (c + 1 < n) l += "  ";
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    return l + "\n";
  };
  out += line([&](size_t c) { return table.columns[c]; }, table.columns.size());
  if (table.rows.empty()) out += table.empty_text + "\n";
  for (const auto& row : table.rows) {
    out += line([&](size_t c) { return row[c].text; }, std::min(row.size(), widths.size()));
  }
  return out;
}

std::string TableCsv(const report::Table& table) {
  std::string out;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    if (c) out += ',';
    AppendCsvField(&out, table.columns[c]);
  }
  out += "\n";
  for (const auto& row : table.rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c) out += ',';
      AppendCsvField(&out, row[c].text);
    }
    out += "\n";
  }
  return out;
}

}  // namespace probation
