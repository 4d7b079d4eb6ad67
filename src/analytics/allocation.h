// Allocation help: for a new case (its tier, setting and, when known, ROSH), the officers of a
// team ranked by their capacity after taking it, with grade rules as data
// (reference/allocation_grade_rules.csv): a rule whose condition the case meets limits the
// grades that may hold it, e.g. high ROSH cases to probation officers, not PSOs.
//
//   condition,value,allowed_grades,source
//   rosh_at_least,HIGH,PO|SPO,...      the case's ROSH is at least HIGH
//   protect_level,A,PO|SPO,...         the case's tier starts with A
//
// Every rule the case meets applies (the allowed grades are those all of them allow).
// Plain values and functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "analytics/workload.h"
#include "analytics/workload_officers.h"

namespace probation::analytics {

struct GradeRule {
  std::string condition;  // rosh_at_least | protect_level
  std::string value;
  std::vector<std::string> grades;
  std::string source;
};

Result<std::vector<GradeRule>> ParseGradeRules(std::string_view text, std::string_view source);
Result<std::vector<GradeRule>> LoadGradeRules();  // reference/allocation_grade_rules.csv

struct NewCase {
  std::string tier;  // A3..D0
  Setting setting = Setting::kCommunity;
  int rosh = kRoshUnknown;
};

struct Candidate {
  const OfficerWorkload* officer = nullptr;
  int points = 0;     // the new case's points
  double before = 0;  // capacity %
  double after = 0;
  bool eligible = true;
  std::string why_not;  // for an ineligible officer: the rule that excludes them
};

// The eligible officers by capacity after allocation, lowest first (ties: staff id), then the
// ineligible ones in the same order. InvalidArgument when the tier is not A3..D0.
Result<std::vector<Candidate>> RankOfficers(const std::vector<const OfficerWorkload*>& officers,
                                            const NewCase& new_case, const PointsTable& points,
                                            const std::vector<GradeRule>& rules);

}  // namespace probation::analytics
