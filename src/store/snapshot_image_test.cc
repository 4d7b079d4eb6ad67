// The snapshot image: an image read back is the snapshot built from the store, column by
// column; a stale, foreign, truncated, corrupt or missing image is a clear error naming the
// file; derived values follow the calendar in use when the image is loaded.
#include "store/snapshot_image.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "base/calendar.h"
#include "ingest/generator.h"
#include "ingest/importer.h"
#include "model/record_types.h"
#include "store/image_io.h"
#include "store/schema.h"

namespace probation {
namespace {

namespace fs = std::filesystem;

Calendar ReferenceCalendar() {
  Result<Calendar> calendar =
      Calendar::FromChangesFile(PROBATION_SOURCE_DIR "/reference/bank_holiday_changes.csv");
  EXPECT_TRUE(calendar.ok()) << calendar.status().ToString();
  return calendar.ok() ? std::move(*calendar) : Calendar::RulesOnly();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream(path, std::ios::binary)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

Status ImportPaths(Database* db, std::vector<std::string> paths) {
  ImportOptions options;
  options.paths = std::move(paths);
  PROBATION_ASSIGN_OR_RETURN(const ImportResult result, Import(db, options));
  if (result.ExitCode() != 0) return Internal("the import rejected rows");
  return Status::Ok();
}

bool SameBits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

// Every table, column, dictionary and relation the same, and the same latest activity.
void ExpectSameSnapshot(const Snapshot& a, const Snapshot& b) {
  EXPECT_EQ(a.latest_activity().days(), b.latest_activity().days());
  ASSERT_EQ(a.tables().size(), b.tables().size());
  for (size_t t = 0; t < a.tables().size(); ++t) {
    const SnapshotTable& x = a.tables()[t];
    const SnapshotTable& y = b.tables()[t];
    SCOPED_TRACE(std::string(x.type->name));
    EXPECT_EQ(x.type, y.type);
    EXPECT_EQ(x.rows, y.rows);
    ASSERT_EQ(x.columns.size(), y.columns.size());
    for (size_t f = 0; f < x.columns.size(); ++f) {
      SCOPED_TRACE(std::string(x.type->fields[f].name));
      const SnapshotColumn& c = x.columns[f];
      const SnapshotColumn& d = y.columns[f];
      EXPECT_EQ(c.type, d.type);
      EXPECT_TRUE(c.i32 == d.i32);
      EXPECT_TRUE(c.i64 == d.i64);
      EXPECT_TRUE(SameBits(c.f64, d.f64));
      EXPECT_TRUE(c.i8 == d.i8);
      EXPECT_TRUE(c.text == d.text);
      EXPECT_TRUE(c.dictionary == d.dictionary);
    }
    ASSERT_EQ(x.relations.size(), y.relations.size());
    for (size_t r = 0; r < x.relations.size(); ++r) {
      EXPECT_TRUE(x.relations[r] == y.relations[r]) << RelationsFrom(*x.type)[r].name;
    }
  }
}

// A small generated trust in a store, its snapshot and stamp, and an image of it: built once
// per process (ctest runs each test in its own process).
class SnapshotImageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(::testing::TempDir()) /
                        ("snapshot_image_test_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    calendar_ = new Calendar(ReferenceCalendar());
    GeneratorOptions options{.seed = 5, .out_dir = (*dir_ / "data").string(), .scale = 0.02};
    Result<GeneratorSummary> generated = Generate(options, *calendar_);
    ASSERT_TRUE(generated.ok()) << generated.status().ToString();
    Result<std::unique_ptr<Database>> db = OpenStore((*dir_ / "trust.db").string());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = db->release();
    ASSERT_TRUE(ImportPaths(db_, {options.out_dir}).ok());
    Result<StampedSnapshot> built = LoadStampedSnapshot(db_, *calendar_);
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    built_ = new StampedSnapshot(std::move(*built));
    image_ = new std::string((*dir_ / "trust.db.snapshot").string());
    const Status saved = SaveSnapshotImage(*built_->snapshot, *image_, built_->stamp);
    ASSERT_TRUE(saved.ok()) << saved.ToString();
    ready_ = true;
  }
  static void TearDownTestSuite() {
    ready_ = false;
    delete built_;
    delete db_;
    delete calendar_;
    delete image_;
    fs::remove_all(*dir_);
    delete dir_;
  }

  void SetUp() override { ASSERT_TRUE(ready_) << "the generated trust or its image failed"; }

  // A copy of the image with `edit` applied, at a path of its own.
  static std::string EditedCopy(const std::string& name,
                                const std::function<void(std::string*)>& edit) {
    std::string bytes = ReadFile(*image_);
    edit(&bytes);
    const std::string path = (*dir_ / name).string();
    WriteFile(path, bytes);
    return path;
  }

  static fs::path* dir_;
  static Calendar* calendar_;
  static Database* db_;
  static StampedSnapshot* built_;
  static std::string* image_;
  static bool ready_;
};

fs::path* SnapshotImageTest::dir_;
Calendar* SnapshotImageTest::calendar_;
Database* SnapshotImageTest::db_;
StampedSnapshot* SnapshotImageTest::built_;
std::string* SnapshotImageTest::image_;
bool SnapshotImageTest::ready_ = false;

TEST_F(SnapshotImageTest, ReadBackEqualsTheSnapshotBuiltFromTheStore) {
  Result<std::unique_ptr<Snapshot>> loaded = LoadSnapshotImage(*image_, built_->stamp, *calendar_);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ExpectSameSnapshot(*built_->snapshot, **loaded);
  size_t rows = 0, empty_tables = 0;
  for (const SnapshotTable& t : (*loaded)->tables()) {
    rows += t.rows;
    empty_tables += t.rows == 0;
  }
  EXPECT_GT(rows, 1000u);
  EXPECT_EQ(empty_tables, 0u);
}

TEST_F(SnapshotImageTest, TheStampIsTheDatabasesLatestImport) {
  Result<SnapshotStamp> stamp = ReadSnapshotStamp(db_);
  ASSERT_TRUE(stamp.ok()) << stamp.status().ToString();
  EXPECT_EQ(*stamp, built_->stamp);
  EXPECT_EQ(stamp->schema_version, LatestSchemaVersion());
  EXPECT_EQ(stamp->import_run_id, 1);
  EXPECT_FALSE(stamp->import_finished_at.empty());
  EXPECT_GT(stamp->rows_inserted, 1000);
  EXPECT_EQ(stamp->rows_updated, 0);
}

TEST_F(SnapshotImageTest, AnotherStampIsRefusedAsStale) {
  for (int change = 0; change < 5; ++change) {
    SnapshotStamp other = built_->stamp;
    if (change == 0) other.schema_version += 1;
    if (change == 1) other.import_run_id += 1;
    if (change == 2) other.import_finished_at += "x";
    if (change == 3) other.rows_inserted += 1;
    if (change == 4) other.rows_updated += 1;
    Result<std::unique_ptr<Snapshot>> loaded = LoadSnapshotImage(*image_, other, *calendar_);
    ASSERT_FALSE(loaded.ok()) << change;
    EXPECT_EQ(loaded.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(loaded.status().message().find(*image_ + " is stale"), std::string::npos)
        << loaded.status().message();
  }
}

TEST_F(SnapshotImageTest, AnImageOfAnotherModelIsRefused) {
  const std::string path = EditedCopy("other_model.snapshot", [](std::string* bytes) {
    const size_t at = bytes->find("working_days_lost decimal");
    ASSERT_NE(at, std::string::npos);
    bytes->replace(at, 25, "working_days_lost integer");
  });
  Result<std::unique_ptr<Snapshot>> loaded = LoadSnapshotImage(path, built_->stamp, *calendar_);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(loaded.status().message().find(path), std::string::npos);
  EXPECT_NE(loaded.status().message().find("different record-type model (record type "
                                           "staff_absences differs)"),
            std::string::npos)
      << loaded.status().message();
}

TEST_F(SnapshotImageTest, ATruncatedImageIsAnErrorNamingTheFile) {
  const size_t size = fs::file_size(*image_);
  std::vector<size_t> cuts = {0, 3, 8, 12, 20, 200, 5000, size - 9, size - 8, size - 1};
  for (size_t k = 1; k < 16; ++k) cuts.push_back(size * k / 16);
  for (const size_t cut : cuts) {
    const std::string path =
        EditedCopy("truncated.snapshot", [&](std::string* b) { b->resize(cut); });
    Result<std::unique_ptr<Snapshot>> loaded = LoadSnapshotImage(path, built_->stamp, *calendar_);
    ASSERT_FALSE(loaded.ok()) << "cut at " << cut;
    EXPECT_EQ(loaded.status().code(), StatusCode::kIoError) << loaded.status().message();
    EXPECT_NE(loaded.status().message().find(path), std::string::npos) << loaded.status().message();
  }
}

TEST_F(SnapshotImageTest, ACorruptImageIsAnErrorNamingTheFile) {
  const size_t size = fs::file_size(*image_);
  for (size_t k = 1; k < 16; ++k) {
    const std::string path =
        EditedCopy("corrupt.snapshot", [&](std::string* b) { (*b)[size * k / 16] ^= 0x5a; });
    Result<std::unique_ptr<Snapshot>> loaded = LoadSnapshotImage(path, built_->stamp, *calendar_);
    ASSERT_FALSE(loaded.ok()) << "byte " << size * k / 16;
    EXPECT_NE(loaded.status().message().find(path), std::string::npos) << loaded.status().message();
  }
  const std::string longer = EditedCopy("longer.snapshot", [](std::string* b) { *b += "x"; });
  Result<std::unique_ptr<Snapshot>> loaded = LoadSnapshotImage(longer, built_->stamp, *calendar_);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find(longer + " is corrupt"), std::string::npos)
      << loaded.status().message();
}

// An index out of range behind a valid checksum (a file written wrongly, not damaged) is
// refused too: org_units.code, the first column of the first table, per the documented layout.
TEST_F(SnapshotImageTest, AnIndexOutsideItsDictionaryIsRefused) {
  const std::string path = EditedCopy("bad_index.snapshot", [](std::string* b) {
    const SnapshotStamp& stamp = built_->stamp;
    const size_t table = 8 + 4 + 8 + SnapshotModelDescription().size() + 4 + 8 + 8 +
                         stamp.import_finished_at.size() + 8 + 8 + 8 + 4 + 4;
    const size_t type_byte = table + 8;
    ASSERT_EQ((*b)[type_byte], static_cast<char>(FieldType::kText));
    uint64_t count;
    std::memcpy(&count, b->data() + type_byte + 1, 8);
    char* ids = b->data() + type_byte + 1 + 8;
    const uint32_t bad = 1000000;
    std::memcpy(ids, &bad, 4);
    const uint64_t checksum = ImageChecksum(ids, count * 4);
    std::memcpy(ids + count * 4, &checksum, 8);
  });
  Result<std::unique_ptr<Snapshot>> loaded = LoadSnapshotImage(path, built_->stamp, *calendar_);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find(path + " is corrupt: org_units.code refers to a text "
                                                  "outside its dictionary"),
            std::string::npos)
      << loaded.status().message();
}

// The index of the tables' parts (before the end marker) is checked against the layout too:
// an entry moved, behind a valid checksum, is refused rather than read from the wrong place.
TEST_F(SnapshotImageTest, AnIndexThatDisagreesWithTheLayoutIsRefused) {
  size_t part_count = 1;
  for (const RecordType& type : AllRecordTypes()) part_count += type.fields.size() + 2;
  // The first table's rows, first column and second column, one in the middle, the last
  // table's relations.
  for (const size_t entry : {size_t{0}, size_t{1}, size_t{2}, part_count / 2, part_count - 2}) {
    const std::string path = EditedCopy("bad_part.snapshot", [&](std::string* b) {
      char* parts = b->data() + b->size() - 8 - 8 - 8 * part_count;
      uint64_t count;
      std::memcpy(&count, parts - 8, 8);
      ASSERT_EQ(count, part_count);
      uint64_t offset;
      std::memcpy(&offset, parts + 8 * entry, 8);
      offset += 1;
      std::memcpy(parts + 8 * entry, &offset, 8);
      const uint64_t checksum = ImageChecksum(parts, 8 * part_count);
      std::memcpy(parts + 8 * part_count, &checksum, 8);
    });
    Result<std::unique_ptr<Snapshot>> loaded = LoadSnapshotImage(path, built_->stamp, *calendar_);
    ASSERT_FALSE(loaded.ok()) << "entry " << entry;
    EXPECT_EQ(loaded.status().code(), StatusCode::kIoError) << loaded.status().message();
    // "<path> is corrupt: ..." or, for a table's rows read short, "is truncated or corrupt".
    const std::string message = loaded.status().message();
    EXPECT_EQ(message.rfind(path + " is ", 0), 0u) << message;
    EXPECT_NE(message.find("corrupt"), std::string::npos) << message;
  }
}

TEST_F(SnapshotImageTest, AMissingImageIsNotFound) {
  const std::string path = (*dir_ / "none.snapshot").string();
  Result<std::unique_ptr<Snapshot>> loaded = LoadSnapshotImage(path, built_->stamp, *calendar_);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(loaded.status().message(), "no snapshot image at " + path);
}

TEST_F(SnapshotImageTest, NotAnImageIsAnError) {
  const std::string path = (*dir_ / "not_an_image.snapshot").string();
  WriteFile(path, "date,change,name,source\n");
  Result<std::unique_ptr<Snapshot>> loaded = LoadSnapshotImage(path, built_->stamp, *calendar_);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().message(), path + " is not a snapshot image");
}

TEST_F(SnapshotImageTest, AFailedWriteLeavesNoFileBehind) {
  const std::string path = (*dir_ / "no_such_folder" / "x.snapshot").string();
  const Status saved = SaveSnapshotImage(*built_->snapshot, path, built_->stamp);
  ASSERT_FALSE(saved.ok());
  EXPECT_NE(saved.message().find("x.snapshot.partial-"), std::string::npos) << saved.message();
  EXPECT_FALSE(fs::exists(path));
}

// A hand-made store, changed by a second import, and a calendar changed between writing the
// image and reading it.
class SnapshotImageStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("snapshot_image_store_test_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "data");
    Result<std::unique_ptr<Database>> db = OpenStore((dir_ / "store.db").string());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    const std::string base = PROBATION_SOURCE_DIR "/tests/golden/_base";
    // S1 is full time: a blank working_days_lost is counted from the calendar. The absence
    // spans Easter Monday 2011, the royal wedding (29 April, a one-off holiday in the
    // reference data, not in the rules) and the early May bank holiday.
    WriteFile((dir_ / "data" / "staff_absences.csv").string(),
              "staff_id,absence_no,absence_type,start_date,end_date,working_days_lost\n"
              "S1,1,SICK,2011-04-25,2011-05-06,\n"
              "S1,2,SICK,2011-04-25,2011-05-06,3\n");
    ASSERT_TRUE(ImportPaths(db_.get(), {base, (dir_ / "data").string()}).ok());
  }
  void TearDown() override {
    db_.reset();
    fs::remove_all(dir_);
  }

  std::vector<double> DaysLost(const Snapshot& snapshot) {
    const RecordType& type = *FindRecordType("staff_absences");
    return snapshot.table(type).columns[type.FieldIndex("working_days_lost")].f64;
  }

  fs::path dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(SnapshotImageStoreTest, AnImportMakesTheImageStale) {
  Result<StampedSnapshot> built = LoadStampedSnapshot(db_.get(), Calendar::RulesOnly());
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  const std::string image = (dir_ / "store.db.snapshot").string();
  ASSERT_TRUE(SaveSnapshotImage(*built->snapshot, image, built->stamp).ok());

  WriteFile((dir_ / "people-more.csv").string(),
            "crn,surname,forenames,date_of_birth,gender,ethnicity,disability,"
            "first_sanction_date,sanctions\n"
            "X000009,Nine,Nina,1982-02-02,F,W1,N,2001-01-01,1\n");
  ASSERT_TRUE(ImportPaths(db_.get(), {(dir_ / "people-more.csv").string()}).ok());
  Result<SnapshotStamp> now = ReadSnapshotStamp(db_.get());
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->import_run_id, built->stamp.import_run_id + 1);
  Result<std::unique_ptr<Snapshot>> loaded = LoadSnapshotImage(image, *now, Calendar::RulesOnly());
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(loaded.status().message().find(image + " is stale: it was built from schema " +
                                           std::to_string(LatestSchemaVersion()) +
                                           ", import run 1 finished "),
            std::string::npos)
      << loaded.status().message();
  EXPECT_NE(loaded.status().message().find("the database is now at schema " +
                                           std::to_string(LatestSchemaVersion()) +
                                           ", import run 2 finished "),
            std::string::npos)
      << loaded.status().message();
}

TEST_F(SnapshotImageStoreTest, DerivedDaysLostFollowTheCalendarInUseWhenLoaded) {
  // Written under the rules alone: 8 working days (Easter Monday and 2 May excluded).
  Result<StampedSnapshot> built = LoadStampedSnapshot(db_.get(), Calendar::RulesOnly());
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_EQ(DaysLost(*built->snapshot), (std::vector<double>{8, 3}));
  const std::string image = (dir_ / "store.db.snapshot").string();
  ASSERT_TRUE(SaveSnapshotImage(*built->snapshot, image, built->stamp).ok());

  // Read under the reference calendar, which adds 29 April 2011: 7, as the store gives.
  const Calendar reference = ReferenceCalendar();
  Result<std::unique_ptr<Snapshot>> loaded = LoadSnapshotImage(image, built->stamp, reference);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(DaysLost(**loaded), (std::vector<double>{7, 3}));
  Result<std::unique_ptr<Snapshot>> from_store = Snapshot::Load(db_.get(), reference);
  ASSERT_TRUE(from_store.ok());
  ExpectSameSnapshot(**from_store, **loaded);

  // And an image written under the reference calendar, read under the rules alone: 8 again.
  ASSERT_TRUE(SaveSnapshotImage(**loaded, image, built->stamp).ok());
  loaded = LoadSnapshotImage(image, built->stamp, Calendar::RulesOnly());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(DaysLost(**loaded), (std::vector<double>{8, 3}));
}

}  // namespace
}  // namespace probation
