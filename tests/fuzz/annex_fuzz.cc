// Fuzz target: resource annex files (TOML: budgets and staffing).
#include <string_view>

#include "fuzz_target.h"
#include "planning/resources_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)probation::planning::ParseResourceAnnex(text, "fuzz.toml");
  return 0;
}
