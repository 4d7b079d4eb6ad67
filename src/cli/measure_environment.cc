#include "cli/measure_environment.h"

#include "base/reference_files.h"
#include "store/schema.h"

namespace probation {

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
  Result<std::unique_ptr<Snapshot>> snapshot = Snapshot::Load(env->db.get(), *env->calendar);
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
