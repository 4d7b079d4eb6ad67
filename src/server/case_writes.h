// Case writes for the service: record a contact, an appointment outcome on an existing contact,
// a breach, an assessment's start and completion dates, a recall decision.
//
// Who: a practitioner for the sentences where they are the current responsible officer, a
// manager for sentences currently allocated within their unit (server/scope.h); every other
// role is refused with PermissionDenied.
//
// Validation is the bulk loader's: each field through the same FieldParser (type, code list,
// bounds, required), the row through the same CheckRowRules (conditional requirements, date
// orders), and every reference of the model table checked against the store (the parent
// must exist). A refusal is InvalidArgument whose message is "<field>: <reason>" for each
// problem, joined by "; " (ErrorField() gives the first field, for the API's error shape).
//
// Keys: a new record's number is the next for its sentence (the largest + 1); an existing
// record's key never changes. Versions (migration 6): an update carries the version the
// client read; if the record has changed since, Conflict, and nothing is written. Each write
// runs in one BEGIN IMMEDIATE transaction (so two writers are serialised and no update is
// lost) and adds a row per record to record_changes, which the live engine follows.
//
// Functions only; thread-compatible (each call uses only the caller's Database).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "server/principal.h"
#include "server/stored_record.h"
#include "store/database.h"

namespace probation {

struct WriteResult {
  StoredRecord record;  // as stored after the write, with its new version
  bool created = false;
  // The record types the write changed (for the live engine): today always the one type.
  std::vector<std::string> changed_types;
  // {"created": bool, "changed_types": [...], "record": StoredRecord::ToJson()}
  nlohmann::json ToJson() const;
};

// The field a refusal names (the text before the first ": " of an InvalidArgument message
// from these functions), or "" when it names none.
std::string ErrorField(const Status& status);

// Field values are given as the import format writes them ("2011-03-04", "Y", "ATT",
// "2011-03-04T10:30"); "" is blank. An update's std::nullopt leaves the field as it is.

struct NewContact {
  std::string crn;
  int64_t event_no = 0;
  std::string contact_date;
  std::string contact_type;
  std::string ns_required;  // Y or N: required by national standards
  std::string arranged;     // Y or N: arranged in accordance with national standards
  std::string outcome;      // "" while the appointment is in the future
  std::string requirement_no;
  std::string hours_credited;
  std::string staff_id;
};
Result<WriteResult> RecordContact(Database* db, const Principal& principal, const NewContact& c);

struct ContactOutcome {
  std::string crn;
  int64_t event_no = 0;
  int64_t contact_no = 0;
  int64_t expected_version = 0;
  std::string outcome;
  std::optional<std::string> hours_credited;
};
Result<WriteResult> RecordContactOutcome(Database* db, const Principal& principal,
                                         const ContactOutcome& c);

struct NewBreach {
  std::string crn;
  int64_t event_no = 0;
  std::string failure_date;
  std::string initiated_date;
  std::string resolved_date;
  std::string outcome;  // required with a resolved date
};
Result<WriteResult> RecordBreach(Database* db, const Principal& principal, const NewBreach& b);

struct BreachUpdate {
  std::string crn;
  int64_t event_no = 0;
  int64_t breach_no = 0;
  int64_t expected_version = 0;
  std::optional<std::string> initiated_date;
  std::optional<std::string> resolved_date;
  std::optional<std::string> outcome;
};
Result<WriteResult> UpdateBreach(Database* db, const Principal& principal, const BreachUpdate& b);

struct NewAssessment {
  std::string crn;
  int64_t event_no = 0;
  std::string assessment_type;
  std::string started_date;
  std::string completed_date;
};
Result<WriteResult> RecordAssessment(Database* db, const Principal& principal,
                                     const NewAssessment& a);

struct AssessmentDates {
  std::string crn;
  int64_t event_no = 0;
  int64_t assessment_no = 0;
  int64_t expected_version = 0;
  std::optional<std::string> started_date;
  std::optional<std::string> completed_date;
};
Result<WriteResult> RecordAssessmentDates(Database* db, const Principal& principal,
                                          const AssessmentDates& a);

struct NewRecall {
  std::string crn;
  int64_t event_no = 0;
  std::string recall_type;
  std::string decision_time;  // YYYY-MM-DDTHH:MM
  std::string request_received_time;
};
Result<WriteResult> RecordRecall(Database* db, const Principal& principal, const NewRecall& r);

struct RecallUpdate {
  std::string crn;
  int64_t event_no = 0;
  int64_t recall_no = 0;
  int64_t expected_version = 0;
  std::optional<std::string> decision_time;
  std::optional<std::string> request_received_time;
};
Result<WriteResult> UpdateRecall(Database* db, const Principal& principal, const RecallUpdate& r);

// The general forms the functions above use. `fields` are (name, import text) pairs; a field
// the service may not set for that type is refused naming it.
//
// Creates a record of `type_name` (contacts, breaches, assessments or recalls) on sentence
// (`crn`, `event_no`), its number the next for the sentence.
Result<WriteResult> CreateCaseRecord(
    Database* db, const Principal& principal, std::string_view type_name, std::string_view crn,
    int64_t event_no, const std::vector<std::pair<std::string, std::string>>& fields);
// Changes `fields` of the record of `type_name` with key (crn, event_no, number), if its
// version is still `expected_version`.
Result<WriteResult> UpdateCaseRecord(
    Database* db, const Principal& principal, std::string_view type_name, std::string_view crn,
    int64_t event_no, int64_t number, int64_t expected_version,
    const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace probation
