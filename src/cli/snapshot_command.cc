// `probation snapshot --db FILE`: builds the columnar snapshot from the database and writes it
// as the snapshot image FILE.snapshot, which the measure commands then load in seconds.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "base/reference_files.h"
#include "cli/commands.h"
#include "store/schema.h"
#include "store/snapshot_image.h"

namespace probation {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

Status WriteSnapshotImage(const std::string& db_path) {
  PROBATION_ASSIGN_OR_RETURN(const Calendar calendar, LoadCalendar());
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, OpenStore(db_path));
  const auto read_start = Clock::now();
  PROBATION_ASSIGN_OR_RETURN(StampedSnapshot built, LoadStampedSnapshot(db.get(), calendar));
  const double read_seconds = SecondsSince(read_start);
  size_t rows = 0;
  for (const SnapshotTable& table : built.snapshot->tables()) rows += table.rows;
  std::printf("snapshot: %zu rows read from %s in %.1f s\nstamp: %s\n", rows, db_path.c_str(),
              read_seconds, built.stamp.ToString().c_str());

  const std::string image = SnapshotImagePath(db_path);
  const auto write_start = Clock::now();
  uint64_t bytes = 0;
  PROBATION_RETURN_IF_ERROR(SaveSnapshotImage(*built.snapshot, image, built.stamp, &bytes));
  std::printf("image: %s, %.1f MB, written in %.1f s\n", image.c_str(), bytes / 1e6,
              SecondsSince(write_start));
  return Status::Ok();
}

}  // namespace

void AddSnapshotCommand(CLI::App& app, int* exit_code) {
  auto db = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "snapshot",
      "Write the snapshot image FILE.snapshot, which scorecard, exceptions and boardpack load "
      "instead of reading the whole database while no import has run since");
  cmd->add_option("--db", *db, "Database file")->required()->check(CLI::ExistingFile);
  cmd->callback([=] {
    const Status status = WriteSnapshotImage(*db);
    if (!status.ok()) {
      std::cerr << "probation snapshot: " << status.message() << "\n";
      *exit_code = 2;
    }
  });
}

}  // namespace probation
