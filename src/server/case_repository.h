// Case reads for the service: a person's whole record, a search by CRN or surname, and the
// caseload of an officer, team or LDU, each within the caller's scope (server/scope.h) and
// each returned as a struct with its JSON form, so the HTTP layer only serialises.
//
// Reads come from the store (so a write is visible at once); only a caseload's next due items
// come from the live engine's DueIndex, when one is given.
//
// Functions only; thread-compatible (each call uses only the caller's Database).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "server/due_items.h"
#include "server/principal.h"
#include "server/scope.h"
#include "server/stored_record.h"
#include "store/database.h"

namespace probation {

// A person's whole record: the people row and, for every other record type keyed by CRN
// (sentences, responsible officers, requirements with unpaid-work hours ordered and worked,
// assessments, court reports, contacts, breaches, recalls, registrations, victim contacts,
// circumstances, ETE outcomes, reoffences: whatever the model table holds), their records in
// key order, model-table order of types.
struct CaseRecord {
  StoredRecord person;
  struct Group {
    const RecordType* type = nullptr;
    std::vector<StoredRecord> records;
  };
  std::vector<Group> groups;  // one per record type keyed by CRN, empty ones included
  bool writable = false;      // some sentence is writable by the caller

  // The records of `type_name` (empty when none).
  const std::vector<StoredRecord>& Records(std::string_view type_name) const;
  // {"person": {...}, "writable": bool, "records": {"sentences": [...], "contacts": [...], ...}}
  nlohmann::json ToJson() const;
};

// The record of person `crn`. PermissionDenied when out of the caller's scope (also for an
// unknown CRN, so nothing says whether a case exists).
Result<CaseRecord> ReadCase(Database* db, const Principal& principal, std::string_view crn);

struct Paging {
  int64_t limit = 50;  // 1 .. 500
  int64_t offset = 0;
};

struct CaseSummary {
  std::string crn;
  std::string surname;
  std::string forenames;
  std::string date_of_birth;
  nlohmann::json ToJson() const;
};

struct CaseSearchResult {
  std::vector<CaseSummary> cases;  // CRN order
  bool more = false;               // another page follows
  int64_t total = 0;               // matches in scope, over all pages
  int64_t limit = 0, offset = 0;
  nlohmann::json ToJson() const;
};

// People whose CRN is `text` exactly or whose surname is `text` (any case), in the caller's
// scope. InvalidArgument for blank text or bad paging. Uses the key and the surname index;
// each candidate is then checked against scope.
Result<CaseSearchResult> SearchCases(Database* db, const Principal& principal,
                                     std::string_view text, Paging paging);

struct CaseloadEntry {
  std::string crn;
  int64_t event_no = 0;
  std::string surname;
  std::string forenames;
  std::string sentence_type;
  std::string sentence_date;
  std::string staff_id;      // the current responsible officer
  std::string officer_name;  // "Forenames Surname"
  std::string team_code;
  std::string allocated_from;       // the allocation's start date
  std::optional<DueItem> next_due;  // the person's soonest pending item (live engine)
  nlohmann::json ToJson() const;
};

struct Caseload {
  std::string unit;
  std::vector<CaseloadEntry> cases;  // CRN, event order
  int64_t total = 0;                 // current allocations in the unit, before paging
  int64_t limit = 0, offset = 0;
  nlohmann::json ToJson() const;
};

// The sentences currently allocated (an allocation without an end date) to `unit` (a staff id,
// or a team, LDU or trust code: every officer whose team lies inside it), one page, each with
// its person's next due item from `due` when given. PermissionDenied when the unit is out of
// the caller's scope (UnitInScope).
Result<Caseload> ReadCaseload(Database* db, const Principal& principal, std::string_view unit,
                              Paging paging, const DueIndex* due);

}  // namespace probation
