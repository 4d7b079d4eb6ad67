#include "server/case_writes.h"

#include "base/clock.h"
#include "ingest/field_parser.h"
#include "ingest/row_rules.h"
#include "server/scope.h"
#include "store/record_writer.h"

namespace probation {
namespace {

// What the service may set, per record type: the fields a new record may carry and those an
// update may change. The key fields are never set by the client.
struct WritableType {
  std::string_view type;
  std::vector<std::string_view> create;
  std::vector<std::string_view> update;
};

const std::vector<WritableType>& WritableTypes() {
  static const std::vector<WritableType> kTypes = {
      {"contacts",
       {"contact_date", "contact_type", "ns_required", "arranged", "outcome", "requirement_no",
        "hours_credited", "staff_id"},
       {"outcome", "hours_credited"}},
      {"breaches",
       {"failure_date", "initiated_date", "resolved_date", "outcome"},
       {"initiated_date", "resolved_date", "outcome"}},
      {"assessments",
       {"assessment_type", "started_date", "completed_date"},
       {"started_date", "completed_date"}},
      {"recalls",
       {"recall_type", "decision_time", "request_received_time"},
       {"decision_time", "request_received_time"}},
  };
  return kTypes;
}

const WritableType* FindWritable(std::string_view type) {
  for (const WritableType& w : WritableTypes()) {
    if (w.type == type) return &w;
  }
  return nullptr;
}

// A record being written: every field's import text, then its parsed values.
class Draft {
 public:
  explicit Draft(const RecordType& type) : type_(type), raw_(type.fields.size()) {}

  void Set(int field, std::string text) { raw_[field] = std::move(text); }
  const std::string& Raw(int field) const { return raw_[field]; }

  // Applies `fields`, each of which must be in `allowed`; refusals appended to `errors`.
  void Apply(const std::vector<std::pair<std::string, std::string>>& fields,
             const std::vector<std::string_view>& allowed, std::vector<std::string>* errors) {
    for (const auto& [name, value] : fields) {
      const int f = type_.FieldIndex(name);
      bool ok = f >= 0;
      if (ok) {
        ok = false;
        for (std::string_view a : allowed) ok = ok || a == name;
      }
      if (!ok) {
        errors->push_back(name + ": not a field the service may set on " + std::string(type_.name) +
                          (f < 0 ? " (no such field)" : ""));
        continue;
      }
      raw_[f] = value;
    }
  }

  // Parses every field and checks the row rules, as the loader does; appends "field: reason".
  void Validate(std::vector<std::string>* errors) {
    values_.assign(type_.fields.size(), FieldValue());
    scratch_.assign(type_.fields.size(), std::string());
    std::string reason;
    for (size_t f = 0; f < type_.fields.size(); ++f) {
      const FieldParser parser(type_.fields[f]);
      if (!parser.Parse(raw_[f], &values_[f], &scratch_[f], &reason)) {
        errors->push_back(std::string(type_.fields[f].name) + ": " + reason);
      }
    }
    if (!errors->empty()) return;
    std::vector<std::string_view> raw(raw_.begin(), raw_.end());
    std::vector<RowRuleViolation> violations;
    CheckRowRules(type_, values_, raw, &violations);
    for (const RowRuleViolation& v : violations) errors->push_back(v.field + ": " + v.reason);
  }

  // Every reference of the model table whose fields are all given must name a stored record.
  Status CheckReferences(Database* db, std::vector<std::string>* errors) const {
    for (const ReferenceSpec& ref : type_.references) {
      const RecordType& target = *FindRecordType(ref.target);
      std::vector<int> fields;
      std::string_view rest = ref.fields;
      while (!rest.empty()) {
        const size_t comma = rest.find(',');
        fields.push_back(type_.FieldIndex(rest.substr(0, comma)));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      }
      bool all_given = true;
      std::vector<std::string> key;
      for (int f : fields) {
        all_given = all_given && !values_[f].is_null();
        key.push_back(raw_[f]);
      }
      if (!all_given) continue;
      Result<StoredRecord> found = ReadRecord(db, target, key);
      if (found.ok()) continue;
      if (found.status().code() != StatusCode::kNotFound) return found.status();
      // Named by the reference's last field: the one the client gave (the first are the key).
      errors->push_back(std::string(type_.fields[fields.back()].name) + ": no " +
                        std::string(target.name) + " record with key " + JoinKey(key));
    }
    return Status::Ok();
  }

  const std::vector<FieldValue>& values() const { return values_; }

 private:
  const RecordType& type_;
  std::vector<std::string> raw_;
  std::vector<FieldValue> values_;
  std::vector<std::string> scratch_;
};

Status Refusal(const std::vector<std::string>& errors) {
  std::string message;
  for (const std::string& e : errors) message += (message.empty() ? "" : "; ") + e;
  return InvalidArgument(message);
}

// Stores the draft, logs the change and reads the record back, inside the open transaction.
Result<WriteResult> Store(Database* db, const Principal& principal, const RecordType& type,
                          const Draft& draft, bool created) {
  PROBATION_ASSIGN_OR_RETURN(RecordWriter writer, RecordWriter::Create(db, type));
  PROBATION_ASSIGN_OR_RETURN(const WriteOutcome outcome, writer.Write(draft.values()));
  (void)outcome;
  std::vector<std::string> key;
  for (int k = 0; k < type.key_fields; ++k) key.push_back(draft.Raw(k));
  PROBATION_ASSIGN_OR_RETURN(Statement log,
                             db->Prepare("INSERT INTO record_changes (changed_at, record_type, "
                                         "record_key, user_id) VALUES (?1, ?2, ?3, ?4)"));
  const std::string now = FormatUtc(SystemClock().Now()), joined = JoinKey(key);
  log.BindText(1, now);
  log.BindText(2, type.name);
  log.BindText(3, joined);
  log.BindInt(4, principal.user_id);
  PROBATION_RETURN_IF_ERROR(log.Run());
  WriteResult result;
  PROBATION_ASSIGN_OR_RETURN(result.record, ReadRecord(db, type, key));
  result.created = created;
  result.changed_types = {std::string(type.name)};
  return result;
}

const RecordType* WritableRecordType(std::string_view type_name, const WritableType** writable) {
  *writable = FindWritable(type_name);
  return *writable == nullptr ? nullptr : FindRecordType(type_name);
}

}  // namespace

nlohmann::json WriteResult::ToJson() const {
  return {{"created", created}, {"changed_types", changed_types}, {"record", record.ToJson()}};
}

std::string ErrorField(const Status& status) {
  if (status.code() != StatusCode::kInvalidArgument) return {};
  const std::string& m = status.message();
  const size_t colon = m.find(": ");
  if (colon == std::string::npos) return {};
  for (size_t i = 0; i < colon; ++i) {
    const char c = m[i];
    if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return {};
  }
  return m.substr(0, colon);
}

Result<WriteResult> CreateCaseRecord(
    Database* db, const Principal& principal, std::string_view type_name, std::string_view crn,
    int64_t event_no, const std::vector<std::pair<std::string, std::string>>& fields) {
  const WritableType* writable = nullptr;
  const RecordType* type = WritableRecordType(type_name, &writable);
  if (type == nullptr) {
    return InvalidArgument("record_type: the service does not create " + std::string(type_name) +
                           " records");
  }
  PROBATION_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db));
  PROBATION_RETURN_IF_ERROR(CanWriteCase(db, principal, crn, event_no));
  // The next number for the sentence; the transaction holds the write lock, so no one else
  // can take it meanwhile.
  const std::string number_field(type->fields[2].name);
  PROBATION_ASSIGN_OR_RETURN(
      Statement next, db->Prepare("SELECT coalesce(max(" + number_field + "), 0) + 1 FROM " +
                                  std::string(type->name) + " WHERE crn = ?1 AND event_no = ?2"));
  next.BindText(1, crn);
  next.BindInt(2, event_no);
  PROBATION_ASSIGN_OR_RETURN(const bool has_next, next.Step());
  if (!has_next) return Internal("no next number for " + std::string(type->name));
  Draft draft(*type);
  draft.Set(0, std::string(crn));
  draft.Set(1, std::to_string(event_no));
  draft.Set(2, std::to_string(next.ColumnInt(0)));
  std::vector<std::string> errors;
  draft.Apply(fields, writable->create, &errors);
  if (errors.empty()) draft.Validate(&errors);
  if (errors.empty()) PROBATION_RETURN_IF_ERROR(draft.CheckReferences(db, &errors));
  if (!errors.empty()) return Refusal(errors);
  PROBATION_ASSIGN_OR_RETURN(WriteResult result, Store(db, principal, *type, draft, true));
  PROBATION_RETURN_IF_ERROR(tx.Commit());
  return result;
}

Result<WriteResult> UpdateCaseRecord(
    Database* db, const Principal& principal, std::string_view type_name, std::string_view crn,
    int64_t event_no, int64_t number, int64_t expected_version,
    const std::vector<std::pair<std::string, std::string>>& fields) {
  const WritableType* writable = nullptr;
  const RecordType* type = WritableRecordType(type_name, &writable);
  if (type == nullptr) {
    return InvalidArgument("record_type: the service does not change " + std::string(type_name) +
                           " records");
  }
  PROBATION_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db));
  PROBATION_RETURN_IF_ERROR(CanWriteCase(db, principal, crn, event_no));
  PROBATION_ASSIGN_OR_RETURN(
      const StoredRecord current,
      ReadRecord(db, *type, {std::string(crn), std::to_string(event_no), std::to_string(number)}));
  if (current.version != expected_version) {
    return Conflict(std::string(type->name) + " " + current.key +
                    " has changed since it was read (it is at version " +
                    std::to_string(current.version) + ", the change was made to version " +
                    std::to_string(expected_version) + "): read it again and reapply the change");
  }
  Draft draft(*type);
  for (size_t f = 0; f < type->fields.size(); ++f) {
    draft.Set(static_cast<int>(f), current.values[f].value_or(""));
  }
  std::vector<std::string> errors;
  draft.Apply(fields, writable->update, &errors);
  if (errors.empty()) draft.Validate(&errors);
  if (errors.empty()) PROBATION_RETURN_IF_ERROR(draft.CheckReferences(db, &errors));
  if (!errors.empty()) return Refusal(errors);
  PROBATION_ASSIGN_OR_RETURN(WriteResult result, Store(db, principal, *type, draft, false));
  PROBATION_RETURN_IF_ERROR(tx.Commit());
  return result;
}

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

void AddIf(Fields* fields, std::string name, const std::optional<std::string>& value) {
  if (value) fields->emplace_back(std::move(name), *value);
}

}  // namespace

Result<WriteResult> RecordContact(Database* db, const Principal& principal, const NewContact& c) {
  return CreateCaseRecord(db, principal, "contacts", c.crn, c.event_no,
                          {{"contact_date", c.contact_date},
                           {"contact_type", c.contact_type},
                           {"ns_required", c.ns_required},
                           {"arranged", c.arranged},
                           {"outcome", c.outcome},
                           {"requirement_no", c.requirement_no},
                           {"hours_credited", c.hours_credited},
                           {"staff_id", c.staff_id}});
}

Result<WriteResult> RecordContactOutcome(Database* db, const Principal& principal,
                                         const ContactOutcome& c) {
  Fields fields = {{"outcome", c.outcome}};
  AddIf(&fields, "hours_credited", c.hours_credited);
  return UpdateCaseRecord(db, principal, "contacts", c.crn, c.event_no, c.contact_no,
                          c.expected_version, fields);
}

Result<WriteResult> RecordBreach(Database* db, const Principal& principal, const NewBreach& b) {
  return CreateCaseRecord(db, principal, "breaches", b.crn, b.event_no,
                          {{"failure_date", b.failure_date},
                           {"initiated_date", b.initiated_date},
                           {"resolved_date", b.resolved_date},
                           {"outcome", b.outcome}});
}

Result<WriteResult> UpdateBreach(Database* db, const Principal& principal, const BreachUpdate& b) {
  Fields fields;
  AddIf(&fields, "initiated_date", b.initiated_date);
  AddIf(&fields, "resolved_date", b.resolved_date);
  AddIf(&fields, "outcome", b.outcome);
  return UpdateCaseRecord(db, principal, "breaches", b.crn, b.event_no, b.breach_no,
                          b.expected_version, fields);
}

Result<WriteResult> RecordAssessment(Database* db, const Principal& principal,
                                     const NewAssessment& a) {
  return CreateCaseRecord(db, principal, "assessments", a.crn, a.event_no,
                          {{"assessment_type", a.assessment_type},
                           {"started_date", a.started_date},
                           {"completed_date", a.completed_date}});
}

Result<WriteResult> RecordAssessmentDates(Database* db, const Principal& principal,
                                          const AssessmentDates& a) {
  Fields fields;
  AddIf(&fields, "started_date", a.started_date);
  AddIf(&fields, "completed_date", a.completed_date);
  return UpdateCaseRecord(db, principal, "assessments", a.crn, a.event_no, a.assessment_no,
                          a.expected_version, fields);
}

Result<WriteResult> RecordRecall(Database* db, const Principal& principal, const NewRecall& r) {
  return CreateCaseRecord(db, principal, "recalls", r.crn, r.event_no,
                          {{"recall_type", r.recall_type},
                           {"decision_time", r.decision_time},
                           {"request_received_time", r.request_received_time}});
}

Result<WriteResult> UpdateRecall(Database* db, const Principal& principal, const RecallUpdate& r) {
  Fields fields;
  AddIf(&fields, "decision_time", r.decision_time);
  AddIf(&fields, "request_received_time", r.request_received_time);
  return UpdateCaseRecord(db, principal, "recalls", r.crn, r.event_no, r.recall_no,
                          r.expected_version, fields);
}

}  // namespace probation
