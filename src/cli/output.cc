#include "cli/output.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "base/output_paths.h"

namespace probation {

Status CheckCommandOutput(const std::string& out, const std::string& db) {
  if (out.empty()) return Status::Ok();
  return CheckOutputPaths({{"--out", out}}, {}, db);
}

Status WriteOutput(const std::string& text, const std::string& path) {
  if (path.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return Status::Ok();
  }
  // Written beside the target and renamed over it once complete, so a failure never leaves a
  // half-written file (nor spoils an earlier one).
  const std::string partial = TemporaryPathFor(path);
  std::FILE* file = std::fopen(partial.c_str(), "wb");
  if (file == nullptr) return IoError("cannot write " + path + ": " + std::strerror(errno));
  const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  int error = errno;
  const bool flushed = written && std::fflush(file) == 0;
  if (written && !flushed) error = errno;
  const bool closed = std::fclose(file) == 0;
  if (flushed && !closed) error = errno;
  if (!written || !flushed || !closed) {
    std::remove(partial.c_str());
    return IoError("cannot write " + path + ": " + std::strerror(error != 0 ? error : EIO));
  }
  if (std::rename(partial.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::remove(partial.c_str());
    return IoError("cannot write " + path + ": " + why);
  }
  return Status::Ok();
}

}  // namespace probation
