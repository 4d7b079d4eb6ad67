// Plan: a business plan or strategy as a record. Every source document is, at heart, a plan:
// aims, objectives and actions with leads and deadlines, progress and RAG by quarter. A plan is
// a tree of items identified by hierarchical numbers (the Derbyshire plan's 6.4.1,
// 004_e863cb9eb1c938c2.txt), each with what success looks like, a deadline, a lead and the
// body that oversees it; related measures (codes in a framework, so an action can show the
// measure's RAG); planning-context codes (the Essex plan's N1-N5, R1-R23, LAA1-LAA9,
// 000_21ea2e793c612d8f.txt); planned activities year by year (Essex); dated progress notes
// and RAG per financial quarter (Derbyshire); accomplishment levels (the Thames Valley
// strategy, 002_8b1057ff5e7a13ca.txt); and milestones on a timeline.
//
// The file format is docs/plans.md (src/planning/plan_file.h); the store is
// src/planning/plan_store.h. Plain values; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/status.h"

namespace probation::planning {

enum class Rag { kRed, kAmber, kGreen };
// "R", "A", "G".
std::string_view RagName(Rag rag);
// "R"/"red", "A"/"amber", "G"/"green" in any case; otherwise InvalidArgument.
Result<Rag> ParseRag(std::string_view text);

// The Thames Valley strategy's ticks: "Accomplished Fully", "Significantly", "Partly".
enum class Accomplishment { kNone, kPartly, kSignificantly, kFully };
// "", "partly", "significantly", "fully".
std::string_view AccomplishmentName(Accomplishment a);
Result<Accomplishment> ParseAccomplishment(std::string_view text);

// A planning-context code and its wording as the plan gives it (Essex: "N1 Workforce reforms to
// improve flexibility", level "national"; "R1 ...", level "regional", group "Partnership
// Working"; "LAA1 ...", level "local").
struct ContextCode {
  std::string code;
  std::string level;  // national, regional or local
  std::string group;  // the heading the code sits under, if any
  std::string text;
  bool operator==(const ContextCode&) const = default;
};

// A person or role a plan names as a lead, when the plan abbreviates (Cheshire: "JD" is John
// Davidson, Assistant Chief Executive (Operations)).
struct Lead {
  std::string code;
  std::string name;
  std::string role;
  bool operator==(const Lead&) const = default;
};

// A titled list of plain statements that belongs to the whole plan (Thames Valley: strengths,
// weaknesses, success criteria, what is changing).
struct PlanList {
  std::string name;
  std::vector<std::string> entries;
  bool operator==(const PlanList&) const = default;
};

// A related measure: `code` in framework `framework` (an id in frameworks/). A code the
// frameworks do not hold is kept as text with an empty framework ("All OMI").
struct MeasureRef {
  std::string framework;
  std::string code;
  bool operator==(const MeasureRef&) const = default;
};

// Planned activities for one year of a multi-year plan (Essex: 2011-12, 2012-13).
struct PlannedActivity {
  std::string year;  // a financial year, "2011-12"
  std::string text;
  bool operator==(const PlannedActivity&) const = default;
};

struct ProgressNote {
  std::optional<Date> date;  // a note transcribed from a document may have none
  std::string author;        // may be empty for the same reason
  std::string text;
  bool operator==(const ProgressNote&) const = default;
};

struct QuarterRag {
  std::string quarter;  // a financial quarter, "2008-Q3" (October-December 2008)
  Rag rag = Rag::kGreen;
  std::string comment;  // required when rag is red
  bool operator==(const QuarterRag&) const = default;
};

// A point on the plan's timeline. `month` ("2009-03") or `date` places it; `when` keeps the
// document's wording ("March 09", "Each April"); a recurring or vague point may have neither
// month nor date.
struct Milestone {
  std::string month;         // YYYY-MM, or empty
  std::optional<Date> date;  // or an exact day
  std::string when;
  std::string text;
  std::string item;  // the number of the item it belongs to, or empty for the whole plan
  bool operator==(const Milestone&) const = default;
};

// An aim, objective, action or priority.
struct PlanItem {
  std::string number;  // unique in the plan: "6.4.1", "O1.2", "P3"
  std::string parent;  // the parent's number; empty at the top of the tree
  std::string kind;    // aim, priority, theme, objective or action
  std::string title;   // the text as written
  std::string description;
  std::string success;  // what success looks like / outcome
  std::string measure;  // how success is measured, in the plan's words
  std::optional<Date> deadline;
  std::string deadline_text;  // the plan's wording: "March", "Q3", "Ongoing until 2011"
  std::optional<Date> completed;
  std::string lead;        // a person, role or Lead code
  std::string governance;  // the body that oversees it: "Performance Panel", "Audit Committee"
  std::string level;       // where it is done, when the plan says: "area", "regional", "national"
  Accomplishment accomplishment = Accomplishment::kNone;
  std::vector<std::string> context;  // ContextCode codes
  std::string context_text;          // the plan's wording when it is not a list ("All")
  std::vector<MeasureRef> measures;
  std::vector<PlannedActivity> activities;
  std::vector<ProgressNote> progress;
  std::vector<QuarterRag> rag;
  bool operator==(const PlanItem&) const = default;
};

struct Plan {
  std::string id;  // lower-case letters, digits and '-': "derbyshire-2008-09"
  std::string organisation;
  std::string title;
  std::string kind;         // business-plan, strategy, strategic-plan or development-plan
  Date start;               // first day of the period
  Date end;                 // last day of the period
  std::string source;       // the source document, by file name
  std::string description;  // vision, mission or purpose
  std::vector<std::string> reporting_quarters;  // the quarters the plan reports RAG for
  std::vector<ContextCode> context;
  std::vector<Lead> leads;
  std::vector<PlanList> lists;
  std::vector<PlanItem> items;  // in document order; a parent comes before its children
  std::vector<Milestone> milestones;
  bool operator==(const Plan&) const = default;

  // The item numbered `number`, or nullptr.
  const PlanItem* FindItem(std::string_view number) const;
  PlanItem* FindItem(std::string_view number);
};

// The allowed values of Plan::kind and PlanItem::kind.
inline constexpr std::string_view kPlanKinds[] = {"business-plan", "strategy", "strategic-plan",
                                                  "development-plan"};
inline constexpr std::string_view kItemKinds[] = {"aim", "priority", "theme", "objective",
                                                  "action"};

// OK when `text` is a financial quarter "YYYY-Qn" (n 1-4); otherwise InvalidArgument.
Status CheckQuarter(std::string_view text);

// The most recent RAG of `item` (the latest quarter), or nullptr when never rated.
const QuarterRag* LatestRag(const PlanItem& item);

// One problem ValidatePlan finds. `path` names the field the way the file format spells it
// ("items[3].rag[1].comment", "milestones[0].item", "end") so a file reader can point at the
// line; `message` names the item by number ("item 6.4.1: a red RAG for 2008-Q3 needs a
// comment").
struct PlanProblem {
  std::string path;
  std::string message;
};

// Checks the rules the structs cannot express: an id of lower-case letters, digits and '-';
// organisation and title present; known kinds; the period's end not before its start; numbers
// present and unique; parents exist and come before their children; context codes defined
// and unique; a red RAG has a comment; quarters well formed and not repeated on an item;
// activity years are financial years; milestone months well formed and milestone items
// exist; related measures have a code.
std::vector<PlanProblem> FindPlanProblems(const Plan& plan);

// OK, or InvalidArgument listing every problem's message, one a line.
Status ValidatePlan(const Plan& plan);

}  // namespace probation::planning
