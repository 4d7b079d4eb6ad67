// Running the server, shared by `probation serve` and `probation demo --serve`.
#pragma once

#include <string>

#include "base/status.h"

namespace probation {

struct ServeArgs {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  int threads = 4;
  bool secure_cookies = false;
  bool behind_proxy = false;
};

// Builds the engine, starts the server and serves until SIGTERM or SIGINT, then shuts down
// gracefully (requests in flight finish).
Status RunServer(const ServeArgs& args);

}  // namespace probation
