// The case page: a person (name, CRN, date of birth, tier, ROSH, OGRS3, MAPPA and PPO flags),
// their sentences with requirements (unpaid work hours worked of ordered), and a timeline of
// contacts, assessments, breaches, recalls and registrations, newest first, filtered by kind
// with links, each with its outcome and, on a sentence the user may write, the action that
// records the next thing. The same read as GET /api/v1/cases/{crn} (ReadCase), audited the
// same way ("people" and the CRN).
#include <algorithm>

#include "server/case_repository.h"
#include "server/pages/case_display.h"
#include "server/pages/practitioner_pages.h"
#include "server/scope.h"

namespace probation {
namespace {

constexpr int64_t kTimelinePageSize = 50;

struct TimelineItem {
  std::string kind;  // "contacts", ...
  std::string date;  // ISO, for ordering and <time>
  std::string key;
  PageData data;
};

std::string YesNo(const StoredRecord& r, const char* field) {
  const std::optional<std::string> v = r.Value(field);
  return v && *v == "Y" ? "yes" : "no";
}

std::string V(const StoredRecord& r, const char* field) { return r.Value(field).value_or(""); }

PageData Item(const std::string& title, const std::string& date, const std::string& detail,
              const std::string& outcome, const std::string& tag) {
  PageData d;
  d.set("title", title);
  d.set("date_iso", date.substr(0, 10));
  d.set("date", DayText(date));
  d.set("detail", detail);
  d.set("outcome", outcome);
  d.set("tag", tag);
  d.set("has_action", Flag(false));
  return d;
}

void SetAction(PageData* d, const std::string& href, const std::string& text) {
  d->set("has_action", Flag(true));
  d->set("action_href", href);
  d->set("action_text", text);
}

std::vector<TimelineItem> Timeline(const CaseRecord& record, const std::string& crn,
                                   const std::map<std::string, bool>& writable) {
  std::vector<TimelineItem> items;
  auto can_write = [&](const StoredRecord& r) {
    const auto it = writable.find(V(r, "event_no"));
    return it != writable.end() && it->second;
  };
  auto sentence_path = [&](const StoredRecord& r) {
    return "/cases/" + crn + "/sentences/" + V(r, "event_no");
  };
  for (const StoredRecord& c : record.Records("contacts")) {
    const std::string outcome = V(c, "outcome");
    std::string detail = "Sentence " + V(c, "event_no") +
                         ". Required by national standards: " + YesNo(c, "ns_required") +
                         ". Arranged as the standards require: " + YesNo(c, "arranged") + ".";
    if (auto h = c.Value("hours_credited")) detail += " Hours credited: " + *h + ".";
    PageData d =
        Item(CodeText("contact_type", V(c, "contact_type")), V(c, "contact_date"), detail,
             outcome.empty() ? "Outcome not recorded" : CodeText("contact_outcome", outcome),
             outcome == "ATT"  ? "govuk-tag--green"
             : outcome == "UA" ? "govuk-tag--red"
                               : "govuk-tag--grey");
    if (can_write(c)) {
      SetAction(&d, sentence_path(c) + "/contacts/" + V(c, "contact_no") + "/outcome",
                outcome.empty() ? "Record the outcome" : "Change the outcome");
    }
    items.push_back({"contacts", V(c, "contact_date"), c.key, d});
  }
  for (const StoredRecord& a : record.Records("assessments")) {
    const std::string completed = V(a, "completed_date");
    std::string detail =
        "Sentence " + V(a, "event_no") + ". Started " + DayText(V(a, "started_date")) +
        (completed.empty() ? "; not completed." : "; completed " + DayText(completed) + ".");
    PageData d =
        Item("Assessment: " + CodeText("assessment_type", V(a, "assessment_type")),
             V(a, "started_date"), detail, completed.empty() ? "Not completed" : "Completed",
             completed.empty() ? "govuk-tag--yellow" : "govuk-tag--green");
    if (can_write(a)) {
      SetAction(&d, sentence_path(a) + "/assessments/" + V(a, "assessment_no") + "/dates",
                "Record the dates");
    }
    items.push_back({"assessments", V(a, "started_date"), a.key, d});
  }
  for (const StoredRecord& b : record.Records("breaches")) {
    const std::string initiated = V(b, "initiated_date"), resolved = V(b, "resolved_date");
    std::string detail = "Sentence " + V(b, "event_no") + ". Failure to comply on " +
                         DayText(V(b, "failure_date")) + "; " +
                         (initiated.empty() ? "proceedings not initiated"
                                            : "proceedings initiated " + DayText(initiated)) +
                         (resolved.empty() ? "." : "; resolved " + DayText(resolved) + ".");
    items.push_back(
        {"breaches", V(b, "failure_date"), b.key,
         Item("Breach", V(b, "failure_date"), detail,
              resolved.empty() ? "Not resolved" : CodeText("breach_outcome", V(b, "outcome")),
              resolved.empty() ? "govuk-tag--yellow" : "govuk-tag--blue")});
  }
  for (const StoredRecord& r : record.Records("recalls")) {
    const std::string received = V(r, "request_received_time");
    std::string detail =
        "Sentence " + V(r, "event_no") + ". Decision to request recall " +
        DayText(V(r, "decision_time")) + "; " +
        (received.empty() ? "request not yet received" : "request received " + DayText(received)) +
        ".";
    items.push_back({"recalls", V(r, "decision_time"), r.key,
                     Item(CodeText("recall_type", V(r, "recall_type")), V(r, "decision_time"),
                          detail, received.empty() ? "Awaiting receipt" : "Received",
                          received.empty() ? "govuk-tag--yellow" : "govuk-tag--blue")});
  }
  for (const StoredRecord& r : record.Records("registrations")) {
    const std::string ended = V(r, "end_date");
    std::string detail = CodeText("registration_type", V(r, "registration_type"));
    if (auto c = r.Value("mappa_category")) detail += "; " + CodeText("mappa_category", *c);
    if (auto l = r.Value("mappa_level")) detail += "; " + CodeText("mappa_level", *l);
    items.push_back({"registrations", V(r, "start_date"), r.key,
                     Item("Registration: " + V(r, "registration_type"), V(r, "start_date"),
                          detail + ".", ended.empty() ? "Active" : "Ended " + DayText(ended),
                          ended.empty() ? "govuk-tag--purple" : "govuk-tag--grey")});
  }
  std::stable_sort(items.begin(), items.end(), [](const TimelineItem& a, const TimelineItem& b) {
    if (a.date != b.date) return a.date > b.date;
    return a.key > b.key;
  });
  return items;
}

PageData Requirements(const std::vector<StoredRecord>& all, const std::string& event_no) {
  PageData rows(PageData::type::list);
  for (const StoredRecord& r : all) {
    if (V(r, "event_no") != event_no) continue;
    std::string progress;
    if (auto ordered = r.Value("upw_hours_ordered")) {
      progress = r.Value("upw_hours_worked").value_or("0") + " of " + *ordered + " hours worked";
    } else if (auto sessions = r.Value("programme_sessions")) {
      progress = r.Value("programme_sessions_attended").value_or("0") + " of " + *sessions +
                 " sessions attended";
    }
    PageData row;
    row.set("type", CodeText("requirement_type", V(r, "requirement_type")));
    row.set("progress", progress.empty() ? std::string("–") : progress);
    row.set("start", r.Value("start_date") ? DayText(V(r, "start_date")) : "Not started");
    row.set("end", DayText(V(r, "end_date")));
    row.set("outcome", r.Value("outcome") ? CodeText("requirement_outcome", V(r, "outcome"))
                                          : std::string("Running"));
    rows.push_back(row);
  }
  return rows;
}

std::string RecordedText(const std::string& what) {
  if (what == "contact") return "Contact recorded";
  if (what == "outcome") return "Outcome recorded";
  if (what == "breach") return "Breach recorded";
  if (what == "assessment") return "Assessment dates recorded";
  if (what == "new-assessment") return "Assessment recorded";
  return {};
}

Result<HttpResponse> CasePage(RequestContext& ctx) {
  const std::string crn = ctx.Param("crn");
  ctx.audit.record_type = "people";
  ctx.audit.record_key = crn;
  PROBATION_ASSIGN_OR_RETURN(const CaseRecord record, ReadCase(ctx.db, ctx.principal, crn));
  const StoredRecord& p = record.person;
  const std::string name = V(p, "forenames") + " " + V(p, "surname");
  Page page{.title = name + " (" + crn + ")", .template_name = "case", .nav = "/cases"};
  PageData& data = page.data;
  data.set("name", name);
  data.set("crn", crn);
  data.set("date_of_birth", DayText(V(p, "date_of_birth")));
  const CaseFacts facts = FactsFrom(record.Records("assessments"), record.Records("registrations"));
  data.set("tier", facts.tier.empty() ? std::string("Not assessed") : CodeText("tier", facts.tier));
  data.set("rosh", RoshTag(facts.rosh));
  data.set("ogrs", facts.ogrs.empty() ? std::string("Not assessed")
                                      : facts.ogrs + "% likely to reoffend within two years");
  PageData flags(PageData::type::list);
  for (const std::string& f : facts.flags) flags.push_back(PageData(f));
  data.set("flags", flags);
  data.set("has_flags", Flag(!facts.flags.empty()));
  if (const std::string text = RecordedText(ctx.Query("recorded")); !text.empty()) {
    data.set("recorded", text);
  }

  std::map<std::string, bool> writable;
  PageData sentences(PageData::type::list);
  for (const StoredRecord& s : record.Records("sentences")) {
    const std::string event_no = V(s, "event_no");
    Result<CaseAccess> access = AccessToSentence(ctx.db, ctx.principal, crn, std::stoll(event_no));
    if (!access.ok()) return access.status();
    const bool can_write = *access == CaseAccess::kWrite;
    writable[event_no] = can_write;
    PageData sd;
    sd.set("event_no", event_no);
    sd.set("type", CodeText("sentence_type", V(s, "sentence_type")));
    sd.set("sentence_date", DayText(V(s, "sentence_date")));
    sd.set("start_date", DayText(V(s, "start_date")));
    sd.set("expected_end_date", DayText(V(s, "expected_end_date")));
    sd.set("terminated", s.Value("termination_date")
                             ? DayText(V(s, "termination_date")) + " (" +
                                   CodeText("termination_reason", V(s, "termination_reason")) + ")"
                             : std::string("Running"));
    PageData reqs = Requirements(record.Records("requirements"), event_no);
    sd.set("has_requirements", Flag(!reqs.list_value().empty()));
    sd.set("requirements", reqs);
    sd.set("writable", Flag(can_write));
    const std::string base = "/cases/" + crn + "/sentences/" + event_no;
    sd.set("contact_href", base + "/contacts/new");
    sd.set("breach_href", base + "/breaches/new");
    sd.set("assessment_href", "/cases/" + crn + "/assessments/new?sentence=" + event_no);
    sentences.push_back(sd);
  }
  data.set("sentences", sentences);
  const bool any_writable =
      std::any_of(writable.begin(), writable.end(), [](const auto& w) { return w.second; });
  if (any_writable) data.set("new_assessment_href", "/cases/" + crn + "/assessments/new");

  // The timeline, filtered by kind and paged.
  std::string kind = ctx.Query("kind");
  const std::vector<std::pair<std::string, std::string>> kinds = {
      {"", "All"},
      {"contacts", "Contacts"},
      {"assessments", "Assessments"},
      {"breaches", "Breaches"},
      {"recalls", "Recalls"},
      {"registrations", "Registrations"}};
  bool known = false;
  for (const auto& [k, text] : kinds) known = known || k == kind;
  if (!known) kind.clear();
  std::vector<TimelineItem> all = Timeline(record, crn, writable);
  PageData filters(PageData::type::list);
  for (const auto& [k, text] : kinds) {
    int64_t n = 0;
    for (const TimelineItem& i : all) n += k.empty() || i.kind == k;
    PageData f;
    f.set("text", text);
    f.set("count", std::to_string(n));
    f.set("href", "/cases/" + crn + QueryString({{"kind", k}}) + "#timeline");
    f.set("current", Flag(k == kind));
    filters.push_back(f);
  }
  data.set("filters", filters);
  std::vector<const TimelineItem*> shown;
  for (const TimelineItem& i : all) {
    if (kind.empty() || i.kind == kind) shown.push_back(&i);
  }
  const int64_t total = static_cast<int64_t>(shown.size());
  const int64_t pages = std::max<int64_t>(1, (total + kTimelinePageSize - 1) / kTimelinePageSize);
  const int64_t page_no = std::min(PageNumber(ctx), pages);
  PageData timeline(PageData::type::list);
  for (int64_t i = (page_no - 1) * kTimelinePageSize;
       i < std::min(total, page_no * kTimelinePageSize); ++i) {
    timeline.push_back(shown[i]->data);
  }
  data.set("timeline", timeline);
  data.set("timeline_empty", Flag(total == 0));
  data.set("timeline_total", std::to_string(total));
  data.set("pagination",
           Pagination("/cases/" + crn + QueryString({{"kind", kind}}), page_no, pages));
  return RenderPage(ctx, std::move(page));
}

}  // namespace

void AddCasePage(const ServiceContext& service) {
  service.router->Add(
      Route{.method = "GET",
            .pattern = "/cases/{crn}",
            .handler = CasePage,
            .roles = kCasePageReaders,
            .audited = true,
            .summary = "A case: the person, sentences, requirements and a timeline "
                       "of what was recorded, with actions (page)",
            .query_params = {{"kind",
                              "contacts, assessments, breaches, recalls "
                              "or registrations",
                              false},
                             {"page", "page of the timeline", false},
                             {"recorded", "what was just recorded (banner)", false}},
            .response_type = "text/html",
            .page = true});
}

}  // namespace probation
