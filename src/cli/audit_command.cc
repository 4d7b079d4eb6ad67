// `probation audit verify --db FILE` and `probation audit list --db FILE [--user U] [--crn X]
// [--from D] [--to D] [--limit N]`.
#include <cstdio>
#include <iostream>

#include "base/crypto.h"
#include "cli/commands.h"
#include "store/audit_log.h"
#include "store/schema.h"

namespace probation {
namespace {

struct AuditArgs {
  std::string db;
  AuditFilter filter;
};

// 0 when the chain is intact, 1 when it is broken (the entry named), 2 on an error.
int RunVerify(const AuditArgs& args) {
  if (const Status s = InitCrypto(); !s.ok()) return 2;
  Result<std::unique_ptr<Database>> db = OpenStore(args.db);
  Result<AuditVerification> v =
      db.ok() ? VerifyAuditChain(db->get()) : Result<AuditVerification>(db.status());
  if (!v.ok()) {
    std::cerr << "probation audit verify: " << v.status().message() << "\n";
    return 2;
  }
  if (v->intact) {
    std::printf("audit log intact: %lld entries; last hash %s\n",
                static_cast<long long>(v->entries), v->last_hash.c_str());
    return 0;
  }
  std::printf("audit log BROKEN at entry %lld: %s\n", static_cast<long long>(v->first_broken),
              v->reason.c_str());
  return 1;
}

int RunList(const AuditArgs& args) {
  Result<std::unique_ptr<Database>> db = OpenStore(args.db);
  Result<std::vector<AuditEntry>> entries =
      db.ok() ? SearchAudit(db->get(), args.filter) : Result<std::vector<AuditEntry>>(db.status());
  if (!entries.ok()) {
    std::cerr << "probation audit list: " << entries.status().message() << "\n";
    return 2;
  }
  for (const AuditEntry& e : *entries) {
    std::printf("%lld %s %s %s %s %s%s%s%s%s%s%s%s\n", static_cast<long long>(e.seq), e.at.c_str(),
                e.username.c_str(), e.address.c_str(),
                std::string(AuditOutcomeName(e.outcome)).c_str(), e.action.c_str(),
                e.record_type.empty() ? "" : " ", e.record_type.c_str(),
                e.record_key.empty() ? "" : " ", e.record_key.c_str(),
                e.query.empty() ? "" : (" [" + e.query + " unit=" + e.unit + "]").c_str(),
                e.detail.empty() ? "" : ": ", e.detail.c_str());
  }
  return 0;
}

}  // namespace

void AddAuditCommands(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<AuditArgs>();
  CLI::App* audit = app.add_subcommand("audit", "The audit log: verify its chain, search it");
  audit->require_subcommand(1);
  CLI::App* verify = audit->add_subcommand(
      "verify", "Check the audit log's hash chain; names the first entry that breaks it");
  verify->add_option("--db", args->db, "Database file")->required()->check(CLI::ExistingFile);
  verify->callback([=] { *exit_code = RunVerify(*args); });
  CLI::App* list = audit->add_subcommand("list", "Audit entries, oldest first");
  list->add_option("--db", args->db, "Database file")->required()->check(CLI::ExistingFile);
  list->add_option("--user", args->filter.username, "Only this user's actions");
  list->add_option("--crn", args->filter.record_key, "Only entries about this CRN (record key)");
  list->add_option("--from", args->filter.from, "From this date, YYYY-MM-DD");
  list->add_option("--to", args->filter.to, "To this date, YYYY-MM-DD");
  list->add_option("--limit", args->filter.limit, "At most this many")->default_val(1000);
  list->callback([=] { *exit_code = RunList(*args); });
}

}  // namespace probation
