// Plans in the store (migration 3, src/store/migrations.cc): saving a plan replaces it whole,
// by id, in one transaction; loading gives back an equal Plan. Progress notes and quarter RAGs
// recorded later (AddProgressNote, SetQuarterRag: `probation plan update`) are kept apart from
// those the plan file holds, so re-importing the file does not lose them:
//  - re-import replaces everything that came from a file;
//  - a note added by update survives, unless the new file has the same note (same date,
//    author and text: the file took it in, e.g. after `plan export`);
//  - a quarter RAG set by update survives, unless the new file rates that item for that
//    quarter (the file wins);
//  - an import that drops an item which has updates is refused (FailedPrecondition naming the
//    item), so nothing recorded is lost silently.
// Loaded plans list the file's notes and RAGs first, in file order, then the updates in the
// order they were recorded.
//
// Functions only; thread-compatible (one Database per thread).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "planning/plan.h"
#include "store/database.h"

namespace probation::planning {

// Saves every plan in one transaction: all or none. Each must pass ValidatePlan(); ids must be
// unique among `plans`.
// REQUIRES: `db` is migrated (OpenStore).
Status SavePlans(Database* db, const std::vector<Plan>& plans);
Status SavePlan(Database* db, const Plan& plan);

// The plan with id `plan_id`, or NotFound naming the plans there are.
Result<Plan> LoadPlan(Database* db, std::string_view plan_id);
// Every plan, ordered by id.
Result<std::vector<Plan>> LoadPlans(Database* db);

// Appends a progress note to item `number` of plan `plan_id`. The note needs a date, an author
// and text (InvalidArgument otherwise); NotFound when there is no such plan or item.
Status AddProgressNote(Database* db, std::string_view plan_id, std::string_view number,
                       const ProgressNote& note);

// Sets (or replaces) the RAG of item `number` for `rag.quarter`. InvalidArgument when the
// quarter is not "YYYY-Qn" or a red RAG has no comment; NotFound when there is no such plan or
// item.
Status SetQuarterRag(Database* db, std::string_view plan_id, std::string_view number,
                     const QuarterRag& rag);

}  // namespace probation::planning
