#include "store/audit_log.h"

#include "base/crypto.h"
#include "base/clock.h"

namespace probation {
namespace {

constexpr char kGenesisHash[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

constexpr char kColumns[] =
    "seq, at, user_id, username, address, action, record_type, record_key, query, unit, "
    "outcome, detail, prev_hash, hash";

AuditEntry ReadEntry(const Statement& row) {
  AuditEntry e;
  e.seq = row.ColumnInt(0);
  e.at = std::string(row.ColumnText(1));
  e.user_id = row.ColumnIsNull(2) ? 0 : row.ColumnInt(2);
  e.username = std::string(row.ColumnText(3));
  e.address = std::string(row.ColumnText(4));
  e.action = std::string(row.ColumnText(5));
  e.record_type = std::string(row.ColumnText(6));
  e.record_key = std::string(row.ColumnText(7));
  e.query = std::string(row.ColumnText(8));
  e.unit = std::string(row.ColumnText(9));
  e.outcome = row.ColumnText(10) == "refused" ? AuditOutcome::kRefused : AuditOutcome::kAllowed;
  e.detail = std::string(row.ColumnText(11));
  e.prev_hash = std::string(row.ColumnText(12));
  e.hash = std::string(row.ColumnText(13));
  return e;
}

void AddField(std::string* out, std::string_view field) {
  *out += std::to_string(field.size());
  *out += ':';
  *out += field;
  *out += ';';
}

}  // namespace

std::string_view AuditOutcomeName(AuditOutcome outcome) {
  return outcome == AuditOutcome::kRefused ? "refused" : "allowed";
}

std::string AuditEntryHash(const AuditEntry& e) {
  // Each field length-prefixed, so no two different entries serialise alike.
  std::string content;
  AddField(&content, e.at);
  AddField(&content, e.user_id == 0 ? std::string() : std::to_string(e.user_id));
  for (const std::string* f : {&e.username, &e.address, &e.action, &e.record_type, &e.record_key,
                               &e.query, &e.unit}) {
    AddField(&content, *f);
  }
  AddField(&content, AuditOutcomeName(e.outcome));
  AddField(&content, e.detail);
  AddField(&content, e.prev_hash);
  return Sha256Hex(content);
}

Status AppendAudit(Database* db, AuditEntry* entry, int64_t now) {
  PROBATION_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db));
  PROBATION_ASSIGN_OR_RETURN(Statement last,
                             db->Prepare("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
  PROBATION_ASSIGN_OR_RETURN(const bool has_last, last.Step());
  entry->prev_hash = has_last ? std::string(last.ColumnText(0)) : std::string(kGenesisHash);
  entry->at = FormatUtc(now);
  entry->hash = AuditEntryHash(*entry);
  PROBATION_ASSIGN_OR_RETURN(
      Statement insert,
      db->Prepare("INSERT INTO audit_log (at, user_id, username, address, action, record_type, "
                  "record_key, query, unit, outcome, detail, prev_hash, hash) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  insert.BindText(1, entry->at);
  if (entry->user_id == 0) {
    insert.BindNull(2);
  } else {
    insert.BindInt(2, entry->user_id);
  }
  insert.BindText(3, entry->username);
  insert.BindText(4, entry->address);
  insert.BindText(5, entry->action);
  insert.BindText(6, entry->record_type);
  insert.BindText(7, entry->record_key);
  insert.BindText(8, entry->query);
  insert.BindText(9, entry->unit);
  insert.BindText(10, AuditOutcomeName(entry->outcome));
  insert.BindText(11, entry->detail);
  insert.BindText(12, entry->prev_hash);
  insert.BindText(13, entry->hash);
  PROBATION_RETURN_IF_ERROR(insert.Run());
  PROBATION_ASSIGN_OR_RETURN(Statement seq, db->Prepare("SELECT last_insert_rowid()"));
  PROBATION_ASSIGN_OR_RETURN(const bool has_seq, seq.Step());
  if (has_seq) entry->seq = seq.ColumnInt(0);
  return tx.Commit();
}

Result<AuditVerification> VerifyAuditChain(Database* db) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement rows,
      db->Prepare(std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY seq"));
  AuditVerification result;
  std::string previous = kGenesisHash;
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool has_row, rows.Step());
    if (!has_row) break;
    const AuditEntry e = ReadEntry(rows);
    ++result.entries;
    if (e.prev_hash != previous) {
      result.intact = false;
      result.first_broken = e.seq;
      result.reason = "its previous-entry hash does not match the entry before it (an entry "
                      "was removed, inserted or changed before it)";
      return result;
    }
    if (AuditEntryHash(e) != e.hash) {
      result.intact = false;
      result.first_broken = e.seq;
      result.reason = "its content does not match its hash (the entry was changed)";
      return result;
    }
    previous = e.hash;
  }
  result.last_hash = result.entries > 0 ? previous : std::string();
  return result;
}

Result<int64_t> CountAudit(Database* db, const AuditFilter& filter) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement count,
      db->Prepare("SELECT count(*) FROM audit_log WHERE (?1 = '' OR username = ?1) AND (?2 = '' "
                  "OR record_key = ?2) AND (?3 = '' OR substr(at, 1, 10) >= ?3) AND (?4 = '' OR "
                  "substr(at, 1, 10) <= ?4) AND (?5 = '' OR outcome = ?5)"));
  count.BindText(1, filter.username);
  count.BindText(2, filter.record_key);
  count.BindText(3, filter.from);
  count.BindText(4, filter.to);
  count.BindText(5, filter.outcome);
  PROBATION_ASSIGN_OR_RETURN(const bool row, count.Step());
  if (!row) return Internal("count(*) returned no row");
  return count.ColumnInt(0);
}

Result<std::vector<AuditEntry>> SearchAudit(Database* db, const AuditFilter& filter) {
  PROBATION_ASSIGN_OR_RETURN(
      Statement rows,
      db->Prepare(std::string("SELECT ") + kColumns +
                  " FROM audit_log WHERE (?1 = '' OR username = ?1) AND (?2 = '' OR "
                  "record_key = ?2) AND (?3 = '' OR substr(at, 1, 10) >= ?3) AND (?4 = '' OR "
                  "substr(at, 1, 10) <= ?4) AND (?7 = '' OR outcome = ?7) ORDER BY seq" +
                  (filter.newest_first ? " DESC" : "") + " LIMIT ?5 OFFSET ?6"));
  rows.BindText(1, filter.username);
  rows.BindText(2, filter.record_key);
  rows.BindText(3, filter.from);
  rows.BindText(4, filter.to);
  rows.BindInt(5, filter.limit);
  rows.BindInt(6, filter.offset);
  rows.BindText(7, filter.outcome);
  std::vector<AuditEntry> out;
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool has_row, rows.Step());
    if (!has_row) break;
    out.push_back(ReadEntry(rows));
  }
  return out;
}

Result<std::string> LastSignIn(Database* db, std::string_view username) {
  // audit_by_user (username, at) finds the user's entries, newest first.
  PROBATION_ASSIGN_OR_RETURN(
      Statement row, db->Prepare("SELECT at FROM audit_log WHERE username = ?1 AND action = "
                                 "'sign-in' AND outcome = 'allowed' ORDER BY at DESC LIMIT 1"));
  row.BindText(1, username);
  PROBATION_ASSIGN_OR_RETURN(const bool has_row, row.Step());
  return has_row ? std::string(row.ColumnText(0)) : std::string();
}

}  // namespace probation
