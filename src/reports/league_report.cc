// The league table of a scorecard (--league): one row per unit, a column per measure with its
// RAG, rated units by rank and the units not rated apart, with the quartile boundaries.
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "base/csv.h"
#include "reports/measure_text.h"
#include "reports/scorecard_report.h"

namespace probation {
namespace {

using measures::Scorecard;
using measures::ScorecardRow;

// Rated rows by rank (ties in code order), then the rows not rated in code order.
std::vector<const ScorecardRow*> LeagueOrder(const Scorecard& card) {
  std::vector<const ScorecardRow*> rows;
  for (const ScorecardRow& r : card.rows) rows.push_back(&r);
  std::stable_sort(rows.begin(), rows.end(), [](const ScorecardRow* a, const ScorecardRow* b) {
    const int ra = a->rated ? a->rank : 1 << 30, rb = b->rated ? b->rank : 1 << 30;
    return ra < rb;
  });
  return rows;
}

std::string ScoreText(const Scorecard& card, const ScorecardRow& row) {
  if (!row.rated) return "";
  return card.rank_by_share ? FormatNumber("%.1f", row.share_met)
                            : FormatNumber("%.1f", row.weighted_score);
}

std::string ScoreName(const Scorecard& card) {
  return card.rank_by_share ? "share of rated measures at or above target (%)"
                            : "weighted score (lower is better)";
}

std::string CellRag(const measures::MeasureCell& c) {
  if (!c.not_rated.empty()) return "-";
  const std::string_view rag = measures::RagName(c.rag);
  return rag.empty() ? "." : std::string(1, static_cast<char>(rag[0] - 'a' + 'A'));
}

// The score of the last rated unit in each of quartiles 1-3 (empty when a quartile is empty).
std::vector<std::string> QuartileBoundaries(const Scorecard& card) {
  std::vector<std::string> out(3);
  for (const ScorecardRow* row : LeagueOrder(card)) {
    if (row->rated && row->quartile >= 1 && row->quartile <= 3) {
      out[static_cast<size_t>(row->quartile - 1)] = ScoreText(card, *row);
    }
  }
  return out;
}

}  // namespace

std::string LeagueText(const Scorecard& card) {
  const measures::Framework& fw = *card.framework;
  std::string out = card.scope_name + ": " + fw.title + " (" + fw.id + "), league of " +
                    std::string(measures::UnitLevelName(card.level)) + " units\n";
  out += "Period " + card.period.label + ", data as at " + card.as_at.ToString() + ". Ranked by " +
         ScoreName(card) + ", among the " + std::to_string(card.rated_rows) +
         " units rated; units not rated are listed apart.\n";
  out += "Cells: G green, A amber, R red, . rated without a target, - not rated.\n";
  const std::vector<std::string> q = QuartileBoundaries(card);
  out += "Quartile boundaries (score of the last unit in quartiles 1, 2, 3): " +
         (q[0].empty() ? "-" : q[0]) + ", " + (q[1].empty() ? "-" : q[1]) + ", " +
         (q[2].empty() ? "-" : q[2]) + "\n\n";
  char line[128];
  std::snprintf(line, sizeof line, "%-5s %-3s %-12s %-32s %8s %4s ", "rank", "qtr", "code", "unit",
                "score", "band");
  out += line;
  for (const measures::Measure& m : fw.measures) {
    if (!m.placeholder) out += " " + m.code;
  }
  out += "\n";
  bool apart = false;
  for (const ScorecardRow* row : LeagueOrder(card)) {
    if (!row->rated && !apart) {
      out += "-- not rated (no rated measure with a target): not ranked\n";
      apart = true;
    }
    std::snprintf(line, sizeof line, "%-5s %-3s %-12s %-32s %8s %4s ",
                  row->rated ? std::to_string(row->rank).c_str() : "-",
                  row->rated ? std::to_string(row->quartile).c_str() : "-", row->code.c_str(),
                  row->name.substr(0, 32).c_str(), ScoreText(card, *row).c_str(),
                  row->band > 0 ? std::to_string(row->band).c_str() : "-");
    out += line;
    for (size_t m = 0; m < fw.measures.size(); ++m) {
      if (fw.measures[m].placeholder) continue;
      const std::string rag = CellRag(row->cells[m]);
      out += " " + rag + std::string(fw.measures[m].code.size() - 1, ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += "\n";
  }
  return out;
}

std::string LeagueCsv(const Scorecard& card) {
  const measures::Framework& fw = *card.framework;
  std::string out = "framework,period,level,rank,quartile,unit_code,unit_name,score,score_kind,band";
  for (const measures::Measure& m : fw.measures) {
    if (!m.placeholder) {
      out += ',';
      AppendCsvField(&out, m.code);
    }
  }
  out += "\n";
  for (const ScorecardRow* row : LeagueOrder(card)) {
    for (const std::string& f :
         {fw.id, card.period.label, std::string(measures::UnitLevelName(card.level)),
          row->rated ? std::to_string(row->rank) : std::string(),
          row->rated ? std::to_string(row->quartile) : std::string(), row->code, row->name,
          ScoreText(card, *row), std::string(card.rank_by_share ? "share_met" : "weighted_score"),
          row->band > 0 ? std::to_string(row->band) : std::string()}) {
      AppendCsvField(&out, f);
      out += ',';
    }
    out.pop_back();
    for (size_t m = 0; m < fw.measures.size(); ++m) {
      if (fw.measures[m].placeholder) continue;
      const measures::MeasureCell& c = row->cells[m];
      out += ',';
      AppendCsvField(&out, c.not_rated.empty() ? std::string(measures::RagName(c.rag))
                                               : "not rated: " + c.not_rated);
    }
    out += "\n";
  }
  return out;
}

Status WriteLeagueXlsx(const Scorecard& card, const std::string& path) {
  const measures::Framework& fw = *card.framework;
  lxw_workbook* book = workbook_new(path.c_str());
  if (book == nullptr) return IoError("cannot create " + path);
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_format* rag[4] = {nullptr, workbook_add_format(book), workbook_add_format(book),
                        workbook_add_format(book)};
  format_set_bg_color(rag[1], 0x00B050);
  format_set_bg_color(rag[2], 0xFFC000);
  format_set_bg_color(rag[3], 0xFF0000);
  format_set_font_color(rag[3], LXW_COLOR_WHITE);
  lxw_worksheet* ws = workbook_add_worksheet(book, "League");
  worksheet_write_string(ws, 0, 0,
                         (card.scope_name + ": " + fw.title + ", " + card.period.label +
                          ", as at " + card.as_at.ToString() + "; ranked by " + ScoreName(card))
                             .c_str(),
                         bold);
  const std::vector<std::string> q = QuartileBoundaries(card);
  worksheet_write_string(
      ws, 1, 0,
      ("Quartile boundaries (last score in quartiles 1, 2, 3): " + q[0] + ", " + q[1] + ", " + q[2])
          .c_str(),
      nullptr);
  const char* headers[] = {"rank", "quartile", "unit code", "unit", "score", "band"};
  for (int c = 0; c < 6; ++c) worksheet_write_string(ws, 3, c, headers[c], bold);
  int col = 6;
  for (const measures::Measure& m : fw.measures) {
    if (!m.placeholder) worksheet_write_string(ws, 3, col++, m.code.c_str(), bold);
  }
  int r = 4;
  for (const ScorecardRow* row : LeagueOrder(card)) {
    if (row->rated) {
      worksheet_write_number(ws, r, 0, row->rank, nullptr);
      worksheet_write_number(ws, r, 1, row->quartile, nullptr);
      worksheet_write_number(ws, r, 4, card.rank_by_share ? row->share_met : row->weighted_score,
                             nullptr);
    } else {
      worksheet_write_string(ws, r, 0, "not rated", nullptr);
    }
    worksheet_write_string(ws, r, 2, row->code.c_str(), nullptr);
    worksheet_write_string(ws, r, 3, row->name.c_str(), nullptr);
    if (row->band > 0) worksheet_write_number(ws, r, 5, row->band, nullptr);
    col = 6;
    for (size_t m = 0; m < fw.measures.size(); ++m) {
      if (fw.measures[m].placeholder) continue;
      const measures::MeasureCell& c = row->cells[m];
      const std::string text =
          c.not_rated.empty() ? std::string(measures::RagName(c.rag)) : "not rated";
      worksheet_write_string(ws, r, col++, text.c_str(), rag[static_cast<int>(c.rag)]);
    }
    ++r;
  }
  worksheet_set_column(ws, 3, 3, 32, nullptr);
  const lxw_error error = workbook_close(book);
  if (error != LXW_NO_ERROR) return IoError("cannot write " + path + ": " + lxw_strerror(error));
  return Status::Ok();
}

}  // namespace probation
