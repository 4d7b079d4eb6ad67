// Fuzz target: the TOML pre-scan (base/toml_traps.h) against toml++ 3.3.0 itself. A text with
// no trap goes to toml++, which must neither assert nor reach undefined behaviour on it; and
// where the scan stopped early (it takes toml++ to report an error there), toml++ must indeed
// refuse the text: when toml++ reads it whole, the scan must have read it whole too, so a bad
// header added after it must be found.
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "base/toml_traps.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (probation::FindTomlParserTrap(text)) return 0;
  try {
    (void)toml::parse(std::string_view(text), std::string_view("fuzz.toml"));
  } catch (const toml::parse_error&) {
    return 0;
  }
  if (!probation::FindTomlParserTrap(text + "\n[=")) {
    FuzzCheckFailed("toml++ read a text whole that the pre-scan stopped in");
  }
  return 0;
}
