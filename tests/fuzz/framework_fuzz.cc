// Fuzz target: measure framework files (TOML, with the measure language inside).
#include <string_view>

#include "fuzz_target.h"
#include "measures/framework.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)probation::measures::ParseFramework(text, "fuzz.toml");
  return 0;
}
