// Demand forecast: the caseload (orders and licences running) of each LDU and setting for the
// next four quarters, from the flow of commencements and terminations in the last eight
// (docs/workload.md has the model and a worked example).
//
// Model, per LDU and setting, over history quarters q with caseload N_q at the start,
// commencements C_q and terminations T_q (N_q+1 = N_q + C_q - T_q):
//   termination rate   r = sum T_q / sum (N_q + C_q)     (share of those supervised in a
//                                                         quarter whose sentence ends in it)
//   commencements      c = mean C_q
//   forecast           N_h+1 = (N_h + c) x (1 - r), from the caseload now
//   interval           N_h +/- 1.96 x s x sqrt(h), s the standard deviation of the one-step
//                      errors N_q+1 - (N_q + c)(1 - r) over the history (n - 1 divisor; 0 with
//                      fewer than two quarters); the low end is never below 0.
// Plain values and functions; thread-safe.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "analytics/tiering.h"
#include "base/date.h"
#include "measures/organisation.h"
#include "measures/period.h"
#include "store/snapshot.h"

namespace probation::analytics {

struct QuarterFlow {
  std::string label;  // "2010-Q3"
  int start_caseload = 0;
  int commencements = 0;
  int terminations = 0;
  int end_caseload() const { return start_caseload + commencements - terminations; }
};

struct ForecastPoint {
  std::string label;
  double caseload = 0;
  double low = 0;  // 95% prediction interval
  double high = 0;
};

struct CaseloadForecast {
  double termination_rate = 0;
  double mean_commencements = 0;
  double residual_sd = 0;
  std::vector<ForecastPoint> quarters;
};

// REQUIRES: labels.size() is the number of quarters wanted. `current` is the caseload at the
// end of the last history quarter.
CaseloadForecast ForecastCaseload(const std::vector<QuarterFlow>& history, int current,
                                  const std::vector<std::string>& labels);

// The financial quarter after `p` ("2011-Q4" -> "2012-Q1"). REQUIRES: p is a quarter.
measures::Period NextQuarter(const measures::Period& p);

// The flow of every LDU (org row) and setting over the `count` financial quarters ending with
// the last one complete on `at` (the quarter ending on or before it), oldest first. A sentence
// belongs to the LDU of the team of its responsible officer allocated last on or before `at`
// (sentences never allocated are left out); its setting is its type's.
struct LduFlows {
  int32_t ldu_row = -1;
  std::array<std::vector<QuarterFlow>, kSettingCount> flows;
};
std::vector<LduFlows> ComputeLduFlows(const Snapshot& snapshot,
                                      const measures::Organisation& organisation, Date at,
                                      int count, std::vector<measures::Period>* quarters);

// An LDU's demand against its staff: the forecast of each setting, their total (intervals
// combined as independent: the square root of the summed squared half-widths; the low end never
// below 0), and the capacity % now scaled by the forecast caseload (and by its high end) for
// each quarter; the LDU's demand outruns its staff when a scaled capacity passes `red_over`.
struct LduDemand {
  int32_t ldu_row = -1;
  std::array<int, kSettingCount> now{};  // caseload at the end of the history, per setting
  std::array<CaseloadForecast, kSettingCount> settings;
  int total_now = 0;
  std::vector<ForecastPoint> total;
  double capacity_now = 0;
  std::vector<double> capacity, capacity_high;  // per forecast quarter
  bool outruns = false;
};

// REQUIRES: labels.size() is the number of quarters wanted. `capacity_now` is the LDU's
// capacity % on the as-at date.
LduDemand ForecastLduDemand(const LduFlows& ldu, const std::vector<std::string>& labels,
                            double capacity_now, double red_over);

}  // namespace probation::analytics
