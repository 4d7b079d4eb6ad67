// POST /api/v1/imports end to end over a real socket: a performance analyst uploads extracts
// as multipart/form-data and they are loaded exactly as `probation import` loads the same
// files (the same figures, the same rejections, an import_runs row for the live engine);
// the rejection report as JSON and as CSV with the uploaded names (never a temporary path);
// all-or-nothing; fatal files, unsafe names, malformed forms, the wrong media type; the CSRF
// token as a form field; the route's own body limit above the server's default; every upload
// audited.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "base/crypto.h"
#include "http_client.h"
#include "ingest/importer.h"
#include "multipart_body.h"
#include "server/accounts.h"
#include "server/import_upload.h"
#include "server/live_engine.h"
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

class UploadTest : public testing::UploadServiceTest {
 protected:
  void SetUp() override {
    StartService("upload_test_", 64 * 1024);  // a small default, so the upload's own limit shows
    ann_ = std::make_unique<TestClient>(server_->port());
    ASSERT_EQ(ann_->SignIn("ann", kPassword).status, 201);
  }

  void TearDown() override {
    ann_.reset();
    UploadServiceTest::TearDown();
  }

  std::vector<AuditEntry> Audited(const std::string& user) {
    Result<std::unique_ptr<Database>> db = OpenStore(db_path_);
    AuditFilter filter;
    filter.username = user;
    Result<std::vector<AuditEntry>> entries = SearchAudit(db->get(), filter);
    EXPECT_TRUE(entries.ok());
    std::vector<AuditEntry> out;
    for (AuditEntry& e : *entries) {
      if (e.action == "POST /api/v1/imports") out.push_back(std::move(e));
    }
    return out;
  }

  ClientResponse Upload(const std::vector<FormPart>& parts, const std::string& query = "") {
    return ann_->Send("POST", "/api/v1/imports" + query, kMultipartType, MultipartBody(parts));
  }

  std::unique_ptr<TestClient> ann_;
};

TEST_F(UploadTest, LoadsAsTheImporterDoesAndReportsEveryRejection) {
  int64_t runs_before = 0;
  {
    Result<std::unique_ptr<Database>> db = OpenStore(db_path_);
    runs_before = ReadDataMark(db->get())->import_run_id;
  }
  const ClientResponse r =
      Upload({{"files", "people.csv", kPeople}, {"files", "people-2.csv", kPeople2}});
  ASSERT_EQ(r.status, 200) << r.body;
  const nlohmann::json j = r.Json();
  EXPECT_EQ(j["committed"], true);
  EXPECT_EQ(j["totals"]["read"], 4);
  EXPECT_EQ(j["totals"]["accepted"], 3);
  EXPECT_EQ(j["totals"]["rejected"], 1);
  ASSERT_EQ(j["files"].size(), 2u);
  EXPECT_EQ(j["files"][0]["file"], "people.csv");
  EXPECT_EQ(j["files"][0]["record_type"], "people");
  EXPECT_EQ(j["files"][0]["read"], 2);
  EXPECT_EQ(j["files"][0]["inserted"], 2);
  EXPECT_EQ(j["files"][1]["file"], "people-2.csv");
  EXPECT_EQ(j["files"][1]["accepted"], 1);
  EXPECT_EQ(j["files"][1]["rejected"], 1);
  ASSERT_EQ(j["rejections"].size(), 1u);
  EXPECT_EQ(j["rejections"][0]["file"], "people-2.csv");
  EXPECT_EQ(j["rejections"][0]["line"], 3);
  EXPECT_EQ(j["rejections"][0]["field"], "date_of_birth");
  EXPECT_EQ(j["rejections"][0]["value"], "1980-02-30");
  EXPECT_FALSE(j["rejections"][0]["reason"].get<std::string>().empty());
  EXPECT_EQ(j["rejections_truncated"], false);
  EXPECT_EQ(r.body.find("probation-upload"), std::string::npos) << "a temporary path leaked";

  // In the store, with an import_runs row (what the live engine watches).
  EXPECT_EQ(One("SELECT count(*) FROM people"), "3");
  EXPECT_EQ(One("SELECT surname FROM people WHERE crn = 'X000003'"), "Lee");
  {
    Result<std::unique_ptr<Database>> db = OpenStore(db_path_);
    EXPECT_EQ(ReadDataMark(db->get())->import_run_id, runs_before + 1);
  }

  // The same files loaded by the importer as `probation import` runs it: the same figures and
  // the same rejection.
  fs::create_directories(dir_ / "cli");
  std::ofstream(dir_ / "cli" / "people.csv", std::ios::binary) << kPeople;
  std::ofstream(dir_ / "cli" / "people-2.csv", std::ios::binary) << kPeople2;
  Result<std::unique_ptr<Database>> other = OpenStore((dir_ / "cli.db").string());
  ASSERT_TRUE(other.ok());
  ImportOptions import;
  import.paths = {(dir_ / "cli").string()};
  Result<ImportResult> cli = Import(other->get(), import);
  ASSERT_TRUE(cli.ok());
  ASSERT_EQ(cli->files.size(), j["files"].size());
  for (const FileSummary& f : cli->files) {
    const std::string name = fs::path(f.path).filename().string();
    const nlohmann::json* uploaded = nullptr;
    for (const auto& u : j["files"]) {
      if (u["file"] == name) uploaded = &u;
    }
    ASSERT_NE(uploaded, nullptr) << name;
    EXPECT_EQ((*uploaded)["read"], f.read) << name;
    EXPECT_EQ((*uploaded)["accepted"], f.accepted) << name;
    EXPECT_EQ((*uploaded)["rejected"], f.rejected) << name;
    EXPECT_EQ((*uploaded)["lines"], f.lines) << name;
  }
  ASSERT_EQ(cli->first_rejections.size(), 1u);
  EXPECT_EQ(j["rejections"][0]["reason"], cli->first_rejections[0].reason);

  // Loading the same file again reconciles by key: unchanged, nothing inserted twice.
  const ClientResponse again = Upload({{"files", "people.csv", kPeople}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Json()["files"][0]["unchanged"], 2);
  EXPECT_EQ(One("SELECT count(*) FROM people"), "3");

  // Audited as allowed, with the files and the figures.
  const std::vector<AuditEntry> entries = Audited("ann");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].outcome, AuditOutcome::kAllowed);
  EXPECT_EQ(entries[0].record_type, "import_runs");
  EXPECT_EQ(entries[0].query, "files=people.csv,people-2.csv all_or_nothing=false");
  EXPECT_EQ(entries[0].detail, "read 4, accepted 3, rejected 1, committed");
}

TEST_F(UploadTest, RejectionReportAsCsvAndAllOrNothing) {
  const ClientResponse csv = Upload({{"files", "people-2.csv", kPeople2}}, "?rejects=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.headers.at("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.headers.at("content-disposition"), "attachment; filename=\"rejections.csv\"");
  EXPECT_EQ(csv.headers.at("x-import-committed"), "true");
  EXPECT_EQ(csv.body.substr(0, csv.body.find('\n')), "file,line,last_line,column,value,reason");
  EXPECT_EQ(csv.body.find("probation-upload"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("\npeople-2.csv,3,3,date_of_birth,1980-02-30,"), std::string::npos)
      << csv.body;

  // All or nothing (as a form field): one bad row and nothing is loaded.
  const std::string before = One("SELECT count(*) FROM people");
  const ClientResponse none = Upload({{"all_or_nothing", "", "true"},
                                      {"files", "people.csv", kPeople},
                                      {"files", "people-9.csv", kPeople2}});
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(none.Json()["committed"], false);
  EXPECT_EQ(none.Json()["all_or_nothing"], true);
  EXPECT_EQ(none.Json()["totals"]["rejected"], 1);
  EXPECT_EQ(One("SELECT count(*) FROM people"), before);
  const std::vector<AuditEntry> entries = Audited("ann");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].detail, "read 4, accepted 3, rejected 1, nothing loaded");
  const ClientResponse bad_flag =
      Upload({{"files", "people.csv", kPeople}}, "?all_or_nothing=maybe");
  EXPECT_EQ(bad_flag.status, 400);
  EXPECT_EQ(bad_flag.Json()["error"]["field"], "all_or_nothing");
}

TEST_F(UploadTest, BadFilesNamesAndFormsAreRefusedAndTheStoreIsUnchanged) {
  const std::pair<std::vector<FormPart>, std::string> cases[] = {
      {{{"files", "colours.csv", "a,b\n1,2\n"}},
       "colours.csv: the file name does not name a record type"},
      {{{"files", "people.csv", "crn,surname,colour\nX1,Lee,red\n"}}, "people.csv"},
      {{{"files", "peo ple.csv", kPeople}}, "letters, digits"},
      {{{"files", "people.txt", kPeople}}, "letters, digits"},
      {{{"files", "people.csv", kPeople}, {"other", "people.csv", kPeople}}, "uploaded twice"},
      {{{"note", "", "no file here"}}, "no file was uploaded"},
  };
  for (const auto& [parts, message] : cases) {
    const ClientResponse r = Upload(parts);
    EXPECT_EQ(r.status, 400) << message << ": " << r.body;
    EXPECT_EQ(r.Json()["error"]["field"], "files") << r.body;
    EXPECT_NE(r.Json()["error"]["message"].get<std::string>().find(message), std::string::npos)
        << r.body;
    EXPECT_EQ(r.body.find("probation-upload"), std::string::npos) << r.body;
  }
  // A path sent as a file name: only its last segment is taken, and it names no record type.
  const ClientResponse path = Upload({{"files", "../../etc/people.csv", kPeople}});
  EXPECT_EQ(path.status, 200) << path.body;
  EXPECT_EQ(path.Json()["files"][0]["file"], "people.csv");
  EXPECT_FALSE(fs::exists(dir_ / "people.csv"));
  EXPECT_EQ(One("SELECT count(*) FROM import_runs"), "1");  // only the last one loaded

  // Malformed forms and the wrong media type: 4xx, and the server keeps serving.
  const ClientResponse truncated =
      ann_->Send("POST", "/api/v1/imports", kMultipartType,
                 MultipartBody({{"files", "people.csv", kPeople}}).substr(0, 60));
  EXPECT_EQ(truncated.status, 400);
  EXPECT_EQ(truncated.ErrorCode(), "malformed_multipart");
  const ClientResponse json = ann_->Request("POST", "/api/v1/imports", nlohmann::json::object());
  EXPECT_EQ(json.status, 415);
  const ClientResponse no_boundary = ann_->Send("POST", "/api/v1/imports", "multipart/form-data",
                                                MultipartBody({{"files", "people.csv", kPeople}}));
  EXPECT_EQ(no_boundary.status, 415);
  EXPECT_EQ(ann_->Request("GET", "/api/v1/me").status, 200);
}

TEST_F(UploadTest, OnlyTheAnalystAndCsrfAsAFormField) {
  TestClient ada(server_->port());
  ASSERT_EQ(ada.SignIn("ada", kPassword).status, 201);
  const ClientResponse refused = ada.Send("POST", "/api/v1/imports", kMultipartType,
                                          MultipartBody({{"files", "people.csv", kPeople}}));
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(One("SELECT count(*) FROM people"), "0");
  ASSERT_EQ(Audited("ada").size(), 1u);
  EXPECT_EQ(Audited("ada")[0].outcome, AuditOutcome::kRefused);

  // A page's form carries the token as a field instead of the header.
  ann_->set_send_csrf(false);
  const ClientResponse no_token = Upload({{"files", "people.csv", kPeople}});
  EXPECT_EQ(no_token.status, 403);
  EXPECT_EQ(no_token.ErrorCode(), "csrf");
  const ClientResponse wrong =
      Upload({{"csrf_token", "", "0123"}, {"files", "people.csv", kPeople}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(One("SELECT count(*) FROM people"), "0");
  const ClientResponse field =
      Upload({{"csrf_token", "", ann_->csrf()}, {"files", "people.csv", kPeople}});
  EXPECT_EQ(field.status, 200) << field.body;
  EXPECT_EQ(One("SELECT count(*) FROM people"), "2");
}

TEST_F(UploadTest, TheUploadHasItsOwnBodyLimit) {
  EXPECT_EQ(service_->router().BodyLimitFor("POST", "/api/v1/imports?rejects=csv"),
            kImportBodyLimit);
  EXPECT_EQ(service_->router().BodyLimitFor("POST", "/api/v1/session"), 0u);
  EXPECT_EQ(service_->router().BodyLimitFor("GET", "/api/v1/imports"), 0u);
  // 5,000 people (about 200 KB): over the server's 64 KB default, under the upload's limit.
  std::string big = "crn,surname,forenames,date_of_birth,gender\n";
  for (int i = 0; i < 5000; ++i) {
    char crn[16];
    std::snprintf(crn, sizeof crn, "Y%06d", i);
    big += std::string(crn) + ",Surname" + std::to_string(i) + ",Forename,1980-01-01,F\n";
  }
  ASSERT_GT(big.size(), 150u * 1024);
  const ClientResponse r = Upload({{"files", "people.csv", big}});
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  EXPECT_EQ(r.Json()["files"][0]["accepted"], 5000);
  // A JSON route keeps the default.
  TestClient other(server_->port());
  const ClientResponse too_big = other.Request(
      "POST", "/api/v1/session", nlohmann::json{{"username", std::string(100 * 1024, 'a')}});
  EXPECT_EQ(too_big.status, 413);
  // Expect: 100-continue (curl sends it for large bodies) is answered, then the body read.
  const std::string form = MultipartBody({{"files", "people.csv", kPeople}});
  TestClient raw(server_->port());
  const ClientResponse cont = raw.Raw(
      "POST /api/v1/imports HTTP/1.1\r\nHost: x\r\nContent-Type: " + std::string(kMultipartType) +
      "\r\nExpect: 100-continue\r\nContent-Length: " + std::to_string(form.size()) + "\r\n\r\n");
  EXPECT_EQ(cont.status, 100);
}

}  // namespace
}  // namespace probation
