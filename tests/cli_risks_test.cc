// End to end: `probation risks` and `probation resources` on the example files.
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "run_probation.h"

namespace probation {
namespace {

const std::string kExamples = std::string(PROBATION_SOURCE_DIR) + "/examples";

TEST(CliRisksTest, ImportListHeatmapReviewOverdueExport) {
  const std::string db = ::testing::TempDir() + "cli_risks_" + std::to_string(getpid()) + ".db";
  std::remove(db.c_str());
  RunResult r =
      RunProbation("risks import --db " + db + " " + kExamples + "/risks/nps-2005-06.toml " +
                   kExamples + "/risks/derbyshire-2008-09.toml");
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("Imported risk register nps-2005-06 (23 risks)"), std::string::npos);
  EXPECT_EQ(RunProbation("risks score M H").out, "19\n");

  r = RunProbation("risks list --db " + db + " --status black");
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("3 risks"), std::string::npos) << r.out;

  r = RunProbation("risks heatmap --db " + db + " --register nps-2005-06");
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("M         . (4)    1 (8)   4 (14)   6 (19)   1 (21)"), std::string::npos)
      << r.out;

  // Re-rating a Derbyshire risk black needs a comment; 1.3 has none.
  r = RunProbation("risks review --db " + db +
                   " --register derbyshire-2008-09 --risk 1.3 --date 2008-06-30 --reviewer CO "
                   "--likelihood H --impact VH --note 'intake behind profile'");
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("'comments' are required for a black risk"), std::string::npos) << r.err;
  r = RunProbation("risks review --db " + db +
                   " --register derbyshire-2008-09 --risk 1.3 --date 2008-06-30 --reviewer CO "
                   "--likelihood H --impact VH --note 'intake behind profile' --comments 'Recovery "
                   "plan agreed'");
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("now H/VH, score 24, black"), std::string::npos) << r.out;

  r = RunProbation("risks top --db " + db + " --register derbyshire-2008-09 -n 1");
  EXPECT_NE(r.out.find("1.3"), std::string::npos) << r.out;

  r = RunProbation("risks export --db " + db + " --register derbyshire-2008-09");
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("[[risks.reviews]]\ndate = 2008-06-30"), std::string::npos) << r.out;

  r = RunProbation("risks overdue --db " + db + " --as-of 2008-07-01");
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("0 risks"), std::string::npos) << r.out;

  r = RunProbation("resources import --db " + db + " " + kExamples +
                   "/resources/cheshire-2011-12-budget.toml");
  ASSERT_EQ(r.exit_status, 0) << r.err;
  r = RunProbation("resources budget --db " + db + " --year 2010-11");
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("net total            14982.0"), std::string::npos) << r.out;
  std::remove(db.c_str());
}

TEST(CliRisksTest, BadRegisterNamesFileAndLineAndImportsNothing) {
  const std::string db = ::testing::TempDir() + "cli_risks_bad_" + std::to_string(getpid()) + ".db";
  const std::string file = ::testing::TempDir() + "bad_register.toml";
  {
    std::ofstream out(file);
    out << "id = \"bad\"\norganisation = \"x\"\ntitle = \"x\"\nperiod = \"2008-09\"\n"
           "[[risks]]\nreference = \"1\"\ndescription = \"x\"\n"
           "residual = { likelihood = \"M\", impact = \"H\", score = 20 }\ncomments = \"c\"\n";
  }
  RunResult r = RunProbation("risks import --db " + db + " " + file);
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("bad_register.toml, line 8"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing was imported"), std::string::npos) << r.err;
  std::remove(db.c_str());
  std::remove(file.c_str());
}

}  // namespace
}  // namespace probation
