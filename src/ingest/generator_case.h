// Private to the generator: one person's case history while it is being simulated
// (generator_trust.cc drives people and court reports, generator_sentence.cc simulates each
// sentence). Rows are staged per person and only committed when the person has activity in
// the generated window, so keys stay dense and sorted. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ingest/generator_trust.h"

namespace probation::gen {

enum class EventKind { kCommunity, kSuspended, kPreCja, kCustody, kLicence };

// Community sentence shapes, following the lines of the caseload annex (measures.md §4).
enum class OrderShape {
  kUnpaidWorkOnly,
  kSupervisionOnly,
  kProgramme,
  kDrugRehabilitation,
  kSupervisionWorkProgramme,
  kSuspendedMix,
};

// Offence categories, in the order of the offence_category code list.
inline constexpr const char* kOffenceCodes[] = {"violence",
                                                "robbery",
                                                "public_order",
                                                "sexual_adult",
                                                "sexual_child",
                                                "soliciting",
                                                "burglary_domestic",
                                                "burglary_other",
                                                "theft",
                                                "handling",
                                                "fraud",
                                                "absconding",
                                                "twoc",
                                                "theft_from_vehicle",
                                                "other_motoring",
                                                "drink_driving",
                                                "criminal_damage",
                                                "drug_import",
                                                "drug_possession",
                                                "other"};
enum Offence : int {
  kViolence = 0,
  kRobbery = 1,
  kSexualAdult = 3,
  kSexualChild = 4,
  kBurglaryDomestic = 6,
  kTheft = 8,
  kDrinkDriving = 15,
  kDrugImport = 17,
  kDrugPossession = 18,
};
inline bool IsSexual(int offence) { return offence == kSexualAdult || offence == kSexualChild; }

struct PendingEvent {
  EventKind kind = EventKind::kCommunity;
  OrderShape shape = OrderShape::kSupervisionOnly;
  Date hearing;                  // sentencing hearing, or release date for a licence
  bool with_report = false;      // a pre-sentence report comes before the hearing
  Date sentence_date = kNoDate;  // licences: the original sentence date
  int custodial_months = 0;      // custody and licence
  Date licence_end = kNoDate;    // licences: end of the licence period
  int offence = kTheft;
  bool ipp = false;
};

struct PersonState {
  std::string crn;
  int ldu = 0;
  int team = 0;
  bool male = true;
  Date born;
  int ogrs = 40;
  int rosh = 0;  // 0 LOW .. 3 VERY_HIGH
  int needs[10] = {};
  double absence_rate = 0.05;  // chance an appointment is missed without good reason
  bool ppo = false;
  int offence = kTheft;  // offence of the first sentence
  bool sexual = false;
  bool violent_custody = false;
  int events = 0, reports = 0, reoffences = 0, ete = 0;
  bool touches_window = false;
  bool open_at_as_at = false;  // some sentence still running at the as-at date
  Date first_start = kNoDate;
  Date last_end = kNoDate;
  std::vector<PendingEvent> queue;
};

// The trust's D-IAC intake in one month from April 2008: eligible community orders seen so
// far and how many joined the project.
struct IacMonth {
  int seen = 0;
  int joined = 0;
};

struct SurveyItem {
  const char* type;
  Date date;
  int ldu;
  bool with_crn;
  bool positive;
  int score;
};

// Everything the simulation of one person needs.
struct CaseContext {
  CaseContext(const Trust& t, const SimulationContext& s, const DateText* dates)
      : trust(t), sim(s), work(*s.work_days), rng(0), stage(kFileCount, RowSink(dates)) {}

  const Trust& trust;
  const SimulationContext& sim;
  const WorkDays& work;
  Rng rng;
  std::vector<RowSink> stage;  // this person's rows, by FileId
  std::vector<SurveyItem> surveys;
  std::vector<IacMonth> iac_months;  // index 0: April 2008

  const Window& window() const { return sim.window; }
  const Performance& perf(const PersonState& p) const { return trust.ldus[p.ldu].performance; }
  RowSink& out(FileId id) { return stage[id]; }
};

// A member of staff from `pool` in post on `d` (any in post if the draw misses), or -1.
int PickStaff(CaseContext& c, const std::vector<int>& pool, Date d);

// Simulates one sentence (event number p.events + 1) and writes its rows; may queue
// follow-on events on p.queue (licence after custody, re-sentence after breach or reoffence).
void SimulateEvent(CaseContext& c, PersonState& p, const PendingEvent& e, Date sentence_date);

// Writes a parole or IPP parole report (deadline 8 weeks) for custody event `event_no`.
void WriteParoleReport(CaseContext& c, PersonState& p, int event_no, Date review_start, bool ipp);

}  // namespace probation::gen
