// The engine's tallies cache (engine.h, Tallies()): every unit's tallies of one measure and list
// of periods, computed once and kept (within kTalliesCacheBytes), so that a scorecard for any
// unit is a look-up; and the units' order the cached tallies hold.
#include <string>
#include <vector>

#include "measures/engine.h"

namespace probation::measures {

Result<std::vector<std::vector<Tally>>> Engine::TalliesOn(const Measure& measure,
                                                          std::span<const Period> periods,
                                                          std::span<const UnitRef> units,
                                                          bool two_threads) const {
  std::string key = path_ == TallyPath::kItemIndex ? TalliesKey(measure, periods) : "";
  if (key.empty() || units.empty()) {
    return ComputeTallies(measure, periods, units, two_threads);
  }
  // One entry per key, computed under its own lock for every unit at once: a call for one
  // unit costs as much as one for all, and every later call is a look-up.
  std::shared_ptr<TalliesEntry> entry;
  {
    std::lock_guard<std::mutex> lock(tallies_mutex_);
    auto found = tallies_.find(key);
    const size_t bytes = periods.size() * (1 + org_rows_ + staff_rows_) * sizeof(Tally);
    if (found != tallies_.end()) {
      entry = found->second;
    } else if (tallies_bytes_ + bytes <= kTalliesCacheBytes) {
      entry = std::make_shared<TalliesEntry>();
      entry->request = {&measure, std::vector<Period>(periods.begin(), periods.end())};
      entry->reads = RecordTypesRead(measure);
      entry->bytes = bytes;
      tallies_bytes_ += bytes;
      tallies_.emplace(std::move(key), entry);
    }
  }
  if (entry == nullptr) return ComputeTallies(measure, periods, units, two_threads);
  std::shared_ptr<const std::vector<std::vector<Tally>>> all;
  entry->used.store(true, std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> lock(entry->mutex);
    if (entry->all == nullptr) {
      Result<std::vector<std::vector<Tally>>> computed =
          ComputeTallies(measure, periods, AllUnits(), two_threads);
      if (!computed.ok()) return computed.status();
      entry->all = std::make_shared<const std::vector<std::vector<Tally>>>(std::move(*computed));
    }
    all = entry->all;
  }
  std::vector<std::vector<Tally>> tallies(periods.size(), std::vector<Tally>(units.size()));
  for (size_t u = 0; u < units.size(); ++u) {
    const int64_t at = AllUnitIndex(units[u]);
    if (at < 0) continue;
    for (size_t p = 0; p < periods.size(); ++p) tallies[p][u] = (*all)[p][static_cast<size_t>(at)];
  }
  return tallies;
}

std::string Engine::TalliesKey(const Measure& measure, std::span<const Period> periods) {
  if (measure.placeholder || measure.counts == nullptr || measure.anchor_text.empty()) return "";
  // Everything a tally depends on: the record type, the kind and the rules (a rule's text
  // stands for it: the same text compiles to the same rule for the same record type).
  std::string key =
      std::string(measure.counts->name) + '\x1f' + std::to_string(static_cast<int>(measure.kind));
  for (const std::string* text : {&measure.anchor_text, &measure.filter_text, &measure.success_text,
                                  &measure.deadline_text, &measure.value_text}) {
    key += '\x1f' + *text;
  }
  for (const Period& p : periods) {
    key += '\x1f' + std::to_string(p.start.days()) + ':' + std::to_string(p.end.days());
  }
  return key;
}

std::vector<UnitRef> Engine::AllUnits() const {
  std::vector<UnitRef> units;
  units.reserve(1 + org_rows_ + staff_rows_);
  units.push_back({UnitLevel::kNational, 0});
  for (size_t r = 0; r < org_rows_; ++r) {
    units.push_back({organisation_.LevelOf(static_cast<int32_t>(r)), static_cast<int32_t>(r)});
  }
  for (size_t r = 0; r < staff_rows_; ++r) {
    units.push_back({UnitLevel::kOfficer, static_cast<int32_t>(r)});
  }
  return units;
}

int64_t Engine::AllUnitIndex(const UnitRef& unit) const {
  if (unit.level == UnitLevel::kNational) return 0;
  if (unit.row < 0) return -1;
  const size_t row = static_cast<size_t>(unit.row);
  if (unit.level == UnitLevel::kOfficer) {
    return row < staff_rows_ ? static_cast<int64_t>(1 + org_rows_ + row) : -1;
  }
  if (row >= org_rows_ || organisation_.LevelOf(unit.row) != unit.level) return -1;
  return static_cast<int64_t>(1 + row);
}

Status Engine::Prepare(const TalliesRequest& request) const {
  const UnitRef top = organisation_.Top();
  return Tallies(*request.measure, request.periods, std::span(&top, 1)).status();
}

}  // namespace probation::measures
