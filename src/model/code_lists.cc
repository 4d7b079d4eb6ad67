#include "model/code_lists.h"

namespace probation {
namespace {

constexpr Code kOrgLevel[] = {
    {"region", "Region"},
    {"trust", "Probation trust (area)"},
    {"ldu", "Local delivery unit"},
    {"team", "Team"},
};

constexpr Code kStaffGrade[] = {
    {"CO", "Chief officer"},
    {"ACO", "Assistant chief officer"},
    {"SPO", "Senior probation officer (team manager)"},
    {"PO", "Probation officer (offender manager)"},
    {"PSO", "Probation services officer"},
    {"TPO", "Trainee probation officer"},
    {"CSS", "Community service (unpaid work) supervisor"},
    {"ADM", "Administrative and support staff"},
    {"SPEC", "Specialist (psychologist, programme tutor, other)"},
};

// Census 2001 classification, 16 categories plus "not stated" (16+1), as PT14 requires.
// A blank field is "missing", which is kept apart from Z "not stated".
constexpr Code kEthnicity[] = {
    {"W1", "White: British"},
    {"W2", "White: Irish"},
    {"W9", "White: any other White background"},
    {"M1", "Mixed: White and Black Caribbean"},
    {"M2", "Mixed: White and Black African"},
    {"M3", "Mixed: White and Asian"},
    {"M9", "Mixed: any other mixed background"},
    {"A1", "Asian or Asian British: Indian"},
    {"A2", "Asian or Asian British: Pakistani"},
    {"A3", "Asian or Asian British: Bangladeshi"},
    {"A9", "Asian or Asian British: any other Asian background"},
    {"B1", "Black or Black British: Caribbean"},
    {"B2", "Black or Black British: African"},
    {"B9", "Black or Black British: any other Black background"},
    {"O1", "Chinese"},
    {"O9", "Any other ethnic group"},
    {"Z", "Not stated"},
};

constexpr Code kGender[] = {
    {"M", "Male"},
    {"F", "Female"},
    {"U", "Not known"},
};

constexpr Code kDisability[] = {
    {"Y", "Disabled"},
    {"N", "Not disabled"},
    {"Z", "Not stated"},
};

constexpr Code kAbsenceType[] = {
    {"SICK", "Sickness"},
    {"ANNUAL", "Annual leave"},
    {"TRAINING", "Training"},
    {"OTHER", "Other absence"},
};

constexpr Code kSentenceType[] = {
    {"CO", "Community order (CJA 2003)"},
    {"SSO", "Suspended sentence order (CJA 2003)"},
    {"PCJA", "Pre-CJA 2003 community sentence (CRO, CPO, CPRO, DTTO)"},
    {"CUS", "Custodial sentence, pre-release"},
    {"LIC", "Custodial sentence, post-release licence"},
};

// OGRS3 offence categories (Howard et al. 2009); see reference/ogrs3 data and docs.
constexpr Code kOffenceCategory[] = {
    {"violence", "Violence against the person"},
    {"robbery", "Robbery"},
    {"public_order", "Public order"},
    {"sexual_adult", "Sexual (not against a child)"},
    {"sexual_child", "Sexual (against a child)"},
    {"soliciting", "Soliciting or prostitution"},
    {"burglary_domestic", "Burglary (domestic)"},
    {"burglary_other", "Burglary (other)"},
    {"theft", "Theft (non-motor)"},
    {"handling", "Handling stolen goods"},
    {"fraud", "Fraud and forgery"},
    {"absconding", "Absconding or bail offences"},
    {"twoc", "Taking and driving away and related"},
    {"theft_from_vehicle", "Theft from vehicles"},
    {"other_motoring", "Other motoring"},
    {"drink_driving", "Drink driving"},
    {"criminal_damage", "Criminal damage"},
    {"drug_import", "Drug import, export or production"},
    {"drug_possession", "Drug possession or supply"},
    {"other", "Other offence"},
};

constexpr Code kTerminationReason[] = {
    {"COMPLETED", "Ran its full course or ended early for good progress"},
    {"REVOKED_BREACH", "Revoked following breach"},
    {"REVOKED_REOFFENCE", "Revoked following a further offence"},
    {"RECALLED", "Licence revoked by recall to custody"},
    {"RELEASED", "Custody ended by release (licence follows as a new event)"},
    {"TRANSFERRED", "Transferred to another area"},
    {"DIED", "Died"},
    {"OTHER", "Other reason"},
};

constexpr Code kRequirementType[] = {
    {"UPW", "Unpaid work (community payback)"},
    {"PROG", "Accredited programme"},
    {"DRR", "Drug rehabilitation requirement (or DTTO)"},
    {"ATR", "Alcohol treatment requirement"},
    {"SUP", "Supervision"},
    {"CURF", "Curfew"},
    {"SPA", "Specified activity"},
    {"RES", "Residence"},
    {"MHTR", "Mental health treatment"},
    {"EXCL", "Exclusion"},
    {"PROH", "Prohibited activity"},
    {"ICCP", "Intensive Control and Change Programme"},
    {"IAC", "Intensive alternative to custody (local project)"},
};

constexpr Code kProgramme[] = {
    {"SOTP", "Sex Offender Treatment Programme"},
    {"IDAP", "Integrated Domestic Abuse Programme"},
    {"TF", "Think First"},
    {"ETS", "Enhanced Thinking Skills"},
    {"ASRO", "Addressing Substance Related Offending"},
    {"OSAP", "Offender Substance Abuse Programme"},
    {"DID", "Drink Impaired Drivers"},
    {"CALM", "Controlling Anger and Learning to Manage it"},
    {"CSB", "Cognitive Self-Change / Cognitive Skills Booster"},
};

constexpr Code kRequirementOutcome[] = {
    {"COMPLETED", "Completed successfully"},
    {"FAILED", "Failed to complete (breach or non-compliance)"},
    {"REVOKED", "Revoked or terminated early for another reason"},
};

constexpr Code kAssessmentType[] = {
    {"INITIAL", "Initial OASys assessment at commencement or release"},
    {"REVIEW", "Review"},
    {"TERMINATION", "Termination assessment"},
    {"TRANSFER", "Transfer"},
};

constexpr Code kRoshLevel[] = {
    {"LOW", "Low risk of serious harm"},
    {"MEDIUM", "Medium risk of serious harm"},
    {"HIGH", "High risk of serious harm"},
    {"VERY_HIGH", "Very high risk of serious harm"},
};

constexpr Code kTier[] = {
    {"1", "Tier 1: punish"},
    {"2", "Tier 2: help"},
    {"3", "Tier 3: change"},
    {"4", "Tier 4: control"},
};

constexpr Code kNeedSeverity[] = {
    {"0", "No problem"},
    {"1", "Some problems"},
    {"2", "Significant problems"},
};

constexpr Code kQualityAudit[] = {
    {"GOOD", "Good"},
    {"SUFFICIENT", "Sufficient"},
    {"INSUFFICIENT", "Insufficient"},
};

constexpr Code kReportType[] = {
    {"ORAL", "Oral report (fast delivery)"},          {"FDR", "Fast delivery report (written)"},
    {"SDR", "Standard delivery pre-sentence report"}, {"PAROLE", "Parole assessment report"},
    {"IPP", "IPP / lifer parole assessment report"},
};

constexpr Code kDisposal[] = {
    {"CO", "Community order"},        {"SSO", "Suspended sentence order"},
    {"CUSTODY", "Immediate custody"}, {"FINE", "Fine"},
    {"DISCHARGE", "Discharge"},       {"OTHER", "Other disposal"},
    {"NONE", "No proposal made"},
};

constexpr Code kContactType[] = {
    {"OM", "Appointment with the offender manager"},
    {"HV", "Home visit"},
    {"UPW", "Unpaid work session"},
    {"PROG", "Programme session"},
    {"TREAT", "Appointment with the treatment provider (DRR, ATR, MHTR)"},
    {"MENTOR", "Mentoring session"},
    {"OTHER", "Other contact"},
};

constexpr Code kContactOutcome[] = {
    {"ATT", "Attended and complied"},
    {"AA", "Acceptable absence"},
    {"UA", "Unacceptable absence or failure to comply"},
    {"SD", "Stood down (cancelled by the service)"},
};

constexpr Code kBreachOutcome[] = {
    {"CONTINUED", "Order or licence allowed to continue"},
    {"REVOKED_RESENTENCED", "Revoked and re-sentenced to a community sentence"},
    {"REVOKED_CUSTODY", "Revoked and sentenced to custody"},
    {"FINED", "Fined, order continues"},
    {"WITHDRAWN", "Proceedings withdrawn or not proven"},
};

constexpr Code kRecallType[] = {
    {"STANDARD", "Standard recall"},
    {"FIXED_TERM", "Fixed-term recall"},
};

constexpr Code kRegistrationType[] = {
    {"MAPPA", "Multi-agency public protection arrangements"},
    {"PPO", "Prolific and other priority offender"},
    {"IOM", "Integrated offender management"},
    {"CHILD_PROTECTION", "Child protection concerns"},
    {"DOMESTIC_ABUSE", "Domestic abuse perpetrator"},
};

constexpr Code kMappaCategory[] = {
    {"1", "Category 1: registered sexual offender"},
    {"2", "Category 2: violent and other sexual offender"},
    {"3", "Category 3: other dangerous offender"},
};

constexpr Code kMappaLevel[] = {
    {"1", "Level 1: ordinary agency management"},
    {"2", "Level 2: multi-agency risk management"},
    {"3", "Level 3: multi-agency public protection panel"},
};

constexpr Code kVictimContactMethod[] = {
    {"LETTER", "Letter"},
    {"PHONE", "Telephone"},
    {"VISIT", "Visit"},
};

constexpr Code kVictimContactOutcome[] = {
    {"ENGAGED", "Victim engaged with the scheme"},
    {"DECLINED", "Victim declined contact"},
    {"NO_RESPONSE", "No response"},
};

constexpr Code kCircumstancePoint[] = {
    {"START", "At the start of the order or licence"},
    {"END", "At the end of the order or licence"},
};

constexpr Code kEmployment[] = {
    {"EMPLOYED", "In employment"},
    {"TRAINING", "In vocational training or education"},
    {"UNEMPLOYED", "Unemployed and available for work"},
    {"NOT_AVAILABLE", "Not available for work (retired, long-term sick, carer)"},
    {"UNKNOWN", "Not known"},
};

constexpr Code kAccommodation[] = {
    {"SETTLED", "Settled and suitable"},
    {"TEMPORARY", "Temporary but suitable"},
    {"UNSUITABLE", "Unsuitable"},
    {"NFA", "No fixed abode"},
    {"UNKNOWN", "Not known"},
};

constexpr Code kEducation[] = {
    {"IN_EDUCATION", "In education or training"},
    {"NONE", "Not in education or training"},
    {"UNKNOWN", "Not known"},
};

constexpr Code kEteOutcomeType[] = {
    {"BASIC_SKILLS_START", "Started basic skills provision"},
    {"BASIC_SKILLS_AWARD", "Basic skills award"},
    {"EMPLOYMENT_FOUND", "Found employment or vocational training"},
    {"EMPLOYMENT_SUSTAINED", "Employment sustained for 4 weeks or more"},
    {"EDUCATION_REFERRAL", "Referred to a community education provider"},
    {"EDUCATION_AWARD", "Education referral resulted in an award"},
};

constexpr Code kSurveyType[] = {
    {"VICTIM", "Victim satisfaction survey"},
    {"OFFENDER", "Offender engagement survey"},
    {"SENTENCER", "Sentencer feedback"},
};

constexpr CodeList kLists[] = {
    {"org_level", "Level of an organisation unit", kOrgLevel},
    {"staff_grade", "Staff grade", kStaffGrade},
    {"ethnicity", "Census 2001 ethnicity (16+1)", kEthnicity},
    {"gender", "Gender", kGender},
    {"disability", "Disability", kDisability},
    {"absence_type", "Staff absence type", kAbsenceType},
    {"sentence_type", "Sentence type", kSentenceType},
    {"offence_category", "OGRS3 offence category", kOffenceCategory},
    {"termination_reason", "Why an order or licence ended", kTerminationReason},
    {"requirement_type", "Requirement of an order or licence", kRequirementType},
    {"programme", "Accredited programme", kProgramme},
    {"requirement_outcome", "Outcome of a requirement", kRequirementOutcome},
    {"assessment_type", "OASys assessment type", kAssessmentType},
    {"rosh_level", "Risk of serious harm level", kRoshLevel},
    {"tier", "Offender Management Model tier", kTier},
    {"need_severity", "OASys criminogenic need severity", kNeedSeverity},
    {"quality_audit", "OASys quality audit result", kQualityAudit},
    {"report_type", "Court or parole report type", kReportType},
    {"disposal", "Sentence proposed or given", kDisposal},
    {"contact_type", "Contact type", kContactType},
    {"contact_outcome", "Contact outcome", kContactOutcome},
    {"breach_outcome", "Outcome of breach proceedings", kBreachOutcome},
    {"recall_type", "Licence recall type", kRecallType},
    {"registration_type", "Registration type", kRegistrationType},
    {"mappa_category", "MAPPA category", kMappaCategory},
    {"mappa_level", "MAPPA level", kMappaLevel},
    {"victim_contact_method", "How a victim was contacted", kVictimContactMethod},
    {"victim_contact_outcome", "Outcome of victim contact", kVictimContactOutcome},
    {"circumstance_point", "When circumstances were recorded", kCircumstancePoint},
    {"employment", "Employment status", kEmployment},
    {"accommodation", "Accommodation status", kAccommodation},
    {"education", "Education status", kEducation},
    {"ete_outcome_type", "Education, training and employment outcome", kEteOutcomeType},
    {"survey_type", "Survey type", kSurveyType},
};

}  // namespace

const Code* CodeList::Find(std::string_view code) const {
  for (const Code& c : codes) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

std::span<const CodeList> AllCodeLists() { return kLists; }

const CodeList* FindCodeList(std::string_view id) {
  for (const CodeList& l : kLists) {
    if (l.id == id) return &l;
  }
  return nullptr;
}

}  // namespace probation
