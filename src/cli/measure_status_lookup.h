// The value and RAG of measures named by framework id and code, as business-plan actions
// relate them, for one period and unit: the store's snapshot is built once and each
// framework's scorecard computed on it. For `probation plan show --period`.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>

#include "base/status.h"

namespace probation {

// (framework id, measure code) -> "83.1% red", "412 (no target)", "not computed: no rule" ...
using MeasureStatuses = std::map<std::pair<std::string, std::string>, std::string>;

// `refs` names the measures; `unit` is an org unit code or empty for the nation; `as_at` is
// YYYY-MM-DD or empty for the latest recorded activity. A framework that is not installed, or a
// code it does not hold, gets a status saying so rather than an error.
Result<MeasureStatuses> LookUpMeasureStatuses(
    const std::string& db_path, const std::set<std::pair<std::string, std::string>>& refs,
    const std::string& period, const std::string& unit, const std::string& as_at);

}  // namespace probation
