// End-to-end: `probation snapshot` writes the image beside the database, the measure commands
// give byte-identical output with and without it, and after another import they ignore the
// stale image with a notice and still give the database's answer.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "run_probation.h"

namespace probation {
namespace {

namespace fs = std::filesystem;

class CliSnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("cli_snapshot_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "golden.db").string();
    image_ = db_ + ".snapshot";
    const RunResult load = RunProbation("import --db " + db_ + " " + kGolden + "_base " + kGolden +
                                        "nps-PT6-breach-within-10-working-days");
    ASSERT_EQ(load.exit_status, 0) << load.out << load.err;
  }
  void TearDown() override { fs::remove_all(dir_); }

  RunResult Scorecard(const std::string& format) {
    return RunProbation("scorecard --db " + db_ +
                        " --framework nps-2005-06 --period 2011-Q1 --by team --format " + format);
  }
  RunResult Exceptions() {
    return RunProbation("exceptions --db " + db_ +
                        " --framework nps-2005-06 --measure PT6 --period 2011-Q1 --status all "
                        "--format csv");
  }

  const std::string kGolden = std::string(PROBATION_SOURCE_DIR) + "/tests/golden/";
  fs::path dir_;
  std::string db_, image_;
};

TEST_F(CliSnapshotTest, ScorecardIsTheSameWithAndWithoutTheImage) {
  const RunResult text = Scorecard("text"), json = Scorecard("json"), exceptions = Exceptions();
  ASSERT_EQ(text.exit_status, 0) << text.err;
  ASSERT_EQ(json.exit_status, 0) << json.err;
  ASSERT_EQ(exceptions.exit_status, 0) << exceptions.err;
  EXPECT_EQ(text.err, "");

  const RunResult written = RunProbation("snapshot --db " + db_);
  ASSERT_EQ(written.exit_status, 0) << written.err;
  EXPECT_TRUE(fs::exists(image_));
  EXPECT_FALSE(fs::exists(image_ + ".partial"));
  EXPECT_NE(written.out.find("snapshot: "), std::string::npos) << written.out;
  EXPECT_NE(written.out.find(" rows read from " + db_), std::string::npos) << written.out;
  EXPECT_NE(written.out.find("image: " + image_ + ", "), std::string::npos) << written.out;

  // No notice: the image was there and used.
  const RunResult text_image = Scorecard("text");
  ASSERT_EQ(text_image.exit_status, 0) << text_image.err;
  EXPECT_EQ(text_image.err, "");
  EXPECT_EQ(text_image.out, text.out);
  EXPECT_EQ(Scorecard("json").out, json.out);
  EXPECT_EQ(Exceptions().out, exceptions.out);
}

TEST_F(CliSnapshotTest, AStaleImageIsIgnoredWithANotice) {
  ASSERT_EQ(RunProbation("snapshot --db " + db_).exit_status, 0);
  const RunResult before = Scorecard("csv");
  ASSERT_EQ(before.exit_status, 0) << before.err;
  // One more breach for X000001, failing on 2011-05-03 and never initiated.
  fs::create_directories(dir_ / "more");
  std::ofstream(dir_ / "more" / "breaches.csv")
      << "crn,event_no,breach_no,failure_date,initiated_date,resolved_date,outcome\n"
         "X000001,1,9,2011-05-03,,,\n";
  const RunResult more = RunProbation("import --db " + db_ + " " + (dir_ / "more").string());
  ASSERT_EQ(more.exit_status, 0) << more.out << more.err;

  const RunResult stale = Scorecard("csv");
  ASSERT_EQ(stale.exit_status, 0) << stale.err;
  EXPECT_NE(stale.err.find("probation: snapshot image not used: " + image_ + " is stale"),
            std::string::npos)
      << stale.err;
  EXPECT_EQ(std::count(stale.err.begin(), stale.err.end(), '\n'), 1) << stale.err;
  fs::remove(image_);
  const RunResult fresh = Scorecard("csv");
  EXPECT_EQ(fresh.err, "");
  EXPECT_EQ(stale.out, fresh.out);
  EXPECT_NE(stale.out, before.out) << "the new breach counts";

  // A damaged image is ignored the same way.
  std::ofstream(image_) << "not an image";
  const RunResult damaged = Scorecard("csv");
  EXPECT_NE(damaged.err.find(image_ + " is not a snapshot image"), std::string::npos)
      << damaged.err;
  EXPECT_EQ(damaged.out, fresh.out);
}

TEST_F(CliSnapshotTest, SnapshotOfAMissingDatabaseIsAnError) {
  const RunResult r = RunProbation("snapshot --db " + (dir_ / "none.db").string());
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_FALSE(fs::exists(dir_ / "none.db.snapshot"));
}

}  // namespace
}  // namespace probation
