// The audit log: an append-only, tamper-evident record of who did what to which record, from
// where, and whether it was allowed (table audit_log, migration 5). Each entry carries a
// SHA-256 hash over its content and the previous entry's hash (the first entry's previous
// hash is 64 zeros), so a changed, inserted or removed entry breaks the chain at that point;
// triggers refuse UPDATE and DELETE. Removing entries from the end cannot be detected from the
// log alone: keep copies of the latest hash elsewhere (docs/operations.md).
//
// Functions only; each call uses the given connection (one per thread, store/database.h).
// Appends from several connections or processes are serialised by SQLite's write lock.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/database.h"

namespace probation {

enum class AuditOutcome { kAllowed, kRefused };
std::string_view AuditOutcomeName(AuditOutcome outcome);  // "allowed", "refused"

struct AuditEntry {
  int64_t seq = 0;       // set by AppendAudit
  std::string at;        // UTC, "2026-12-07T16:30:00Z"; set by AppendAudit
  int64_t user_id = 0;   // 0: no user (a failed sign-in for an unknown name)
  std::string username;  // as given at sign-in, or the signed-in user's
  std::string address;   // the client's address
  std::string action;    // "sign-in", "GET /api/v1/cases/{crn}", "users disable", ...
  std::string record_type;  // a record type ("people") for a case record; else empty
  std::string record_key;   // the record's key (a CRN); else empty
  std::string query;        // for aggregates and lists: the query asked ("measure=PT6 ...")
  std::string unit;         // for aggregates and lists: the unit asked about
  AuditOutcome outcome = AuditOutcome::kAllowed;
  std::string detail;  // why it was refused, or what changed
  std::string prev_hash;
  std::string hash;
};

// The hash of `entry`'s content (every field but seq and hash) and its prev_hash.
std::string AuditEntryHash(const AuditEntry& entry);

// Appends `entry` at time `now` (Unix seconds) in its own transaction; fills seq, at,
// prev_hash and hash. REQUIRES: no transaction is open on `db`.
Status AppendAudit(Database* db, AuditEntry* entry, int64_t now);

struct AuditVerification {
  int64_t entries = 0;         // entries checked
  bool intact = true;
  int64_t first_broken = 0;    // seq of the first entry that breaks the chain
  std::string reason;          // why it breaks
  std::string last_hash;       // the hash of the last entry (when intact)
};

// Walks the chain in seq order and reports the first entry whose hash or link is wrong.
Result<AuditVerification> VerifyAuditChain(Database* db);

struct AuditFilter {
  std::string username{};  // exact; empty: any
  std::string record_key{};  // exact (a CRN); empty: any
  std::string from{};      // YYYY-MM-DD inclusive; empty: no bound
  std::string to{};        // YYYY-MM-DD inclusive; empty: no bound
  int64_t limit = 1000;
  int64_t offset = 0;
  std::string outcome{};     // "allowed" or "refused"; empty: either
  bool newest_first = false;  // order by seq descending (the administrator's page)
};

// Entries matching `filter`, oldest first (newest first when filter.newest_first).
Result<std::vector<AuditEntry>> SearchAudit(Database* db, const AuditFilter& filter);
// How many entries match `filter`, whatever its limit and offset.
Result<int64_t> CountAudit(Database* db, const AuditFilter& filter);

// When `username` last signed in successfully (the latest allowed "sign-in" entry), as UTC
// "2026-12-07T16:30:00Z"; empty when never.
Result<std::string> LastSignIn(Database* db, std::string_view username);

}  // namespace probation
