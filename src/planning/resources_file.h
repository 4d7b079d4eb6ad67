// The resource annex file: one TOML file per budget or staffing table (format in
// docs/resources.md; examples in examples/resources/). ParseResourceAnnex checks it, including
// every printed total against the lines, with the file, line and column of each problem;
// WriteResourceAnnex writes it back deterministically (parse -> write -> parse gives the same
// annex). Stateless functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "planning/resources.h"

namespace probation::planning {

Result<ResourceAnnex> ParseResourceAnnex(std::string_view text, const std::string& path);
Result<ResourceAnnex> ReadResourceAnnexFile(const std::string& path);
std::string WriteResourceAnnex(const ResourceAnnex& annex);

}  // namespace probation::planning
