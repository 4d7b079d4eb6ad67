// The fixture of the upload tests (server_upload_test.cc, the API; pages_import_test.cc, the
// upload page): per test a fresh store with a performance analyst "ann" and an administrator
// "ada" (password kPassword), the service over a real socket with the routes' own body limits,
// and the extracts both upload. Derive a test's fixture and start the service in its SetUp:
//   class UploadTest : public testing::UploadServiceTest {
//     void SetUp() override { StartService("upload_test_", 64 * 1024); }
//   };
#pragma once

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "base/crypto.h"
#include "http_client.h"
#include "server/accounts.h"
#include "server/service.h"
#include "store/schema.h"

namespace probation::testing {

class UploadServiceTest : public ::testing::Test {
 protected:
  static constexpr char kPassword[] = "a long test passphrase";
  // Two people; line 3 (the header is line 1) has a date that does not exist: rejected, naming
  // the column.
  inline static const std::string kPeople =
      "crn,surname,forenames,date_of_birth,gender\n"
      "X000001,Hargreaves,Daniel,1984-02-29,M\n"
      "X000002,Begum,Amina,1990-07-01,F\n";
  inline static const std::string kPeople2 =
      "crn,surname,forenames,date_of_birth,gender\n"
      "X000003,Lee,Bo,1980-01-01,M\n"
      "X000004,Ray,Cy,1980-02-30,M\n";

  // The store in a new folder named from `prefix`, its users, and the service listening;
  // `body_limit`, when not 0, the server's limit for the routes that set none of their own.
  void StartService(const std::string& prefix, size_t body_limit = 0) {
    static int counter = 0;
    dir_ = std::filesystem::path(::testing::TempDir()) /
           (prefix + std::to_string(getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_path_ = (dir_ / "probation.db").string();
    ASSERT_TRUE(InitCrypto().ok());
    {
      Result<std::unique_ptr<Database>> db = OpenStore(db_path_);
      ASSERT_TRUE(db.ok());
      PasswordHasher hasher(1, PasswordHashCost::Minimum());
      AccountService accounts(db->get(), &hasher, &clock_, Actor{});
      ASSERT_TRUE(
          accounts.AddUser({"ann", "Ann", Role::kPerformanceAnalyst, "", ""}, kPassword).ok());
      ASSERT_TRUE(accounts.AddUser({"ada", "Ada", Role::kAdministrator, "", ""}, kPassword).ok());
    }
    ServiceOptions options;
    options.db_path = db_path_;
    options.hash_cost = PasswordHashCost::Minimum();
    options.log = [](const std::string&) {};
    Result<std::unique_ptr<Service>> service = Service::Create(options, &clock_, nullptr);
    ASSERT_TRUE(service.ok()) << service.status().ToString();
    service_ = std::move(*service);
    HttpServerOptions http;
    http.port = 0;
    http.threads = 2;
    if (body_limit > 0) http.body_limit = body_limit;
    http.body_limit_for = service_->BodyLimits();
    Result<std::unique_ptr<HttpServer>> server = HttpServer::Start(http, service_->Handler());
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
  }

  void TearDown() override {
    server_.reset();
    service_.reset();
    std::filesystem::remove_all(dir_);
  }

  // The first column of the first row `sql` gives, or "".
  std::string One(const std::string& sql) {
    Result<std::unique_ptr<Database>> db = OpenStore(db_path_);
    Result<Statement> stmt = (*db)->Prepare(sql);
    EXPECT_TRUE(stmt.ok()) << sql;
    Result<bool> row = stmt->Step();
    return row.ok() && *row ? std::string(stmt->ColumnText(0)) : std::string();
  }

  SystemClock clock_;
  std::filesystem::path dir_;
  std::string db_path_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<HttpServer> server_;
};

}  // namespace probation::testing
