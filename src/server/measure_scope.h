// Scope for the measure endpoints (docs/access.md): which organisation unit a signed-in user
// may ask about, taken from the Principal, never widened by what the client sends.
//   practitioner         their own figures: the officer unit of their staff record
//   manager              their team or LDU and every unit below it
//   performance analyst  their unit (the trust) and below; the nation when tied to none
//   board member         their unit (the trust) and below, never an officer: aggregates only
//   administrator        no measure figures
//
// Functions only; thread-safe.
#pragma once

#include <string_view>

#include "base/status.h"
#include "measures/organisation.h"
#include "server/principal.h"

namespace probation {

// The unit the principal's scope starts at. PermissionDenied for an administrator, or when
// the user's tie is not in the organisation.
Result<measures::UnitRef> HomeUnit(const Principal& principal, const measures::Organisation& org);

// The unit `requested` names (empty: the principal's home unit), when it is within the
// principal's scope; PermissionDenied when outside it, InvalidArgument when no such unit.
Result<measures::UnitRef> ScopedUnit(const Principal& principal, const measures::Organisation& org,
                                     std::string_view requested);

}  // namespace probation
