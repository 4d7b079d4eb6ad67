// The generated trust's own business plan, risk register, and budget and staffing annexes:
// small TOML files (docs/plans.md, docs/risks.md, docs/resources.md) written beside its data in
// <out>/documents/, consistent with the data (its name, its LDUs, its staff's FTE), so that its
// board pack is whole and its own. Written for a single-trust profile only. Functions only;
// thread-compatible.
#pragma once

#include <string>

#include "base/status.h"
#include "ingest/generator_trust.h"

namespace probation::gen {

// Writes plan.toml, risks.toml, budget.toml and staffing.toml for `trust` into `dir` (made if
// missing). The plan and register cover the financial year of `window.as_at`; the annexes that
// year and the one before.
Status WriteTrustDocuments(const Trust& trust, const Window& window, const std::string& dir);

}  // namespace probation::gen
