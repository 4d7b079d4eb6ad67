// The risk register file: one TOML file per register (format in docs/risks.md; examples in
// examples/risks/). ParseRiskRegister reads one, checking everything it can with the file, line
// and column of each problem; WriteRiskRegister writes one back deterministically, so that
// parse -> write -> parse gives the same register. Stateless functions; thread-safe.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "planning/risk_matrix.h"
#include "planning/risk_register.h"
#include "planning/risk_thresholds.h"

namespace probation::planning {

// Finds the thresholds a register names (LoadRiskThresholds in normal use).
using ThresholdsLookup = std::function<Result<RiskThresholds>(std::string_view name)>;

// Parses register `text`; `path` names the file in messages. Errors are InvalidArgument with
// one "PATH, line L, column C: reason" per problem found: TOML syntax, unknown keys, missing or
// mistyped fields, unknown ratings, a published score the matrix does not give, a red or black
// risk with no comment (unless the register is a summary), repeated references, a section
// that is not declared, a period that is not a financial year.
Result<RiskRegister> ParseRiskRegister(std::string_view text, const std::string& path,
                                       const RiskMatrix& matrix, const ThresholdsLookup& lookup);

// Reads and parses the file at `path` with the matrix and thresholds from the reference folder.
Result<RiskRegister> ReadRiskRegisterFile(const std::string& path, const RiskMatrix& matrix);

// The register as a file ParseRiskRegister reads back to an equal register.
std::string WriteRiskRegister(const RiskRegister& reg);

}  // namespace probation::planning
