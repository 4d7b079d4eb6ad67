// A report as data: a titled document of sections, each a sequence of paragraphs, tables and
// charts. The board pack is assembled as a Document (reports/board_pack.h) and rendered by
// DocumentHtml (printable, self-contained web page) and WriteDocumentXlsx (one sheet per
// section), so both outputs carry the same numbers. Plain values; no behaviour.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace probation::report {

// A cell's status colour. Renderers always print the status as words too, never colour alone.
enum class Tone { kNone, kGreen, kAmber, kRed, kBlack };

struct Cell {
  std::string text;              // as printed
  std::optional<double> number;  // the value behind `text`, for spreadsheets
  Tone tone = Tone::kNone;
  Cell() = default;
  Cell(std::string t) : text(std::move(t)) {}  // NOLINT: plain text cells read naturally
  Cell(const char* t) : text(t) {}             // NOLINT
  Cell(std::string t, std::optional<double> n, Tone tone_ = Tone::kNone)
      : text(std::move(t)), number(n), tone(tone_) {}
};

struct Table {
  std::string caption;
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;  // each as wide as `columns`
  std::string empty_text = "None.";     // printed instead of an empty table
  int wide_column = -1;                 // the column given most of the width (long text)
};

struct Paragraph {
  std::string text;
};

// A measure's value period by period against its target: a small line chart with the numbers
// beneath it.
struct TrendChart {
  std::string code;                            // measure code
  std::string title;                           // measure title
  std::string unit_suffix;                     // "%" for percentages, else empty
  int decimals = 1;                            // places the figures are printed with
  std::vector<std::string> labels;             // period labels, oldest first
  std::vector<std::optional<double>> values;   // per label; empty: no value
  std::vector<std::optional<double>> targets;  // per label; empty: no target
  bool higher_is_better = true;
  Tone latest = Tone::kNone;  // RAG of the latest period
};

// Risks counted by likelihood (rows, most likely first) and impact (columns, least first).
struct HeatMap {
  std::string title;
  std::vector<std::string> row_labels;     // likelihood, VH first
  std::vector<std::string> column_labels;  // impact, VL first
  std::vector<std::vector<int>> counts;    // [row][column]
  std::vector<std::vector<int>> scores;    // the matrix score of each cell
  std::vector<std::vector<Tone>> tones;    // the status band of each cell
};

using Block = std::variant<Paragraph, Table, TrendChart, HeatMap>;

struct Section {
  std::string id;     // short, unique: anchors in HTML, sheet names in .xlsx
  std::string title;  // heading
  std::vector<Block> blocks;
};

struct Document {
  std::string title;
  std::vector<std::string> subtitle_lines;  // organisation, period, data as at, generated
  std::vector<Section> sections;
};

// "green", "amber", "red", "black" or "".
const char* ToneName(Tone tone);

}  // namespace probation::report
