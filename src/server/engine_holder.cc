#include "server/engine_holder.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "base/reference_files.h"
#include "store/schema.h"
#include "store/snapshot_image.h"

namespace probation {

const measures::Framework* EngineState::FindFramework(std::string_view id) const {
  for (const measures::Framework& f : frameworks) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

std::string EngineHolder::MetricsText(int64_t now) const {
  const std::shared_ptr<const EngineState> state = Current();
  if (!state) return {};
  char text[512];
  std::snprintf(text, sizeof text,
                "# HELP probation_engine_build_seconds Time to load the snapshot and build the "
                "engine now serving.\n# TYPE probation_engine_build_seconds gauge\n"
                "probation_engine_build_seconds %.3f\n"
                "# HELP probation_engine_age_seconds Seconds since the engine now serving was "
                "built.\n# TYPE probation_engine_age_seconds gauge\n"
                "probation_engine_age_seconds %lld\n",
                state->build_seconds, static_cast<long long>(now - state->built_at));
  return text;
}

Result<std::unique_ptr<StaticEngineHolder>> StaticEngineHolder::Build(const std::string& db_path,
                                                                      int64_t now) {
  const auto start = std::chrono::steady_clock::now();
  auto state = std::make_shared<EngineState>();
  PROBATION_ASSIGN_OR_RETURN(std::string dir, measures::FrameworksDir());
  PROBATION_ASSIGN_OR_RETURN(state->frameworks, measures::LoadFrameworks(dir));
  PROBATION_ASSIGN_OR_RETURN(Calendar calendar, LoadCalendar());
  state->calendar = std::make_unique<Calendar>(std::move(calendar));
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, OpenStore(db_path));
  const std::string image = SnapshotImagePath(db_path);
  std::error_code error;
  if (std::filesystem::exists(image, error)) {
    PROBATION_ASSIGN_OR_RETURN(const SnapshotStamp stamp, ReadSnapshotStamp(db.get()));
    Result<std::unique_ptr<Snapshot>> loaded = LoadSnapshotImage(image, stamp, *state->calendar);
    if (loaded.ok()) {
      state->snapshot = std::move(*loaded);
      state->from_image = true;
    } else {
      std::fprintf(stderr, "probation serve: snapshot image not used: %s\n",
                   loaded.status().message().c_str());
    }
  }
  if (!state->snapshot) {
    PROBATION_ASSIGN_OR_RETURN(state->snapshot, Snapshot::Load(db.get(), *state->calendar));
  }
  state->organisation = std::make_unique<measures::Organisation>(*state->snapshot);
  state->engine = std::make_unique<measures::Engine>(
      *state->snapshot, *state->calendar, *state->organisation, state->snapshot->latest_activity());
  state->built_at = now;
  state->build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return std::unique_ptr<StaticEngineHolder>(new StaticEngineHolder(std::move(state)));
}

}  // namespace probation
