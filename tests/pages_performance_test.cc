// The performance pages over a generated trust (tests/trust_service.h): the scorecard's
// figures equal the API's for the same query, with RAG in words and each count a link to its
// exceptions; the exceptions page lists the API's items (filtered by officer and status,
// paginated, each case linked) and its CSV has them all; the workload page's officers and
// points equal `probation workload`; a board member sees the scorecard and the board pack with
// no name or case key and counts below 5 as "fewer than 5", and is refused exceptions and
// officers' figures; every refusal and out-of-scope unit is a 403 page, audited; a bad choice
// in a form is a 400 naming the field.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <sstream>

#include "run_probation.h"
#include "trust_service.h"

namespace probation {
namespace {

using testing::ClientResponse;
using testing::kPassword;
using testing::TestClient;

constexpr char kQuery[] = "framework=nps-2005-06&period=2010-Q4";

class PerformancePagesTest : public testing::TrustServiceTest {
 protected:
  std::unique_ptr<TestClient> Client(const std::string& user) {
    auto client = std::make_unique<TestClient>(server_->port());
    EXPECT_EQ(client->SignIn(user, kPassword).status, 201) << user;
    return client;
  }

  // The table row of measure `code` on a scorecard page.
  static std::string MeasureRow(const std::string& html, const std::string& code) {
    const std::string head = "<span class=\"govuk-!-font-weight-bold\">" + code + "</span>";
    const size_t at = html.find(head);
    if (at == std::string::npos) return "";
    const size_t end = html.find("</tr>", at);
    return html.substr(at, end - at);
  }

  static int Count(const std::string& text, const std::string& what) {
    int n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  }
};

// The page's counts and RAG words for every measure equal the API's scorecard for the same
// unit and period; a failed count links to the failed items.
TEST_F(PerformancePagesTest, ScorecardShowsTheApiFiguresWithRagWordsAndLinks) {
  auto mgr = Client("mgr");
  const std::string unit = units_->ldu1;
  const ClientResponse page =
      mgr->Request("GET", std::string("/scorecard?") + kQuery + "&unit=" + unit);
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 400);
  EXPECT_EQ(page.headers.at("content-type"), "text/html; charset=utf-8");
  const ClientResponse api =
      mgr->Request("GET", std::string("/api/v1/scorecard?") + kQuery + "&unit=" + unit);
  ASSERT_EQ(api.status, 200);
  const nlohmann::json card = api.Json();
  ASSERT_EQ(card["units"].size(), 1u);
  int red = 0, linked = 0;
  for (const nlohmann::json& cell : card["units"][0]["measures"]) {
    const std::string code = cell["code"];
    const std::string row = MeasureRow(page.body, code);
    ASSERT_FALSE(row.empty()) << code;
    const std::string rag = cell.value("rag", "");
    if (row.find("No definition yet") == std::string::npos) {
      const int64_t failed = cell["failed"].get<int64_t>();
      EXPECT_NE(row.find(">" + std::to_string(failed) + "<"), std::string::npos) << code << row;
      if (failed > 0) {
        EXPECT_NE(row.find("/exceptions?framework=nps-2005-06&amp;period=2010-Q4&amp;unit=" + unit +
                           "&amp;measure=" + code + "&amp;status=failed"),
                  std::string::npos)
            << code;
        ++linked;
      }
    }
    if (rag == "red") {
      EXPECT_NE(row.find("govuk-tag--red\">Red</strong>"), std::string::npos) << code;
      ++red;
    } else if (rag == "green") {
      EXPECT_NE(row.find(">Green</strong>"), std::string::npos) << code;
    } else if (rag.empty()) {
      EXPECT_NE(row.find(">Not rated</strong>"), std::string::npos) << code;
    }
  }
  EXPECT_GT(linked, 0);
  // Scannable: one table, each measure with a definition a row with a sparkline named by its
  // numbers (the row's value last) and a link to its full trend; no full chart until asked.
  int defined = 0;
  for (const nlohmann::json& cell : card["units"][0]["measures"]) {
    const std::string code = cell["code"];
    const std::string row = MeasureRow(page.body, code);
    if (row.find("No definition yet") != std::string::npos) continue;
    ++defined;
    EXPECT_NE(row.find("<svg class=\"sparkline\""), std::string::npos) << code;
    std::smatch value;
    ASSERT_TRUE(
        std::regex_search(row, value, std::regex(R"(govuk-table__cell--numeric">([^<]*)</td>)")))
        << code;
    const std::string shown = value[1].str() == "-" ? "no value" : value[1].str();
    EXPECT_NE(
        row.find("<title id=\"spark-" + code + "\">" + code + " from 2009-Q4 to 2010-Q4: 2009-Q4 "),
        std::string::npos)
        << code << row;
    EXPECT_NE(row.find(", 2010-Q4 " + shown), std::string::npos) << code << " " << shown;
    // The measure's name (the row's header, just before `row`) links to its own view.
    const size_t link = page.body.find(
        "href=\"/scorecard?framework=nps-2005-06&amp;period=2010-Q4&amp;unit=" + unit +
        "&amp;measure=" + code + "#trend\"");
    ASSERT_NE(link, std::string::npos) << code;
    EXPECT_EQ(page.body.find("<span class=\"govuk-!-font-weight-bold\">" + code + "</span>", link),
              page.body.find(">", link) + 1)
        << code;
  }
  EXPECT_GT(defined, 5);
  EXPECT_EQ(Count(page.body, "<svg class=\"sparkline\""), defined);
  EXPECT_EQ(page.body.find("<svg class=\"trend\""), std::string::npos);
  EXPECT_EQ(Count(page.body, "<table"), 1);
  EXPECT_EQ(Count(page.body, "<h1"), 1);
  // Downloads: the CSV is the API's card, one line per unit and measure.
  const ClientResponse csv = mgr->Request(
      "GET", std::string("/scorecard/download?") + kQuery + "&unit=" + unit + "&format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.headers.at("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find(unit), std::string::npos);
  const ClientResponse xlsx = mgr->Request(
      "GET", std::string("/scorecard/download?") + kQuery + "&unit=" + unit + "&format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");  // a zip: the workbook
  EXPECT_GE(Audited("mgr", "GET /scorecard", AuditOutcome::kAllowed), 1);
}

// A measure chosen (?measure=CODE): its full trend chart and a table of the five periods, each
// value the API's scorecard value for that period; a measure not in the framework is a 404.
TEST_F(PerformancePagesTest, MeasureViewDrawsTheFullTrendWithTheApisValues) {
  auto mgr = Client("mgr");
  const std::string unit = units_->ldu1;
  const ClientResponse page =
      mgr->Request("GET", std::string("/scorecard?") + kQuery + "&unit=" + unit + "&measure=PT6");
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 400);
  const size_t view = page.body.find("<div class=\"app-chart\" id=\"trend\">");
  ASSERT_NE(view, std::string::npos);
  const std::string chart =
      page.body.substr(view, page.body.find("Back to all measures", view) - view);
  EXPECT_NE(chart.find("<svg class=\"trend\""), std::string::npos);
  EXPECT_NE(chart.find("<title id=\"t-PT6\">PT6 by period:"), std::string::npos);
  EXPECT_NE(chart.find("PT6 by period</caption>"), std::string::npos);
  // The view comes before the measures table, which is still there.
  EXPECT_LT(view, page.body.find("id=\"measures\""));
  for (const char* period : {"2009-Q4", "2010-Q1", "2010-Q2", "2010-Q3", "2010-Q4"}) {
    const nlohmann::json api =
        mgr->Request("GET", std::string("/api/v1/scorecard?framework=nps-2005-06&period=") +
                                period + "&unit=" + unit)
            .Json();
    std::string expected = "-";
    for (const nlohmann::json& cell : api["units"][0]["measures"]) {
      if (cell["code"] == "PT6" && !cell["value"].is_null()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f%%", cell["value"].get<double>());
        expected = buf;
      }
    }
    const std::string row = "<td class=\"govuk-table__cell\">" + std::string(period) +
                            "</td>\n        <td class=\"govuk-table__cell "
                            "govuk-table__cell--numeric\">" +
                            expected + "</td>";
    EXPECT_NE(chart.find(row), std::string::npos) << period << " " << expected << "\n" << chart;
  }
  EXPECT_EQ(
      mgr->Request("GET", std::string("/scorecard?") + kQuery + "&unit=" + unit + "&measure=NOPE")
          .status,
      404);
}

// A breakdown by team lists every team of the LDU with the API's values.
TEST_F(PerformancePagesTest, ScorecardBreakdownListsEveryUnitOfTheLevel) {
  auto mgr = Client("mgr");
  const std::string q = std::string(kQuery) + "&unit=" + units_->ldu1 + "&by=team";
  const ClientResponse page = mgr->Request("GET", "/scorecard?" + q);
  ASSERT_EQ(page.status, 200);
  const ClientResponse api = mgr->Request("GET", "/api/v1/scorecard?" + q);
  ASSERT_EQ(api.status, 200);
  ASSERT_GT(api.Json()["units"].size(), 1u);
  EXPECT_NE(page.body.find("Breakdown by team"), std::string::npos);
  const nlohmann::json units = api.Json();
  for (const nlohmann::json& u : units["units"]) {
    EXPECT_NE(page.body.find("unit=" + u["code"].get<std::string>() + "\""), std::string::npos)
        << u["code"];
  }
}

// The failed items of a measure on the page are the API's, in its order, 50 a page, each case
// linked; the officer filter keeps that officer's; the CSV holds them all.
TEST_F(PerformancePagesTest, ExceptionsAreTheApisItemsFilteredAndPaginated) {
  auto analyst = Client("analyst");
  // The measure of people's records (keys "CRN/event/...") with most failed items in the trust
  // in the quarter.
  const ClientResponse card = analyst->Request(
      "GET", std::string("/api/v1/scorecard?") + kQuery + "&unit=" + units_->trust);
  ASSERT_EQ(card.status, 200);
  std::vector<std::pair<int64_t, std::string>> by_failed;
  const nlohmann::json card_json = card.Json();
  for (const nlohmann::json& cell : card_json["units"][0]["measures"]) {
    if (cell.contains("failed") && cell["failed"].is_number() && cell["failed"] > 0) {
      by_failed.emplace_back(cell["failed"].get<int64_t>(), cell["code"].get<std::string>());
    }
  }
  std::sort(by_failed.rbegin(), by_failed.rend());
  std::string measure, q;
  int64_t most = 0;
  nlohmann::json items;
  for (const auto& [failed, code] : by_failed) {
    q = std::string(kQuery) + "&unit=" + units_->trust + "&measure=" + code + "&status=failed";
    const ClientResponse api = analyst->Request("GET", "/api/v1/exceptions?" + q + "&limit=1000");
    ASSERT_EQ(api.status, 200);
    items = api.Json()["items"];
    ASSERT_EQ(static_cast<int64_t>(items.size()), failed) << code;
    if (items[0]["record"].get<std::string>().find('/') != std::string::npos) {
      measure = code;
      most = failed;
      break;
    }
  }
  ASSERT_FALSE(measure.empty());
  const ClientResponse page = analyst->Request("GET", "/exceptions?" + q);
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 400);
  EXPECT_NE(page.body.find(std::to_string(most) + " items for"), std::string::npos);
  const size_t shown = std::min<size_t>(items.size(), 50);
  EXPECT_EQ(Count(page.body, ">Failed</strong>"), static_cast<int>(shown));
  for (size_t i = 0; i < shown; ++i) {
    const std::string record = items[i]["record"];
    EXPECT_NE(page.body.find("<td class=\"govuk-table__cell\">" + record + "</td>"),
              std::string::npos)
        << record;
    const std::string crn = record.substr(0, record.find('/'));
    EXPECT_NE(page.body.find("href=\"/cases/" + crn + "\""), std::string::npos) << measure << " " << record;
  }
  if (items.size() > 50) {
    EXPECT_NE(page.body.find("govuk-pagination"), std::string::npos);
    const ClientResponse second = analyst->Request("GET", "/exceptions?" + q + "&page=2");
    ASSERT_EQ(second.status, 200);
    const std::string record = items[50]["record"];
    EXPECT_NE(second.body.find(">" + record + "<"), std::string::npos);
  }
  // By officer: the API's items of that officer.
  const std::string officer = items[0]["officer"];
  int64_t of_officer = 0;
  for (const nlohmann::json& item : items) of_officer += item["officer"] == officer;
  const ClientResponse filtered =
      analyst->Request("GET", "/exceptions?" + q + "&officer=" + officer);
  ASSERT_EQ(filtered.status, 200);
  EXPECT_NE(filtered.body.find(std::to_string(of_officer) + " items for " + officer),
            std::string::npos);
  EXPECT_NE(filtered.body.find("<option value=\"" + officer + "\" selected>"), std::string::npos);
  // The CSV: a header and every item.
  const ClientResponse csv = analyst->Request("GET", "/exceptions/download?" + q);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(Count(csv.body, "\n"), most + 1);
  EXPECT_GE(Audited("analyst", "GET /exceptions", AuditOutcome::kAllowed), 2);
  // An officer outside the unit asked for is refused.
  const ClientResponse outside =
      Client("mgr")->Request("GET", std::string("/exceptions?") + kQuery + "&unit=" + units_->ldu1 +
                                        "&measure=" + measure + "&officer=" + units_->officer2);
  EXPECT_EQ(outside.status, 403);
}

// Every officer of the team with the cases and points `probation workload` gives them.
TEST_F(PerformancePagesTest, WorkloadEqualsTheWorkloadCommand) {
  auto mgr = Client("mgr");
  const ClientResponse page = mgr->Request("GET", "/workload?unit=" + units_->team1);
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 400);
  EXPECT_NE(page.body.find("<svg class=\"bars\""), std::string::npos);
  const RunResult cli =
      RunProbation("workload --db " + DbPath() + " --unit " + units_->team1 + " --format csv");
  ASSERT_EQ(cli.exit_status, 0) << cli.err;
  // Officer rows of the CSV: staff id, name, grade, team, community, licence, custody, SDR, FDR,
  // case points, report points, workload, ...
  int officers = 0;
  std::istringstream lines(cli.out);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> f;
    std::stringstream fields(line);
    for (std::string x; std::getline(fields, x, ',');) f.push_back(x);
    if (f.size() < 12 || f[3] != units_->team1) continue;
    ++officers;
    const std::string id = f[0];
    const int cases = std::stoi(f[4]) + std::stoi(f[5]) + std::stoi(f[6]);
    const size_t at = page.body.find("(" + id + ")</span></th>");
    ASSERT_NE(at, std::string::npos) << id;
    const std::string row = page.body.substr(at, page.body.find("</tr>", at) - at);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(row, m, std::regex(R"(numeric">(\d+)</td>)")));
    EXPECT_EQ(std::stoi(m[1]), cases) << id;
    EXPECT_NE(row.find(">" + f[11] + "</td>"), std::string::npos) << id << " points " << f[11];
  }
  EXPECT_GT(officers, 0);
  EXPECT_EQ(Count(page.body, "<th scope=\"row\""), officers);
  // And GET /api/v1/workload's (the same analytics cache): its date, each officer's cases and
  // points, and its tier counts per officer.
  const ClientResponse api = mgr->Request("GET", "/api/v1/workload?unit=" + units_->team1);
  ASSERT_EQ(api.status, 200);
  const nlohmann::json j = api.Json();
  EXPECT_NE(page.body.find("As at " + j["as_at"].get<std::string>() + ":"), std::string::npos);
  ASSERT_EQ(static_cast<int>(j["officers"].size()), officers);
  for (const nlohmann::json& o : j["officers"]) {
    const std::string id = o["staff_id"];
    const size_t at = page.body.find("(" + id + ")</span></th>");
    ASSERT_NE(at, std::string::npos) << id;
    const std::string row = page.body.substr(at, page.body.find("</tr>", at) - at);
    const int cases = o["cases"]["community"].get<int>() + o["cases"]["licence"].get<int>() +
                      o["cases"]["custody"].get<int>();
    EXPECT_NE(row.find(">" + std::to_string(cases) + "</td>"), std::string::npos) << id;
    EXPECT_NE(row.find(">" + std::to_string(o["workload_points"].get<int>()) + "</td>"),
              std::string::npos)
        << id;
  }
}

// A board member: the trust's scorecard by team and the board pack, with no CRN, person's or
// staff member's name anywhere; counts below 5 as words; exceptions, officers' figures and
// downloads refused.
TEST_F(PerformancePagesTest, BoardMemberSeesAggregatesOnly) {
  auto board = Client("board");
  std::vector<std::string> pages;
  for (const std::string& target :
       {std::string("/scorecard"),
        "/scorecard?" + std::string(kQuery) + "&unit=" + units_->trust + "&by=team",
        "/scorecard?" + std::string(kQuery) + "&unit=" + units_->ldu1 + "&by=team",
        std::string("/boardpack"),
        "/api/v1/boardpack?" + std::string(kQuery) + "&unit=" + units_->trust}) {
    const ClientResponse r = board->Request("GET", target);
    ASSERT_EQ(r.status, 200) << target << r.body.substr(0, 300);
    pages.push_back(r.body);
  }
  const ClientResponse xlsx = board->Request(
      "GET", "/boardpack/download?" + std::string(kQuery) + "&unit=" + units_->trust);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  // Names and keys in the data: every CRN, person's name and staff name.
  Result<std::unique_ptr<Database>> db = OpenStore(DbPath());
  ASSERT_TRUE(db.ok());
  std::vector<std::string> forbidden;  // found anywhere
  std::vector<std::string> staff_ids;  // found as an officer is written on a page
  {
    Result<Statement> people =
        (*db)->Prepare("SELECT crn, forenames || ' ' || surname, date_of_birth FROM people");
    ASSERT_TRUE(people.ok());
    while (*people->Step()) {
      for (int c = 0; c < 3; ++c) forbidden.emplace_back(people->ColumnText(c));
    }
    Result<Statement> staff =
        (*db)->Prepare("SELECT forenames || ' ' || surname, staff_id FROM staff");
    ASSERT_TRUE(staff.ok());
    while (*staff->Step()) {
      forbidden.emplace_back(staff->ColumnText(0));
      staff_ids.emplace_back(staff->ColumnText(1));
    }
  }
  ASSERT_GT(forbidden.size(), 100u);
  for (const std::string& body : pages) {
    for (const std::string& word : forbidden) ASSERT_EQ(body.find(word), std::string::npos) << word;
    for (const std::string& id : staff_ids) {
      ASSERT_EQ(body.find("(" + id + ")"), std::string::npos) << id;
      ASSERT_EQ(body.find("value=\"" + id + "\""), std::string::npos) << id;
    }
    EXPECT_EQ(body.find("/exceptions?"), std::string::npos);
    EXPECT_EQ(body.find("/cases/"), std::string::npos);
  }
  // A value made from counts below 5 is not in the sparkline either: the API's suppressed
  // cells of the LDU are "no value" for the period in the row's sparkline.
  {
    const nlohmann::json card =
        board->Request("GET", std::string("/api/v1/scorecard?") + kQuery + "&unit=" + units_->ldu1)
            .Json();
    int suppressed = 0;
    for (const nlohmann::json& cell : card["units"][0]["measures"]) {
      if (!cell.value("suppressed", false)) continue;
      const std::string row = MeasureRow(pages[2], cell["code"]);
      if (row.find("No definition yet") != std::string::npos) continue;
      ++suppressed;
      EXPECT_NE(row.find(", 2010-Q4 no value"), std::string::npos) << cell["code"] << row;
      EXPECT_NE(row.find("not shown (fewer than 5 items)"), std::string::npos) << cell["code"];
    }
    EXPECT_GT(suppressed, 0);
  }
  // Small counts in the breakdown by team of an LDU are words.
  const ClientResponse small = board->Request(
      "GET", std::string("/api/v1/scorecard?") + kQuery + "&unit=" + units_->ldu1 + "&by=team");
  if (small.body.find("fewer than 5") != std::string::npos) {
    EXPECT_NE(pages[2].find("fewer than 5"), std::string::npos);
  }
  for (const std::string& refused :
       {"/exceptions?" + std::string(kQuery), "/exceptions/download?" + std::string(kQuery),
        "/scorecard/download?" + std::string(kQuery),
        "/scorecard?" + std::string(kQuery) + "&unit=" + units_->team1 + "&by=officer",
        "/scorecard?" + std::string(kQuery) + "&unit=" + units_->officer1,
        std::string("/workload")}) {
    const ClientResponse r = board->Request("GET", refused);
    EXPECT_EQ(r.status, 403) << refused;
    EXPECT_EQ(r.headers.at("content-type"), "text/html; charset=utf-8") << refused;
  }
}

// Out of scope and wrong roles: 403 pages, audited as refused; a bad choice: 400 naming it.
TEST_F(PerformancePagesTest, ScopeRefusalsAreAuditedAndBadChoicesNamed) {
  auto mgr = Client("mgr");
  const int before = Audited("mgr", "GET /scorecard", AuditOutcome::kRefused);
  EXPECT_EQ(mgr->Request("GET", "/scorecard?unit=" + units_->ldu2).status, 403);
  EXPECT_EQ(mgr->Request("GET", "/scorecard?unit=" + units_->trust).status, 403);
  EXPECT_EQ(Audited("mgr", "GET /scorecard", AuditOutcome::kRefused), before + 2);
  EXPECT_EQ(mgr->Request("GET", "/workload?unit=" + units_->ldu2).status, 403);
  EXPECT_EQ(mgr->Request("GET", "/boardpack/download?unit=" + units_->ldu2).status, 403);
  EXPECT_EQ(Client("prac")->Request("GET", "/workload").status, 403);
  EXPECT_EQ(Client("prac")->Request("GET", "/boardpack").status, 403);
  EXPECT_EQ(Client("admin")->Request("GET", "/scorecard").status, 403);
  // A practitioner's own figures and items.
  EXPECT_EQ(Client("prac")->Request("GET", "/scorecard").status, 200);
  EXPECT_EQ(Client("prac")->Request("GET", "/exceptions").status, 200);
  const ClientResponse bad = mgr->Request("GET", "/scorecard?period=2010-Q9");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("There is a problem"), std::string::npos);
  EXPECT_NE(bad.body.find("href=\"#period\""), std::string::npos);
  const ClientResponse measure = mgr->Request("GET", "/exceptions?measure=NOPE");
  EXPECT_EQ(measure.status, 400);
  EXPECT_NE(measure.body.find("href=\"#measure\""), std::string::npos);
  const ClientResponse unit = mgr->Request("GET", "/workload?unit=NOSUCH");
  EXPECT_EQ(unit.status, 400);
  EXPECT_NE(unit.body.find("href=\"#unit\""), std::string::npos);
  // Signed out: to the sign-in page.
  TestClient nobody(server_->port());
  const ClientResponse redirect = nobody.Request("GET", "/scorecard");
  EXPECT_EQ(redirect.status, 303);
}

}  // namespace
}  // namespace probation
