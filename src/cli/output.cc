#include "cli/output.h"

#include <cstdio>
#include <fstream>

namespace probation {

Status WriteOutput(const std::string& text, const std::string& path) {
  if (path.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return Status::Ok();
  }
  std::ofstream file(path, std::ios::binary);
  file << text;
  file.close();
  return file ? Status::Ok() : IoError("cannot write " + path);
}

}  // namespace probation
