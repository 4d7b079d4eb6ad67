// The board pack: the one document a Probation Board reads each quarter, assembled as a
// report::Document for one organisation and period:
//   scorecard    every measure of the framework with value, target, RAG and trend, and the
//                RAG of each unit one level down;
//   trends       each targeted measure period by period against its target (charts);
//   exceptions   failed, pending and due-soon items per measure, and the teams with most
//                failures (counts only: a Board sees aggregates, never a name);
//   plans        business-plan actions by RAG for the quarter, and the overdue ones;
//   risks        the heat map, red and black risks with their comments, risks past review;
//   caseload     the caseload annex for the financial year to date and the year before;
//   budget       budget lines, plan against outturn, variance, the carry-forward check;
//   staffing     FTE by unit and grade, and sickness days per FTE.
// Every figure comes from the same functions as the scorecard and the plan, risk and resource
// commands, so the pack's numbers equal theirs. Render with DocumentHtml / WriteDocumentXlsx.
// Functions only; thread-safe when the database is not shared.
#pragma once

#include "base/calendar.h"
#include "base/date.h"
#include "base/status.h"
#include "measures/engine.h"
#include "measures/framework.h"
#include "measures/organisation.h"
#include "measures/period.h"
#include "reports/document.h"
#include "store/database.h"

namespace probation {

struct BoardPackRequest {
  const measures::Engine* engine = nullptr;        // REQUIRED
  const measures::Framework* framework = nullptr;  // REQUIRED: the scorecard's framework
  // The caseload-annex framework; null: the caseload section says it was not computed.
  const measures::Framework* caseload = nullptr;
  // PT15 (working days lost to sickness per FTE a year) for the staffing annex's sickness
  // table; null: not shown.
  const measures::Measure* sickness = nullptr;
  const Calendar* calendar = nullptr;  // REQUIRED: working days for "due soon"
  Database* db = nullptr;              // plans, risk registers, resources; null: not shown
  measures::Period period;
  measures::UnitRef scope;  // the organisation the Board governs (the nation by default)
  int trend_periods = 6;    // periods in each trend chart, the last being `period`
  int due_within = 10;      // working days: pending items due this soon are "due soon"
  int top_teams = 10;       // rows in "teams with most failed items"
  // Plans, risk registers and resource annexes of the units enclosing `scope` too (by default
  // only those of `scope` itself). Never another organisation's.
  bool include_parent_plans = false;
};

// Whether a plan, register or annex whose `organisation` is as written belongs in the pack:
// it names the pack's unit (or, with include_parent_plans, a unit enclosing it), by code or by
// name, compared without case, punctuation and the words "probation", "trust", "service",
// "board" and "area" (so "Cheshire Probation" is the unit "Cheshire Probation Trust", and
// "National Probation Service" the nation). The nation is a parent only when the data holds it.
bool BelongsToPack(const BoardPackRequest& request, std::string_view organisation);

// "" or a sentence saying how many of `what` (e.g. "plans") other organisations' are held and
// left out.
std::string LeftOutText(int left_out, const std::string& what);

// REQUIRES: the pointers marked REQUIRED are set and outlive the call.
Result<report::Document> BuildBoardPack(const BoardPackRequest& request);

// The sections, in order (each appends to `document`); BuildBoardPack calls them all. The
// plan, risk and resource sections read the store and say so when it holds none.
Status AppendPerformanceSections(const BoardPackRequest& request, report::Document* document);
Status AppendPlanSection(const BoardPackRequest& request, report::Document* document);
Status AppendRiskSection(const BoardPackRequest& request, report::Document* document);
Status AppendCaseloadSection(const BoardPackRequest& request, report::Document* document);
Status AppendBudgetSection(const BoardPackRequest& request, report::Document* document);
Status AppendStaffingSection(const BoardPackRequest& request, report::Document* document);

}  // namespace probation
