// What falls due: for an officer, team or unit, every pending item of every measure with a
// deadline, across the frameworks in use, soonest first, with the days left; and the items
// already failed this financial year. The early warning the seeds ask for (Essex objective
// 11), for the person who can act on it.
//
// Built on the measure engine's items (Engine::Items: the same anchor, filter, success and
// deadline rules and the same attribution as the scorecards), never on rules of its own. A
// DueIndex computes every deadline measure's items once for one engine (the live engine
// builds one per engine version, on first use) and answers each request by filtering them.
//
// Days left count working days (the calendar's, bank holidays excluded) when the measure's
// deadline is written in working days (add_working_days), else calendar days; 0 is due today.
//
// DueIndex is immutable once built; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/calendar.h"
#include "base/date.h"
#include "base/status.h"
#include "measures/dependencies.h"
#include "measures/engine.h"
#include "measures/framework.h"
#include "measures/organisation.h"

namespace probation {

struct DueItem {
  std::string framework;  // framework id
  std::string measure;    // measure code, e.g. "PT6"
  std::string title;      // measure title
  std::string record_type;
  std::string record_key;  // e.g. "X123456/1/2"
  std::string crn;         // "" for a record not of a person (a staff record, a survey)
  Date anchor;
  Date deadline;
  int32_t days_left = 0;      // negative once overdue (failed items)
  bool working_days = false;  // days_left counts working days
  bool failed = false;        // already failed (else pending)
  std::string officer;        // staff id the item is attributed to ("" none)
  std::string team;           // team code ("" none)

  // {"framework", "measure", "title", "record_type", "record_key", "crn", "anchor",
  //  "deadline", "days_left", "days": "working"|"calendar", "status": "pending"|"failed",
  //  "officer", "team"}
  nlohmann::json ToJson() const;
};

struct DueList {
  std::string unit;  // the unit asked for
  Date as_at;
  std::string fy_label;          // the financial year whose failed items are listed, e.g. "2010-11"
  std::vector<DueItem> pending;  // soonest deadline first (then measure, then key)
  std::vector<DueItem> failed;   // most recent deadline first
  int64_t pending_total = 0;     // before paging
  int64_t failed_total = 0;
  int64_t limit = 0, offset = 0;

  nlohmann::json ToJson() const;
};

class DueIndex {
 public:
  // The items of every measure with a deadline (placeholders skipped) of `frameworks` whose
  // anchor lies within 400 days either side of the engine's as-at date: pending ones, and
  // failed ones whose deadline (or, without one, anchor) is in the financial year of the
  // as-at date. REQUIRES: `engine`, `calendar` and `frameworks` outlive the index.
  //
  // With `previous` (an index of the same frameworks, over an engine of the same as-at date
  // whose snapshot holds the same rows as `engine`'s for every record type not in `changed`:
  // the live engine's previous version), the items of each measure that reads no type in
  // `changed` (measures::RecordTypesRead) are taken from it instead of computed again; the
  // result is the same as without it. `previous` need only live during the call.
  static Result<DueIndex> Build(const measures::Engine& engine, const Calendar& calendar,
                                std::span<const measures::Framework> frameworks,
                                const DueIndex* previous = nullptr,
                                const measures::RecordTypeSet& changed = {});

  // Of the measures in the last Build(): how many were computed, and how many taken over.
  size_t measures_computed() const { return measures_computed_; }
  size_t measures_reused() const { return measures_reused_; }

  // The items attributed within `unit` (an officer, team, LDU, trust ...; the nation: all),
  // pending soonest first and failed most recent first, each list paged by `limit` (0: all)
  // and `offset`.
  DueList For(measures::UnitRef unit, std::string unit_code, size_t limit, size_t offset) const;

  // The pending item with the soonest deadline of the person `crn`, if any.
  std::optional<DueItem> NextForCase(std::string_view crn) const;

  size_t pending_count() const { return pending_.size(); }
  size_t failed_count() const { return failed_.size(); }

 private:
  struct Entry {
    uint16_t framework = 0;
    uint16_t measure = 0;
    int32_t row = 0;
    int32_t anchor = 0;
    int32_t deadline = 0;  // day number (kNullInt32: none, failed items only)
    int32_t officer = -1;
    int32_t team = -1;
  };
  DueIndex(const measures::Engine& engine, const Calendar& calendar,
           std::span<const measures::Framework> frameworks)
      : engine_(&engine), calendar_(&calendar), frameworks_(frameworks) {}
  DueItem Materialise(const Entry& e, bool failed) const;
  bool Within(const Entry& e, measures::UnitRef unit) const;
  std::string CrnOf(const Entry& e) const;

  const measures::Engine* engine_;
  const Calendar* calendar_;
  std::span<const measures::Framework> frameworks_;
  std::vector<Entry> pending_;                           // soonest deadline first
  std::vector<Entry> failed_;                            // latest deadline first
  std::unordered_map<std::string, size_t> next_by_crn_;  // index into pending_
  std::string fy_label_;
  size_t measures_computed_ = 0, measures_reused_ = 0;
};

}  // namespace probation
