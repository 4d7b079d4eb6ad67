#include "server/engine_holder.h"

#include <utility>

#include "base/reference_files.h"

namespace probation {

const measures::Framework* EngineState::FindFramework(std::string_view id) const {
  for (const measures::Framework& f : *frameworks) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

EngineHolderOptions EngineHolderOptions::ForServing(std::string db_path) {
  EngineHolderOptions options;
  options.db_path = std::move(db_path);
  options.min_refresh_gap = std::chrono::seconds(1);
  options.build_due_on_start = true;
  return options;
}

Result<std::unique_ptr<EngineHolder>> EngineHolder::Start(const EngineHolderOptions& options) {
  std::unique_ptr<EngineHolder> holder(new EngineHolder());
  PROBATION_ASSIGN_OR_RETURN(std::string dir, measures::FrameworksDir());
  PROBATION_ASSIGN_OR_RETURN(std::vector<measures::Framework> frameworks,
                             measures::LoadFrameworks(dir));
  PROBATION_ASSIGN_OR_RETURN(Calendar calendar, LoadCalendar());
  holder->calendar_ = std::make_shared<const Calendar>(std::move(calendar));
  LiveEngineOptions live;
  live.db_path = options.db_path;
  live.as_at = options.as_at;
  live.poll_interval = options.poll_interval;
  live.warm = options.warm;
  live.min_refresh_gap = options.min_refresh_gap;
  live.build_due_on_start = options.build_due_on_start;
  PROBATION_ASSIGN_OR_RETURN(holder->live_,
                             LiveEngine::Start(live, *holder->calendar_, std::move(frameworks)));
  if (options.poll) holder->live_->StartPolling();
  return holder;
}

std::shared_ptr<const EngineState> EngineHolder::Current() const {
  std::shared_ptr<const EngineVersion> version = live_->Current();
  std::shared_ptr<const EngineState> replaced;  // declared first: let go after the lock
  std::lock_guard<std::mutex> lock(mutex_);
  // A thread that read the pointer before a swap must not put an older version back.
  if (state_ && (state_->version == version || state_->version->number() > version->number())) {
    return state_;
  }
  auto state = std::make_shared<EngineState>();
  state->snapshot = std::shared_ptr<const Snapshot>(version, &version->snapshot());
  state->organisation =
      std::shared_ptr<const measures::Organisation>(version, &version->organisation());
  state->engine = std::shared_ptr<const measures::Engine>(version, &version->engine());
  state->calendar = calendar_;
  state->frameworks = &live_->frameworks();
  state->build_seconds = version->build_seconds();
  state->version = std::move(version);
  replaced = std::exchange(state_, state);
  return state;
}

std::string EngineHolder::MetricsText() const { return live_->Metrics().ToPrometheus(); }

}  // namespace probation
