// The administrator's audit log pages: a search ("who looked at this case?": by CRN or other
// record key, user, from and to dates, outcome), newest first, 50 entries a page with
// links to the pages before and after; and the chain's verification on request (how many
// entries were checked, and the first that breaks the chain). Both read the log through
// store/audit_log.h, as the API's /api/v1/admin/audit does; searching takes GET parameters,
// so a search is a link that can be shared and works without JavaScript.
#include <optional>
#include <string>
#include <vector>

#include "server/form_fields.h"
#include "server/page.h"
#include "server/routes.h"
#include "store/audit_log.h"

namespace probation {
namespace {

const RoleSet kAdmin = {Role::kAdministrator};
constexpr int64_t kPageSize = 50;
constexpr int64_t kMaxPage = 1000000;

std::string Trimmed(std::string text) {
  while (!text.empty() && text.front() == ' ') text.erase(text.begin());
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// "2026-12-07T16:30:05Z" -> "2026-12-07 16:30:05 UTC".
std::string WhenText(const std::string& at) {
  if (at.size() < 19) return at;
  return at.substr(0, 10) + " " + at.substr(11, 8) + " UTC";
}

PageData Bool(bool value) {
  return PageData(value ? PageData::type::bool_true : PageData::type::bool_false);
}

// The query string of the search the page shows (without the page number), for its links.
std::string SearchQuery(const RequestContext& ctx) {
  std::string out;
  for (const char* name : {"crn", "user", "from-day", "from-month", "from-year", "to-day",
                           "to-month", "to-year", "outcome"}) {
    const std::string value = ctx.Query(name);
    if (value.empty()) continue;
    out += out.empty() ? "" : "&";
    out += std::string(name) + "=" + PercentEncode(value);
  }
  return out;
}

PageData EntryRow(const AuditEntry& e) {
  PageData row;
  row.set("seq", std::to_string(e.seq));
  row.set("at", WhenText(e.at));
  row.set("username", e.username.empty() ? "(none)" : e.username);
  row.set("address", e.address);
  row.set("action", e.action);
  std::string record = e.record_key;
  if (!e.record_type.empty() && !record.empty()) record = e.record_type + " " + record;
  std::string query = e.query;
  if (!e.unit.empty()) query += (query.empty() ? "unit " : ", unit ") + e.unit;
  row.set("record", record);
  row.set("query", query);
  row.set("refused", Bool(e.outcome == AuditOutcome::kRefused));
  row.set("detail", e.detail);
  return row;
}

Result<HttpResponse> AuditPage(RequestContext& ctx) {
  Page page{.title = "Audit log", .template_name = "admin_audit", .nav = "/admin/audit"};
  FormErrors errors;
  AuditFilter filter{.limit = kPageSize + 1, .newest_first = true};
  filter.record_key = Trimmed(ctx.Query("crn"));
  filter.username = Trimmed(ctx.Query("user"));
  std::optional<Date> from, to;
  if (Result<std::optional<Date>> d = ReadDateInput(ctx.query, "from", "The from date"); !d.ok()) {
    errors.Add("from", d.status().message(), "from-day");
  } else {
    from = *d;
  }
  if (Result<std::optional<Date>> d = ReadDateInput(ctx.query, "to", "The to date"); !d.ok()) {
    errors.Add("to", d.status().message(), "to-day");
  } else {
    to = *d;
  }
  if (from && to && *to < *from) {
    errors.Add("to", "The to date must be the same as or after the from date", "to-day");
  }
  if (from) filter.from = from->ToString();
  if (to) filter.to = to->ToString();
  filter.outcome = ctx.Query("outcome");
  if (filter.outcome != "" && filter.outcome != "allowed" && filter.outcome != "refused") {
    errors.Add("outcome", "Select allowed, refused or any outcome");
    filter.outcome.clear();
  }
  int64_t page_number = 1;
  if (const std::string text = ctx.Query("page"); !text.empty()) {
    if (text.size() > 7 || text.find_first_not_of("0123456789") != std::string::npos ||
        std::stoll(text) < 1 || std::stoll(text) > kMaxPage) {
      errors.Add("page", "The page must be a number from 1", "results");
    } else {
      page_number = std::stoll(text);
    }
  }
  filter.offset = (page_number - 1) * kPageSize;

  page.data.set("crn_field", TextInput({.name = "crn",
                                        .label = "CRN or other record key",
                                        .hint = "Who looked at this case? For example, X123456",
                                        .autocomplete = "off",
                                        .width = "govuk-input--width-10"},
                                       ctx.query, errors));
  page.data.set("user_field", TextInput({.name = "user",
                                         .label = "Username",
                                         .autocomplete = "off",
                                         .width = "govuk-input--width-20"},
                                        ctx.query, errors));
  page.data.set("from_field",
                DateInput({.name = "from", .label = "From", .hint = "For example, 1 12 2026"},
                          std::nullopt, ctx.query, errors));
  page.data.set("to_field",
                DateInput({.name = "to", .label = "To", .hint = "For example, 7 12 2026"},
                          std::nullopt, ctx.query, errors));
  page.data.set("outcome_field",
                Choices({.name = "outcome",
                         .legend = "Outcome",
                         .choices = {{"", "Any"}, {"allowed", "Allowed"}, {"refused", "Refused"}}},
                        ctx.query, errors));
  if (!errors.empty()) {
    errors.AddTo(&page.data);
    page.status = 400;
    return RenderPage(ctx, std::move(page));
  }
  PROBATION_ASSIGN_OR_RETURN(std::vector<AuditEntry> entries, SearchAudit(ctx.db, filter));
  const bool more = static_cast<int64_t>(entries.size()) > kPageSize;
  if (more) entries.pop_back();
  PageData rows(PageData::type::list);
  for (const AuditEntry& e : entries) rows.push_back(EntryRow(e));
  page.data.set("entries", rows);
  page.data.set("has_entries", Bool(!entries.empty()));
  page.data.set("first", std::to_string(filter.offset + 1));
  page.data.set("last", std::to_string(filter.offset + static_cast<int64_t>(entries.size())));
  std::string searched;
  if (!filter.record_key.empty()) searched += " for " + filter.record_key;
  if (!filter.username.empty()) searched += " by " + filter.username;
  if (from) searched += " from " + filter.from;
  if (to) searched += " to " + filter.to;
  if (!filter.outcome.empty()) searched += ", " + filter.outcome + " only";
  page.data.set("searched", searched);
  const std::string query = SearchQuery(ctx);
  const std::string base = "/admin/audit?" + query + (query.empty() ? "" : "&") + "page=";
  if (page_number > 1) page.data.set("previous_href", base + std::to_string(page_number - 1));
  if (more) page.data.set("next_href", base + std::to_string(page_number + 1));
  page.data.set("paginated", Bool(page_number > 1 || more));
  page.data.set("page_number", std::to_string(page_number));
  return RenderPage(ctx, std::move(page));
}

Result<HttpResponse> VerifyPage(RequestContext& ctx) {
  PROBATION_ASSIGN_OR_RETURN(const AuditVerification v, VerifyAuditChain(ctx.db));
  Page page{.title = v.intact ? "The audit log is intact" : "The audit log's chain is broken",
            .template_name = "admin_audit_verify",
            .nav = "/admin/audit"};
  page.data.set("heading", page.title);
  page.data.set("intact", Bool(v.intact));
  page.data.set("entries", std::to_string(v.entries));
  page.data.set("first_broken", std::to_string(v.first_broken));
  page.data.set("reason", v.reason);
  page.data.set("last_hash", v.last_hash.empty() ? "None: the log is empty" : v.last_hash);
  return RenderPage(ctx, std::move(page));
}

}  // namespace

void AddAuditPages(const ServiceContext& service) {
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/admin/audit",
      .handler = AuditPage,
      .roles = kAdmin,
      .summary = "Search the audit log by record key (CRN), user, dates and outcome, newest "
                 "first, 50 a page (page)",
      .query_params = {{"crn", "record key, e.g. a CRN: who looked at this case", false},
                       {"user", "username", false},
                       {"from-day", "from date's day (also from-month, from-year)", false},
                       {"to-day", "to date's day (also to-month, to-year)", false},
                       {"outcome", "allowed or refused", false},
                       {"page", "page number, from 1", false}},
      .response_type = "text/html",
      .page = true,
  });
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/admin/audit/verify",
      .handler = VerifyPage,
      .roles = kAdmin,
      .summary = "Check the audit log's hash chain: entries checked, the first that breaks it "
                 "(page)",
      .response_type = "text/html",
      .page = true,
  });
}

}  // namespace probation
