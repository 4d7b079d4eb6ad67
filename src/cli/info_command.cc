// `probation info --db FILE`: row counts per record type and the date range of the data.
#include <cstdio>
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "model/record_types.h"
#include "store/schema.h"

namespace probation {
namespace {

// The range shown is of what happened: dates of birth, first sanctions and planned end dates
// describe a person or a plan, not activity, and would stretch the range for no use.
bool IsActivityDate(std::string_view field) {
  return field != "date_of_birth" && field != "first_sanction_date" && field != "expected_end_date";
}

void RunInfo(const std::string& path, int* exit_code) {
  Result<std::unique_ptr<Database>> db = OpenStore(path);
  if (!db.ok()) {
    std::cerr << "probation info: " << db.status().message() << "\n";
    *exit_code = 2;
    return;
  }
  std::printf("database %s (schema version %d)\n\n", path.c_str(), LatestSchemaVersion());
  std::printf("%-22s %12s  %-10s  %-10s\n", "record type", "rows", "earliest", "latest");
  std::string earliest, latest;
  for (const RecordType& type : AllRecordTypes()) {
    // One scan per table: the count and the range of every date field.
    std::string sql = "SELECT count(*)";
    int dates = 0;
    for (const FieldSpec& f : type.fields) {
      if (f.type != FieldType::kDate && f.type != FieldType::kDateTime) continue;
      if (!IsActivityDate(f.name)) continue;
      const std::string col = f.type == FieldType::kDate
                                  ? std::string(f.name)
                                  : "substr(" + std::string(f.name) + ",1,10)";
      sql += ", min(" + col + "), max(" + col + ")";
      ++dates;
    }
    // Identifiers from the compiled-in record-type table only.
    sql += " FROM " + std::string(type.name);
    Result<Statement> stmt = (*db)->Prepare(sql);
    if (!stmt.ok()) {
      std::cerr << "probation info: " << stmt.status().message() << "\n";
      *exit_code = 2;
      return;
    }
    Result<bool> row = stmt->Step();
    if (!row.ok() || !*row) {
      std::cerr << "probation info: cannot read " << type.name << "\n";
      *exit_code = 2;
      return;
    }
    std::string lo, hi;
    for (int d = 0; d < dates; ++d) {
      if (!stmt->ColumnIsNull(1 + 2 * d)) {
        const std::string a(stmt->ColumnText(1 + 2 * d)), b(stmt->ColumnText(2 + 2 * d));
        if (lo.empty() || a < lo) lo = a;
        if (hi.empty() || b > hi) hi = b;
      }
    }
    if (!lo.empty() && (earliest.empty() || lo < earliest)) earliest = lo;
    if (!hi.empty() && (latest.empty() || hi > latest)) latest = hi;
    std::printf("%-22s %12lld  %-10s  %-10s\n", std::string(type.name).c_str(),
                static_cast<long long>(stmt->ColumnInt(0)), lo.c_str(), hi.c_str());
  }
  std::printf("\ndata from %s to %s\n", earliest.empty() ? "-" : earliest.c_str(),
              latest.empty() ? "-" : latest.c_str());
}

}  // namespace

void AddInfoCommand(CLI::App& app, int* exit_code) {
  auto db = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "info", "Print the row count of every record type and the date range of the data");
  cmd->add_option("--db", *db, "Database file")->required()->check(CLI::ExistingFile);
  cmd->callback([=] { RunInfo(*db, exit_code); });
}

}  // namespace probation
