#include "base/output_paths.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <system_error>

namespace probation {
namespace {

std::string Resolved(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  if (ec) return path;
  const std::filesystem::path resolved = std::filesystem::weakly_canonical(absolute, ec);
  return ec ? absolute.lexically_normal().string() : resolved.string();
}

}  // namespace

bool SameFile(const std::string& a, const std::string& b) {
  struct stat sa {
  }, sb{};
  const bool a_exists = ::stat(a.c_str(), &sa) == 0;
  const bool b_exists = ::stat(b.c_str(), &sb) == 0;
  if (a_exists && b_exists) return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  if (a_exists != b_exists) return false;
  return Resolved(a) == Resolved(b);
}

std::vector<std::string> DatabaseFiles(const std::string& db_path) {
  return {db_path, db_path + "-wal", db_path + "-shm", db_path + "-journal", db_path + ".snapshot"};
}

Status CheckOutputPaths(const std::vector<NamedPath>& outputs, const std::vector<NamedPath>& inputs,
                        const std::string& db_path) {
  const std::vector<std::string> db_files =
      db_path.empty() ? std::vector<std::string>() : DatabaseFiles(db_path);
  for (size_t i = 0; i < outputs.size(); ++i) {
    const NamedPath& out = outputs[i];
    if (out.path.empty()) continue;
    const std::string refused = "refusing to write " + out.role + " " + out.path + ": ";
    const std::string nothing = "; nothing was written";
    for (const std::string& db_file : db_files) {
      if (SameFile(out.path, db_file)) {
        return InvalidArgument(
            refused +
            (db_file == db_path ? "it is the database" : "it is the database's file " + db_file) +
            nothing);
      }
    }
    for (const NamedPath& in : inputs) {
      if (SameFile(out.path, in.path)) {
        return InvalidArgument(refused + "it is the " + in.role + " " + in.path + nothing);
      }
    }
    for (size_t j = 0; j < i; ++j) {
      if (!outputs[j].path.empty() && SameFile(out.path, outputs[j].path)) {
        return InvalidArgument(refused + "it is also the " + outputs[j].role + nothing);
      }
    }
  }
  return Status::Ok();
}

std::string TemporaryPathFor(const std::string& path) {
  static std::atomic<unsigned> calls{0};
  const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  return path + ".partial-" + std::to_string(::getpid()) + "-" + std::to_string(calls++) + "-" +
         std::to_string(static_cast<unsigned>(now) % 100000);
}

}  // namespace probation
