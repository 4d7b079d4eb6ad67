#include "base/reference_files.h"

#include <cstdlib>
#include <filesystem>

namespace probation {

namespace fs = std::filesystem;

namespace {

// $`env_var` if set, else the first of <exe>/../`name`, <exe>/`name` and
// <exe>/../share/probation/`name` that exists.
Result<std::string> ProjectFolder(const char* env_var, const std::string& name) {
  if (const char* env = std::getenv(env_var); env != nullptr && *env != 0) {
    if (!fs::is_directory(env)) {
      return NotFound(std::string(env_var) + " is " + env + ", which is not a folder");
    }
    return std::string(env);
  }
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path dir = exe.parent_path();
    for (const fs::path& candidate :
         {dir.parent_path() / name, dir / name, dir.parent_path() / "share" / "probation" / name}) {
      if (fs::is_directory(candidate, ec)) return candidate.string();
    }
  }
  return NotFound("the " + name + " folder was not found next to the program; set " + env_var +
                  " to the project's " + name + "/ folder");
}

}  // namespace

Result<std::string> ReferenceDir() { return ProjectFolder("PROBATION_REFERENCE_DIR", "reference"); }

Result<std::string> ExamplesDir() { return ProjectFolder("PROBATION_EXAMPLES_DIR", "examples"); }

Result<Calendar> LoadCalendar() {
  Result<std::string> dir = ReferenceDir();
  if (!dir.ok()) return dir.status();
  return Calendar::FromChangesFile(*dir + "/bank_holiday_changes.csv");
}

}  // namespace probation
