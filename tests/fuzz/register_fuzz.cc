// Fuzz target: risk register files (TOML), read against the shipped risk matrix and
// thresholds (PROBATION_REFERENCE_DIR).
#include <string_view>

#include "fuzz_target.h"
#include "planning/risk_matrix.h"
#include "planning/risk_register_file.h"
#include "planning/risk_thresholds.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const probation::Result<probation::planning::RiskMatrix> matrix =
      probation::planning::LoadRiskMatrix();
  if (!matrix.ok()) FuzzCheckFailed("the risk matrix does not load: set PROBATION_REFERENCE_DIR");
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)probation::planning::ParseRiskRegister(
      text, "fuzz.toml", *matrix,
      [](std::string_view name) { return probation::planning::LoadRiskThresholds(name); });
  return 0;
}
