#include "cli/output.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace probation {

Status WriteOutput(const std::string& text, const std::string& path) {
  if (path.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return Status::Ok();
  }
  // Written beside the target and renamed over it once complete, so a failure never leaves a
  // half-written file (nor spoils an earlier one).
  const std::string partial = path + ".partial";
  std::ofstream file(partial, std::ios::binary);
  file << text;
  file.close();
  if (!file) {
    std::remove(partial.c_str());
    return IoError("cannot write " + path);
  }
  if (std::rename(partial.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::remove(partial.c_str());
    return IoError("cannot write " + path + ": " + why);
  }
  return Status::Ok();
}

}  // namespace probation
