// Questions the board pack and the `plan` commands ask of plans: which actions are overdue,
// who leads what, and how a quarter's RAG ratings add up. Pure functions over the structs of
// plan.h (no store, no clock: the date is a parameter). Thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "planning/plan.h"

namespace probation::planning {

// An item of a plan, by reference.
// REQUIRES: the plan outlives the reference.
struct ItemRef {
  const Plan* plan = nullptr;
  const PlanItem* item = nullptr;
};

// True when `item` counts as done at `as_of`: completed on or before that day, or accomplished
// fully.
bool IsDone(const PlanItem& item, Date as_of);

// Items whose deadline has passed at `as_of` (deadline < as_of: on the deadline day an item is
// not yet overdue) and that are not done (IsDone). Items without a dated deadline are never
// overdue. Ordered by deadline, then plan id, then document order.
std::vector<ItemRef> OverdueActions(const std::vector<Plan>& plans, Date as_of);

// Items grouped by lead, leads in alphabetical order and items in plan and document order.
// With a non-empty `owner`, only leads containing it (case-insensitive) are kept; an item's
// lead code is also matched against the plan's [[leads]] name and role ("Davidson" finds "JD").
// Items with no lead are left out.
std::map<std::string, std::vector<ItemRef>> ActionsByLead(const std::vector<Plan>& plans,
                                                          std::string_view owner = "");

// A plan's RAG ratings for one quarter: each item rated for that quarter counts once by its
// rating; latest_* counts each rated item once by its most recent rating up to and including
// that quarter (items never rated count as not rated).
struct RagSummary {
  std::string plan_id;
  std::string quarter;
  int red = 0, amber = 0, green = 0, not_rated = 0;  // ratings for exactly `quarter`
  int latest_red = 0, latest_amber = 0, latest_green = 0, latest_not_rated = 0;
};

// One summary per plan, over the plan's actions (items of kind "action"; every item when the
// plan has no actions). REQUIRES: CheckQuarter(quarter).ok().
std::vector<RagSummary> QuarterRagSummary(const std::vector<Plan>& plans, std::string_view quarter);

// The most recent rating of `item` in or before `quarter`, or nullptr.
const QuarterRag* RagAsOf(const PlanItem& item, std::string_view quarter);

}  // namespace probation::planning
