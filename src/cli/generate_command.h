// `probation generate --out DIR [--profile trust|national] [--seed N] [--as-at YYYY-MM-DD]
// [--scale X]`: writes a synthetic, consistent data set in the bulk-load CSV format.
//
// The callback prints one line per file with its row count, the total and the elapsed time,
// and sets *exit_code: 0 on success, 2 on error (message on stderr).
#pragma once

#include <CLI/CLI.hpp>

namespace probation {

void AddGenerateCommand(CLI::App& app, int* exit_code);

}  // namespace probation
