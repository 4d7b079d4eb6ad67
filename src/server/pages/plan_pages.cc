// The business plans as pages (docs/plans.md, "The web pages"): every plan in the store with its
// RAG counts by reporting quarter and its overdue actions (GET /plans), a plan's items with
// their RAG by quarter, overdue actions first (GET /plans/{plan}), and an item's page with its
// ratings and progress notes and, for those allowed (server/planning_access.h), the form that
// records a progress note and a quarter's RAG (POST /plans/{plan}/items/{number}). The figures
// are the planning queries' (planning/plan_queries.h), as GET /api/v1/plans gives them. Plans
// carry no case data: read by every role but the administrator; a write is audited.
#include <algorithm>
#include <set>
#include <string>

#include "planning/plan_queries.h"
#include "planning/plan_store.h"
#include "server/form_fields.h"
#include "server/page.h"
#include "server/pages/record_form.h"
#include "server/planning_access.h"
#include "server/routes.h"

namespace probation {
namespace {

constexpr RoleSet kPlanReaders = {Role::kPractitioner, Role::kManager, Role::kPerformanceAnalyst,
                                  Role::kBoardMember};
constexpr RoleSet kPlanWriters = {Role::kPractitioner, Role::kManager, Role::kPerformanceAnalyst};
constexpr int64_t kSecondsPerDay = 86400;
constexpr size_t kMaxNote = 4000;
constexpr size_t kMaxComment = 1000;
constexpr size_t kOverdueOnList = 10;
constexpr RecordForm kProgressForm = {.allowed = "may_record", .done = "recorded"};

PageData Bool(bool value) {
  return PageData(value ? PageData::type::bool_true : PageData::type::bool_false);
}

PageData Text(const std::string& text) { return text.empty() ? Bool(false) : PageData(text); }

Date Today(const RequestContext& ctx) {
  return Date(static_cast<int32_t>(ctx.now / kSecondsPerDay));
}

// ?as_at=YYYY-MM-DD, or today.
Result<Date> AsAt(const RequestContext& ctx) {
  const std::string text = ctx.Query("as_at");
  if (text.empty()) return Today(ctx);
  Result<Date> parsed = Date::Parse(text);
  if (!parsed.ok()) return InvalidArgument("as_at must be a date, YYYY-MM-DD");
  return *parsed;
}

// A RAG rating as the partial rag_tag shows it: the colour and the word.
PageData RagTag(const planning::QuarterRag* rag) {
  PageData tag;
  if (rag == nullptr) {
    tag.set("tone", "none");
    tag.set("word", "Not rated");
    return tag;
  }
  switch (rag->rag) {
    case planning::Rag::kRed:
      tag.set("tone", "red");
      tag.set("word", "Red");
      break;
    case planning::Rag::kAmber:
      tag.set("tone", "amber");
      tag.set("word", "Amber");
      break;
    case planning::Rag::kGreen:
      tag.set("tone", "green");
      tag.set("word", "Green");
      break;
  }
  return tag;
}

std::string ItemHref(const planning::Plan& plan, const planning::PlanItem& item) {
  return "/plans/" + plan.id + "/items/" + item.number;
}

// The financial quarter a day falls in: "2008-Q3" for October-December 2008.
std::string QuarterOf(Date date) {
  const int month = date.month();
  const int start_year = month >= 4 ? date.year() : date.year() - 1;
  const int q = month >= 4 ? (month - 4) / 3 + 1 : 4;
  return std::to_string(start_year) + "-Q" + std::to_string(q);
}

// The quarters a plan's table shows: those it reports, and any an item is rated for.
std::vector<std::string> ShownQuarters(const planning::Plan& plan) {
  std::set<std::string> quarters(plan.reporting_quarters.begin(), plan.reporting_quarters.end());
  for (const planning::PlanItem& item : plan.items) {
    for (const planning::QuarterRag& r : item.rag) quarters.insert(r.quarter);
  }
  return {quarters.begin(), quarters.end()};
}

// The quarters a rating may be recorded for: every quarter of the plan's period, and any the
// plan already reports or rates.
std::vector<std::string> RateableQuarters(const planning::Plan& plan) {
  std::set<std::string> quarters;
  for (const std::string& q : ShownQuarters(plan)) quarters.insert(q);
  const std::string last = QuarterOf(plan.end);
  for (Date d = plan.start; d <= plan.end; d = d + 28) {
    quarters.insert(QuarterOf(d));
  }
  quarters.insert(last);
  std::vector<std::string> out;
  for (const std::string& q : quarters) {
    if (planning::CheckQuarter(q).ok()) out.push_back(q);
  }
  return out;
}

// One row of an overdue-actions table.
PageData OverdueRow(const planning::ItemRef& ref, Date as_at) {
  PageData row;
  row.set("plan_title", ref.plan->title);
  row.set("plan_href", "/plans/" + ref.plan->id);
  row.set("number", ref.item->number);
  row.set("title", ref.item->title);
  row.set("href", ItemHref(*ref.plan, *ref.item));
  row.set("lead", Text(ref.item->lead));
  row.set("deadline", ref.item->deadline->ToString());
  row.set("days_overdue", std::to_string(as_at - *ref.item->deadline));
  row.set("latest", RagTag(planning::LatestRag(*ref.item)));
  return row;
}

// The RAG counts of `plans` by each plan's reporting quarters, as GET /api/v1/plans counts them.
std::map<std::string, PageData> RagTables(const std::vector<planning::Plan>& plans) {
  std::set<std::string> quarters;
  for (const planning::Plan& plan : plans) {
    quarters.insert(plan.reporting_quarters.begin(), plan.reporting_quarters.end());
  }
  std::map<std::string, PageData> rows;
  for (const planning::Plan& plan : plans) rows[plan.id] = PageData(PageData::type::list);
  for (const std::string& quarter : quarters) {
    if (!planning::CheckQuarter(quarter).ok()) continue;
    for (const planning::RagSummary& s : planning::QuarterRagSummary(plans, quarter)) {
      const planning::Plan* plan = nullptr;
      for (const planning::Plan& p : plans) {
        if (p.id == s.plan_id) plan = &p;
      }
      if (plan == nullptr ||
          std::find(plan->reporting_quarters.begin(), plan->reporting_quarters.end(), quarter) ==
              plan->reporting_quarters.end()) {
        continue;
      }
      PageData row;
      row.set("quarter", quarter);
      row.set("red", std::to_string(s.red));
      row.set("amber", std::to_string(s.amber));
      row.set("green", std::to_string(s.green));
      row.set("not_rated", std::to_string(s.not_rated));
      rows[s.plan_id].push_back(row);
    }
  }
  return rows;
}

Result<HttpResponse> PlansPage(RequestContext& ctx) {
  PROBATION_ASSIGN_OR_RETURN(const Date as_at, AsAt(ctx));
  PROBATION_ASSIGN_OR_RETURN(std::vector<planning::Plan> plans, planning::LoadPlans(ctx.db));
  Page page{.title = "Business plans", .template_name = "plans", .nav = "/plans"};
  page.data.set("as_at", as_at.ToString());
  const std::vector<planning::ItemRef> overdue = planning::OverdueActions(plans, as_at);
  std::map<std::string, int> overdue_by_plan;
  for (const planning::ItemRef& ref : overdue) ++overdue_by_plan[ref.plan->id];
  PageData overdue_rows(PageData::type::list);
  for (size_t i = 0; i < overdue.size() && i < kOverdueOnList; ++i) {
    overdue_rows.push_back(OverdueRow(overdue[i], as_at));
  }
  page.data.set("has_overdue", Bool(!overdue.empty()));
  page.data.set("overdue_total", std::to_string(overdue.size()));
  page.data.set("overdue_shown", std::to_string(std::min(overdue.size(), kOverdueOnList)));
  page.data.set("overdue", overdue_rows);
  std::map<std::string, PageData> rag = RagTables(plans);
  PageData list(PageData::type::list);
  for (const planning::Plan& plan : plans) {
    PageData p;
    p.set("id", plan.id);
    p.set("href", "/plans/" + plan.id);
    p.set("title", plan.title);
    p.set("organisation", plan.organisation);
    p.set("start", plan.start.ToString());
    p.set("end", plan.end.ToString());
    p.set("overdue_count", std::to_string(overdue_by_plan[plan.id]));
    p.set("rag", rag[plan.id]);
    p.set("has_rag", Bool(!plan.reporting_quarters.empty()));
    list.push_back(p);
  }
  page.data.set("plan_list", list);  // not "plans": that is the template's partial
  page.data.set("has_plans", Bool(!plans.empty()));
  return RenderPage(ctx, std::move(page));
}

Result<planning::Plan> FindPlan(RequestContext& ctx) {
  Result<planning::Plan> plan = planning::LoadPlan(ctx.db, ctx.Param("plan"));
  if (!plan.ok() && plan.status().code() == StatusCode::kNotFound) {
    return NotFound("there is no plan " + ctx.Param("plan"));
  }
  return plan;
}

Result<HttpResponse> PlanPage(RequestContext& ctx) {
  PROBATION_ASSIGN_OR_RETURN(const Date as_at, AsAt(ctx));
  PROBATION_ASSIGN_OR_RETURN(planning::Plan plan, FindPlan(ctx));
  const std::vector<planning::Plan> plans = {plan};
  const planning::Plan& held = plans.front();
  Page page{.title = held.title, .template_name = "plan", .nav = "/plans"};
  page.data.set("title", held.title);
  page.data.set("organisation", held.organisation);
  page.data.set("kind", held.kind);
  page.data.set("start", held.start.ToString());
  page.data.set("end", held.end.ToString());
  page.data.set("source", Text(held.source));
  page.data.set("description", Text(held.description));
  page.data.set("as_at", as_at.ToString());
  const std::vector<planning::ItemRef> overdue = planning::OverdueActions(plans, as_at);
  std::set<const planning::PlanItem*> is_overdue;
  PageData overdue_rows(PageData::type::list);
  for (const planning::ItemRef& ref : overdue) {
    is_overdue.insert(ref.item);
    overdue_rows.push_back(OverdueRow(ref, as_at));
  }
  page.data.set("has_overdue", Bool(!overdue.empty()));
  page.data.set("overdue_total", std::to_string(overdue.size()));
  page.data.set("overdue", overdue_rows);
  page.data.set("rag", RagTables(plans)[held.id]);
  page.data.set("has_rag", Bool(!held.reporting_quarters.empty()));
  const std::vector<std::string> quarters = ShownQuarters(held);
  PageData quarter_heads(PageData::type::list);
  for (const std::string& q : quarters) quarter_heads.push_back(PageData(q));
  page.data.set("quarters", quarter_heads);
  PageData items(PageData::type::list);
  for (const planning::PlanItem& item : held.items) {
    PageData row;
    row.set("number", item.number);
    row.set("title", item.title);
    row.set("kind", item.kind);
    row.set("href", ItemHref(held, item));
    row.set("lead", Text(item.lead));
    row.set("deadline", item.deadline ? item.deadline->ToString() : item.deadline_text);
    row.set("overdue", Bool(is_overdue.count(&item) > 0));
    PageData cells(PageData::type::list);
    for (const std::string& q : quarters) {
      const planning::QuarterRag* found = nullptr;
      for (const planning::QuarterRag& r : item.rag) {
        if (r.quarter == q) found = &r;
      }
      cells.push_back(RagTag(found));
    }
    row.set("cells", cells);
    row.set("notes", std::to_string(item.progress.size()));
    items.push_back(row);
  }
  page.data.set("items", items);
  return RenderPage(ctx, std::move(page));
}

// The form's fields, with what was typed.
void AddProgressForm(const planning::Plan& plan, const FormValues& form, const FormErrors& errors,
                     PageData* data) {
  data->set("note_field", TextInput({.name = "note",
                                     .label = "Progress note",
                                     .hint = "What has been done, and what comes next. Leave "
                                             "empty to record only a rating."},
                                    form, errors));
  std::vector<Choice> quarter_choices = {{"", "No rating this time"}};
  for (const std::string& q : RateableQuarters(plan)) quarter_choices.push_back({q, q});
  data->set("quarter_field",
            Choices({.name = "quarter",
                     .legend = "Quarter",
                     .hint = "A financial quarter: 2008-Q3 is October to December 2008. A "
                             "rating for a quarter already rated replaces it.",
                     .choices = quarter_choices},
                    form, errors));
  data->set("rag_field", Choices({.name = "rag",
                                  .legend = "RAG rating for the quarter",
                                  .choices = {{"R", "Red", "Off track: say why in the comment"},
                                              {"A", "Amber", "At risk"},
                                              {"G", "Green", "On track"}}},
                                 form, errors));
  data->set("comment_field", TextInput({.name = "comment",
                                        .label = "Comment on the rating",
                                        .hint = "Needed for a red rating: why, and what is "
                                                "being done."},
                                       form, errors));
}

Result<HttpResponse> ItemPage(RequestContext& ctx, const planning::Plan& plan,
                              const planning::PlanItem& item, const FormErrors& errors,
                              int status) {
  Page page{.title = item.number + " " + item.title,
            .template_name = "plan_item",
            .status = status,
            .nav = "/plans"};
  errors.AddTo(&page.data);
  page.data.set("plan_title", plan.title);
  page.data.set("plan_href", "/plans/" + plan.id);
  page.data.set("action", ItemHref(plan, item));
  page.data.set("number", item.number);
  page.data.set("title", item.title);
  page.data.set("kind", item.kind);
  page.data.set("description", Text(item.description));
  page.data.set("success", Text(item.success));
  page.data.set("measure", Text(item.measure));
  std::string lead = item.lead;
  for (const planning::Lead& l : plan.leads) {
    if (l.code == item.lead) lead += " (" + l.name + (l.role.empty() ? "" : ", " + l.role) + ")";
  }
  page.data.set("lead", Text(lead));
  page.data.set("governance", Text(item.governance));
  std::string deadline = item.deadline ? item.deadline->ToString() : "";
  if (!item.deadline_text.empty()) {
    deadline += deadline.empty() ? item.deadline_text : " (" + item.deadline_text + ")";
  }
  page.data.set("deadline", Text(deadline));
  page.data.set("completed", Text(item.completed ? item.completed->ToString() : ""));
  page.data.set("accomplishment",
                Text(std::string(planning::AccomplishmentName(item.accomplishment))));
  std::string measures;
  for (const planning::MeasureRef& m : item.measures) {
    measures += (measures.empty() ? "" : ", ") +
                (m.framework.empty() ? m.code : m.framework + ":" + m.code);
  }
  page.data.set("measures", Text(measures));
  const Date today = Today(ctx);
  const bool overdue = item.deadline && *item.deadline < today && !planning::IsDone(item, today);
  page.data.set("overdue", Bool(overdue));
  PageData ratings(PageData::type::list);
  std::vector<const planning::QuarterRag*> sorted;
  for (const planning::QuarterRag& r : item.rag) sorted.push_back(&r);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto* a, const auto* b) { return a->quarter > b->quarter; });
  for (const planning::QuarterRag* r : sorted) {
    PageData row;
    row.set("quarter", r->quarter);
    row.set("tag", RagTag(r));
    row.set("comment", Text(r->comment));
    ratings.push_back(row);
  }
  page.data.set("ratings", ratings);
  page.data.set("has_ratings", Bool(!sorted.empty()));
  PageData notes(PageData::type::list);
  for (auto it = item.progress.rbegin(); it != item.progress.rend(); ++it) {
    PageData note;
    note.set("date", it->date ? it->date->ToString() : "Undated");
    note.set("author", Text(it->author));
    note.set("text", it->text);
    notes.push_back(note);
  }
  page.data.set("notes", notes);
  page.data.set("has_notes", Bool(!item.progress.empty()));
  PageData children(PageData::type::list);
  for (const planning::PlanItem& child : plan.items) {
    if (child.parent != item.number) continue;
    PageData c;
    c.set("number", child.number);
    c.set("title", child.title);
    c.set("href", ItemHref(plan, child));
    c.set("latest", RagTag(planning::LatestRag(child)));
    children.push_back(c);
  }
  page.data.set("has_children", Bool(!children.is_empty_list()));
  page.data.set("children", children);
  PROBATION_ASSIGN_OR_RETURN(const bool may_record,
                             MayRecordProgress(ctx.db, ctx.principal, plan, item));
  page.data.set("board", Bool(ctx.principal.role == Role::kBoardMember));
  return RenderWithRecordForm(ctx, kProgressForm, may_record, std::move(page), [&](PageData* data) {
    AddProgressForm(plan, ctx.form, errors, data);
  });
}

Result<const planning::PlanItem*> FindItem(RequestContext& ctx, const planning::Plan& plan) {
  const planning::PlanItem* item = plan.FindItem(ctx.Param("number"));
  if (item == nullptr) {
    return NotFound("plan " + plan.id + " has no item " + ctx.Param("number"));
  }
  return item;
}

Result<HttpResponse> ShowItem(RequestContext& ctx) {
  PROBATION_ASSIGN_OR_RETURN(planning::Plan plan, FindPlan(ctx));
  PROBATION_ASSIGN_OR_RETURN(const planning::PlanItem* item, FindItem(ctx, plan));
  return ItemPage(ctx, plan, *item, FormErrors(), 200);
}

Result<HttpResponse> RecordProgress(RequestContext& ctx) {
  PROBATION_ASSIGN_OR_RETURN(planning::Plan plan, FindPlan(ctx));
  PROBATION_ASSIGN_OR_RETURN(const planning::PlanItem* item, FindItem(ctx, plan));
  ctx.audit.record_type = "plan_items";
  ctx.audit.record_key = plan.id + "/" + item->number;
  PROBATION_ASSIGN_OR_RETURN(const bool may_record,
                             MayRecordProgress(ctx.db, ctx.principal, plan, *item));
  if (!may_record) {
    return PermissionDenied("you may record progress only on the actions you lead" +
                            std::string(ctx.principal.role == Role::kManager
                                            ? " or that staff in your unit lead"
                                            : ""));
  }
  const std::string note = PostedField(ctx, "note");
  const std::string quarter = PostedField(ctx, "quarter");
  const std::string rag_text = PostedField(ctx, "rag");
  const std::string comment = PostedField(ctx, "comment");
  FormErrors errors;
  if (note.size() > kMaxNote) {
    errors.Add("note", "The progress note must be 4,000 characters or fewer");
  }
  const std::vector<std::string> quarters = RateableQuarters(plan);
  std::optional<planning::Rag> rag;
  if (!rag_text.empty()) {
    Result<planning::Rag> parsed = planning::ParseRag(rag_text);
    if (parsed.ok()) {
      rag = *parsed;
    } else {
      errors.Add("rag", "Choose Red, Amber or Green");
    }
  }
  if (note.empty() && quarter.empty() && rag_text.empty()) {
    errors.Add("note", "Enter a progress note, or choose a quarter and its RAG rating");
  }
  if (!quarter.empty() && std::find(quarters.begin(), quarters.end(), quarter) == quarters.end()) {
    errors.Add("quarter", "Choose a quarter of the plan's period from the list");
  } else if (!quarter.empty() && rag_text.empty()) {
    errors.Add("rag", "Choose Red, Amber or Green for " + quarter);
  }
  if (quarter.empty() && !rag_text.empty()) {
    errors.Add("quarter", "Choose the quarter this rating is for");
  }
  if (comment.size() > kMaxComment) {
    errors.Add("comment", "The comment must be 1,000 characters or fewer");
  } else if (rag == planning::Rag::kRed && comment.empty()) {
    errors.Add("comment", "Say why the action is red and what is being done");
  } else if (!comment.empty() && rag_text.empty()) {
    errors.Add("comment",
               "A comment goes with a rating: choose a quarter and its rating, or put "
               "the words in the progress note");
  }
  if (!errors.empty()) return ItemPage(ctx, plan, *item, errors, 400);
  const std::string author = RecorderName(ctx.principal);
  std::string detail;
  if (!note.empty()) {
    PROBATION_RETURN_IF_ERROR(planning::AddProgressNote(
        ctx.db, plan.id, item->number,
        planning::ProgressNote{.date = Today(ctx), .author = author, .text = note}));
    detail = "progress note";
  }
  if (rag) {
    PROBATION_RETURN_IF_ERROR(planning::SetQuarterRag(
        ctx.db, plan.id, item->number,
        planning::QuarterRag{.quarter = quarter, .rag = *rag, .comment = comment}));
    detail +=
        (detail.empty() ? "" : "; ") + quarter + " RAG " + std::string(planning::RagName(*rag));
  }
  ctx.audit.detail = detail;
  return RecordedRedirect(kProgressForm, ItemHref(plan, *item));
}

}  // namespace

void AddPlanPages(const ServiceContext& service) {
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/plans",
      .handler = PlansPage,
      .roles = kPlanReaders,
      .summary = "The business plans: RAG counts by reporting quarter and overdue actions (page)",
      .query_params = {{"as_at", "the date actions are overdue at, YYYY-MM-DD (default: today)",
                        false}},
      .response_type = "text/html",
      .page = true,
  });
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/plans/{plan}",
      .handler = PlanPage,
      .roles = kPlanReaders,
      .summary = "A plan: its items with RAG by quarter, overdue actions first (page)",
      .query_params = {{"as_at", "the date actions are overdue at, YYYY-MM-DD (default: today)",
                        false}},
      .response_type = "text/html",
      .page = true,
  });
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/plans/{plan}/items/{number}",
      .handler = ShowItem,
      .roles = kPlanReaders,
      .summary = "A plan's item: ratings, progress notes and, for its lead, the form to record "
                 "progress (page)",
      .response_type = "text/html",
      .page = true,
  });
  service.router->Add(Route{
      .method = "POST",
      .pattern = "/plans/{plan}/items/{number}",
      .handler = RecordProgress,
      .roles = kPlanWriters,
      .audited = true,
      .summary = "Record a progress note and/or a quarter's RAG on a plan's item, from the form "
                 "(page)",
      .response_type = "text/html",
      .page = true,
  });
}

}  // namespace probation
