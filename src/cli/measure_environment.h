// What the measure commands (scorecard, exceptions) share: the database opened, its snapshot
// built (read from the snapshot image "<db>.snapshot" when that is current, see
// store/snapshot_image.h), the calendar, organisation and engine ready, and the chosen
// framework loaded.
#pragma once

#include <memory>
#include <string>

#include "base/calendar.h"
#include "base/status.h"
#include "measures/engine.h"
#include "measures/framework.h"
#include "measures/organisation.h"
#include "store/database.h"
#include "store/snapshot.h"

namespace probation {

struct MeasureEnvironment {
  std::unique_ptr<Database> db;
  std::unique_ptr<Snapshot> snapshot;
  std::unique_ptr<Calendar> calendar;
  std::unique_ptr<measures::Organisation> organisation;
  std::unique_ptr<measures::Engine> engine;
  measures::Framework framework;
};

// The snapshot from the image beside the database (`db_path`) when there is one and it is
// current; otherwise, with a one-line notice when there was an image, built from the store.
Result<std::unique_ptr<Snapshot>> OpenSnapshot(Database* db, const std::string& db_path,
                                               const Calendar& calendar);

// `framework` is a framework id (looked up in the frameworks folder) or a .toml file path;
// `as_at` is YYYY-MM-DD, or empty for the latest date with recorded activity.
Result<std::unique_ptr<MeasureEnvironment>> OpenMeasureEnvironment(const std::string& db_path,
                                                                   const std::string& framework,
                                                                   const std::string& as_at);

}  // namespace probation
