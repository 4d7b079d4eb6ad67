#include "server/due_items.h"

#include <algorithm>
#include <cstdio>

#include "measures/period.h"

namespace probation {
namespace {

bool CountsWorkingDays(const measures::Measure& m) {
  return m.deadline_text.find("working_days") != std::string::npos;
}

std::string FyLabel(int fy) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%d-%02d", fy, (fy + 1) % 100);
  return buf;
}

}  // namespace

nlohmann::json DueItem::ToJson() const {
  return {{"framework", framework},
          {"measure", measure},
          {"title", title},
          {"record_type", record_type},
          {"record_key", record_key},
          {"crn", crn},
          {"anchor", anchor.ToString()},
          {"deadline", deadline.ToString()},
          {"days_left", days_left},
          {"days", working_days ? "working" : "calendar"},
          {"status", failed ? "failed" : "pending"},
          {"officer", officer},
          {"team", team}};
}

nlohmann::json DueList::ToJson() const {
  nlohmann::json p = nlohmann::json::array(), f = nlohmann::json::array();
  for (const DueItem& i : pending) p.push_back(i.ToJson());
  for (const DueItem& i : failed) f.push_back(i.ToJson());
  return {{"unit", unit},
          {"as_at", as_at.ToString()},
          {"financial_year", fy_label},
          {"pending", std::move(p)},
          {"failed", std::move(f)},
          {"pending_total", pending_total},
          {"failed_total", failed_total},
          {"limit", limit},
          {"offset", offset}};
}

Result<DueIndex> DueIndex::Build(const measures::Engine& engine, const Calendar& calendar,
                                 std::span<const measures::Framework> frameworks,
                                 const DueIndex* previous, const measures::RecordTypeSet& changed) {
  DueIndex index(engine, calendar, frameworks);
  const Date as_at = engine.as_at();
  const int fy = measures::FinancialYearOf(as_at);
  index.fy_label_ = FyLabel(fy);
  PROBATION_ASSIGN_OR_RETURN(const measures::Period fy_period,
                             measures::ParsePeriod("FY" + std::to_string(fy)));
  // Pending items can be anchored well before the as-at date (a sentence's 26-week review)
  // or after it (a report's due date); 400 days either side holds every deadline shipped.
  const measures::Period window{"due window", as_at - 400, as_at + 400};
  // Whether the items of a measure may be taken from `previous`, by framework and measure.
  const bool same_basis =
      previous != nullptr && previous->frameworks_.data() == frameworks.data() &&
      previous->frameworks_.size() == frameworks.size() && previous->engine_->as_at() == as_at;
  std::vector<std::vector<bool>> reused(frameworks.size());
  for (size_t fi = 0; fi < frameworks.size(); ++fi) {
    const measures::Framework& framework = frameworks[fi];
    reused[fi].resize(framework.measures.size(), false);
    for (size_t mi = 0; mi < framework.measures.size(); ++mi) {
      const measures::Measure& measure = framework.measures[mi];
      if (measure.placeholder || measure.deadline == nullptr) continue;
      if (same_basis && (measures::RecordTypesRead(measure) & changed).none()) {
        reused[fi][mi] = true;
        ++index.measures_reused_;
        continue;
      }
      ++index.measures_computed_;
      Result<std::vector<measures::Item>> items = engine.Items(measure, window);
      if (!items.ok()) {
        return Status(items.status().code(),
                      framework.id + " " + measure.code + ": " + items.status().message());
      }
      for (const measures::Item& item : *items) {
        Entry e{static_cast<uint16_t>(fi),
                static_cast<uint16_t>(mi),
                static_cast<int32_t>(item.row),
                item.anchor.days(),
                item.deadline,
                item.officer,
                item.team};
        if (item.status == measures::ItemStatus::kPending) {
          index.pending_.push_back(e);
        } else if (item.status == measures::ItemStatus::kFailed) {
          const Date judged =
              Date(item.deadline != kNullInt32 ? item.deadline : item.anchor.days());
          if (fy_period.Contains(judged) && judged <= as_at) index.failed_.push_back(e);
        }
      }
    }
  }
  if (same_basis) {
    for (const Entry& e : previous->pending_) {
      if (reused[e.framework][e.measure]) index.pending_.push_back(e);
    }
    for (const Entry& e : previous->failed_) {
      if (reused[e.framework][e.measure]) index.failed_.push_back(e);
    }
  }
  auto order = [](const Entry& a, const Entry& b) {
    if (a.deadline != b.deadline) return a.deadline < b.deadline;
    if (a.framework != b.framework) return a.framework < b.framework;
    if (a.measure != b.measure) return a.measure < b.measure;
    return a.row < b.row;
  };
  std::sort(index.pending_.begin(), index.pending_.end(), order);
  std::sort(index.failed_.begin(), index.failed_.end(),
            [&](const Entry& a, const Entry& b) { return order(b, a); });
  for (size_t i = 0; i < index.pending_.size(); ++i) {
    std::string crn = index.CrnOf(index.pending_[i]);
    if (!crn.empty()) index.next_by_crn_.try_emplace(std::move(crn), i);  // the soonest wins
  }
  return index;
}

std::string DueIndex::CrnOf(const Entry& e) const {
  const RecordType& type = *frameworks_[e.framework].measures[e.measure].counts;
  if (type.fields.empty() || type.fields[0].name != "crn") return {};
  const SnapshotTable& table = engine_->snapshot().table(type);
  return table.columns[0].AsText(e.row, type.fields[0]);
}

bool DueIndex::Within(const Entry& e, measures::UnitRef unit) const {
  const measures::Organisation& org = engine_->organisation();
  const measures::UnitRef where = e.officer >= 0
                                      ? measures::UnitRef{measures::UnitLevel::kOfficer, e.officer}
                                  : e.team >= 0 ? measures::UnitRef{org.LevelOf(e.team), e.team}
                                                : measures::UnitRef{};
  return org.Within(where, unit);
}

DueItem DueIndex::Materialise(const Entry& e, bool failed) const {
  const measures::Framework& framework = frameworks_[e.framework];
  const measures::Measure& measure = framework.measures[e.measure];
  const RecordType& type = *measure.counts;
  const SnapshotTable& table = engine_->snapshot().table(type);
  const measures::Organisation& org = engine_->organisation();
  DueItem item;
  item.framework = framework.id;
  item.measure = measure.code;
  item.title = measure.title;
  item.record_type = std::string(type.name);
  item.record_key = table.KeyText(e.row);
  item.crn = CrnOf(e);
  item.anchor = Date(e.anchor);
  item.failed = failed;
  item.working_days = CountsWorkingDays(measure);
  if (e.deadline != kNullInt32) {
    item.deadline = Date(e.deadline);
    const Date as_at = engine_->as_at();
    item.days_left = item.working_days ? calendar_->WorkingDaysBetween(as_at, item.deadline)
                                       : item.deadline - as_at;
  }
  if (e.officer >= 0) item.officer = org.Code({measures::UnitLevel::kOfficer, e.officer});
  if (e.team >= 0) item.team = org.Code({org.LevelOf(e.team), e.team});
  return item;
}

DueList DueIndex::For(measures::UnitRef unit, std::string unit_code, size_t limit,
                      size_t offset) const {
  DueList list;
  list.unit = std::move(unit_code);
  list.as_at = engine_->as_at();
  list.fy_label = fy_label_;
  list.limit = static_cast<int64_t>(limit);
  list.offset = static_cast<int64_t>(offset);
  auto collect = [&](const std::vector<Entry>& entries, bool failed, std::vector<DueItem>* out,
                     int64_t* total) {
    for (const Entry& e : entries) {
      if (!Within(e, unit)) continue;
      const size_t at = static_cast<size_t>((*total)++);
      if (at >= offset && (limit == 0 || at < offset + limit)) {
        out->push_back(Materialise(e, failed));
      }
    }
  };
  collect(pending_, false, &list.pending, &list.pending_total);
  collect(failed_, true, &list.failed, &list.failed_total);
  return list;
}

std::optional<DueItem> DueIndex::NextForCase(std::string_view crn) const {
  auto it = next_by_crn_.find(std::string(crn));
  if (it == next_by_crn_.end()) return std::nullopt;
  return Materialise(pending_[it->second], false);
}

}  // namespace probation
