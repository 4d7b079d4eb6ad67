#include "model/record_types.h"

namespace probation {
namespace {

using enum FieldType;

// Fields shared by the records that hang off a sentence (CRN + event number).
#define PROBATION_EVENT_KEY                                                              \
  {.name = "crn", .type = kText, .required = true,                                      \
   .description = "Case reference number of the person", .example = "X123456"},        \
  {                                                                                      \
    .name = "event_no", .type = kInteger, .required = true,                              \
    .description = "Number of the sentence (event) within the person's record",          \
    .example = "1", .min = 1, .max = 999                                                 \
  }

constexpr FieldSpec kOrgUnits[] = {
    {.name = "code", .type = kText, .required = true,
     .description = "Stable code of the unit", .example = "N01LDU2"},
    {.name = "name", .type = kText, .required = true, .description = "Name of the unit",
     .example = "Northvale and Dunmere LDU"},
    {.name = "level", .type = kCode, .required = true, .code_list = "org_level",
     .description = "Level in the hierarchy", .example = "ldu"},
    {.name = "parent_code", .type = kText,
     .description = "Code of the unit above (blank for a region); listed before its children",
     .example = "N01"},
};
constexpr ReferenceSpec kOrgUnitsRefs[] = {{"parent_code", "org_units"}};
constexpr ConditionalSpec kOrgUnitsCond[] = {{"parent_code", "level", "trust"},
                                             {"parent_code", "level", "ldu"},
                                             {"parent_code", "level", "team"}};

constexpr FieldSpec kStaff[] = {
    {.name = "staff_id", .type = kText, .required = true, .description = "Staff identifier",
     .example = "S00042"},
    {.name = "surname", .type = kText, .required = true, .example = "Okafor"},
    {.name = "forenames", .type = kText, .required = true, .example = "Grace"},
    {.name = "team_code", .type = kText, .required = true,
     .description = "Organisation unit the member of staff works in", .example = "N01T07"},
    {.name = "grade", .type = kCode, .required = true, .code_list = "staff_grade",
     .example = "PO"},
    {.name = "fte", .type = kDecimal, .required = true,
     .description = "Full-time equivalent (1.0 = 37 hours a week)", .example = "0.8",
     .min = 0.01, .max = 1.5},
    {.name = "gender", .type = kCode, .code_list = "gender", .example = "F"},
    {.name = "ethnicity", .type = kCode, .code_list = "ethnicity",
     .description = "Census 2001 code; blank = missing, Z = not stated (PT13, PT14)",
     .example = "B2"},
    {.name = "start_date", .type = kDate, .required = true, .description = "Joined the service",
     .example = "2004-09-01"},
    {.name = "end_date", .type = kDate, .description = "Left the service (blank: in post)",
     .example = ""},
};
constexpr ReferenceSpec kStaffRefs[] = {{"team_code", "org_units"}};
constexpr DateOrderSpec kStaffOrder[] = {{"start_date", "end_date"}};

constexpr FieldSpec kStaffAbsences[] = {
    {.name = "staff_id", .type = kText, .required = true, .example = "S00042"},
    {.name = "absence_no", .type = kInteger, .required = true,
     .description = "Number of the absence within the staff member's record", .example = "3",
     .min = 1, .max = 99999},
    {.name = "absence_type", .type = kCode, .required = true, .code_list = "absence_type",
     .example = "SICK"},
    {.name = "start_date", .type = kDate, .required = true, .example = "2010-11-15"},
    {.name = "end_date", .type = kDate, .required = true,
     .description = "Last day of absence", .example = "2010-11-19"},
    {.name = "working_days_lost", .type = kDecimal,
     .description = "Working days lost, allowing for part-time hours (blank: counted from the "
                    "working-day calendar)",
     .example = "4", .min = 0, .max = 400},
};
constexpr ReferenceSpec kStaffAbsencesRefs[] = {{"staff_id", "staff"}};
constexpr DateOrderSpec kStaffAbsencesOrder[] = {{"start_date", "end_date"}};

constexpr FieldSpec kPeople[] = {
    {.name = "crn", .type = kText, .required = true,
     .description = "Case reference number, unique in the service", .example = "X123456"},
    {.name = "surname", .type = kText, .required = true, .example = "Hargreaves"},
    {.name = "forenames", .type = kText, .required = true, .example = "Daniel James"},
    {.name = "date_of_birth", .type = kDate, .required = true, .example = "1984-02-29"},
    {.name = "gender", .type = kCode, .required = true, .code_list = "gender", .example = "M"},
    {.name = "ethnicity", .type = kCode, .code_list = "ethnicity",
     .description = "Census 2001 code; blank = missing, Z = not stated", .example = "W1"},
    {.name = "disability", .type = kCode, .code_list = "disability",
     .description = "Blank = missing", .example = "N"},
    {.name = "first_sanction_date", .type = kDate,
     .description = "Date of the first caution or conviction (OGRS3 input)",
     .example = "2001-06-12"},
    {.name = "sanctions", .type = kInteger,
     .description = "Cautions and convictions including the current one (OGRS3 input)",
     .example = "4", .min = 1, .max = 500},
};
constexpr DateOrderSpec kPeopleOrder[] = {{"date_of_birth", "first_sanction_date"}};

constexpr FieldSpec kSentences[] = {
    PROBATION_EVENT_KEY,
    {.name = "sentence_type", .type = kCode, .required = true, .code_list = "sentence_type",
     .example = "CO"},
    {.name = "sentence_date", .type = kDate, .required = true,
     .description = "Date sentence was passed", .example = "2010-05-04"},
    {.name = "court_code", .type = kText, .required = true, .example = "MC0412"},
    {.name = "offence_code", .type = kText, .description = "Home Office offence code",
     .example = "105/01"},
    {.name = "offence_category", .type = kCode, .required = true, .code_list = "offence_category",
     .example = "violence"},
    {.name = "serious_sexual_violent", .type = kBool, .required = true,
     .description = "Serious sexual or violent offence (victim contact scheme, PT2)",
     .example = "N"},
    {.name = "custodial_months", .type = kInteger,
     .description = "Length of the custodial term in months (CUS, LIC)", .example = "",
     .min = 0, .max = 1200},
    {.name = "start_date", .type = kDate, .required = true,
     .description = "Commencement of the order, or release date for a licence",
     .example = "2010-05-04"},
    {.name = "expected_end_date", .type = kDate, .required = true, .example = "2011-05-03"},
    {.name = "termination_date", .type = kDate, .description = "Blank while the order runs",
     .example = ""},
    {.name = "termination_reason", .type = kCode, .code_list = "termination_reason",
     .description = "Required with a termination date", .example = ""},
};
constexpr ReferenceSpec kSentencesRefs[] = {{"crn", "people"}};
constexpr DateOrderSpec kSentencesOrder[] = {{"sentence_date", "start_date"},
                                             {"start_date", "expected_end_date"},
                                             {"start_date", "termination_date"}};
constexpr ConditionalSpec kSentencesCond[] = {{"termination_reason", "termination_date"},
                                              {"termination_date", "termination_reason"},
                                              {"custodial_months", "sentence_type", "CUS"},
                                              {"custodial_months", "sentence_type", "LIC"}};

constexpr FieldSpec kResponsibleOfficers[] = {
    PROBATION_EVENT_KEY,
    {.name = "allocation_no", .type = kInteger, .required = true,
     .description = "Number of the allocation within the event", .example = "1", .min = 1,
     .max = 999},
    {.name = "staff_id", .type = kText, .required = true, .example = "S00042"},
    {.name = "start_date", .type = kDate, .required = true, .example = "2010-05-04"},
    {.name = "end_date", .type = kDate, .description = "Blank while allocated", .example = ""},
};
constexpr ReferenceSpec kResponsibleOfficersRefs[] = {{"crn,event_no", "sentences"},
                                                      {"staff_id", "staff"}};
constexpr DateOrderSpec kResponsibleOfficersOrder[] = {{"start_date", "end_date"}};

constexpr FieldSpec kRequirements[] = {
    PROBATION_EVENT_KEY,
    {.name = "requirement_no", .type = kInteger, .required = true, .example = "1", .min = 1,
     .max = 999},
    {.name = "requirement_type", .type = kCode, .required = true, .code_list = "requirement_type",
     .example = "UPW"},
    {.name = "programme", .type = kCode, .code_list = "programme",
     .description = "Accredited programme (required for PROG)", .example = ""},
    {.name = "upw_hours_ordered", .type = kInteger,
     .description = "Unpaid work hours ordered (required for UPW)", .example = "120", .min = 1,
     .max = 300},
    {.name = "upw_hours_worked", .type = kDecimal, .example = "120", .min = 0, .max = 300},
    {.name = "programme_sessions", .type = kInteger, .description = "Sessions in the programme",
     .example = "", .min = 1, .max = 200},
    {.name = "programme_sessions_attended", .type = kInteger, .example = "", .min = 0,
     .max = 200},
    {.name = "electronic_monitoring", .type = kBool, .description = "Curfew electronically monitored",
     .example = ""},
    {.name = "start_date", .type = kDate,
     .description = "First session or day of the requirement (blank: not started)",
     .example = "2010-05-08"},
    {.name = "end_date", .type = kDate, .example = "2010-11-20"},
    {.name = "outcome", .type = kCode, .code_list = "requirement_outcome",
     .description = "Required with an end date", .example = "COMPLETED"},
};
constexpr ReferenceSpec kRequirementsRefs[] = {{"crn,event_no", "sentences"}};
constexpr DateOrderSpec kRequirementsOrder[] = {{"start_date", "end_date"}};
constexpr ConditionalSpec kRequirementsCond[] = {{"programme", "requirement_type", "PROG"},
                                                 {"upw_hours_ordered", "requirement_type", "UPW"},
                                                 {"outcome", "end_date"},
                                                 {"end_date", "outcome"}};

constexpr FieldSpec kAssessments[] = {
    PROBATION_EVENT_KEY,
    {.name = "assessment_no", .type = kInteger, .required = true, .example = "1", .min = 1,
     .max = 999},
    {.name = "assessment_type", .type = kCode, .required = true, .code_list = "assessment_type",
     .example = "INITIAL"},
    {.name = "started_date", .type = kDate, .required = true, .example = "2010-05-05"},
    {.name = "completed_date", .type = kDate, .description = "Blank while incomplete",
     .example = "2010-05-10"},
    {.name = "rosh_level", .type = kCode, .code_list = "rosh_level", .example = "MEDIUM"},
    {.name = "ogrs_score", .type = kInteger,
     .description = "OGRS3 two-year reoffending probability, percent", .example = "47",
     .min = 0, .max = 100},
    {.name = "tier", .type = kCode, .code_list = "tier", .example = "3"},
    {.name = "need_accommodation", .type = kCode, .code_list = "need_severity", .example = "0"},
    {.name = "need_ete", .type = kCode, .code_list = "need_severity",
     .description = "Education, training and employment", .example = "2"},
    {.name = "need_finance", .type = kCode, .code_list = "need_severity", .example = "1"},
    {.name = "need_relationships", .type = kCode, .code_list = "need_severity",
     .description = "Relationships, children and families", .example = "1"},
    {.name = "need_lifestyle", .type = kCode, .code_list = "need_severity", .example = "1"},
    {.name = "need_drugs", .type = kCode, .code_list = "need_severity", .example = "0"},
    {.name = "need_alcohol", .type = kCode, .code_list = "need_severity", .example = "2"},
    {.name = "need_emotional", .type = kCode, .code_list = "need_severity",
     .description = "Emotional wellbeing and health", .example = "0"},
    {.name = "need_thinking", .type = kCode, .code_list = "need_severity",
     .description = "Thinking and behaviour", .example = "2"},
    {.name = "need_attitudes", .type = kCode, .code_list = "need_severity", .example = "1"},
    {.name = "rmp_completed_date", .type = kDate, .description = "Risk management plan completed",
     .example = "2010-05-10"},
    {.name = "sentence_plan_completed_date", .type = kDate, .example = "2010-05-10"},
    {.name = "quality_audit", .type = kCode, .code_list = "quality_audit",
     .description = "Result of quality assurance (blank: not audited)", .example = ""},
};
constexpr ReferenceSpec kAssessmentsRefs[] = {{"crn,event_no", "sentences"}};
constexpr DateOrderSpec kAssessmentsOrder[] = {{"started_date", "completed_date"}};

constexpr FieldSpec kCourtReports[] = {
    {.name = "crn", .type = kText, .required = true, .example = "X123456"},
    {.name = "report_no", .type = kInteger, .required = true,
     .description = "Number of the report within the person's record", .example = "1", .min = 1,
     .max = 999},
    {.name = "event_no", .type = kInteger,
     .description = "Sentence that followed the report, when there is one", .example = "1",
     .min = 1, .max = 999},
    {.name = "report_type", .type = kCode, .required = true, .code_list = "report_type",
     .example = "FDR"},
    {.name = "court_code", .type = kText, .required = true, .example = "MC0412"},
    {.name = "author_staff_id", .type = kText, .example = "S00042"},
    {.name = "requested_date", .type = kDate, .required = true,
     .description = "Requested by the court, or parole review start", .example = "2010-04-20"},
    {.name = "due_date", .type = kDate, .required = true,
     .description = "Date set by the court (or parole deadline)", .example = "2010-05-04"},
    {.name = "delivered_date", .type = kDate, .description = "Blank while outstanding",
     .example = "2010-05-04"},
    {.name = "remanded_in_custody", .type = kBool, .required = true, .example = "N"},
    {.name = "low_seriousness", .type = kBool,
     .description = "Court indicated the low-seriousness community bracket (PM3)", .example = "N"},
    {.name = "ogrs_score", .type = kInteger, .description = "OGRS score at the time of the report",
     .example = "35", .min = 0, .max = 100},
    {.name = "proposal", .type = kCode, .code_list = "disposal", .example = "CO"},
    {.name = "sentence_given", .type = kCode, .code_list = "disposal", .example = "CO"},
};
constexpr ReferenceSpec kCourtReportsRefs[] = {{"crn", "people"},
                                               {"crn,event_no", "sentences"},
                                               {"author_staff_id", "staff"}};
constexpr DateOrderSpec kCourtReportsOrder[] = {{"requested_date", "due_date"},
                                                {"requested_date", "delivered_date"}};

constexpr FieldSpec kContacts[] = {
    PROBATION_EVENT_KEY,
    {.name = "contact_no", .type = kInteger, .required = true, .example = "17", .min = 1,
     .max = 99999},
    {.name = "contact_date", .type = kDate, .required = true, .example = "2010-06-15"},
    {.name = "contact_type", .type = kCode, .required = true, .code_list = "contact_type",
     .example = "OM"},
    {.name = "ns_required", .type = kBool, .required = true,
     .description = "Required by national standards (PM1)", .example = "Y"},
    {.name = "arranged", .type = kBool, .required = true,
     .description = "Arranged in accordance with national standards", .example = "Y"},
    {.name = "outcome", .type = kCode, .code_list = "contact_outcome",
     .description = "Blank while the appointment is in the future or unrecorded",
     .example = "ATT"},
    {.name = "requirement_no", .type = kInteger,
     .description = "Requirement the contact belongs to (unpaid work, programme)", .example = "",
     .min = 1, .max = 999},
    {.name = "hours_credited", .type = kDecimal, .description = "Unpaid work hours credited",
     .example = "", .min = 0, .max = 24},
    {.name = "staff_id", .type = kText, .description = "Staff member who held the contact",
     .example = "S00042"},
};
constexpr ReferenceSpec kContactsRefs[] = {{"crn,event_no", "sentences"},
                                           {"crn,event_no,requirement_no", "requirements"},
                                           {"staff_id", "staff"}};

constexpr FieldSpec kBreaches[] = {
    PROBATION_EVENT_KEY,
    {.name = "breach_no", .type = kInteger, .required = true, .example = "1", .min = 1,
     .max = 999},
    {.name = "failure_date", .type = kDate, .required = true,
     .description = "The failure to comply that triggers enforcement", .example = "2010-07-02"},
    {.name = "initiated_date", .type = kDate, .description = "Breach proceedings initiated",
     .example = "2010-07-09"},
    {.name = "resolved_date", .type = kDate, .description = "Case resolved at court",
     .example = "2010-08-03"},
    {.name = "outcome", .type = kCode, .code_list = "breach_outcome",
     .description = "Required with a resolved date", .example = "CONTINUED"},
};
constexpr ReferenceSpec kBreachesRefs[] = {{"crn,event_no", "sentences"}};
constexpr DateOrderSpec kBreachesOrder[] = {{"failure_date", "initiated_date"},
                                            {"failure_date", "resolved_date"},
                                            {"initiated_date", "resolved_date"}};
constexpr ConditionalSpec kBreachesCond[] = {{"outcome", "resolved_date"},
                                             {"resolved_date", "outcome"}};

constexpr FieldSpec kRecalls[] = {
    PROBATION_EVENT_KEY,
    {.name = "recall_no", .type = kInteger, .required = true, .example = "1", .min = 1,
     .max = 999},
    {.name = "recall_type", .type = kCode, .required = true, .code_list = "recall_type",
     .example = "STANDARD"},
    {.name = "decision_time", .type = kDateTime, .required = true,
     .description = "Offender manager's decision to request recall", .example = "2010-09-14T10:30"},
    {.name = "request_received_time", .type = kDateTime,
     .description = "Request received by the Post Release Section (OM04)",
     .example = "2010-09-14T16:05"},
};
constexpr ReferenceSpec kRecallsRefs[] = {{"crn,event_no", "sentences"}};
constexpr DateOrderSpec kRecallsOrder[] = {{"decision_time", "request_received_time"}};

constexpr FieldSpec kRegistrations[] = {
    {.name = "crn", .type = kText, .required = true, .example = "X123456"},
    {.name = "registration_no", .type = kInteger, .required = true, .example = "1", .min = 1,
     .max = 999},
    {.name = "registration_type", .type = kCode, .required = true,
     .code_list = "registration_type", .example = "MAPPA"},
    {.name = "mappa_category", .type = kCode, .code_list = "mappa_category",
     .description = "Required for MAPPA", .example = "2"},
    {.name = "mappa_level", .type = kCode, .code_list = "mappa_level",
     .description = "Required for MAPPA", .example = "1"},
    {.name = "start_date", .type = kDate, .required = true, .example = "2010-05-04"},
    {.name = "end_date", .type = kDate, .example = ""},
};
constexpr ReferenceSpec kRegistrationsRefs[] = {{"crn", "people"}};
constexpr DateOrderSpec kRegistrationsOrder[] = {{"start_date", "end_date"}};
constexpr ConditionalSpec kRegistrationsCond[] = {{"mappa_category", "registration_type", "MAPPA"},
                                                  {"mappa_level", "registration_type", "MAPPA"}};

constexpr FieldSpec kVictimContacts[] = {
    PROBATION_EVENT_KEY,
    {.name = "victim_contact_no", .type = kInteger, .required = true, .example = "1", .min = 1,
     .max = 999},
    {.name = "contact_date", .type = kDate, .required = true,
     .description = "Victim first contacted (PT2)", .example = "2010-06-01"},
    {.name = "method", .type = kCode, .code_list = "victim_contact_method", .example = "LETTER"},
    {.name = "outcome", .type = kCode, .code_list = "victim_contact_outcome",
     .example = "ENGAGED"},
};
constexpr ReferenceSpec kVictimContactsRefs[] = {{"crn,event_no", "sentences"}};

constexpr FieldSpec kCircumstances[] = {
    PROBATION_EVENT_KEY,
    {.name = "point", .type = kCode, .required = true, .code_list = "circumstance_point",
     .example = "START"},
    {.name = "recorded_date", .type = kDate, .required = true, .example = "2010-05-05"},
    {.name = "employment", .type = kCode, .code_list = "employment", .example = "UNEMPLOYED"},
    {.name = "accommodation", .type = kCode, .code_list = "accommodation", .example = "SETTLED"},
    {.name = "education", .type = kCode, .code_list = "education", .example = "NONE"},
};
constexpr ReferenceSpec kCircumstancesRefs[] = {{"crn,event_no", "sentences"}};

constexpr FieldSpec kEteOutcomes[] = {
    PROBATION_EVENT_KEY,
    {.name = "outcome_no", .type = kInteger, .required = true, .example = "1", .min = 1,
     .max = 999},
    {.name = "outcome_type", .type = kCode, .required = true, .code_list = "ete_outcome_type",
     .example = "BASIC_SKILLS_START"},
    {.name = "outcome_date", .type = kDate, .required = true, .example = "2010-07-12"},
};
constexpr ReferenceSpec kEteOutcomesRefs[] = {{"crn,event_no", "sentences"}};

constexpr FieldSpec kSurveys[] = {
    {.name = "survey_id", .type = kText, .required = true, .example = "V2010-0042"},
    {.name = "survey_type", .type = kCode, .required = true, .code_list = "survey_type",
     .example = "VICTIM"},
    {.name = "response_date", .type = kDate, .required = true, .example = "2010-10-01"},
    {.name = "unit_code", .type = kText, .required = true,
     .description = "Organisation unit the response is about", .example = "N01LDU2"},
    {.name = "crn", .type = kText, .description = "Person concerned, where known",
     .example = ""},
    {.name = "positive", .type = kBool, .required = true,
     .description = "Satisfied, or positive perception of engagement", .example = "Y"},
    {.name = "score", .type = kInteger, .description = "Overall rating 1-5", .example = "4",
     .min = 1, .max = 5},
};
constexpr ReferenceSpec kSurveysRefs[] = {{"unit_code", "org_units"}, {"crn", "people"}};

constexpr FieldSpec kReoffences[] = {
    {.name = "crn", .type = kText, .required = true, .example = "X123456"},
    {.name = "reoffence_no", .type = kInteger, .required = true, .example = "1", .min = 1,
     .max = 999},
    {.name = "offence_date", .type = kDate, .required = true, .example = "2011-01-19"},
    {.name = "conviction_date", .type = kDate, .description = "Proven by conviction or caution",
     .example = "2011-03-02"},
    {.name = "offence_category", .type = kCode, .code_list = "offence_category",
     .example = "theft"},
};
constexpr ReferenceSpec kReoffencesRefs[] = {{"crn", "people"}};
constexpr DateOrderSpec kReoffencesOrder[] = {{"offence_date", "conviction_date"}};

#undef PROBATION_EVENT_KEY

constexpr RecordType kTypes[] = {
    {"org_units", "Organisation units",
     "Regions, trusts, local delivery units and teams, each under its parent.", kOrgUnits, 1,
     kOrgUnitsRefs, {}, kOrgUnitsCond},
    {"staff", "Staff", "Members of staff with grade, FTE and diversity data.", kStaff, 1,
     kStaffRefs, kStaffOrder, {}},
    {"staff_absences", "Staff absences", "Sickness and other absences (PT15).", kStaffAbsences,
     2, kStaffAbsencesRefs, kStaffAbsencesOrder, {}},
    {"people", "People under supervision", "Identity and diversity data by CRN.", kPeople, 1, {},
     kPeopleOrder, {}},
    {"sentences", "Sentences (events)",
     "Orders, suspended sentences, licences and pre-release custody, with termination.",
     kSentences, 2, kSentencesRefs, kSentencesOrder, kSentencesCond},
    {"responsible_officers", "Responsible officers",
     "Who managed each sentence, over time.", kResponsibleOfficers, 3, kResponsibleOfficersRefs,
     kResponsibleOfficersOrder, {}},
    {"requirements", "Requirements",
     "Requirements of an order or licence: unpaid work, programmes, DRR, ...", kRequirements, 3,
     kRequirementsRefs, kRequirementsOrder, kRequirementsCond},
    {"assessments", "OASys assessments",
     "Assessments with risk of serious harm, OGRS, tier and criminogenic needs.", kAssessments, 3,
     kAssessmentsRefs, kAssessmentsOrder, {}},
    {"court_reports", "Court and parole reports",
     "Pre-sentence and parole reports with their timeliness and outcome.", kCourtReports, 2,
     kCourtReportsRefs, kCourtReportsOrder, {}},
    {"contacts", "Contacts",
     "Appointments and work sessions with their outcomes (PM1, PM2, enforcement).", kContacts, 3,
     kContactsRefs, {}, {}},
    {"breaches", "Breaches", "Enforcement of failures to comply (PT6, OM05, end-to-end).",
     kBreaches, 3, kBreachesRefs, kBreachesOrder, kBreachesCond},
    {"recalls", "Recalls", "Licence recalls with their 24-hour clock (OM04).", kRecalls, 3,
     kRecallsRefs, kRecallsOrder, {}},
    {"registrations", "Registrations", "MAPPA, PPO, IOM and other registrations.",
     kRegistrations, 2, kRegistrationsRefs, kRegistrationsOrder, kRegistrationsCond},
    {"victim_contacts", "Victim contact", "Contact with victims under the scheme (PT2).",
     kVictimContacts, 3, kVictimContactsRefs, {}, {}},
    {"circumstances", "Circumstances",
     "Employment, accommodation and education at the start and end of a sentence.",
     kCircumstances, 3, kCircumstancesRefs, {}, {}},
    {"ete_outcomes", "ETE outcomes",
     "Basic skills starts and awards, employment found and sustained, education awards.",
     kEteOutcomes, 3, kEteOutcomesRefs, {}, {}},
    {"surveys", "Survey responses", "Victim, offender and sentencer surveys.", kSurveys, 1,
     kSurveysRefs, {}, {}},
    {"reoffences", "Proven reoffences", "Further offences proven by conviction or caution.",
     kReoffences, 2, kReoffencesRefs, kReoffencesOrder, {}},
};

}  // namespace

std::string_view FieldTypeName(FieldType type) {
  switch (type) {
    case kText:
      return "text";
    case kInteger:
      return "integer";
    case kDecimal:
      return "decimal";
    case kDate:
      return "date";
    case kDateTime:
      return "date-time";
    case kBool:
      return "Y/N";
    case kCode:
      return "code";
  }
  return "?";
}

int RecordType::FieldIndex(std::string_view field_name) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == field_name) return static_cast<int>(i);
  }
  return -1;
}

std::span<const RecordType> AllRecordTypes() { return kTypes; }

const RecordType* FindRecordType(std::string_view name) {
  for (const RecordType& t : kTypes) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

}  // namespace probation
