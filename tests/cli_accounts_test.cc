// `probation users`, `probation tokens` and `probation audit` as a user runs them: a generated
// password printed once, a password from standard input checked against the policy, a role's
// required tie, tokens printed once, and `audit verify` exiting 1 and naming the entry when a
// row was changed behind the triggers' back.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "run_probation.h"
#include "store/schema.h"

namespace probation {
namespace {

namespace fs = std::filesystem;

class CliAccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("cli_accounts_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "p.db").string();
    ASSERT_TRUE(OpenStore(db_).ok());
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string WriteFile(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(CliAccountsTest, UsersTokensAndAudit) {
  const RunResult added = RunProbation("users add --db " + db_ + " root --role administrator");
  ASSERT_EQ(added.exit_status, 0) << added.err;
  EXPECT_NE(added.out.find("password: "), std::string::npos);
  const RunResult weak = RunProbation("users add --db " + db_ +
                                      " ann --role performance-analyst --password-stdin < " +
                                      WriteFile("weak", "Password2024!\n"));
  EXPECT_EQ(weak.exit_status, 2);
  EXPECT_NE(weak.err.find("most common passwords"), std::string::npos) << weak.err;
  const RunResult good = RunProbation("users add --db " + db_ +
                                      " ann --role performance-analyst --password-stdin < " +
                                      WriteFile("good", "violet kettle moorland\n"));
  EXPECT_EQ(good.exit_status, 0) << good.err;
  EXPECT_EQ(good.out.find("password: "), std::string::npos);  // nothing to show
  const RunResult untied = RunProbation("users add --db " + db_ + " mo --role manager");
  EXPECT_EQ(untied.exit_status, 2);
  EXPECT_NE(untied.err.find("--unit"), std::string::npos);
  const RunResult unknown_unit =
      RunProbation("users add --db " + db_ + " mo --role manager --unit N99");
  EXPECT_EQ(unknown_unit.exit_status, 2);
  EXPECT_NE(unknown_unit.err.find("no organisation unit N99"), std::string::npos);
  const RunResult list = RunProbation("users list --db " + db_);
  EXPECT_NE(list.out.find("ann"), std::string::npos);
  EXPECT_NE(list.out.find("performance-analyst"), std::string::npos);
  EXPECT_EQ(RunProbation("users disable --db " + db_ + " ann").exit_status, 0);
  EXPECT_NE(RunProbation("users list --db " + db_).out.find("disabled"), std::string::npos);
  const RunResult token = RunProbation("tokens create --db " + db_ + " --user ann --days 7");
  ASSERT_EQ(token.exit_status, 0) << token.err;
  EXPECT_NE(token.out.find("pbt_"), std::string::npos);
  EXPECT_EQ(RunProbation("tokens revoke --db " + db_ + " --id 1").exit_status, 0);
  EXPECT_NE(RunProbation("tokens list --db " + db_).out.find("revoked"), std::string::npos);

  const RunResult intact = RunProbation("audit verify --db " + db_);
  EXPECT_EQ(intact.exit_status, 0) << intact.err;
  EXPECT_NE(intact.out.find("intact: 5 entries"), std::string::npos) << intact.out;
  const RunResult about_ann = RunProbation("audit list --db " + db_ + " --crn ann");
  EXPECT_NE(about_ann.out.find("users disable"), std::string::npos) << about_ann.out;
  {
    Result<std::unique_ptr<Database>> db = OpenStore(db_);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Execute("DROP TRIGGER audit_log_no_update").ok());
    ASSERT_TRUE((*db)->Execute("UPDATE audit_log SET detail = 'nothing' WHERE seq = 3").ok());
  }
  const RunResult broken = RunProbation("audit verify --db " + db_);
  EXPECT_EQ(broken.exit_status, 1);
  EXPECT_NE(broken.out.find("BROKEN at entry 3"), std::string::npos) << broken.out;
}

}  // namespace
}  // namespace probation
