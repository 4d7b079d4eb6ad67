// Equality of outcomes (PT14 and the trusts' equality schemes): for a period and unit, the
// rate of each outcome by ethnicity (Census 2001 16+1 and five broad groups), gender, age band
// and disability; each group's ratio to a reference group with a 95% interval (Katz log
// method); groups whose numerator or denominator is below a threshold suppressed; and the
// completeness of the diversity data.
//
// Outcomes (each item is attributed to the team managing its sentence on the item's date, or
// to a report's author):
//   orders completed     community orders (CO, SSO, PCJA) terminated in the period: reason
//                        COMPLETED
//   breaches             community sentences and licences current in the period: a breach
//                        initiated in the period
//   recalls              licences current in the period: a recall decided in the period
//   custody proposals    pre-sentence reports (ORAL, FDR, SDR) delivered in the period with a
//                        proposal: the proposal is CUSTODY
//   programme completion accredited programme requirements ended in the period: COMPLETED
// Functions only; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analytics/case_facts.h"
#include "base/status.h"
#include "measures/period.h"

namespace probation::analytics {

enum class Outcome {
  kOrdersCompleted,
  kBreaches,
  kRecalls,
  kCustodyProposals,
  kProgrammeCompletion
};
inline constexpr int kOutcomes = 5;
std::string_view OutcomeName(Outcome o);  // "orders completed", ...

enum class Grouping { kEthnicity, kEthnicBroad, kGender, kAgeBand, kDisability };
inline constexpr int kGroupings = 5;
std::string_view GroupingName(Grouping g);  // "ethnicity (16+1)", "ethnicity (broad)", ...

// The risk ratio (a/n1) / (c/n0) and its 95% interval by the Katz log method:
// exp(ln RR +- 1.96 sqrt(1/a - 1/n1 + 1/c - 1/n0)). False (nothing set) when a or c is 0.
bool KatzRiskRatio(size_t a, size_t n1, size_t c, size_t n0, double* ratio, double* low,
                   double* high);

struct GroupRate {
  std::string code;   // e.g. "W1", "White", "M", "30-39", "N", "missing"
  std::string label;  // readable name
  size_t numerator = 0, denominator = 0;
  bool reference = false;   // the group the others are compared with
  bool suppressed = false;  // numerator or denominator below the threshold
  double rate = 0;          // numerator / denominator
  // Ratio to the reference group and its interval; NaN when not computed (suppressed, the
  // reference group suppressed, or a zero count). The reference group's own ratio is 1 with
  // no interval.
  double ratio = 0, low = 0, high = 0;
};

struct OutcomeGroups {
  Outcome outcome = Outcome::kOrdersCompleted;
  Grouping grouping = Grouping::kEthnicity;
  std::string reference;                  // code of the reference group
  size_t numerator = 0, denominator = 0;  // all groups
  std::vector<GroupRate> groups;          // in code-list order; "missing" last
};

// Diversity data of the people with a sentence current in the period (PT14).
struct Completeness {
  size_t people = 0;
  size_t ethnicity_recorded = 0, ethnicity_not_stated = 0, ethnicity_missing = 0;
  size_t disability_recorded = 0, disability_not_stated = 0, disability_missing = 0;
  size_t gender_recorded = 0, gender_not_known = 0;
};

struct EqualityParams {
  measures::Period period;
  std::optional<measures::UnitRef> scope;  // nullopt or national: everyone
  int threshold = 10;                      // counts below this are suppressed
};

struct EqualityReport {
  EqualityParams params;
  std::vector<OutcomeGroups> tables;  // every outcome x grouping, outcome-major
  Completeness completeness;
};

Result<EqualityReport> ComputeEquality(const CaseFacts& facts, const EqualityParams& params);

}  // namespace probation::analytics
