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
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>
#include <tuple>

#include "base/calendar.h"
#include "base/crypto.h"
#include "base/csv.h"
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
      // plan and risk pages: read by everyone but the administrator; progress recorded by the
      // action's lead (prac, mgr: none of the example plans' leads is theirs: refused) or an
      // analyst (allowed: the empty form is then 400, naming the field); reviews by the risk's
      // owner (mgr owns none) or an analyst; never by a Board member or administrator
      {"prac", "GET", "/plans", "/plans", "-", 200},
      {"mgr", "GET", "/plans/{plan}", "/plans/derbyshire-2008-09", "-", 200},
      {"analyst", "GET", "/plans/{plan}/items/{number}", "/plans/derbyshire-2008-09/items/6.4.1",
       "-", 200},
      {"board", "GET", "/plans", "/plans", "-", 200},
      {"board", "GET", "/plans/{plan}/items/{number}", "/plans/derbyshire-2008-09/items/6.4.1",
       "-", 200},
      {"admin", "GET", "/plans", "/plans", "-", 403},
      {"admin", "GET", "/plans/{plan}", "/plans/derbyshire-2008-09", "-", 403},
      {"admin", "GET", "/plans/{plan}/items/{number}", "/plans/derbyshire-2008-09/items/6.4.1",
       "-", 403},
      {"prac", "POST", "/plans/{plan}/items/{number}", "/plans/derbyshire-2008-09/items/6.4.1",
       "out", 403},
      {"mgr", "POST", "/plans/{plan}/items/{number}", "/plans/derbyshire-2008-09/items/6.4.1",
       "out", 403},
      {"analyst", "POST", "/plans/{plan}/items/{number}", "/plans/derbyshire-2008-09/items/6.4.1",
       "in", 400},
      {"board", "POST", "/plans/{plan}/items/{number}", "/plans/derbyshire-2008-09/items/6.4.1",
       "-", 403},
      {"admin", "POST", "/plans/{plan}/items/{number}", "/plans/derbyshire-2008-09/items/6.4.1",
       "-", 403},
      {"prac", "GET", "/risks", "/risks", "-", 200},
      {"mgr", "GET", "/risks/{register}/{reference}", "/risks/nps-2005-06/7", "-", 200},
      {"board", "GET", "/risks", "/risks", "-", 200},
      {"board", "GET", "/risks/{register}/{reference}", "/risks/nps-2005-06/7", "-", 200},
      {"admin", "GET", "/risks", "/risks", "-", 403},
      {"admin", "GET", "/risks/{register}/{reference}", "/risks/nps-2005-06/7", "-", 403},
      {"prac", "POST", "/risks/{register}/{reference}", "/risks/derbyshire-2008-09/1.1", "-", 403},
      {"mgr", "POST", "/risks/{register}/{reference}", "/risks/derbyshire-2008-09/1.1", "out",
       403},
      {"analyst", "POST", "/risks/{register}/{reference}", "/risks/derbyshire-2008-09/1.1", "in",
       400},
      {"board", "POST", "/risks/{register}/{reference}", "/risks/derbyshire-2008-09/1.1", "-",
       403},
      {"admin", "POST", "/risks/{register}/{reference}", "/risks/derbyshire-2008-09/1.1", "-",
       403},
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
  // The API's uploads and downloads (issue 12, second round). The import upload: the
  // performance analyst only, refused on the role before the body is read (the analyst gets
  // past the role and the JSON body is refused with 415; the allowed upload is in
  // tests/server_upload_test.cc). The downloads: as their JSON twins allow.
  const std::string imports = "/api/v1/imports";
  const std::vector<MatrixRow> api_rows = {
      {"prac", "POST", imports, imports, "-", 403, "{}"},
      {"mgr", "POST", imports, imports, "-", 403, "{}"},
      {"board", "POST", imports, imports, "-", 403, "{}"},
      {"admin", "POST", imports, imports, "-", 403, "{}"},
      {"analyst", "POST", imports, imports, "-", 415, "{}"},
      {"prac", "GET", "/api/v1/scorecard", card + "&unit={own}&format=csv", "in", 200},
      {"prac", "GET", "/api/v1/scorecard", card + "&unit={other}&format=xlsx", "out", 403},
      {"mgr", "GET", "/api/v1/scorecard", card + "&unit={ldu1}&by=team&format=xlsx", "in", 200},
      {"mgr", "GET", "/api/v1/scorecard", card + "&unit={ldu2}&format=csv", "out", 403},
      {"analyst", "GET", "/api/v1/scorecard", card + "&unit={trust}&by=ldu&format=xlsx", "in", 200},
      {"analyst", "GET", "/api/v1/scorecard", card + "&unit=national&format=csv", "out", 403},
      {"board", "GET", "/api/v1/scorecard", card + "&unit={trust}&by=team&format=csv", "in", 200},
      {"board", "GET", "/api/v1/scorecard", card + "&unit={trust}&by=team&format=xlsx", "in", 200},
      {"board", "GET", "/api/v1/scorecard", card + "&unit={team1}&by=officer&format=csv", "in",
       403},
      {"admin", "GET", "/api/v1/scorecard", card + "&unit={trust}&format=csv", "in", 403},
      {"prac", "GET", "/api/v1/exceptions", exc + "&unit={own}&format=csv", "in", 200},
      {"prac", "GET", "/api/v1/exceptions", exc + "&unit={other}&format=csv", "out", 403},
      {"mgr", "GET", "/api/v1/exceptions", exc + "&unit={team1}&format=csv", "in", 200},
      {"mgr", "GET", "/api/v1/exceptions", exc + "&unit={ldu2}&format=csv", "out", 403},
      {"analyst", "GET", "/api/v1/exceptions", exc + "&unit={ldu2}&format=csv", "in", 200},
      {"board", "GET", "/api/v1/exceptions", exc + "&unit={trust}&format=csv", "in", 403},
      {"admin", "GET", "/api/v1/exceptions", exc + "&unit={trust}&format=csv", "in", 403},
      {"prac", "GET", "/api/v1/boardpack", pack + "&unit={team1}&format=xlsx", "in", 403},
      {"mgr", "GET", "/api/v1/boardpack", pack + "&unit={ldu1}&format=xlsx", "in", 200},
      {"mgr", "GET", "/api/v1/boardpack", pack + "&unit={ldu2}&format=xlsx", "out", 403},
      {"analyst", "GET", "/api/v1/boardpack", pack + "&unit={trust}&format=xlsx", "in", 200},
      {"board", "GET", "/api/v1/boardpack", pack + "&unit={trust}&format=xlsx", "in", 200},
      {"board", "GET", "/api/v1/boardpack", pack + "&unit=national&format=xlsx", "out", 403},
      {"admin", "GET", "/api/v1/boardpack", pack + "&unit={trust}&format=xlsx", "in", 403},
  };
  rows.insert(rows.end(), api_rows.begin(), api_rows.end());
  // The offender manager's pages (issue 13): read as the case routes (own / in scope / the
  // trust / never / never); the forms as the writes (own current cases / in scope / never).
  // A form posted empty out of scope is refused before anything is read.
  {
    const std::string form_sentence = "/cases/{crn}/sentences/{event_no}";
    const std::vector<std::pair<std::string, std::string>> forms = {
        {"/contacts/new", "/contacts"},
        {"/contacts/{number}/outcome", "/contacts/{number}/outcome"},
        {"/breaches/new", "/breaches"},
        {"/assessments/{number}/dates", "/assessments/{number}/dates"},
    };
    const std::vector<MatrixRow> page_rows = {
        {"prac", "GET", "/caseload", "/caseload", "in", 200},
        {"prac", "GET", "/caseload", "/caseload?unit={other}", "out", 403},
        {"mgr", "GET", "/caseload", "/caseload?unit={team1}", "in", 200},
        {"mgr", "GET", "/caseload", "/caseload?unit={ldu2}", "out", 403},
        {"analyst", "GET", "/caseload", "/caseload?unit={ldu2}", "in", 200},
        {"board", "GET", "/caseload", "/caseload?unit={trust}", "in", 403},
        {"admin", "GET", "/caseload", "/caseload", "in", 403},
        {"prac", "GET", "/due", "/due", "in", 200},
        {"prac", "GET", "/due", "/due?unit={team1}", "out", 403},
        {"mgr", "GET", "/due", "/due?unit={own}", "in", 200},
        {"mgr", "GET", "/due", "/due?unit={other}", "out", 403},
        {"analyst", "GET", "/due", "/due?unit={ldu2}", "in", 200},
        {"board", "GET", "/due", "/due?unit={trust}", "in", 403},
        {"admin", "GET", "/due", "/due", "in", 403},
        {"prac", "GET", "/cases", "/cases?q={own_crn}", "in", 200},
        {"mgr", "GET", "/cases", "/cases?q={own_crn}", "in", 200},
        {"analyst", "GET", "/cases", "/cases?q={other_crn}", "in", 200},
        {"board", "GET", "/cases", "/cases?q={own_crn}", "in", 403},
        {"admin", "GET", "/cases", "/cases?q={own_crn}", "in", 403},
        {"prac", "GET", "/cases/{crn}", "/cases/{own_crn}", "in", 200},
        {"prac", "GET", "/cases/{crn}", "/cases/{other_crn}", "out", 403},
        {"prac", "GET", "/cases/{crn}", "/cases/Z999999", "out", 403},
        {"mgr", "GET", "/cases/{crn}", "/cases/{own_crn}", "in", 200},
        {"mgr", "GET", "/cases/{crn}", "/cases/{other_crn}", "out", 403},
        {"analyst", "GET", "/cases/{crn}", "/cases/{other_crn}", "in", 200},
        {"board", "GET", "/cases/{crn}", "/cases/{own_crn}", "in", 403},
        {"admin", "GET", "/cases/{crn}", "/cases/{own_crn}", "in", 403},
    };
    rows.insert(rows.end(), page_rows.begin(), page_rows.end());
    auto target = [](std::string tail, const std::string& number) {
      if (const size_t at = tail.find("{number}"); at != std::string::npos) {
        tail.replace(at, 8, number);
      }
      return tail;
    };
    const std::string own = "/cases/{own_case}", other = "/cases/{other_case}";
    for (const auto& [show, post] : forms) {
      const std::string show_pattern = form_sentence + show, post_pattern = form_sentence + post;
      // (An assessment's form in scope is in tests/pages_practitioner_test.cc: the sentence
      // here may have none.)
      if (show.find("assessments") == std::string::npos) {
        for (const char* user : {"prac", "mgr"}) {
          rows.push_back({user, "GET", show_pattern, own + target(show, "{own_contact}"), "in", 200});
        }
      }
      for (const char* user : {"prac", "mgr"}) {
        rows.push_back({user, "GET", show_pattern, other + target(show, "1"), "out", 403});
        rows.push_back({user, "POST", post_pattern, other + target(post, "1"), "out", 403});
      }
      for (const char* user : {"analyst", "board", "admin"}) {
        rows.push_back({user, "GET", show_pattern, own + target(show, "1"), "in", 403});
        rows.push_back({user, "POST", post_pattern, own + target(post, "1"), "in", 403});
      }
    }
  }
  // The new-assessment form on a case (issue 13 follow-up): as the writes (own current cases /
  // cases in scope / never / never / never); refused before anything is read.
  {
    const std::string show = "/cases/{crn}/assessments/new", post = "/cases/{crn}/assessments";
    for (const char* user : {"prac", "mgr"}) {
      rows.push_back({user, "GET", show, "/cases/{own_crn}/assessments/new", "in", 200});
      rows.push_back({user, "GET", show, "/cases/{other_crn}/assessments/new", "out", 403});
      rows.push_back({user, "GET", show, "/cases/Z999999/assessments/new", "out", 403});
      rows.push_back({user, "POST", post, "/cases/{other_crn}/assessments", "out", 403});
    }
    for (const char* user : {"analyst", "board", "admin"}) {
      rows.push_back({user, "GET", show, "/cases/{own_crn}/assessments/new", "in", 403});
      rows.push_back({user, "POST", post, "/cases/{own_crn}/assessments", "in", 403});
    }
  }
  // The administrator's pages (issue 13), LAST in the table: they disable and enable "board",
  // which ends its session. The administrator only. A change answers 303 to the
  // user's page; a form posted empty is a 400 naming the fields (it got past the role check).
  // Disable and enable are made to "board" (whose session is not used after this table); a
  // password reset to a user who does not exist (404: past the role check, nothing changed).
  for (const char* user : {"prac", "mgr", "analyst", "board", "admin"}) {
    const bool admin = std::string(user) == "admin";
    const auto page = [&](const char* method, const char* pattern, std::string target,
                          int allowed) {
      rows.push_back({user, method, pattern, std::move(target), "-", admin ? allowed : 403});
    };
    page("GET", "/admin/users", "/admin/users", 200);
    page("GET", "/admin/new-user", "/admin/new-user", 200);
    page("POST", "/admin/users", "/admin/users", 400);
    page("GET", "/admin/users/{username}", "/admin/users/board", 200);
    page("POST", "/admin/users/{username}/unlock", "/admin/users/board/unlock", 303);
    page("POST", "/admin/users/{username}/disable", "/admin/users/board/disable", 303);
    page("POST", "/admin/users/{username}/enable", "/admin/users/board/enable", 303);
    page("POST", "/admin/users/{username}/role", "/admin/users/board/role", 400);
    page("POST", "/admin/users/{username}/password", "/admin/users/nobody/password", 404);
    page("GET", "/admin/audit", "/admin/audit?crn={own_crn}&outcome=allowed", 200);
    page("GET", "/admin/audit/verify", "/admin/audit/verify", 200);
    // The analyst's upload page; the form posted without a body is refused as no multipart
    // (415) once past the role (the upload itself: tests/pages_import_test.cc).
    const bool analyst = std::string(user) == "analyst";
    rows.push_back({user, "GET", "/imports/new", "/imports/new", "-", analyst ? 200 : 403});
    rows.push_back({user, "POST", "/imports", "/imports", "-", analyst ? 415 : 403});
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
  // The contact recorded, the outcome changed, the stale outcome refused, the outcome without
  // a version refused as malformed.
  ASSERT_EQ(entries->size(), 4u);
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
  EXPECT_EQ((*entries)[3].action, put_outcome);
  EXPECT_EQ((*entries)[3].outcome, AuditOutcome::kRefused);
  EXPECT_EQ((*entries)[3].detail, "malformed request (400 invalid_argument, field version)");
  // The contact the rules refused is audited as refused, against its sentence.
  filter.record_key = u.own_crn + "/" + u.own_event;
  Result<std::vector<AuditEntry>> refused = SearchAudit(db->get(), filter);
  ASSERT_TRUE(refused.ok());
  ASSERT_GE(refused->size(), 2u);
  // The contact the rules refused, then the one with a malformed date.
  EXPECT_EQ((*refused)[refused->size() - 2].outcome, AuditOutcome::kRefused);
  EXPECT_EQ((*refused)[refused->size() - 2].detail, "refused by the rules");
  EXPECT_EQ(refused->back().outcome, AuditOutcome::kRefused);
  EXPECT_EQ(refused->back().detail, "malformed request (400 invalid_argument, field contact_date)");
  filter.record_key = u.own_crn;
  EXPECT_GE(SearchAudit(db->get(), filter)->size(), 3u);  // the case read three times
  Result<AuditVerification> v = VerifyAuditChain(db->get());
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->intact);
}

// The downloads (issue 12, second round): every format an attachment with its file name, the
// same figures as the JSON, and a board member's board pack (HTML and .xlsx) and scorecard
// (CSV and .xlsx) with no CRN, name or date of birth in them (the workbooks unzipped and
// read) and no count from 1 to 4 where a breakdown shows counts: "fewer than 5" instead.
class DownloadsTest : public AuthzTest {
 protected:
  // The text of every entry of the workbook `bytes` (unzip -p), which must be a zip.
  std::string Unzipped(const std::string& bytes) {
    static int counter = 0;
    EXPECT_EQ(bytes.substr(0, 2), "PK");
    const fs::path file = *dir_ / ("download_" + std::to_string(counter++) + ".xlsx");
    std::ofstream(file, std::ios::binary) << bytes;
    std::string out;
    FILE* pipe = ::popen(("unzip -p '" + file.string() + "' 2>&1").c_str(), "r");
    EXPECT_NE(pipe, nullptr);
    if (pipe == nullptr) return out;
    char buffer[65536];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    EXPECT_EQ(::pclose(pipe), 0) << "unzip failed: " << out.substr(0, 200);
    return out;
  }

  // Every CRN, person's name and date of birth, and staff member's name in the data.
  std::vector<std::string> Forbidden() {
    Result<std::unique_ptr<Database>> db = OpenStore(DbPath());
    std::vector<std::string> out;
    Result<Statement> people =
        (*db)->Prepare("SELECT crn, forenames || ' ' || surname, date_of_birth FROM people");
    while (*people->Step()) {
      for (int c = 0; c < 3; ++c) out.emplace_back(people->ColumnText(c));
    }
    Result<Statement> staff = (*db)->Prepare("SELECT forenames || ' ' || surname FROM staff");
    while (*staff->Step()) out.emplace_back(staff->ColumnText(0));
    return out;
  }

  static std::vector<std::vector<std::string>> Csv(const std::string& text) {
    CsvReader reader(text);
    std::vector<std::string_view> fields;
    std::vector<std::vector<std::string>> rows;
    while (true) {
      const Status s = reader.Next(&fields);
      EXPECT_TRUE(s.ok()) << s.message();
      if (reader.done()) break;
      rows.emplace_back(fields.begin(), fields.end());
    }
    return rows;
  }

  static int Occurrences(const std::string& text, const std::string& word) {
    int n = 0;
    for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) ++n;
    return n;
  }
};

TEST_F(DownloadsTest, AttachmentsCarryTheSameFiguresAndTheBoardMembersNoCaseKeyOrSmallCount) {
  const Units& u = *units_;
  TestClient analyst(server_->port()), board(server_->port());
  ASSERT_EQ(analyst.SignIn("analyst", kPassword).status, 201);
  ASSERT_EQ(board.SignIn("board", kPassword).status, 201);
  const std::string xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  // The scorecard as CSV: the CLI's columns, one row per unit and measure, the JSON's counts.
  const std::string card = std::string(kCard) + "&unit=" + u.trust + "&by=team";
  const ClientResponse json = analyst.Request("GET", card);
  ASSERT_EQ(json.status, 200);
  const ClientResponse csv = analyst.Request("GET", card + "&format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body.substr(0, 200);
  EXPECT_EQ(csv.headers.at("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.headers.at("content-disposition"),
            "attachment; filename=\"scorecard-nps-2005-06-2010-Q4-" + u.trust + "-by-team.csv\"");
  const std::vector<std::vector<std::string>> rows = Csv(csv.body);
  ASSERT_GT(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "framework");
  EXPECT_EQ(rows[0][8], "succeeded");
  const nlohmann::json j = json.Json();
  EXPECT_EQ(rows.size() - 1, j["units"].size() * j["units"][0]["measures"].size());
  EXPECT_EQ(rows[1][3], j["units"][0]["code"]);
  EXPECT_EQ(rows[1][5], j["units"][0]["measures"][0]["code"]);
  EXPECT_EQ(rows[1][8], std::to_string(j["units"][0]["measures"][0]["succeeded"].get<int64_t>()));
  const ClientResponse card_xlsx = analyst.Request("GET", card + "&format=xlsx");
  ASSERT_EQ(card_xlsx.status, 200);
  EXPECT_EQ(card_xlsx.headers.at("content-type"), xlsx);
  EXPECT_NE(Unzipped(card_xlsx.body).find(u.trust), std::string::npos);

  // Exceptions as CSV: as many rows as the JSON has items, with their case keys.
  const std::string exc = std::string(kExceptions) + "&unit=" + u.trust + "&status=all";
  const ClientResponse exc_json = analyst.Request("GET", exc);
  const ClientResponse exc_csv = analyst.Request("GET", exc + "&format=csv");
  ASSERT_EQ(exc_csv.status, 200);
  EXPECT_EQ(exc_csv.headers.at("content-disposition"),
            "attachment; filename=\"exceptions-nps-2005-06-PT6-2010-Q4-" + u.trust + ".csv\"");
  EXPECT_EQ(static_cast<int64_t>(Csv(exc_csv.body).size() - 1),
            exc_json.Json()["total"].get<int64_t>());
  ASSERT_FALSE(exc_json.Json()["items"].empty());
  EXPECT_NE(exc_csv.body.find(exc_json.Json()["items"][0]["record"].get<std::string>()),
            std::string::npos);
  const ClientResponse bad = analyst.Request("GET", exc + "&format=pdf");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["field"], "format");

  // The board pack as a workbook, for the analyst and for the board member.
  const std::string pack = std::string(kPack) + "&unit=" + u.trust;
  const ClientResponse analyst_pack = analyst.Request("GET", pack + "&format=xlsx");
  ASSERT_EQ(analyst_pack.status, 200);
  EXPECT_EQ(analyst_pack.headers.at("content-type"), xlsx);
  EXPECT_EQ(analyst_pack.headers.at("content-disposition"),
            "attachment; filename=\"boardpack-nps-2005-06-2010-Q4-" + u.trust + ".xlsx\"");
  const std::string analyst_sheets = Unzipped(analyst_pack.body);
  EXPECT_NE(analyst_sheets.find("Performance scorecard"), std::string::npos);
  EXPECT_NE(analyst_sheets.find("Reoffending"), std::string::npos);  // as the CLI makes it
  const ClientResponse board_pack = board.Request("GET", pack + "&format=xlsx");
  ASSERT_EQ(board_pack.status, 200);
  const std::string board_sheets = Unzipped(board_pack.body);
  const ClientResponse board_html = board.Request("GET", pack);
  const ClientResponse analyst_html = analyst.Request("GET", pack);
  ASSERT_EQ(board_html.status, 200);
  // Small counts the analyst sees are words for the board member, in both renderings.
  EXPECT_GT(Occurrences(board_html.body, "fewer than 5"),
            Occurrences(analyst_html.body, "fewer than 5"));
  EXPECT_GT(Occurrences(board_sheets, "fewer than 5"), Occurrences(analyst_sheets, "fewer than 5"));

  // The board member's scorecard downloads: counts 1-4 are words and their value is withheld.
  const ClientResponse board_csv = board.Request("GET", card + "&format=csv");
  ASSERT_EQ(board_csv.status, 200);
  int suppressed = 0;
  for (const std::vector<std::string>& row : Csv(board_csv.body)) {
    if (row[0] == "framework") continue;
    bool small = false;
    for (int c = 8; c <= 10; ++c) {
      if (row[c] == "fewer than 5") {
        small = true;
        ++suppressed;
      } else {
        const int n = std::stoi(row[c]);
        EXPECT_TRUE(n == 0 || n >= 5) << row[3] << " " << row[5] << " column " << c;
      }
    }
    if (small) {
      EXPECT_EQ(row[7], "") << row[3] << " " << row[5];
    }
  }
  EXPECT_GT(suppressed, 0);
  const ClientResponse board_card_xlsx = board.Request("GET", card + "&format=xlsx");
  ASSERT_EQ(board_card_xlsx.status, 200);
  const std::string board_card_sheets = Unzipped(board_card_xlsx.body);
  EXPECT_NE(board_card_sheets.find("fewer than 5"), std::string::npos);

  // None of them carries a CRN, a person's name or date of birth, or a staff member's name.
  const std::vector<std::string> forbidden = Forbidden();
  ASSERT_GT(forbidden.size(), 100u);
  for (const auto& [what, text] :
       {std::pair<std::string, const std::string*>{"pack.xlsx", &board_sheets},
        {"pack.html", &board_html.body},
        {"scorecard.csv", &board_csv.body},
        {"scorecard.xlsx", &board_card_sheets}}) {
    for (const std::string& word : forbidden) {
      EXPECT_EQ(text->find(word), std::string::npos) << "'" << word << "' in " << what;
    }
  }
  // Every download audited as allowed, with its format.
  Result<std::unique_ptr<Database>> db = OpenStore(DbPath());
  AuditFilter filter;
  filter.username = "board";
  filter.limit = 1000000;
  Result<std::vector<AuditEntry>> entries = SearchAudit(db->get(), filter);
  ASSERT_TRUE(entries.ok());
  int xlsx_packs = 0;
  for (const AuditEntry& e : *entries) {
    if (e.action == "GET /api/v1/boardpack" && e.outcome == AuditOutcome::kAllowed &&
        e.query.find("format=xlsx") != std::string::npos && e.unit == u.trust) {
      ++xlsx_packs;
    }
  }
  EXPECT_EQ(xlsx_packs, 1);
}

// Every list pages the same way: limit (1 to the endpoint's maximum, the default stated),
// offset (past the end: an empty page), and the total over all pages; a limit of 0, over the
// maximum or not a number, and a negative offset, are 400 naming the field.
TEST_F(AuthzTest, EveryListPagesWithLimitOffsetAndTotal) {
  struct List {
    std::string user, target, key;
    int64_t default_limit, max_limit;
  };
  const std::vector<List> lists = {
      {"analyst", std::string(kExceptions) + "&unit={trust}&status=all", "items", 100, 1000},
      {"analyst", "/api/v1/cases?q={other_crn}", "cases", 50, 500},
      {"mgr", "/api/v1/caseload?unit={ldu1}", "cases", 50, 500},
      {"board", "/api/v1/plans?as_at=2010-01-01", "plans", 50, 500},
      {"board", "/api/v1/risks", "registers", 50, 500},
      {"admin", "/api/v1/admin/users", "users", 100, 1000},
      {"admin", "/api/v1/admin/audit?user=mgr", "entries", 100, 1000},  // mgr's are above
  };
  std::map<std::string, std::unique_ptr<TestClient>> clients;
  for (const char* user : {"mgr", "analyst", "board", "admin"}) {
    clients[user] = std::make_unique<TestClient>(server_->port());
    ASSERT_EQ(clients[user]->SignIn(user, kPassword).status, 201) << user;
  }
  for (const List& list : lists) {
    TestClient& client = *clients[list.user];
    const std::string base = Fill(list.target);
    const char* join = base.find('?') == std::string::npos ? "?" : "&";
    const ClientResponse all = client.Request("GET", base);
    ASSERT_EQ(all.status, 200) << base << ": " << all.body.substr(0, 200);
    const nlohmann::json full = all.Json();
    const int64_t total = full["total"].get<int64_t>();
    EXPECT_EQ(full["limit"], list.default_limit) << base;
    EXPECT_EQ(full["offset"], 0) << base;
    EXPECT_EQ(static_cast<int64_t>(full[list.key].size()), std::min(total, list.default_limit))
        << base;
    ASSERT_GE(total, 1) << base;
    // The second entry alone.
    const nlohmann::json second = client.Request("GET", base + join + "limit=1&offset=1").Json();
    EXPECT_EQ(second["total"], total) << base;
    EXPECT_EQ(second["limit"], 1);
    if (total > 1) {
      ASSERT_EQ(second[list.key].size(), 1u) << base;
      EXPECT_EQ(second[list.key][0], full[list.key][1]) << base;
    } else {
      EXPECT_TRUE(second[list.key].empty()) << base;
    }
    // Past the end: an empty page and the same total.
    const ClientResponse past =
        client.Request("GET", base + join + "offset=" + std::to_string(total + 5));
    ASSERT_EQ(past.status, 200) << base;
    EXPECT_TRUE(past.Json()[list.key].empty()) << base;
    EXPECT_EQ(past.Json()["total"], total) << base;
    // The maximum itself is allowed.
    EXPECT_EQ(client.Request("GET", base + join + "limit=" + std::to_string(list.max_limit)).status,
              200)
        << base;
    for (const auto& [query, field] : {std::pair<std::string, std::string>{"limit=0", "limit"},
                                       {"limit=" + std::to_string(list.max_limit + 1), "limit"},
                                       {"limit=ten", "limit"},
                                       {"limit=", "limit"},
                                       {"offset=-1", "offset"},
                                       {"offset=1x", "offset"}}) {
      const ClientResponse bad = client.Request("GET", base + join + query);
      EXPECT_EQ(bad.status, 400) << base << " " << query;
      EXPECT_EQ(bad.Json()["error"]["field"], field) << base << " " << query << ": " << bad.body;
    }
  }
  // The exceptions worked by hand: items 3 and 4 of the whole list are the page at offset 3.
  TestClient& analyst = *clients["analyst"];
  const std::string exc = Fill(std::string(kExceptions) + "&unit={trust}&status=all");
  const nlohmann::json full = analyst.Request("GET", exc + "&limit=1000").Json();
  ASSERT_GE(full["items"].size(), 5u);
  const nlohmann::json page = analyst.Request("GET", exc + "&limit=2&offset=3").Json();
  ASSERT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["items"][0], full["items"][3]);
  EXPECT_EQ(page["items"][1], full["items"][4]);
  EXPECT_EQ(page["total"], full["total"]);
}

// docs/access.md: a malformed request to an audited route is audited as refused, with what it
// named (the case key in its path) and why; the server keeps serving.
TEST_F(AuthzTest, MalformedRequestsAreAuditedWithTheKeyTheyNamed) {
  const Units& u = *units_;
  TestClient prac(server_->port()), mgr(server_->port());
  ASSERT_EQ(prac.SignIn("prac", kPassword).status, 201);
  ASSERT_EQ(mgr.SignIn("mgr", kPassword).status, 201);
  const std::string contacts =
      "/api/v1/cases/" + u.own_crn + "/sentences/" + u.own_event + "/contacts";
  const ClientResponse bad_query = prac.Request("GET", "/api/v1/cases/" + u.own_crn + "?x=%zz");
  EXPECT_EQ(bad_query.status, 400);
  const ClientResponse bad_json =
      prac.Send("POST", contacts, "application/json", "{\"contact_date\":");
  EXPECT_EQ(bad_json.status, 400);
  EXPECT_EQ(bad_json.ErrorCode(), "malformed_json");
  const ClientResponse bad_type =
      prac.Send("POST", contacts, "text/plain", "contact_date=2011-01-01");
  EXPECT_EQ(bad_type.status, 415);
  const ClientResponse bad_unit = mgr.Request("GET", std::string(kCard) + "&unit=NOSUCH");
  EXPECT_EQ(bad_unit.status, 400);
  EXPECT_EQ(prac.Request("GET", "/api/v1/cases/" + u.own_crn).status, 200);  // still serving

  Result<std::unique_ptr<Database>> db = OpenStore(DbPath());
  AuditFilter filter;
  filter.username = "prac";
  filter.record_key = u.own_crn;
  Result<std::vector<AuditEntry>> by_crn = SearchAudit(db->get(), filter);
  ASSERT_TRUE(by_crn.ok());
  ASSERT_GE(by_crn->size(), 2u);
  EXPECT_EQ((*by_crn)[by_crn->size() - 2].action, "GET /api/v1/cases/{crn}");
  EXPECT_EQ((*by_crn)[by_crn->size() - 2].outcome, AuditOutcome::kRefused);
  EXPECT_EQ((*by_crn)[by_crn->size() - 2].detail, "malformed request (400 bad_request)");
  EXPECT_EQ(by_crn->back().outcome, AuditOutcome::kAllowed);
  filter.record_key = u.own_crn + "/" + u.own_event;
  Result<std::vector<AuditEntry>> by_sentence = SearchAudit(db->get(), filter);
  ASSERT_TRUE(by_sentence.ok());
  ASSERT_GE(by_sentence->size(), 2u);
  const AuditEntry& json_entry = (*by_sentence)[by_sentence->size() - 2];
  EXPECT_EQ(json_entry.action, "POST /api/v1/cases/{crn}/sentences/{event_no}/contacts");
  EXPECT_EQ(json_entry.outcome, AuditOutcome::kRefused);
  EXPECT_EQ(json_entry.detail, "malformed request (400 malformed_json)");
  EXPECT_EQ(by_sentence->back().detail, "malformed request (415 unsupported_media_type)");
  filter.username = "mgr";
  filter.record_key = "";
  Result<std::vector<AuditEntry>> by_mgr = SearchAudit(db->get(), filter);
  ASSERT_TRUE(by_mgr.ok());
  ASSERT_FALSE(by_mgr->empty());
  EXPECT_EQ(by_mgr->back().action, "GET /api/v1/scorecard");
  EXPECT_EQ(by_mgr->back().outcome, AuditOutcome::kRefused);
  EXPECT_EQ(by_mgr->back().unit, "NOSUCH");  // what it named
  EXPECT_EQ(by_mgr->back().detail, "malformed request (400 invalid_argument, field unit)");
  Result<AuditVerification> v = VerifyAuditChain(db->get());
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->intact);
}

// The board pack page's workbook is the API's: the same pack, with a board member's small
// counts shown as "fewer than 5" in both.
TEST_F(DownloadsTest, TheBoardPackPagesWorkbookIsTheApisWithSmallCountsSuppressed) {
  TestClient board(server_->port());
  ASSERT_EQ(board.SignIn("board", kPassword).status, 201);
  const std::string query = "framework=nps-2005-06&period=2010-Q4&unit=" + units_->trust;
  const ClientResponse api = board.Request("GET", "/api/v1/boardpack?" + query + "&format=xlsx");
  const ClientResponse page = board.Request("GET", "/boardpack/download?" + query);
  ASSERT_EQ(api.status, 200);
  ASSERT_EQ(page.status, 200);
  const auto count = [](const std::string& text) {
    size_t n = 0;
    for (size_t at = 0; (at = text.find("fewer than 5", at)) != std::string::npos; ++at) ++n;
    return n;
  };
  const size_t suppressed = count(Unzipped(api.body));
  EXPECT_GT(suppressed, 0u);  // the trust's breakdowns have small counts to hide
  EXPECT_EQ(count(Unzipped(page.body)), suppressed);
}

}  // namespace
}  // namespace probation
