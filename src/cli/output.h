// Where a command's report goes: standard output, or a file named by --out.
#pragma once

#include <string>

#include "base/status.h"

namespace probation {

// Writes `text` to `path` (whole or not at all), or to standard output when `path` is empty.
Status WriteOutput(const std::string& text, const std::string& path);

}  // namespace probation
