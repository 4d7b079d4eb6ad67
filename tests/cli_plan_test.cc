// End-to-end: the `probation plan` commands as a user runs them, on the shipped example plans.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "run_probation.h"

namespace probation {
namespace {

namespace fs = std::filesystem;

class CliPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("cli_plan_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "p.db").string();
  }
  static std::string Example(const std::string& name) {
    return std::string(PROBATION_SOURCE_DIR) + "/examples/plans/" + name;
  }
  std::string Read(const std::string& name) {
    std::ifstream in(dir_ / name, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(CliPlanTest, ImportShowOverdueUpdateExport) {
  const RunResult imported =
      RunProbation("plan import --db " + db_ + " " + Example("derbyshire-2008-09.toml") + " " +
                   Example("cheshire-2011-12.toml"));
  ASSERT_EQ(imported.exit_status, 0) << imported.err;
  EXPECT_NE(imported.out.find("imported derbyshire-2008-09"), std::string::npos);

  const RunResult list = RunProbation("plan list --db " + db_);
  EXPECT_EQ(list.exit_status, 0) << list.err;
  EXPECT_NE(list.out.find("cheshire-2011-12"), std::string::npos) << list.out;

  const RunResult show = RunProbation("plan show --db " + db_ + " --plan derbyshire-2008-09");
  ASSERT_EQ(show.exit_status, 0) << show.err;
  EXPECT_NE(show.out.find("6.4.1 208/09."), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("lead: Finance Mgr"), std::string::npos) << show.out;

  // 6.4.1's deadline is 2009-03-31: not overdue that day, overdue the next.
  const RunResult on_day =
      RunProbation("plan overdue --db " + db_ + " --plan derbyshire-2008-09 --as-of 2009-03-31");
  ASSERT_EQ(on_day.exit_status, 0) << on_day.err;
  EXPECT_EQ(on_day.out.find("6.4.1 "), std::string::npos) << on_day.out;
  const RunResult after =
      RunProbation("plan overdue --db " + db_ + " --plan derbyshire-2008-09 --as-of 2009-04-01");
  EXPECT_NE(after.out.find("derbyshire-2008-09 6.4.1 "), std::string::npos) << after.out;

  const RunResult red = RunProbation("plan update --db " + db_ +
                                     " --plan derbyshire-2008-09 --item 6.4.1 --quarter 2008-Q3 "
                                     "--rag R");
  EXPECT_EQ(red.exit_status, 2);
  EXPECT_NE(red.err.find("a red RAG needs --comment"), std::string::npos) << red.err;

  const RunResult update = RunProbation(
      "plan update --db " + db_ +
      " --plan derbyshire-2008-09 --item 6.4.1 --quarter 2008-Q3 --rag R --comment "
      "'Pay award not funded' --note 'Savings plan to Board' --author 'Finance Mgr' --date "
      "2008-12-05");
  ASSERT_EQ(update.exit_status, 0) << update.err;
  const RunResult shown =
      RunProbation("plan show --db " + db_ + " --plan derbyshire-2008-09 --format json");
  ASSERT_EQ(shown.exit_status, 0) << shown.err;
  EXPECT_NE(shown.out.find("\"Pay award not funded\""), std::string::npos);
  EXPECT_NE(shown.out.find("\"2008-12-05\""), std::string::npos);

  const RunResult owner =
      RunProbation("plan by-owner --db " + db_ + " --owner davidson --plan cheshire-2011-12");
  ASSERT_EQ(owner.exit_status, 0) << owner.err;
  EXPECT_NE(owner.out.find("JD ("), std::string::npos) << owner.out;

  const RunResult rag =
      RunProbation("plan rag --db " + db_ + " --plan derbyshire-2008-09 --quarter 2008-Q3");
  ASSERT_EQ(rag.exit_status, 0) << rag.err;
  EXPECT_NE(rag.out.find("derbyshire-2008-09  2008-Q3  1 0 0 "), std::string::npos) << rag.out;

  const std::string out = (dir_ / "export.toml").string();
  const RunResult exported =
      RunProbation("plan export --db " + db_ + " --plan derbyshire-2008-09 --out " + out);
  ASSERT_EQ(exported.exit_status, 0) << exported.err;
  const std::string text = Read("export.toml");
  EXPECT_NE(text.find("comment = \"Pay award not funded\""), std::string::npos);
  // The export imports again, into a fresh store, and shows the same.
  const std::string db2 = (dir_ / "q.db").string();
  ASSERT_EQ(RunProbation("plan import --db " + db2 + " " + out).exit_status, 0);
  const RunResult shown2 =
      RunProbation("plan show --db " + db2 + " --plan derbyshire-2008-09 --format json");
  EXPECT_EQ(shown2.out, shown.out);
}

TEST_F(CliPlanTest, BadFileImportsNothing) {
  std::ofstream(dir_ / "bad.toml") << "id = \"bad\"\norganisation = \"X\"\ntitle = \"T\"\n"
                                      "kind = \"business-plan\"\nstart = 2008-04-01\n"
                                      "end = 2009-03-31\n\n[[items]]\nnumber = \"1\"\n"
                                      "kind = \"action\"\ntitle = \"A\"\ndeadlin = 2008-05-01\n";
  const std::string bad = (dir_ / "bad.toml").string();
  const RunResult run =
      RunProbation("plan import --db " + db_ + " " + Example("nps-2005-06.toml") + " " + bad);
  EXPECT_EQ(run.exit_status, 2);
  EXPECT_NE(run.err.find(bad + ", line 12, column 1: unknown key 'deadlin' in [[items]]; did you "
                               "mean 'deadline'?"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("nothing was imported"), std::string::npos);
  const RunResult list = RunProbation("plan list --db " + db_);
  EXPECT_EQ(list.out, "");
}

}  // namespace
}  // namespace probation
