// Workload reductions as records (table workload_reductions, migration 9): what an analyst
// loads from a CSV file with `probation workload reductions --db FILE --load FILE.csv`.
//
//   staff_id,reduction_no,reduction_type,hours,start_date,end_date,note
//   S00042,1,TRAINING,7.4,2011-01-10,2011-12-31,PQF year 2
//
// hours are weekly hours taken off; reduction_type is one of reference/
// workload_reduction_caps.csv; end_date (the last day) may be blank, and the cap's max_weeks
// then ends it. A row replaces the stored row with the same staff_id and reduction_no.
// Functions only; thread-compatible (one Database per thread).
#pragma once

#include <string>
#include <vector>

#include "analytics/workload.h"
#include "store/database.h"

namespace probation::analytics {

// Parses and checks the CSV above (types against `caps`, hours above 0, end not before start).
// Errors name the file and line.
Result<std::vector<Reduction>> ParseReductionsCsv(std::string_view text,
                                                  std::string_view source_name,
                                                  const std::vector<ReductionCap>& caps);

// Stores `reductions` (insert or replace by key), all or nothing; NotFound naming the first
// staff id that is not in the staff table.
Status SaveReductions(Database* db, const std::vector<Reduction>& reductions);

// Every stored reduction, by staff id and number.
Result<std::vector<Reduction>> ReadReductions(Database* db);

}  // namespace probation::analytics
