#include "base/huge_pages.h"

#include <unistd.h>

#include <cstdlib>
#include <string>

namespace probation {

void UseHugePages(char** argv) {
  constexpr const char* kTunable = "glibc.malloc.hugetlb=1";
  const char* disabled = std::getenv("PROBATION_HUGE_PAGES");
  if (disabled != nullptr && std::string(disabled) == "0") return;
  const char* current = std::getenv("GLIBC_TUNABLES");
  std::string tunables = current != nullptr ? current : "";
  if (tunables.find("glibc.malloc.hugetlb") != std::string::npos) return;
  tunables = tunables.empty() ? kTunable : tunables + ":" + kTunable;
  if (setenv("GLIBC_TUNABLES", tunables.c_str(), 1) != 0) return;
  execv("/proc/self/exe", argv);
  // Only reached when the program cannot be started again: run without huge pages.
}

}  // namespace probation
