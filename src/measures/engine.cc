#include "measures/engine.h"

#include "measures/engine_internal.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <thread>
#include <tuple>
#include <utility>

namespace probation::measures {
namespace {

bool DependsOnPeriod(const Measure& m) {
  for (const ExprPtr* e : {&m.anchor, &m.filter, &m.success, &m.deadline, &m.value}) {
    if (*e && Evaluator::DependsOnPeriod(**e)) return true;
  }
  return false;
}

int Slot(const SnapshotTable& t, std::string_view relation) {
  const Relation* r = FindRelation(*t.type, relation);
  return r == nullptr ? -1 : t.RelationSlot(r);
}

int32_t Follow(const SnapshotTable& t, int slot, int64_t row) {
  if (slot < 0 || row < 0) return -1;
  return t.relations[slot][static_cast<size_t>(row)];
}

// Whether no day is in two of `periods`, and there are few enough to index in a byte.
bool DisjointAndFew(std::span<const Period> periods) {
  if (periods.size() > 255) return false;
  for (size_t a = 0; a < periods.size(); ++a) {
    for (size_t b = a + 1; b < periods.size(); ++b) {
      if (periods[a].start <= periods[b].end && periods[b].start <= periods[a].end) return false;
    }
  }
  return true;
}

}  // namespace

Tally& Tally::operator+=(const Tally& other) {
  succeeded += other.succeeded;
  failed += other.failed;
  pending += other.pending;
  value_sum += other.value_sum;
  value_count += other.value_count;
  return *this;
}

Engine::Engine(const Snapshot& snapshot, const Calendar& calendar, const Organisation& organisation,
               Date as_at, TallyPath path, size_t copy_fields_from, size_t narrow_slots)
    : snapshot_(snapshot),
      calendar_(calendar),
      organisation_(organisation),
      evaluator_(snapshot, calendar),
      as_at_(as_at),
      path_(path),
      copy_fields_from_(copy_fields_from),
      narrow_slots_(std::min(narrow_slots, kNarrowSlots)) {
  using Kind = AttributionPlan::Kind;
  for (const RecordType& type : AllRecordTypes()) {
    const SnapshotTable& t = snapshot_.table(type);
    AttributionPlan plan{Kind::kPerson,   Slot(t, "sentence"), Slot(t, "author"),
                         Slot(t, "unit"), Slot(t, "staff"),    Slot(t, "person")};
    if (type.name == "org_units") {
      plan.kind = Kind::kOrgUnit;
    } else if (type.name == "staff") {
      plan.kind = Kind::kStaff;
    } else if (type.name == "sentences") {
      plan.kind = Kind::kSentence;
    } else if (type.name == "people") {
      plan.kind = Kind::kPeople;
    } else if (plan.unit >= 0) {
      plan.kind = Kind::kUnit;
    } else if (plan.staff >= 0 && plan.sentence < 0) {
      plan.kind = Kind::kStaffRecord;
    } else if (plan.author >= 0) {
      plan.kind = Kind::kAuthorOrSentence;
    } else if (plan.sentence >= 0) {
      plan.kind = Kind::kSentenceRecord;
    }
    plans_.push_back(plan);
  }
  const SnapshotTable& sentences = snapshot_.table(*FindRecordType("sentences"));
  const SnapshotTable& allocations = snapshot_.table(*FindRecordType("responsible_officers"));
  const SnapshotTable& people = snapshot_.table(*FindRecordType("people"));
  sentence_allocations_ = &sentences.relations[Slot(sentences, "responsible_officers")];
  allocation_staff_ = &allocations.relations[Slot(allocations, "staff")];
  allocation_start_ = &allocations.columns[allocations.type->FieldIndex("start_date")].i32;
  allocation_end_ = &allocations.columns[allocations.type->FieldIndex("end_date")].i32;
  person_sentences_ = &people.relations[Slot(people, "sentences")];
  sentence_start_ = &sentences.columns[sentences.type->FieldIndex("start_date")].i32;
  const std::vector<int32_t>& offsets = *sentence_allocations_;
  sole_officer_.resize(sentences.rows);
  for (size_t s = 0; s < sentences.rows; ++s) {
    const int32_t count = offsets[s + 1] - offsets[s];
    sole_officer_[s] = count == 0 ? -1 : count == 1 ? (*allocation_staff_)[offsets[s]] : -2;
  }
  org_rows_ = snapshot_.table(*FindRecordType("org_units")).rows;
  staff_rows_ = snapshot_.table(*FindRecordType("staff")).rows;
  for (size_t r = 0; r < org_rows_; ++r) org_bottom_up_.push_back(static_cast<int32_t>(r));
  std::stable_sort(org_bottom_up_.begin(), org_bottom_up_.end(), [&](int32_t a, int32_t b) {
    return organisation_.LevelOf(a) > organisation_.LevelOf(b);
  });
}

inline int32_t Engine::OfficerOfSentence(int32_t sentence_row, Date on) const {
  if (sentence_row < 0) return -1;
  if (sole_officer_[sentence_row] != -2) return sole_officer_[sentence_row];
  const std::vector<int32_t>& start = *allocation_start_;
  const std::vector<int32_t>& finish = *allocation_end_;
  const int32_t begin = (*sentence_allocations_)[sentence_row];
  const int32_t end = (*sentence_allocations_)[sentence_row + 1];
  int32_t chosen = begin;
  for (int32_t a = begin; a < end; ++a) {
    if (start[a] > on.days()) break;
    chosen = a;  // the latest allocation started by `on`
    if (finish[a] == kNullInt32 || finish[a] >= on.days()) break;
  }
  return (*allocation_staff_)[chosen];
}

std::pair<int32_t, int32_t> Engine::OfficerAndTeam(const AttributionPlan& plan,
                                                   const SnapshotTable& t, int32_t row,
                                                   Date anchor) const {
  using Kind = AttributionPlan::Kind;
  int32_t officer = -1, team = -1;
  switch (plan.kind) {
    case Kind::kOrgUnit:
      team = row;
      break;
    case Kind::kStaff:
      officer = row;
      break;
    case Kind::kUnit:
      team = Follow(t, plan.unit, row);
      break;
    case Kind::kStaffRecord:
      officer = Follow(t, plan.staff, row);
      break;
    case Kind::kAuthorOrSentence:
      officer = Follow(t, plan.author, row);
      if (officer < 0) officer = OfficerOfSentence(Follow(t, plan.sentence, row), anchor);
      break;
    case Kind::kSentence:
      officer = OfficerOfSentence(row, anchor);
      break;
    case Kind::kSentenceRecord:
      officer = OfficerOfSentence(Follow(t, plan.sentence, row), anchor);
      break;
    case Kind::kPeople:
    case Kind::kPerson: {
      // A person's record: the officer of their sentence current on the anchor date.
      const int32_t person = plan.kind == Kind::kPeople ? row : Follow(t, plan.person, row);
      if (person < 0) break;
      const std::vector<int32_t>& offsets = *person_sentences_;
      int32_t chosen = -1;
      for (int32_t s = offsets[person]; s < offsets[person + 1]; ++s) {
        if (chosen < 0 || (*sentence_start_)[s] <= anchor.days()) chosen = s;
      }
      officer = OfficerOfSentence(chosen, anchor);
      break;
    }
  }
  if (officer >= 0) team = organisation_.TeamOfStaff(officer);
  return {officer, team};
}

void Engine::Attribute(const RecordType& type, Item* item) const {
  std::tie(item->officer, item->team) =
      OfficerAndTeam(plans_[static_cast<size_t>(&type - AllRecordTypes().data())],
                     snapshot_.table(type), static_cast<int32_t>(item->row), item->anchor);
}

void Engine::AttributeRows(const RecordType& type, const int32_t* rows, const int32_t* days,
                           size_t n, int32_t* slots) const {
  const AttributionPlan& plan = plans_[static_cast<size_t>(&type - AllRecordTypes().data())];
  const SnapshotTable& t = snapshot_.table(type);
  using Kind = AttributionPlan::Kind;
  if (plan.kind == Kind::kSentenceRecord || plan.kind == Kind::kSentence) {
    // Most items (contacts, assessments, requirements, breaches ...): the officer of the
    // sentence on the anchor date, without the team (an officer's own slot is where it is
    // counted) or the general switch.
    const int32_t unattributed = static_cast<int32_t>(staff_rows_ + org_rows_);
    const int32_t* sentence_of =
        plan.kind == Kind::kSentence ? nullptr : t.relations[plan.sentence].data();
    const int32_t* sole = sole_officer_.data();
    for (size_t i = 0; i < n; ++i) {
      const int32_t sentence = sentence_of == nullptr ? rows[i] : sentence_of[rows[i]];
      int32_t officer = sentence < 0 ? -1 : sole[sentence];
      if (officer == -2) officer = OfficerOfSentence(sentence, Date(days[i]));
      slots[i] = officer >= 0 ? officer : unattributed;
    }
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    Item item;
    std::tie(item.officer, item.team) = OfficerAndTeam(plan, t, rows[i], Date(days[i]));
    slots[i] = static_cast<int32_t>(CountSlot(item));
  }
}

Status Engine::EvaluateRange(const Measure& measure, const Period& span,
                             const Period* period_context, size_t row_begin, size_t row_end,
                             const std::function<void(const Item&)>& sink) const {
  if (measure.placeholder || !measure.anchor) return Status::Ok();
  const SnapshotTable& table = snapshot_.table(*measure.counts);
  const Period& context_period = period_context != nullptr ? *period_context : span;
  const EvalContext context{context_period.start, context_period.end, as_at_};
  UninitializedVector<double> anchor(kChunkRows), filter(kChunkRows), success(kChunkRows),
      deadline(kChunkRows), value(kChunkRows);
  row_end = std::min(row_end, table.rows);
  for (size_t begin = row_begin; begin < row_end; begin += kChunkRows) {
    const size_t end = std::min(row_end, begin + kChunkRows);
    const size_t n = end - begin;
    PROBATION_RETURN_IF_ERROR(
        evaluator_.Evaluate(*measure.anchor, table, begin, end, context, anchor.data()));
    bool any = false;
    for (size_t i = 0; i < n && !any; ++i) {
      any = anchor[i] >= span.start.days() && anchor[i] <= span.end.days();
    }
    if (!any) continue;
    for (const auto& [expr, out] :
         {std::pair{&measure.filter, &filter}, std::pair{&measure.success, &success},
          std::pair{&measure.deadline, &deadline}, std::pair{&measure.value, &value}}) {
      if (*expr) {
        PROBATION_RETURN_IF_ERROR(
            evaluator_.Evaluate(**expr, table, begin, end, context, out->data()));
      }
    }
    for (size_t i = 0; i < n; ++i) {
      if (!(anchor[i] >= span.start.days() && anchor[i] <= span.end.days())) continue;
      if (measure.filter && filter[i] != 1) continue;
      Item item;
      item.row = begin + i;
      item.anchor = Date(static_cast<int32_t>(anchor[i]));
      item.value = measure.value ? value[i] : std::nan("");
      if (measure.deadline && !std::isnan(deadline[i])) {
        item.deadline = static_cast<int32_t>(deadline[i]);
      }
      item.status = Judge(!measure.success || success[i] == 1,
                          measure.deadline ? deadline[i] : std::nan(""), as_at_);
      Attribute(*measure.counts, &item);
      sink(item);
    }
  }
  return Status::Ok();
}

Result<std::vector<Item>> Engine::Items(const Measure& measure, const Period& period) const {
  std::vector<Item> items;
  PROBATION_RETURN_IF_ERROR(EvaluateRange(measure, period, &period, 0, SIZE_MAX,
                                          [&](const Item& item) { items.push_back(item); }));
  return items;
}

Result<std::vector<std::vector<Tally>>> Engine::Tallies(const Measure& measure,
                                                        std::span<const Period> periods,
                                                        std::span<const UnitRef> units) const {
  return TalliesOn(measure, periods, units, /*two_threads=*/true);
}

void Engine::TalliesOfMeasures(std::span<const Measure* const> measures,
                               std::span<const Period> periods, std::span<const UnitRef> units,
                               const TalliesSink& sink) const {
  if (measures.size() == 1) {  // one measure: its rows split between the threads instead
    sink(0, Tallies(*measures[0], periods, units));
    return;
  }
  // The measures over the largest tables first, so that the two threads finish together.
  std::vector<size_t> order(measures.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto rows_of = [&](size_t i) {
    return measures[i]->counts != nullptr ? snapshot_.table(*measures[i]->counts).rows : 0;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return rows_of(a) > rows_of(b); });
  std::atomic<size_t> next{0};
  const auto work = [&] {
    for (size_t i = next++; i < order.size(); i = next++) {
      sink(order[i], TalliesOn(*measures[order[i]], periods, units, /*two_threads=*/false));
    }
  };
  std::thread worker(work);
  work();
  worker.join();
}

Result<std::vector<std::vector<Tally>>> Engine::ComputeTallies(const Measure& measure,
                                                               std::span<const Period> periods,
                                                               std::span<const UnitRef> units,
                                                               bool two_threads) const {
  // The same period twice (a financial year's previous period is also the year earlier) is
  // computed once, so that the periods stay disjoint for the item rows.
  std::vector<Period> distinct;
  std::vector<size_t> distinct_of;
  for (const Period& p : periods) {
    size_t d = 0;
    while (d < distinct.size() && !(distinct[d].start == p.start && distinct[d].end == p.end)) ++d;
    if (d == distinct.size()) distinct.push_back(p);
    distinct_of.push_back(d);
  }
  if (distinct.size() < periods.size()) {
    Result<std::vector<std::vector<Tally>>> once =
        ComputeTallies(measure, distinct, units, two_threads);
    if (!once.ok()) return once.status();
    std::vector<std::vector<Tally>> tallies;
    for (size_t d : distinct_of) tallies.push_back((*once)[d]);
    return tallies;
  }
  std::vector<std::vector<Tally>> tallies(periods.size(), std::vector<Tally>(units.size()));
  if (periods.empty() || units.empty()) return tallies;
  // Items are counted once per thread, by the officer they are attributed to (or, for records
  // attributed to a unit, by that org unit; else as unattributed), in compact counters that
  // are kept zeroed between calls; the units asked for are then filled in one roll-up: each
  // officer into their team, each org unit into its parent, bottom up.
  const size_t org_rows = org_rows_, staff_rows = staff_rows_, slots = CountSlots();
  // [slot * periods + period]: an officer's periods side by side, as items of one officer
  // come in runs (a sentence's contacts) across the periods.
  using Counts = std::vector<Count>;
  const size_t np = periods.size();
  const auto add = [&](Counts* counts, size_t p, const Item& item) {
    (*counts)[CountSlot(item) * np + p].Add(item);
  };
  const bool by_period = DependsOnPeriod(measure);
  // The scan path: evaluates rows [begin, end) into `counts`: for every period containing the
  // item's anchor, or only period `only` when the rules depend on the period.
  const auto scan = [&](size_t begin, size_t end, Counts* counts) -> Status {
    if (by_period) {
      for (size_t p = 0; p < periods.size(); ++p) {
        PROBATION_RETURN_IF_ERROR(EvaluateRange(measure, periods[p], &periods[p], begin, end,
                                                [&](const Item& item) { add(counts, p, item); }));
      }
      return Status::Ok();
    }
    const Period span = Span(periods);
    return EvaluateRange(measure, span, nullptr, begin, end, [&](const Item& item) {
      for (size_t p = 0; p < periods.size(); ++p) {
        if (periods[p].Contains(item.anchor)) add(counts, p, item);
      }
    });
  };
  // The item-index path: the rules on the item rows [begin, end) of `items` whose period is
  // `only` (all when -1), in `context`, into `counts`: in period `count_as` when given, else
  // in the row's own period. `slots` are the item rows' slots (narrow or wide), so that the
  // count loops are made once for each width.
  const auto evaluate_items = [&](const ItemRows& items, const auto* slots, size_t begin,
                                  size_t end, int only, int count_as, const EvalContext& context,
                                  Counts* counts) -> Status {
    const SnapshotTable& table = snapshot_.table(*measure.counts);
    // Scratch for a chunk, written before it is read: not zeroed (this runs for every measure,
    // half and period; zeroing them was 30% of a generated trust's instructions).
    UninitializedVector<uint8_t> filter_truth(kChunkRows), success_truth(kChunkRows);
    UninitializedVector<double> deadline(measure.deadline ? kChunkRows : 0),
        value(measure.value ? kChunkRows : 0);
    // The chunk's rows in period `only` (when not -1) and then those the filter keeps, with
    // their indexes into `items`.
    std::vector<int32_t> picked_rows, kept_rows;
    std::vector<uint32_t> picked, kept;
    // Where the counts of the item at index j go: its slot, then its period.
    const auto count_of = [&](size_t j) -> Count& {
      const size_t p = count_as >= 0 ? static_cast<size_t>(count_as) : items.period[j];
      return (*counts)[static_cast<size_t>(slots[j]) * np + p];
    };
    const double no_value = std::nan("");
    const bool run_filter = measure.filter && !items.filtered;
    // A success rule that costs about a pass over the rows is evaluated on every row the
    // filter sees, rather than on a list of the rows it keeps.
    const bool success_with_filter = run_filter && measure.success && !measure.deadline &&
                                     !measure.value && Evaluator::IsCheap(*measure.success);
    // Copies of the fields read, for rules evaluated on whole chunks of the item rows: the
    // filter's, and the success rule's when it sees every row the filter sees (or there is no
    // filter to run).
    const std::vector<const int8_t*> copies =
        only >= 0
            ? std::vector<const int8_t*>()
            : CopiedFields(items, table,
                           {run_filter ? measure.filter.get() : nullptr,
                            success_with_filter || !run_filter ? measure.success.get() : nullptr});
    std::vector<const int8_t*> copied_at_chunk(copies.size());
    for (size_t chunk = begin; chunk < end; chunk += kChunkRows) {
      const size_t chunk_end = std::min(end, chunk + kChunkRows);
      // The rows to evaluate, rows[0 .. n), and the index into `items` of each (chunk + i
      // when `index` is null).
      const int32_t* rows = items.rows.data() + chunk;
      const uint32_t* index = nullptr;
      size_t n = chunk_end - chunk;
      if (only >= 0) {
        picked_rows.clear();
        picked.clear();
        for (size_t j = chunk; j < chunk_end; ++j) {
          if (items.period[j] != only) continue;
          picked_rows.push_back(items.rows[j]);
          picked.push_back(static_cast<uint32_t>(j));
        }
        rows = picked_rows.data();
        index = picked.data();
        n = picked.size();
      }
      if (n == 0) continue;
      const auto item_index = [&](size_t i) { return index != nullptr ? index[i] : chunk + i; };
      const int8_t* const* copied = nullptr;
      if (!copies.empty()) {
        for (size_t f = 0; f < copies.size(); ++f) {
          copied_at_chunk[f] = copies[f] != nullptr ? copies[f] + chunk : nullptr;
        }
        copied = copied_at_chunk.data();
      }
      if (run_filter) {
        PROBATION_RETURN_IF_ERROR(evaluator_.EvaluatePredicateRows(
            *measure.filter, table, rows, n, context, filter_truth.data(), copied));
        if (success_with_filter) {
          PROBATION_RETURN_IF_ERROR(evaluator_.EvaluatePredicateRows(
              *measure.success, table, rows, n, context, success_truth.data(), copied));
          for (size_t i = 0; i < n; ++i) {
            if (filter_truth[i] != Evaluator::kTrue) continue;
            Count& c = count_of(item_index(i));
            (success_truth[i] == Evaluator::kTrue ? c.succeeded : c.failed) += 1;
          }
          continue;
        }
        // The other rules only on the rows the filter keeps.
        kept_rows.clear();
        kept.clear();
        for (size_t i = 0; i < n; ++i) {
          if (filter_truth[i] != Evaluator::kTrue) continue;
          kept_rows.push_back(rows[i]);
          kept.push_back(static_cast<uint32_t>(item_index(i)));
        }
        rows = kept_rows.data();
        index = kept.data();
        n = kept.size();
        if (n == 0) continue;
      }
      if (measure.success) {
        // The copies are in item order: of use while the rows are the chunk's, one after
        // another.
        PROBATION_RETURN_IF_ERROR(evaluator_.EvaluatePredicateRows(
            *measure.success, table, rows, n, context, success_truth.data(),
            index == nullptr ? copied : nullptr));
      }
      for (const auto& [expr, out] :
           {std::pair{&measure.deadline, &deadline}, std::pair{&measure.value, &value}}) {
        if (*expr) {
          PROBATION_RETURN_IF_ERROR(
              evaluator_.EvaluateRows(**expr, table, rows, n, context, out->data()));
        }
      }
      if (!measure.deadline && !measure.value) {
        // Succeeded or failed, nothing else to add (most measures).
        for (size_t i = 0; i < n; ++i) {
          Count& c = count_of(item_index(i));
          (!measure.success || success_truth[i] == Evaluator::kTrue ? c.succeeded : c.failed) += 1;
        }
        continue;
      }
      for (size_t i = 0; i < n; ++i) {
        const bool holds = !measure.success || success_truth[i] == Evaluator::kTrue;
        CountItem(Judge(holds, measure.deadline ? deadline[i] : no_value, as_at_),
                  measure.value ? value[i] : no_value, &count_of(item_index(i)));
      }
    }
    return Status::Ok();
  };
  // Two halves of the table, on two threads when `two_threads` (else one after the other); the
  // evaluator and attribution only read. Both paths split at the same row, and add each
  // half's items in row order, so that sums come out the same to the last bit.
  const size_t rows = measure.counts != nullptr ? snapshot_.table(*measure.counts).rows : 0;
  const size_t mid = rows / 2;
  Counts first = TakeCounts(periods.size() * slots), second = TakeCounts(periods.size() * slots);
  Status counted;  // the first error of either half
  const bool indexed = path_ == TallyPath::kItemIndex && !measure.placeholder && measure.anchor &&
                       DisjointAndFew(periods);
  if (!indexed) {
    counted = OnTwoHalves(
        [&](bool second_half) {
          return second_half ? scan(mid, rows, &second) : scan(0, mid, &first);
        },
        two_threads);
  } else {
    // The item rows, and each period's context (the span's when the rules ignore the period).
    std::vector<std::shared_ptr<const ItemRows>> sets;
    std::vector<EvalContext> contexts;
    const Period span = Span(periods);
    if (by_period && Evaluator::DependsOnPeriod(*measure.anchor)) {
      for (size_t p = 0; p < periods.size(); ++p) {
        const EvalContext context{periods[p].start, periods[p].end, as_at_};
        Result<std::shared_ptr<const ItemRows>> set =
            ItemRowsFor(measure, std::span<const Period>(&periods[p], 1), context, true);
        if (!set.ok()) return set.status();
        sets.push_back(*set);
        contexts.push_back(context);
      }
    } else {
      const EvalContext context{span.start, span.end, as_at_};
      // A costly filter (one over related records) that ignores the period is evaluated once
      // for every measure sharing it; a cheap one costs less than keeping its rows.
      Result<std::shared_ptr<const ItemRows>> set =
          measure.filter && !Evaluator::IsCheap(*measure.filter) &&
                  !Evaluator::DependsOnPeriod(*measure.filter)
              ? KeptItemRows(measure, periods, context)
              : ItemRowsFor(measure, periods, context, false);
      if (!set.ok()) return set.status();
      sets.push_back(*set);
      contexts.push_back(context);
    }
    const auto run = [&](bool second_half, Counts* counts) -> Status {
      for (size_t p = 0; p < (by_period ? periods.size() : 1); ++p) {
        const bool own_set = sets.size() > 1;  // built for period p alone
        const ItemRows& items = *sets[own_set ? p : 0];
        const size_t split = static_cast<size_t>(
            std::lower_bound(items.rows.begin(), items.rows.end(), static_cast<int32_t>(mid)) -
            items.rows.begin());
        const size_t begin = second_half ? split : 0;
        const size_t end = second_half ? items.rows.size() : split;
        const EvalContext context =
            by_period ? EvalContext{periods[p].start, periods[p].end, as_at_} : contexts[0];
        // A set built for period p alone holds its rows as period 0: count them in p.
        const int only = by_period && !own_set ? static_cast<int>(p) : -1;
        const int count_as = own_set ? static_cast<int>(p) : -1;
        PROBATION_RETURN_IF_ERROR(items.wide
                                      ? evaluate_items(items, items.wide_slot.data(), begin, end,
                                                       only, count_as, context, counts)
                                      : evaluate_items(items, items.narrow_slot.data(), begin, end,
                                                       only, count_as, context, counts));
      }
      return Status::Ok();
    };
    counted = OnTwoHalves(
        [&](bool second_half) { return run(second_half, second_half ? &second : &first); },
        two_threads);
  }
  PROBATION_RETURN_IF_ERROR(counted);
  // Where each officer and org row is asked for, as an index into `units` (-1: not asked).
  std::vector<int32_t> officer_unit(staff_rows, -1), org_unit(org_rows, -1);
  int32_t national = -1;
  for (size_t u = 0; u < units.size(); ++u) {
    const UnitRef& unit = units[u];
    if (unit.level == UnitLevel::kNational) {
      national = static_cast<int32_t>(u);
    } else if (unit.level == UnitLevel::kOfficer) {
      officer_unit[unit.row] = static_cast<int32_t>(u);
    } else if (organisation_.LevelOf(unit.row) == unit.level) {
      org_unit[unit.row] = static_cast<int32_t>(u);
    }
  }
  // Both threads' counts merged (first, then second: the same order on both paths) and reset
  // to zero for the next call as they are read.
  const auto take = [&](size_t i) {
    Tally t = first[i].ToTally();
    t += second[i].ToTally();
    first[i] = Count{};
    second[i] = Count{};
    return t;
  };
  // Each officer's periods are side by side: read officer by officer. Per period, every org
  // unit's sum is added up in the same order as ever (its own items, then its officers' in
  // staff order, then its children's), so that sums are the same to the last bit.
  std::vector<Tally> org(org_rows * np), unattributed(np);  // [org row * np + period]
  for (size_t p = 0; p < np; ++p) unattributed[p] = take((slots - 1) * np + p);
  for (size_t r = 0; r < org_rows; ++r) {
    for (size_t p = 0; p < np; ++p) org[r * np + p] = take((staff_rows + r) * np + p);
  }
  for (size_t r = 0; r < staff_rows; ++r) {
    const int32_t team = organisation_.TeamOfStaff(static_cast<int32_t>(r));
    for (size_t p = 0; p < np; ++p) {
      const Tally t = take(r * np + p);
      if (t.items() == 0 && t.value_count == 0) continue;
      if (officer_unit[r] >= 0) tallies[p][officer_unit[r]] = t;
      (team >= 0 ? org[static_cast<size_t>(team) * np + p] : unattributed[p]) += t;
    }
  }
  for (size_t p = 0; p < np; ++p) {
    Tally all = unattributed[p];
    for (int32_t r : org_bottom_up_) {
      const int32_t parent = organisation_.Parent(r);
      const Tally& own = org[static_cast<size_t>(r) * np + p];
      (parent >= 0 ? org[static_cast<size_t>(parent) * np + p] : all) += own;
      if (org_unit[r] >= 0) tallies[p][org_unit[r]] = own;
    }
    if (national >= 0) tallies[p][national] = all;
  }
  GiveCounts(std::move(first));
  GiveCounts(std::move(second));
  return tallies;
}

std::vector<Engine::Count> Engine::TakeCounts(size_t n) const {
  std::vector<Count> counts;
  {
    std::lock_guard<std::mutex> lock(count_pool_mutex_);
    if (!count_pool_.empty()) {
      counts = std::move(count_pool_.back());
      count_pool_.pop_back();
    }
  }
  // Buffers come back zeroed (the roll-up resets what it reads): only growth is zeroed here.
  if (counts.size() < n) counts.resize(n);
  return counts;
}

void Engine::GiveCounts(std::vector<Count> counts) const {
  std::lock_guard<std::mutex> lock(count_pool_mutex_);
  if (count_pool_.size() < 8) count_pool_.push_back(std::move(counts));
}

}  // namespace probation::measures
