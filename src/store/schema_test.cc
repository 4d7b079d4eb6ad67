#include "store/schema.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
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

// Two first uses at once: both read version 0 while a third connection holds the write lock,
// then both wait for it. The second to get the lock must see the first's migration (the
// version is read again under the lock) rather than run migration 1 again.
TEST(SchemaTest, TwoMigrationsOfANewDatabaseAtOnceRunOnce) {
  const std::string path = ::testing::TempDir() + "/schema_concurrent.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  Result<std::unique_ptr<Database>> holder = Database::Open(path);
  ASSERT_TRUE(holder.ok());
  ASSERT_TRUE((*holder)->Execute("BEGIN IMMEDIATE").ok());
  Result<std::unique_ptr<Database>> a = Database::Open(path);
  Result<std::unique_ptr<Database>> b = Database::Open(path);
  ASSERT_TRUE(a.ok() && b.ok());
  Status status_a, status_b;
  std::thread ta([&] { status_a = Migrate(a->get()); });
  std::thread tb([&] { status_b = Migrate(b->get()); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_TRUE((*holder)->Execute("ROLLBACK").ok());
  ta.join();
  tb.join();
  EXPECT_TRUE(status_a.ok()) << status_a.message();
  EXPECT_TRUE(status_b.ok()) << status_b.message();
  EXPECT_EQ(UserVersion(a->get()), LatestSchemaVersion());
}

// Versions rise from 1 (gaps allowed: numbers are handed out to parallel work), so every
// database passes through every migration newer than it, in order.
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
