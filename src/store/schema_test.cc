#include "store/schema.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace probation {
namespace {

std::vector<std::string> Columns(Database* db, std::string_view table) {
  Result<Statement> stmt = db->Prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid");
  EXPECT_TRUE(stmt.ok());
  stmt->BindText(1, table);
  std::vector<std::string> out;
  while (*stmt->Step()) out.emplace_back(stmt->ColumnText(0));
  return out;
}

int UserVersion(Database* db) {
  Result<Statement> stmt = db->Prepare("PRAGMA user_version");
  EXPECT_TRUE(*stmt->Step());
  return static_cast<int>(stmt->ColumnInt(0));
}

TEST(SchemaTest, FreshDatabaseGetsEveryTableOfTheModel) {
  Result<std::unique_ptr<Database>> db = OpenStore(":memory:");
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ(UserVersion(db->get()), LatestSchemaVersion());
  for (const RecordType& type : AllRecordTypes()) {
    std::vector<std::string> expected;
    for (const FieldSpec& f : type.fields) expected.emplace_back(f.name);
    EXPECT_EQ(Columns(db->get(), type.name), expected) << type.name;
  }
}

TEST(SchemaTest, OlderDatabaseIsMigratedWithItsData) {
  const std::string path = ::testing::TempDir() + "/schema_v1.db";
  std::remove(path.c_str());
  {
    Result<std::unique_ptr<Database>> db = Database::Open(path);
    ASSERT_TRUE(db.ok());
    // Build a version-1 database by hand, as an older binary left it.
    ASSERT_TRUE((*db)->Execute(AllMigrations()[0].sql).ok());
    ASSERT_TRUE((*db)->Execute("PRAGMA user_version = 1").ok());
    ASSERT_TRUE((*db)
                    ->Execute("INSERT INTO people (crn, surname, forenames, date_of_birth, "
                              "gender) VALUES ('X000001', 'Doe', 'Jo', '1980-01-01', 'F')")
                    .ok());
  }
  Result<std::unique_ptr<Database>> db = OpenStore(path);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ(UserVersion(db->get()), LatestSchemaVersion());
  EXPECT_FALSE(Columns(db->get(), "import_runs").empty());
  EXPECT_FALSE(Columns(db->get(), "plan_items").empty());
  Result<Statement> count = (*db)->Prepare("SELECT count(*) FROM people");
  ASSERT_TRUE(*count->Step());
  EXPECT_EQ(count->ColumnInt(0), 1);
}

TEST(SchemaTest, NewerDatabaseIsRefusedUntouched) {
  const std::string path = ::testing::TempDir() + "/schema_future.db";
  std::remove(path.c_str());
  {
    Result<std::unique_ptr<Database>> db = Database::Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Execute("PRAGMA user_version = 999").ok());
  }
  Result<std::unique_ptr<Database>> db = OpenStore(path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(db.status().message().find("newer"), std::string::npos);
}

// Versions rise from 1 (gaps allowed: Migrate() runs every version newer than the database's),
// so every database passes through every migration.
TEST(SchemaTest, MigrationsAreNumberedInOrder) {
  int previous = 0;
  for (const Migration& m : AllMigrations()) {
    EXPECT_GT(m.version, previous);
    previous = m.version;
  }
  EXPECT_EQ(AllMigrations().front().version, 1);
}

}  // namespace
}  // namespace probation
