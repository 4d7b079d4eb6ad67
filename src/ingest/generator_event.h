// Private to the generator: the simulation of one sentence (event), split between
// generator_sentence.cc (planning, appointments and enforcement) and generator_event_rows.cc
// (the rows written once the event's course is known). Not thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "ingest/generator_case.h"

namespace probation::gen {

enum ContactType {
  kOm,
  kHomeVisit,
  kUnpaidWork,
  kProgrammeSession,
  kTreatment,
  kOtherContact,
  kMentor
};
inline constexpr const char* kContactCodes[] = {"OM",    "HV",    "UPW",   "PROG",
                                                "TREAT", "OTHER", "MENTOR"};
enum Outcome { kAttended, kAcceptable, kUnacceptable, kStoodDown, kPending };
inline constexpr const char* kOutcomeCodes[] = {"ATT", "AA", "UA", "SD", ""};

inline constexpr Date kNever = Date(INT32_MAX / 2);

struct Requirement {
  const char* type = "SUP";
  const char* programme = "";
  int hours = 0;
  int worked_tenths = 0;
  int sessions = 0;
  int attended = 0;
  int missed = 0;
  bool monitored = false;
  Date start = kNoDate;
  Date planned_end = kNoDate;
  Date done = kNoDate;  // completed (all hours or sessions) or failed
  bool failed = false;
  bool never_starts = false;
  bool mentored = false;  // IAC: weekly mentoring for the first three months
};

struct Stream {
  ContactType type;
  int requirement;  // index into requirements, or -1
  Date next;
  int count = 0;
  bool ns_required = true;
};

struct Allocation {
  int staff;
  Date start;
};

struct BreachCase {
  Date failure, initiated, resolved;
  const char* outcome;
};

class EventSimulator {
 public:
  EventSimulator(CaseContext& c, PersonState& p, const PendingEvent& e, Date sentence_date)
      : c_(c),
        p_(p),
        e_(e),
        rng_(c.rng),
        w_(c.window()),
        perf_(c.perf(p)),
        sentence_date_(sentence_date) {}

  void Run();

 private:
  bool Community() const { return kind_ != EventKind::kCustody && kind_ != EventKind::kLicence; }
  void PlanDates();
  void PlanRequirements();
  void AddRequirement(const char* type);
  bool JoinsIac();
  void PlanReoffence();
  void PlanAllocations();
  void RunContacts();
  void AdvanceStream(Stream& s);
  Outcome SampleOutcome(const Stream& s);
  void Record(Stream& s, Date d);
  void OnUnacceptable(Date d);
  void EndAt(Date d, const char* reason) {
    if (d < stop_) {
      stop_ = d;
      reason_ = reason;
    }
  }
  int CurrentOfficer(Date d);
  void WriteSentence();
  void WriteAllocations();
  void WriteRequirements();
  void WriteAssessments();
  void WriteAssessment(const char* type, Date started, Date completed, bool plans, int review);
  void WriteBreachesAndRecall();
  void WriteCircumstancesAndEte();
  void WriteVictimContact();
  void WriteEteOutcome(const char* type, Date d);
  void AddSurvey(const char* type, Date d, bool with_crn, double positive);
  void QueueFollowOns();
  Date Terminated() const { return stop_ <= w_.as_at ? stop_ : kNoDate; }

  CaseContext& c_;
  PersonState& p_;
  const PendingEvent& e_;
  Rng& rng_;
  const Window& w_;
  const Performance& perf_;
  Date sentence_date_;
  EventKind kind_ = EventKind::kCommunity;
  int event_no_ = 0;
  bool ssv_ = false;
  int custodial_months_ = 0;
  Date start_, expected_end_, stop_ = kNever;
  const char* reason_ = "COMPLETED";
  int tier_ = 2;
  bool low_intensity_ = false;
  bool drr_ = false;  // a drug rehabilitation requirement (PM6a/PM6b first contacts)
  int iac_ = -1;      // index of the IAC requirement, or -1
  std::vector<Requirement> reqs_;
  std::vector<Allocation> allocs_;
  size_t alloc_at_ = 0;
  std::vector<BreachCase> breaches_;
  std::vector<Date> recent_failures_;
  Date breach_pending_until_ = kNoDate;
  int licence_failures_ = 0;
  int contact_no_ = 0;
  Date planned_recall_ = kNever;
  Date recall_decision_ = kNoDate;
  bool fixed_term_recall_ = false;
  Date circumstances_employment_found_ = kNoDate;
  std::vector<PendingEvent> follow_ons_;
};

}  // namespace probation::gen
