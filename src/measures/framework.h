// A measure framework: a versioned set of measures loaded from a TOML file under frameworks/
// (e.g. frameworks/nps-2005-06.toml), each measure's rules compiled once. The file format is
// documented in docs/frameworks.md. Immutable once loaded; safe to share between threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "measures/expression.h"
#include "model/record_types.h"

namespace probation::measures {

// What a measure's number is.
enum class MeasureKind {
  kPercent,  // of the items in the population (anchor in period, filter true), the share that
             // succeed; pending items are neither
  kCount,    // items in the population that succeed (all items when there is no success rule)
  kAverage,  // mean of `value` over the population items whose value is not null
  kRate,     // items that succeed per `rate_per` items of the population
};

// kNone: a volume (custodial cases, fines and discharges): its change is shown, never judged.
enum class Direction { kHigherIsBetter, kLowerIsBetter, kNone };

// A target that applies from a financial year on ("2011-12"), or to all years when `year` is
// empty. Count targets are annual. A target "to be confirmed" (the PTRS table's "Tbc") means
// no target from that year on, until a later entry sets one.
struct Target {
  std::string year;
  double value = 0;
  bool tbc = false;  // value is meaningless
};

// A unit's own target (from the framework's targets table, frameworks/targets.csv): applies to
// the unit with `unit` code from `target.year` on, like the measure's own targets.
struct UnitTarget {
  std::string unit;                // org unit code, or "national"
  Target target;
  std::optional<double> tolerance;  // amber tolerance; none: the measure's
};

// The target of `targets` in force for the financial year starting in `fy_start_year`: the
// latest entry from that year or before (none, or a "tbc" entry: no target).
std::optional<double> TargetInForce(const std::vector<Target>& targets, int fy_start_year);

struct Measure {
  std::string code;  // "PT6"
  std::string title;
  std::string description;  // the rule in plain words, and where it interprets the source
  MeasureKind kind = MeasureKind::kPercent;
  const RecordType* counts = nullptr;  // the record type whose rows are the items
  ExprPtr anchor;    // date placing an item in a period (required unless placeholder)
  ExprPtr filter;    // boolean; null: every item
  ExprPtr success;   // boolean; null for averages, and counts of the whole population
  ExprPtr deadline;  // date by which an unsuccessful item fails; null: fails at once
  ExprPtr value;     // number; averages only
  // The rules' text as written in the file (empty when absent), for listing and docs.
  std::string anchor_text;
  std::string filter_text;
  std::string success_text;
  std::string deadline_text;
  std::string value_text;
  double rate_per = 100;        // kRate
  std::vector<Target> targets;  // none: monitored only (no RAG)
  // Amber when short of the target by no more than this: percentage points, or for counts
  // per cent of the pro-rata target. Set from the framework's default when the file omits it.
  double amber_tolerance = 0;
  Direction direction = Direction::kHigherIsBetter;
  double weight = 0;  // weighted scorecard weight; 0: not weighted (percent and count only)
  // The target is set for the whole service (the NPS's national count targets, e.g. 50,000
  // unpaid work completions): it is judged at national level only, not for a trust or unit.
  bool national_target = false;
  // Targets of named units (the targets table), in file order.
  std::vector<UnitTarget> unit_targets;
  // The items are a population (PT13: staff by ethnicity), not successes and failures: the
  // exception lists do not call the others "failed".
  bool population = false;
  // A count of a level at one moment (beds occupied on the period's last night), not a flow:
  // its targets are the level to hold, judged as they stand for any period, never pro rata.
  bool level = false;
  // A record type and one of its date fields ("staff_absences.start_date") whose records the
  // measure's rules read: a period in which the data holds none of them at all is not rated
  // ("no staff_absences records"), so no sickness recorded is never read as none taken.
  std::string needs_records;
  const RecordType* needs_type = nullptr;
  int needs_field = -1;
  // Monthly profile of the annual target for count measures, April first (12 shares that sum
  // to the target, or to 1); empty: equal twelfths.
  std::vector<double> monthly_profile;
  std::string source;  // document and section
  // Figures the source reports for reference (the PTRS table's previous target, achieved,
  // planned target), shown beside computed values; free text.
  std::string previous_target;
  std::string reported_achieved;
  // A measure the documents cite without a definition: carried by name for a user to define;
  // no rules, never computed.
  bool placeholder = false;
  SourcePos position;  // of the measure's `code` in the framework file

  // The target in force for the financial year starting in `fy_start_year`, if any.
  std::optional<double> TargetFor(int fy_start_year) const;
};

// Band thresholds of the weighted scorecard: a unit's weighted score at or below
// `max_score[0]` is band 4 (best), ... above the last is band 1. Scores are weighted
// shortfalls against target, so zero means every target met.
struct Bands {
  std::vector<double> max_score;  // ascending, 3 entries for bands 4, 3, 2
};

// What a unit with no target of its own gets when the measure's targets belong to another unit
// (a national count target, a trust's count target in the targets table).
enum class UnitTargetRule {
  kNone,     // no target and no RAG
  kProRata,  // a share of the nearest enclosing unit's count target, in proportion to the
             // `pro_rata_by` measure's count at each (counts only; others: no target)
};

struct Framework {
  std::string id;  // "nps-2005-06"
  std::string title;
  std::string year;         // "2005-06"
  std::string description;  // optional: what the framework is, and how its bands are read
  std::string source;
  std::string file;  // where it was loaded from
  double default_amber_tolerance = 5;
  // A cell is not rated when more than this share of its items is pending (default a third).
  double max_pending_share = 1.0 / 3;
  // ... or when it has fewer decided items than this (percent, rate and average measures).
  int min_decided = 1;
  // A cell's data is flagged when more than this share of its candidate rows has a blank in a
  // field the filter reads (measures/data_quality.h; default 5%).
  double max_blank_share = 0.05;
  UnitTargetRule unit_target_rule = UnitTargetRule::kNone;
  std::string pro_rata_by;  // a count measure of the framework (kProRata)
  std::string targets_file;  // the targets table read, empty when none had rows for it
  Bands bands;
  std::vector<Measure> measures;

  const Measure* FindMeasure(std::string_view code) const;
};

// Loads and validates the framework file at `path`, compiling every rule, and the rows of
// `targets.csv` beside it (framework,measure,unit,year,target,tolerance) for its id. Errors are
// InvalidArgument (IoError when the file cannot be read) with one line per problem, each
// "<path>, line L, column C: <what is wrong>"; as many problems as can be found are reported.
Result<Framework> LoadFramework(const std::string& path);
// The same for a framework's `text`; `path` names it in messages.
Result<Framework> ParseFramework(std::string_view text, const std::string& path);

// Loads every *.toml file in `dir`, sorted by file name. Framework ids must be unique. Any
// file's errors fail the whole load (the message holds every file's errors).
Result<std::vector<Framework>> LoadFrameworks(const std::string& dir);

// The folder of shipped frameworks: $PROBATION_FRAMEWORKS_DIR if set, else the first of
// <exe>/../frameworks, <exe>/frameworks and <exe>/../share/probation/frameworks that exists;
// NotFound saying where it was looked for otherwise.
Result<std::string> FrameworksDir();

}  // namespace probation::measures
