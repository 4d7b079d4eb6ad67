// Where a command's report goes: standard output, or a file named by --out.
#pragma once

#include <string>

#include "base/status.h"

namespace probation {

// Refuses an --out that is the command's database or one of its files (-wal, -shm, -journal,
// the snapshot image): base/output_paths.h. Call before anything is opened for writing; an
// empty `out` (standard output) is fine.
Status CheckCommandOutput(const std::string& out, const std::string& db);

// Writes `text` to `path` (whole or not at all: a temporary file beside it, renamed over it
// once complete), or to standard output when `path` is empty. An error names the path and
// the reason.
Status WriteOutput(const std::string& text, const std::string& path);

}  // namespace probation
