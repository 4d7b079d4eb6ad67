#include "ingest/importer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "model/record_types.h"
#include "store/schema.h"

namespace probation {
namespace {

namespace fs = std::filesystem;

constexpr char kOrgUnits[] =
    "code,name,level,parent_code\n"
    "R1,Region One,region,\n"
    "T1,Trust One,trust,R1\n"
    "L1,LDU One,ldu,T1\n"
    "TM1,Team One,team,L1\n";
constexpr char kStaff[] =
    "staff_id,surname,forenames,team_code,grade,fte,gender,ethnicity,start_date,end_date\n"
    "S1,Okafor,Grace,TM1,PO,1.0,F,B2,2004-09-01,\n";
constexpr char kPeople[] =
    "crn,surname,forenames,date_of_birth,gender,ethnicity,disability,first_sanction_date,"
    "sanctions\n"
    "X000001,Hargreaves,Daniel,1984-02-29,M,W1,N,2001-06-12,4\n"
    "X000002,Begum,Amina,1990-07-01,F,,,,\n";
constexpr char kSentencesHeader[] =
    "crn,event_no,sentence_type,sentence_date,court_code,offence_code,offence_category,"
    "serious_sexual_violent,custodial_months,start_date,expected_end_date,termination_date,"
    "termination_reason\n";
constexpr char kSentenceRow[] =
    "X000001,1,CO,2010-05-04,MC0412,105/01,violence,N,,2010-05-04,2011-05-03,,\n";
constexpr char kContactsHeader[] =
    "crn,event_no,contact_no,contact_date,contact_type,ns_required,arranged,outcome,"
    "requirement_no,hours_credited,staff_id\n";

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("importer_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "base");
    Write("base/org_units.csv", kOrgUnits);
    Write("base/staff.csv", kStaff);
    Write("base/people.csv", kPeople);
    Write("base/sentences.csv", std::string(kSentencesHeader) + kSentenceRow);
    db_path_ = (dir_ / "test.db").string();
    Result<std::unique_ptr<Database>> db = OpenStore(db_path_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
  }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  Result<ImportResult> Load(std::vector<std::string> names, bool all_or_nothing = false) {
    ImportOptions options;
    for (const std::string& n : names) options.paths.push_back(Path(n));
    options.all_or_nothing = all_or_nothing;
    options.report_path = Path("rejects.csv");
    options.max_rejections_kept = 1000;
    return Import(db_.get(), options);
  }

  ImportResult LoadBase() {
    Result<ImportResult> r = Load({"base"});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->ExitCode(), 0);
    return *r;
  }

  // Every row of every table, as text: equal dumps mean an unchanged database.
  std::string Dump() {
    std::string out;
    std::vector<std::string> tables;
    for (const RecordType& t : AllRecordTypes()) tables.emplace_back(t.name);
    tables.emplace_back("import_runs");
    for (const std::string& table : tables) {
      Result<Statement> stmt = db_->Prepare("SELECT * FROM " + table + " ORDER BY 1, 2");
      EXPECT_TRUE(stmt.ok());
      out += table + ":\n";
      while (*stmt->Step()) {
        for (int i = 0; i < stmt->ColumnCount(); ++i) {
          out += stmt->ColumnIsNull(i) ? "<null>" : std::string(stmt->ColumnText(i));
          out += '|';
        }
        out += '\n';
      }
    }
    return out;
  }

  int64_t Count(const std::string& table) {
    Result<Statement> stmt = db_->Prepare("SELECT count(*) FROM " + table);
    EXPECT_TRUE(*stmt->Step());
    return stmt->ColumnInt(0);
  }

  static const Rejection* Find(const ImportResult& r, int line) {
    for (const Rejection& rej : r.first_rejections) {
      if (rej.line == line) return &rej;
    }
    return nullptr;
  }

  fs::path dir_;
  std::string db_path_;
  std::unique_ptr<Database> db_;
};

TEST_F(ImporterTest, LoadsValidFilesInDependencyOrder) {
  const ImportResult r = LoadBase();
  ASSERT_EQ(r.files.size(), 4u);
  EXPECT_EQ(r.files[0].record_type,
            "org_units");  // folder order is alphabetical; load order is not
  EXPECT_EQ(r.files[3].record_type, "sentences");
  EXPECT_EQ(r.TotalRead(), 8);
  EXPECT_EQ(r.TotalAccepted(), 8);
  EXPECT_TRUE(r.committed);
  EXPECT_EQ(Count("org_units"), 4);
  EXPECT_EQ(Count("people"), 2);
  EXPECT_EQ(Count("import_runs"), 1);
}

TEST_F(ImporterTest, ReloadingTheSameExtractChangesNothing) {
  LoadBase();
  const std::string before = Dump();
  Result<ImportResult> again = Load({"base"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->ExitCode(), 0);
  for (const FileSummary& f : again->files) {
    EXPECT_EQ(f.inserted, 0) << f.path;
    EXPECT_EQ(f.updated, 0) << f.path;
    EXPECT_EQ(f.unchanged, f.read) << f.path;
  }
  // Only the import log grows.
  const std::string after = Dump();
  EXPECT_EQ(before.substr(0, before.find("import_runs:")),
            after.substr(0, after.find("import_runs:")));
}

TEST_F(ImporterTest, LaterExtractUpdatesByKey) {
  LoadBase();
  Write("sentences-2011.csv",
        std::string(kSentencesHeader) +
            "X000001,1,CO,2010-05-04,MC0412,105/01,violence,N,,2010-05-04,2011-05-03,2011-05-03,"
            "COMPLETED\n");
  Result<ImportResult> r = Load({"sentences-2011.csv"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files[0].updated, 1);
  Result<Statement> stmt =
      db_->Prepare("SELECT termination_reason FROM sentences WHERE crn = 'X000001'");
  ASSERT_TRUE(*stmt->Step());
  EXPECT_EQ(stmt->ColumnText(0), "COMPLETED");
}

TEST_F(ImporterTest, EveryKindOfBadRowIsRejectedWithItsLocationAndNothingIsLost) {
  LoadBase();
  Write("contacts.csv",
        std::string(kContactsHeader) +
            "X000001,1,1,2010-06-01,OM,Y,Y,ATT,,,S1\n"             // 2: good
            "X000001,1,2,2011-02-30,OM,Y,Y,ATT,,,S1\n"             // 3: no such date
            "X000001,one,3,2010-06-08,OM,Y,Y,ATT,,,S1\n"           // 4: not a number
            "X000001,1,4,2010-06-15,OM,Y,Y,XX,,,S1\n"              // 5: unknown code
            "X000001,1,5,,OM,Y,Y,ATT,,,S1\n"                       // 6: required blank
            "X000001,9,6,2010-06-22,OM,Y,Y,ATT,,,S1\n"             // 7: unknown sentence
            "X000001,1,7,2010-06-29,OM,yes,Y,ATT,,,S1\n"           // 8: not Y/N
            "X000001,1,8,2010-07-06,OM,Y,Y,ATT\n"                  // 9: too few fields
            "X000001,1,1,2010-07-13,OM,Y,Y,ATT,,,S1\n"             // 10: key repeated
            "X000001,1,9,2010-07-20,OM,Y,Y,ATT,,30,S1\n"           // 11: hours out of range
            "X000001,1,10,2010-07-27,OM,Y,Y,ATT,,,S9\n"            // 12: unknown staff
            "\"X000001\",1,11,\"2010-08-03\",OM,Y,Y,ATT,,,S1\n");  // 13: good, quoted
  Result<ImportResult> r = Load({"contacts.csv"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->ExitCode(), 1);
  EXPECT_TRUE(r->committed);
  const FileSummary& f = r->files[0];
  EXPECT_EQ(f.read, 12);
  EXPECT_EQ(f.accepted, 2);
  EXPECT_EQ(f.rejected, 10);
  EXPECT_EQ(f.read, f.accepted + f.rejected);
  EXPECT_EQ(Count("contacts"), 2);

  struct Expect {
    int line;
    const char* column;
    const char* reason_part;
  };
  const Expect expected[] = {
      {3, "contact_date", "does not exist"},
      {4, "event_no", "not a whole number"},
      {5, "outcome", "not in the contact_outcome code list"},
      {6, "contact_date", "required"},
      {7, "crn,event_no", "no sentences record with key X000001/9"},
      {8, "ns_required", "not Y or N"},
      {9, "(row)", "the row has 8 fields; the header has 11"},
      {10, "crn,event_no,contact_no", "appears more than once"},
      {11, "hours_credited", "outside the allowed range 0 to 24"},
      {12, "staff_id", "no staff record with key S9"},
  };
  for (const Expect& e : expected) {
    SCOPED_TRACE("line " + std::to_string(e.line));
    const Rejection* rej = Find(*r, e.line);
    ASSERT_NE(rej, nullptr);
    EXPECT_EQ(rej->file, Path("contacts.csv"));
    EXPECT_EQ(rej->column, e.column);
    EXPECT_NE(rej->reason.find(e.reason_part), std::string::npos) << rej->reason;
  }
  // The report file holds every rejection, with a header.
  std::ifstream report(Path("rejects.csv"));
  std::string line;
  int lines = 0;
  std::getline(report, line);
  EXPECT_EQ(line, "file,line,last_line,column,value,reason");
  while (std::getline(report, line)) ++lines;
  EXPECT_EQ(lines, 10);
}

TEST_F(ImporterTest, DateOrderConditionalsRangesAndUtf8AreChecked) {
  LoadBase();
  Write("sentences.csv",
        std::string(kSentencesHeader) +
            "X000002,1,CO,2010-05-04,MC1,,theft,N,,2010-05-04,2011-05-03,2010-05-01,COMPLETED\n"
            "X000002,2,CO,2010-05-04,MC1,,theft,N,,2010-05-04,2011-05-03,2010-06-01,\n"
            "X000002,3,LIC,2010-05-04,MC1,,theft,N,,2010-05-04,2011-05-03,,\n"
            "X000002,4,CO,2010-05-04,MC1,,arson,N,,2010-05-04,2011-05-03,,\n");
  Write("people.csv",
        "crn,surname,forenames,date_of_birth,gender\n"
        "X000003,Bad\xff\xfe,Name,1980-01-01,M\n");
  Write("assessments.csv",
        "crn,event_no,assessment_no,assessment_type,started_date,ogrs_score\n"
        "X000001,1,1,INITIAL,2010-05-05,150\n");
  Result<ImportResult> r = Load({"sentences.csv", "people.csv", "assessments.csv"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->total_rejected, 6);
  std::string reasons;
  for (const Rejection& rej : r->first_rejections) reasons += rej.column + ": " + rej.reason + "\n";
  EXPECT_NE(
      reasons.find("termination_date: termination_date 2010-05-01 is before start_date 2010-05-04"),
      std::string::npos)
      << reasons;
  EXPECT_NE(reasons.find("termination_reason: a value is required when termination_date is given"),
            std::string::npos)
      << reasons;
  EXPECT_NE(reasons.find("custodial_months: a value is required when sentence_type is LIC"),
            std::string::npos)
      << reasons;
  EXPECT_NE(reasons.find("offence_category: 'arson' is not in the offence_category code list"),
            std::string::npos)
      << reasons;
  EXPECT_NE(reasons.find("surname: the text is not valid UTF-8"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("ogrs_score: '150' is outside the allowed range 0 to 100"),
            std::string::npos)
      << reasons;
}

TEST_F(ImporterTest, ChildOfARejectedParentIsRejectedToo) {
  LoadBase();
  Write("sentences.csv", std::string(kSentencesHeader) +
                             "X000002,1,CO,2010-05-04,MC1,,theft,N,,2010-05-04,2011-05-03,,BAD\n");
  Write("contacts.csv", std::string(kContactsHeader) + "X000002,1,1,2010-06-01,OM,Y,Y,ATT,,,\n");
  Result<ImportResult> r = Load({"contacts.csv", "sentences.csv"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->files[0].record_type, "sentences");
  EXPECT_EQ(r->files[0].rejected, 1);
  EXPECT_EQ(r->files[1].rejected, 1);
  EXPECT_EQ(r->ExitCode(), 2);  // nothing accepted: nothing loaded
  EXPECT_FALSE(r->committed);
}

TEST_F(ImporterTest, LineNumbersCountPhysicalLines) {
  LoadBase();
  Write("people.csv",
        "crn,surname,forenames,date_of_birth,gender\n"
        "X000010,\"Smith\nJones\",Al,1980-01-01,M\n"
        "\n"
        "X000011,Lee,Bo,1980-13-01,M\n");
  Result<ImportResult> r = Load({"people.csv"});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->first_rejections.size(), 1u);
  EXPECT_EQ(r->first_rejections[0].line, 5);
  EXPECT_EQ(r->first_rejections[0].column, "date_of_birth");
}

TEST_F(ImporterTest, FatalProblemsLeaveTheDatabaseExactlyAsItWas) {
  LoadBase();
  const std::string before = Dump();
  Write("good-contacts.csv", "");  // not a record type name
  Write("contacts.csv", std::string(kContactsHeader) + "X000001,1,1,2010-06-01,OM,Y,Y,ATT,,,S1\n");
  Write("people-bad.csv", "crn,surname,forenames,date_of_birth,gender,shoe_size\n");
  Write("people-missing.csv", "crn,surname,forenames,gender\n");
  Write("people-twice.csv", "crn,surname,surname,forenames,date_of_birth,gender\n");
  Write("people-empty.csv", "");

  const struct {
    std::vector<std::string> files;
    const char* message_part;
  } cases[] = {
      {{"contacts.csv", "good-contacts.csv"}, "does not name a record type"},
      {{"contacts.csv", "people-bad.csv"}, "'shoe_size' is not a column of people"},
      {{"contacts.csv", "people-missing.csv"}, "required column 'date_of_birth' is missing"},
      {{"contacts.csv", "people-twice.csv"}, "'surname' appears twice"},
      {{"contacts.csv", "people-empty.csv"}, "empty"},
      {{"contacts.csv", "no-such-file.csv"}, "no such file"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.message_part);
    Result<ImportResult> r = Load(c.files);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find(c.message_part), std::string::npos) << r.status().message();
    EXPECT_EQ(Dump(), before);
  }
}

TEST_F(ImporterTest, AllOrNothingLoadsNothingWhenARowIsBad) {
  LoadBase();
  const std::string before = Dump();
  Write("contacts.csv", std::string(kContactsHeader) +
                            "X000001,1,1,2010-06-01,OM,Y,Y,ATT,,,S1\n"
                            "X000001,1,2,2010-06-08,OM,Y,Y,??,,,S1\n");
  Result<ImportResult> r = Load({"contacts.csv"}, /*all_or_nothing=*/true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->files[0].accepted, 1);
  EXPECT_EQ(r->files[0].rejected, 1);
  EXPECT_FALSE(r->committed);
  EXPECT_EQ(r->ExitCode(), 2);
  EXPECT_EQ(Dump(), before);
  // Without the flag the good row loads.
  Result<ImportResult> partial = Load({"contacts.csv"});
  EXPECT_EQ(partial->ExitCode(), 1);
  EXPECT_EQ(Count("contacts"), 1);
}

TEST_F(ImporterTest, BatchedFirstLoadKeepsEveryRowAndItsText) {
  // More rows than one insert batch, with text the CSV reader has to unescape.
  std::string people = "crn,surname,forenames,date_of_birth,gender\n";
  for (int i = 0; i < 70; ++i) {
    people += "Y" + std::to_string(100000 + i) + ",\"O\"\"Brien " + std::to_string(i) +
              "\",\"Ann, Marie\",1980-01-01,F\n";
  }
  Write("people.csv", people);
  Result<ImportResult> r = Load({"people.csv"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files[0].inserted, 70);
  Result<Statement> stmt = db_->Prepare("SELECT surname, forenames FROM people ORDER BY crn");
  for (int i = 0; i < 70; ++i) {
    ASSERT_TRUE(*stmt->Step());
    EXPECT_EQ(stmt->ColumnText(0), "O\"Brien " + std::to_string(i));
    EXPECT_EQ(stmt->ColumnText(1), "Ann, Marie");
  }
  EXPECT_FALSE(*stmt->Step());
}

TEST_F(ImporterTest, DateTimesAreStoredCanonically) {
  LoadBase();
  Write("sentences.csv",
        std::string(kSentencesHeader) +
            "X000002,1,LIC,2009-05-04,CC1,,robbery,N,36,2010-05-04,2011-05-03,,\n");
  Write("recalls.csv",
        "crn,event_no,recall_no,recall_type,decision_time,request_received_time\n"
        "X000002,1,1,STANDARD,2010-09-14 10:30:00,2010-09-14T16:05\n"
        "X000002,1,2,STANDARD,2010-09-14T10:30,2010-09-13T16:05\n");
  Result<ImportResult> r = Load({"sentences.csv", "recalls.csv"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total_rejected, 1);
  EXPECT_EQ(r->first_rejections[0].column, "request_received_time");
  Result<Statement> stmt = db_->Prepare("SELECT decision_time FROM recalls");
  ASSERT_TRUE(*stmt->Step());
  EXPECT_EQ(stmt->ColumnText(0), "2010-09-14T10:30");
}

}  // namespace
}  // namespace probation
