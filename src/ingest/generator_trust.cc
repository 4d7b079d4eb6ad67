// One trust's caseload: people arrive at court (community sentence, custody, report only) or
// on release (licence) on working days at the trust's yearly rates, from early enough before
// the window that the caseload is in steady state when it opens; each person's history is
// simulated to the as-at date and kept when it touches the window.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ingest/generator_case.h"
#include "ingest/generator_trust.h"

namespace probation::gen {
namespace {

constexpr double kWorkingDaysPerYear = 252.5;
constexpr size_t kMaxEventsPerPerson = 8;

// Yearly arrivals for a trust of volume 1 (Cheshire-sized; measures.md §4). Re-sentencing
// after breach or reoffence adds to the community and custody lines.
constexpr double kCommunityPerYear = 2250;
constexpr double kCustodyPerYear = 500;
constexpr double kLicenceOnlyPerYear = 40;
constexpr double kReportOnlyPerYear = 1300;

enum class Arrival { kCommunity, kCustody, kLicence, kReportOnly };

// Offence mix (kOffenceCodes order) for community sentences and for custody.
constexpr double kCommunityOffences[] = {22, 1, 6, 1.5, 1, 0.3, 4, 3,   17, 3,
                                         5,  2, 2, 2,   8, 7,   5, 0.5, 7,  4};
constexpr double kCustodyOffences[] = {25, 8, 2, 4, 4, 0, 12, 4, 8,  2,
                                       4,  1, 1, 1, 2, 1, 2,  6, 10, 3};
// Annex lines: UPW alone, supervision alone, programme, DRR, supervision + UPW + programme,
// suspended sentence.
constexpr double kShapeWeights[] = {1120, 245, 398, 155, 68, 790};
constexpr const char* kEthnicities[] = {"W1", "W2", "W9", "M1", "M2", "M3", "M9", "A1", "A2",
                                        "A3", "A9", "B1", "B2", "B9", "O1", "O9", "Z",  ""};
constexpr double kEthnicityWeights[] = {780, 10, 30, 15, 3, 4, 5, 12, 20,
                                        5,   5,  20, 10, 5, 2, 8, 20, 36};

int Poisson(Rng& rng, double mean) {
  const double limit = std::exp(-mean);
  double product = rng.Uniform();
  int k = 0;
  while (product > limit) {
    ++k;
    product *= rng.Uniform();
  }
  return k;
}

const char* DisposalOf(EventKind kind) {
  switch (kind) {
    case EventKind::kSuspended:
      return "SSO";
    case EventKind::kCustody:
      return "CUSTODY";
    default:
      return "CO";
  }
}

// A proposal that differs from the sentence given, for the reports the court did not follow.
const char* OtherProposal(Rng& rng, std::string_view given) {
  if (given == "CUSTODY") return rng.Chance(0.6) ? "SSO" : "CO";
  if (given == "SSO") return rng.Chance(0.5) ? "CO" : "CUSTODY";
  if (given == "CO") return rng.Chance(0.5) ? "SSO" : (rng.Chance(0.5) ? "FINE" : "NONE");
  if (given == "FINE") return rng.Chance(0.6) ? "CO" : "DISCHARGE";
  return "CO";
}

class TrustSimulator {
 public:
  TrustSimulator(const Trust& trust, const SimulationContext& sim, OutputFiles* out)
      : trust_(trust), sim_(sim), out_(out), c_(trust, sim, &out->dates()) {}

  void Run();

 private:
  void SimulatePerson(Arrival arrival, Date day);
  void InitPerson(Arrival arrival, Date day);
  PendingEvent FirstEvent(Arrival arrival, Date day);
  void ProcessQueue();
  // Writes a pre-sentence report for the hearing on `hearing`; returns the date sentence is
  // passed, or kNoDate when that is after the as-at date (or no report could be requested).
  Date WritePreSentenceReport(Date hearing, const char* given, bool creates_event);
  void WriteRegistrations();
  void WriteRegistration(int number, const char* type, const char* category, const char* level,
                         Date start);
  void Commit();
  void WriteSentencerSurveys();
  void WriteSurvey(const SurveyItem& item, const std::string& crn);

  const Trust& trust_;
  const SimulationContext& sim_;
  OutputFiles* out_;
  CaseContext c_;
  PersonState p_;
  int64_t surveys_written_ = 0;
};

void TrustSimulator::Run() {
  c_.rng = Rng(MixSeed(sim_.seed, 1000 + static_cast<uint64_t>(trust_.number)));
  const Window& w = sim_.window;
  const double per_day = trust_.volume * sim_.scale / kWorkingDaysPerYear;
  struct Stream {
    Arrival arrival;
    double per_year;
    int years_before;  // how long before the window arrivals are simulated
  };
  const Stream streams[] = {{Arrival::kCommunity, kCommunityPerYear, 4},
                            {Arrival::kCustody, kCustodyPerYear, 10},
                            {Arrival::kLicence, kLicenceOnlyPerYear, 4},
                            {Arrival::kReportOnly, kReportOnlyPerYear, 0}};
  const Date first = w.start - 10 * 366;
  const Date last = w.as_at + 28;  // reports requested before the as-at date, due after it
  for (Date day = first; day <= last; day = day + 1) {
    if (!c_.work.IsWorking(day)) continue;
    for (const Stream& s : streams) {
      if (day < w.start - s.years_before * 365 - 30) continue;
      const int n = Poisson(c_.rng, s.per_year * per_day);
      for (int i = 0; i < n; ++i) SimulatePerson(s.arrival, day);
    }
    out_->FlushIfLarge();
  }
  WriteSentencerSurveys();
}

void TrustSimulator::SimulatePerson(Arrival arrival, Date day) {
  for (RowSink& sink : c_.stage) sink.Clear();
  c_.surveys.clear();
  InitPerson(arrival, day);
  if (arrival == Arrival::kReportOnly) {
    constexpr const char* kGiven[] = {"CUSTODY", "FINE", "DISCHARGE", "OTHER"};
    constexpr double kGivenWeights[] = {28, 18, 7, 47};
    WritePreSentenceReport(day, kGiven[c_.rng.Pick(kGivenWeights)], false);
  } else {
    p_.queue.push_back(FirstEvent(arrival, day));
    ProcessQueue();
  }
  if (!p_.touches_window) return;
  WriteRegistrations();
  Commit();
}

void TrustSimulator::InitPerson(Arrival arrival, Date day) {
  Rng& rng = c_.rng;
  p_ = PersonState{};
  p_.crn = FormatCrn(*sim_.next_crn);
  std::vector<double> ldu_weights;
  for (const Ldu& ldu : trust_.ldus)
    ldu_weights.push_back(static_cast<double>(ldu.om_teams.size()));
  p_.ldu = rng.Pick(ldu_weights.data(), static_cast<int>(ldu_weights.size()));
  const std::vector<int>& teams = trust_.ldus[p_.ldu].om_teams;
  p_.team = teams[static_cast<size_t>(rng.Between(0, static_cast<int>(teams.size()) - 1))];
  p_.male = rng.Chance(0.85);
  constexpr double kAgeBands[] = {30, 32, 28, 10};  // 18-25, 26-35, 36-50, 51-70
  constexpr int kBandLow[] = {18, 26, 36, 51}, kBandHigh[] = {25, 35, 50, 70};
  const int band = rng.Pick(kAgeBands);
  const int age = rng.Between(kBandLow[band], kBandHigh[band]);
  p_.born = day - (age * 365 + age / 4 + rng.Between(0, 364));
  const int sanctions = rng.Chance(0.18) ? 1 : 2 + Poisson(rng, age < 26 ? 5 : 9);
  p_.ogrs = std::clamp(18 + 3 * std::min(sanctions, 14) +
                           (age < 26   ? 14
                            : age > 40 ? -10
                                       : 0) +
                           rng.Between(-15, 15),
                       3, 96);
  p_.offence = arrival == Arrival::kCommunity || arrival == Arrival::kReportOnly
                   ? rng.Pick(kCommunityOffences)
                   : rng.Pick(kCustodyOffences);
  p_.sexual = IsSexual(p_.offence);
  constexpr double kRosh[] = {45, 44, 10, 1};
  constexpr double kRoshSerious[] = {12, 60, 25, 3};
  p_.rosh = p_.sexual || p_.offence == kRobbery || (p_.offence == kViolence && rng.Chance(0.4))
                ? rng.Pick(kRoshSerious)
                : rng.Pick(kRosh);
  constexpr double kNeed[] = {45, 35, 20};
  for (int& need : p_.needs) need = rng.Pick(kNeed);
  constexpr double kCompliance[] = {50, 32, 18};
  constexpr double kAbsenceRates[] = {0.012, 0.05, 0.13};
  p_.absence_rate = kAbsenceRates[std::min(2, rng.Pick(kCompliance) + (p_.ogrs > 70 ? 1 : 0))];
  const bool acquisitive = p_.offence >= kBurglaryDomestic && p_.offence <= 14;
  p_.ppo = (acquisitive && p_.ogrs >= 60 && rng.Chance(0.4)) || (p_.ogrs >= 80 && rng.Chance(0.1));

  // The people row, staged now and dropped with the rest if the person never shows.
  RowSink& row = c_.out(kPeopleFile);
  row.Text(p_.crn);
  row.Text(Surname(rng));
  std::string forenames(p_.male ? MaleForename(rng) : FemaleForename(rng));
  if (rng.Chance(0.3))
    forenames.append(" ").append(p_.male ? MaleForename(rng) : FemaleForename(rng));
  row.Text(forenames);
  row.Day(p_.born);
  row.Text(rng.Chance(0.004) ? "U" : p_.male ? "M" : "F");
  row.Text(kEthnicities[rng.Pick(kEthnicityWeights)]);
  constexpr const char* kDisability[] = {"Y", "N", "Z", ""};
  constexpr double kDisabilityWeights[] = {12, 75, 5, 8};
  row.Text(kDisability[rng.Pick(kDisabilityWeights)]);
  // The first caution or conviction: the current one for a first offender, else years before.
  const Date convicted = std::min(day, sim_.window.as_at) - rng.Between(10, 40);
  const int first_age = rng.Between(12, std::max(12, age - 1));
  const Date first_sanction =
      sanctions == 1 ? convicted
                     : std::min(convicted, p_.born + first_age * 365 + rng.Between(0, 300));
  row.Day(std::max(first_sanction, p_.born + 1));
  row.Int(sanctions);
  row.EndRow();
}

PendingEvent TrustSimulator::FirstEvent(Arrival arrival, Date day) {
  Rng& rng = c_.rng;
  PendingEvent e;
  e.offence = p_.offence;
  e.hearing = day;
  if (arrival == Arrival::kCommunity) {
    e.shape = static_cast<OrderShape>(rng.Pick(kShapeWeights));
    e.kind = e.shape == OrderShape::kSuspendedMix ? EventKind::kSuspended : EventKind::kCommunity;
    e.with_report = rng.Chance(0.86);
    return e;
  }
  constexpr double kMonthBands[] = {50, 31, 16, 3};
  constexpr int kMonthsLow[] = {12, 25, 49, 121}, kMonthsHigh[] = {24, 48, 120, 240};
  const int band = rng.Pick(kMonthBands);
  e.custodial_months = rng.Between(kMonthsLow[band], kMonthsHigh[band]);
  if (arrival == Arrival::kCustody) {
    e.kind = EventKind::kCustody;
    e.with_report = rng.Chance(0.9);
    e.ipp = (p_.offence == kViolence || p_.sexual || p_.offence == kRobbery) && rng.Chance(0.04);
    if (e.ipp) e.custodial_months = rng.Between(24, 96);
    return e;
  }
  // A licence for a prisoner sentenced elsewhere, released into this trust.
  e.kind = EventKind::kLicence;
  e.sentence_date = day - e.custodial_months * 365 / 24 - rng.Between(0, 20);
  e.licence_end = EndAfterMonths(e.sentence_date, e.custodial_months);
  if (e.licence_end <= day) e.licence_end = day + rng.Between(90, 200);
  return e;
}

void TrustSimulator::ProcessQueue() {
  for (size_t i = 0; i < p_.queue.size() && i < kMaxEventsPerPerson; ++i) {
    const PendingEvent e = p_.queue[i];  // a copy: SimulateEvent may grow the queue
    Date sentence_date = e.kind == EventKind::kLicence ? e.sentence_date : e.hearing;
    if (e.with_report) sentence_date = WritePreSentenceReport(e.hearing, DisposalOf(e.kind), true);
    if (!HasDate(sentence_date) || sentence_date > sim_.window.as_at) continue;
    if (e.kind == EventKind::kLicence && e.hearing > sim_.window.as_at) continue;
    SimulateEvent(c_, p_, e, sentence_date);
  }
}

Date TrustSimulator::WritePreSentenceReport(Date hearing, const char* given, bool creates_event) {
  Rng& rng = c_.rng;
  const Window& w = sim_.window;
  const Performance& perf = c_.perf(p_);
  const bool custody = std::string_view(given) == "CUSTODY";
  constexpr const char* kTypes[] = {"SDR", "FDR", "ORAL"};
  constexpr double kCustodyTypes[] = {75, 25, 0}, kOtherTypes[] = {40, 42, 18};
  const int type = rng.Pick(custody ? kCustodyTypes : kOtherTypes);
  const Date due = c_.work.OnOrAfter(hearing);
  const Date requested = type == 0   ? c_.work.Add(due, -rng.Between(12, 16))
                         : type == 1 ? c_.work.Add(due, -rng.Between(0, 5))
                                     : due;
  if (requested > w.as_at) return kNoDate;
  Date delivered = due;
  if (type != 2) {
    delivered = rng.Chance(perf.report_on_time) ? c_.work.Add(due, -rng.Between(0, 2))
                                                : c_.work.Add(due, rng.Between(1, 6));
    if (delivered < requested) delivered = requested;
  }
  Date sentenced = delivered <= due ? due : c_.work.Add(delivered, rng.Between(0, 3));
  const bool delivered_known = delivered <= w.as_at;
  if (sentenced > w.as_at) sentenced = kNoDate;
  if (due >= w.start) p_.touches_window = true;

  const Ldu& ldu = trust_.ldus[p_.ldu];
  const std::vector<int>& authors = type == 0 || rng.Chance(0.4) ? ldu.officers : ldu.pso;
  const int author = PickStaff(c_, authors, requested);
  RowSink& row = c_.out(kCourtReportsFile);
  row.Text(p_.crn);
  row.Int(++p_.reports);
  row.OptInt(p_.events + 1, creates_event && HasDate(sentenced));
  row.Text(kTypes[type]);
  const std::string court = custody && rng.Chance(0.6) ? trust_.crown_court : ldu.court_code;
  row.Text(court);
  if (author >= 0) {
    row.Text(trust_.staff[static_cast<size_t>(author)].id);
  } else {
    row.Blank();
  }
  row.Day(requested);
  row.Day(due);
  row.Day(delivered_known ? delivered : kNoDate);
  row.Bool(rng.Chance(custody ? 0.35 : 0.09));
  const bool low = !custody && rng.Chance(0.25);
  row.Bool(low);
  row.Int(p_.ogrs);
  if (delivered_known) {
    const char* proposal = rng.Chance(perf.concordance) ? given : OtherProposal(rng, given);
    if (low && p_.ogrs < 35 && rng.Chance(0.8)) proposal = "CO";
    row.Text(proposal);
  } else {
    row.Blank();
  }
  if (HasDate(sentenced)) {
    row.Text(given);
  } else {
    row.Blank();
  }
  row.EndRow();
  const std::string_view disposal = given;
  if (HasDate(sentenced) && (disposal == "FINE" || disposal == "DISCHARGE")) {
    // The court's record of the same fine or discharge (the annex's total counts it too).
    RowSink& passed = c_.out(kCourtDisposalsFile);
    passed.Text(p_.crn + "-R" + std::to_string(p_.reports));
    passed.Text(ldu.code);
    passed.Text(court);
    passed.Day(sentenced);
    passed.Text(disposal);
    passed.Bool(true);
    passed.EndRow();
  }
  return sentenced;
}

void TrustSimulator::WriteRegistration(int number, const char* type, const char* category,
                                       const char* level, Date start) {
  const Window& w = sim_.window;
  if (!HasDate(start) || start > w.as_at) return;
  RowSink& row = c_.out(kRegistrationsFile);
  row.Text(p_.crn);
  row.Int(number);
  row.Text(type);
  row.Text(category);
  row.Text(level);
  row.Day(start);
  Date end = kNoDate;
  if (!p_.open_at_as_at && HasDate(p_.last_end)) {
    end = p_.last_end + c_.rng.Between(0, 120);
    if (end > w.as_at || end < start) end = kNoDate;
  }
  row.Day(end);
  row.EndRow();
}

void TrustSimulator::WriteRegistrations() {
  Rng& rng = c_.rng;
  if (!HasDate(p_.first_start)) return;
  int number = 0;
  const bool mappa_violent = p_.violent_custody && rng.Chance(0.6);
  const bool mappa_other = !p_.sexual && !mappa_violent && p_.rosh >= 2 && rng.Chance(0.05);
  if (p_.sexual || mappa_violent || mappa_other) {
    constexpr const char* kLevels[] = {"1", "2", "3"};
    constexpr double kLevelWeights[] = {83, 15, 2};
    WriteRegistration(++number, "MAPPA",
                      p_.sexual       ? "1"
                      : mappa_violent ? "2"
                                      : "3",
                      kLevels[rng.Pick(kLevelWeights)], p_.first_start);
  }
  if (p_.ppo) WriteRegistration(++number, "PPO", "", "", p_.first_start);
  const Date iom_launch = Date::FromCivil(2009, 4, 1);
  const bool recent = p_.open_at_as_at || (HasDate(p_.last_end) && p_.last_end >= iom_launch);
  if (recent && (p_.ppo || rng.Chance(0.05))) {
    Date start = std::max(p_.first_start, iom_launch + rng.Between(0, 200));
    if (HasDate(p_.last_end) && !p_.open_at_as_at && start > p_.last_end) start = p_.last_end;
    WriteRegistration(++number, "IOM", "", "", start);
  }
  if (p_.offence == kViolence && rng.Chance(0.3)) {
    WriteRegistration(++number, "DOMESTIC_ABUSE", "", "", p_.first_start);
  }
  if (rng.Chance(0.03)) WriteRegistration(++number, "CHILD_PROTECTION", "", "", p_.first_start);
}

void TrustSimulator::WriteSurvey(const SurveyItem& item, const std::string& crn) {
  if (item.date > sim_.window.as_at) return;
  char id[32];
  std::snprintf(id, sizeof id, "%s-%06lld", trust_.code.c_str(),
                static_cast<long long>(++surveys_written_));
  RowSink& row = out_->sink(kSurveysFile);
  row.Text(id);
  row.Text(item.type);
  row.Day(item.date);
  row.Text(trust_.ldus[static_cast<size_t>(item.ldu)].code);
  row.Text(item.with_crn ? crn : std::string());
  row.Bool(item.positive);
  row.Int(item.score);
  row.EndRow();
}

void TrustSimulator::Commit() {
  for (int id = 0; id < kFileCount; ++id) c_.stage[id].MoveTo(&out_->sink(static_cast<FileId>(id)));
  for (const SurveyItem& item : c_.surveys) WriteSurvey(item, p_.crn);
  ++*sim_.next_crn;
}

void TrustSimulator::WriteSentencerSurveys() {
  Rng& rng = c_.rng;
  const Window& w = sim_.window;
  for (Date quarter = w.start; quarter <= w.as_at; quarter = quarter + 91) {
    for (size_t ldu = 0; ldu < trust_.ldus.size(); ++ldu) {
      const int n = std::max(1, static_cast<int>(std::lround(rng.Between(3, 8) * sim_.scale)));
      for (int i = 0; i < n; ++i) {
        const bool positive = rng.Chance(0.82);
        const SurveyItem item{"SENTENCER",
                              c_.work.OnOrAfter(quarter + rng.Between(0, 88)),
                              static_cast<int>(ldu),
                              false,
                              positive,
                              positive ? rng.Between(4, 5) : rng.Between(1, 3)};
        WriteSurvey(item, std::string());
      }
    }
  }
}

}  // namespace

std::string FormatCrn(int64_t n) {
  char text[16];
  std::snprintf(text, sizeof text, "%c%06d", static_cast<char>('A' + n / 1000000 % 26),
                static_cast<int>(n % 1000000));
  return text;
}

void SimulateTrust(const Trust& trust, const SimulationContext& context, OutputFiles* out) {
  TrustSimulator simulator(trust, context, out);
  simulator.Run();
}

}  // namespace probation::gen
