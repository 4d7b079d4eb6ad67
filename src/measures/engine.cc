#include "measures/engine.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <thread>

namespace probation::measures {
namespace {

constexpr size_t kChunkRows = 16384;

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

}  // namespace

Tally& Tally::operator+=(const Tally& other) {
  succeeded += other.succeeded;
  failed += other.failed;
  pending += other.pending;
  value_sum += other.value_sum;
  value_count += other.value_count;
  return *this;
}

void Tally::Add(const Item& item) {
  switch (item.status) {
    case ItemStatus::kSucceeded:
      ++succeeded;
      break;
    case ItemStatus::kFailed:
      ++failed;
      break;
    case ItemStatus::kPending:
      ++pending;
      break;
  }
  if (!std::isnan(item.value)) {
    value_sum += item.value;
    ++value_count;
  }
}

Engine::Engine(const Snapshot& snapshot, const Calendar& calendar, const Organisation& organisation,
               Date as_at)
    : snapshot_(snapshot),
      calendar_(calendar),
      organisation_(organisation),
      evaluator_(snapshot, calendar),
      as_at_(as_at) {
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
}

int32_t Engine::OfficerOfSentence(int32_t sentence_row, Date on) const {
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

void Engine::Attribute(const RecordType& type, Item* item) const {
  using Kind = AttributionPlan::Kind;
  const SnapshotTable& t = snapshot_.table(type);
  const AttributionPlan& plan = plans_[static_cast<size_t>(&type - AllRecordTypes().data())];
  const int32_t row = static_cast<int32_t>(item->row);
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
      if (officer < 0) officer = OfficerOfSentence(Follow(t, plan.sentence, row), item->anchor);
      break;
    case Kind::kSentence:
      officer = OfficerOfSentence(row, item->anchor);
      break;
    case Kind::kSentenceRecord:
      officer = OfficerOfSentence(Follow(t, plan.sentence, row), item->anchor);
      break;
    case Kind::kPeople:
    case Kind::kPerson: {
      // A person's record: the officer of their sentence current on the anchor date.
      const int32_t person = plan.kind == Kind::kPeople ? row : Follow(t, plan.person, row);
      if (person < 0) break;
      const std::vector<int32_t>& offsets = *person_sentences_;
      int32_t chosen = -1;
      for (int32_t s = offsets[person]; s < offsets[person + 1]; ++s) {
        if (chosen < 0 || (*sentence_start_)[s] <= item->anchor.days()) chosen = s;
      }
      officer = OfficerOfSentence(chosen, item->anchor);
      break;
    }
  }
  if (officer >= 0) team = organisation_.TeamOfStaff(officer);
  item->officer = officer;
  item->team = team;
}

Status Engine::EvaluateRange(const Measure& measure, const Period& span,
                             const Period* period_context, size_t row_begin, size_t row_end,
                             const std::function<void(const Item&)>& sink) const {
  if (measure.placeholder || !measure.anchor) return Status::Ok();
  const SnapshotTable& table = snapshot_.table(*measure.counts);
  const Period& context_period = period_context != nullptr ? *period_context : span;
  const EvalContext context{context_period.start, context_period.end, as_at_};
  std::vector<double> anchor(kChunkRows), filter(kChunkRows), success(kChunkRows),
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
      if (!measure.success || success[i] == 1) {
        item.status = ItemStatus::kSucceeded;
      } else if (item.deadline != kNullInt32 && item.deadline > as_at_.days()) {
        item.status = ItemStatus::kPending;
      } else {
        item.status = ItemStatus::kFailed;
      }
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
  std::vector<std::vector<Tally>> tallies(periods.size(), std::vector<Tally>(units.size()));
  if (periods.empty() || units.empty()) return tallies;
  // For each level among `units`: where each attributed team (or officer) counts, as an index
  // into `units`. One pass over the items then serves every level.
  const size_t org_rows = snapshot_.table(*FindRecordType("org_units")).rows;
  const size_t staff_rows = snapshot_.table(*FindRecordType("staff")).rows;
  struct LevelIndex {
    UnitLevel level;
    std::vector<int32_t> index;  // by team org row, or by staff row for officers
  };
  std::vector<LevelIndex> levels;
  for (size_t u = 0; u < units.size(); ++u) {
    const UnitLevel level = units[u].level;
    auto it = std::find_if(levels.begin(), levels.end(),
                           [&](const LevelIndex& l) { return l.level == level; });
    if (it == levels.end()) {
      levels.push_back(
          {level, std::vector<int32_t>(level == UnitLevel::kOfficer ? staff_rows : org_rows, -1)});
      it = levels.end() - 1;
    }
    // For org levels, mark the unit's own row first; every row is mapped to it below.
    if (level != UnitLevel::kNational) it->index[units[u].row] = static_cast<int32_t>(u);
  }
  for (LevelIndex& l : levels) {
    if (l.level == UnitLevel::kNational || l.level == UnitLevel::kOfficer) continue;
    const std::vector<int32_t> unit_of_row = l.index;
    for (size_t r = 0; r < org_rows; ++r) {
      const int32_t a = organisation_.AncestorAt(static_cast<int32_t>(r), l.level);
      l.index[r] = a >= 0 ? unit_of_row[a] : -1;
    }
  }
  int32_t national = -1;
  for (size_t u = 0; u < units.size(); ++u) {
    if (units[u].level == UnitLevel::kNational) national = static_cast<int32_t>(u);
  }
  // Items are counted once, by the org unit (usually the team) and the officer they are
  // attributed to; the units asked for are then filled by rolling those counts up the tree.
  const bool want_officers = std::any_of(levels.begin(), levels.end(), [](const LevelIndex& l) {
    return l.level == UnitLevel::kOfficer;
  });
  // Items are counted once, by the org unit (usually the team) and the officer they are
  // attributed to; the units asked for are then filled by rolling those counts up the tree.
  struct Counts {
    std::vector<std::vector<Tally>> by_org, by_officer;  // [period][row]
    std::vector<Tally> unattributed;                     // [period]
  };
  const auto new_counts = [&] {
    Counts c;
    c.by_org.assign(periods.size(), std::vector<Tally>(org_rows));
    c.by_officer.assign(periods.size(), std::vector<Tally>(want_officers ? staff_rows : 0));
    c.unattributed.resize(periods.size());
    return c;
  };
  // Evaluates rows [begin, end) into `counts`: for every period containing the item's anchor,
  // or only period `only` when the rules depend on the period.
  const auto evaluate = [&](size_t begin, size_t end, Counts* counts) -> Status {
    const auto add = [&](size_t p, const Item& item) {
      (item.team >= 0 ? counts->by_org[p][item.team] : counts->unattributed[p]).Add(item);
      if (want_officers && item.officer >= 0) counts->by_officer[p][item.officer].Add(item);
    };
    if (DependsOnPeriod(measure)) {
      for (size_t p = 0; p < periods.size(); ++p) {
        PROBATION_RETURN_IF_ERROR(EvaluateRange(measure, periods[p], &periods[p], begin, end,
                                                [&](const Item& item) { add(p, item); }));
      }
      return Status::Ok();
    }
    Period span = periods[0];
    for (const Period& p : periods) {
      span.start = std::min(span.start, p.start);
      span.end = std::max(span.end, p.end);
    }
    return EvaluateRange(measure, span, nullptr, begin, end, [&](const Item& item) {
      for (size_t p = 0; p < periods.size(); ++p) {
        if (periods[p].Contains(item.anchor)) add(p, item);
      }
    });
  };
  // Two halves of the table on two threads; the evaluator and attribution only read.
  const size_t rows = measure.counts != nullptr ? snapshot_.table(*measure.counts).rows : 0;
  const size_t mid = rows / 2;
  Counts first = new_counts(), second = new_counts();
  Status second_status;
  std::thread worker([&] { second_status = evaluate(mid, rows, &second); });
  const Status first_status = evaluate(0, mid, &first);
  worker.join();
  PROBATION_RETURN_IF_ERROR(first_status);
  PROBATION_RETURN_IF_ERROR(second_status);
  for (size_t p = 0; p < periods.size(); ++p) {
    for (size_t r = 0; r < org_rows; ++r) first.by_org[p][r] += second.by_org[p][r];
    for (size_t r = 0; r < first.by_officer[p].size(); ++r) {
      first.by_officer[p][r] += second.by_officer[p][r];
    }
    first.unattributed[p] += second.unattributed[p];
  }
  for (size_t p = 0; p < periods.size(); ++p) {
    for (const LevelIndex& l : levels) {
      if (l.level == UnitLevel::kOfficer) {
        for (size_t r = 0; r < staff_rows; ++r) {
          if (l.index[r] >= 0) tallies[p][l.index[r]] += first.by_officer[p][r];
        }
      } else if (l.level == UnitLevel::kNational) {
        Tally& all = tallies[p][national];
        all += first.unattributed[p];
        for (const Tally& t : first.by_org[p]) all += t;
      } else {
        for (size_t r = 0; r < org_rows; ++r) {
          if (l.index[r] >= 0) tallies[p][l.index[r]] += first.by_org[p][r];
        }
      }
    }
  }
  return tallies;
}

}  // namespace probation::measures
