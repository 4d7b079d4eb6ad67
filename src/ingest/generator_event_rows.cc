// The rows of one sentence once its course is known: the sentence itself, responsible
// officers, requirements, assessments, breaches, recall, circumstances, ETE outcomes, victim
// contact, surveys, and the events that follow it. Nothing completed, delivered or resolved
// after the as-at date is written as done.
#include <algorithm>

#include "ingest/generator_event.h"

namespace probation::gen {
namespace {

const char* RoshCode(int rosh) {
  constexpr const char* kCodes[] = {"LOW", "MEDIUM", "HIGH", "VERY_HIGH"};
  return kCodes[rosh];
}

const char* SentenceTypeCode(EventKind kind) {
  constexpr const char* kCodes[] = {"CO", "SSO", "PCJA", "CUS", "LIC"};
  return kCodes[static_cast<int>(kind)];
}

// A Home Office offence code of the right kind for each category.
const char* OffenceCode(int category) {
  constexpr const char* kCodes[] = {"008/01", "034/01", "066/01", "019/07", "020/01",
                                    "142/01", "028/01", "030/01", "046/01", "054/01",
                                    "053/01", "080/01", "048/01", "045/01", "081/01",
                                    "803/01", "058/01", "092/01", "092/03", "099/99"};
  return kCodes[category];
}

Date Earliest(Date a, Date b) { return a < b ? a : b; }

}  // namespace

void EventSimulator::WriteSentence() {
  const Ldu& ldu = c_.trust.ldus[p_.ldu];
  RowSink& row = c_.out(kSentencesFile);
  row.Text(p_.crn);
  row.Int(event_no_);
  row.Text(SentenceTypeCode(kind_));
  row.Day(sentence_date_);
  row.Text(Community() || rng_.Chance(0.4) ? ldu.court_code : c_.trust.crown_court);
  if (rng_.Chance(0.92)) {
    row.Text(OffenceCode(e_.offence));
  } else {
    row.Blank();
  }
  row.Text(kOffenceCodes[e_.offence]);
  row.Bool(ssv_);
  row.OptInt(custodial_months_, custodial_months_ > 0);
  row.Day(start_);
  row.Day(expected_end_);
  const Date terminated = Terminated();
  row.Day(terminated);
  if (HasDate(terminated)) {
    row.Text(reason_);
  } else {
    row.Blank();
  }
  row.EndRow();
}

void EventSimulator::WriteAllocations() {
  const Date last = Earliest(stop_, w_.as_at);
  for (size_t i = 0; i < allocs_.size() && allocs_[i].start <= last; ++i) {
    RowSink& row = c_.out(kResponsibleOfficersFile);
    row.Text(p_.crn);
    row.Int(event_no_);
    row.Int(static_cast<int64_t>(i) + 1);
    row.Text(c_.trust.staff[static_cast<size_t>(allocs_[i].staff)].id);
    row.Day(allocs_[i].start);
    if (i + 1 < allocs_.size() && allocs_[i + 1].start <= last) {
      row.Day(allocs_[i + 1].start - 1);
    } else {
      row.Day(Terminated());
    }
    row.EndRow();
  }
}

void EventSimulator::WriteRequirements() {
  const Date terminated = Terminated();
  const bool breached = std::string_view(reason_) == "REVOKED_BREACH";
  for (size_t i = 0; i < reqs_.size(); ++i) {
    const Requirement& r = reqs_[i];
    const std::string_view type(r.type);
    const bool sessions = type == "UPW" || type == "PROG";
    Date started = sessions ? r.start : start_;
    if (HasDate(started) && (started > w_.as_at || started > stop_)) started = kNoDate;
    Date end = kNoDate;
    const char* outcome = "";
    if ((sessions || type == "IAC") && HasDate(r.done) && r.done <= w_.as_at && r.done <= stop_) {
      end = r.done;  // IAC: dropped out of the project
      outcome = r.failed ? "FAILED" : "COMPLETED";
    } else if (!sessions && r.planned_end < stop_ && r.planned_end <= w_.as_at) {
      end = r.planned_end;
      outcome = "COMPLETED";
    } else if (HasDate(terminated)) {
      end = terminated;
      const bool completed = std::string_view(reason_) == "COMPLETED" && !sessions;
      outcome = completed ? "COMPLETED" : breached ? "FAILED" : "REVOKED";
    }
    if (HasDate(started) && HasDate(end) && end < started) end = started;
    RowSink& row = c_.out(kRequirementsFile);
    row.Text(p_.crn);
    row.Int(event_no_);
    row.Int(static_cast<int64_t>(i) + 1);
    row.Text(r.type);
    row.Text(r.programme);
    row.OptInt(r.hours, type == "UPW");
    if (type == "UPW") {
      row.Tenths(r.worked_tenths);
    } else {
      row.Blank();
    }
    row.OptInt(r.sessions, type == "PROG");
    row.OptInt(r.attended, type == "PROG");
    if (type == "CURF") {
      row.Bool(r.monitored);
    } else {
      row.Blank();
    }
    row.Day(started);
    row.Day(end);
    row.Text(outcome);
    row.EndRow();
  }
}

void EventSimulator::WriteAssessment(const char* type, Date started, Date completed, bool plans,
                                     int review) {
  RowSink& row = c_.out(kAssessmentsFile);
  const bool done = completed <= w_.as_at;
  row.Text(p_.crn);
  row.Int(event_no_);
  row.Int(review + 1);
  row.Text(type);
  row.Day(started);
  row.Day(done ? completed : kNoDate);
  int rosh = p_.rosh;
  if (review > 0 && rng_.Chance(0.08)) rosh = std::clamp(rosh + (rng_.Chance(0.5) ? 1 : -1), 0, 3);
  row.Text(RoshCode(rosh));
  row.Int(std::clamp(p_.ogrs - review, 1, 99));
  row.Text(tier_ == 4 ? "4" : tier_ == 3 ? "3" : tier_ == 2 ? "2" : "1");
  static constexpr const char* kNeedCodes[] = {"0", "1", "2"};
  for (int need : p_.needs) {
    const int level = review > 0 && need > 0 && rng_.Chance(0.12 * review) ? need - 1 : need;
    row.Text(kNeedCodes[level]);
  }
  Date rmp = kNoDate, plan = kNoDate;
  if (plans && done) {
    rmp = rng_.Chance(0.95) ? completed : c_.work.Add(completed, rng_.Between(1, 4));
    plan = rng_.Chance(0.93) ? completed : c_.work.Add(completed, rng_.Between(1, 6));
  }
  row.Day(rmp <= w_.as_at ? rmp : kNoDate);
  row.Day(plan <= w_.as_at ? plan : kNoDate);
  if (done && rng_.Chance(0.12)) {
    const bool sufficient = rng_.Chance(perf_.audit_sufficient);
    row.Text(!sufficient ? "INSUFFICIENT" : rng_.Chance(0.4) ? "GOOD" : "SUFFICIENT");
  } else {
    row.Blank();
  }
  row.EndRow();
}

void EventSimulator::WriteAssessments() {
  int needs = 0;
  for (int need : p_.needs) needs += need;
  tier_ = p_.rosh >= 2 || p_.ppo ? 4 : p_.rosh == 1 ? (needs >= 8 ? 3 : 2) : (needs >= 9 ? 2 : 1);
  if (low_intensity_ && tier_ > 1 && rng_.Chance(0.6)) tier_ = 1;
  const Date last = Earliest(stop_, w_.as_at);
  const Date started = c_.work.OnOrAfter(start_);
  if (started > last) return;
  const int days = rng_.Chance(perf_.initial_on_time) ? rng_.Between(1, 5) : rng_.Between(6, 15);
  int number = 0;
  WriteAssessment("INITIAL", started, std::max(started, c_.work.Add(start_, days)), true, number++);
  if (kind_ != EventKind::kCustody && !low_intensity_) {
    for (Date review = start_ + 112; review < last; review = review + 112) {
      const Date begun = c_.work.OnOrAfter(review);
      if (begun >= last) break;
      WriteAssessment("REVIEW", begun, c_.work.Add(begun, rng_.Between(0, 5)), true, number++);
    }
  }
  const Date terminated = Terminated();
  if (kind_ == EventKind::kCustody || !HasDate(terminated)) return;
  Date begun = std::max(started, c_.work.OnOrAfter(c_.work.Add(terminated, -rng_.Between(0, 5))));
  if (begun > w_.as_at) return;
  const int late =
      rng_.Chance(perf_.termination_on_time) ? rng_.Between(0, 5) : rng_.Between(6, 20);
  WriteAssessment("TERMINATION", begun, std::max(begun, c_.work.Add(terminated, late)), false,
                  number);
}

void EventSimulator::WriteBreachesAndRecall() {
  for (size_t i = 0; i < breaches_.size(); ++i) {
    const BreachCase& b = breaches_[i];
    const bool initiated = b.initiated <= w_.as_at;
    const bool resolved = initiated && b.resolved <= w_.as_at;
    RowSink& row = c_.out(kBreachesFile);
    row.Text(p_.crn);
    row.Int(event_no_);
    row.Int(static_cast<int64_t>(i) + 1);
    row.Day(b.failure);
    row.Day(initiated ? b.initiated : kNoDate);
    row.Day(resolved ? b.resolved : kNoDate);
    row.Text(resolved ? b.outcome : "");
    row.EndRow();
  }
  if (!HasDate(recall_decision_) || recall_decision_ > w_.as_at) return;
  fixed_term_recall_ = recall_decision_ >= Date::FromCivil(2008, 6, 9) && rng_.Chance(0.25);
  const Date day = c_.work.OnOrAfter(recall_decision_);
  const DateTime decision(int64_t{day.days()} * 1440 + rng_.Between(9 * 60, 17 * 60 + 30));
  const int delay = rng_.Chance(perf_.recall_on_time) ? rng_.Between(20, 23 * 60)
                                                      : rng_.Between(25 * 60, 72 * 60);
  const DateTime received(decision.minutes() + delay);
  RowSink& row = c_.out(kRecallsFile);
  row.Text(p_.crn);
  row.Int(event_no_);
  row.Int(1);
  row.Text(fixed_term_recall_ ? "FIXED_TERM" : "STANDARD");
  row.Time(decision);
  if (received.date() <= w_.as_at) {
    row.Time(received);
  } else {
    row.Blank();
  }
  row.EndRow();
}

void EventSimulator::WriteEteOutcome(const char* type, Date d) {
  if (d < start_ || d > Earliest(stop_, w_.as_at)) return;
  RowSink& row = c_.out(kEteOutcomesFile);
  row.Text(p_.crn);
  row.Int(event_no_);
  row.Int(++p_.ete);
  row.Text(type);
  row.Day(c_.work.OnOrAfter(d) > Earliest(stop_, w_.as_at) ? d : c_.work.OnOrAfter(d));
  row.EndRow();
}

void EventSimulator::AddSurvey(const char* type, Date d, bool with_crn, double positive) {
  if (d > w_.as_at) return;
  const bool good = rng_.Chance(positive);
  c_.surveys.push_back(
      {type, d, p_.ldu, with_crn, good, good ? rng_.Between(4, 5) : rng_.Between(1, 3)});
}

void EventSimulator::WriteCircumstancesAndEte() {
  if (kind_ == EventKind::kCustody) return;
  constexpr const char* kEmployment[] = {"EMPLOYED", "TRAINING", "UNEMPLOYED", "NOT_AVAILABLE",
                                         "UNKNOWN"};
  constexpr double kEmploymentWeights[] = {28, 5, 52, 12, 3};
  constexpr const char* kAccommodation[] = {"SETTLED", "TEMPORARY", "UNSUITABLE", "NFA", "UNKNOWN"};
  constexpr double kAccommodationWeights[] = {76, 10, 6, 6, 2};
  constexpr const char* kEducation[] = {"IN_EDUCATION", "NONE", "UNKNOWN"};
  constexpr double kEducationWeights[] = {8, 85, 7};
  const int employment = rng_.Pick(kEmploymentWeights);
  const int accommodation = rng_.Pick(kAccommodationWeights);
  const int education = rng_.Pick(kEducationWeights);
  const Date recorded = c_.work.OnOrAfter(start_ + rng_.Between(0, 7));
  if (recorded > w_.as_at || recorded > stop_) return;
  RowSink& row = c_.out(kCircumstancesFile);
  row.Text(p_.crn);
  row.Int(event_no_);
  row.Text("START");
  row.Day(recorded);
  row.Text(kEmployment[employment]);
  row.Text(kAccommodation[accommodation]);
  row.Text(kEducation[education]);
  row.EndRow();

  // ETE outcomes during the sentence.
  const bool unemployed = employment == 2;
  Date found = kNoDate;
  if (rng_.Chance(0.2)) {
    const Date begun = start_ + rng_.Between(20, 200);
    WriteEteOutcome("BASIC_SKILLS_START", begun);
    if (rng_.Chance(0.33)) WriteEteOutcome("BASIC_SKILLS_AWARD", begun + rng_.Between(60, 200));
  }
  if (unemployed && rng_.Chance(0.3)) {
    found = start_ + rng_.Between(30, 300);
    if (found < Earliest(stop_, w_.as_at)) {
      WriteEteOutcome("EMPLOYMENT_FOUND", found);
      if (rng_.Chance(0.72)) WriteEteOutcome("EMPLOYMENT_SUSTAINED", found + rng_.Between(28, 60));
    }
  }
  if (rng_.Chance(0.1)) {
    const Date referred = start_ + rng_.Between(20, 150);
    WriteEteOutcome("EDUCATION_REFERRAL", referred);
    if (rng_.Chance(0.5)) WriteEteOutcome("EDUCATION_AWARD", referred + rng_.Between(60, 250));
  }

  const Date terminated = Terminated();
  if (!HasDate(terminated)) return;
  const bool employed_at_end =
      (HasDate(found) && found <= terminated) || (employment <= 1 && rng_.Chance(0.85));
  const bool settled_at_end = rng_.Chance(accommodation == 0 ? 0.96 : 0.6);
  RowSink& end = c_.out(kCircumstancesFile);
  end.Text(p_.crn);
  end.Int(event_no_);
  end.Text("END");
  end.Day(terminated);
  end.Text(employed_at_end ? "EMPLOYED" : kEmployment[employment == 0 ? 2 : employment]);
  end.Text(settled_at_end ? "SETTLED" : kAccommodation[accommodation == 0 ? 1 : accommodation]);
  end.Text(kEducation[education]);
  end.EndRow();
  if (rng_.Chance(0.12)) {
    AddSurvey("OFFENDER", c_.work.OnOrAfter(terminated + rng_.Between(0, 30)), rng_.Chance(0.7),
              perf_.offender_positive);
  }
}

void EventSimulator::WriteVictimContact() {
  if (kind_ != EventKind::kCustody || !ssv_ || custodial_months_ < 12) return;
  const int days = rng_.Chance(perf_.victim_on_time) ? rng_.Between(5, 50) : rng_.Between(57, 120);
  const Date contacted = c_.work.OnOrAfter(sentence_date_ + days);
  if (contacted > w_.as_at) return;
  constexpr const char* kMethods[] = {"LETTER", "PHONE", "VISIT"};
  constexpr double kMethodWeights[] = {70, 20, 10};
  constexpr const char* kOutcomes[] = {"ENGAGED", "DECLINED", "NO_RESPONSE"};
  constexpr double kOutcomeWeights[] = {60, 20, 20};
  const int outcome = rng_.Pick(kOutcomeWeights);
  RowSink& row = c_.out(kVictimContactsFile);
  row.Text(p_.crn);
  row.Int(event_no_);
  row.Int(1);
  row.Day(contacted);
  row.Text(kMethods[rng_.Pick(kMethodWeights)]);
  row.Text(kOutcomes[outcome]);
  row.EndRow();
  if (outcome == 0 && rng_.Chance(0.3)) {
    AddSurvey("VICTIM", c_.work.OnOrAfter(contacted + rng_.Between(60, 200)), false, 0.86);
  }
}

void EventSimulator::QueueFollowOns() {
  const Date terminated = Terminated();
  if (kind_ == EventKind::kCustody) {
    if (custodial_months_ >= 48 || e_.ipp) {
      const Date review = c_.work.OnOrAfter(expected_end_ - 182);
      if (review >= start_ && review <= w_.as_at) {
        WriteParoleReport(c_, p_, event_no_, review, e_.ipp);
      }
    }
    if (HasDate(terminated)) {
      PendingEvent licence = e_;
      licence.kind = EventKind::kLicence;
      licence.with_report = false;
      licence.hearing = terminated;
      licence.sentence_date = sentence_date_;
      licence.licence_end =
          e_.ipp ? terminated + 3650 : EndAfterMonths(sentence_date_, custodial_months_);
      if (licence.licence_end > terminated) p_.queue.push_back(licence);
    }
  }
  if (kind_ == EventKind::kLicence && HasDate(recall_decision_) && HasDate(terminated)) {
    const bool re_released = fixed_term_recall_ || rng_.Chance(0.3);
    const Date release = recall_decision_ + (fixed_term_recall_ ? 28 : rng_.Between(60, 240));
    if (re_released && release + 14 < expected_end_ && release <= w_.as_at) {
      PendingEvent licence = e_;
      licence.with_report = false;
      licence.hearing = release;
      licence.sentence_date = sentence_date_;
      licence.licence_end = expected_end_;
      p_.queue.push_back(licence);
    }
  }
  for (const PendingEvent& next : follow_ons_) p_.queue.push_back(next);
}

void WriteParoleReport(CaseContext& c, PersonState& p, int event_no, Date review_start, bool ipp) {
  const Window& w = c.window();
  const Performance& perf = c.perf(p);
  const Date due = review_start + 56;  // eight weeks from the start of the parole review
  const Date delivered =
      c.work.OnOrAfter(c.rng.Chance(perf.report_on_time) ? review_start + c.rng.Between(20, 54)
                                                         : due + c.rng.Between(1, 30));
  const int author = PickStaff(c, c.trust.ldus[p.ldu].officers, review_start);
  RowSink& row = c.out(kCourtReportsFile);
  row.Text(p.crn);
  row.Int(++p.reports);
  row.Int(event_no);
  row.Text(ipp ? "IPP" : "PAROLE");
  row.Text("PAROLE");
  if (author >= 0) {
    row.Text(c.trust.staff[static_cast<size_t>(author)].id);
  } else {
    row.Blank();
  }
  row.Day(review_start);
  row.Day(due);
  row.Day(delivered <= w.as_at ? delivered : kNoDate);
  row.Bool(false);
  row.Blank();
  row.Int(p.ogrs);
  row.Blank();
  row.Blank();
  row.EndRow();
}

}  // namespace probation::gen
