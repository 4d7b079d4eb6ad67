#include "base/reference_files.h"

#include <cstdlib>
#include <filesystem>

namespace probation {

namespace fs = std::filesystem;

Result<std::string> ReferenceDir() {
  if (const char* env = std::getenv("PROBATION_REFERENCE_DIR"); env != nullptr && *env != 0) {
    if (!fs::is_directory(env)) {
      return NotFound(std::string("PROBATION_REFERENCE_DIR is ") + env + ", which is not a folder");
    }
    return std::string(env);
  }
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path dir = exe.parent_path();
    for (const fs::path& candidate : {dir.parent_path() / "reference", dir / "reference",
                                      dir.parent_path() / "share" / "probation" / "reference"}) {
      if (fs::is_directory(candidate, ec)) return candidate.string();
    }
  }
  return NotFound(
      "the reference data folder was not found next to the program; set PROBATION_REFERENCE_DIR "
      "to the project's reference/ folder");
}

Result<Calendar> LoadCalendar() {
  Result<std::string> dir = ReferenceDir();
  if (!dir.ok()) return dir.status();
  return Calendar::FromChangesFile(*dir + "/bank_holiday_changes.csv");
}

}  // namespace probation
