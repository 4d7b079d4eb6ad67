// The synthetic data generator: determinism, file layout, working-day appointments,
// consistency the importer would check, the as-at cut-off and the trust's yearly volumes
// against the caseload annex (measures.md §4).
#include "ingest/generator.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/csv.h"
#include "model/record_types.h"

namespace probation {
namespace {

namespace fs = std::filesystem;

using Table = std::vector<std::vector<std::string>>;  // rows of fields, header first

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Table ReadTable(const fs::path& path) {
  const std::string text = ReadAll(path);
  CsvReader reader(text);
  Table table;
  std::vector<std::string_view> fields;
  for (;;) {
    EXPECT_TRUE(reader.Next(&fields).ok()) << path;
    if (reader.done()) break;
    table.emplace_back(fields.begin(), fields.end());
  }
  return table;
}

int Column(const Table& table, std::string_view name) {
  for (size_t i = 0; i < table.front().size(); ++i) {
    if (table.front()[i] == name) return static_cast<int>(i);
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

std::string KeyOf(const std::vector<std::string>& row, const std::vector<int>& columns) {
  std::string key;
  for (int c : columns) key.append(row[static_cast<size_t>(c)]).push_back('|');
  return key;
}

class GeneratorTest : public ::testing::Test {
 protected:
  // Generates into a fresh folder named `name` under the test temp folder.
  fs::path Run(const std::string& name, uint64_t seed, double scale,
               GeneratorProfile profile = GeneratorProfile::kTrust) {
    // Per process, so that runs in parallel (other checkouts, ctest -j) never share a folder.
    const fs::path dir = fs::path(::testing::TempDir()) /
                         ("generator_test_" + name + "_" + std::to_string(getpid()));
    fs::remove_all(dir);
    GeneratorOptions options;
    options.profile = profile;
    options.seed = seed;
    options.scale = scale;
    options.out_dir = dir.string();
    Result<GeneratorSummary> summary = Generate(options, calendar_);
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    if (summary.ok()) summary_ = *summary;
    dirs_.push_back(dir);
    return dir;
  }

  void TearDown() override {
    for (const fs::path& dir : dirs_) fs::remove_all(dir);
  }

  const Calendar calendar_ = Calendar::RulesOnly();
  GeneratorSummary summary_;
  std::vector<fs::path> dirs_;
};

TEST_F(GeneratorTest, SameSeedGivesIdenticalFilesAndAnotherSeedDoesNot) {
  const fs::path a = Run("seed_a", 7, 0.05);
  const fs::path b = Run("seed_b", 7, 0.05);
  const fs::path c = Run("seed_c", 8, 0.05);
  for (const RecordType& type : AllRecordTypes()) {
    const std::string file = std::string(type.name) + ".csv";
    EXPECT_EQ(ReadAll(a / file), ReadAll(b / file)) << file;
  }
  EXPECT_NE(ReadAll(a / "contacts.csv"), ReadAll(c / "contacts.csv"));
  EXPECT_NE(ReadAll(a / "people.csv"), ReadAll(c / "people.csv"));
}

TEST_F(GeneratorTest, EveryFileHasTheHeaderOfItsRecordTypeAndRows) {
  const fs::path dir = Run("headers", 3, 0.05);
  ASSERT_EQ(summary_.rows_per_file.size(), AllRecordTypes().size());
  size_t i = 0;
  for (const RecordType& type : AllRecordTypes()) {
    const Table table = ReadTable(dir / (std::string(type.name) + ".csv"));
    ASSERT_FALSE(table.empty()) << type.name;
    ASSERT_EQ(table.front().size(), type.fields.size()) << type.name;
    for (size_t f = 0; f < type.fields.size(); ++f) {
      EXPECT_EQ(table.front()[f], type.fields[f].name) << type.name;
    }
    for (size_t r = 1; r < table.size(); ++r) {
      ASSERT_EQ(table[r].size(), type.fields.size()) << type.name << " row " << r;
    }
    EXPECT_EQ(summary_.rows_per_file[i].first, type.name);
    EXPECT_EQ(summary_.rows_per_file[i].second, static_cast<int64_t>(table.size()) - 1);
    EXPECT_GT(table.size(), 1u) << type.name << " has no rows";
    ++i;
  }
}

TEST_F(GeneratorTest, AppointmentsFallOnWorkingDaysOnly) {
  const Table contacts = ReadTable(Run("workdays", 5, 0.1) / "contacts.csv");
  const int date = Column(contacts, "contact_date");
  ASSERT_GT(contacts.size(), 1000u);
  for (size_t r = 1; r < contacts.size(); ++r) {
    Result<Date> d = Date::Parse(contacts[r][static_cast<size_t>(date)]);
    ASSERT_TRUE(d.ok());
    ASSERT_TRUE(calendar_.IsWorkingDay(*d)) << "appointment on " << d->ToString();
  }
}

TEST_F(GeneratorTest, KeysAreUniqueAndReferencesResolve) {
  const fs::path dir = Run("consistency", 11, 0.05);
  std::map<std::string, std::set<std::string>> keys;  // type -> keys
  for (const RecordType& type : AllRecordTypes()) {
    const Table table = ReadTable(dir / (std::string(type.name) + ".csv"));
    std::vector<int> key_columns;
    for (int k = 0; k < type.key_fields; ++k) key_columns.push_back(k);
    std::set<std::string>& seen = keys[std::string(type.name)];
    for (size_t r = 1; r < table.size(); ++r) {
      const std::string key = KeyOf(table[r], key_columns);
      EXPECT_TRUE(seen.insert(key).second) << type.name << " repeats key " << key;
    }
    // Every reference (skipped when blank) names a record written earlier.
    for (const ReferenceSpec& ref : type.references) {
      std::vector<int> columns;
      std::string_view rest = ref.fields;
      while (!rest.empty()) {
        const size_t comma = rest.find(',');
        columns.push_back(Column(table, rest.substr(0, comma)));
        rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
      }
      const std::set<std::string>& targets = keys[std::string(ref.target)];
      for (size_t r = 1; r < table.size(); ++r) {
        bool blank = false;
        for (int c : columns) blank |= table[r][static_cast<size_t>(c)].empty();
        if (blank) continue;
        ASSERT_TRUE(targets.count(KeyOf(table[r], columns)))
            << type.name << " row " << r << " refers to a missing " << ref.target;
      }
    }
  }
}

TEST_F(GeneratorTest, NothingIsDoneAfterTheAsAtDate) {
  const fs::path dir = Run("as_at", 13, 0.05);
  const std::string as_at = "2011-03-31";
  const std::pair<const char*, const char*> done_fields[] = {
      {"sentences", "termination_date"},     {"court_reports", "delivered_date"},
      {"assessments", "completed_date"},     {"breaches", "resolved_date"},
      {"requirements", "end_date"},          {"responsible_officers", "start_date"},
      {"staff_absences", "end_date"},        {"reoffences", "conviction_date"},
      {"victim_contacts", "contact_date"},   {"surveys", "response_date"},
      {"people", "first_sanction_date"},     {"registrations", "start_date"},
      {"sfo_reviews", "notified_date"},      {"sfo_reviews", "review_completed_date"},
      {"bass_placements", "departure_date"}, {"court_disposals", "sentence_date"}};
  for (const auto& [file, field] : done_fields) {
    const Table table = ReadTable(dir / (std::string(file) + ".csv"));
    const int c = Column(table, field);
    for (size_t r = 1; r < table.size(); ++r) {
      EXPECT_LE(table[r][static_cast<size_t>(c)], as_at) << file << "." << field;
    }
  }
  const Table contacts = ReadTable(dir / "contacts.csv");
  const int date = Column(contacts, "contact_date"), outcome = Column(contacts, "outcome");
  int future = 0;
  for (size_t r = 1; r < contacts.size(); ++r) {
    if (contacts[r][static_cast<size_t>(date)] <= as_at) continue;
    ++future;
    EXPECT_EQ(contacts[r][static_cast<size_t>(outcome)], "") << "future appointment has an outcome";
    EXPECT_LE(contacts[r][static_cast<size_t>(date)], "2011-04-28");
  }
  EXPECT_GT(future, 0) << "no appointments scheduled after the as-at date";
}

// Yearly volumes of a trust at scale 1 for 2009/10 and 2010/11, against the caseload annex
// (measures.md §4: SDR 2025/1785, FDR+oral 2091/2485, community orders 2775/2774, custody
// pre-release 676/587, licences 703/713, breaches 1793/1537, standard recalls 209/210).
TEST_F(GeneratorTest, TrustYearlyVolumesAreNearTheCaseloadAnnex) {
  const fs::path dir = Run("volumes", 1, 1.0);
  auto in_year = [](const std::string& date, int fy) {
    return date >= std::to_string(fy) + "-04-01" && date <= std::to_string(fy + 1) + "-03-31";
  };
  for (int fy : {2009, 2010}) {
    std::map<std::string, int> n;
    const Table reports = ReadTable(dir / "court_reports.csv");
    const int type = Column(reports, "report_type"), delivered = Column(reports, "delivered_date");
    for (size_t r = 1; r < reports.size(); ++r) {
      if (in_year(reports[r][static_cast<size_t>(delivered)], fy))
        ++n[reports[r][static_cast<size_t>(type)]];
    }
    const Table sentences = ReadTable(dir / "sentences.csv");
    const int kind = Column(sentences, "sentence_type"), start = Column(sentences, "start_date");
    for (size_t r = 1; r < sentences.size(); ++r) {
      if (in_year(sentences[r][static_cast<size_t>(start)], fy))
        ++n[sentences[r][static_cast<size_t>(kind)]];
    }
    const Table breaches = ReadTable(dir / "breaches.csv");
    const int failure = Column(breaches, "failure_date");
    for (size_t r = 1; r < breaches.size(); ++r) {
      if (in_year(breaches[r][static_cast<size_t>(failure)], fy)) ++n["breach"];
    }
    const Table recalls = ReadTable(dir / "recalls.csv");
    const int decided = Column(recalls, "decision_time"), recall = Column(recalls, "recall_type");
    for (size_t r = 1; r < recalls.size(); ++r) {
      if (recalls[r][static_cast<size_t>(recall)] == "STANDARD" &&
          in_year(recalls[r][static_cast<size_t>(decided)].substr(0, 10), fy)) {
        ++n["recall"];
      }
    }
    SCOPED_TRACE("financial year " + std::to_string(fy));
    EXPECT_GT(n["SDR"], 1500);
    EXPECT_LT(n["SDR"], 2400);
    EXPECT_GT(n["FDR"] + n["ORAL"], 1700);
    EXPECT_LT(n["FDR"] + n["ORAL"], 2800);
    EXPECT_GT(n["CO"] + n["SSO"] + n["PCJA"], 2300);
    EXPECT_LT(n["CO"] + n["SSO"] + n["PCJA"], 3300);
    EXPECT_GT(n["SSO"], 550);
    EXPECT_LT(n["SSO"], 1000);
    EXPECT_GT(n["CUS"], 450);
    EXPECT_LT(n["CUS"], 850);
    EXPECT_GT(n["LIC"], 550);
    EXPECT_LT(n["LIC"], 950);
    EXPECT_GT(n["breach"], 1200);
    EXPECT_LT(n["breach"], 2100);
    EXPECT_GT(n["recall"], 140);
    EXPECT_LT(n["recall"], 320);
  }
  // People under supervision on the as-at date.
  const Table sentences = ReadTable(dir / "sentences.csv");
  const int start = Column(sentences, "start_date"), end = Column(sentences, "termination_date");
  std::set<std::string> open;
  for (size_t r = 1; r < sentences.size(); ++r) {
    if (sentences[r][static_cast<size_t>(end)].empty()) open.insert(sentences[r][0]);
    EXPECT_LE(sentences[r][static_cast<size_t>(start)], "2011-03-31");
  }
  EXPECT_GT(open.size(), 3000u);
  EXPECT_LT(open.size(), 6000u);

  // BASS: beds occupied on the as-at night near Cheshire's planned 34 male + 6 female.
  const Table bass = ReadTable(dir / "bass_placements.csv");
  const int gender = Column(bass, "gender"), departure = Column(bass, "departure_date");
  int men = 0, women = 0;
  for (size_t r = 1; r < bass.size(); ++r) {
    if (!bass[r][static_cast<size_t>(departure)].empty()) continue;
    ++(bass[r][static_cast<size_t>(gender)] == "F" ? women : men);
  }
  EXPECT_GT(men, 20);
  EXPECT_LT(men, 50);
  EXPECT_GT(women, 1);
  EXPECT_LT(women, 15);
  // Serious further offences: about 14 charged a year (2010/11 here).
  const Table sfo = ReadTable(dir / "sfo_reviews.csv");
  const int charged = Column(sfo, "charge_date");
  int sfo_2010 = 0;
  for (size_t r = 1; r < sfo.size(); ++r)
    sfo_2010 += in_year(sfo[r][static_cast<size_t>(charged)], 2010);
  EXPECT_GT(sfo_2010, 5);
  EXPECT_LT(sfo_2010, 30);
  // Fines and discharges, with or without a report (annex: 508 in 2009/10, 313 in 2010/11).
  const Table fines = ReadTable(dir / "court_disposals.csv");
  const int passed = Column(fines, "sentence_date");
  int fines_2010 = 0;
  for (size_t r = 1; r < fines.size(); ++r) {
    fines_2010 += in_year(fines[r][static_cast<size_t>(passed)], 2010);
  }
  EXPECT_GT(fines_2010, 250);
  EXPECT_LT(fines_2010, 650);
}

TEST_F(GeneratorTest, NationalProfileHasTenRegionsAndThirtyFiveTrustsWithUniqueCrns) {
  const fs::path dir = Run("national", 2, 0.01, GeneratorProfile::kNational);
  const Table units = ReadTable(dir / "org_units.csv");
  std::map<std::string, int> levels;
  for (size_t r = 1; r < units.size(); ++r) ++levels[units[r][2]];
  EXPECT_EQ(levels["region"], 10);
  EXPECT_EQ(levels["trust"], 35);
  EXPECT_GE(levels["ldu"], 35 * 3);
  EXPECT_LE(levels["ldu"], 35 * 6);
  const Table people = ReadTable(dir / "people.csv");
  std::set<std::string> crns;
  for (size_t r = 1; r < people.size(); ++r) {
    const std::string& crn = people[r][0];
    EXPECT_TRUE(crns.insert(crn).second) << crn;
    ASSERT_EQ(crn.size(), 7u);
    EXPECT_TRUE(crn[0] >= 'A' && crn[0] <= 'Z') << crn;
  }
}

TEST_F(GeneratorTest, UnwritableOutputFolderIsAnIoErrorNamingThePath) {
  const fs::path file = fs::path(::testing::TempDir()) / "generator_test_not_a_folder";
  std::ofstream(file) << "x";
  GeneratorOptions options;
  options.scale = 0.01;
  options.out_dir = (file / "out").string();
  Result<GeneratorSummary> summary = Generate(options, calendar_);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), StatusCode::kIoError);
  EXPECT_NE(summary.status().message().find(options.out_dir), std::string::npos)
      << summary.status().message();
}

}  // namespace
}  // namespace probation
