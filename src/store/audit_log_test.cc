// The audit log: entries chain by hash; the chain verifies; UPDATE and DELETE are refused by
// triggers; a row changed behind the triggers' back (or removed) is found and named; search
// by user, record key and date.
#include "store/audit_log.h"

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "store/schema.h"

namespace probation {
namespace {

constexpr int64_t kNoon = 1733572800;  // 2024-12-07T12:00:00Z

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto().ok());
    Result<std::unique_ptr<Database>> db = Database::Open(":memory:");
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    ASSERT_TRUE(Migrate(db_.get()).ok());
  }

  AuditEntry Append(const std::string& user, const std::string& key, int64_t at,
                    AuditOutcome outcome = AuditOutcome::kAllowed) {
    AuditEntry e;
    e.user_id = 7;
    e.username = user;
    e.address = "10.0.0.1";
    e.action = "GET /api/v1/cases/{crn}";
    e.record_type = "people";
    e.record_key = key;
    e.outcome = outcome;
    EXPECT_TRUE(AppendAudit(db_.get(), &e, at).ok());
    return e;
  }

  std::unique_ptr<Database> db_;
};

TEST_F(AuditLogTest, EntriesChainAndVerify) {
  const AuditEntry first = Append("alice", "X100001", kNoon);
  const AuditEntry second = Append("bob", "X100002", kNoon + 60, AuditOutcome::kRefused);
  EXPECT_EQ(first.seq, 1);
  EXPECT_EQ(second.seq, 2);
  EXPECT_EQ(first.at, "2024-12-07T12:00:00Z");
  EXPECT_EQ(first.prev_hash, std::string(64, '0'));
  EXPECT_EQ(second.prev_hash, first.hash);
  EXPECT_EQ(first.hash.size(), 64u);
  Result<AuditVerification> v = VerifyAuditChain(db_.get());
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->intact);
  EXPECT_EQ(v->entries, 2);
  EXPECT_EQ(v->last_hash, second.hash);
}

TEST_F(AuditLogTest, EmptyLogIsIntact) {
  Result<AuditVerification> v = VerifyAuditChain(db_.get());
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->intact);
  EXPECT_EQ(v->entries, 0);
}

TEST_F(AuditLogTest, TriggersRefuseUpdateAndDelete) {
  Append("alice", "X100001", kNoon);
  EXPECT_FALSE(db_->Execute("UPDATE audit_log SET username = 'mallory' WHERE seq = 1").ok());
  EXPECT_FALSE(db_->Execute("DELETE FROM audit_log WHERE seq = 1").ok());
  Result<std::vector<AuditEntry>> all = SearchAudit(db_.get(), {});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].username, "alice");
}

TEST_F(AuditLogTest, ChangedRowIsNamed) {
  for (int i = 0; i < 5; ++i) Append("alice", "X10000" + std::to_string(i), kNoon + i);
  // Someone with write access to the file drops the trigger and edits entry 3.
  ASSERT_TRUE(db_->Execute("DROP TRIGGER audit_log_no_update").ok());
  ASSERT_TRUE(db_->Execute("UPDATE audit_log SET record_key = 'X999999' WHERE seq = 3").ok());
  Result<AuditVerification> v = VerifyAuditChain(db_.get());
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->intact);
  EXPECT_EQ(v->first_broken, 3);
  EXPECT_NE(v->reason.find("content"), std::string::npos);
}

TEST_F(AuditLogTest, ChangedRowWithRecomputedHashBreaksTheNextLink) {
  for (int i = 0; i < 4; ++i) Append("alice", "X10000" + std::to_string(i), kNoon + i);
  ASSERT_TRUE(db_->Execute("DROP TRIGGER audit_log_no_update").ok());
  // Recomputing entry 2's own hash hides the edit there, but entry 3 still links to the old one.
  Result<std::vector<AuditEntry>> all = SearchAudit(db_.get(), {});
  ASSERT_TRUE(all.ok());
  AuditEntry edited = (*all)[1];
  edited.username = "mallory";
  const std::string hash = AuditEntryHash(edited);
  Result<Statement> update =
      db_->Prepare("UPDATE audit_log SET username = 'mallory', hash = ? WHERE seq = 2");
  ASSERT_TRUE(update.ok());
  update->BindText(1, hash);
  ASSERT_TRUE(update->Run().ok());
  Result<AuditVerification> v = VerifyAuditChain(db_.get());
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->intact);
  EXPECT_EQ(v->first_broken, 3);
}

TEST_F(AuditLogTest, RemovedRowIsFound) {
  for (int i = 0; i < 4; ++i) Append("alice", "X10000" + std::to_string(i), kNoon + i);
  ASSERT_TRUE(db_->Execute("DROP TRIGGER audit_log_no_delete").ok());
  ASSERT_TRUE(db_->Execute("DELETE FROM audit_log WHERE seq = 2").ok());
  Result<AuditVerification> v = VerifyAuditChain(db_.get());
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->intact);
  EXPECT_EQ(v->first_broken, 3);
}

TEST_F(AuditLogTest, SearchByUserKeyAndDate) {
  Append("alice", "X100001", kNoon);               // 2024-12-07
  Append("bob", "X100001", kNoon + 86400);         // 2024-12-08
  Append("alice", "X100002", kNoon + 2 * 86400);   // 2024-12-09
  const auto count = [&](AuditFilter f) {
    Result<std::vector<AuditEntry>> r = SearchAudit(db_.get(), f);
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->size() : 0;
  };
  EXPECT_EQ(count({.username = "alice"}), 2u);
  EXPECT_EQ(count({.record_key = "X100001"}), 2u);
  EXPECT_EQ(count({.username = "alice", .record_key = "X100001"}), 1u);
  EXPECT_EQ(count({.from = "2024-12-08"}), 2u);
  EXPECT_EQ(count({.to = "2024-12-08"}), 2u);
  EXPECT_EQ(count({.from = "2024-12-08", .to = "2024-12-08"}), 1u);
  EXPECT_EQ(count({.limit = 1, .offset = 2}), 1u);
}

TEST_F(AuditLogTest, SearchByOutcomeNewestFirst) {
  Append("alice", "X100001", kNoon);
  Append("bob", "X100001", kNoon + 60, AuditOutcome::kRefused);
  Append("alice", "X100001", kNoon + 120);
  Append("carol", "X100002", kNoon + 180, AuditOutcome::kRefused);
  Result<std::vector<AuditEntry>> refused = SearchAudit(db_.get(), {.outcome = "refused"});
  ASSERT_TRUE(refused.ok());
  ASSERT_EQ(refused->size(), 2u);
  EXPECT_EQ((*refused)[0].username, "bob");  // oldest first by default
  Result<std::vector<AuditEntry>> newest =
      SearchAudit(db_.get(), {.record_key = "X100001", .newest_first = true});
  ASSERT_TRUE(newest.ok());
  ASSERT_EQ(newest->size(), 3u);
  EXPECT_EQ((*newest)[0].seq, 3);
  EXPECT_EQ((*newest)[2].seq, 1);
  // A page of the newest-first list: the second entry only.
  Result<std::vector<AuditEntry>> page = SearchAudit(
      db_.get(), {.record_key = "X100001", .limit = 1, .offset = 1, .newest_first = true});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ((*page)[0].username, "bob");
  Result<std::vector<AuditEntry>> allowed =
      SearchAudit(db_.get(), {.username = "bob", .outcome = "allowed"});
  ASSERT_TRUE(allowed.ok());
  EXPECT_TRUE(allowed->empty());
}

TEST_F(AuditLogTest, LastSignInIsTheLatestAllowedSignIn) {
  const auto sign_in = [&](const std::string& user, int64_t at, AuditOutcome outcome) {
    AuditEntry e;
    e.username = user;
    e.address = "10.0.0.1";
    e.action = "sign-in";
    e.outcome = outcome;
    ASSERT_TRUE(AppendAudit(db_.get(), &e, at).ok());
  };
  Result<std::string> never = LastSignIn(db_.get(), "alice");
  ASSERT_TRUE(never.ok());
  EXPECT_EQ(*never, "");
  sign_in("alice", kNoon, AuditOutcome::kAllowed);
  sign_in("alice", kNoon + 3600, AuditOutcome::kAllowed);
  sign_in("alice", kNoon + 7200, AuditOutcome::kRefused);  // a failure is not a sign-in
  sign_in("bob", kNoon + 9000, AuditOutcome::kAllowed);
  Append("alice", "X100001", kNoon + 9600);  // a later case read is not a sign-in either
  Result<std::string> last = LastSignIn(db_.get(), "alice");
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(*last, "2024-12-07T13:00:00Z");
}

}  // namespace
}  // namespace probation
