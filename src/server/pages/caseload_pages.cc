// The caseload, what falls due and case search as pages: the same reads as GET
// /api/v1/caseload, /api/v1/due and /api/v1/cases (server/case_repository.h, due_items.h),
// sorted, filtered and paged by links with query parameters so that they work without
// JavaScript. Audited like the API: the query and unit for the lists, "people" for a search.
#include <algorithm>

#include "server/case_repository.h"
#include "server/pages/case_display.h"
#include "server/pages/practitioner_pages.h"
#include "server/scope.h"

namespace probation {
namespace {

constexpr int64_t kCaseloadPageSize = 25;
constexpr int64_t kDuePageSize = 50;
constexpr int64_t kSearchPageSize = 25;

// Every current allocation of `unit` (ReadCaseload page by page), each with its next due item.
Result<std::vector<CaseloadEntry>> WholeCaseload(Database* db, const Principal& principal,
                                                 const std::string& unit, const DueIndex* due) {
  std::vector<CaseloadEntry> all;
  for (Paging paging{.limit = 500, .offset = 0};; paging.offset += paging.limit) {
    PROBATION_ASSIGN_OR_RETURN(Caseload load, ReadCaseload(db, principal, unit, paging, due));
    const size_t got = load.cases.size();
    for (CaseloadEntry& c : load.cases) all.push_back(std::move(c));
    if (got < static_cast<size_t>(paging.limit)) break;
  }
  return all;
}

// The select of units and officers for a manager or analyst (none for a practitioner).
Status AddUnitPicker(const RequestContext& ctx, const std::string& unit, PageData* data) {
  PROBATION_ASSIGN_OR_RETURN(std::vector<Choice> choices, ScopeUnitChoices(ctx.db, ctx.principal));
  if (choices.empty()) return Status::Ok();
  bool listed = false;
  for (const Choice& c : choices) listed = listed || c.value == unit;
  if (!listed) choices.insert(choices.begin(), {unit, unit});
  data->set(
      "unit_picker",
      Choices(
          {.name = "unit", .legend = "Team, unit or officer", .choices = choices, .value = unit},
          {}, FormErrors()));
  return Status::Ok();
}

const DueIndex* CurrentDue(const ServiceContext& service,
                           std::shared_ptr<const EngineState>* state) {
  if (service.engine == nullptr) return nullptr;
  *state = service.engine->Current();
  Result<const DueIndex*> index = (*state)->Due();
  return index.ok() ? *index : nullptr;
}

PageData DueCells(const DueItem& item) {
  PageData row;
  row.set("measure", item.measure);
  row.set("title", item.title);
  row.set("framework", item.framework);
  row.set("crn", item.crn);
  row.set("has_crn", Flag(!item.crn.empty()));
  row.set("record_key", item.record_key);
  row.set("deadline", DayText(item.deadline.ToString()));
  row.set("deadline_iso", item.deadline.ToString());
  row.set("days_left", DaysLeftText(item));
  row.set("urgent", Flag(!item.failed && item.days_left <= 2));
  row.set("officer", item.officer);
  return row;
}

Result<HttpResponse> CaseloadPage(const ServiceContext& service, RequestContext& ctx) {
  const std::string unit = PageUnit(ctx);
  ctx.audit.query = "caseload";
  ctx.audit.unit = unit;
  if (unit.empty()) return PermissionDenied("your account is tied to no unit");
  std::shared_ptr<const EngineState> state;
  const DueIndex* due = CurrentDue(service, &state);
  PROBATION_ASSIGN_OR_RETURN(std::vector<CaseloadEntry> cases,
                             WholeCaseload(ctx.db, ctx.principal, unit, due));

  std::string sort = ctx.Query("sort");
  if (sort != "crn" && sort != "name" && sort != "type") sort = "due";
  const bool descending = ctx.Query("order") == "desc";
  auto key = [&](const CaseloadEntry& c) {
    if (sort == "crn") return std::make_tuple(c.crn, std::string(), std::string());
    if (sort == "name") return std::make_tuple(c.surname, c.forenames, c.crn);
    if (sort == "type") return std::make_tuple(c.sentence_type, c.crn, std::string());
    // Soonest deadline first; cases with nothing due last.
    return std::make_tuple(c.next_due ? "0" + c.next_due->deadline.ToString() : std::string("1"),
                           c.crn, std::to_string(c.event_no));
  };
  std::stable_sort(cases.begin(), cases.end(), [&](const CaseloadEntry& a, const CaseloadEntry& b) {
    return descending ? key(b) < key(a) : key(a) < key(b);
  });

  const int64_t total = static_cast<int64_t>(cases.size());
  const int64_t pages = std::max<int64_t>(1, (total + kCaseloadPageSize - 1) / kCaseloadPageSize);
  const int64_t page_no = std::min(PageNumber(ctx), pages);
  const std::string unit_param = ctx.Query("unit");
  const bool show_officer = ctx.principal.role != Role::kPractitioner;

  Page page{.title = ctx.principal.role == Role::kPractitioner ? "Your caseload" : "Caseload",
            .template_name = "caseload",
            .nav = "/caseload"};
  PageData rows(PageData::type::list);
  for (int64_t i = (page_no - 1) * kCaseloadPageSize;
       i < std::min(total, page_no * kCaseloadPageSize); ++i) {
    const CaseloadEntry& c = cases[i];
    PROBATION_ASSIGN_OR_RETURN(const CaseFacts facts, ReadCaseFacts(ctx.db, c.crn));
    PageData row;
    row.set("crn", c.crn);
    row.set("name", c.forenames + " " + c.surname);
    row.set("sentence_type", CodeText("sentence_type", c.sentence_type));
    row.set("tier", facts.tier.empty() ? std::string("Not assessed") : facts.tier);
    row.set("rosh", RoshTag(facts.rosh));
    PageData flags(PageData::type::list);
    for (const std::string& f : facts.flags) flags.push_back(PageData(f));
    row.set("flags", flags);
    row.set("has_flags", Flag(!facts.flags.empty()));
    row.set("has_due", Flag(c.next_due.has_value()));
    if (c.next_due) row.set("due", DueCells(*c.next_due));
    row.set("officer", c.officer_name + " (" + c.staff_id + ")");
    row.set("show_officer", Flag(show_officer));
    rows.push_back(row);
  }
  page.data.set("rows", rows);
  page.data.set("total", std::to_string(total));
  page.data.set("unit", unit);
  page.data.set("show_officer", Flag(show_officer));
  page.data.set("empty", Flag(total == 0));
  page.data.set("no_engine", Flag(due == nullptr));
  // Sortable headers: a link per column; the current one says which way it is sorted.
  PageData headers(PageData::type::list);
  for (const auto& [col, text] : std::vector<std::pair<std::string, std::string>>{
           {"crn", "CRN"}, {"name", "Name"}, {"type", "Sentence type"}, {"due", "Next due"}}) {
    const bool current = col == sort;
    PageData h;
    h.set("text", text);
    h.set("href", "/caseload" + QueryString({{"unit", unit_param},
                                             {"sort", col},
                                             {"order", current && !descending ? "desc" : "asc"}}));
    h.set("aria_sort", current ? (descending ? "descending" : "ascending") : "none");
    h.set("key", col);
    headers.push_back(h);
  }
  page.data.set("headers", headers);
  page.data.set("sorted_by", sort == "due"    ? "next due date"
                             : sort == "type" ? "sentence type"
                             : sort == "name" ? "name"
                                              : "CRN");
  page.data.set("sort_order", descending ? "descending" : "ascending");
  const std::string base = "/caseload" + QueryString({{"unit", unit_param},
                                                      {"sort", ctx.Query("sort")},
                                                      {"order", ctx.Query("order")}});
  page.data.set("pagination", Pagination(base, page_no, pages));
  PROBATION_RETURN_IF_ERROR(AddUnitPicker(ctx, unit, &page.data));
  return RenderPage(ctx, std::move(page));
}

Result<HttpResponse> DuePage(const ServiceContext& service, RequestContext& ctx) {
  const std::string unit = PageUnit(ctx);
  ctx.audit.query = "due";
  ctx.audit.unit = unit;
  if (unit.empty()) return PermissionDenied("your account is tied to no unit");
  PROBATION_RETURN_IF_ERROR(CanSeeUnit(ctx.db, ctx.principal, unit));
  Page page{.title = "What falls due", .template_name = "due", .nav = "/due"};
  PROBATION_RETURN_IF_ERROR(AddUnitPicker(ctx, unit, &page.data));
  page.data.set("unit", unit);
  const bool show_officer = ctx.principal.role != Role::kPractitioner;
  page.data.set("show_officer", Flag(show_officer));
  const bool all = ctx.Query("show") == "all";
  page.data.set("all", Flag(all));
  const std::string unit_param = ctx.Query("unit");
  page.data.set("week_href", "/due" + QueryString({{"unit", unit_param}}));
  page.data.set("all_href", "/due" + QueryString({{"unit", unit_param}, {"show", "all"}}));

  std::shared_ptr<const EngineState> state;
  const DueIndex* due = CurrentDue(service, &state);
  Result<measures::UnitRef> ref =
      state ? state->organisation->Find(unit) : Result<measures::UnitRef>(NotFound("no engine"));
  if (due == nullptr || !ref.ok()) {
    page.data.set("no_figures", Flag(true));
    return RenderPage(ctx, std::move(page));
  }
  const DueList list = due->For(*ref, unit, 0, 0);
  const Date week_end = list.as_at + 6;
  std::vector<const DueItem*> pending;
  for (const DueItem& item : list.pending) {
    if (all || item.deadline <= week_end) pending.push_back(&item);
  }
  page.data.set("as_at", DayText(list.as_at.ToString()));
  page.data.set("week_end", DayText(week_end.ToString()));
  page.data.set("fy", list.fy_label);
  page.data.set("engine_version", std::to_string(state->version->number()));

  auto fill = [&](const std::vector<const DueItem*>& items, const char* name,
                  const char* page_param, const std::string& other_params) {
    const int64_t total = static_cast<int64_t>(items.size());
    const int64_t pages = std::max<int64_t>(1, (total + kDuePageSize - 1) / kDuePageSize);
    const int64_t page_no = std::min(PageNumber(ctx, page_param), pages);
    PageData rows(PageData::type::list);
    for (int64_t i = (page_no - 1) * kDuePageSize; i < std::min(total, page_no * kDuePageSize);
         ++i) {
      PageData row = DueCells(*items[i]);
      row.set("show_officer", Flag(show_officer));
      rows.push_back(row);
    }
    PageData section;
    section.set("rows", rows);
    section.set("total", std::to_string(total));
    section.set("empty", Flag(total == 0));
    section.set("pagination", Pagination("/due" + other_params, page_no, pages, page_param));
    page.data.set(name, section);
  };
  fill(pending, "pending", "page", QueryString({{"unit", unit_param}, {"show", all ? "all" : ""}}));
  std::vector<const DueItem*> failed;
  for (const DueItem& item : list.failed) failed.push_back(&item);
  fill(failed, "failed", "failed_page",
       QueryString({{"unit", unit_param}, {"show", all ? "all" : ""}}));
  return RenderPage(ctx, std::move(page));
}

Result<HttpResponse> SearchPage(RequestContext& ctx) {
  const std::string q = ctx.Query("q");
  ctx.audit.record_type = "people";
  ctx.audit.query = "q=" + q;
  Page page{.title = "Find a case", .template_name = "case_search", .nav = "/cases"};
  FormErrors errors;
  page.data.set("q", q);
  if (q.size() > 100) errors.Add("q", "Enter a CRN or surname of 100 characters or fewer");
  if (!q.empty() && errors.empty()) {
    const int64_t page_no = PageNumber(ctx);
    PROBATION_ASSIGN_OR_RETURN(
        CaseSearchResult found,
        SearchCases(ctx.db, ctx.principal, q,
                    Paging{.limit = kSearchPageSize, .offset = (page_no - 1) * kSearchPageSize}));
    PageData rows(PageData::type::list);
    for (const CaseSummary& c : found.cases) {
      PageData row;
      row.set("crn", c.crn);
      row.set("name", c.forenames + " " + c.surname);
      row.set("date_of_birth", DayText(c.date_of_birth));
      rows.push_back(row);
    }
    page.data.set("searched", Flag(true));
    page.data.set("rows", rows);
    page.data.set("count", std::to_string(found.cases.size()));
    page.data.set("none", Flag(found.cases.empty()));
    const std::string base = "/cases" + QueryString({{"q", q}}) + "&";
    PageData pager;
    if (page_no > 1) pager.set("previous", base + "page=" + std::to_string(page_no - 1));
    if (found.more) pager.set("next", base + "page=" + std::to_string(page_no + 1));
    if (page_no > 1 || found.more) pager.set("show", Flag(true));
    page.data.set("pagination", pager);
  }
  page.data.set("q_field", TextInput({.name = "q",
                                      .label = "CRN or surname",
                                      .hint = "For example, X123456 or Smith",
                                      .width = "govuk-!-width-one-third"},
                                     {{"q", q}}, errors));
  errors.AddTo(&page.data);
  if (!errors.empty()) page.status = 400;
  return RenderPage(ctx, std::move(page));
}

}  // namespace

void AddCaseloadPages(const ServiceContext& service) {
  Router& r = *service.router;
  r.Add(Route{.method = "GET",
              .pattern = "/caseload",
              .handler = [service](RequestContext& ctx) { return CaseloadPage(service, ctx); },
              .roles = kCasePageReaders,
              .audited = true,
              .summary = "Caseload: each current case with tier, ROSH, flags and next due item, "
                         "sortable and paged (page)",
              .query_params = {{"unit", "staff id, team or LDU in your scope", false},
                               {"sort", "crn, name, type or due (default)", false},
                               {"order", "asc or desc", false},
                               {"page", "page number", false}},
              .response_type = "text/html",
              .page = true});
  r.Add(Route{.method = "GET",
              .pattern = "/due",
              .handler = [service](RequestContext& ctx) { return DuePage(service, ctx); },
              .roles = kCasePageReaders,
              .audited = true,
              .summary = "What falls due this week and what failed this year (page)",
              .query_params = {{"unit", "staff id, team or LDU in your scope", false},
                               {"show", "all: every pending item, not only this week's", false},
                               {"page", "page of pending items", false},
                               {"failed_page", "page of failed items", false}},
              .response_type = "text/html",
              .page = true});
  r.Add(Route{.method = "GET",
              .pattern = "/cases",
              .handler = SearchPage,
              .roles = kCasePageReaders,
              .audited = true,
              .summary = "Find a case by CRN or surname in your scope (page)",
              .query_params = {{"q", "a CRN or surname", false}, {"page", "page number", false}},
              .response_type = "text/html",
              .page = true});
}

}  // namespace probation
