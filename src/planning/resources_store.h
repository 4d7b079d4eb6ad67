// Resource annexes in the store (schema version 4: resource_annexes, resource_years,
// budget_lines, resource_totals, staffing_lines). Thread-compatible, like the Database.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "planning/resources.h"
#include "store/database.h"

namespace probation::planning {

// Replaces the annexes with the same ids (if any) by `annexes`, in one transaction: all are
// saved or none. REQUIRES: each was checked by ParseResourceAnnex.
Status SaveAnnexes(Database* db, const std::vector<ResourceAnnex>& annexes);

// Every annex in the store, by id.
Result<std::vector<ResourceAnnex>> LoadAnnexes(Database* db);

}  // namespace probation::planning
