// The offender manager's pages on a generated trust, over real sockets: the caseload, what
// falls due, case search, the case page and the forms that record a contact, an outcome, a
// breach and an assessment's dates. Each page is allowed for the roles docs/access.md allows
// and refused (403, audited) for the others and out of scope; its numbers equal the JSON API's
// for the same query; a form refused by the rules keeps what was typed and names the field; a
// write is in the store, audited and on the case; a stale outcome is refused with the record
// as it now is and nothing lost; a form without its CSRF token is refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "trust_service.h"

namespace probation {
namespace {

using testing::ClientResponse;
using testing::kPassword;
using testing::TestClient;

class PractitionerPagesTest : public testing::TrustServiceTest {
 protected:
  // A client signed in as `user` (the JSON sign-in sets the same session cookie as the form).
  std::unique_ptr<TestClient> Client(const std::string& user) {
    auto client = std::make_unique<TestClient>(server_->port());
    EXPECT_EQ(client->SignIn(user, kPassword).status, 201) << user;
    return client;
  }

  static std::string CsrfToken(const std::string& html) {
    std::smatch m;
    const std::regex token(R"re(name="csrf_token" value="([0-9a-f]+)")re");
    return std::regex_search(html, m, token) ? m[1].str() : std::string();
  }

  // The hidden field `name`'s value in `html`.
  static std::string Hidden(const std::string& html, const std::string& name) {
    std::smatch m;
    const std::regex field("name=\"" + name + "\" value=\"([^\"]*)\"");
    return std::regex_search(html, m, field) ? m[1].str() : std::string();
  }

  static int Count(const std::string& text, const std::string& what) {
    int n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  }

  // The CRNs linked from a table of cases, in page order.
  static std::vector<std::string> CaseLinks(const std::string& html) {
    std::vector<std::string> crns;
    const std::regex link(
        R"re(<td class="govuk-table__cell"><a class="govuk-link" href="/cases/([A-Z0-9]+)">)re");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), link);
         it != std::sregex_iterator(); ++it) {
      crns.push_back((*it)[1].str());
    }
    return crns;
  }

  std::string Sentence() const {
    return "/cases/" + units_->own_crn + "/sentences/" + units_->own_event;
  }
};

TEST_F(PractitionerPagesTest, EachPageAllowedForItsRolesAndRefusedOtherwiseAudited) {
  const testing::Units& t = *units_;
  struct Row {
    std::string user, target, pattern;
    int expected;
  };
  const std::string own_case = "/cases/" + t.own_crn, other_case = "/cases/" + t.other_crn;
  const std::string own_sentence = Sentence();
  const std::string other_sentence = "/cases/" + t.other_crn + "/sentences/" + t.other_event;
  const std::vector<Row> rows = {
      {"prac", "/caseload", "/caseload", 200},
      {"prac", "/caseload?unit=" + t.officer2, "/caseload", 403},
      {"prac", "/caseload?unit=" + t.team1, "/caseload", 403},
      {"mgr", "/caseload?unit=" + t.team1, "/caseload", 200},
      {"mgr", "/caseload?unit=" + t.officer1, "/caseload", 200},
      {"mgr", "/caseload?unit=" + t.ldu2, "/caseload", 403},
      {"analyst", "/caseload?unit=" + t.ldu2, "/caseload", 200},
      {"board", "/caseload", "/caseload", 403},
      {"admin", "/caseload", "/caseload", 403},
      {"prac", "/due", "/due", 200},
      {"prac", "/due?unit=" + t.officer2, "/due", 403},
      {"mgr", "/due?unit=" + t.officer1, "/due", 200},
      {"mgr", "/due?unit=" + t.ldu2, "/due", 403},
      {"analyst", "/due?unit=" + t.ldu2, "/due", 200},
      {"board", "/due", "/due", 403},
      {"admin", "/due", "/due", 403},
      {"prac", "/cases?q=" + t.own_crn, "/cases", 200},
      {"analyst", "/cases?q=" + t.other_crn, "/cases", 200},
      {"board", "/cases?q=" + t.own_crn, "/cases", 403},
      {"admin", "/cases", "/cases", 403},
      {"prac", own_case, "/cases/{crn}", 200},
      {"prac", other_case, "/cases/{crn}", 403},
      {"prac", "/cases/Z999999", "/cases/{crn}", 403},  // none: the same as out of scope
      {"mgr", own_case, "/cases/{crn}", 200},
      {"mgr", other_case, "/cases/{crn}", 403},
      {"analyst", other_case, "/cases/{crn}", 200},
      {"board", own_case, "/cases/{crn}", 403},
      {"admin", own_case, "/cases/{crn}", 403},
      {"prac", own_sentence + "/contacts/new", "/cases/{crn}/sentences/{event_no}/contacts/new",
       200},
      {"prac", other_sentence + "/contacts/new", "/cases/{crn}/sentences/{event_no}/contacts/new",
       403},
      {"mgr", own_sentence + "/contacts/new", "/cases/{crn}/sentences/{event_no}/contacts/new",
       200},
      {"mgr", other_sentence + "/contacts/new", "/cases/{crn}/sentences/{event_no}/contacts/new",
       403},
      {"analyst", own_sentence + "/contacts/new", "/cases/{crn}/sentences/{event_no}/contacts/new",
       403},
      {"board", own_sentence + "/contacts/new", "/cases/{crn}/sentences/{event_no}/contacts/new",
       403},
      {"admin", own_sentence + "/contacts/new", "/cases/{crn}/sentences/{event_no}/contacts/new",
       403},
      {"prac", own_sentence + "/breaches/new", "/cases/{crn}/sentences/{event_no}/breaches/new",
       200},
      {"prac", other_sentence + "/breaches/new", "/cases/{crn}/sentences/{event_no}/breaches/new",
       403},
      {"analyst", own_sentence + "/breaches/new", "/cases/{crn}/sentences/{event_no}/breaches/new",
       403},
      {"prac", own_sentence + "/contacts/" + t.own_contact + "/outcome",
       "/cases/{crn}/sentences/{event_no}/contacts/{number}/outcome", 200},
      {"prac", other_sentence + "/contacts/1/outcome",
       "/cases/{crn}/sentences/{event_no}/contacts/{number}/outcome", 403},
      {"analyst", own_sentence + "/contacts/1/outcome",
       "/cases/{crn}/sentences/{event_no}/contacts/{number}/outcome", 403},
      {"prac", other_sentence + "/assessments/1/dates",
       "/cases/{crn}/sentences/{event_no}/assessments/{number}/dates", 403},
      {"board", own_sentence + "/assessments/1/dates",
       "/cases/{crn}/sentences/{event_no}/assessments/{number}/dates", 403},
  };
  std::map<std::string, std::unique_ptr<TestClient>> clients;
  for (const char* user : {"prac", "mgr", "analyst", "board", "admin"})
    clients[user] = Client(user);
  for (const Row& row : rows) {
    const std::string action = "GET " + row.pattern;
    const int refused = Audited(row.user, action, AuditOutcome::kRefused);
    const int allowed = Audited(row.user, action, AuditOutcome::kAllowed);
    const ClientResponse r = clients[row.user]->Request("GET", row.target);
    EXPECT_EQ(r.status, row.expected) << row.user << " " << row.target;
    EXPECT_EQ(r.headers.at("content-type"), "text/html; charset=utf-8") << row.target;
    if (row.expected == 403) {
      EXPECT_NE(r.body.find("You cannot see this page"), std::string::npos) << row.target;
      EXPECT_EQ(Audited(row.user, action, AuditOutcome::kRefused), refused + 1)
          << "refusal not audited: " << row.user << " " << row.target;
      // Nothing of the case refused.
      EXPECT_EQ(r.body.find("Date of birth"), std::string::npos) << row.target;
    } else {
      EXPECT_EQ(Audited(row.user, action, AuditOutcome::kAllowed), allowed + 1)
          << "read not audited: " << row.user << " " << row.target;
    }
  }
}

// The caseload page lists what GET /api/v1/caseload lists, soonest next due item first (cases
// with nothing due last), 25 to a page, and sorts by CRN by link.
TEST_F(PractitionerPagesTest, CaseloadEqualsTheApiSoonestFirstAndSortsByLink) {
  auto prac = Client("prac");
  const ClientResponse api = prac->Request("GET", "/api/v1/caseload?limit=500");
  ASSERT_EQ(api.status, 200) << api.body.substr(0, 200);
  const nlohmann::json cases = api.Json()["cases"];
  ASSERT_GT(cases.size(), 0u);
  // The API's cases ordered as the page orders them: next deadline, then CRN, then event.
  std::vector<std::tuple<std::string, std::string, int64_t>> expected;
  for (const auto& c : cases) {
    const std::string deadline =
        c["next_due"].is_null() ? "1" : "0" + c["next_due"]["deadline"].get<std::string>();
    expected.emplace_back(deadline, c["crn"].get<std::string>(), c["event_no"].get<int64_t>());
  }
  std::sort(expected.begin(), expected.end());
  const ClientResponse page = prac->Request("GET", "/caseload");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(
      page.body.find(std::to_string(cases.size()) + " cases allocated to " + units_->officer1),
      std::string::npos);
  const std::vector<std::string> shown = CaseLinks(page.body);
  ASSERT_EQ(shown.size(), std::min<size_t>(25, cases.size()));
  for (size_t i = 0; i < shown.size(); ++i) EXPECT_EQ(shown[i], std::get<1>(expected[i])) << i;
  EXPECT_NE(page.body.find("aria-sort=\"ascending\""), std::string::npos);
  EXPECT_NE(page.body.find("aria-current=\"page\">Caseload"), std::string::npos);
  // Every case's next due item in words, with the days left, as the API gives it.
  if (!cases[0]["next_due"].is_null()) {
    EXPECT_NE(page.body.find(cases[0]["next_due"]["title"].get<std::string>()), std::string::npos);
  }
  // By CRN, descending, by the header's link.
  const ClientResponse by_crn = prac->Request("GET", "/caseload?sort=crn&order=desc");
  ASSERT_EQ(by_crn.status, 200);
  std::vector<std::string> crns;
  for (const auto& c : cases) crns.push_back(c["crn"]);
  std::sort(crns.rbegin(), crns.rend());
  EXPECT_EQ(CaseLinks(by_crn.body).front(), crns.front());
  EXPECT_NE(by_crn.body.find("href=\"/caseload?sort=crn&amp;order=asc\""), std::string::npos);
  // A manager picks an officer in scope from a select; the page is that officer's caseload.
  auto mgr = Client("mgr");
  const ClientResponse team = mgr->Request("GET", "/caseload?unit=" + units_->officer1);
  ASSERT_EQ(team.status, 200);
  EXPECT_NE(team.body.find("<select class=\"govuk-select\" id=\"unit\" name=\"unit\""),
            std::string::npos);
  EXPECT_NE(team.body.find("<option value=\"" + units_->officer1 + "\" selected>"),
            std::string::npos);
  EXPECT_EQ(CaseLinks(team.body).size(), shown.size());
}

// The due page: every pending item of the API's list whose deadline is within the week of the
// as-at date, soonest first, and the failed items of the year; ?show=all: every pending item.
// For the practitioner (own items) and for a manager picking their LDU, which has items.
TEST_F(PractitionerPagesTest, DueListEqualsTheApiForTheWeekAndForAll) {
  int64_t items_seen = 0;
  for (const auto& [user, unit] : std::vector<std::pair<std::string, std::string>>{
           {"prac", units_->officer1}, {"mgr", units_->ldu1}}) {
    SCOPED_TRACE(user);
    auto client = Client(user);
    const ClientResponse api = client->Request("GET", "/api/v1/due?limit=500&unit=" + unit);
    ASSERT_EQ(api.status, 200) << api.body.substr(0, 200);
    const nlohmann::json due = api.Json();
    Result<Date> as_at = Date::Parse(due["as_at"].get<std::string>());
    ASSERT_TRUE(as_at.ok()) << due.dump().substr(0, 200);
    const int64_t pending_total = due["pending_total"].get<int64_t>();
    const int64_t failed_total = due["failed_total"].get<int64_t>();
    ASSERT_LE(pending_total, 500);  // the week's count below is taken from one page
    int64_t this_week = 0;
    for (const auto& item : due["pending"]) {
      this_week += Date::Parse(item["deadline"].get<std::string>()).value() <= *as_at + 6;
    }
    items_seen += pending_total + failed_total;
    const ClientResponse week = client->Request("GET", "/due?unit=" + unit);
    ASSERT_EQ(week.status, 200);
    if (this_week == 0) {
      EXPECT_NE(week.body.find("Nothing falls due by "), std::string::npos);
    } else {
      EXPECT_NE(week.body.find(std::to_string(this_week) + " pending items for " + unit),
                std::string::npos)
          << "expected " << this_week;
    }
    const ClientResponse all = client->Request("GET", "/due?show=all&unit=" + unit);
    ASSERT_EQ(all.status, 200);
    if (pending_total > 0) {
      EXPECT_NE(all.body.find(std::to_string(pending_total) + " pending items for " + unit),
                std::string::npos);
      // The first row is the API's first item: its measure's name in words.
      EXPECT_NE(all.body.find(due["pending"][0]["title"].get<std::string>()), std::string::npos);
    }
    if (failed_total > 0) {
      EXPECT_NE(week.body.find(std::to_string(failed_total) + " items failed in " +
                               due["financial_year"].get<std::string>() + " for " + unit),
                std::string::npos)
          << due.dump().substr(0, 300);
      // The most recent failure first, its measure in words.
      EXPECT_NE(week.body.find(due["failed"][0]["title"].get<std::string>()), std::string::npos);
    }
  }
  EXPECT_GT(items_seen, 0);  // the LDU has items: the comparison above compared something
}

// Search finds a case in scope by CRN and by surname and nothing out of scope.
TEST_F(PractitionerPagesTest, SearchFindsCasesInScopeOnly) {
  auto prac = Client("prac");
  const ClientResponse own = prac->Request("GET", "/cases?q=" + units_->own_crn);
  ASSERT_EQ(own.status, 200);
  EXPECT_EQ(CaseLinks(own.body), std::vector<std::string>{units_->own_crn});
  const nlohmann::json person =
      prac->Request("GET", "/api/v1/cases/" + units_->own_crn).Json()["person"]["fields"];
  const ClientResponse by_name =
      prac->Request("GET", "/cases?q=" + person["surname"].get<std::string>());
  ASSERT_EQ(by_name.status, 200);
  const std::vector<std::string> found = CaseLinks(by_name.body);
  EXPECT_NE(std::find(found.begin(), found.end(), units_->own_crn), found.end());
  const ClientResponse other = prac->Request("GET", "/cases?q=" + units_->other_crn);
  ASSERT_EQ(other.status, 200);
  EXPECT_TRUE(CaseLinks(other.body).empty());
  EXPECT_NE(other.body.find("No case in your scope"), std::string::npos);
}

// The case page shows the API's person and as many timeline entries of each kind as the API
// has records; the kind filter shows one kind.
TEST_F(PractitionerPagesTest, CasePageShowsThePersonAndEveryRecordOnTheTimeline) {
  auto prac = Client("prac");
  const nlohmann::json api = prac->Request("GET", "/api/v1/cases/" + units_->own_crn).Json();
  const ClientResponse page = prac->Request("GET", "/cases/" + units_->own_crn);
  ASSERT_EQ(page.status, 200);
  const nlohmann::json& person = api["person"]["fields"];
  EXPECT_NE(page.body.find(person["forenames"].get<std::string>() + " " +
                           person["surname"].get<std::string>()),
            std::string::npos);
  const size_t contacts = api["records"]["contacts"].size(),
               assessments = api["records"]["assessments"].size(),
               breaches = api["records"]["breaches"].size();
  EXPECT_NE(page.body.find("Contacts (" + std::to_string(contacts) + ")"), std::string::npos);
  EXPECT_NE(page.body.find("Assessments (" + std::to_string(assessments) + ")"), std::string::npos);
  EXPECT_NE(page.body.find("Breaches (" + std::to_string(breaches) + ")"), std::string::npos);
  EXPECT_NE(page.body.find("Record a contact"), std::string::npos);  // own current case
  const ClientResponse only =
      prac->Request("GET", "/cases/" + units_->own_crn + "?kind=assessments");
  ASSERT_EQ(only.status, 200);
  EXPECT_EQ(Count(only.body, "class=\"moj-timeline__item\""),
            static_cast<int>(std::min<size_t>(assessments, 50)));
  // An analyst reads it and gets no action to record anything.
  auto analyst = Client("analyst");
  const ClientResponse read_only = analyst->Request("GET", "/cases/" + units_->own_crn);
  ASSERT_EQ(read_only.status, 200);
  EXPECT_EQ(read_only.body.find("Record a contact"), std::string::npos);
  EXPECT_EQ(read_only.body.find("Record the outcome"), std::string::npos);
}

// Recording a contact through the form: refused without the CSRF token; a submission with
// errors re-renders with 422, an error summary naming each field and what was typed kept; a
// refusal by the rules (a date after the data's reach is fine, a contact type the code list
// lacks is not) names the field; a good one is stored, audited, and on the case with a banner.
TEST_F(PractitionerPagesTest, RecordAContactValidatesKeepsWhatWasTypedAndStoresIt) {
  auto prac = Client("prac");
  const std::string form_url = Sentence() + "/contacts/new";
  const std::string post_url = Sentence() + "/contacts";
  const ClientResponse form = prac->Request("GET", form_url);
  ASSERT_EQ(form.status, 200);
  const std::string token = CsrfToken(form.body);
  ASSERT_FALSE(token.empty());
  EXPECT_NE(form.body.find("for=\"contact_date-day\""), std::string::npos);
  EXPECT_NE(form.body.find("Attended and complied"), std::string::npos);

  // No token: refused, audited, nothing stored.
  const size_t before =
      prac->Request("GET", "/api/v1/cases/" + units_->own_crn).Json()["records"]["contacts"].size();
  const std::string action = "POST /cases/{crn}/sentences/{event_no}/contacts";
  const int refused = Audited("prac", action, AuditOutcome::kRefused);
  const ClientResponse no_token = prac->PostForm(
      post_url,
      {{"contact_date-day", "3"}, {"contact_date-month", "2"}, {"contact_date-year", "2011"}});
  EXPECT_EQ(no_token.status, 403);
  EXPECT_EQ(Audited("prac", action, AuditOutcome::kRefused), refused + 1);

  // Missing and malformed answers: 422, each field named, what was typed kept.
  const ClientResponse bad = prac->PostForm(post_url, {{"csrf_token", token},
                                                       {"contact_date-day", "31"},
                                                       {"contact_date-month", "2"},
                                                       {"contact_date-year", "2011"},
                                                       {"contact_type", "HV"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("There is a problem"), std::string::npos);
  EXPECT_NE(bad.body.find("href=\"#contact_date-day\">Date of the contact must be a real date"),
            std::string::npos);
  EXPECT_NE(bad.body.find("href=\"#ns_required\""), std::string::npos);
  EXPECT_NE(bad.body.find("href=\"#arranged\""), std::string::npos);
  EXPECT_NE(bad.body.find("href=\"#outcome\""), std::string::npos);
  EXPECT_NE(
      bad.body.find("name=\"contact_date-day\" type=\"text\" inputmode=\"numeric\" value=\"31\""),
      std::string::npos);
  EXPECT_NE(bad.body.find("value=\"HV\" checked"), std::string::npos);
  EXPECT_EQ(Audited("prac", action, AuditOutcome::kRefused), refused + 2);

  // Refused by the row rules of the API (the write function): a contact type not in the code
  // list, named against its field.
  const ClientResponse rules = prac->PostForm(post_url, {{"csrf_token", token},
                                                         {"contact_date-day", "3"},
                                                         {"contact_date-month", "2"},
                                                         {"contact_date-year", "2011"},
                                                         {"contact_type", "XX"},
                                                         {"ns_required", "Y"},
                                                         {"arranged", "Y"},
                                                         {"outcome", "ATT"}});
  EXPECT_EQ(rules.status, 422);
  EXPECT_NE(rules.body.find("href=\"#contact_type\">Type of contact: "), std::string::npos)
      << rules.body.substr(rules.body.find("govuk-error-summary"), 600);
  EXPECT_EQ(
      prac->Request("GET", "/api/v1/cases/" + units_->own_crn).Json()["records"]["contacts"].size(),
      before);

  // A good one: 303 to the case with the banner; stored, audited with its key.
  const int allowed = Audited("prac", action, AuditOutcome::kAllowed);
  const ClientResponse ok = prac->PostForm(post_url, {{"csrf_token", token},
                                                      {"contact_date-day", "3"},
                                                      {"contact_date-month", "2"},
                                                      {"contact_date-year", "2011"},
                                                      {"contact_type", "HV"},
                                                      {"ns_required", "Y"},
                                                      {"arranged", "Y"},
                                                      {"outcome", "ATT"}});
  ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 400);
  EXPECT_EQ(ok.headers.at("location"), "/cases/" + units_->own_crn + "?recorded=contact#timeline");
  EXPECT_EQ(Audited("prac", action, AuditOutcome::kAllowed), allowed + 1);
  const nlohmann::json after = prac->Request("GET", "/api/v1/cases/" + units_->own_crn).Json();
  ASSERT_EQ(after["records"]["contacts"].size(), before + 1);
  bool stored = false;
  for (const auto& c : after["records"]["contacts"]) {
    const auto& f = c["fields"];
    stored |= f["contact_date"] == "2011-02-03" && f["contact_type"] == "HV" &&
              f["outcome"] == "ATT" && f["staff_id"] == units_->officer1;
  }
  EXPECT_TRUE(stored);
  const ClientResponse shown =
      prac->Request("GET", "/cases/" + units_->own_crn + "?recorded=contact");
  EXPECT_NE(shown.body.find("Contact recorded"), std::string::npos);
  EXPECT_NE(shown.body.find("Contacts (" + std::to_string(before + 1) + ")"), std::string::npos);
  EXPECT_NE(shown.body.find("3 February 2011"), std::string::npos);
}

// An outcome on an existing contact carries the version read; a second user's stale write is
// refused (409) with the record as it now is, their answer kept and the new version in the
// form, and nothing changed; resubmitting then succeeds.
TEST_F(PractitionerPagesTest, StaleOutcomeIsRefusedWithTheRecordAsItIsAndNothingLost) {
  auto prac = Client("prac");
  auto mgr = Client("mgr");
  // A new contact with no outcome yet (an appointment to come).
  const ClientResponse created = prac->Request(
      "POST", "/api/v1/cases/" + units_->own_crn + "/sentences/" + units_->own_event + "/contacts",
      nlohmann::json{{"contact_date", "2011-02-04"},
                     {"contact_type", "OM"},
                     {"ns_required", true},
                     {"arranged", true}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string key = created.Json()["record"]["key"];
  const std::string number = key.substr(key.rfind('/') + 1);
  const std::string url = Sentence() + "/contacts/" + number + "/outcome";
  const ClientResponse prac_form = prac->Request("GET", url);
  const ClientResponse mgr_form = mgr->Request("GET", url);
  ASSERT_EQ(prac_form.status, 200);
  ASSERT_EQ(mgr_form.status, 200);
  EXPECT_EQ(Hidden(prac_form.body, "version"), "1");
  // The practitioner records "failed to attend" first.
  const ClientResponse first = prac->PostForm(
      url, {{"csrf_token", CsrfToken(prac_form.body)}, {"version", "1"}, {"outcome", "UA"}});
  ASSERT_EQ(first.status, 303) << first.body.substr(0, 300);
  // The manager, still on version 1, records "attended": refused, told what it now reads.
  const std::string action = "POST /cases/{crn}/sentences/{event_no}/contacts/{number}/outcome";
  const int refused = Audited("mgr", action, AuditOutcome::kRefused);
  const ClientResponse stale = mgr->PostForm(
      url, {{"csrf_token", CsrfToken(mgr_form.body)}, {"version", "1"}, {"outcome", "ATT"}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_NE(stale.body.find("Someone else changed this contact"), std::string::npos);
  EXPECT_NE(stale.body.find("Unacceptable absence or failure to comply"), std::string::npos);
  EXPECT_NE(stale.body.find("value=\"ATT\" checked"), std::string::npos);  // their answer kept
  EXPECT_EQ(Hidden(stale.body, "version"), "2");
  EXPECT_EQ(Audited("mgr", action, AuditOutcome::kRefused), refused + 1);
  auto outcome_of = [&]() {
    const nlohmann::json record = prac->Request("GET", "/api/v1/cases/" + units_->own_crn).Json();
    for (const auto& c : record["records"]["contacts"]) {
      if (c["key"] == key) return c["fields"]["outcome"].get<std::string>();
    }
    return std::string("missing");
  };

  EXPECT_EQ(outcome_of(), "UA");
  // Having seen it, the manager submits again with the version now carried.
  const ClientResponse again = mgr->PostForm(
      url, {{"csrf_token", CsrfToken(stale.body)}, {"version", "2"}, {"outcome", "ATT"}});
  EXPECT_EQ(again.status, 303);
  EXPECT_EQ(outcome_of(), "ATT");
}

// A breach and an assessment's dates: the API's row rules (a date before the one it follows)
// refuse naming the field, with the typed dates kept.
TEST_F(PractitionerPagesTest, BreachAndAssessmentDatesFollowTheApisRules) {
  auto prac = Client("prac");
  const ClientResponse form = prac->Request("GET", Sentence() + "/breaches/new");
  ASSERT_EQ(form.status, 200);
  const std::string token = CsrfToken(form.body);
  const ClientResponse early =
      prac->PostForm(Sentence() + "/breaches", {{"csrf_token", token},
                                                {"failure_date-day", "10"},
                                                {"failure_date-month", "3"},
                                                {"failure_date-year", "2011"},
                                                {"initiated_date-day", "9"},
                                                {"initiated_date-month", "3"},
                                                {"initiated_date-year", "2011"}});
  EXPECT_EQ(early.status, 422);
  EXPECT_NE(early.body.find("href=\"#initiated_date-day\">Date proceedings were initiated: "),
            std::string::npos)
      << early.body.substr(early.body.find("govuk-error-summary"), 600);
  EXPECT_NE(early.body.find("id=\"initiated_date-day\" name=\"initiated_date-day\" type=\"text\" "
                            "inputmode=\"numeric\" value=\"9\""),
            std::string::npos);
  const ClientResponse ok =
      prac->PostForm(Sentence() + "/breaches", {{"csrf_token", token},
                                                {"failure_date-day", "10"},
                                                {"failure_date-month", "3"},
                                                {"failure_date-year", "2011"},
                                                {"initiated_date-day", "14"},
                                                {"initiated_date-month", "3"},
                                                {"initiated_date-year", "2011"}});
  ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 300);
  const nlohmann::json api = prac->Request("GET", "/api/v1/cases/" + units_->own_crn).Json();
  bool stored = false;
  for (const auto& b : api["records"]["breaches"]) {
    stored |= b["fields"]["failure_date"] == "2011-03-10" &&
              b["fields"]["initiated_date"] == "2011-03-14";
  }
  EXPECT_TRUE(stored);

  // An assessment on the sentence (recorded through the API, started 1 March 2011, not yet
  // completed): completion before the start is refused; after it, recorded.
  const ClientResponse started = prac->Request(
      "POST",
      "/api/v1/cases/" + units_->own_crn + "/sentences/" + units_->own_event + "/assessments",
      nlohmann::json{{"assessment_type", "REVIEW"}, {"started_date", "2011-03-01"}});
  ASSERT_EQ(started.status, 201) << started.body;
  const std::string key = started.Json()["record"]["key"];
  const std::string url = Sentence() + "/assessments/" + key.substr(key.rfind('/') + 1) + "/dates";
  const ClientResponse dates = prac->Request("GET", url);
  ASSERT_EQ(dates.status, 200);
  const ClientResponse backwards = prac->PostForm(url, {{"csrf_token", CsrfToken(dates.body)},
                                                        {"version", Hidden(dates.body, "version")},
                                                        {"started_date-day", "10"},
                                                        {"started_date-month", "3"},
                                                        {"started_date-year", "2011"},
                                                        {"completed_date-day", "1"},
                                                        {"completed_date-month", "3"},
                                                        {"completed_date-year", "2011"}});
  EXPECT_EQ(backwards.status, 422);
  EXPECT_NE(backwards.body.find("href=\"#completed_date-day\">Date the assessment was completed: "),
            std::string::npos)
      << backwards.body.substr(backwards.body.find("govuk-error-summary"), 600);
  const ClientResponse good = prac->PostForm(url, {{"csrf_token", CsrfToken(dates.body)},
                                                   {"version", Hidden(dates.body, "version")},
                                                   {"started_date-day", "1"},
                                                   {"started_date-month", "3"},
                                                   {"started_date-year", "2011"},
                                                   {"completed_date-day", "10"},
                                                   {"completed_date-month", "3"},
                                                   {"completed_date-year", "2011"}});
  ASSERT_EQ(good.status, 303) << good.body.substr(0, 300);
  const ClientResponse shown =
      prac->Request("GET", "/cases/" + units_->own_crn + "?recorded=assessment");
  EXPECT_NE(shown.body.find("Assessment dates recorded"), std::string::npos);
  EXPECT_NE(shown.body.find("completed 10 March 2011"), std::string::npos);
}

// A new assessment from the case page: the form offers the sentences the user may change and
// the model's assessment types; what the form asks for is checked first, then the loader's
// rules (completion before the start is refused against its field, what was typed kept); a good
// one is stored with the next number for its sentence, audited with its key, shown on the case
// with a banner, and in the live engine's next version (its record_changes row names it by key).
TEST_F(PractitionerPagesTest, RecordANewAssessmentFromTheCasePage) {
  auto prac = Client("prac");
  const std::string crn = units_->own_crn, event = units_->own_event;
  const ClientResponse case_page = prac->Request("GET", "/cases/" + crn);
  ASSERT_EQ(case_page.status, 200);
  EXPECT_NE(case_page.body.find("href=\"/cases/" + crn + "/assessments/new\""), std::string::npos);
  EXPECT_NE(
      case_page.body.find("href=\"/cases/" + crn + "/assessments/new?sentence=" + event + "\""),
      std::string::npos);
  const ClientResponse form =
      prac->Request("GET", "/cases/" + crn + "/assessments/new?sentence=" + event);
  ASSERT_EQ(form.status, 200) << form.body.substr(0, 300);
  const std::string token = CsrfToken(form.body);
  ASSERT_FALSE(token.empty());
  EXPECT_NE(form.body.find("name=\"event_no\" type=\"radio\" value=\"" + event + "\" checked"),
            std::string::npos);
  for (const char* code : {"INITIAL", "REVIEW", "TERMINATION"}) {
    EXPECT_NE(form.body.find("name=\"assessment_type\" type=\"radio\" value=\"" +
                             std::string(code) + "\""),
              std::string::npos)
        << code;
  }
  EXPECT_NE(form.body.find("for=\"started_date-day\""), std::string::npos);

  const std::string post_url = "/cases/" + crn + "/assessments";
  const std::string action = "POST /cases/{crn}/assessments";
  auto assessments = [&] {
    return prac->Request("GET", "/api/v1/cases/" + crn).Json()["records"]["assessments"];
  };
  const size_t before = assessments().size();
  // No token: refused, audited, nothing stored.
  const int refused = Audited("prac", action, AuditOutcome::kRefused);
  EXPECT_EQ(prac->PostForm(post_url, {{"event_no", event}, {"assessment_type", "REVIEW"}}).status,
            403);
  EXPECT_EQ(Audited("prac", action, AuditOutcome::kRefused), refused + 1);

  // Nothing chosen: each field named.
  const ClientResponse empty = prac->PostForm(post_url, {{"csrf_token", token}});
  EXPECT_EQ(empty.status, 422);
  EXPECT_NE(empty.body.find("href=\"#event_no\">Select the sentence the assessment is for"),
            std::string::npos);
  EXPECT_NE(empty.body.find("href=\"#assessment_type\">Select the type of assessment"),
            std::string::npos);
  EXPECT_NE(empty.body.find("href=\"#started_date-day\">Enter the date the assessment started"),
            std::string::npos);
  // A sentence the user may not change (none such on the case: number 999) is not offered.
  const ClientResponse other_sentence = prac->PostForm(post_url, {{"csrf_token", token},
                                                                  {"event_no", "999"},
                                                                  {"assessment_type", "REVIEW"},
                                                                  {"started_date-day", "1"},
                                                                  {"started_date-month", "3"},
                                                                  {"started_date-year", "2011"}});
  EXPECT_EQ(other_sentence.status, 422);
  EXPECT_NE(other_sentence.body.find("href=\"#event_no\""), std::string::npos);

  // Refused by the loader's row rules (completion before the start), named against the
  // completion date; what was typed kept.
  const ClientResponse backwards = prac->PostForm(post_url, {{"csrf_token", token},
                                                             {"event_no", event},
                                                             {"assessment_type", "REVIEW"},
                                                             {"started_date-day", "10"},
                                                             {"started_date-month", "3"},
                                                             {"started_date-year", "2011"},
                                                             {"completed_date-day", "1"},
                                                             {"completed_date-month", "3"},
                                                             {"completed_date-year", "2011"}});
  EXPECT_EQ(backwards.status, 422);
  EXPECT_NE(backwards.body.find("href=\"#completed_date-day\">Date the assessment was completed: "),
            std::string::npos)
      << backwards.body.substr(backwards.body.find("govuk-error-summary"), 600);
  EXPECT_NE(backwards.body.find("value=\"REVIEW\" checked"), std::string::npos);
  EXPECT_NE(backwards.body.find("id=\"started_date-day\" name=\"started_date-day\" type=\"text\" "
                                "inputmode=\"numeric\" value=\"10\""),
            std::string::npos);
  EXPECT_EQ(assessments().size(), before);

  // A good one, not yet completed.
  EngineHolder& engine = *service_->context().engine;
  ASSERT_TRUE(engine.Refresh().ok());
  const std::shared_ptr<const EngineState> old_state = engine.Current();
  const RecordType& type = *FindRecordType("assessments");
  const size_t engine_before = old_state->snapshot->table(type).rows;
  const int allowed = Audited("prac", action, AuditOutcome::kAllowed);
  const ClientResponse ok = prac->PostForm(post_url, {{"csrf_token", token},
                                                      {"event_no", event},
                                                      {"assessment_type", "REVIEW"},
                                                      {"started_date-day", "1"},
                                                      {"started_date-month", "3"},
                                                      {"started_date-year", "2011"}});
  ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 400);
  EXPECT_EQ(ok.headers.at("location"), "/cases/" + crn + "?recorded=new-assessment#timeline");
  EXPECT_EQ(Audited("prac", action, AuditOutcome::kAllowed), allowed + 1);
  const nlohmann::json after = assessments();
  ASSERT_EQ(after.size(), before + 1);
  std::string key;
  int64_t largest = 0;
  for (const auto& a : after) {
    const auto& f = a["fields"];
    if (f["event_no"].get<int64_t>() == std::stoll(event)) {
      largest = std::max(largest, f["assessment_no"].get<int64_t>());
    }
    if (f["assessment_type"] == "REVIEW" && f["started_date"] == "2011-03-01" &&
        f["completed_date"].is_null()) {
      key = a["key"];
    }
  }
  ASSERT_FALSE(key.empty());
  EXPECT_EQ(key, crn + "/" + event + "/" + std::to_string(largest));  // the next number
  {
    Result<std::unique_ptr<Database>> db = OpenStore(DbPath());
    EXPECT_EQ(One(db->get(),
                  "SELECT count(*) FROM audit_log WHERE username = 'prac' AND action = ? AND "
                  "record_key = ? AND outcome = 'allowed'",
                  action, key),
              "1");
    EXPECT_EQ(One(db->get(),
                  "SELECT count(*) FROM record_changes WHERE record_type = 'assessments' AND "
                  "record_key = ?",
                  key),
              "1");
  }
  const ClientResponse shown =
      prac->Request("GET", "/cases/" + crn + "?recorded=new-assessment&kind=assessments");
  EXPECT_NE(shown.body.find("Assessment recorded"), std::string::npos);
  EXPECT_NE(shown.body.find("Assessments (" + std::to_string(before + 1) + ")"), std::string::npos);
  EXPECT_NE(shown.body.find("1 March 2011"), std::string::npos);

  // The live engine's next version holds the new row.
  ASSERT_TRUE(engine.Refresh().ok());
  const std::shared_ptr<const EngineState> state = engine.Current();
  EXPECT_GT(state->version->number(), old_state->version->number());
  const SnapshotTable& table = state->snapshot->table(type);
  EXPECT_EQ(table.rows, engine_before + 1);
  bool in_engine = false;
  for (size_t r = 0; r < table.rows && !in_engine; ++r) in_engine = table.KeyText(r) == key;
  EXPECT_TRUE(in_engine) << key;

  // Others: an analyst is refused the form (read only); a manager of another LDU is refused a
  // case outside it; both audited.
  auto analyst = Client("analyst");
  EXPECT_EQ(analyst->Request("GET", "/cases/" + crn + "/assessments/new").status, 403);
  auto mgr = Client("mgr");
  EXPECT_EQ(mgr->Request("GET", "/cases/" + crn + "/assessments/new").status, 200);
  EXPECT_EQ(mgr->Request("GET", "/cases/" + units_->other_crn + "/assessments/new").status, 403);
  EXPECT_GE(Audited("mgr", "GET /cases/{crn}/assessments/new", AuditOutcome::kRefused), 1);
}

}  // namespace
}  // namespace probation
