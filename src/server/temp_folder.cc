#include "server/temp_folder.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace probation {

Result<TempFolder> TempFolder::Make(const std::string& purpose, const std::string& parent) {
  std::string base = parent;
  if (base.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    base = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
  }
  std::string templ = base + "/probation-" + purpose + "-XXXXXX";
  if (::mkdtemp(templ.data()) == nullptr) {
    return IoError("cannot make a temporary folder: " + std::string(std::strerror(errno)));
  }
  TempFolder folder;
  folder.path_ = templ;
  return folder;
}

TempFolder::~TempFolder() {
  if (path_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError("cannot read " + path);
  return text.str();
}

}  // namespace probation
