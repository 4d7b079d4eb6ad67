#include "server/pages/case_display.h"

#include <charconv>

#include "base/date.h"
#include "model/code_lists.h"
#include "model/record_types.h"
#include "server/router.h"

namespace probation {
namespace {

constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};

std::string Plural(int64_t n, const char* unit) {
  return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
}

}  // namespace

std::string FormValue(const RequestContext& ctx, const std::string& name) {
  const auto it = ctx.form.find(name);
  return it == ctx.form.end() ? std::string() : it->second;
}

std::string CodeText(std::string_view list, std::string_view code) {
  if (code.empty()) return {};
  const CodeList* codes = FindCodeList(list);
  const Code* found = codes == nullptr ? nullptr : codes->Find(code);
  return std::string(found == nullptr ? code : found->name);
}

std::vector<Choice> CodeChoices(std::string_view list) {
  std::vector<Choice> choices;
  const CodeList* codes = FindCodeList(list);
  if (codes == nullptr) return choices;
  for (const Code& c : codes->codes) choices.push_back({std::string(c.code), std::string(c.name)});
  return choices;
}

std::string DayText(std::string_view iso) {
  if (iso.empty()) return {};
  Result<Date> date = Date::Parse(iso.substr(0, 10));
  if (!date.ok()) return std::string(iso);
  int y = 0, m = 0, d = 0;
  date->ToCivil(&y, &m, &d);
  std::string out = std::to_string(d) + " " + kMonths[m - 1] + " " + std::to_string(y);
  if (iso.size() >= 16 && iso[10] == 'T') out += ", " + std::string(iso.substr(11, 5));
  return out;
}

std::string DaysLeftText(const DueItem& item) {
  const char* unit = item.working_days ? "working day" : "day";
  if (item.days_left == 0 && !item.failed) return "Due today";
  if (item.days_left < 0) return Plural(-static_cast<int64_t>(item.days_left), unit) + " overdue";
  return Plural(item.days_left, unit);
}

CaseFacts FactsFrom(const std::vector<StoredRecord>& assessments,
                    const std::vector<StoredRecord>& registrations) {
  CaseFacts facts;
  std::string tier_at, rosh_at, ogrs_at;
  for (const StoredRecord& a : assessments) {
    const std::string started = a.Value("started_date").value_or("");
    auto take = [&](const char* field, std::string* value, std::string* at) {
      const std::optional<std::string> v = a.Value(field);
      if (v && started >= *at) {
        *value = *v;
        *at = started;
      }
    };
    take("tier", &facts.tier, &tier_at);
    take("rosh_level", &facts.rosh, &rosh_at);
    take("ogrs_score", &facts.ogrs, &ogrs_at);
  }
  for (const StoredRecord& r : registrations) {
    if (r.Value("end_date")) continue;
    const std::string type = r.Value("registration_type").value_or("");
    if (type == "MAPPA") {
      std::string flag = "MAPPA";
      if (auto c = r.Value("mappa_category")) flag += " category " + *c;
      if (auto l = r.Value("mappa_level")) flag += ", level " + *l;
      facts.flags.push_back(flag);
    } else if (type == "PPO") {
      facts.flags.push_back("PPO");
    }
  }
  return facts;
}

Result<CaseFacts> ReadCaseFacts(Database* db, std::string_view crn) {
  PROBATION_ASSIGN_OR_RETURN(std::vector<StoredRecord> assessments,
                             ReadRecordsOfPerson(db, *FindRecordType("assessments"), crn));
  PROBATION_ASSIGN_OR_RETURN(std::vector<StoredRecord> registrations,
                             ReadRecordsOfPerson(db, *FindRecordType("registrations"), crn));
  return FactsFrom(assessments, registrations);
}

PageData RoshTag(const std::string& rosh) {
  PageData tag;
  if (rosh == "VERY_HIGH") {
    tag.set("text", "Very high");
    tag.set("tag", "govuk-tag--red");
  } else if (rosh == "HIGH") {
    tag.set("text", "High");
    tag.set("tag", "govuk-tag--orange");
  } else if (rosh == "MEDIUM") {
    tag.set("text", "Medium");
    tag.set("tag", "govuk-tag--yellow");
  } else if (rosh == "LOW") {
    tag.set("text", "Low");
    tag.set("tag", "govuk-tag--green");
  } else {
    tag.set("text", rosh.empty() ? "Not assessed" : rosh);
    tag.set("tag", "govuk-tag--grey");
  }
  return tag;
}

Result<std::vector<Choice>> ScopeUnitChoices(Database* db, const Principal& principal) {
  std::vector<Choice> choices;
  if (principal.role != Role::kManager && principal.role != Role::kPerformanceAnalyst) {
    return choices;
  }
  if (principal.unit_code.empty()) return choices;
  // The unit and every unit below it, depth first by code, each followed by its officers.
  PROBATION_ASSIGN_OR_RETURN(
      Statement units,
      db->Prepare("WITH RECURSIVE tree(code, level, path) AS ("
                  "SELECT code, level, code FROM org_units WHERE code = ?1 UNION ALL "
                  "SELECT o.code, o.level, t.path || '/' || o.code FROM org_units o "
                  "JOIN tree t ON o.parent_code = t.code) "
                  "SELECT t.code, t.level, coalesce(o.name, t.code) FROM tree t "
                  "JOIN org_units o ON o.code = t.code ORDER BY t.path"));
  units.BindText(1, principal.unit_code);
  PROBATION_ASSIGN_OR_RETURN(
      Statement staff, db->Prepare("SELECT staff_id, forenames || ' ' || surname FROM staff "
                                   "WHERE team_code = ?1 ORDER BY surname, forenames, staff_id"));
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool row, units.Step());
    if (!row) break;
    const std::string code(units.ColumnText(0)), level(units.ColumnText(1)),
        name(units.ColumnText(2));
    choices.push_back({code, name + " (" + level + " " + code + ")"});
    if (level != "team") continue;
    staff.Reset();
    staff.BindText(1, code);
    while (true) {
      PROBATION_ASSIGN_OR_RETURN(const bool s, staff.Step());
      if (!s) break;
      const std::string id(staff.ColumnText(0));
      choices.push_back({id, std::string(staff.ColumnText(1)) + " (officer " + id + ")"});
    }
  }
  return choices;
}

std::string PageUnit(const RequestContext& ctx) {
  std::string unit = ctx.Query("unit");
  if (unit.empty()) {
    unit = ctx.principal.role == Role::kPractitioner ? ctx.principal.staff_id
                                                     : ctx.principal.unit_code;
  }
  return unit;
}

std::string QueryString(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    out += (out.empty() ? "?" : "&") + name + "=" + PercentEncode(value);
  }
  return out;
}

PageData Pagination(const std::string& path_and_query, int64_t page, int64_t pages,
                    const std::string& param) {
  PageData data;
  if (pages <= 1) return data;
  const std::string href_base =
      path_and_query + (path_and_query.find('?') == std::string::npos ? "?" : "&") + param + "=";
  PageData items(PageData::type::list);
  for (int64_t p = 1; p <= pages; ++p) {
    // The first, the last and the two either side of the current page; "..." between.
    if (p != 1 && p != pages && (p < page - 2 || p > page + 2)) {
      if (p == page - 3 || p == page + 3) {
        PageData gap;
        gap.set("ellipsis", Flag(true));
        items.push_back(gap);
      }
      continue;
    }
    PageData item;
    item.set("number", std::to_string(p));
    item.set("href", href_base + std::to_string(p));
    item.set("current", Flag(p == page));
    item.set("ellipsis", Flag(false));
    items.push_back(item);
  }
  data.set("items", items);
  if (page > 1) data.set("previous", href_base + std::to_string(page - 1));
  if (page < pages) data.set("next", href_base + std::to_string(page + 1));
  data.set("show", Flag(true));
  return data;
}

int64_t PageNumber(const RequestContext& ctx, const std::string& name) {
  const std::string text = ctx.Query(name);
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 1) return 1;
  return std::min<int64_t>(value, 1000000);
}

PageData Flag(bool value) {
  return value ? PageData(PageData::type::bool_true) : PageData(PageData::type::bool_false);
}

}  // namespace probation
