#include "measures/engine.h"

#include <algorithm>
#include <cmath>

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
  for (const RecordType& type : AllRecordTypes()) {
    const SnapshotTable& t = snapshot_.table(type);
    plans_.push_back({Slot(t, "sentence"), Slot(t, "author"), Slot(t, "unit"), Slot(t, "staff"),
                      Slot(t, "person")});
  }
  officers_slot_ = Slot(snapshot_.table(*FindRecordType("sentences")), "responsible_officers");
  officer_staff_slot_ = Slot(snapshot_.table(*FindRecordType("responsible_officers")), "staff");
  person_sentences_slot_ = Slot(snapshot_.table(*FindRecordType("people")), "sentences");
}

int32_t Engine::OfficerOfSentence(int32_t sentence_row, Date on) const {
  if (sentence_row < 0) return -1;
  static const RecordType* const kSentences = FindRecordType("sentences");
  static const RecordType* const kAllocations = FindRecordType("responsible_officers");
  const SnapshotTable& sentences = snapshot_.table(*kSentences);
  const SnapshotTable& allocations = snapshot_.table(*kAllocations);
  const std::vector<int32_t>& offsets = sentences.relations[officers_slot_];
  const int32_t begin = offsets[sentence_row], end = offsets[sentence_row + 1];
  if (begin == end) return -1;
  static const int kStart = kAllocations->FieldIndex("start_date");
  static const int kEnd = kAllocations->FieldIndex("end_date");
  const std::vector<int32_t>& start = allocations.columns[kStart].i32;
  const std::vector<int32_t>& finish = allocations.columns[kEnd].i32;
  int32_t chosen = begin;
  for (int32_t a = begin; a < end; ++a) {
    if (start[a] > on.days()) break;
    chosen = a;  // the latest allocation started by `on`
    if (finish[a] == kNullInt32 || finish[a] >= on.days()) break;
  }
  return Follow(allocations, officer_staff_slot_, chosen);
}

void Engine::Attribute(const RecordType& type, Item* item) const {
  const SnapshotTable& t = snapshot_.table(type);
  const AttributionPlan& plan = plans_[static_cast<size_t>(&type - AllRecordTypes().data())];
  const std::string_view name = type.name;
  int32_t officer = -1, team = -1;
  if (name == "org_units") {
    team = static_cast<int32_t>(item->row);
  } else if (name == "staff") {
    officer = static_cast<int32_t>(item->row);
  } else if (plan.unit >= 0) {
    team = Follow(t, plan.unit, item->row);
  } else if (plan.staff >= 0 && plan.sentence < 0) {
    officer = Follow(t, plan.staff, item->row);
  } else if (plan.author >= 0 && Follow(t, plan.author, item->row) >= 0) {
    officer = Follow(t, plan.author, item->row);
  } else if (name == "sentences") {
    officer = OfficerOfSentence(static_cast<int32_t>(item->row), item->anchor);
  } else if (plan.sentence >= 0 && Follow(t, plan.sentence, item->row) >= 0) {
    officer = OfficerOfSentence(Follow(t, plan.sentence, item->row), item->anchor);
  } else {
    // A person's record: the officer of their sentence current on the anchor date.
    const int32_t person =
        name == "people" ? static_cast<int32_t>(item->row) : Follow(t, plan.person, item->row);
    if (person >= 0) {
      const SnapshotTable& people = snapshot_.table(*FindRecordType("people"));
      const SnapshotTable& sentences = snapshot_.table(*FindRecordType("sentences"));
      const std::vector<int32_t>& offsets = people.relations[person_sentences_slot_];
      const std::vector<int32_t>& starts =
          sentences.columns[sentences.type->FieldIndex("start_date")].i32;
      int32_t chosen = -1;
      for (int32_t s = offsets[person]; s < offsets[person + 1]; ++s) {
        if (chosen < 0 || starts[s] <= item->anchor.days()) chosen = s;
      }
      officer = OfficerOfSentence(chosen, item->anchor);
    }
  }
  if (officer >= 0) team = organisation_.TeamOfStaff(officer);
  item->officer = officer;
  item->team = team;
}

Status Engine::EvaluateRange(const Measure& measure, const Period& span,
                             const Period* period_context, std::vector<Item>* items) const {
  if (measure.placeholder || !measure.anchor) return Status::Ok();
  const SnapshotTable& table = snapshot_.table(*measure.counts);
  const Period& context_period = period_context != nullptr ? *period_context : span;
  const EvalContext context{context_period.start, context_period.end, as_at_};
  std::vector<double> anchor(kChunkRows), filter(kChunkRows), success(kChunkRows),
      deadline(kChunkRows), value(kChunkRows);
  for (size_t begin = 0; begin < table.rows; begin += kChunkRows) {
    const size_t end = std::min(table.rows, begin + kChunkRows);
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
      items->push_back(item);
    }
  }
  return Status::Ok();
}

Result<std::vector<Item>> Engine::Items(const Measure& measure, const Period& period) const {
  std::vector<Item> items;
  PROBATION_RETURN_IF_ERROR(EvaluateRange(measure, period, &period, &items));
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
      levels.push_back({level, std::vector<int32_t>(
                                   level == UnitLevel::kOfficer ? staff_rows : org_rows, -1)});
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
  std::vector<std::vector<Tally>> by_org(periods.size(), std::vector<Tally>(org_rows));
  std::vector<std::vector<Tally>> by_officer(periods.size());
  const bool want_officers = std::any_of(levels.begin(), levels.end(), [](const LevelIndex& l) {
    return l.level == UnitLevel::kOfficer;
  });
  if (want_officers) {
    for (auto& v : by_officer) v.resize(staff_rows);
  }
  std::vector<Tally> unattributed(periods.size());
  const auto count = [&](const std::vector<Item>& items, size_t only_period, bool single) {
    for (const Item& item : items) {
      for (size_t p = 0; p < periods.size(); ++p) {
        if ((single && p != only_period) || !periods[p].Contains(item.anchor)) continue;
        (item.team >= 0 ? by_org[p][item.team] : unattributed[p]).Add(item);
        if (want_officers && item.officer >= 0) by_officer[p][item.officer].Add(item);
      }
    }
  };
  const auto roll_up = [&]() {
    for (size_t p = 0; p < periods.size(); ++p) {
      for (const LevelIndex& l : levels) {
        if (l.level == UnitLevel::kOfficer) {
          for (size_t r = 0; r < staff_rows; ++r) {
            if (l.index[r] >= 0) tallies[p][l.index[r]] += by_officer[p][r];
          }
        } else if (l.level == UnitLevel::kNational) {
          Tally& all = tallies[p][national];
          all += unattributed[p];
          for (const Tally& t : by_org[p]) all += t;
        } else {
          for (size_t r = 0; r < org_rows; ++r) {
            if (l.index[r] >= 0) tallies[p][l.index[r]] += by_org[p][r];
          }
        }
      }
    }
  };
  if (DependsOnPeriod(measure)) {
    for (size_t p = 0; p < periods.size(); ++p) {
      Result<std::vector<Item>> items = Items(measure, periods[p]);
      if (!items.ok()) return items.status();
      count(*items, p, true);
    }
    roll_up();
    return tallies;
  }
  Period span = periods[0];
  for (const Period& p : periods) {
    span.start = std::min(span.start, p.start);
    span.end = std::max(span.end, p.end);
  }
  std::vector<Item> items;
  PROBATION_RETURN_IF_ERROR(EvaluateRange(measure, span, nullptr, &items));
  count(items, 0, false);
  roll_up();
  return tallies;
}

}  // namespace probation::measures
