// Reoffending against prediction (National Indicator 18 / OM21, and NI30 for Prolific and
// other Priority Offenders): a cohort of adults on the community caseload at a snapshot date,
// the share proven to reoffend within a follow-up window, against the rate OGRS3 predicts for
// the same people, reported as (actual - predicted) / predicted x 100 (negative is better).
//
// The window holds offences committed on the days after the snapshot up to and including
// snapshot + follow-up months; an offence counts when its conviction (or caution) falls on or
// before window end + the proven-outcome wait. A cohort whose wait has not ended by the data's
// date is incomplete: it shows what is proven so far and is never rated. The 95% interval is
// the Wilson score interval of the actual proportion, expressed on the difference scale (the
// predicted rate is a fixed model output). See docs/reoffending.md.
// Functions only; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analytics/case_facts.h"
#include "analytics/sentence_ogrs3.h"
#include "base/status.h"

namespace probation::analytics {

// `d` plus `months` calendar months; a day past the end of the month becomes its last day.
Date AddMonths(Date d, int months);

// The Wilson score 95% interval of k successes in n trials. REQUIRES: n > 0.
void WilsonInterval(size_t k, size_t n, double* low, double* high);

struct ReoffendingParams {
  Date snapshot;               // the caseload date
  int follow_up_months = 12;   // 12 (OGRS3 1-year) or 24 (2-year)
  int proven_wait_months = 6;  // the wait for convictions after the window ends
  Date data_as_at;             // the latest date the data covers
  bool ppo_only = false;       // NI30: PPO registration current at the snapshot
  int adult_age = 18;          // age at the snapshot from which a person is in the cohort
};

struct CohortMember {
  int32_t person = -1;
  int32_t sentence = -1;    // the latest-starting community sentence current at the snapshot
  double predicted = 0;     // OGRS3 probability for the follow-up, 0..1
  int reoffences = 0;       // proven reoffences in the window
  int32_t team = -1;        // org row of the managing team at the snapshot
  int8_t tier = kNullInt8;  // tier code of the latest assessment started by the snapshot
};

struct CohortFigures {
  size_t size = 0, reoffenders = 0, reoffences = 0;
  double predicted = 0;  // mean predicted probability
  double actual = 0;     // reoffenders / size
  // (actual - predicted) / predicted x 100 and its 95% interval; NaN for an empty cohort.
  double difference = 0, low = 0, high = 0;
  double frequency = 0;  // reoffences per offender
};

struct Cohort {
  ReoffendingParams params;
  Date window_start, window_end, proven_by;
  bool complete = false;  // the proven-outcome wait ended by data_as_at
  size_t not_scored = 0;  // on the caseload but OGRS3 could not be computed: left out
  std::vector<CohortMember> members;
  CohortFigures total;
};

// The cohort of `scope`'s caseload (nullopt: everyone). `scores` is ScoreSentences()'s output.
Result<Cohort> BuildCohort(const CaseFacts& facts, const std::vector<SentenceOgrs3>& scores,
                           const ReoffendingParams& params,
                           std::optional<measures::UnitRef> scope = std::nullopt);

// The figures of `members`.
CohortFigures FiguresOf(const std::vector<const CohortMember*>& members);

enum class Breakdown { kTrust, kLdu, kTeam, kTier, kOffence, kGender, kEthnicity };
Result<Breakdown> ParseBreakdown(std::string_view text);  // "trust", "ldu", ... "ethnicity"

struct BreakdownRow {
  std::string label;
  CohortFigures figures;
};
// One row per value of `by` (in label order; "unknown" for a blank).
std::vector<BreakdownRow> BreakDown(const CaseFacts& facts, const Cohort& cohort, Breakdown by);

struct DecileRow {
  int decile = 0;  // 1 (lowest predicted) .. 10
  double min_predicted = 0, max_predicted = 0;
  CohortFigures figures;
};
// The cohort in ten groups of (nearly) equal size by predicted probability, lowest first.
std::vector<DecileRow> Calibration(const Cohort& cohort);

}  // namespace probation::analytics
