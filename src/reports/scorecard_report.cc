#include "reports/scorecard_report.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "base/csv.h"
#include "measures/data_quality.h"
#include "reports/measure_text.h"

namespace probation {
namespace {

using measures::Measure;
using measures::MeasureCell;
using measures::MeasureKind;
using measures::Scorecard;
using measures::ScorecardRow;

std::string Format(const char* fmt, double v) { return FormatNumber(fmt, v); }
std::string ValueText(const Measure& m, double v) { return MeasureValueText(m, v); }
std::string TargetText(const Measure& m, const std::optional<double>& t) {
  return MeasureTargetText(m, t);
}
std::string CountsText(const Measure& m, const measures::Tally& t) {
  return MeasureCountsText(m, t);
}
// The row's standing: weighted score (or share of measures met), band, rank among the rated.
std::string Standing(const Scorecard& card, const ScorecardRow& row) {
  std::string out;
  if (!row.rated) {
    return card.rows.size() > 1 || row.band > 0 || !card.rank_by_share
               ? ": not rated (no rated measure with a target), not ranked"
               : "";
  }
  if (card.rank_by_share) {
    out += Format(": %.0f%% of rated measures at or above target", row.share_met) + " (" +
           std::to_string(row.measures_met) + " of " + std::to_string(row.measures_rated) + ")";
  } else {
    out += Format(": weighted score %.1f", row.weighted_score);
  }
  if (row.band > 0) out += ", band " + std::to_string(row.band);
  if (card.rated_rows > 1) {
    out += ", rank " + std::to_string(row.rank) + " of " + std::to_string(card.rated_rows) +
           " rated (quartile " + std::to_string(row.quartile) + ")";
  }
  return out;
}

std::string RagMarker(measures::Rag rag) {
  switch (rag) {
    case measures::Rag::kGreen:
      return "[G]";
    case measures::Rag::kAmber:
      return "[A]";
    case measures::Rag::kRed:
      return "[R]";
    case measures::Rag::kNone:
      break;
  }
  return "   ";
}

std::string Truncate(const std::string& s, size_t n) {
  return s.size() <= n ? s : s.substr(0, n - 3) + "...";
}

std::string JoinFields(const std::vector<std::string>& fields) {
  std::string out;
  for (const std::string& f : fields) out += (out.empty() ? "" : ", ") + f;
  return out;
}

nlohmann::json Number(double v) { return std::isnan(v) ? nlohmann::json() : nlohmann::json(v); }

}  // namespace

std::string ScorecardText(const Scorecard& card) {
  const measures::Framework& fw = *card.framework;
  std::string out = card.scope_name + ": " + fw.title + " (" + fw.id + ")\n";
  out += "Period " + card.period.label + " (" + card.period.start.ToString() + " to " +
         card.period.end.ToString() + "), data as at " + card.as_at.ToString() + "\n";
  out += "Trend against " + card.previous.label + " and " + card.year_earlier.label +
         ". [G] green, [A] amber, [R] red; pending items are neither success nor failure;\n"
         "a cell not rated says why, and has no RAG, trend word or part in the score.\n";
  if (card.rows.size() > 1 && card.rank_by_share) {
    out += "Ranked by the share of rated measures at or above target (the framework has no "
           "weights); units not rated are listed apart.\n";
  }
  for (const ScorecardRow& row : card.rows) {
    out += "\n== " + row.code + "  " + row.name + " (" +
           std::string(measures::UnitLevelName(row.unit.level)) + ")" + Standing(card, row);
    out += "\n";
    char line[640];
    std::snprintf(line, sizeof line, "%-11s %-44s %9s %13s %7s %9s %3s %9s %-6s %9s %-6s %s\n",
                  "code", "measure", "value", "succ/items", "pending", "target", "RAG", "previous",
                  "trend", "year ago", "trend", "note");
    out += line;
    for (size_t m = 0; m < fw.measures.size(); ++m) {
      const Measure& measure = fw.measures[m];
      const MeasureCell& c = row.cells[m];
      if (measure.placeholder) {
        std::snprintf(line, sizeof line,
                      "%-11s %-44s %9s  (not defined in the source: a user defines it)\n",
                      measure.code.c_str(), Truncate(measure.title, 44).c_str(), "-");
        out += line;
        continue;
      }
      std::string note = c.not_rated.empty() ? "" : "not rated: " + c.not_rated;
      if (c.target && c.target_source != "framework") {
        note += std::string(note.empty() ? "" : "; ") + "target " + c.target_source;
      }
      if (const std::string q = CellQualityText(c); !q.empty()) {
        const std::string fields = JoinFields(measures::FilterFields(measure));
        note += std::string(note.empty() ? "" : "; ") + q + (fields.empty() ? "" : " in " + fields);
      }
      std::snprintf(line, sizeof line,
                    "%-11s %-44s %9s %13s %7lld %9s %3s %9s %-6s %9s %-6s %s\n",
                    measure.code.c_str(), Truncate(measure.title, 44).c_str(),
                    ValueText(measure, c.value).c_str(), CountsText(measure, c.tally).c_str(),
                    static_cast<long long>(c.tally.pending), TargetText(measure, c.target).c_str(),
                    RagMarker(c.rag).c_str(), ValueText(measure, c.previous).c_str(),
                    CellTrendWord(measure, c, false).c_str(),
                    ValueText(measure, c.year_earlier).c_str(),
                    CellTrendWord(measure, c, true).c_str(), note.c_str());
      // Trailing spaces of an empty note dropped.
      std::string text = line;
      while (text.size() > 1 && text[text.size() - 2] == ' ') text.erase(text.size() - 2, 1);
      out += text;
    }
  }
  return out;
}

std::string ScorecardJson(const Scorecard& card) {
  const measures::Framework& fw = *card.framework;
  nlohmann::json j;
  j["framework"] = {{"id", fw.id}, {"title", fw.title}};
  const auto period = [](const measures::Period& p) {
    return nlohmann::json{
        {"label", p.label}, {"start", p.start.ToString()}, {"end", p.end.ToString()}};
  };
  j["period"] = period(card.period);
  j["previous_period"] = period(card.previous);
  j["year_earlier"] = period(card.year_earlier);
  j["as_at"] = card.as_at.ToString();
  j["level"] = std::string(measures::UnitLevelName(card.level));
  j["organisation"] = {{"code", card.scope_code}, {"name", card.scope_name}};
  j["ranked_by"] = card.rank_by_share ? "share of rated measures at or above target"
                                      : "weighted score";
  j["units"] = nlohmann::json::array();
  for (const ScorecardRow& row : card.rows) {
    nlohmann::json u{{"code", row.code},         {"name", row.name},
                     {"rated", row.rated},       {"weighted_score", row.weighted_score},
                     {"band", row.band},         {"rank", row.rank},
                     {"quartile", row.quartile}, {"share_met", Number(row.share_met)}};
    u["measures"] = nlohmann::json::array();
    for (size_t m = 0; m < fw.measures.size(); ++m) {
      const Measure& measure = fw.measures[m];
      const MeasureCell& c = row.cells[m];
      nlohmann::json cell{{"code", measure.code},
                          {"value", Number(c.value)},
                          {"succeeded", c.tally.succeeded},
                          {"failed", c.tally.failed},
                          {"pending", c.tally.pending},
                          {"target", c.target ? nlohmann::json(*c.target) : nlohmann::json()},
                          {"target_source", c.target_source},
                          {"rag", std::string(measures::RagName(c.rag))},
                          {"not_rated", c.not_rated},
                          {"trend_previous", CellTrendWord(measure, c, false)},
                          {"trend_year_earlier", CellTrendWord(measure, c, true)},
                          {"previous", Number(c.previous)},
                          {"year_earlier", Number(c.year_earlier)},
                          {"weighted_shortfall", measure.weight * c.shortfall}};
      if (measure.placeholder) cell["placeholder"] = true;
      if (c.quality_rows >= 0) {
        cell["data_quality"] = {{"candidate_rows", c.quality_rows},
                                {"blank_rows", c.quality_blank},
                                {"blank_fields", measures::FilterFields(measure)},
                                {"flag", c.quality_flag}};
      }
      u["measures"].push_back(std::move(cell));
    }
    j["units"].push_back(std::move(u));
  }
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string ScorecardCsv(const Scorecard& card) {
  const measures::Framework& fw = *card.framework;
  std::string out =
      "framework,period,level,unit_code,unit_name,measure,title,value,succeeded,failed,pending,"
      "target,rag,previous,year_earlier,weighted_score,band,rank,quartile,target_source,"
      "not_rated,candidate_rows,blank_rows,data_flag\n";
  const auto num = [](double v) { return std::isnan(v) ? std::string() : Format("%.4g", v); };
  for (const ScorecardRow& row : card.rows) {
    for (size_t m = 0; m < fw.measures.size(); ++m) {
      const Measure& measure = fw.measures[m];
      const MeasureCell& c = row.cells[m];
      for (const std::string& f :
           {fw.id, card.period.label, std::string(measures::UnitLevelName(card.level)), row.code,
            row.name, measure.code, measure.title}) {
        AppendCsvField(&out, f);
        out += ',';
      }
      out += num(c.value) + "," + std::to_string(c.tally.succeeded) + "," +
             std::to_string(c.tally.failed) + "," + std::to_string(c.tally.pending) + "," +
             (c.target ? num(*c.target) : "") + "," + std::string(measures::RagName(c.rag)) + "," +
             num(c.previous) + "," + num(c.year_earlier) + "," + num(row.weighted_score) + "," +
             std::to_string(row.band) + "," + std::to_string(row.rank) + "," +
             std::to_string(row.quartile) + ",";
      AppendCsvField(&out, c.target_source);
      out += ',';
      AppendCsvField(&out, c.not_rated);
      out += c.quality_rows >= 0 ? "," + std::to_string(c.quality_rows) + "," +
                                       std::to_string(c.quality_blank) + "," +
                                       (c.quality_flag ? "yes" : "no")
                                 : std::string(",,,");
      out += '\n';
    }
  }
  return out;
}

}  // namespace probation
