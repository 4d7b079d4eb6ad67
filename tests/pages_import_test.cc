// The performance analyst's upload page over a real socket: the form (multipart, several
// files, all or nothing, the CSRF token as a form field), the figures per file worked by hand
// (read, accepted, rejected, totals), the rejected row with its file, line and field, the
// rejection report as a CSV download (a data: link), all-or-nothing leaving the store as it
// was, errors in the design system's summary, only the analyst (403 audited), and the upload
// audited as the API's is.
#include <gtest/gtest.h>

#include <sodium.h>
#include <unistd.h>

#include <filesystem>
#include <regex>

#include "base/crypto.h"
#include "http_client.h"
#include "multipart_body.h"
#include "server/accounts.h"
#include "server/service.h"
#include "store/audit_log.h"
#include "store/schema.h"
#include "upload_service.h"

namespace probation {
namespace {

namespace fs = std::filesystem;
using testing::ClientResponse;
using testing::FormPart;
using testing::kMultipartType;
using testing::MultipartBody;
using testing::TestClient;

class ImportPagesTest : public testing::UploadServiceTest {
 protected:
  void SetUp() override { StartService("pages_import_test_"); }

  // Signs in through the sign-in form (so the client sends no CSRF header: the page's form
  // field is the token) and returns the upload page's token.
  std::string SignIn(TestClient& client, const std::string& user) {
    EXPECT_EQ(client.PostForm("/sign-in", {{"username", user}, {"password", kPassword}}).status,
              303);
    const ClientResponse page = client.Request("GET", "/account/password");
    std::smatch m;
    const std::regex token(R"re(name="csrf_token" value="([0-9a-f]+)")re");
    return std::regex_search(page.body, m, token) ? m[1].str() : std::string();
  }
};

// The CSV behind the page's data: link.
std::string ReportFromLink(const std::string& html) {
  std::smatch m;
  const std::regex link(
      R"re(href="data:text/csv;charset=utf-8;base64,([A-Za-z0-9+/=]+)" download="rejections.csv")re");
  if (!std::regex_search(html, m, link)) return {};
  const std::string b64 = m[1].str();
  std::string out(b64.size(), '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(),
                        b64.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return {};
  }
  out.resize(length);
  return out;
}

TEST_F(ImportPagesTest, TheFormIsTheAnalystsOnly) {
  TestClient ann(server_->port());
  SignIn(ann, "ann");
  const ClientResponse form = ann.Request("GET", "/imports/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("action=\"/imports\" enctype=\"multipart/form-data\""),
            std::string::npos);
  EXPECT_NE(form.body.find("name=\"files\" type=\"file\" multiple"), std::string::npos);
  EXPECT_NE(form.body.find("name=\"all_or_nothing\" type=\"checkbox\""), std::string::npos);
  EXPECT_NE(form.body.find("aria-current=\"page\">Upload extracts</a>"), std::string::npos);
  TestClient ada(server_->port());
  const std::string token = SignIn(ada, "ada");
  EXPECT_EQ(ada.Request("GET", "/imports/new").status, 403);
  const ClientResponse refused =
      ada.Send("POST", "/imports", kMultipartType,
               MultipartBody({{"csrf_token", "", token}, {"files", "people.csv", kPeople}}));
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(One("SELECT count(*) FROM people"), "0");
  EXPECT_EQ(One("SELECT count(*) FROM audit_log WHERE username = 'ada' AND action = "
                "'POST /imports' AND outcome = 'refused'"),
            "1");
}

TEST_F(ImportPagesTest, UploadShowsTheFiguresPerFileAndTheRejectedLine) {
  TestClient ann(server_->port());
  const std::string token = SignIn(ann, "ann");
  // Without the token: refused, nothing loaded.
  EXPECT_EQ(ann.Send("POST", "/imports", kMultipartType,
                     MultipartBody({{"files", "people.csv", kPeople}}))
                .status,
            403);
  EXPECT_EQ(One("SELECT count(*) FROM people"), "0");
  const ClientResponse r = ann.Send("POST", "/imports", kMultipartType,
                                    MultipartBody({{"csrf_token", "", token},
                                                   {"files", "people.csv", kPeople},
                                                   {"files", "people-2.csv", kPeople2}}));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("<h1 class=\"govuk-heading-l\">Extracts loaded</h1>"), std::string::npos);
  // By hand: people.csv 2 read, 2 accepted; people-2.csv 2 read, 1 accepted, 1 rejected.
  const auto row = [](const std::string& file, const std::string& type,
                      const std::vector<std::string>& figures) {
    std::string re = "<th scope=\"row\" class=\"govuk-table__header\">" + file +
                     "</th>\\s*<td class=\"govuk-table__cell\">" + type + "</td>";
    for (const std::string& f : figures) {
      re += "\\s*<td class=\"govuk-table__cell govuk-table__cell--numeric\">" + f + "</td>";
    }
    return std::regex(re);
  };
  EXPECT_TRUE(std::regex_search(r.body, row("people\\.csv", "people", {"2", "2", "0", "2"})));
  EXPECT_TRUE(std::regex_search(r.body, row("people-2\\.csv", "people", {"2", "1", "1", "1"})));
  EXPECT_TRUE(std::regex_search(r.body, row("All files", "", {"4", "3", "1"})));
  // The rejected row: its file, line 3 and the column.
  const std::regex rejected(
      "<td class=\"govuk-table__cell\">people-2\\.csv</td>\\s*<td class=\"govuk-table__cell\">3</"
      "td>\\s*<td class=\"govuk-table__cell\">date_of_birth</td>\\s*<td "
      "class=\"govuk-table__cell\">1980-02-30</td>");
  EXPECT_TRUE(std::regex_search(r.body, rejected)) << r.body;
  // The whole report as a download: the uploaded name, never a temporary path.
  const std::string report = ReportFromLink(r.body);
  EXPECT_EQ(report.rfind("file,line,last_line,column,value,reason\n", 0), 0u) << report;
  EXPECT_NE(report.find("people-2.csv,3,3,date_of_birth,1980-02-30,"), std::string::npos) << report;
  EXPECT_EQ(report.find("/tmp"), std::string::npos);
  // In the store: three people, not the rejected one; the upload audited with its figures.
  EXPECT_EQ(One("SELECT count(*) FROM people"), "3");
  EXPECT_EQ(One("SELECT count(*) FROM people WHERE crn = 'X000004'"), "0");
  EXPECT_EQ(One("SELECT detail FROM audit_log WHERE username = 'ann' AND action = "
                "'POST /imports' AND outcome = 'allowed'"),
            "read 4, accepted 3, rejected 1, committed");
}

TEST_F(ImportPagesTest, AllOrNothingLoadsNothingAndErrorsAreInTheSummary) {
  TestClient ann(server_->port());
  const std::string token = SignIn(ann, "ann");
  const ClientResponse none = ann.Send("POST", "/imports", kMultipartType,
                                       MultipartBody({{"csrf_token", "", token},
                                                      {"all_or_nothing", "", "true"},
                                                      {"files", "people.csv", kPeople},
                                                      {"files", "people-2.csv", kPeople2}}));
  ASSERT_EQ(none.status, 200);
  EXPECT_NE(none.body.find("Nothing was loaded"), std::string::npos);
  EXPECT_NE(none.body.find("you chose all or nothing"), std::string::npos);
  EXPECT_EQ(One("SELECT count(*) FROM people"), "0");
  // No file chosen: the error summary links to the file input; the option stays ticked.
  const ClientResponse empty =
      ann.Send("POST", "/imports", kMultipartType,
               MultipartBody({{"csrf_token", "", token}, {"all_or_nothing", "", "true"}}));
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(empty.body.find("There is a problem"), std::string::npos);
  EXPECT_NE(empty.body.find("href=\"#files\""), std::string::npos);
  EXPECT_NE(empty.body.find("id=\"files-error\""), std::string::npos);
  EXPECT_NE(empty.body.find("type=\"checkbox\" value=\"true\" "
                            "aria-describedby=\"all_or_nothing-hint\" checked"),
            std::string::npos);
  // A file named for no record type: refused by the importer, named, nothing loaded.
  const ClientResponse unknown =
      ann.Send("POST", "/imports", kMultipartType,
               MultipartBody({{"csrf_token", "", token}, {"files", "nonsense.csv", kPeople}}));
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("nonsense.csv"), std::string::npos) << unknown.body;
  EXPECT_EQ(One("SELECT count(*) FROM people"), "0");
}

}  // namespace
}  // namespace probation
