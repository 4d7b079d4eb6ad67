// End-to-end: nothing lost, whatever the user types (issue 11). Output paths that are the
// database or an input, unbalanced quotes, control characters, a file named twice, formula
// prefixes in the rejects report, rejected parents, a full disk on a new database, two first
// uses and two snapshots at once, and `generate` never writing into a folder of the user's
// files unless told to.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "run_probation.h"

namespace probation {
namespace {

namespace fs = std::filesystem;

constexpr char kPeopleHeader[] = "crn,surname,forenames,date_of_birth,gender\n";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool IsSqliteDatabase(const std::string& path) {
  return ReadFile(path).rfind("SQLite format 3", 0) == 0;
}

class CliSafetyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("cli_safety_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = P("t.db");
    Write("people.csv", std::string(kPeopleHeader) +
                            "X000001,Hargreaves,Daniel,1984-02-29,M\n"
                            "X000002,Begum,Amina,1990-07-01,F\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  std::string P(const std::string& name) { return (dir_ / name).string(); }
  void LoadPeople() {
    RunResult r = RunProbation("import --db " + db_ + " " + P("people.csv"));
    ASSERT_EQ(r.exit_status, 0) << r.out << r.err;
    ASSERT_TRUE(IsSqliteDatabase(db_));
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(CliSafetyTest, ImportRefusesAReportThatIsTheDatabase) {
  LoadPeople();
  RunResult r = RunProbation("import --db " + db_ + " --report " + db_ + " " + P("people.csv"));
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("refusing to write --report " + db_ + ": it is the database"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(IsSqliteDatabase(db_));
  EXPECT_EQ(RunProbation("info --db " + db_).exit_status, 0);
}

TEST_F(CliSafetyTest, ImportRefusesAReportThatIsTheWriteAheadLogEvenByAnotherName) {
  LoadPeople();
  RunResult r =
      RunProbation("import --db " + db_ + " --report " + P("./t.db-wal") + " " + P("people.csv"));
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("it is the database's file " + db_ + "-wal"), std::string::npos) << r.err;
  fs::create_symlink(db_, P("alias.csv"));
  RunResult alias =
      RunProbation("import --db " + db_ + " --report " + P("alias.csv") + " " + P("people.csv"));
  EXPECT_EQ(alias.exit_status, 2);
  EXPECT_NE(alias.err.find("it is the database"), std::string::npos) << alias.err;
  EXPECT_TRUE(IsSqliteDatabase(db_));
}

TEST_F(CliSafetyTest, ImportRefusesAReportThatIsAnInput) {
  const std::string before = ReadFile(P("people.csv"));
  RunResult r =
      RunProbation("import --db " + db_ + " --report " + P("people.csv") + " " + P("people.csv"));
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("it is the input " + P("people.csv")), std::string::npos) << r.err;
  EXPECT_EQ(ReadFile(P("people.csv")), before);
  EXPECT_FALSE(fs::exists(db_)) << "nothing is created before the paths are checked";
}

TEST_F(CliSafetyTest, ImportRefusesADatabaseThatIsAnInput) {
  const std::string before = ReadFile(P("people.csv"));
  RunResult r = RunProbation("import --db " + P("people.csv") + " " + P("people.csv"));
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("refusing to write --db"), std::string::npos) << r.err;
  EXPECT_EQ(ReadFile(P("people.csv")), before);
}

TEST_F(CliSafetyTest, ScorecardAndExportsRefuseAnOutputThatIsTheDatabase) {
  LoadPeople();
  RunResult card =
      RunProbation("scorecard --db " + db_ +
                   " --framework nps-2005-06 --period 2010-Q4 --format csv --out " + db_);
  EXPECT_EQ(card.exit_status, 2) << card.out;
  EXPECT_NE(card.err.find("it is the database"), std::string::npos) << card.err;
  fs::create_symlink(db_, P("pack.html"));  // the database by another name
  RunResult pack =
      RunProbation("boardpack --db " + db_ + " --framework nps-2005-06 --period 2010-Q4 --out " +
                   P("pack.html"));
  EXPECT_EQ(pack.exit_status, 2);
  EXPECT_NE(pack.err.find("it is the database"), std::string::npos) << pack.err;
  RunResult shm =
      RunProbation("exceptions --db " + db_ +
                   " --framework nps-2005-06 --period 2010-Q4 --measure x --out " + db_ + "-shm");
  EXPECT_EQ(shm.exit_status, 2);
  EXPECT_NE(shm.err.find("it is the database's file"), std::string::npos) << shm.err;
  EXPECT_TRUE(IsSqliteDatabase(db_));
}

TEST_F(CliSafetyTest, AnUnbalancedQuoteIsAccountedForByLines) {
  std::string text = std::string(kPeopleHeader) + "X000001,Hargreaves,Daniel,1984-02-29,M\n" +
                     "X000002,\"Begum,Amina,1990-07-01,F\n";
  for (int i = 0; i < 1000; ++i)
    text += "X1" + std::to_string(10000 + i) + ",Lee,Bo,1980-01-01,M\n";
  Write("people.csv", text);  // 1,002 data lines; the quote on line 3, column 9
  RunResult r = RunProbation("import --db " + db_ + " " + P("people.csv"));
  EXPECT_EQ(r.exit_status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find(P("people.csv") +
                       ", lines 3-1003: a quoted field opened at line 3, column 9 never closes: "
                       "lines 3-1003 (1001 lines) are not read as rows"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find(P("people.csv") +
                       ": 1002 lines after the header = 1 in accepted rows + 1001 in rejected "
                       "rows + 0 blank"),
            std::string::npos)
      << r.out;
  const std::string report = ReadFile(db_ + ".rejects.csv");
  EXPECT_NE(
      report.find(P("people.csv") + ",3,1003,(row),,\"a quoted field opened at line 3, column 9"),
      std::string::npos)
      << report;
}

TEST_F(CliSafetyTest, ControlCharactersInTextAndKeysAreRejected) {
  Write("people.csv", std::string(kPeopleHeader) +
                          std::string("Z00\0X1,Lee,Bo,1980-01-01,M\n", 27) +
                          "X000002,Le\x1b[2Je,Bo,1980-01-01,M\n" + "X000003,Ray,Cy,1980-01-01,F\n");
  RunResult r = RunProbation("import --db " + db_ + " " + P("people.csv"));
  EXPECT_EQ(r.exit_status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("line 2, column crn: the key holds a control character (NUL) at position "
                       "4: 'Z00\\0X1'"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("line 3, column surname: the text holds a control character (byte 0x1B) "
                       "at position 3: 'Le\\x1B[2Je'"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << "no raw escape reaches the terminal";
}

TEST_F(CliSafetyTest, LongValuesAreCutInMessages) {
  LoadPeople();
  const std::string huge(100000, 'A');
  Write("sentences.csv",
        "crn,event_no,sentence_type,sentence_date,court_code,offence_category,"
        "serious_sexual_violent,start_date,expected_end_date\n" +
            huge + ",1,CO,2010-05-04,MC0412,violence,N,2010-05-04,2011-05-03\n");
  RunResult r = RunProbation("import --db " + db_ + " " + P("sentences.csv"));
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_LT(r.err.size(), 2000u) << r.err.substr(0, 300);
  EXPECT_NE(r.err.find("no people record with key " + std::string(200, 'A') + "... in the"),
            std::string::npos)
      << r.err.substr(0, 300);
  // The report keeps the value whole.
  EXPECT_NE(ReadFile(db_ + ".rejects.csv").find(huge), std::string::npos);
}

TEST_F(CliSafetyTest, TheSameFileNamedTwiceIsFatal) {
  RunResult r =
      RunProbation("import --db " + db_ + " " + P("people.csv") + " " + P("./people.csv"));
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("is named twice"), std::string::npos) << r.err;
  RunResult folder =
      RunProbation("import --db " + db_ + " " + P("people.csv") + " " + dir_.string());
  EXPECT_EQ(folder.exit_status, 2);
  EXPECT_NE(folder.err.find("is named twice"), std::string::npos) << folder.err;
  EXPECT_FALSE(fs::exists(db_));
}

TEST_F(CliSafetyTest, TheRejectsReportNeutralisesFormulasRecoverably) {
  Write("people.csv", std::string(kPeopleHeader) +
                          "X000001,Lee,Bo,1980-01-01,=cmd|' /C calc'!A0\n" +
                          "X000002,Lee,Bo,1980-01-01,+1\n" + "X000003,Lee,Bo,1980-01-01,-1\n" +
                          "X000004,Lee,Bo,1980-01-01,@SUM(A1)\n" +
                          "X000005,Lee,Bo,1980-01-01,'quoted\n" + "X000006,Lee,Bo,1980-01-01,M\n");
  RunResult r = RunProbation("import --db " + db_ + " " + P("people.csv"));
  EXPECT_EQ(r.exit_status, 1) << r.out << r.err;
  const std::string report = ReadFile(db_ + ".rejects.csv");
  EXPECT_NE(report.find(",gender,'=cmd|' /C calc'!A0,"), std::string::npos) << report;
  EXPECT_NE(report.find(",gender,'+1,"), std::string::npos) << report;
  EXPECT_NE(report.find(",gender,'-1,"), std::string::npos) << report;
  EXPECT_NE(report.find(",gender,'@SUM(A1),"), std::string::npos) << report;
  EXPECT_NE(report.find(",gender,''quoted,"), std::string::npos) << report;
  for (const char* bad : {",=", ",+", ",-", ",@"}) {
    EXPECT_EQ(report.find(bad), std::string::npos) << bad << "\n" << report;
  }
}

TEST_F(CliSafetyTest, ARowWhoseParentWasRejectedNamesTheParentsLine) {
  Write("people.csv", std::string(kPeopleHeader) + "X000001,Lee,Bo,1980-01-01,M\n" +
                          "X000009,Ray,Cy,1980-02-30,F\n");
  Write("sentences.csv",
        "crn,event_no,sentence_type,sentence_date,court_code,offence_category,"
        "serious_sexual_violent,start_date,expected_end_date\n"
        "X000009,1,CO,2010-05-04,MC0412,violence,N,2010-05-04,2011-05-03\n");
  RunResult r =
      RunProbation("import --db " + db_ + " " + P("people.csv") + " " + P("sentences.csv"));
  EXPECT_EQ(r.exit_status, 1) << r.out << r.err;
  EXPECT_NE(r.err.find(P("sentences.csv") +
                       ", line 2, column crn: the people record with key "
                       "X000009 was rejected (" +
                       P("people.csv") + ", line 3)"),
            std::string::npos)
      << r.err;
}

TEST_F(CliSafetyTest, TheRejectsReportCannotBeWrittenSaysWhereAndWhy) {
  Write("people.csv", std::string(kPeopleHeader) + "X000001,Lee,Bo,1980-13-01,M\n");
  RunResult r = RunProbation("import --db " + db_ + " --report " + P("no_such_folder/r.csv") + " " +
                             P("people.csv"));
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("cannot write the rejection report " + P("no_such_folder/r.csv") +
                       ": No such file or directory"),
            std::string::npos)
      << r.err;
}

// The disk fills while a new database is loaded (a file size limit stands in for a small
// filesystem): the load fails cleanly and leaves nothing that stops the next command.
TEST_F(CliSafetyTest, AFullDiskOnANewDatabaseLeavesNothingBehind) {
  std::string text = kPeopleHeader;
  for (int i = 0; i < 20000; ++i)
    text += "X" + std::to_string(100000 + i) + ",Lee,Bo,1980-01-01,M\n";
  Write("people.csv", text);
  const std::string command =
      std::string("ulimit -f 400; trap '' XFSZ; PROBATION_REFERENCE_DIR='") + PROBATION_SOURCE_DIR +
      "/reference' '" + ProbationBinary() + "' import --db " + db_ + " " + P("people.csv") +
      " >/dev/null 2>" + P("err.txt");
  const int status = std::system(("sh -c \"" + command + "\"").c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2) << ReadFile(P("err.txt"));
  EXPECT_FALSE(fs::exists(db_)) << ReadFile(P("err.txt"));
  EXPECT_FALSE(fs::exists(db_ + "-wal"));
  EXPECT_FALSE(fs::exists(db_ + "-shm"));
  RunResult info = RunProbation("import --db " + db_ + " " + P("people.csv"));
  EXPECT_EQ(info.exit_status, 0) << info.err;
}

TEST_F(CliSafetyTest, TwoFirstUsesAtOnceBothSucceed) {
  for (int round = 0; round < 8; ++round) {
    const std::string db = P("first" + std::to_string(round) + ".db");
    const std::string info = std::string("PROBATION_REFERENCE_DIR='") + PROBATION_SOURCE_DIR +
                             "/reference' '" + ProbationBinary() + "' info --db " + db;
    const std::string command = "sh -c \"(" + info + " >/dev/null 2>" + P("a.txt") +
                                "; echo $? > " + P("a.rc") + ") & (" + info + " >/dev/null 2>" +
                                P("b.txt") + "; echo $? > " + P("b.rc") + ") & wait\"";
    ASSERT_EQ(std::system(command.c_str()), 0);
    EXPECT_EQ(ReadFile(P("a.rc")), "0\n") << ReadFile(P("a.txt"));
    EXPECT_EQ(ReadFile(P("b.rc")), "0\n") << ReadFile(P("b.txt"));
  }
}

TEST_F(CliSafetyTest, TwoSnapshotsAtOnceBothSucceed) {
  LoadPeople();
  const std::string snap = std::string("PROBATION_REFERENCE_DIR='") + PROBATION_SOURCE_DIR +
                           "/reference' '" + ProbationBinary() + "' snapshot --db " + db_;
  for (int round = 0; round < 3; ++round) {
    const std::string command = "sh -c \"(" + snap + " >/dev/null 2>" + P("a.txt") +
                                "; echo $? > " + P("a.rc") + ") & (" + snap + " >/dev/null 2>" +
                                P("b.txt") + "; echo $? > " + P("b.rc") + ") & wait\"";
    ASSERT_EQ(std::system(command.c_str()), 0);
    EXPECT_EQ(ReadFile(P("a.rc")), "0\n") << ReadFile(P("a.txt"));
    EXPECT_EQ(ReadFile(P("b.rc")), "0\n") << ReadFile(P("b.txt"));
  }
  for (const auto& e : fs::directory_iterator(dir_)) {
    EXPECT_EQ(e.path().string().find(".partial"), std::string::npos) << e.path();
  }
}

// The user names the folder, not the files in it: `generate --out` writes only into a new or
// empty folder, or one an earlier `generate` wrote (its mark), unless given --force.
TEST_F(CliSafetyTest, GenerateNeverWritesOverAFolderOfTheUsersFiles) {
  const std::string gen = "generate --seed 2 --scale 0.001 --out ";
  const std::string people = ReadFile(P("people.csv"));
  // The user's extract, which the data set's people.csv would replace: refused, untouched.
  RunResult r = RunProbation(gen + dir_.string());
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("(people.csv, which would be replaced)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
  EXPECT_EQ(ReadFile(P("people.csv")), people);
  EXPECT_FALSE(fs::exists(dir_ / "contacts.csv"));
  EXPECT_FALSE(fs::exists(dir_ / ".probation-generated"));
  // Anything else in the folder: refused too (an import of the folder would read beside it).
  fs::create_directories(dir_ / "notes");
  Write("notes/todo.txt", "mine\n");
  r = RunProbation(gen + P("notes"));
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("(todo.txt)"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "notes" / "people.csv"));
  // A file, not a folder.
  r = RunProbation(gen + P("people.csv"));
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("is a file, not a folder"), std::string::npos) << r.err;
  EXPECT_EQ(ReadFile(P("people.csv")), people);
  // A new folder, and an empty one: written, with the mark.
  r = RunProbation(gen + P("new/data"));
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir_ / "new" / "data" / ".probation-generated"));
  const std::string generated = ReadFile(P("new/data/people.csv"));
  EXPECT_EQ(generated.rfind("crn,surname,forenames,", 0), 0u);
  EXPECT_NE(generated, people);
  fs::create_directories(dir_ / "empty");
  r = RunProbation(gen + P("empty"));
  EXPECT_EQ(r.exit_status, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir_ / "empty" / "contacts.csv"));
  // Its own earlier output: replaced (the same seed, the same files).
  r = RunProbation(gen + P("new/data"));
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(ReadFile(P("new/data/people.csv")), generated);
  // --force: written into the user's folder, as asked; files of other names left as they were.
  r = RunProbation("generate --seed 2 --scale 0.001 --force --out " + P("notes"));
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(ReadFile(P("notes/todo.txt")), "mine\n");
  EXPECT_EQ(ReadFile(P("notes/people.csv")), generated);
}

}  // namespace
}  // namespace probation
