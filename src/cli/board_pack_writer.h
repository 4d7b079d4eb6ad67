// Writing a board pack to a file, as `probation boardpack` does: what the command and the demo
// share.
#pragma once

#include <string>

#include "base/status.h"

namespace probation {

struct BoardPackArgs {
  std::string db, framework, period, unit, out, as_at;
  int trend_periods = 6;
  int due_within = 10;
  bool include_parent_plans = false;  // plans, registers and annexes of the units above too
};

// Opens the database, computes the pack and writes `args.out` (.html or .xlsx, by its name).
// Errors name the option or file at fault; nothing is written on error.
Status WriteBoardPack(const BoardPackArgs& args);

}  // namespace probation
