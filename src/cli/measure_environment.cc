#include "cli/measure_environment.h"

#include <cstdio>
#include <filesystem>

#include "base/reference_files.h"
#include "store/schema.h"
#include "store/snapshot_image.h"

namespace probation {

Result<std::unique_ptr<Snapshot>> OpenSnapshot(Database* db, const std::string& db_path,
                                               const Calendar& calendar) {
  const std::string image = SnapshotImagePath(db_path);
  std::error_code error;
  if (!std::filesystem::exists(image, error)) return Snapshot::Load(db, calendar);
  PROBATION_ASSIGN_OR_RETURN(const SnapshotStamp stamp, ReadSnapshotStamp(db));
  Result<std::unique_ptr<Snapshot>> loaded = LoadSnapshotImage(image, stamp, calendar);
  if (loaded.ok()) return loaded;
  std::fprintf(stderr,
               "probation: snapshot image not used: %s; reading the database instead (`probation "
               "snapshot --db %s` writes a current image)\n",
               loaded.status().message().c_str(), db_path.c_str());
  return Snapshot::Load(db, calendar);
}

Result<std::unique_ptr<MeasureEnvironment>> OpenMeasureEnvironment(const std::string& db_path,
                                                                   const std::string& framework,
                                                                   const std::string& as_at) {
  auto env = std::make_unique<MeasureEnvironment>();
  if (framework.size() > 5 && framework.substr(framework.size() - 5) == ".toml") {
    Result<measures::Framework> loaded = measures::LoadFramework(framework);
    if (!loaded.ok()) return loaded.status();
    env->framework = std::move(*loaded);
  } else {
    Result<std::string> dir = measures::FrameworksDir();
    if (!dir.ok()) return dir.status();
    Result<std::vector<measures::Framework>> all = measures::LoadFrameworks(*dir);
    if (!all.ok()) return all.status();
    std::string ids;
    for (measures::Framework& f : *all) {
      ids += (ids.empty() ? "" : ", ") + f.id;
      if (f.id == framework) env->framework = std::move(f);
    }
    if (env->framework.id.empty()) {
      return NotFound("no framework '" + framework + "' (shipped: " + ids + ")");
    }
  }
  Result<Calendar> calendar = LoadCalendar();
  if (!calendar.ok()) return calendar.status();
  env->calendar = std::make_unique<Calendar>(std::move(*calendar));
  Result<std::unique_ptr<Database>> db = OpenStore(db_path);
  if (!db.ok()) return db.status();
  env->db = std::move(*db);
  Result<std::unique_ptr<Snapshot>> snapshot = OpenSnapshot(env->db.get(), db_path, *env->calendar);
  if (!snapshot.ok()) return snapshot.status();
  env->snapshot = std::move(*snapshot);
  Date at = env->snapshot->latest_activity();
  if (!as_at.empty()) {
    Result<Date> parsed = Date::Parse(as_at);
    if (!parsed.ok()) return InvalidArgument("--as-at: " + parsed.status().message());
    at = *parsed;
  }
  env->organisation = std::make_unique<measures::Organisation>(*env->snapshot);
  env->engine =
      std::make_unique<measures::Engine>(*env->snapshot, *env->calendar, *env->organisation, at);
  return env;
}

}  // namespace probation
