// The measure engine: evaluates a framework's measures over a snapshot, item by item
// column-wise, and counts successes, failures and pending items per period and unit.
//
// An item is a row of the measure's record type whose anchor date falls in the period and
// whose filter holds. It succeeds when the success rule holds; otherwise it is pending while
// its deadline is on or after the as-at date, and failed after that (or at once, with no
// deadline).
// Items are attributed to the responsible officer on the anchor date (and so to the officer's
// team, LDU, trust and region); court reports to their author; surveys to their unit; staff
// records to the staff member's team; records of a person to the officer of their sentence
// current on the anchor date.
//
// Tallies() computes a measure's tallies for every unit at once and keeps them per list of
// periods (TalliesKey: the measure's rules and the periods), so that later calls for any unit
// are a look-up; at most kTalliesCacheBytes of them are kept, beyond which they are computed
// on each call. To compute them it finds a measure's candidate rows (anchor in one of the periods)
// once per record type, anchor rule and list of periods, with each row's period and attribution,
// and keeps them for every later measure with the same anchor (TallyPath::kItemIndex), and, for a
// costly filter, the rows it keeps; the cache grows with the distinct anchors, costly filters and
// period lists asked for.
//
// A new engine over a later snapshot may take over an earlier engine's item rows for the
// measures none of whose record types changed (AdoptCaches), and rebuild the rest before it is
// used (Prepare): how the live engine keeps each version warm (docs/design.md, "Live engine").
//
// Thread-safe after construction (AdoptCaches: before the engine is shared).
#pragma once

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "base/calendar.h"
#include "base/date.h"
#include "base/status.h"
#include "base/uninitialized_vector.h"
#include "measures/dependencies.h"
#include "measures/evaluator.h"
#include "measures/framework.h"
#include "measures/organisation.h"
#include "measures/period.h"
#include "store/snapshot.h"

namespace probation::measures {

enum class ItemStatus { kSucceeded, kFailed, kPending };

struct Item {
  size_t row = 0;  // in the measure's record type
  Date anchor;
  ItemStatus status = ItemStatus::kSucceeded;
  int32_t deadline = kNullInt32;  // day number, when the measure has a deadline
  double value = 0;               // averages: the item's value (NaN: none)
  int32_t team = -1;              // org_units row of the attributed team
  int32_t officer = -1;           // staff row of the attributed officer
};

// An item's status: succeeded when its success rule holds (or the measure has none); else
// pending while its deadline (a day number; NaN: none) is on or after the as-at date (an item
// due on the as-at date itself is due today: its deadline has not passed until the day is
// over); else failed.
inline ItemStatus Judge(bool success_holds, double deadline, Date as_at) {
  if (success_holds) return ItemStatus::kSucceeded;
  if (!std::isnan(deadline) && static_cast<int32_t>(deadline) >= as_at.days()) {
    return ItemStatus::kPending;
  }
  return ItemStatus::kFailed;
}

// Adds an item of `status` and `value` (NaN: none) to counts `c` (a Tally, or the engine's
// compact per-thread counts): one more succeeded, failed or pending, and its value to the sum
// when it has one.
template <typename Counts>
inline void CountItem(ItemStatus status, double value, Counts* c) {
  switch (status) {
    case ItemStatus::kSucceeded:
      ++c->succeeded;
      break;
    case ItemStatus::kFailed:
      ++c->failed;
      break;
    case ItemStatus::kPending:
      ++c->pending;
      break;
  }
  if (!std::isnan(value)) {
    c->value_sum += value;
    ++c->value_count;
  }
}

// Counts for one measure, period and unit.
struct Tally {
  int64_t succeeded = 0;
  int64_t failed = 0;
  int64_t pending = 0;
  double value_sum = 0;  // averages
  int64_t value_count = 0;

  void Add(const Item& item) { CountItem(item.status, item.value, this); }
  Tally& operator+=(const Tally& other);
  int64_t items() const { return succeeded + failed + pending; }
};

// How Tallies() finds the items. Both give the same tallies, to the last bit.
enum class TallyPath {
  // Each (record type, anchor rule, periods) is scanned once: the rows whose anchor falls in
  // one of the periods, with the period and the attributed team and officer of each, are kept
  // (shared by every measure with that anchor); a measure then evaluates its rules on those
  // rows only.
  kItemIndex,
  // Every measure evaluates its anchor and rules over every row of its record type and
  // attributes each item itself (the original path; kept to measure against).
  kScan,
};

class Engine {
 public:
  // Item rows numbering at least `copy_fields_from` keep copies of the Y/N and code fields
  // their measures' filters and success rules read, in item order (see ItemRows).
  static constexpr size_t kCopyFieldsFrom = 1'000'000;
  // Item rows keep where each row is counted in 16 bits while there are at most
  // `narrow_slots` places to count (staff, org units and one for neither), else in 32.
  static constexpr size_t kNarrowSlots = size_t{1} << 16;
  // Tallies() keeps at most this many bytes of tallies per engine (nationally about 1 MB per
  // measure and period: every unit's counts).
  static constexpr size_t kTalliesCacheBytes = size_t{256} << 20;

  // REQUIRES: all three outlive the engine.
  Engine(const Snapshot& snapshot, const Calendar& calendar, const Organisation& organisation,
         Date as_at, TallyPath path = TallyPath::kItemIndex,
         size_t copy_fields_from = kCopyFieldsFrom, size_t narrow_slots = kNarrowSlots);

  // The items of `measure` in `period`, in row order. A placeholder measure has none.
  Result<std::vector<Item>> Items(const Measure& measure, const Period& period) const;

  // For each period, a tally for each unit in `units` (of any levels; the nation is a unit
  // too). Computes the items once for the span of all periods, and counts each item once per
  // level. REQUIRES: no unit repeated.
  Result<std::vector<std::vector<Tally>>> Tallies(const Measure& measure,
                                                  std::span<const Period> periods,
                                                  std::span<const UnitRef> units) const;

  // Receives the Tallies() of measures[i] as TalliesOfMeasures() computes it.
  using TalliesSink =
      std::function<void(size_t i, Result<std::vector<std::vector<Tally>>> tallies)>;
  // Tallies() of each of `measures`, the measures shared out between two threads, each
  // measure computed on one: for a framework or more, faster than one Tallies() call after
  // another, with the same results to the last bit. Each measure's tallies go to `sink` as
  // soon as they are computed, on the thread that computed them: `sink` is called from two
  // threads at once (for different i), and a caller that consumes each measure's tallies there
  // keeps a few measures' worth in memory rather than all of them.
  void TalliesOfMeasures(std::span<const Measure* const> measures, std::span<const Period> periods,
                         std::span<const UnitRef> units, const TalliesSink& sink) const;

  // What one cache entry of item rows was built for: enough to build it again on another
  // engine (Prepare).
  struct ItemRowsRequest {
    enum class Form { kAll, kFiltered, kKept };
    const Measure* measure = nullptr;  // not owned: it may not outlive its framework
    std::vector<Period> periods;
    EvalContext context;
    Form form = Form::kAll;
  };
  // What one cache entry of tallies was computed for.
  struct TalliesRequest {
    const Measure* measure = nullptr;  // not owned: it may not outlive its framework
    std::vector<Period> periods;
  };
  struct CarryOver {
    size_t adopted = 0;  // item-row entries taken over, shared
    // Entries used on `previous` (built or read there) that depend on a changed type.
    std::vector<ItemRowsRequest> dropped;
    size_t adopted_tallies = 0;                   // tallies entries taken over, shared
    std::vector<TalliesRequest> dropped_tallies;  // likewise, for tallies
  };
  // Takes over `previous`'s built item rows and tallies (shared, not copied) whose measure
  // reads no type in `changed` (RecordTypesRead), and lists the others. Takes nothing when the two
  // engines differ in as-at date, path or slot width. REQUIRES: this engine is not yet shared;
  // `previous`'s snapshot holds, for every type not in `changed`, the same rows in the same
  // order as this one's (so do the organisation's staff and units), as a live engine version
  // built by Snapshot::Reload does.
  CarryOver AdoptCaches(const Engine& previous, const RecordTypeSet& changed);
  // Builds (and caches) the item rows `request` names, as a Tallies() call that needed them
  // would. REQUIRES: request.measure is alive.
  Status Prepare(const ItemRowsRequest& request) const;
  // Computes (and caches) the tallies `request` names for every unit.
  Status Prepare(const TalliesRequest& request) const;
  // The number of item-row entries built or adopted (for tests and metrics).
  size_t CachedItemRows() const;

  Date as_at() const { return as_at_; }
  const Organisation& organisation() const { return organisation_; }
  const Snapshot& snapshot() const { return snapshot_; }

 private:
  // How the items of one record type find their team and officer (relation slots, -1: none).
  struct AttributionPlan {
    enum class Kind {
      kOrgUnit,
      kStaff,
      kUnit,
      kStaffRecord,
      kAuthorOrSentence,
      kSentence,
      kSentenceRecord,
      kPerson,
      kPeople,
    };
    Kind kind = Kind::kPerson;
    int sentence = -1, author = -1, unit = -1, staff = -1, person = -1;
  };

  // Tallies(), its two halves of the rows counted on two threads when `two_threads`, else
  // on the calling thread: picked from the cached tallies of every unit (CachedTallies), or
  // computed for `units` alone when the measure has no rule texts to key them by.
  Result<std::vector<std::vector<Tally>>> TalliesOn(const Measure& measure,
                                                    std::span<const Period> periods,
                                                    std::span<const UnitRef> units,
                                                    bool two_threads) const;
  // Computes the tallies of `units` (TalliesOn without the cache).
  Result<std::vector<std::vector<Tally>>> ComputeTallies(const Measure& measure,
                                                         std::span<const Period> periods,
                                                         std::span<const UnitRef> units,
                                                         bool two_threads) const;
  // The key the tallies of `measure` in `periods` are cached by ("": not cached): the rules'
  // texts, the kind and the periods.
  static std::string TalliesKey(const Measure& measure, std::span<const Period> periods);
  // Every unit, in the order cached tallies hold them: the nation, then every org row at its
  // level, then every staff row as an officer.
  std::vector<UnitRef> AllUnits() const;
  // The index of `unit` in AllUnits() (-1: a unit asked for at a level it is not at).
  int64_t AllUnitIndex(const UnitRef& unit) const;
  // Calls `sink` with every item of `measure` among rows [row_begin, row_end) whose anchor is
  // in `span`, in row order. Rules see `period_context` (or `span`) as the period.
  Status EvaluateRange(const Measure& measure, const Period& span, const Period* period_context,
                       size_t row_begin, size_t row_end,
                       const std::function<void(const Item&)>& sink) const;
  void Attribute(const RecordType& type, Item* item) const;
  // The count slot (CountSlot()) of each of rows[0 .. n) of `type`, anchored on days[i], in
  // slots[i]: Attribute() for a batch, the plan and table found once.
  void AttributeRows(const RecordType& type, const int32_t* rows, const int32_t* days, size_t n,
                     int32_t* slots) const;
  // The officer and team (-1: none) of row `row` of `t`, attributed by `plan` on `anchor`.
  std::pair<int32_t, int32_t> OfficerAndTeam(const AttributionPlan& plan, const SnapshotTable& t,
                                             int32_t row, Date anchor) const;

  // The rows of one record type whose anchor falls in one of a list of disjoint periods, in
  // row order, with the period each falls in and where it is counted (its attribution).
  struct ItemRows {
    // Filled in place once counted: not zeroed first (a fresh page of memory is costly to
    // touch on this machine; two threads filling their halves share that cost).
    UninitializedVector<int32_t> rows;
    UninitializedVector<uint8_t> period;  // index into the periods
    // Where each row is counted (CountSlot()): its officer's slot, or its org unit's for
    // records attributed to a unit, or the unattributed slot. In 16 bits while every slot fits
    // (a national organisation has about 24,000), else (`wide`) in 32: on this machine every
    // megabyte of fresh memory costs about 2 ms to touch, and a national pass keeps 15 M rows.
    bool wide = false;
    UninitializedVector<uint16_t> narrow_slot;
    UninitializedVector<int32_t> wide_slot;
    void ResizeSlots(size_t n) { wide ? wide_slot.resize(n) : narrow_slot.resize(n); }
    // Stores slots[0 .. n) as the slots of rows [at, at + n).
    void StoreSlots(size_t at, const int32_t* slots, size_t n) {
      if (wide) {
        std::copy_n(slots, n, wide_slot.data() + at);
      } else {
        for (size_t i = 0; i < n; ++i) narrow_slot[at + i] = static_cast<uint16_t>(slots[i]);
      }
    }
    bool filtered = false;  // only the rows the measure's filter keeps
    // Copies of Y/N and code fields of the rows, in item order (copies[f] empty: field f not
    // copied), made on first use: a measure over millions of items then reads each field
    // sequentially instead of picking it out of a table many times larger.
    mutable std::mutex copies_mutex;
    mutable std::vector<UninitializedVector<int8_t>> copies;
  };
  // Pointers to the copies of the fields `expressions` read (making those missing), per field
  // (null: not copied), when `items` has at least copy_fields_from_ rows; else empty.
  std::vector<const int8_t*> CopiedFields(const ItemRows& items, const SnapshotTable& table,
                                          std::initializer_list<const Expr*> expressions) const;
  // The item rows of `measure`'s record type and anchor for `periods` (disjoint, at most 255),
  // the anchor evaluated in `context`; built on first use and cached (when the anchor has
  // its rule text to key it by). With `with_filter`, only the rows the measure's filter keeps
  // (in `context`): for anchors that depend on the period (period_end(): every row is a
  // candidate in every period), so that only the rows that count are attributed and kept.
  Result<std::shared_ptr<const ItemRows>> ItemRowsFor(const Measure& measure,
                                                      std::span<const Period> periods,
                                                      const EvalContext& context,
                                                      bool with_filter) const;
  // The rows of ItemRowsFor(measure, periods, context, false) that `measure`'s filter keeps
  // (filtered), found on first use and cached by the filter's text, so that measures sharing a
  // filter evaluate it once, and later calls not at all. REQUIRES: the filter does not depend
  // on the period. Without rule texts to key them by, the rows unfiltered.
  Result<std::shared_ptr<const ItemRows>> KeptItemRows(const Measure& measure,
                                                       std::span<const Period> periods,
                                                       const EvalContext& context) const;
  // The key item rows are cached by ("": not cached, a rule without its text).
  std::string ItemRowsKey(const Measure& measure, std::span<const Period> periods,
                          const EvalContext& context, bool with_filter) const;
  // The item rows cached under `key`, made with `build` on first use (each key built once,
  // while other keys are built at the same time); `request` is what the entry is built for.
  Result<std::shared_ptr<const ItemRows>> Cached(
      std::string key, const ItemRowsRequest& request,
      const std::function<Result<std::shared_ptr<const ItemRows>>()>& build) const;
  Result<std::shared_ptr<const ItemRows>> BuildItemRows(const Measure& measure,
                                                        std::span<const Period> periods,
                                                        const EvalContext& context,
                                                        bool with_filter) const;
  int32_t OfficerOfSentence(int32_t sentence_row, Date on) const;
  // The counts of one period in Tallies() have a slot per officer (staff row), then one per
  // org unit (staff_rows_ + org row), then one for items attributed to neither.
  size_t CountSlot(const Item& item) const {
    return item.officer >= 0 ? static_cast<size_t>(item.officer)
           : item.team >= 0  ? staff_rows_ + static_cast<size_t>(item.team)
                             : staff_rows_ + org_rows_;
  }
  size_t CountSlots() const { return staff_rows_ + org_rows_ + 1; }
  // Whether item rows keep their slots in 32 bits (ItemRows::wide).
  bool WideSlots() const { return CountSlots() > narrow_slots_; }

  const Snapshot& snapshot_;
  const Calendar& calendar_;
  const Organisation& organisation_;
  Evaluator evaluator_;
  Date as_at_;
  std::vector<AttributionPlan> plans_;  // per record type, AllRecordTypes() order
  // The columns and relations attribution reads on every item, found once.
  const std::vector<int32_t>* sentence_allocations_ = nullptr;  // offsets into allocations
  const std::vector<int32_t>* allocation_staff_ = nullptr;      // allocation -> staff row
  const std::vector<int32_t>* allocation_start_ = nullptr;
  const std::vector<int32_t>* allocation_end_ = nullptr;
  const std::vector<int32_t>* person_sentences_ = nullptr;  // offsets into sentences
  const std::vector<int32_t>* sentence_start_ = nullptr;
  // Per sentence: the officer when it has exactly one allocation (the common case), -2 when
  // the allocations must be searched by date, -1 when it has none.
  std::vector<int32_t> sole_officer_;
  // One thread's counts for one period and officer (or org unit): a compact Tally.
  struct Count {
    uint32_t succeeded = 0, failed = 0, pending = 0, value_count = 0;
    double value_sum = 0;
    void Add(const Item& item) { CountItem(item.status, item.value, this); }
    Tally ToTally() const { return Tally{succeeded, failed, pending, value_sum, value_count}; }
  };
  // Count buffers for Tallies(), reused from one call to the next and kept zeroed.
  std::vector<Count> TakeCounts(size_t n) const;  // at least n zeroed counts
  void GiveCounts(std::vector<Count> counts) const;
  mutable std::mutex count_pool_mutex_;
  mutable std::vector<std::vector<Count>> count_pool_;
  // The org rows, deepest level first (teams, then LDUs, ...): each after all its children.
  std::vector<int32_t> org_bottom_up_;
  TallyPath path_;
  size_t copy_fields_from_;
  size_t narrow_slots_;
  size_t staff_rows_ = 0, org_rows_ = 0;
  // The item rows of one key, once built (null until then, or when building failed).
  struct ItemRowsEntry {
    std::mutex mutex;  // held while building
    std::shared_ptr<const ItemRows> rows;
    ItemRowsRequest request;        // set when the entry is made, then constant
    RecordTypeSet reads;            // RecordTypesRead(*request.measure)
    std::atomic<bool> used{false};  // built or read on this engine (not merely taken over)
  };
  mutable std::mutex item_rows_mutex_;  // guards the map, not the entries
  mutable std::map<std::string, std::shared_ptr<ItemRowsEntry>> item_rows_;
  // The tallies of every unit for one measure and list of periods ([period][AllUnitIndex]).
  struct TalliesEntry {
    std::mutex mutex;  // held while computing
    std::shared_ptr<const std::vector<std::vector<Tally>>> all;
    TalliesRequest request;  // set when the entry is made, then constant
    RecordTypeSet reads;
    std::atomic<bool> used{false};  // computed or read on this engine (not merely taken over)
    size_t bytes = 0;               // of `all`, counted in tallies_bytes_
  };
  mutable std::mutex tallies_mutex_;  // guards the map and tallies_bytes_, not the entries
  mutable size_t tallies_bytes_ = 0;
  mutable std::map<std::string, std::shared_ptr<TalliesEntry>> tallies_;
};

}  // namespace probation::measures
