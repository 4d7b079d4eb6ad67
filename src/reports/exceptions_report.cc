// The exception lists: the items behind a measure's number, each named by its record key.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "base/csv.h"
#include "reports/scorecard_report.h"

namespace probation {
namespace {

using measures::Item;
using measures::ItemStatus;

struct ItemView {
  std::string key, anchor, status, deadline, officer, team, days_left;
};

ItemView View(const ExceptionList& list, const Item& item, const measures::Engine& engine,
              const Calendar& calendar) {
  const SnapshotTable& table = engine.snapshot().table(*list.measure->counts);
  const measures::Organisation& org = engine.organisation();
  ItemView v;
  v.key = table.KeyText(item.row);
  v.anchor = item.anchor.ToString();
  v.status = ItemStatusName(item, list.as_at, list.due_within, calendar);
  if (item.deadline != kNullInt32) {
    v.deadline = Date(item.deadline).ToString();
    if (item.status == ItemStatus::kPending) {
      v.days_left = std::to_string(calendar.WorkingDaysBetween(list.as_at, Date(item.deadline)));
    }
  }
  if (item.officer >= 0) v.officer = org.Code({measures::UnitLevel::kOfficer, item.officer});
  if (item.team >= 0) v.team = org.Code({org.LevelOf(item.team), item.team});
  return v;
}

}  // namespace

std::string ItemStatusName(const Item& item, Date as_at, int due_within, const Calendar& calendar) {
  switch (item.status) {
    case ItemStatus::kSucceeded:
      return "succeeded";
    case ItemStatus::kFailed:
      return "failed";
    case ItemStatus::kPending:
      return calendar.WorkingDaysBetween(as_at, Date(item.deadline)) <= due_within ? "due-soon"
                                                                                   : "pending";
  }
  return "";
}

std::string ExceptionsText(const ExceptionList& list, const measures::Engine& engine,
                           const Calendar& calendar) {
  std::string out = list.measure->code + " " + list.measure->title + "\n" + "Period " +
                    list.period.label + ", unit " + list.unit_code + ", as at " +
                    list.as_at.ToString() + ": " + std::to_string(list.items.size()) + " items\n\n";
  char line[512];
  std::snprintf(line, sizeof line, "%-22s %-10s %-10s %-10s %9s %-10s %-10s\n", "record", "anchor",
                "status", "deadline", "days left", "officer", "team");
  out += line;
  for (const Item& item : list.items) {
    const ItemView v = View(list, item, engine, calendar);
    std::snprintf(line, sizeof line, "%-22s %-10s %-10s %-10s %9s %-10s %-10s\n", v.key.c_str(),
                  v.anchor.c_str(), v.status.c_str(), v.deadline.c_str(), v.days_left.c_str(),
                  v.officer.c_str(), v.team.c_str());
    out += line;
  }
  return out;
}

std::string ExceptionsCsv(const ExceptionList& list, const measures::Engine& engine,
                          const Calendar& calendar) {
  std::string out = "measure,period,record,anchor,status,deadline,working_days_left,officer,team\n";
  for (const Item& item : list.items) {
    const ItemView v = View(list, item, engine, calendar);
    for (const std::string& f : {list.measure->code, list.period.label, v.key, v.anchor, v.status,
                                 v.deadline, v.days_left, v.officer}) {
      AppendCsvField(&out, f);
      out += ',';
    }
    AppendCsvField(&out, v.team);
    out += '\n';
  }
  return out;
}

std::string ExceptionsJson(const ExceptionList& list, const measures::Engine& engine,
                           const Calendar& calendar) {
  nlohmann::json j{{"measure", list.measure->code},
                   {"title", list.measure->title},
                   {"period", list.period.label},
                   {"unit", list.unit_code},
                   {"as_at", list.as_at.ToString()}};
  j["items"] = nlohmann::json::array();
  for (const Item& item : list.items) {
    const ItemView v = View(list, item, engine, calendar);
    j["items"].push_back({{"record", v.key},
                          {"anchor", v.anchor},
                          {"status", v.status},
                          {"deadline", v.deadline},
                          {"working_days_left", v.days_left},
                          {"officer", v.officer},
                          {"team", v.team}});
  }
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace probation
