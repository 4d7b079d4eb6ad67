// Scope: which case records and organisation units a Principal may read and change, decided
// from the store (docs/access.md). Practitioner: the cases where their staff record is or was
// a responsible officer (read), and the sentences where it is the current one (write).
// Manager: the cases with a responsible officer, now or before, in a team inside their unit
// (a team or an LDU) (read), and the sentences currently allocated there (write). Performance
// analyst: the same for their trust, read only. Board member and administrator: no case
// records at all.
//
// Every check is a few indexed lookups (a person's allocations by key, a unit's ancestors by
// key; migration 6's indexes), never a scan, so it costs the same nationally as for a trust.
// Refusals are PermissionDenied and never say whether the record exists.
//
// Functions only; thread-compatible (each call uses only the caller's Database).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "server/principal.h"
#include "store/database.h"

namespace probation {

enum class CaseAccess { kNone, kRead, kWrite };

// Whether the principal's role may hold case records at all (practitioner, manager,
// performance analyst).
bool RoleSeesCases(Role role);

// The principal's access to the person `crn` as a whole: kWrite when some sentence of theirs
// is writable (below), kRead when in read scope, else kNone (also for an unknown CRN).
Result<CaseAccess> AccessToCase(Database* db, const Principal& principal, std::string_view crn);

// The principal's access to sentence (`crn`, `event_no`): kWrite for a practitioner who is its
// current responsible officer (an allocation without an end date) or a manager whose unit
// holds that officer's team; kRead when the person is in read scope; else kNone.
Result<CaseAccess> AccessToSentence(Database* db, const Principal& principal, std::string_view crn,
                                    int64_t event_no);

// OK, or PermissionDenied naming the CRN ("case X123456 is not in your scope").
Status CanReadCase(Database* db, const Principal& principal, std::string_view crn);
// OK, or PermissionDenied (read-only roles, former officers, out of scope).
Status CanWriteCase(Database* db, const Principal& principal, std::string_view crn,
                    int64_t event_no);

// Whether `unit` (an org unit code or a staff id) is one whose cases and due items the
// principal may list: a practitioner their own staff id only; a manager or analyst any unit
// inside their own, and any staff member whose team is inside it. False for an unknown code
// and for board members and administrators.
Result<bool> UnitInScope(Database* db, const Principal& principal, std::string_view unit);
// OK, or PermissionDenied naming the unit.
Status CanSeeUnit(Database* db, const Principal& principal, std::string_view unit);

// Whether org unit `code` is `ancestor` or lies below it (walks up the parents by key).
Result<bool> OrgUnitWithin(Database* db, std::string_view code, std::string_view ancestor);

}  // namespace probation
