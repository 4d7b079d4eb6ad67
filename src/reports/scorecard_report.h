// Scorecard and exception-list output: text for a terminal (RAG marked), JSON and CSV for
// other programs, .xlsx for people (a sheet per level with RAG colours, and a sheet of
// definitions). Functions only; thread-safe.
#pragma once

#include <span>
#include <string>

#include "base/status.h"
#include "measures/engine.h"
#include "measures/scorecard.h"

namespace probation {

std::string ScorecardText(const measures::Scorecard& card);
std::string ScorecardJson(const measures::Scorecard& card);
std::string ScorecardCsv(const measures::Scorecard& card);
// Writes one sheet per scorecard (each a level) and a "Definitions" sheet.
Status WriteScorecardXlsx(std::span<const measures::Scorecard> cards, const std::string& path);

// The league table: one row per unit of the card, a column per measure with its RAG (or "-"
// when not rated), rated units sorted by score (weighted score, or share of rated measures at
// or above target), then the units not rated; with the quartile boundaries (the score of the
// last unit in each quartile).
std::string LeagueText(const measures::Scorecard& card);
std::string LeagueCsv(const measures::Scorecard& card);
Status WriteLeagueXlsx(const measures::Scorecard& card, const std::string& path);

// One exception list: the items behind one measure's number.
struct ExceptionList {
  const measures::Measure* measure = nullptr;
  measures::Period period;
  std::string unit_code;
  Date as_at;
  int due_within = 0;  // working days; items pending with a deadline that soon are "due soon"
  std::vector<measures::Item> items;
};

// "succeeded", "failed", "pending" or "due-soon".
std::string ItemStatusName(const measures::Item& item, Date as_at, int due_within,
                           const Calendar& calendar);

std::string ExceptionsText(const ExceptionList& list, const measures::Engine& engine,
                           const Calendar& calendar);
std::string ExceptionsCsv(const ExceptionList& list, const measures::Engine& engine,
                          const Calendar& calendar);
std::string ExceptionsJson(const ExceptionList& list, const measures::Engine& engine,
                           const Calendar& calendar);

}  // namespace probation
