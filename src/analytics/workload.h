// Workload: points per officer from the cases they hold (tier A-D x 0-3 and setting) and the
// court reports they write, against the points they have available (contracted hours less
// reductions), as capacity % per officer, team and LDU (docs/workload.md).
//
// The weights are data: reference/workload_points.csv holds one or more versions, each from an
// effective date (the version in force on the as-at date applies); reference/
// workload_reduction_caps.csv caps each kind of reduction. Reductions themselves are records
// (table workload_reductions, loaded by `probation workload reductions`).
//
//   available points = nominal points x (contracted hours - reduction hours) / nominal hours
//   capacity %       = workload points / available points x 100   (red over red_over_percent)
//
// Plain values and pure functions; thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "analytics/tiering.h"
#include "base/date.h"
#include "base/status.h"

namespace probation::analytics {

inline constexpr int kTierCount = 16;  // A3 A2 A1 A0 B3 ... D0
// The index of "A3".."D0" in that order, or -1 when `tier` is not one of them.
int TierIndex(std::string_view tier);
std::string TierName(int index);

// One version of the points table.
struct PointsTable {
  Date effective_from;
  std::array<std::array<int, kTierCount>, kSettingCount> case_points{};  // [setting][tier]
  int sdr_points = 0;                                                    // standard delivery report
  int fdr_points = 0;                                                    // fast delivery report
  double nominal_points = 0;  // for a full week of nominal_hours
  double nominal_hours = 37;
  double red_over_percent = 110;  // capacity above this is red
  int report_window_days = 28;    // reports count for this many days
};

class WorkloadPoints {
 public:
  // CSV "effective_from,item,value,source"; items: community.A3 ... custody.D0, report.SDR,
  // report.FDR, nominal.points, nominal.hours, capacity.red_over_percent,
  // report.window_days. Every version must give every item. Errors name file and line.
  static Result<WorkloadPoints> FromCsv(std::string_view text, std::string_view source_name);
  // reference/workload_points.csv
  static Result<WorkloadPoints> Load();

  // The version in force on `at` (the latest effective on or before it; the earliest when
  // `at` precedes them all).
  const PointsTable& At(Date at) const;
  const std::vector<PointsTable>& versions() const { return versions_; }

 private:
  std::vector<PointsTable> versions_;  // ascending effective_from
};

// What caps a kind of reduction: at most max_percent of contracted hours; a reduction without
// an end date expires max_weeks after its start (0: never).
struct ReductionCap {
  std::string type;  // TRAINING, UNION, SICKNESS, OTHER
  double max_percent = 100;
  int max_weeks = 0;
};

// reference/workload_reduction_caps.csv: "reduction_type,max_percent,max_weeks,source".
Result<std::vector<ReductionCap>> ParseReductionCaps(std::string_view text,
                                                     std::string_view source_name);
Result<std::vector<ReductionCap>> LoadReductionCaps();

struct Reduction {
  std::string staff_id;
  int reduction_no = 0;
  std::string type;  // one of the caps' types
  double hours = 0;  // weekly hours
  Date start;
  std::optional<Date> end;  // last day; none: until the cap's expiry, if any
  std::string note;
};

struct AppliedReductions {
  double hours = 0;                // total weekly hours taken off, at most the contracted
  std::vector<std::string> notes;  // "TRAINING 7.4h (capped at 20% = 7.4h of 9h)", ...
};

// The reductions in force on `at` for an officer with `contracted_hours`: each from its start
// to its end (inclusive), or, without an end, until start + max_weeks (exclusive); each capped
// at its type's max_percent of contracted hours; the total capped at the contracted hours.
AppliedReductions ApplyReductions(const std::vector<Reduction>& reductions,
                                  const std::vector<ReductionCap>& caps, double contracted_hours,
                                  Date at);

double AvailablePoints(const PointsTable& table, double contracted_hours, double reduction_hours);
// workload / available x 100; 0 when nothing is available and there is no workload, and
// infinity-free: 999.9 when there is workload but nothing available.
double CapacityPercent(double workload_points, double available_points);

// The points of one case, 0 when its tier is not A3..D0.
int CasePoints(const PointsTable& table, Setting setting, std::string_view tier);

}  // namespace probation::analytics
