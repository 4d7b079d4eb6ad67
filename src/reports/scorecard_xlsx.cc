// The scorecard as an .xlsx workbook: one sheet per level (RAG cells coloured) and a sheet of
// the measures' definitions. libxlsxwriter writes nothing until the workbook is closed.
#include <xlsxwriter.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "base/output_paths.h"
#include "reports/measure_text.h"
#include "reports/scorecard_report.h"

namespace probation {
namespace {

using measures::Measure;

std::string KindName(measures::MeasureKind kind) {
  switch (kind) {
    case measures::MeasureKind::kPercent:
      return "percent";
    case measures::MeasureKind::kCount:
      return "count";
    case measures::MeasureKind::kAverage:
      return "average";
    case measures::MeasureKind::kRate:
      return "rate";
  }
  return "";
}

void WriteNumber(lxw_worksheet* ws, int row, int col, double v, lxw_format* f = nullptr) {
  if (!std::isnan(v)) worksheet_write_number(ws, row, col, v, f);
}

}  // namespace

Status WriteScorecardXlsx(std::span<const measures::Scorecard> cards, const std::string& path) {
  if (cards.empty()) return InvalidArgument("no scorecard to write");
  // Written beside the target and renamed over it at the end (base/output_paths.h).
  const std::string partial = TemporaryPathFor(path);
  lxw_workbook* book = workbook_new(partial.c_str());
  if (book == nullptr) return IoError("cannot create " + path);
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_format* rag[4] = {nullptr, workbook_add_format(book), workbook_add_format(book),
                        workbook_add_format(book)};
  format_set_bg_color(rag[1], 0x00B050);  // green
  format_set_bg_color(rag[2], 0xFFC000);  // amber
  format_set_bg_color(rag[3], 0xFF0000);  // red
  format_set_font_color(rag[3], LXW_COLOR_WHITE);
  const char* headers[] = {"unit code",      "unit",      "measure",  "title",
                           "value",          "succeeded", "failed",   "pending",
                           "target",         "RAG",       "previous", "year earlier",
                           "weighted score", "band",      "rank",     "quartile",
                           "target source",  "not rated", "data quality"};
  for (const measures::Scorecard& card : cards) {
    const std::string sheet_name(measures::UnitLevelName(card.level));
    lxw_worksheet* ws = workbook_add_worksheet(book, sheet_name.c_str());
    worksheet_write_string(
        ws, 0, 0,
        (card.scope_name + ": " + card.framework->title + ", " + card.period.label + ", as at " +
         card.as_at.ToString())
            .c_str(),
        bold);
    for (int c = 0; c < 19; ++c) worksheet_write_string(ws, 2, c, headers[c], bold);
    int row = 3;
    for (const measures::ScorecardRow& unit : card.rows) {
      for (size_t m = 0; m < card.framework->measures.size(); ++m) {
        const Measure& measure = card.framework->measures[m];
        const measures::MeasureCell& cell = unit.cells[m];
        worksheet_write_string(ws, row, 0, unit.code.c_str(), nullptr);
        worksheet_write_string(ws, row, 1, unit.name.c_str(), nullptr);
        worksheet_write_string(ws, row, 2, measure.code.c_str(), nullptr);
        worksheet_write_string(ws, row, 3, measure.title.c_str(), nullptr);
        WriteNumber(ws, row, 4, cell.value);
        worksheet_write_number(ws, row, 5, static_cast<double>(cell.tally.succeeded), nullptr);
        worksheet_write_number(ws, row, 6, static_cast<double>(cell.tally.failed), nullptr);
        worksheet_write_number(ws, row, 7, static_cast<double>(cell.tally.pending), nullptr);
        if (cell.target) worksheet_write_number(ws, row, 8, *cell.target, nullptr);
        const int r = static_cast<int>(cell.rag);
        worksheet_write_string(ws, row, 9, std::string(measures::RagName(cell.rag)).c_str(),
                               rag[r]);
        WriteNumber(ws, row, 10, cell.previous);
        WriteNumber(ws, row, 11, cell.year_earlier);
        worksheet_write_number(ws, row, 12, unit.weighted_score, nullptr);
        worksheet_write_number(ws, row, 13, unit.band, nullptr);
        worksheet_write_number(ws, row, 14, unit.rank, nullptr);
        worksheet_write_number(ws, row, 15, unit.quartile, nullptr);
        worksheet_write_string(ws, row, 16, cell.target_source.c_str(), nullptr);
        worksheet_write_string(ws, row, 17, cell.not_rated.c_str(), nullptr);
        worksheet_write_string(ws, row, 18, CellQualityText(cell).c_str(),
                               cell.quality_flag ? rag[2] : nullptr);
        ++row;
      }
    }
    worksheet_set_column(ws, 3, 3, 50, nullptr);
  }
  lxw_worksheet* defs = workbook_add_worksheet(book, "Definitions");
  const char* def_headers[] = {"code",        "title",  "kind",  "counts",
                               "description", "weight", "source"};
  for (int c = 0; c < 7; ++c) worksheet_write_string(defs, 0, c, def_headers[c], bold);
  int row = 1;
  for (const Measure& m : cards[0].framework->measures) {
    worksheet_write_string(defs, row, 0, m.code.c_str(), nullptr);
    worksheet_write_string(defs, row, 1, m.title.c_str(), nullptr);
    worksheet_write_string(defs, row, 2, KindName(m.kind).c_str(), nullptr);
    if (m.counts != nullptr) {
      worksheet_write_string(defs, row, 3, std::string(m.counts->name).c_str(), nullptr);
    }
    worksheet_write_string(defs, row, 4, m.description.c_str(), nullptr);
    worksheet_write_number(defs, row, 5, m.weight, nullptr);
    worksheet_write_string(defs, row, 6, m.source.c_str(), nullptr);
    ++row;
  }
  worksheet_set_column(defs, 4, 4, 80, nullptr);
  errno = 0;
  const lxw_error error = workbook_close(book);
  const int close_errno = errno;
  if (error != LXW_NO_ERROR) {
    std::remove(partial.c_str());
    return IoError("cannot write " + path + ": " + lxw_strerror(error) +
                   (close_errno != 0 ? std::string(" (") + std::strerror(close_errno) + ")" : ""));
  }
  if (std::rename(partial.c_str(), path.c_str()) != 0) {
    const int rename_errno = errno;
    std::remove(partial.c_str());
    return IoError("cannot write " + path + ": " + std::strerror(rename_errno));
  }
  return Status::Ok();
}

}  // namespace probation
