// One sentence (event) of one person: dates, requirements, responsible officers, the
// national-standard appointment schedule and work sessions with their outcomes, enforcement
// (breach after the second unacceptable absence, recall for licences), assessments,
// circumstances, ETE outcomes and victim contact.
#include <algorithm>

#include "ingest/generator_event.h"

namespace probation::gen {
namespace {

int Months(Rng& rng, const int (&months)[4], const double (&weights)[4]) {
  return months[rng.Pick(weights)];
}

// D-IAC (the Derbyshire Intensive Alternative to Custody project, from April 2008): starts a
// month for a trust of volume 1 on the agreed profile (April first; 144 a year), and the
// community orders of the eligible shapes (unpaid work, programme, or both with supervision)
// expected in a month, set a little low so each month's quota is usually filled.
constexpr double kIacProfile[] = {4, 8, 12, 12, 12, 15, 15, 15, 15, 12, 12, 12};
constexpr double kIacEligiblePerMonth = 120;
const Date kIacLaunch = Date::FromCivil(2008, 4, 1);

}  // namespace

void EventSimulator::Run() {
  event_no_ = ++p_.events;
  PlanDates();
  PlanRequirements();
  PlanReoffence();
  PlanAllocations();
  RunContacts();
  if (reason_ == std::string_view("RECALLED")) recall_decision_ = stop_;
  WriteSentence();
  WriteAllocations();
  WriteRequirements();
  WriteAssessments();
  WriteBreachesAndRecall();
  WriteCircumstancesAndEte();
  WriteVictimContact();
  QueueFollowOns();
  if (stop_ >= w_.start) p_.touches_window = true;
  if (stop_ > w_.as_at) p_.open_at_as_at = true;
  if (!HasDate(p_.first_start) || start_ < p_.first_start) p_.first_start = start_;
  if (Terminated() != kNoDate && (!HasDate(p_.last_end) || stop_ > p_.last_end)) {
    p_.last_end = stop_;
  }
}

void EventSimulator::PlanDates() {
  kind_ = e_.kind;
  const bool violent = e_.offence == kViolence || e_.offence == kRobbery;
  ssv_ = IsSexual(e_.offence) || e_.offence == kRobbery ||
         (e_.offence == kViolence && rng_.Chance(Community() ? 0.2 : 0.6));
  if (IsSexual(e_.offence)) p_.sexual = true;
  if (Community() && sentence_date_ < Date::FromCivil(2005, 4, 4)) kind_ = EventKind::kPreCja;
  start_ = sentence_date_;
  switch (kind_) {
    case EventKind::kCustody: {
      if (violent) p_.violent_custody = true;
      custodial_months_ = e_.custodial_months;
      const int days = e_.ipp ? custodial_months_ * 365 / 12 : custodial_months_ * 365 / 24;
      expected_end_ = c_.work.OnOrAfter(start_ + days);  // released on a working day
      stop_ = e_.ipp && !rng_.Chance(0.3) ? kNever : expected_end_;
      reason_ = "RELEASED";
      return;
    }
    case EventKind::kLicence:
      if (violent) p_.violent_custody = true;
      custodial_months_ = e_.custodial_months;
      start_ = e_.hearing;
      expected_end_ = e_.licence_end;
      stop_ = expected_end_;
      return;
    default:
      break;
  }
  static constexpr int kMonths[][4] = {{12, 12, 12, 12}, {6, 12, 18, 24},  {12, 18, 24, 24},
                                       {6, 12, 18, 24},  {18, 24, 24, 24}, {6, 12, 18, 24}};
  static constexpr double kWeights[][4] = {{1, 0, 0, 0},     {10, 45, 20, 25}, {30, 30, 40, 0},
                                           {20, 50, 15, 15}, {40, 60, 0, 0},   {15, 45, 15, 25}};
  const int shape = static_cast<int>(e_.shape);
  expected_end_ = EndAfterMonths(start_, Months(rng_, kMonths[shape], kWeights[shape]));
  if (e_.kind == EventKind::kSuspended) custodial_months_ = rng_.Between(3, 12);
  stop_ = expected_end_;
  const int length = expected_end_ - start_;
  if (rng_.Chance(0.03)) {
    stop_ = c_.work.OnOrAfter(start_ + rng_.Between(30, length));
    reason_ = "TRANSFERRED";
  } else if (rng_.Chance(0.002)) {
    stop_ = start_ + rng_.Between(10, length);
    reason_ = "DIED";
  } else if (length >= 360 && rng_.Chance(0.05)) {
    stop_ = c_.work.OnOrAfter(start_ + length * 2 / 3);  // revoked early for good progress
  }
}

void EventSimulator::AddRequirement(const char* type) {
  Requirement r;
  r.type = type;
  const std::string_view t(type);
  if (t == "UPW") {
    constexpr int kHours[] = {40, 60, 80, 100, 120, 150, 180, 200, 240, 300};
    constexpr double kHourWeights[] = {8, 14, 16, 16, 14, 10, 8, 7, 4, 3};
    r.hours = kHours[rng_.Pick(kHourWeights)];
  } else if (t == "PROG") {
    constexpr const char* kProgrammes[] = {"SOTP", "IDAP", "TF",   "ETS", "ASRO",
                                           "OSAP", "DID",  "CALM", "CSB"};
    constexpr int kSessions[] = {50, 27, 22, 19, 20, 26, 14, 24, 20};
    constexpr double kGeneral[] = {0, 0, 3, 5, 0, 0, 0, 1, 1};
    int programme = rng_.Pick(kGeneral);
    if (IsSexual(e_.offence)) programme = 0;
    if (e_.offence == kViolence) programme = rng_.Chance(0.5) ? 1 : 7;
    if (e_.offence == kDrinkDriving) programme = 6;
    if (e_.offence == kDrugPossession || e_.offence == kDrugImport)
      programme = rng_.Chance(0.5) ? 4 : 5;
    r.programme = kProgrammes[programme];
    r.sessions = kSessions[programme];
    r.never_starts = rng_.Chance(0.14);
  } else if (t == "CURF") {
    r.monitored = rng_.Chance(0.9);
    r.planned_end = start_ + rng_.Between(30, 180);
  } else if (t == "DRR" || t == "ATR") {
    r.planned_end = std::min(expected_end_, start_ + rng_.Between(180, 365));
  } else if (t == "IAC") {
    // Retention: about 14% drop out before 12 weeks, another 22% before 6 months (the
    // requirement fails; natural order endings add to the losses).
    r.planned_end = std::min(expected_end_, start_ + rng_.Between(182, 300));
    const double u = rng_.Uniform();
    if (u < 0.36) {
      const int day = u < 0.14 ? rng_.Between(10, 83) : rng_.Between(84, 181);
      r.done = c_.work.OnOrAfter(start_ + day);
      r.failed = true;
    }
    r.mentored = rng_.Chance(0.96);
  } else if (t != "SUP") {
    r.planned_end = std::min(expected_end_, start_ + rng_.Between(90, 365));
  }
  if (!HasDate(r.planned_end) || r.planned_end > expected_end_) r.planned_end = expected_end_;
  reqs_.push_back(r);
}

// Selection sampling against each month's quota, so intake follows the profile closely.
bool EventSimulator::JoinsIac() {
  if (kind_ != EventKind::kCommunity || start_ < kIacLaunch) return false;
  if (e_.shape != OrderShape::kUnpaidWorkOnly && e_.shape != OrderShape::kProgramme &&
      e_.shape != OrderShape::kSupervisionWorkProgramme) {
    return false;
  }
  int y, m, d;
  start_.ToCivil(&y, &m, &d);
  const size_t month = static_cast<size_t>((y - 2008) * 12 + m - 4);
  if (c_.iac_months.size() <= month) c_.iac_months.resize(month + 1);
  IacMonth& im = c_.iac_months[month];
  const double volume = c_.trust.volume * c_.sim.scale;
  const double quota = kIacProfile[month % 12] * volume - im.joined;
  const double left = kIacEligiblePerMonth * volume - im.seen++;
  if (quota <= 0) return false;
  if (!rng_.Chance(left <= 1 ? quota : quota / left)) return false;
  ++im.joined;
  return true;
}

void EventSimulator::PlanRequirements() {
  if (kind_ == EventKind::kCustody) return;
  if (kind_ == EventKind::kLicence) {
    if (rng_.Chance(0.2)) AddRequirement("RES");
    if (rng_.Chance(0.05)) AddRequirement("EXCL");
    if (rng_.Chance(IsSexual(e_.offence) ? 0.5 : 0.06)) AddRequirement("PROG");
    return;
  }
  switch (e_.shape) {
    case OrderShape::kUnpaidWorkOnly:
      AddRequirement("UPW");
      low_intensity_ = true;
      break;
    case OrderShape::kSupervisionOnly:
      AddRequirement("SUP");
      break;
    case OrderShape::kProgramme:
      AddRequirement("SUP");
      AddRequirement("PROG");
      if (rng_.Chance(0.15)) AddRequirement("ATR");
      if (rng_.Chance(0.10)) AddRequirement("CURF");
      if (rng_.Chance(0.05)) AddRequirement("SPA");
      break;
    case OrderShape::kDrugRehabilitation:
      AddRequirement("DRR");
      if (rng_.Chance(0.5)) AddRequirement("SUP");
      if (rng_.Chance(0.1)) AddRequirement("CURF");
      break;
    case OrderShape::kSupervisionWorkProgramme:
      AddRequirement("SUP");
      AddRequirement("UPW");
      AddRequirement("PROG");
      break;
    case OrderShape::kSuspendedMix: {
      constexpr double kMix[] = {40, 20, 12, 10, 8, 5, 5};
      switch (rng_.Pick(kMix)) {
        case 0:
          AddRequirement("UPW");
          low_intensity_ = true;
          break;
        case 1:
          AddRequirement("SUP");
          AddRequirement("UPW");
          break;
        case 2:
          AddRequirement("SUP");
          break;
        case 3:
          AddRequirement("SUP");
          AddRequirement("PROG");
          break;
        case 4:
          AddRequirement("SUP");
          AddRequirement("CURF");
          break;
        case 5:
          AddRequirement("DRR");
          break;
        default:
          AddRequirement("SUP");
          AddRequirement("ATR");
          break;
      }
      break;
    }
  }
  if (kind_ == EventKind::kPreCja && rng_.Chance(0.05)) AddRequirement("ICCP");
  if (JoinsIac()) {
    iac_ = static_cast<int>(reqs_.size());
    low_intensity_ = false;  // intensive: weekly reporting, the order runs its full length
    AddRequirement("IAC");
  }
  for (const Requirement& r : reqs_) drr_ = drr_ || std::string_view(r.type) == "DRR";
}

void EventSimulator::PlanReoffence() {
  if (kind_ == EventKind::kCustody) return;
  if (!rng_.Chance(std::min(0.7, p_.ogrs / 100.0 * 0.75))) return;
  const Date offence = start_ + rng_.Between(14, 540);
  const Date conviction = c_.work.OnOrAfter(offence + rng_.Between(20, 150));
  if (conviction <= w_.as_at) {
    RowSink& row = c_.out(kReoffencesFile);
    row.Text(p_.crn);
    row.Int(++p_.reoffences);
    row.Day(offence);
    row.Day(conviction);
    row.Text(kOffenceCodes[rng_.Chance(0.6) ? e_.offence : rng_.Between(0, 19)]);
    row.EndRow();
  }
  if (offence < stop_) {
    if (kind_ == EventKind::kLicence && rng_.Chance(0.55)) {
      planned_recall_ = c_.work.OnOrAfter(offence + rng_.Between(1, 15));
    } else if (Community() && conviction < stop_ && rng_.Chance(0.3)) {
      EndAt(conviction, "REVOKED_REOFFENCE");
    }
  }
  if (rng_.Chance(0.4) && conviction <= w_.as_at) {
    PendingEvent next;
    next.hearing = c_.work.Add(conviction, rng_.Between(10, 20));
    next.with_report = rng_.Chance(0.85);
    next.offence = rng_.Chance(0.6) ? e_.offence : rng_.Between(0, 19);
    if (rng_.Chance(0.35)) {
      next.kind = EventKind::kCustody;
      next.custodial_months = rng_.Between(12, 48);
      if (Community()) EndAt(next.hearing, "REVOKED_REOFFENCE");
    } else {
      constexpr double kShapes[] = {40, 10, 15, 6, 3, 26};
      next.shape = static_cast<OrderShape>(rng_.Pick(kShapes));
      next.kind =
          next.shape == OrderShape::kSuspendedMix ? EventKind::kSuspended : EventKind::kCommunity;
    }
    follow_ons_.push_back(next);
  }
}

void EventSimulator::PlanAllocations() {
  const Ldu& ldu = c_.trust.ldus[p_.ldu];
  const bool needs_officer = !Community() || p_.rosh >= 2 || p_.ppo || !rng_.Chance(0.7);
  const std::vector<int>& pool = needs_officer ? ldu.officers : ldu.pso;
  const Date limit = std::min(stop_, w_.horizon);
  Date t = start_;
  int staff = PickStaff(c_, pool, t);
  while (staff >= 0) {
    allocs_.push_back({staff, t});
    const StaffMember& member = c_.trust.staff[static_cast<size_t>(staff)];
    Date change = HasDate(member.end) ? member.end + 1 : kNever;
    if (rng_.Chance(0.12)) change = std::min(change, c_.work.OnOrAfter(t + rng_.Between(60, 400)));
    if (change >= limit || change <= t) break;
    t = change;
    staff = PickStaff(c_, pool, t);
  }
}

int EventSimulator::CurrentOfficer(Date d) {
  while (alloc_at_ + 1 < allocs_.size() && allocs_[alloc_at_ + 1].start <= d) ++alloc_at_;
  return allocs_.empty() ? -1 : allocs_[alloc_at_].staff;
}

void EventSimulator::AdvanceStream(Stream& s) {
  const int i = ++s.count;
  int offset = 0;
  switch (s.type) {
    case kOm:
      // National standards: weekly for 16 weeks, fortnightly for 12, then monthly.
      if (low_intensity_) {
        offset = 3 + 28 * i;
      } else if (i < 16) {
        offset = 3 + 7 * i;
      } else if (i < 22) {
        offset = 3 + 112 + 14 * (i - 16);
      } else {
        offset = 3 + 196 + 28 * (i - 22);
      }
      s.next = c_.work.OnOrAfter(start_ + offset);
      return;
    case kOtherContact:
      s.next = c_.work.OnOrAfter(start_ + 20 + 91 * i);
      return;
    case kHomeVisit:
      s.next = c_.work.OnOrAfter(start_ + 10 + 90 * i);
      return;
    case kUnpaidWork: {
      const Requirement& r = reqs_[static_cast<size_t>(s.requirement)];
      s.next = r.worked_tenths >= r.hours * 10 ? kNever
                                               : c_.work.OnOrAfter(s.next + 1 + rng_.Between(2, 6));
      return;
    }
    case kProgrammeSession: {
      const Requirement& r = reqs_[static_cast<size_t>(s.requirement)];
      s.next = HasDate(r.done) ? kNever : c_.work.OnOrAfter(s.next + 7);
      return;
    }
    case kTreatment: {
      const Requirement& r = reqs_[static_cast<size_t>(s.requirement)];
      const Date next = c_.work.OnOrAfter(s.next + 7);
      s.next = next > r.planned_end ? kNever : next;
      return;
    }
    case kMentor: {
      // Four or five sessions a week to the end of the third month, unless the person drops out.
      const Requirement& r = reqs_[static_cast<size_t>(s.requirement)];
      const Date next = c_.work.Add(s.next, rng_.Chance(0.9) ? 1 : 2);
      s.next = next > start_ + 90 || (HasDate(r.done) && next >= r.done) ? kNever : next;
      return;
    }
  }
}

Outcome EventSimulator::SampleOutcome(const Stream& s) {
  const double x = rng_.Uniform();
  double stood_down = s.type == kUnpaidWork ? perf_.stand_down : 0.0;
  if (x < stood_down) return kStoodDown;
  const double absent = p_.absence_rate * perf_.attendance * (s.type == kUnpaidWork ? 1.2 : 1.0);
  if (x < stood_down + absent) return kUnacceptable;
  if (x < stood_down + absent + 0.08) return kAcceptable;
  return kAttended;
}

void EventSimulator::OnUnacceptable(Date d) {
  if (kind_ == EventKind::kCustody) return;
  if (kind_ == EventKind::kLicence) {
    if (++licence_failures_ >= 2) {
      licence_failures_ = 0;
      if (rng_.Chance(0.4)) EndAt(c_.work.Add(d, rng_.Between(0, 3)), "RECALLED");
    }
    return;
  }
  if (HasDate(breach_pending_until_) && d <= breach_pending_until_) return;
  std::erase_if(recent_failures_, [d](Date f) { return d - f > 365; });
  recent_failures_.push_back(d);
  if (recent_failures_.size() < 2) return;
  recent_failures_.clear();
  BreachCase b;
  b.failure = d;
  b.initiated = c_.work.Add(
      d, rng_.Chance(perf_.breach_on_time) ? rng_.Between(1, 10) : rng_.Between(11, 25));
  b.resolved = c_.work.Add(b.initiated, rng_.Between(8, 40));
  constexpr const char* kOutcomes[] = {"CONTINUED", "FINED", "REVOKED_RESENTENCED",
                                       "REVOKED_CUSTODY", "WITHDRAWN"};
  constexpr double kOrder[] = {40, 18, 17, 14, 11}, kSuspended[] = {32, 15, 10, 33, 10};
  const int outcome = rng_.Pick(kind_ == EventKind::kSuspended ? kSuspended : kOrder);
  b.outcome = kOutcomes[outcome];
  breach_pending_until_ = b.resolved;
  breaches_.push_back(b);
  if (outcome == 2 || outcome == 3) {
    EndAt(b.resolved, "REVOKED_BREACH");
    if (outcome == 2 && b.resolved <= w_.as_at) {
      PendingEvent next;
      next.hearing = b.resolved;
      next.offence = e_.offence;
      next.shape = rng_.Chance(0.7) ? OrderShape::kUnpaidWorkOnly : OrderShape::kSupervisionOnly;
      follow_ons_.push_back(next);
    }
  }
}

void EventSimulator::Record(Stream& s, Date d) {
  ++contact_no_;
  const bool future = d > w_.as_at;
  const Outcome outcome = future ? kPending : SampleOutcome(s);
  int hours_tenths = -1;
  if (s.requirement >= 0) {
    Requirement& r = reqs_[static_cast<size_t>(s.requirement)];
    if (!HasDate(r.start) && !future) r.start = d;
    if (s.type == kUnpaidWork && outcome == kAttended) {
      hours_tenths = std::min(rng_.Chance(0.1) ? 35 : 70, r.hours * 10 - r.worked_tenths);
      r.worked_tenths += hours_tenths;
      if (r.worked_tenths >= r.hours * 10) {
        r.done = d;
        if (low_intensity_) EndAt(c_.work.Add(d, rng_.Between(1, 7)), "COMPLETED");
      }
    } else if (s.type == kProgrammeSession && outcome == kAttended) {
      if (++r.attended >= r.sessions) r.done = d;
    } else if (s.type == kProgrammeSession && outcome == kUnacceptable && ++r.missed >= 4) {
      r.done = d;
      r.failed = true;
    }
  }
  if (outcome == kUnacceptable && s.type != kMentor) OnUnacceptable(d);
  if (d < w_.start) return;
  int staff = -1;
  const Ldu& ldu = c_.trust.ldus[p_.ldu];
  if (s.type == kUnpaidWork) {
    staff = PickStaff(c_, ldu.supervisors, d);
  } else if (s.type == kProgrammeSession) {
    staff = PickStaff(c_, ldu.tutors, d);
  } else if (s.type != kTreatment && s.type != kMentor) {  // mentors are volunteers
    staff = CurrentOfficer(d);
  }
  RowSink& row = c_.out(kContactsFile);
  row.Text(p_.crn);
  row.Int(event_no_);
  row.Int(contact_no_);
  row.Day(d);
  row.Text(kContactCodes[s.type]);
  row.Bool(s.ns_required);
  row.Bool(!s.ns_required || future || rng_.Chance(perf_.arranged));
  row.Text(kOutcomeCodes[outcome]);
  row.OptInt(s.requirement + 1, s.requirement >= 0);
  if (hours_tenths >= 0) {
    row.Tenths(hours_tenths);
  } else {
    row.Blank();
  }
  if (staff >= 0) {
    row.Text(c_.trust.staff[static_cast<size_t>(staff)].id);
  } else {
    row.Blank();
  }
  row.EndRow();
}

void EventSimulator::RunContacts() {
  EndAt(planned_recall_, "RECALLED");
  std::vector<Stream> streams;
  if (kind_ == EventKind::kCustody) {
    streams.push_back({kOtherContact, -1, c_.work.OnOrAfter(start_ + 20), 0, false});
  } else {
    Date first = c_.work.OnOrAfter(start_ + rng_.Between(1, 3));
    if (drr_) {  // induction with the offender manager the same or the next working day
      first = rng_.Chance(perf_.drr_first_contact) ? c_.work.Add(start_, rng_.Chance(0.3) ? 0 : 1)
                                                   : c_.work.Add(start_, rng_.Between(2, 5));
    }
    streams.push_back({kOm, -1, first, 0, true});
    if (kind_ == EventKind::kLicence && p_.rosh >= 1) {
      streams.push_back({kHomeVisit, -1, c_.work.OnOrAfter(start_ + 10), 0, false});
    }
  }
  for (size_t i = 0; i < reqs_.size(); ++i) {
    const std::string_view type(reqs_[i].type);
    const int req = static_cast<int>(i);
    const bool iac = iac_ >= 0;
    if (type == "UPW") {
      Date first = c_.work.OnOrAfter(start_ + rng_.Between(3, 14));
      // D-IAC: unpaid work starts within a week of sentence for about 80%.
      if (iac)
        first = c_.work.OnOrAfter(sentence_date_ +
                                  (rng_.Chance(0.82) ? rng_.Between(1, 5) : rng_.Between(8, 16)));
      streams.push_back({kUnpaidWork, req, first, 0, true});
    } else if (type == "PROG" && (iac || !reqs_[i].never_starts)) {
      Date first = c_.work.OnOrAfter(start_ + rng_.Between(10, 70));
      // D-IAC: pre-programme work within two weeks of sentence for about 75%.
      if (iac && rng_.Chance(0.78)) first = c_.work.Add(sentence_date_, rng_.Between(2, 8));
      streams.push_back({kProgrammeSession, req, first, 0, true});
    } else if (type == "DRR" || type == "ATR") {
      const Date first = rng_.Chance(perf_.drr_treatment) ? c_.work.Add(start_, rng_.Between(1, 2))
                                                          : c_.work.Add(start_, rng_.Between(3, 6));
      streams.push_back({kTreatment, req, first, 0, true});
    } else if (type == "IAC" && reqs_[i].mentored) {
      Date first = c_.work.OnOrAfter(start_ + 7);
      if (HasDate(reqs_[i].done) && first >= reqs_[i].done) first = kNever;
      streams.push_back({kMentor, req, first, 0, false});
    }
  }
  for (;;) {
    Stream* next = nullptr;
    for (Stream& s : streams) {
      if (next == nullptr || s.next < next->next) next = &s;
    }
    if (next == nullptr || next->next > stop_ || next->next > w_.horizon) break;
    const Date d = next->next;
    Record(*next, d);
    AdvanceStream(*next);
  }
  // Unpaid-work-only orders whose hours were not all worked end without completion.
  if (low_intensity_ && stop_ == expected_end_ && std::string_view(reason_) == "COMPLETED" &&
      !HasDate(reqs_.front().done)) {
    reason_ = "OTHER";
  }
}

int PickStaff(CaseContext& c, const std::vector<int>& pool, Date d) {
  if (pool.empty()) return -1;
  const int n = static_cast<int>(pool.size());
  for (int attempt = 0; attempt < 8; ++attempt) {
    const int i = pool[static_cast<size_t>(c.rng.Between(0, n - 1))];
    if (c.trust.staff[static_cast<size_t>(i)].InPost(d)) return i;
  }
  for (int i : pool) {
    if (c.trust.staff[static_cast<size_t>(i)].InPost(d)) return i;
  }
  return -1;
}

Date EndAfterMonths(Date d, int months) {
  int y, m, day;
  d.ToCivil(&y, &m, &day);
  const int total = m - 1 + months;
  y += total / 12;
  m = total % 12 + 1;
  return Date::FromCivil(y, m, std::min(day, DaysInMonth(y, m))) - 1;
}

void SimulateEvent(CaseContext& c, PersonState& p, const PendingEvent& e, Date sentence_date) {
  EventSimulator simulator(c, p, e, sentence_date);
  simulator.Run();
}

}  // namespace probation::gen
