#include "reports/document_xlsx.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>

#include "base/output_paths.h"

namespace probation::report {
namespace {

struct Formats {
  lxw_format* title = nullptr;
  lxw_format* bold = nullptr;
  lxw_format* header = nullptr;
  lxw_format* wrap = nullptr;
  std::map<Tone, lxw_format*> tone;
};

Formats MakeFormats(lxw_workbook* book) {
  Formats f;
  f.title = workbook_add_format(book);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  f.bold = workbook_add_format(book);
  format_set_bold(f.bold);
  f.header = workbook_add_format(book);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xF3F2F1);
  format_set_bottom(f.header, LXW_BORDER_THIN);
  f.wrap = workbook_add_format(book);
  format_set_text_wrap(f.wrap);
  const std::pair<Tone, std::pair<uint32_t, uint32_t>> colours[] = {
      {Tone::kGreen, {0xCCE2D8, 0x005A30}},
      {Tone::kAmber, {0xFCD6C3, 0x6E3619}},
      {Tone::kRed, {0xF6D7D2, 0x942514}},
      {Tone::kBlack, {0x0B0C0C, 0xFFFFFF}}};
  for (const auto& [tone, c] : colours) {
    lxw_format* format = workbook_add_format(book);
    format_set_bg_color(format, c.first);
    format_set_font_color(format, c.second);
    format_set_bold(format);
    f.tone[tone] = format;
  }
  return f;
}

// Writes one sheet's blocks, tracking the widest text per column for the column widths.
class SheetWriter {
 public:
  SheetWriter(lxw_workbook* book, lxw_worksheet* ws, std::string name, const Formats& formats)
      : book_(book), ws_(ws), name_(std::move(name)), f_(formats) {}

  void Text(int col, const std::string& text, lxw_format* format = nullptr) {
    worksheet_write_string(ws_, row_, col, text.c_str(), format);
    Widen(col, text.size());
  }
  void Number(int col, double v, lxw_format* format = nullptr) {
    if (!std::isnan(v)) worksheet_write_number(ws_, row_, col, v, format);
    Widen(col, 8);
  }
  void NextRow(int n = 1) { row_ += n; }

  void Write(const Paragraph& p) {
    worksheet_write_string(ws_, row_, 0, p.text.c_str(), nullptr);
    NextRow();
  }

  void Write(const Table& table) {
    if (!table.caption.empty()) Text(0, table.caption, f_.bold), NextRow();
    if (table.rows.empty()) {
      Text(0, table.empty_text);
      NextRow(2);
      return;
    }
    for (size_t c = 0; c < table.columns.size(); ++c) {
      Text(static_cast<int>(c), table.columns[c], f_.header);
    }
    NextRow();
    for (const std::vector<Cell>& row : table.rows) {
      for (size_t c = 0; c < row.size(); ++c) {
        const Cell& cell = row[c];
        lxw_format* format = cell.tone == Tone::kNone ? nullptr : f_.tone.at(cell.tone);
        if (cell.number) {
          Number(static_cast<int>(c), *cell.number, format);
        } else {
          Text(static_cast<int>(c), cell.text, format);
        }
      }
      NextRow();
    }
    NextRow();
  }

  void Write(const TrendChart& chart) {
    const int first = row_;
    Text(0, chart.code + " " + chart.title, f_.bold);
    NextRow();
    Text(0, "period", f_.header);
    for (size_t i = 0; i < chart.labels.size(); ++i) {
      Text(static_cast<int>(i) + 1, chart.labels[i], f_.header);
    }
    NextRow();
    const int values_row = row_;
    Text(0, "value" + (chart.unit_suffix.empty() ? "" : " (" + chart.unit_suffix + ")"));
    for (size_t i = 0; i < chart.values.size(); ++i) {
      if (chart.values[i]) Number(static_cast<int>(i) + 1, *chart.values[i]);
    }
    NextRow();
    const int targets_row = row_;
    Text(0, "target");
    bool any_target = false;
    for (size_t i = 0; i < chart.targets.size(); ++i) {
      if (chart.targets[i]) Number(static_cast<int>(i) + 1, *chart.targets[i]), any_target = true;
    }
    NextRow();
    const int n = static_cast<int>(chart.labels.size());
    if (n > 0) {
      lxw_chart* line = workbook_add_chart(book_, LXW_CHART_LINE);
      lxw_chart_series* values = chart_add_series(line, nullptr, nullptr);
      chart_series_set_categories(values, name_.c_str(), first + 1, 1, first + 1, n);
      chart_series_set_values(values, name_.c_str(), values_row, 1, values_row, n);
      chart_series_set_name(values, "value");
      if (any_target) {
        lxw_chart_series* targets = chart_add_series(line, nullptr, nullptr);
        chart_series_set_categories(targets, name_.c_str(), first + 1, 1, first + 1, n);
        chart_series_set_values(targets, name_.c_str(), targets_row, 1, targets_row, n);
        chart_series_set_name(targets, "target");
      }
      chart_title_set_name(line, chart.code.c_str());
      chart_legend_set_position(line, LXW_CHART_LEGEND_BOTTOM);
      lxw_chart_options options = {};
      options.x_scale = 0.7;
      options.y_scale = 0.6;
      worksheet_insert_chart_opt(ws_, first, n + 2, line, &options);
    }
    row_ = std::max(row_, first + 10);
  }

  void Write(const HeatMap& map) {
    Text(0, map.title, f_.bold);
    NextRow();
    Text(0, "likelihood \\ impact", f_.header);
    for (size_t c = 0; c < map.column_labels.size(); ++c) {
      Text(static_cast<int>(c) + 1, map.column_labels[c], f_.header);
    }
    NextRow();
    for (size_t r = 0; r < map.row_labels.size(); ++r) {
      Text(0, map.row_labels[r], f_.header);
      for (size_t c = 0; c < map.column_labels.size(); ++c) {
        const Tone tone = map.tones[r][c];
        Number(static_cast<int>(c) + 1, map.counts[r][c],
               tone == Tone::kNone ? nullptr : f_.tone.at(tone));
      }
      NextRow();
    }
    Text(0,
         "Each cell counts the risks rated at that likelihood and impact; its colour is the "
         "status band of the cell's matrix score.");
    NextRow(2);
  }

  void SetWidths() {
    for (const auto& [col, width] : widths_) {
      worksheet_set_column(ws_, col, col, std::min<double>(60, std::max<double>(8, width + 1)),
                           nullptr);
    }
  }

 private:
  void Widen(int col, size_t chars) {
    double& w = widths_[col];
    w = std::max(w, static_cast<double>(std::min<size_t>(chars, 60)));
  }

  lxw_workbook* book_;
  lxw_worksheet* ws_;
  std::string name_;
  const Formats& f_;
  int row_ = 0;
  std::map<int, double> widths_;
};

}  // namespace

std::string SheetName(const std::string& title, const std::vector<std::string>& taken) {
  std::string base;
  for (char c : title) {
    if (std::string_view("[]:*?/\\'").find(c) == std::string_view::npos) base += c;
  }
  if (base.empty()) base = "Sheet";
  for (int n = 1;; ++n) {
    const std::string suffix = n == 1 ? "" : " " + std::to_string(n);
    std::string name = base.substr(0, 31 - suffix.size()) + suffix;
    if (std::find(taken.begin(), taken.end(), name) == taken.end()) return name;
  }
}

Status WriteDocumentXlsx(const Document& document, const std::string& path) {
  // Written beside the target and renamed over it at the end, so a failure leaves any earlier
  // file as it was and no half-written one.
  const std::string partial = TemporaryPathFor(path);
  lxw_workbook* book = workbook_new(partial.c_str());
  if (book == nullptr) return IoError("cannot create " + path);
  const Formats formats = MakeFormats(book);
  std::vector<std::string> names = {"Contents"};
  lxw_worksheet* contents = workbook_add_worksheet(book, "Contents");
  {
    SheetWriter w(book, contents, "Contents", formats);
    w.Text(0, document.title, formats.title);
    w.NextRow();
    for (const std::string& line : document.subtitle_lines) w.Text(0, line), w.NextRow();
    w.NextRow();
    w.Text(0, "Sheet", formats.header);
    w.Text(1, "Section", formats.header);
    w.NextRow();
    std::vector<std::string> planned = names;
    for (const Section& section : document.sections) {
      planned.push_back(SheetName(section.title, planned));
      w.Text(0, planned.back());
      w.Text(1, section.title);
      w.NextRow();
    }
    w.SetWidths();
  }
  for (const Section& section : document.sections) {
    names.push_back(SheetName(section.title, names));
    lxw_worksheet* ws = workbook_add_worksheet(book, names.back().c_str());
    SheetWriter w(book, ws, names.back(), formats);
    w.Text(0, section.title, formats.title);
    w.NextRow(2);
    for (const Block& block : section.blocks) {
      std::visit([&](const auto& b) { w.Write(b); }, block);
    }
    w.SetWidths();
  }
  errno = 0;
  const lxw_error error = workbook_close(book);
  const int close_errno = errno;
  if (error != LXW_NO_ERROR) {
    std::remove(partial.c_str());
    return IoError("cannot write " + path + ": " + lxw_strerror(error) +
                   (close_errno != 0 ? std::string(" (") + std::strerror(close_errno) + ")" : ""));
  }
  if (std::rename(partial.c_str(), path.c_str()) != 0) {
    std::remove(partial.c_str());
    return IoError("cannot write " + path + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace probation::report
