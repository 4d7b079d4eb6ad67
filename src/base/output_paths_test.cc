#include "base/output_paths.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace probation {
namespace {

namespace fs = std::filesystem;

class OutputPathsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("output_paths_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sub");
    std::ofstream(dir_ / "a.db") << "x";
    std::ofstream(dir_ / "in.csv") << "y";
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string P(const std::string& name) { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(OutputPathsTest, SameFileByInodeOrResolvedPath) {
  EXPECT_TRUE(SameFile(P("a.db"), P("sub/../a.db")));
  fs::create_hard_link(P("a.db"), P("link.db"));
  EXPECT_TRUE(SameFile(P("a.db"), P("link.db")));
  fs::create_symlink(P("in.csv"), P("sym.csv"));
  EXPECT_TRUE(SameFile(P("sym.csv"), P("in.csv")));
  EXPECT_FALSE(SameFile(P("a.db"), P("in.csv")));
  EXPECT_TRUE(SameFile(P("new.csv"), P("sub/../new.csv")));  // neither exists yet
  EXPECT_FALSE(SameFile(P("new.csv"), P("a.db")));
}

TEST_F(OutputPathsTest, RefusesTheDatabaseAndItsFiles) {
  const std::string db = P("a.db");
  for (const std::string& bad : {db, db + "-wal", db + "-shm", db + "-journal", db + ".snapshot"}) {
    const Status s = CheckOutputPaths({{"--out", bad}}, {}, db);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_NE(s.message().find("refusing to write --out " + bad + ": it is the database"),
              std::string::npos)
        << s.message();
  }
  EXPECT_TRUE(CheckOutputPaths({{"--out", P("out.csv")}}, {}, db).ok());
  EXPECT_TRUE(CheckOutputPaths({{"--out", ""}}, {}, db).ok());
}

TEST_F(OutputPathsTest, RefusesAnInputOrAnotherOutput) {
  const Status input =
      CheckOutputPaths({{"--report", P("sub/../in.csv")}}, {{"input", P("in.csv")}}, "");
  EXPECT_EQ(input.message(), "refusing to write --report " + P("sub/../in.csv") +
                                 ": it is the input " + P("in.csv") + "; nothing was written");
  const Status twice = CheckOutputPaths({{"--out", P("x.csv")}, {"--report", P("x.csv")}}, {}, "");
  EXPECT_EQ(twice.message(), "refusing to write --report " + P("x.csv") +
                                 ": it is also the --out; nothing was written");
}

TEST_F(OutputPathsTest, TemporaryPathsAreBesideTheTargetAndDistinct) {
  const std::string a = TemporaryPathFor(P("out.csv")), b = TemporaryPathFor(P("out.csv"));
  EXPECT_NE(a, b);
  EXPECT_EQ(fs::path(a).parent_path(), dir_);
  EXPECT_EQ(a.rfind(P("out.csv") + ".partial-", 0), 0u) << a;
}

}  // namespace
}  // namespace probation
