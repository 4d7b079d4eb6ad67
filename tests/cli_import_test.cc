// End-to-end: the `probation import` and `info` commands as a user runs them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "run_probation.h"

namespace probation {
namespace {

namespace fs = std::filesystem;

class CliImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("cli_import_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "p.db").string();
    Write("people.csv",
          "crn,surname,forenames,date_of_birth,gender\n"
          "X000001,Hargreaves,Daniel,1984-02-29,M\n"
          "X000002,Begum,Amina,1990-07-01,F\n");
  }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  std::string P(const std::string& name) { return (dir_ / name).string(); }

  fs::path dir_;
  std::string db_;
};

TEST_F(CliImportTest, ExitStatusSaysWhatWasLoaded) {
  RunResult ok = RunProbation("import --db " + db_ + " " + P("people.csv"));
  EXPECT_EQ(ok.exit_status, 0) << ok.out;
  EXPECT_NE(ok.out.find("total"), std::string::npos);

  Write("people-2.csv",
        "crn,surname,forenames,date_of_birth,gender\n"
        "X000003,Lee,Bo,1980-01-01,M\n"
        "X000004,Ray,Cy,1980-02-30,M\n");
  RunResult some = RunProbation("import --db " + db_ + " " + P("people-2.csv"));
  EXPECT_EQ(some.exit_status, 1) << some.out;
  EXPECT_NE(some.err.find(P("people-2.csv") + ", line 3, column date_of_birth: "),
            std::string::npos)
      << some.err;
  EXPECT_TRUE(fs::exists(db_ + ".rejects.csv"));

  Write("people-3.csv", "crn,surname,forenames,date_of_birth,gender,colour\n");
  RunResult none = RunProbation("import --db " + db_ + " " + P("people-3.csv"));
  EXPECT_EQ(none.exit_status, 2) << none.out;
  EXPECT_NE(none.err.find("nothing was loaded"), std::string::npos) << none.err;

  RunResult info = RunProbation("info --db " + db_);
  EXPECT_EQ(info.exit_status, 0) << info.out;
  EXPECT_NE(info.out.find("people"), std::string::npos);
  // Three people loaded (X000004 was rejected); dates of birth are not activity dates.
  EXPECT_NE(info.out.find("people                            3"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("data from - to -"), std::string::npos) << info.out;
}

TEST_F(CliImportTest, UnknownOptionIsAnError) {
  RunResult r = RunProbation("import --bogus");
  EXPECT_EQ(r.exit_status, 2);
}

}  // namespace
}  // namespace probation
