// The plan file: one plan as TOML (docs/plans.md). ParsePlanFile() reads and validates one;
// WritePlanFile() writes one back, deterministically, so that parsing what it wrote gives an
// equal Plan. Functions only; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "planning/plan.h"

namespace probation::planning {

// Parses the TOML text of one plan file. `source_name` (the path) starts every error. Errors
// are InvalidArgument with one problem a line, "SOURCE, line L, column C: reason", naming the
// key: TOML syntax, unknown keys (with the nearest allowed key), wrong types, missing required
// keys, dates that are not real days, and every rule FindPlanProblems() checks.
Result<Plan> ParsePlanText(std::string_view text, std::string_view source_name);

// Reads and parses the file at `path` (IoError if it cannot be read).
Result<Plan> ParsePlanFile(const std::string& path);

// The plan as TOML in the documented layout: plan keys, then [[context]], [[leads]],
// [[lists]], [[items]] (each with its [[items.activities]], [[items.progress]] and
// [[items.rag]]) and [[milestones]], in the plan's order, empty values left out.
// REQUIRES: ValidatePlan(plan).ok() for the result to parse back.
std::string WritePlanText(const Plan& plan);

}  // namespace probation::planning
