// The forms that record things on a case, after the API's writes (server/case_writes.h, the
// same functions POST/PUT /api/v1/cases/{crn}/sentences/{event_no}/... call): a contact, an
// appointment's outcome on an existing contact, a breach, a new assessment (its type, sentence
// and dates), and an existing assessment's start and completion dates. Scope as the API: a
// practitioner their own current cases, a manager the cases in scope; analysts read only (the route
// refuses them).
//
// Each form: the design system's pattern (error summary, inline errors, what was typed kept,
// status 422 for a refusal by the rules); the page checks what the form itself asks for (a
// choice made, a real date), then the write function applies the loader's field and row rules
// and its refusal is shown against the field it names. An update carries the version read in
// a hidden field: a stale one is refused (409) with the record as it now is, the user's answer
// kept and the new version in the form, so nothing is lost. Success: the write is audited with
// the record's key, wakes the live engine, and 303 to the case with a banner.
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "model/record_types.h"
#include "server/case_repository.h"
#include "server/case_writes.h"
#include "server/pages/case_display.h"
#include "server/pages/practitioner_pages.h"
#include "server/scope.h"

namespace probation {
namespace {

using Rerender = std::function<Result<HttpResponse>(const FormErrors&, int status)>;

const std::vector<Choice> kYesNo = {{"Y", "Yes"}, {"N", "No"}};
constexpr char kNotYet[] = "NONE";  // the outcome radio "not recorded yet"

std::optional<int64_t> PositiveNumber(const std::string& text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const int64_t n = std::stoll(text);
  return n >= 1 ? std::optional<int64_t>(n) : std::nullopt;
}

// The sentence (and, with `number_param`, the record) the path names; fills the audit record
// as the API does (type and "crn/event_no[/number]"). NotFound for a path that is not a number;
// PermissionDenied unless the user may write to the sentence, before anything else is read.
Status ReadPath(RequestContext& ctx, const char* type, const char* number_param, int64_t* event_no,
                int64_t* number) {
  const std::string crn = ctx.Param("crn");
  ctx.audit.record_type = type;
  ctx.audit.record_key = crn;
  const std::optional<int64_t> e = PositiveNumber(ctx.Param("event_no"));
  if (!e) return NotFound("no such sentence");
  *event_no = *e;
  ctx.audit.record_key += "/" + std::to_string(*e);
  if (number_param != nullptr) {
    const std::optional<int64_t> n = PositiveNumber(ctx.Param(number_param));
    if (!n) return NotFound("no such record");
    *number = *n;
    ctx.audit.record_key += "/" + std::to_string(*n);
  }
  return CanWriteCase(ctx.db, ctx.principal, crn, *event_no);
}

// The caption above a form's heading: the person and the sentence. REQUIRES: ReadPath allowed.
Status AddCaption(RequestContext& ctx, int64_t event_no, PageData* data) {
  const std::string crn = ctx.Param("crn");
  PROBATION_ASSIGN_OR_RETURN(const StoredRecord person,
                             ReadRecord(ctx.db, *FindRecordType("people"), {crn}));
  data->set("caption", person.Value("forenames").value_or("") + " " +
                           person.Value("surname").value_or("") + " (" + crn + "), sentence " +
                           std::to_string(event_no));
  data->set("case_href", "/cases/" + crn);
  return Status::Ok();
}

// The refusal of the write function against the fields it names ("field: reason; ..."), each
// with its label; a reason naming no field of the form goes against `fallback`.
void AddRuleErrors(const Status& status, const std::map<std::string, std::string>& labels,
                   const std::set<std::string>& dates, const std::string& fallback,
                   FormErrors* errors) {
  std::string_view rest = status.message();
  while (!rest.empty()) {
    const size_t semi = rest.find("; ");
    const std::string part(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 2);
    std::string field = ErrorField(InvalidArgument(part));
    std::string reason = field.empty() ? part : part.substr(field.size() + 2);
    if (!labels.count(field)) field = fallback;
    const std::string message = labels.at(field) + ": " + reason;
    errors->Add(field, message, dates.count(field) ? field + "-day" : std::string());
  }
}

// After the write: a success is audited with the record's key, wakes the live engine and
// redirects to the case; a refusal by the rules (422) or a stale version (409) shows the form
// again (the route's wrapper audits it as refused); anything else is the router's error page.
Result<HttpResponse> Finish(const ServiceContext& service, RequestContext& ctx,
                            Result<WriteResult> result, const std::string& recorded,
                            const std::map<std::string, std::string>& labels,
                            const std::set<std::string>& dates, const std::string& fallback,
                            const Rerender& rerender) {
  if (result.ok()) {
    ctx.audit.record_key = result->record.key;
    ctx.audit.detail = (result->created ? "created version " : "updated to version ") +
                       std::to_string(result->record.version);
    if (service.engine != nullptr) service.engine->Notify();
    return Redirect("/cases/" + ctx.Param("crn") + "?recorded=" + recorded + "#timeline");
  }
  const Status& s = result.status();
  FormErrors errors;
  if (s.code() == StatusCode::kInvalidArgument) {
    AddRuleErrors(s, labels, dates, fallback, &errors);
    return rerender(errors, 422);
  }
  if (s.code() == StatusCode::kConflict) return rerender(errors, 409);
  return s;
}

// ---- Record a contact ----

const std::map<std::string, std::string> kContactLabels = {
    {"contact_date", "Date of the contact"},
    {"contact_type", "Type of contact"},
    {"ns_required", "Required by national standards"},
    {"arranged", "Arranged as the national standards require"},
    {"outcome", "Outcome"},
    {"staff_id", "Officer"},
};

std::vector<Choice> OutcomeChoices(bool with_not_yet) {
  std::vector<Choice> choices = CodeChoices("contact_outcome");
  if (with_not_yet) {
    choices.push_back({kNotYet, "Not recorded yet", "For an appointment still to come"});
  }
  return choices;
}

Result<HttpResponse> ContactForm(RequestContext& ctx, const FormErrors& errors, int status) {
  int64_t event_no = 0, unused = 0;
  PROBATION_RETURN_IF_ERROR(ReadPath(ctx, "contacts", nullptr, &event_no, &unused));
  Page page{.title = "Record a contact",
            .template_name = "contact_form",
            .status = status,
            .nav = "/cases"};
  PROBATION_RETURN_IF_ERROR(AddCaption(ctx, event_no, &page.data));
  errors.AddTo(&page.data);
  page.data.set("action", "/cases/" + ctx.Param("crn") + "/sentences/" + std::to_string(event_no) +
                              "/contacts");
  page.data.set("date_field", DateInput({.name = "contact_date",
                                         .label = kContactLabels.at("contact_date"),
                                         .hint = "For example, 27 3 2011"},
                                        std::nullopt, ctx.form, errors));
  page.data.set("type_field", Choices({.name = "contact_type",
                                       .legend = kContactLabels.at("contact_type"),
                                       .choices = CodeChoices("contact_type")},
                                      ctx.form, errors));
  page.data.set("ns_field", Choices({.name = "ns_required",
                                     .legend = "Is the contact required by national standards?",
                                     .choices = kYesNo,
                                     .inline_radios = true},
                                    ctx.form, errors));
  page.data.set("arranged_field",
                Choices({.name = "arranged",
                         .legend = "Was it arranged as the national standards require?",
                         .hint = "For example, offered within the required time",
                         .choices = kYesNo,
                         .inline_radios = true},
                        ctx.form, errors));
  page.data.set("outcome_field", Choices({.name = "outcome",
                                          .legend = kContactLabels.at("outcome"),
                                          .choices = OutcomeChoices(true)},
                                         ctx.form, errors));
  return RenderPage(ctx, std::move(page));
}

Result<HttpResponse> SubmitContact(const ServiceContext& service, RequestContext& ctx) {
  NewContact c;
  int64_t unused = 0;
  PROBATION_RETURN_IF_ERROR(ReadPath(ctx, "contacts", nullptr, &c.event_no, &unused));
  c.crn = ctx.Param("crn");
  FormErrors errors;
  Result<std::optional<Date>> date =
      ReadDateInput(ctx.form, "contact_date", kContactLabels.at("contact_date"));
  if (!date.ok()) {
    errors.Add("contact_date", date.status().message(), "contact_date-day");
  } else if (!date->has_value()) {
    errors.Add("contact_date", "Enter the date of the contact", "contact_date-day");
  } else {
    c.contact_date = (*date)->ToString();
  }
  c.contact_type = FormValue(ctx, "contact_type");
  if (c.contact_type.empty()) errors.Add("contact_type", "Select the type of contact");
  c.ns_required = FormValue(ctx, "ns_required");
  if (c.ns_required.empty()) {
    errors.Add("ns_required", "Select yes if national standards require the contact");
  }
  c.arranged = FormValue(ctx, "arranged");
  if (c.arranged.empty()) {
    errors.Add("arranged", "Select yes if it was arranged as the national standards require");
  }
  c.outcome = FormValue(ctx, "outcome");
  if (c.outcome.empty()) errors.Add("outcome", "Select the outcome, or not recorded yet");
  if (c.outcome == kNotYet) c.outcome.clear();
  // The officer who held it: a practitioner records their own contacts.
  if (ctx.principal.role == Role::kPractitioner) c.staff_id = ctx.principal.staff_id;
  const Rerender rerender = [&ctx](const FormErrors& e, int status) {
    return ContactForm(ctx, e, status);
  };
  if (!errors.empty()) return rerender(errors, 422);
  return Finish(service, ctx, RecordContact(ctx.db, ctx.principal, c), "contact", kContactLabels,
                {"contact_date"}, "contact_type", rerender);
}

// ---- Record an appointment's outcome on an existing contact ----

const std::map<std::string, std::string> kOutcomeLabels = {
    {"outcome", "Outcome"},
    {"hours_credited", "Unpaid work hours credited"},
    {"version", "Outcome"},
};

// The version to carry in the form: the one the user read (posted), unless the write was
// refused as stale, when the form now shows the record as it is and carries its version.
std::string CarriedVersion(const RequestContext& ctx, const StoredRecord& record, int status) {
  const std::string posted = FormValue(ctx, "version");
  return status == 409 || posted.empty() ? std::to_string(record.version) : posted;
}

Result<HttpResponse> OutcomeForm(RequestContext& ctx, const FormErrors& given, int status) {
  int64_t event_no = 0, number = 0;
  PROBATION_RETURN_IF_ERROR(ReadPath(ctx, "contacts", "number", &event_no, &number));
  Page page{.title = "Record an appointment's outcome",
            .template_name = "contact_outcome_form",
            .status = status,
            .nav = "/cases"};
  PROBATION_RETURN_IF_ERROR(AddCaption(ctx, event_no, &page.data));
  const std::string crn = ctx.Param("crn");
  PROBATION_ASSIGN_OR_RETURN(const StoredRecord contact,
                             ReadRecord(ctx.db, *FindRecordType("contacts"),
                                        {crn, std::to_string(event_no), std::to_string(number)}));
  FormErrors errors = given;
  const std::string current = contact.Value("outcome").value_or("");
  if (status == 409) {
    errors.Add(
        "outcome",
        "Someone else changed this contact after you opened it. Its outcome is "
        "now: " +
            (current.empty() ? std::string("not recorded") : CodeText("contact_outcome", current)) +
            ". Your answer is kept below: check it and record it again.");
  }
  errors.AddTo(&page.data);
  page.data.set("conflict", Flag(status == 409));
  page.data.set("action", "/cases/" + crn + "/sentences/" + std::to_string(event_no) +
                              "/contacts/" + std::to_string(number) + "/outcome");
  page.data.set("version", CarriedVersion(ctx, contact, status));
  page.data.set("contact_type",
                CodeText("contact_type", contact.Value("contact_type").value_or("")));
  page.data.set("contact_date", DayText(contact.Value("contact_date").value_or("")));
  page.data.set("current_outcome", current.empty() ? std::string("Not recorded")
                                                   : CodeText("contact_outcome", current));
  page.data.set("outcome_field", Choices({.name = "outcome",
                                          .legend = "What was the outcome?",
                                          .choices = OutcomeChoices(false),
                                          .value = current},
                                         ctx.form, errors));
  const bool unpaid_work = contact.Value("requirement_no").has_value() ||
                           contact.Value("contact_type").value_or("") == "UPW";
  page.data.set("unpaid_work", Flag(unpaid_work));
  if (unpaid_work) {
    page.data.set("hours_field", TextInput({.name = "hours_credited",
                                            .label = kOutcomeLabels.at("hours_credited"),
                                            .hint = "Leave blank if none, for example 3.5",
                                            .width = "govuk-input--width-4",
                                            .value = contact.Value("hours_credited").value_or("")},
                                           ctx.form, errors));
  }
  return RenderPage(ctx, std::move(page));
}

Result<HttpResponse> SubmitOutcome(const ServiceContext& service, RequestContext& ctx) {
  ContactOutcome c;
  PROBATION_RETURN_IF_ERROR(ReadPath(ctx, "contacts", "number", &c.event_no, &c.contact_no));
  c.crn = ctx.Param("crn");
  FormErrors errors;
  const std::optional<int64_t> version = PositiveNumber(FormValue(ctx, "version"));
  if (!version) return InvalidArgument("version: the form carries no record version");
  c.expected_version = *version;
  c.outcome = FormValue(ctx, "outcome");
  if (c.outcome.empty()) errors.Add("outcome", "Select the outcome of the appointment");
  if (ctx.form.count("hours_credited")) c.hours_credited = FormValue(ctx, "hours_credited");
  const Rerender rerender = [&ctx](const FormErrors& e, int status) {
    return OutcomeForm(ctx, e, status);
  };
  if (!errors.empty()) return rerender(errors, 422);
  return Finish(service, ctx, RecordContactOutcome(ctx.db, ctx.principal, c), "outcome",
                kOutcomeLabels, {}, "outcome", rerender);
}

// ---- Record a breach ----

const std::map<std::string, std::string> kBreachLabels = {
    {"failure_date", "Date of the failure to comply"},
    {"initiated_date", "Date proceedings were initiated"},
    {"resolved_date", "Date resolved at court"},
    {"outcome", "Outcome at court"},
};

Result<HttpResponse> BreachForm(RequestContext& ctx, const FormErrors& errors, int status) {
  int64_t event_no = 0, unused = 0;
  PROBATION_RETURN_IF_ERROR(ReadPath(ctx, "breaches", nullptr, &event_no, &unused));
  Page page{.title = "Record a breach",
            .template_name = "breach_form",
            .status = status,
            .nav = "/cases"};
  PROBATION_RETURN_IF_ERROR(AddCaption(ctx, event_no, &page.data));
  errors.AddTo(&page.data);
  page.data.set("action", "/cases/" + ctx.Param("crn") + "/sentences/" + std::to_string(event_no) +
                              "/breaches");
  page.data.set("failure_field", DateInput({.name = "failure_date",
                                            .label = kBreachLabels.at("failure_date"),
                                            .hint = "The failure that triggers enforcement, for "
                                                    "example 2 7 2010"},
                                           std::nullopt, ctx.form, errors));
  page.data.set("initiated_field",
                DateInput({.name = "initiated_date",
                           .label = kBreachLabels.at("initiated_date") + " (if initiated)"},
                          std::nullopt, ctx.form, errors));
  page.data.set("resolved_field",
                DateInput({.name = "resolved_date",
                           .label = kBreachLabels.at("resolved_date") + " (if resolved)"},
                          std::nullopt, ctx.form, errors));
  std::vector<Choice> outcomes = CodeChoices("breach_outcome");
  outcomes.insert(outcomes.begin(), {"", "Not resolved yet"});
  page.data.set("outcome_field", Choices({.name = "outcome",
                                          .legend = kBreachLabels.at("outcome"),
                                          .hint = "Required with a resolved date",
                                          .choices = outcomes},
                                         ctx.form, errors));
  return RenderPage(ctx, std::move(page));
}

// A date input's value as import text ("" when blank); a malformed one is an error on `name`.
std::string ReadDateField(const RequestContext& ctx, const std::string& name,
                          const std::string& label, FormErrors* errors) {
  Result<std::optional<Date>> date = ReadDateInput(ctx.form, name, label);
  if (!date.ok()) {
    errors->Add(name, date.status().message(), name + "-day");
    return {};
  }
  return date->has_value() ? (*date)->ToString() : std::string();
}

Result<HttpResponse> SubmitBreach(const ServiceContext& service, RequestContext& ctx) {
  NewBreach b;
  int64_t unused = 0;
  PROBATION_RETURN_IF_ERROR(ReadPath(ctx, "breaches", nullptr, &b.event_no, &unused));
  b.crn = ctx.Param("crn");
  FormErrors errors;
  b.failure_date = ReadDateField(ctx, "failure_date", kBreachLabels.at("failure_date"), &errors);
  if (b.failure_date.empty() && errors.For("failure_date").empty()) {
    errors.Add("failure_date", "Enter the date of the failure to comply", "failure_date-day");
  }
  b.initiated_date =
      ReadDateField(ctx, "initiated_date", kBreachLabels.at("initiated_date"), &errors);
  b.resolved_date = ReadDateField(ctx, "resolved_date", kBreachLabels.at("resolved_date"), &errors);
  b.outcome = FormValue(ctx, "outcome");
  const Rerender rerender = [&ctx](const FormErrors& e, int status) {
    return BreachForm(ctx, e, status);
  };
  if (!errors.empty()) return rerender(errors, 422);
  return Finish(service, ctx, RecordBreach(ctx.db, ctx.principal, b), "breach", kBreachLabels,
                {"failure_date", "initiated_date", "resolved_date"}, "failure_date", rerender);
}

// ---- An assessment's start and completion dates ----

const std::map<std::string, std::string> kAssessmentLabels = {
    {"started_date", "Date the assessment started"},
    {"completed_date", "Date the assessment was completed"},
    {"version", "Date the assessment started"},
};

std::optional<Date> StoredDate(const StoredRecord& r, const char* field) {
  const std::optional<std::string> v = r.Value(field);
  if (!v) return std::nullopt;
  Result<Date> d = Date::Parse(*v);
  return d.ok() ? std::optional<Date>(*d) : std::nullopt;
}

Result<HttpResponse> AssessmentForm(RequestContext& ctx, const FormErrors& given, int status) {
  int64_t event_no = 0, number = 0;
  PROBATION_RETURN_IF_ERROR(ReadPath(ctx, "assessments", "number", &event_no, &number));
  Page page{.title = "Record an assessment's dates",
            .template_name = "assessment_dates_form",
            .status = status,
            .nav = "/cases"};
  PROBATION_RETURN_IF_ERROR(AddCaption(ctx, event_no, &page.data));
  const std::string crn = ctx.Param("crn");
  PROBATION_ASSIGN_OR_RETURN(const StoredRecord assessment,
                             ReadRecord(ctx.db, *FindRecordType("assessments"),
                                        {crn, std::to_string(event_no), std::to_string(number)}));
  FormErrors errors = given;
  if (status == 409) {
    errors.Add(
        "started_date",
        "Someone else changed this assessment after you opened it. It now reads: started " +
            DayText(assessment.Value("started_date").value_or("")) + ", completed " +
            (assessment.Value("completed_date") ? DayText(*assessment.Value("completed_date"))
                                                : std::string("not yet")) +
            ". Your dates are kept below: check them and record them again.",
        "started_date-day");
  }
  errors.AddTo(&page.data);
  page.data.set("action", "/cases/" + crn + "/sentences/" + std::to_string(event_no) +
                              "/assessments/" + std::to_string(number) + "/dates");
  page.data.set("version", CarriedVersion(ctx, assessment, status));
  page.data.set("assessment_type",
                CodeText("assessment_type", assessment.Value("assessment_type").value_or("")));
  page.data.set("started_field",
                DateInput({.name = "started_date", .label = kAssessmentLabels.at("started_date")},
                          StoredDate(assessment, "started_date"), ctx.form, errors));
  page.data.set("completed_field",
                DateInput({.name = "completed_date",
                           .label = kAssessmentLabels.at("completed_date"),
                           .hint = "Leave blank while it is not completed"},
                          StoredDate(assessment, "completed_date"), ctx.form, errors));
  return RenderPage(ctx, std::move(page));
}

Result<HttpResponse> SubmitAssessment(const ServiceContext& service, RequestContext& ctx) {
  AssessmentDates a;
  PROBATION_RETURN_IF_ERROR(ReadPath(ctx, "assessments", "number", &a.event_no, &a.assessment_no));
  a.crn = ctx.Param("crn");
  FormErrors errors;
  const std::optional<int64_t> version = PositiveNumber(FormValue(ctx, "version"));
  if (!version) return InvalidArgument("version: the form carries no record version");
  a.expected_version = *version;
  a.started_date =
      ReadDateField(ctx, "started_date", kAssessmentLabels.at("started_date"), &errors);
  if (a.started_date->empty() && errors.For("started_date").empty()) {
    errors.Add("started_date", "Enter the date the assessment started", "started_date-day");
  }
  a.completed_date =
      ReadDateField(ctx, "completed_date", kAssessmentLabels.at("completed_date"), &errors);
  const Rerender rerender = [&ctx](const FormErrors& e, int status) {
    return AssessmentForm(ctx, e, status);
  };
  if (!errors.empty()) return rerender(errors, 422);
  return Finish(service, ctx, RecordAssessmentDates(ctx.db, ctx.principal, a), "assessment",
                kAssessmentLabels, {"started_date", "completed_date"}, "started_date", rerender);
}

// ---- Record a new assessment ----

const std::map<std::string, std::string> kNewAssessmentLabels = {
    {"event_no", "Sentence"},
    {"assessment_type", "Type of assessment"},
    {"started_date", "Date the assessment started"},
    {"completed_date", "Date the assessment was completed"},
};

// The sentences of the case in the path the user may write to, as choices ("Sentence 2:
// Community order, started 3 March 2010"); fills the audit record as the API does (type and
// CRN). PermissionDenied, before anything else is read, unless some sentence is writable.
Result<std::vector<Choice>> WritableSentences(RequestContext& ctx) {
  const std::string crn = ctx.Param("crn");
  ctx.audit.record_type = "assessments";
  ctx.audit.record_key = crn;
  if (ctx.principal.role != Role::kPractitioner && ctx.principal.role != Role::kManager) {
    return PermissionDenied("the " + std::string(RoleName(ctx.principal.role)) +
                            " role cannot change case records");
  }
  PROBATION_ASSIGN_OR_RETURN(const CaseAccess access, AccessToCase(ctx.db, ctx.principal, crn));
  if (access != CaseAccess::kWrite) {
    return PermissionDenied("case " + crn + " has no sentence you may change");
  }
  PROBATION_ASSIGN_OR_RETURN(const CaseRecord record, ReadCase(ctx.db, ctx.principal, crn));
  std::vector<Choice> choices;
  for (const StoredRecord& s : record.Records("sentences")) {
    const std::string event_no = s.Value("event_no").value_or("");
    PROBATION_ASSIGN_OR_RETURN(const CaseAccess sentence,
                               AccessToSentence(ctx.db, ctx.principal, crn, std::stoll(event_no)));
    if (sentence != CaseAccess::kWrite) continue;
    choices.push_back({event_no,
                       "Sentence " + event_no + ": " +
                           CodeText("sentence_type", s.Value("sentence_type").value_or("")),
                       "Started " + DayText(s.Value("start_date").value_or(""))});
  }
  return choices;
}

Result<HttpResponse> NewAssessmentForm(RequestContext& ctx, const FormErrors& errors, int status) {
  PROBATION_ASSIGN_OR_RETURN(const std::vector<Choice> sentences, WritableSentences(ctx));
  const std::string crn = ctx.Param("crn");
  Page page{.title = "Record a new assessment",
            .template_name = "new_assessment_form",
            .status = status,
            .nav = "/cases"};
  PROBATION_ASSIGN_OR_RETURN(const StoredRecord person,
                             ReadRecord(ctx.db, *FindRecordType("people"), {crn}));
  page.data.set("caption", person.Value("forenames").value_or("") + " " +
                               person.Value("surname").value_or("") + " (" + crn + ")");
  page.data.set("case_href", "/cases/" + crn);
  errors.AddTo(&page.data);
  page.data.set("action", "/cases/" + crn + "/assessments");
  // The sentence the case page's link named, or the only one, is chosen to begin with.
  std::string chosen = ctx.Query("sentence");
  if (chosen.empty() && sentences.size() == 1) chosen = sentences.front().value;
  page.data.set("sentence_field", Choices({.name = "event_no",
                                           .legend = "Which sentence is it for?",
                                           .choices = sentences,
                                           .value = chosen},
                                          ctx.form, errors));
  page.data.set("type_field", Choices({.name = "assessment_type",
                                       .legend = kNewAssessmentLabels.at("assessment_type"),
                                       .choices = CodeChoices("assessment_type")},
                                      ctx.form, errors));
  page.data.set("started_field", DateInput({.name = "started_date",
                                            .label = kNewAssessmentLabels.at("started_date"),
                                            .hint = "For example, 27 3 2011"},
                                           std::nullopt, ctx.form, errors));
  page.data.set("completed_field",
                DateInput({.name = "completed_date",
                           .label = kNewAssessmentLabels.at("completed_date") + " (if completed)",
                           .hint = "Leave blank while it is not completed"},
                          std::nullopt, ctx.form, errors));
  return RenderPage(ctx, std::move(page));
}

Result<HttpResponse> SubmitNewAssessment(const ServiceContext& service, RequestContext& ctx) {
  PROBATION_ASSIGN_OR_RETURN(const std::vector<Choice> sentences, WritableSentences(ctx));
  NewAssessment a;
  a.crn = ctx.Param("crn");
  FormErrors errors;
  const std::string event_no = FormValue(ctx, "event_no");
  const bool listed = std::any_of(sentences.begin(), sentences.end(),
                                  [&](const Choice& c) { return c.value == event_no; });
  if (!listed) {
    errors.Add("event_no", "Select the sentence the assessment is for");
  } else {
    a.event_no = std::stoll(event_no);
    ctx.audit.record_key = a.crn + "/" + event_no;
  }
  a.assessment_type = FormValue(ctx, "assessment_type");
  if (a.assessment_type.empty()) errors.Add("assessment_type", "Select the type of assessment");
  a.started_date =
      ReadDateField(ctx, "started_date", kNewAssessmentLabels.at("started_date"), &errors);
  if (a.started_date.empty() && errors.For("started_date").empty()) {
    errors.Add("started_date", "Enter the date the assessment started", "started_date-day");
  }
  a.completed_date =
      ReadDateField(ctx, "completed_date", kNewAssessmentLabels.at("completed_date"), &errors);
  const Rerender rerender = [&ctx](const FormErrors& e, int status) {
    return NewAssessmentForm(ctx, e, status);
  };
  if (!errors.empty()) return rerender(errors, 422);
  return Finish(service, ctx, RecordAssessment(ctx.db, ctx.principal, a), "new-assessment",
                kNewAssessmentLabels, {"started_date", "completed_date"}, "assessment_type",
                rerender);
}

}  // namespace

void AddCaseFormPages(const ServiceContext& service) {
  Router& r = *service.router;
  const std::string sentence = "/cases/{crn}/sentences/{event_no}";
  using Show = Result<HttpResponse> (*)(RequestContext&, const FormErrors&, int);
  using Submit = Result<HttpResponse> (*)(const ServiceContext&, RequestContext&);
  auto form = [&r, service](const std::string& show_pattern, Show show,
                            const std::string& post_pattern, Submit submit,
                            const std::string& what) {
    r.Add(Route{.method = "GET",
                .pattern = show_pattern,
                .handler = [show](RequestContext& ctx) { return show(ctx, FormErrors(), 200); },
                .roles = kCasePageWriters,
                .audited = true,
                .summary = "The form to " + what + " (page)",
                .response_type = "text/html",
                .page = true});
    // As the API's writes: a refusal by the rules (422) or a stale version (409) is audited
    // as refused, with the key it named, besides the router's audit of what was written.
    const std::string action = "POST " + post_pattern;
    Handler handler = [service, submit, action](RequestContext& ctx) -> Result<HttpResponse> {
      Result<HttpResponse> response = submit(service, ctx);
      if (response.ok() && (response->status == 409 || response->status == 422)) {
        AuditRecord record = ctx.audit;
        record.detail = response->status == 409 ? "stale version" : "refused by the rules";
        PROBATION_RETURN_IF_ERROR(ctx.Audit(action, std::move(record), AuditOutcome::kRefused));
      }
      return response;
    };
    r.Add(Route{.method = "POST",
                .pattern = post_pattern,
                .handler = std::move(handler),
                .roles = kCasePageWriters,
                .audited = true,
                .summary = what.substr(0, 1) == "r" ? "R" + what.substr(1) + " from the form (page)"
                                                    : what + " from the form (page)",
                .response_type = "text/html",
                .page = true});
  };
  form(sentence + "/contacts/new", ContactForm, sentence + "/contacts", SubmitContact,
       "record a contact");
  form(sentence + "/contacts/{number}/outcome", OutcomeForm,
       sentence + "/contacts/{number}/outcome", SubmitOutcome, "record an appointment's outcome");
  form(sentence + "/breaches/new", BreachForm, sentence + "/breaches", SubmitBreach,
       "record a breach");
  form(sentence + "/assessments/{number}/dates", AssessmentForm,
       sentence + "/assessments/{number}/dates", SubmitAssessment,
       "record an assessment's start and completion dates");
  // A new assessment names its sentence in the form (any the user may write to), so its
  // form hangs off the case: GET /cases/{crn}/assessments/new[?sentence=N], POST
  // /cases/{crn}/assessments (as POST /api/v1/cases/{crn}/sentences/{event_no}/assessments).
  form("/cases/{crn}/assessments/new", NewAssessmentForm, "/cases/{crn}/assessments",
       SubmitNewAssessment, "record a new assessment (type, sentence, start and completion dates)");
}

void AddPractitionerPages(const ServiceContext& service) {
  AddCaseloadPages(service);
  AddCasePage(service);
  AddCaseFormPages(service);
}

}  // namespace probation
