// The authorisation matrix of docs/access.md over the service's routes, on a generated trust:
// every role x every route x in scope / out of scope, allowed (200) or refused (403) as the
// table says, and every refusal written to the audit log as refused; every allowed read of
// figures audited as allowed. Then a board member's responses (every endpoint it may call,
// the board pack included) are scanned for every CRN, person's name and date of birth in the
// data, and every staff member's name: none may appear, and no count below 5. The case
// routes are in the matrix too (reads, caseloads, due items and writes, a case out of scope or
// that does not exist refused alike), and an end-to-end test follows a practitioner through
// reading a case, recording a contact and seeing it on the case at once and in the figures
// after the live engine's refresh, and a stale write refused with 409 and nothing lost.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <thread>
#include <tuple>

#include "http_client.h"
#include "trust_service.h"

namespace probation {
namespace {

namespace fs = std::filesystem;
using testing::ClientResponse;
using testing::kPassword;
using testing::TestClient;
using testing::Units;

class AuthzTest : public testing::TrustServiceTest {
 protected:
  std::string Fill(std::string text) const {
    const std::map<std::string, std::string> values = {
        {"{trust}", units_->trust},
        {"{ldu1}", units_->ldu1},
        {"{ldu2}", units_->ldu2},
        {"{team1}", units_->team1},
        {"{own}", units_->officer1},
        {"{other}", units_->officer2},
        {"{own_case}", units_->own_crn + "/sentences/" + units_->own_event},
        {"{other_case}", units_->other_crn + "/sentences/" + units_->other_event},
        {"{own_crn}", units_->own_crn},
        {"{other_crn}", units_->other_crn},
        {"{own_contact}", units_->own_contact},
        {"{date}", units_->latest_date}};
    for (const auto& [name, value] : values) {
      for (size_t at; (at = text.find(name)) != std::string::npos;)
        text.replace(at, name.size(), value);
    }
    return text;
  }

  // The version of officer1's sentence's last contact, as the store holds it now.
  int64_t OwnContactVersion() {
    Result<std::unique_ptr<Database>> db = OpenStore(DbPath());
    const std::string key = units_->own_crn + "/" + units_->own_event + "/" + units_->own_contact;
    const std::string v = One(db->get(),
                              "SELECT version FROM record_versions WHERE record_type = 'contacts' "
                              "AND record_key = ?",
                              key);
    return v.empty() ? 1 : std::stoll(v);
  }
};

constexpr char kCard[] = "/api/v1/scorecard?framework=nps-2005-06&period=2010-Q4";
constexpr char kExceptions[] =
    "/api/v1/exceptions?framework=nps-2005-06&measure=PT6&period=2010-Q4";
constexpr char kPack[] = "/api/v1/boardpack?framework=nps-2005-06&period=2010-Q4";

struct MatrixRow {
  std::string user;
  std::string method;
  std::string pattern;    // the route, as audited
  std::string target;     // with {unit} placeholders
  std::string scope;      // "in", "out" or "-" (no scope)
  int expected;           // 200 or 201 allowed, 403 refused
  std::string body = "";  // JSON, with placeholders; "{version}": the own contact's version
};

// The contact a matrix row records, on the sentence its target names.
constexpr char kContactBody[] =
    R"({"contact_date":"{date}","contact_type":"OM","ns_required":true,"arranged":true,)"
    R"("outcome":"ATT"})";

TEST_F(AuthzTest, EveryRoleEveryRouteInAndOutOfScope) {
  const std::string card = kCard, exc = kExceptions, pack = kPack;
  const std::vector<MatrixRow> matrix = {
      // scorecard: own figures / units in scope and below / any unit / trust, aggregates / never
      {"prac", "GET", "/api/v1/scorecard", card + "&unit={own}", "in", 200},
      {"prac", "GET", "/api/v1/scorecard", card, "in", 200},  // default: own
      {"prac", "GET", "/api/v1/scorecard", card + "&unit={other}", "out", 403},
      {"prac", "GET", "/api/v1/scorecard", card + "&unit={team1}", "out", 403},
      {"mgr", "GET", "/api/v1/scorecard", card + "&unit={ldu1}&by=team", "in", 200},
      {"mgr", "GET", "/api/v1/scorecard", card + "&unit={team1}&by=officer", "in", 200},
      {"mgr", "GET", "/api/v1/scorecard", card + "&unit={ldu2}", "out", 403},
      {"mgr", "GET", "/api/v1/scorecard", card + "&unit={trust}", "out", 403},
      {"analyst", "GET", "/api/v1/scorecard", card + "&unit={trust}&by=ldu", "in", 200},
      {"analyst", "GET", "/api/v1/scorecard", card + "&unit={ldu2}&by=officer", "in", 200},
      {"analyst", "GET", "/api/v1/scorecard", card + "&unit=national", "out", 403},
      {"board", "GET", "/api/v1/scorecard", card + "&unit={trust}&by=team", "in", 200},
      {"board", "GET", "/api/v1/scorecard", card + "&unit={ldu1}", "in", 200},
      {"board", "GET", "/api/v1/scorecard", card + "&unit={team1}&by=officer", "in", 403},
      {"board", "GET", "/api/v1/scorecard", card + "&unit={own}", "in", 403},
      {"board", "GET", "/api/v1/scorecard", card + "&unit=national", "out", 403},
      {"admin", "GET", "/api/v1/scorecard", card + "&unit={trust}", "in", 403},
      // exceptions: own items / units in scope / any unit / never / never
      {"prac", "GET", "/api/v1/exceptions", exc + "&unit={own}", "in", 200},
      {"prac", "GET", "/api/v1/exceptions", exc + "&unit={other}", "out", 403},
      {"mgr", "GET", "/api/v1/exceptions", exc + "&unit={team1}", "in", 200},
      {"mgr", "GET", "/api/v1/exceptions", exc + "&unit={ldu2}", "out", 403},
      {"analyst", "GET", "/api/v1/exceptions", exc + "&unit={ldu2}", "in", 200},
      {"analyst", "GET", "/api/v1/exceptions", exc + "&unit=national", "out", 403},
      {"board", "GET", "/api/v1/exceptions", exc + "&unit={trust}", "in", 403},
      {"admin", "GET", "/api/v1/exceptions", exc + "&unit={trust}", "in", 403},
      // board pack: never / units in scope / any unit / trust and its units / never
      {"prac", "GET", "/api/v1/boardpack", pack + "&unit={team1}", "in", 403},
      {"mgr", "GET", "/api/v1/boardpack", pack + "&unit={ldu1}", "in", 200},
      {"mgr", "GET", "/api/v1/boardpack", pack + "&unit={ldu2}", "out", 403},
      {"analyst", "GET", "/api/v1/boardpack", pack + "&unit={trust}", "in", 200},
      {"analyst", "GET", "/api/v1/boardpack", pack + "&unit=national", "out", 403},
      {"board", "GET", "/api/v1/boardpack", pack + "&unit={trust}", "in", 200},
      {"board", "GET", "/api/v1/boardpack", pack + "&unit=national", "out", 403},
      {"admin", "GET", "/api/v1/boardpack", pack + "&unit={trust}", "in", 403},
      // plans and risk registers (no case data): everyone but the administrator
      {"prac", "GET", "/api/v1/plans", "/api/v1/plans", "-", 200},
      {"mgr", "GET", "/api/v1/plans", "/api/v1/plans?year=2008-09", "-", 200},
      {"analyst", "GET", "/api/v1/plans", "/api/v1/plans", "-", 200},
      {"board", "GET", "/api/v1/plans", "/api/v1/plans", "-", 200},
      {"admin", "GET", "/api/v1/plans", "/api/v1/plans", "-", 403},
      {"prac", "GET", "/api/v1/risks", "/api/v1/risks", "-", 200},
      {"mgr", "GET", "/api/v1/risks", "/api/v1/risks", "-", 200},
      {"analyst", "GET", "/api/v1/risks", "/api/v1/risks", "-", 200},
      {"board", "GET", "/api/v1/risks", "/api/v1/risks", "-", 200},
      {"admin", "GET", "/api/v1/risks", "/api/v1/risks", "-", 403},
      // own account: everyone
      {"prac", "GET", "/api/v1/me", "/api/v1/me", "-", 200},
      {"mgr", "GET", "/api/v1/me", "/api/v1/me", "-", 200},
      {"analyst", "GET", "/api/v1/me", "/api/v1/me", "-", 200},
      {"board", "GET", "/api/v1/me", "/api/v1/me", "-", 200},
      {"admin", "GET", "/api/v1/me", "/api/v1/me", "-", 200},
      // Analytics (server/analytics_routes.cc). A case's OGRS3 and tier: the case read scope.
      {"prac", "GET", "/api/v1/cases/{crn}/scores", "/api/v1/cases/{own_crn}/scores", "in", 200},
      {"prac", "GET", "/api/v1/cases/{crn}/scores", "/api/v1/cases/{other_crn}/scores", "out", 403},
      {"mgr", "GET", "/api/v1/cases/{crn}/scores", "/api/v1/cases/{own_crn}/scores", "in", 200},
      {"mgr", "GET", "/api/v1/cases/{crn}/scores", "/api/v1/cases/{other_crn}/scores", "out", 403},
      {"mgr", "GET", "/api/v1/cases/{crn}/scores", "/api/v1/cases/Z999999/scores", "out", 403},
      {"analyst", "GET", "/api/v1/cases/{crn}/scores", "/api/v1/cases/{other_crn}/scores", "in",
       200},
      {"board", "GET", "/api/v1/cases/{crn}/scores", "/api/v1/cases/{own_crn}/scores", "in", 403},
      {"admin", "GET", "/api/v1/cases/{crn}/scores", "/api/v1/cases/{own_crn}/scores", "in", 403},
      // workload: own / units in scope / any unit / never (it names officers) / never
      {"prac", "GET", "/api/v1/workload", "/api/v1/workload", "in", 200},
      {"prac", "GET", "/api/v1/workload", "/api/v1/workload?unit={own}", "in", 200},
      {"prac", "GET", "/api/v1/workload", "/api/v1/workload?unit={other}", "out", 403},
      {"prac", "GET", "/api/v1/workload", "/api/v1/workload?unit={team1}", "out", 403},
      {"mgr", "GET", "/api/v1/workload", "/api/v1/workload?unit={ldu1}", "in", 200},
      {"mgr", "GET", "/api/v1/workload", "/api/v1/workload?unit={team1}", "in", 200},
      {"mgr", "GET", "/api/v1/workload", "/api/v1/workload?unit={ldu2}", "out", 403},
      {"mgr", "GET", "/api/v1/workload", "/api/v1/workload?unit={other}", "out", 403},
      {"analyst", "GET", "/api/v1/workload", "/api/v1/workload?unit={ldu2}", "in", 200},
      {"analyst", "GET", "/api/v1/workload", "/api/v1/workload?unit=national", "out", 403},
      {"board", "GET", "/api/v1/workload", "/api/v1/workload?unit={trust}", "in", 403},
      {"admin", "GET", "/api/v1/workload", "/api/v1/workload?unit={trust}", "in", 403},
      // allocation help: managers, for a team in scope, only
      {"mgr", "GET", "/api/v1/allocation", "/api/v1/allocation?team={team1}&tier=B2", "in", 200},
      {"mgr", "GET", "/api/v1/allocation", "/api/v1/allocation?team={ldu2}&tier=B2", "out", 403},
      {"prac", "GET", "/api/v1/allocation", "/api/v1/allocation?team={team1}&tier=B2", "in", 403},
      {"analyst", "GET", "/api/v1/allocation", "/api/v1/allocation?team={team1}&tier=B2", "in",
       403},
      {"board", "GET", "/api/v1/allocation", "/api/v1/allocation?team={team1}&tier=B2", "in", 403},
      {"admin", "GET", "/api/v1/allocation", "/api/v1/allocation?team={team1}&tier=B2", "in", 403},
      // reoffending, equality, forecast: never / units in scope / any unit / trust and its units
      // (aggregates) / never
      {"prac", "GET", "/api/v1/reoffending", "/api/v1/reoffending?snapshot=2009-03-31", "in", 403},
      {"mgr", "GET", "/api/v1/reoffending",
       "/api/v1/reoffending?snapshot=2009-03-31&unit={ldu1}&by=team", "in", 200},
      {"mgr", "GET", "/api/v1/reoffending", "/api/v1/reoffending?snapshot=2009-03-31&unit={ldu2}",
       "out", 403},
      {"mgr", "GET", "/api/v1/reoffending", "/api/v1/reoffending?snapshot=2009-03-31&unit={trust}",
       "out", 403},
      {"analyst", "GET", "/api/v1/reoffending",
       "/api/v1/reoffending?snapshot=2009-03-31&unit={ldu2}", "in", 200},
      {"analyst", "GET", "/api/v1/reoffending",
       "/api/v1/reoffending?snapshot=2009-03-31&unit=national", "out", 403},
      {"board", "GET", "/api/v1/reoffending",
       "/api/v1/reoffending?snapshot=2009-03-31&unit={trust}&by=ldu", "in", 200},
      {"board", "GET", "/api/v1/reoffending", "/api/v1/reoffending?snapshot=2009-03-31&unit={own}",
       "in", 403},
      {"board", "GET", "/api/v1/reoffending",
       "/api/v1/reoffending?snapshot=2009-03-31&unit=national", "out", 403},
      {"admin", "GET", "/api/v1/reoffending", "/api/v1/reoffending?snapshot=2009-03-31", "in", 403},
      {"prac", "GET", "/api/v1/equality", "/api/v1/equality?period=FY2010", "in", 403},
      {"mgr", "GET", "/api/v1/equality", "/api/v1/equality?period=FY2010&unit={ldu1}", "in", 200},
      {"mgr", "GET", "/api/v1/equality", "/api/v1/equality?period=FY2010&unit={ldu2}", "out", 403},
      {"analyst", "GET", "/api/v1/equality", "/api/v1/equality?period=FY2010&unit={ldu2}", "in",
       200},
      {"analyst", "GET", "/api/v1/equality", "/api/v1/equality?period=FY2010&unit=national", "out",
       403},
      {"board", "GET", "/api/v1/equality", "/api/v1/equality?period=FY2010&unit={ldu1}", "in", 200},
      {"board", "GET", "/api/v1/equality", "/api/v1/equality?period=FY2010&unit=national", "out",
       403},
      {"admin", "GET", "/api/v1/equality", "/api/v1/equality?period=FY2010", "in", 403},
      {"prac", "GET", "/api/v1/forecast", "/api/v1/forecast", "in", 403},
      {"mgr", "GET", "/api/v1/forecast", "/api/v1/forecast?unit={ldu1}", "in", 200},
      {"mgr", "GET", "/api/v1/forecast", "/api/v1/forecast?unit={ldu2}", "out", 403},
      {"analyst", "GET", "/api/v1/forecast", "/api/v1/forecast?unit={trust}", "in", 200},
      {"analyst", "GET", "/api/v1/forecast", "/api/v1/forecast?unit=national", "out", 403},
      {"board", "GET", "/api/v1/forecast", "/api/v1/forecast?unit={trust}", "in", 200},
      {"board", "GET", "/api/v1/forecast", "/api/v1/forecast?unit=national", "out", 403},
      {"admin", "GET", "/api/v1/forecast", "/api/v1/forecast?unit={trust}", "in", 403},
      // The performance pages and their downloads (issue 13): the scope of the figures above.
      {"prac", "GET", "/scorecard", "/scorecard?framework=nps-2005-06&period=2010-Q4", "in", 200},
      {"prac", "GET", "/scorecard", "/scorecard?framework=nps-2005-06&period=2010-Q4&unit={other}",
       "out", 403},
      {"mgr", "GET", "/scorecard",
       "/scorecard?framework=nps-2005-06&period=2010-Q4&unit={ldu1}&by=team", "in", 200},
      {"mgr", "GET", "/scorecard", "/scorecard?framework=nps-2005-06&period=2010-Q4&unit={ldu2}",
       "out", 403},
      {"analyst", "GET", "/scorecard",
       "/scorecard?framework=nps-2005-06&period=2010-Q4&unit={trust}&by=ldu", "in", 200},
      {"analyst", "GET", "/scorecard",
       "/scorecard?framework=nps-2005-06&period=2010-Q4&unit=national", "out", 403},
      {"board", "GET", "/scorecard",
       "/scorecard?framework=nps-2005-06&period=2010-Q4&unit={trust}&by=team", "in", 200},
      {"board", "GET", "/scorecard",
       "/scorecard?framework=nps-2005-06&period=2010-Q4&unit={team1}&by=officer", "in", 403},
      {"board", "GET", "/scorecard",
       "/scorecard?framework=nps-2005-06&period=2010-Q4&unit=national", "out", 403},
      {"admin", "GET", "/scorecard", "/scorecard?framework=nps-2005-06&period=2010-Q4", "in", 403},
      {"prac", "GET", "/scorecard/download",
       "/scorecard/download?framework=nps-2005-06&period=2010-Q4", "in", 200},
      {"prac", "GET", "/scorecard/download",
       "/scorecard/download?framework=nps-2005-06&period=2010-Q4&unit={other}", "out", 403},
      {"mgr", "GET", "/scorecard/download",
       "/scorecard/download?framework=nps-2005-06&period=2010-Q4&unit={team1}&format=xlsx", "in",
       200},
      {"mgr", "GET", "/scorecard/download",
       "/scorecard/download?framework=nps-2005-06&period=2010-Q4&unit={ldu2}", "out", 403},
      {"analyst", "GET", "/scorecard/download",
       "/scorecard/download?framework=nps-2005-06&period=2010-Q4&unit={trust}&by=ldu", "in", 200},
      {"analyst", "GET", "/scorecard/download",
       "/scorecard/download?framework=nps-2005-06&period=2010-Q4&unit=national", "out", 403},
      {"board", "GET", "/scorecard/download",
       "/scorecard/download?framework=nps-2005-06&period=2010-Q4&unit={trust}", "in", 403},
      {"admin", "GET", "/scorecard/download",
       "/scorecard/download?framework=nps-2005-06&period=2010-Q4", "in", 403},
      {"prac", "GET", "/exceptions",
       "/exceptions?framework=nps-2005-06&period=2010-Q4&measure=PT6&unit={own}", "in", 200},
      {"prac", "GET", "/exceptions",
       "/exceptions?framework=nps-2005-06&period=2010-Q4&measure=PT6&unit={other}", "out", 403},
      {"mgr", "GET", "/exceptions",
       "/exceptions?framework=nps-2005-06&period=2010-Q4&measure=PT6&unit={team1}", "in", 200},
      {"mgr", "GET", "/exceptions",
       "/exceptions?framework=nps-2005-06&period=2010-Q4&measure=PT6&unit={ldu2}", "out", 403},
      {"mgr", "GET", "/exceptions",
       "/exceptions?framework=nps-2005-06&period=2010-Q4&measure=PT6&unit={ldu1}&officer={other}",
       "out", 403},
      {"analyst", "GET", "/exceptions",
       "/exceptions?framework=nps-2005-06&period=2010-Q4&measure=PT6&unit={ldu2}", "in", 200},
      {"analyst", "GET", "/exceptions",
       "/exceptions?framework=nps-2005-06&period=2010-Q4&measure=PT6&unit=national", "out", 403},
      {"board", "GET", "/exceptions",
       "/exceptions?framework=nps-2005-06&period=2010-Q4&measure=PT6&unit={trust}", "in", 403},
      {"admin", "GET", "/exceptions",
       "/exceptions?framework=nps-2005-06&period=2010-Q4&measure=PT6&unit={trust}", "in", 403},
      {"prac", "GET", "/exceptions/download",
       "/exceptions/download?framework=nps-2005-06&period=2010-Q4&measure=PT6&unit={own}", "in",
       200},
      {"prac", "GET", "/exceptions/download",
       "/exceptions/download?framework=nps-2005-06&period=2010-Q4&measure=PT6&unit={other}", "out",
       403},
      {"mgr", "GET", "/exceptions/download",
       "/exceptions/download?framework=nps-2005-06&period=2010-Q4&measure=PT6&unit={team1}", "in",
       200},
      {"mgr", "GET", "/exceptions/download",
       "/exceptions/download?framework=nps-2005-06&period=2010-Q4&measure=PT6&unit={ldu2}", "out",
       403},
      {"mgr", "GET", "/exceptions/download",
       "/exceptions/"
       "download?framework=nps-2005-06&period=2010-Q4&measure=PT6&unit={ldu1}&officer={other}",
       "out", 403},
      {"analyst", "GET", "/exceptions/download",
       "/exceptions/download?framework=nps-2005-06&period=2010-Q4&measure=PT6&unit={ldu2}", "in",
       200},
      {"analyst", "GET", "/exceptions/download",
       "/exceptions/download?framework=nps-2005-06&period=2010-Q4&measure=PT6&unit=national", "out",
       403},
      {"board", "GET", "/exceptions/download",
       "/exceptions/download?framework=nps-2005-06&period=2010-Q4&measure=PT6&unit={trust}", "in",
       403},
      {"admin", "GET", "/exceptions/download",
       "/exceptions/download?framework=nps-2005-06&period=2010-Q4&measure=PT6&unit={trust}", "in",
       403},
      {"prac", "GET", "/workload", "/workload?unit={own}", "in", 403},
      {"mgr", "GET", "/workload", "/workload?unit={team1}", "in", 200},
      {"mgr", "GET", "/workload", "/workload?unit={ldu2}", "out", 403},
      {"analyst", "GET", "/workload", "/workload?unit={ldu2}", "in", 200},
      {"analyst", "GET", "/workload", "/workload?unit=national", "out", 403},
      {"board", "GET", "/workload", "/workload?unit={trust}", "in", 403},
      {"admin", "GET", "/workload", "/workload", "-", 403},
      {"prac", "GET", "/boardpack", "/boardpack?framework=nps-2005-06&period=2010-Q4&unit={team1}",
       "in", 403},
      {"mgr", "GET", "/boardpack", "/boardpack?framework=nps-2005-06&period=2010-Q4&unit={ldu1}",
       "in", 200},
      {"mgr", "GET", "/boardpack", "/boardpack?framework=nps-2005-06&period=2010-Q4&unit={ldu2}",
       "out", 403},
      {"analyst", "GET", "/boardpack",
       "/boardpack?framework=nps-2005-06&period=2010-Q4&unit={trust}", "in", 200},
      {"analyst", "GET", "/boardpack",
       "/boardpack?framework=nps-2005-06&period=2010-Q4&unit=national", "out", 403},
      {"board", "GET", "/boardpack", "/boardpack?framework=nps-2005-06&period=2010-Q4&unit={trust}",
       "in", 200},
      {"board", "GET", "/boardpack",
       "/boardpack?framework=nps-2005-06&period=2010-Q4&unit=national", "out", 403},
      {"admin", "GET", "/boardpack", "/boardpack?framework=nps-2005-06&period=2010-Q4&unit={trust}",
       "in", 403},
      {"prac", "GET", "/boardpack/download",
       "/boardpack/download?framework=nps-2005-06&period=2010-Q4&unit={team1}", "in", 403},
      {"mgr", "GET", "/boardpack/download",
       "/boardpack/download?framework=nps-2005-06&period=2010-Q4&unit={ldu1}", "in", 200},
      {"mgr", "GET", "/boardpack/download",
       "/boardpack/download?framework=nps-2005-06&period=2010-Q4&unit={ldu2}", "out", 403},
      {"analyst", "GET", "/boardpack/download",
       "/boardpack/download?framework=nps-2005-06&period=2010-Q4&unit={trust}", "in", 200},
      {"analyst", "GET", "/boardpack/download",
       "/boardpack/download?framework=nps-2005-06&period=2010-Q4&unit=national", "out", 403},
      {"board", "GET", "/boardpack/download",
       "/boardpack/download?framework=nps-2005-06&period=2010-Q4&unit={trust}", "in", 200},
      {"board", "GET", "/boardpack/download",
       "/boardpack/download?framework=nps-2005-06&period=2010-Q4&unit=national", "out", 403},
      {"admin", "GET", "/boardpack/download",
       "/boardpack/download?framework=nps-2005-06&period=2010-Q4&unit={trust}", "in", 403},
  };
  std::vector<MatrixRow> rows = matrix;
  // The case routes: read and search (own / cases in scope / the trust / never / never).
  const std::string cases = "/api/v1/cases/{crn}",
                    contacts = "/api/v1/cases/{crn}/sentences/{event_no}/contacts";
  const std::string outcome = contacts + "/{number}/outcome";
  const std::vector<MatrixRow> case_rows = {
      {"prac", "GET", cases, "/api/v1/cases/{own_crn}", "in", 200},
      {"prac", "GET", cases, "/api/v1/cases/{other_crn}", "out", 403},
      {"prac", "GET", cases, "/api/v1/cases/Z999999", "out", 403},  // none: same as out of scope
      {"mgr", "GET", cases, "/api/v1/cases/{own_crn}", "in", 200},
      {"mgr", "GET", cases, "/api/v1/cases/{other_crn}", "out", 403},
      {"mgr", "GET", cases, "/api/v1/cases/Z999999", "out", 403},
      {"analyst", "GET", cases, "/api/v1/cases/{other_crn}", "in", 200},
      {"board", "GET", cases, "/api/v1/cases/{own_crn}", "in", 403},
      {"admin", "GET", cases, "/api/v1/cases/{own_crn}", "in", 403},
      {"prac", "GET", "/api/v1/cases", "/api/v1/cases?q={own_crn}", "in", 200},
      {"mgr", "GET", "/api/v1/cases", "/api/v1/cases?q={own_crn}", "in", 200},
      {"analyst", "GET", "/api/v1/cases", "/api/v1/cases?q={other_crn}", "in", 200},
      {"board", "GET", "/api/v1/cases", "/api/v1/cases?q={own_crn}", "in", 403},
      {"admin", "GET", "/api/v1/cases", "/api/v1/cases?q={own_crn}", "in", 403},
      // caseload and what falls due: own / officers in scope / any unit in the trust / never
      {"prac", "GET", "/api/v1/caseload", "/api/v1/caseload", "in", 200},
      {"prac", "GET", "/api/v1/caseload", "/api/v1/caseload?unit={own}", "in", 200},
      {"prac", "GET", "/api/v1/caseload", "/api/v1/caseload?unit={other}", "out", 403},
      {"prac", "GET", "/api/v1/caseload", "/api/v1/caseload?unit={team1}", "out", 403},
      {"mgr", "GET", "/api/v1/caseload", "/api/v1/caseload?unit={team1}", "in", 200},
      {"mgr", "GET", "/api/v1/caseload", "/api/v1/caseload?unit={own}", "in", 200},
      {"mgr", "GET", "/api/v1/caseload", "/api/v1/caseload?unit={ldu2}", "out", 403},
      {"mgr", "GET", "/api/v1/caseload", "/api/v1/caseload?unit={other}", "out", 403},
      {"analyst", "GET", "/api/v1/caseload", "/api/v1/caseload?unit={ldu2}&limit=5", "in", 200},
      {"board", "GET", "/api/v1/caseload", "/api/v1/caseload?unit={trust}", "in", 403},
      {"admin", "GET", "/api/v1/caseload", "/api/v1/caseload?unit={trust}", "in", 403},
      {"prac", "GET", "/api/v1/due", "/api/v1/due", "in", 200},
      {"prac", "GET", "/api/v1/due", "/api/v1/due?unit={other}", "out", 403},
      {"prac", "GET", "/api/v1/due", "/api/v1/due?unit={team1}", "out", 403},
      {"mgr", "GET", "/api/v1/due", "/api/v1/due?unit={team1}", "in", 200},
      {"mgr", "GET", "/api/v1/due", "/api/v1/due?unit={ldu2}", "out", 403},
      {"analyst", "GET", "/api/v1/due", "/api/v1/due?unit={ldu2}", "in", 200},
      {"board", "GET", "/api/v1/due", "/api/v1/due?unit={trust}", "in", 403},
      {"admin", "GET", "/api/v1/due", "/api/v1/due?unit={trust}", "in", 403},
      // writes: own current cases / cases in scope / never (reads only) / never / never
      {"prac", "POST", contacts, "/api/v1/cases/{own_case}/contacts", "in", 201, kContactBody},
      {"prac", "POST", contacts, "/api/v1/cases/{other_case}/contacts", "out", 403, kContactBody},
      {"mgr", "POST", contacts, "/api/v1/cases/{own_case}/contacts", "in", 201, kContactBody},
      {"mgr", "POST", contacts, "/api/v1/cases/{other_case}/contacts", "out", 403, kContactBody},
      {"analyst", "POST", contacts, "/api/v1/cases/{own_case}/contacts", "in", 403, kContactBody},
      {"board", "POST", contacts, "/api/v1/cases/{own_case}/contacts", "in", 403, kContactBody},
      {"admin", "POST", contacts, "/api/v1/cases/{own_case}/contacts", "in", 403, kContactBody},
      {"prac", "PUT", outcome, "/api/v1/cases/{own_case}/contacts/{own_contact}/outcome", "in", 200,
       R"({"version":{version},"outcome":"ATT"})"},
      {"mgr", "PUT", outcome, "/api/v1/cases/{own_case}/contacts/{own_contact}/outcome", "in", 200,
       R"({"version":{version},"outcome":"ATT"})"},
      {"prac", "PUT", outcome, "/api/v1/cases/{other_case}/contacts/1/outcome", "out", 403,
       R"({"version":1,"outcome":"ATT"})"},
      {"mgr", "PUT", outcome, "/api/v1/cases/{other_case}/contacts/1/outcome", "out", 403,
       R"({"version":1,"outcome":"ATT"})"},
      {"analyst", "PUT", outcome, "/api/v1/cases/{own_case}/contacts/{own_contact}/outcome", "in",
       403, R"({"version":1,"outcome":"ATT"})"},
      {"board", "PUT", outcome, "/api/v1/cases/{own_case}/contacts/{own_contact}/outcome", "in",
       403, R"({"version":1,"outcome":"ATT"})"},
      {"admin", "PUT", outcome, "/api/v1/cases/{own_case}/contacts/{own_contact}/outcome", "in",
       403, R"({"version":1,"outcome":"ATT"})"},
  };
  rows.insert(rows.end(), case_rows.begin(), case_rows.end());
  // The other writes: refused out of scope and for the read-only roles (the rules and the
  // allowed writes are in the end-to-end test and src/server/case_service_test.cc).
  const std::string sentence = "/api/v1/cases/{crn}/sentences/{event_no}";
  const std::vector<std::tuple<std::string, std::string, std::string>> writes = {
      {"POST", "/breaches", R"({"failure_date":"{date}"})"},
      {"PATCH", "/breaches/{number}", R"({"version":1,"outcome":"CONTINUED"})"},
      {"POST", "/assessments", R"({"assessment_type":"OASYS","started_date":"{date}"})"},
      {"PUT", "/assessments/{number}/dates", R"({"version":1,"completed_date":"{date}"})"},
      {"POST", "/recalls", R"({"recall_type":"STANDARD","decision_time":"{date}T10:00"})"},
      {"PATCH", "/recalls/{number}", R"({"version":1,"decision_time":"{date}T10:00"})"},
  };
  for (const auto& [method, tail, body] : writes) {
    std::string target_tail = tail;
    if (const size_t at = target_tail.find("{number}"); at != std::string::npos) {
      target_tail.replace(at, 8, "1");
    }
    rows.push_back({"prac", method, sentence + tail, "/api/v1/cases/{other_case}" + target_tail,
                    "out", 403, body});
    rows.push_back({"mgr", method, sentence + tail, "/api/v1/cases/{other_case}" + target_tail,
                    "out", 403, body});
    for (const char* user : {"analyst", "board", "admin"}) {
      rows.push_back({user, method, sentence + tail, "/api/v1/cases/{own_case}" + target_tail, "in",
                      403, body});
    }
  }
  // Users and the audit log: the administrator only.
  for (const char* user : {"prac", "mgr", "analyst", "board", "admin"}) {
    const int expected = std::string(user) == "admin" ? 200 : 403;
    rows.push_back({user, "GET", "/api/v1/admin/users", "/api/v1/admin/users", "-", expected});
    rows.push_back(
        {user, "GET", "/api/v1/admin/audit", "/api/v1/admin/audit?limit=1", "-", expected});
    rows.push_back(
        {user, "GET", "/api/v1/admin/audit/verify", "/api/v1/admin/audit/verify", "-", expected});
    rows.push_back({user, "POST", "/api/v1/admin/users/{username}/unlock",
                    "/api/v1/admin/users/prac/unlock", "-", expected});
  }
  // The front-end assets: public, the same for every role (and without a session:
  // tests/asset_routes_test.cc).
  for (const char* user : {"prac", "mgr", "analyst", "board", "admin"}) {
    rows.push_back({user, "GET", "/assets/{path*}", "/assets/application.css", "-", 200});
  }
  std::map<std::string, std::unique_ptr<TestClient>> clients;
  for (const char* user : {"prac", "mgr", "analyst", "board", "admin"}) {
    clients[user] = std::make_unique<TestClient>(server_->port());
    ASSERT_EQ(clients[user]->SignIn(user, kPassword).status, 201) << user;
  }
  for (const MatrixRow& row : rows) {
    const std::string action = row.method + " " + row.pattern;
    const int refused_before = Audited(row.user, action, AuditOutcome::kRefused);
    std::optional<nlohmann::json> body;
    if (!row.body.empty()) {
      std::string text = Fill(row.body);
      if (const size_t at = text.find("{version}"); at != std::string::npos) {
        text.replace(at, 9, std::to_string(OwnContactVersion()));
      }
      body = nlohmann::json::parse(text);
    }
    const ClientResponse r = clients[row.user]->Request(row.method, Fill(row.target), body);
    EXPECT_EQ(r.status, row.expected) << row.user << " " << Fill(row.target) << " (" << row.scope
                                      << " scope): " << r.body.substr(0, 200);
    if (row.expected == 403) {
      EXPECT_EQ(Audited(row.user, action, AuditOutcome::kRefused), refused_before + 1)
          << "refusal not audited: " << row.user << " " << Fill(row.target);
    }
  }
  // Every allowed read of figures was audited as allowed, with its unit.
  EXPECT_GE(Audited("mgr", "GET /api/v1/scorecard", AuditOutcome::kAllowed), 2);
  EXPECT_GE(Audited("analyst", "GET /api/v1/exceptions", AuditOutcome::kAllowed), 1);
  EXPECT_GE(Audited("board", "GET /api/v1/boardpack", AuditOutcome::kAllowed), 1);
  EXPECT_GE(Audited("prac", "GET /api/v1/cases/{crn}", AuditOutcome::kAllowed), 1);
  EXPECT_GE(Audited("mgr", "POST /api/v1/cases/{crn}/sentences/{event_no}/contacts",
                    AuditOutcome::kAllowed),
            1);
  // A search finds nothing out of scope (a list, not a refusal).
  const ClientResponse search =
      clients["prac"]->Request("GET", Fill("/api/v1/cases?q={other_crn}"));
  ASSERT_EQ(search.status, 200);
  EXPECT_TRUE(search.Json()["cases"].empty()) << search.body;
  // A bad parameter is a 400 naming the field, not a refusal.
  const ClientResponse bad = clients["mgr"]->Request("GET", std::string(kCard) + "&unit=NOSUCH");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["field"], "unit");
  // The chain is intact after all of it.
  Result<std::unique_ptr<Database>> db = OpenStore(DbPath());
  Result<AuditVerification> v = VerifyAuditChain(db->get());
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->intact);
}

// The example Derbyshire 2008-09 plan, counted by hand: 34 actions, none rated, reporting
// 2008-Q1..Q3; deadlines before 2008-07-01 with nothing completed: 6.3.1 (2008-05-31), then
// 3.2, 3.4 and 4.1 (2008-06-30). On 2008-06-30 only 6.3.1 is overdue (not on its deadline day).
TEST_F(AuthzTest, PlanSummaryCountsOverdueActionsAndRagByQuarter) {
  TestClient board(server_->port());
  ASSERT_EQ(board.SignIn("board", kPassword).status, 201);
  const ClientResponse r = board.Request("GET", "/api/v1/plans?year=2008-09&as_at=2008-07-01");
  ASSERT_EQ(r.status, 200) << r.body;
  const nlohmann::json body = r.Json();
  EXPECT_EQ(body["as_at"], "2008-07-01");
  ASSERT_EQ(body["plans"].size(), 1u)
      << body.dump();  // the NPS 2005-06 and Essex plans: not that year
  const nlohmann::json& plan = body["plans"][0];
  EXPECT_EQ(plan["id"], "derbyshire-2008-09");
  EXPECT_EQ(plan["organisation"], "Derbyshire Probation Board");
  EXPECT_EQ(plan["overdue_count"], 4);
  std::vector<std::string> numbers;
  for (const auto& item : plan["overdue"]) numbers.push_back(item["number"]);
  EXPECT_EQ(numbers, (std::vector<std::string>{"6.3.1", "3.2", "3.4", "4.1"}));
  EXPECT_EQ(plan["overdue"][0]["deadline"], "2008-05-31");
  ASSERT_EQ(plan["rag_by_quarter"].size(), 3u);
  EXPECT_EQ(plan["rag_by_quarter"][0]["quarter"], "2008-Q1");
  EXPECT_EQ(plan["rag_by_quarter"][2]["quarter"], "2008-Q3");
  for (const auto& q : plan["rag_by_quarter"]) {
    EXPECT_EQ(q["red"], 0);
    EXPECT_EQ(q["amber"], 0);
    EXPECT_EQ(q["green"], 0);
    EXPECT_EQ(q["not_rated"], 34);
  }
  const ClientResponse day_before =
      board.Request("GET", "/api/v1/plans?year=2008-09&as_at=2008-06-30");
  EXPECT_EQ(day_before.Json()["plans"][0]["overdue_count"], 1);
  const ClientResponse all = board.Request("GET", "/api/v1/plans");
  EXPECT_EQ(all.Json()["plans"].size(), 3u);
  const ClientResponse bad = board.Request("GET", "/api/v1/plans?year=2008");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["field"], "year");
}

// The example NPS 2005-06 register, counted by hand from its residual ratings under
// reference/risk_thresholds.csv (green 1-10, amber 11-18, red 19-22, black 23-25): 23 risks,
// 4 green, 7 amber, 9 red (six M/H at 19, L/VH 20, M/VH 21, H/H 22), 3 black (2 and 5 at 24, 3
// at 25).
TEST_F(AuthzTest, RiskSummaryCountsBandsHeatMapAndRedAndBlackRisks) {
  TestClient prac(server_->port());
  ASSERT_EQ(prac.SignIn("prac", kPassword).status, 201);
  const ClientResponse r = prac.Request("GET", "/api/v1/risks");
  ASSERT_EQ(r.status, 200) << r.body;
  const nlohmann::json body = r.Json();
  ASSERT_EQ(body["registers"].size(), 2u);
  const nlohmann::json* nps = nullptr;
  for (const auto& reg : body["registers"]) {
    if (reg["id"] == "nps-2005-06") nps = &reg;
  }
  ASSERT_NE(nps, nullptr);
  EXPECT_EQ((*nps)["risks"], 23);
  EXPECT_EQ((*nps)["by_status"]["green"], 4);
  EXPECT_EQ((*nps)["by_status"]["amber"], 7);
  EXPECT_EQ((*nps)["by_status"]["red"], 9);
  EXPECT_EQ((*nps)["by_status"]["black"], 3);
  int mh = -1, cells_total = 0;
  for (const auto& cell : (*nps)["heat_map"]["cells"]) {
    cells_total += cell["count"].get<int>();
    if (cell["likelihood"] == "M" && cell["impact"] == "H") {
      mh = cell["count"];
      EXPECT_EQ(cell["score"], 19);
    }
  }
  EXPECT_EQ(mh, 6);
  EXPECT_EQ(cells_total, 23);
  const nlohmann::json& listed = (*nps)["red_and_black"];
  ASSERT_EQ(listed.size(), 12u);
  int black = 0;
  for (const auto& risk : listed) {
    black += risk["status"] == "black";
    EXPECT_GE(risk["score"].get<int>(), 19);
    EXPECT_TRUE(risk.contains("owner") && risk.contains("title") && risk.contains("last_review"));
  }
  EXPECT_EQ(black, 3);
}

TEST_F(AuthzTest, BoardMemberSeesNoCaseKeyNameOrDateOfBirth) {
  TestClient board(server_->port());
  ASSERT_EQ(board.SignIn("board", kPassword).status, 201);
  std::vector<std::pair<std::string, std::string>> responses;  // target, body
  for (const std::string& target :
       {std::string(kCard) + "&unit=" + units_->trust + "&by=team",
        std::string(kCard) + "&unit=" + units_->trust + "&by=ldu",
        std::string(kCard) + "&unit=" + units_->ldu1 + "&by=team", std::string(kCard),
        std::string(kPack) + "&unit=" + units_->trust, std::string(kPack) + "&unit=" + units_->ldu1,
        std::string("/api/v1/plans"), std::string("/api/v1/risks"), std::string("/api/v1/me"),
        // The analytics a board member may call, every breakdown.
        std::string("/api/v1/reoffending?snapshot=2009-03-31&by=trust,ldu,team,tier,offence,"
                    "gender,ethnicity&calibration=true"),
        "/api/v1/reoffending?snapshot=2010-09-30&cohort=ni30&by=team&unit=" + units_->ldu1,
        std::string("/api/v1/equality?period=FY2010&threshold=0"),
        "/api/v1/equality?period=2010-Q4&unit=" + units_->ldu1, std::string("/api/v1/forecast")}) {
    const ClientResponse r = board.Request("GET", target);
    ASSERT_EQ(r.status, 200) << target << ": " << r.body.substr(0, 300);
    responses.emplace_back(target, r.body);
  }
  // The case routes refuse a board member without a word about the case.
  for (const std::string& target :
       {"/api/v1/cases/" + units_->own_crn, "/api/v1/cases?q=" + units_->own_crn,
        "/api/v1/caseload?unit=" + units_->trust, "/api/v1/due?unit=" + units_->trust}) {
    const ClientResponse r = board.Request("GET", target);
    EXPECT_EQ(r.status, 403) << target;
    responses.emplace_back(target, r.body);
  }
  // The board pack's one inline style sheet carries the answer's CSP nonce; no script at all.
  const ClientResponse pack = board.Request("GET", std::string(kPack) + "&unit=" + units_->trust);
  const std::string csp = pack.headers.at("content-security-policy");
  const size_t at = csp.find("'nonce-", csp.find("style-src")) + 7;
  const std::string nonce = csp.substr(at, csp.find('\'', at) - at);
  EXPECT_EQ(nonce.size(), 32u);
  EXPECT_NE(pack.body.find("<style nonce=\"" + nonce + "\">"), std::string::npos);
  EXPECT_EQ(pack.body.find("<script"), std::string::npos);
  EXPECT_EQ(pack.body.find("style=\""), std::string::npos);
  EXPECT_EQ(pack.headers.at("content-type"), "text/html; charset=utf-8");
  Result<std::unique_ptr<Database>> db = OpenStore(DbPath());
  ASSERT_TRUE(db.ok());
  std::vector<std::string> forbidden;
  {
    Result<Statement> people =
        (*db)->Prepare("SELECT crn, forenames || ' ' || surname, date_of_birth FROM people");
    ASSERT_TRUE(people.ok());
    while (*people->Step()) {
      for (int c = 0; c < 3; ++c) forbidden.emplace_back(people->ColumnText(c));
    }
    Result<Statement> staff = (*db)->Prepare("SELECT forenames || ' ' || surname FROM staff");
    while (*staff->Step()) forbidden.emplace_back(staff->ColumnText(0));
  }
  ASSERT_GT(forbidden.size(), 100u);
  for (const auto& [target, body] : responses) {
    for (const std::string& word : forbidden) {
      EXPECT_EQ(body.find(word), std::string::npos) << "'" << word << "' in " << target;
    }
  }
  // No count below 5 in a board member's scorecard: shown as "fewer than 5".
  const nlohmann::json card = nlohmann::json::parse(responses[0].second);
  int suppressed = 0;
  for (const auto& unit : card["units"]) {
    for (const auto& cell : unit["measures"]) {
      for (const char* key : {"succeeded", "failed", "pending"}) {
        if (cell[key].is_number()) {
          const int n = cell[key].get<int>();
          EXPECT_TRUE(n == 0 || n >= 5) << unit["code"] << " " << cell["code"] << " " << key;
        } else {
          EXPECT_EQ(cell[key], "fewer than 5");
          ++suppressed;
        }
      }
    }
  }
  EXPECT_GT(suppressed, 0);  // teams are small: some counts were suppressed
}

// A practitioner signs in, reads their case, records a contact, sees it on the case at once and
// in the figures after the live engine's refresh (woken by the write, not a restart), and a
// stale update is refused with 409 with nothing lost; every step audited with the record key.
TEST_F(AuthzTest, PractitionerRecordsAContactAndTheFiguresFollow) {
  TestClient prac(server_->port());
  ASSERT_EQ(prac.SignIn("prac", kPassword).status, 201);
  const Units& u = *units_;
  const ClientResponse read = prac.Request("GET", "/api/v1/cases/" + u.own_crn);
  ASSERT_EQ(read.status, 200) << read.body.substr(0, 300);
  const size_t contacts_before = read.Json()["records"]["contacts"].size();
  ASSERT_GT(contacts_before, 0u);

  // PM1 (national-standard contacts arranged as the standards require) for the month of the
  // contact, for the officer: the new contact adds one success.
  const std::string month = u.latest_date.substr(0, 7);
  const std::string card = "/api/v1/scorecard?framework=nps-2005-06&period=" + month;
  auto pm1_succeeded = [&]() -> int64_t {
    const ClientResponse r = prac.Request("GET", card);
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 300);
    const nlohmann::json j = r.Json();
    for (const auto& cell : j["units"][0]["measures"]) {
      if (cell["code"] == "PM1") return cell["succeeded"].get<int64_t>();
    }
    ADD_FAILURE() << "no PM1 in " << r.body.substr(0, 300);
    return -1;
  };
  EngineHolder& engine = *service_->context().engine;
  ASSERT_TRUE(engine.Refresh().ok());  // the matrix test may have written before this one
  const uint64_t version_before = engine.Current()->version->number();
  const int64_t before = pm1_succeeded();

  engine.live().StartPolling();  // as `probation serve` runs it
  const auto written_at = std::chrono::steady_clock::now();
  const ClientResponse w =
      prac.Request("POST", "/api/v1/cases/" + u.own_crn + "/sentences/" + u.own_event + "/contacts",
                   nlohmann::json{{"contact_date", u.latest_date},
                                  {"contact_type", "OM"},
                                  {"ns_required", true},
                                  {"arranged", true},
                                  {"outcome", "ATT"},
                                  {"staff_id", u.officer1}});
  ASSERT_EQ(w.status, 201) << w.body;
  const std::string key = w.Json()["record"]["key"].get<std::string>();
  EXPECT_EQ(w.Json()["record"]["version"], 1);

  // On the case at once, read from the store.
  const nlohmann::json after_read = prac.Request("GET", "/api/v1/cases/" + u.own_crn).Json();
  ASSERT_EQ(after_read["records"]["contacts"].size(), contacts_before + 1);
  bool found = false;
  for (const auto& c : after_read["records"]["contacts"]) found |= c["key"] == key;
  EXPECT_TRUE(found) << key;

  // In the figures within a few seconds: the write woke the poller.
  int64_t after = before;
  while (after == before &&
         std::chrono::steady_clock::now() - written_at < std::chrono::seconds(20)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    after = pm1_succeeded();
  }
  EXPECT_EQ(after, before + 1);
  EXPECT_GT(engine.Current()->version->number(), version_before);
  const ClientResponse metrics = prac.Request("GET", "/metrics");
  EXPECT_NE(metrics.body.find("probation_engine_age_seconds"), std::string::npos);
  EXPECT_NE(metrics.body.find("probation_engine_refresh_seconds"), std::string::npos);

  // Optimistic concurrency: two clients read version 1; the first outcome wins, the second
  // gets 409 in the one error shape and changes nothing.
  const std::string outcome_url = "/api/v1/cases/" + u.own_crn + "/sentences/" + u.own_event +
                                  "/contacts/" + key.substr(key.rfind('/') + 1) + "/outcome";
  const ClientResponse first =
      prac.Request("PUT", outcome_url, nlohmann::json{{"version", 1}, {"outcome", "UA"}});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.Json()["record"]["version"], 2);
  const ClientResponse stale =
      prac.Request("PUT", outcome_url, nlohmann::json{{"version", 1}, {"outcome", "ATT"}});
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(stale.Json()["error"]["code"], "conflict");
  EXPECT_EQ(stale.Json()["error"]["field"], "version");
  EXPECT_TRUE(stale.Json()["error"]["message"].is_string());
  const nlohmann::json reread = prac.Request("GET", "/api/v1/cases/" + u.own_crn).Json();
  for (const auto& c : reread["records"]["contacts"]) {
    if (c["key"] == key) {
      EXPECT_EQ(c["fields"]["outcome"], "UA");
      EXPECT_EQ(c["version"], 2);
    }
  }

  // Validation: the rules refuse a value with 422 naming the field; a malformed one is a 400.
  const std::string contacts_url =
      "/api/v1/cases/" + u.own_crn + "/sentences/" + u.own_event + "/contacts";
  const ClientResponse bad_code = prac.Request("POST", contacts_url,
                                               nlohmann::json{{"contact_date", u.latest_date},
                                                              {"contact_type", "XX"},
                                                              {"ns_required", true},
                                                              {"arranged", true}});
  EXPECT_EQ(bad_code.status, 422) << bad_code.body;
  EXPECT_EQ(bad_code.Json()["error"]["field"], "contact_type");
  const ClientResponse bad_type =
      prac.Request("POST", contacts_url, nlohmann::json{{"contact_date", nlohmann::json::array()}});
  EXPECT_EQ(bad_type.status, 400);
  EXPECT_EQ(bad_type.Json()["error"]["field"], "contact_date");
  const ClientResponse no_version =
      prac.Request("PUT", outcome_url, nlohmann::json{{"outcome", "ATT"}});
  EXPECT_EQ(no_version.status, 400);
  EXPECT_EQ(no_version.Json()["error"]["field"], "version");
  const ClientResponse bad_event = prac.Request(
      "POST", "/api/v1/cases/" + u.own_crn + "/sentences/x/contacts", nlohmann::json::object());
  EXPECT_EQ(bad_event.status, 400);
  EXPECT_EQ(bad_event.Json()["error"]["field"], "event_no");

  // The due list answers from the refreshed engine, and every step is in the audit chain with
  // the record key.
  const ClientResponse due = prac.Request("GET", "/api/v1/due?limit=3");
  ASSERT_EQ(due.status, 200) << due.body.substr(0, 300);
  EXPECT_LE(due.Json()["pending"].size(), 3u);
  Result<std::unique_ptr<Database>> db = OpenStore(DbPath());
  AuditFilter filter;
  filter.record_key = key;
  Result<std::vector<AuditEntry>> entries = SearchAudit(db->get(), filter);
  ASSERT_TRUE(entries.ok());
  // The contact recorded, the outcome changed, the stale outcome refused.
  ASSERT_EQ(entries->size(), 3u);
  const std::string put_outcome =
      "PUT /api/v1/cases/{crn}/sentences/{event_no}/contacts/{number}/outcome";
  EXPECT_EQ((*entries)[0].action, "POST /api/v1/cases/{crn}/sentences/{event_no}/contacts");
  EXPECT_EQ((*entries)[0].record_type, "contacts");
  EXPECT_EQ((*entries)[0].outcome, AuditOutcome::kAllowed);
  EXPECT_EQ((*entries)[1].action, put_outcome);
  EXPECT_EQ((*entries)[1].outcome, AuditOutcome::kAllowed);
  EXPECT_EQ((*entries)[2].action, put_outcome);
  EXPECT_EQ((*entries)[2].outcome, AuditOutcome::kRefused);
  EXPECT_EQ((*entries)[2].detail, "stale version");
  // The contact the rules refused is audited as refused, against its sentence.
  filter.record_key = u.own_crn + "/" + u.own_event;
  Result<std::vector<AuditEntry>> refused = SearchAudit(db->get(), filter);
  ASSERT_TRUE(refused.ok());
  ASSERT_FALSE(refused->empty());
  EXPECT_EQ(refused->back().outcome, AuditOutcome::kRefused);
  EXPECT_EQ(refused->back().detail, "refused by the rules");
  filter.record_key = u.own_crn;
  EXPECT_GE(SearchAudit(db->get(), filter)->size(), 3u);  // the case read three times
  Result<AuditVerification> v = VerifyAuditChain(db->get());
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->intact);
}

}  // namespace
}  // namespace probation
