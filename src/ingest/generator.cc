// Generate(): the national or trust profile (regions, trusts, local delivery units, teams,
// staff with absences), written before each trust's caseload is simulated
// (generator_trust.cc). Every random choice comes from Rng streams seeded from the options'
// seed, so the same options give byte-identical files.
#include "ingest/generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "ingest/generator_documents.h"
#include "ingest/generator_trust.h"
#include "model/record_types.h"

namespace probation {
namespace {

using gen::Grade;
using gen::kNoDate;
using gen::Rng;
using gen::Trust;

struct Region {
  std::string code;
  std::string name;
};

struct Profile {
  std::vector<Region> regions;
  std::vector<Trust> trusts;
};

constexpr const char* kRegionNames[] = {
    "Northern Fells", "Eastern Wolds", "Western Marches", "Central Shires", "Southern Downs",
    "Northern Coast", "Midland Vales", "Southern Coast",  "Capital",        "Borderlands"};

// Fictional trusts for the national profile, with their size relative to the trust profile
// (Cheshire-sized, about 3,900 people under supervision); each is multiplied by
// kNationalVolumeFactor so the total is about 250,000 people under supervision.
constexpr double kNationalVolumeFactor = 1.28;
struct TrustPlan {
  const char* name;
  double volume;
};
constexpr TrustPlan kNationalTrusts[] = {{"Northvale and Dunmere", 1.0},
                                         {"Brackenmoor", 1.6},
                                         {"Eastholm and Fenwold", 1.2},
                                         {"Westerfold", 0.8},
                                         {"Kingsreach", 2.6},
                                         {"Ravensmere", 0.9},
                                         {"Harrowdale and Ormby", 1.4},
                                         {"Selwynmoor", 0.7},
                                         {"Thornwold", 1.1},
                                         {"Merrowdene", 2.2},
                                         {"Greyhaven", 1.3},
                                         {"Oakenshaw Vale", 0.9},
                                         {"Larkspur Downs", 1.0},
                                         {"Stonebridge and Wyle", 1.8},
                                         {"Fellmarch", 0.6},
                                         {"Brynhollow", 1.5},
                                         {"Corriedale", 0.8},
                                         {"Ashenmoor", 2.4},
                                         {"Highcombe", 1.2},
                                         {"Lowmere and Tarn", 0.7},
                                         {"Silverdene", 1.0},
                                         {"Redmarsh", 1.9},
                                         {"Wyvernshire", 1.3},
                                         {"Elmsworth Vale", 0.9},
                                         {"Cindermoor", 1.1},
                                         {"Gallowmere", 3.0},
                                         {"Whitfenby", 0.8},
                                         {"Dovewold", 1.0},
                                         {"Marrowgate", 5.5},
                                         {"Pennerby", 1.2},
                                         {"Hollinsmoor", 1.6},
                                         {"Tarnwick", 0.7},
                                         {"Culverdene", 1.4},
                                         {"Brightwater Vale", 1.1},
                                         {"Kestrelmoor", 2.0}};
constexpr const char* kLduSuffixes[] = {"North", "South", "East", "West", "Central", "City"};
constexpr const char* kTrustLdus[] = {"Northvale City", "Dunmere", "Westholm and Fenby",
                                      "Ashcombe Vale"};

std::string Format(const char* pattern, int a, int b = 0) {
  char text[64];
  std::snprintf(text, sizeof text, pattern, a, b);
  return text;
}

// The trust profile's units differ on purpose: Westholm and Fenby is weak on timeliness and
// attendance (and DRR first contacts), Ashcombe Vale has high sickness.
gen::Performance TrustLduPerformance(int ldu) {
  gen::Performance p;
  switch (ldu) {
    case 0:
      p.report_on_time = 0.975, p.initial_on_time = 0.94, p.breach_on_time = 0.94;
      p.arranged = 0.94, p.attendance = 0.9, p.termination_on_time = 0.95;
      p.audit_sufficient = 0.93, p.sickness_days = 8.5, p.offender_positive = 0.74;
      p.drr_first_contact = 0.95, p.drr_treatment = 0.94;
      break;
    case 2:
      p.report_on_time = 0.85, p.initial_on_time = 0.79, p.breach_on_time = 0.80;
      p.arranged = 0.84, p.attendance = 1.35, p.recall_on_time = 0.88, p.victim_on_time = 0.76;
      p.termination_on_time = 0.82, p.audit_sufficient = 0.84, p.concordance = 0.68;
      p.stand_down = 0.12, p.sickness_days = 10.5, p.offender_positive = 0.61;
      p.drr_first_contact = 0.78, p.drr_treatment = 0.80;
      break;
    case 3:
      p.sickness_days = 13.5;
      break;
    default:
      break;
  }
  return p;
}

gen::Performance NationalLduPerformance(Rng& rng, double trust_quality, bool weak) {
  gen::Performance p;
  const double q = trust_quality + (rng.Uniform() - 0.5) * 0.04 - (weak ? 0.08 : 0.0);
  auto rate = [q](double base) { return std::clamp(base + q, 0.5, 0.995); };
  p.report_on_time = rate(p.report_on_time);
  p.initial_on_time = rate(p.initial_on_time);
  p.breach_on_time = rate(p.breach_on_time);
  p.arranged = rate(p.arranged);
  p.attendance = std::clamp(1.0 - q * 4, 0.7, 1.6);
  p.recall_on_time = rate(p.recall_on_time);
  p.victim_on_time = rate(p.victim_on_time);
  p.termination_on_time = rate(p.termination_on_time);
  p.audit_sufficient = rate(p.audit_sufficient);
  p.concordance = rate(p.concordance);
  p.stand_down = std::clamp(0.06 - q, 0.02, 0.15);
  p.sickness_days = 7.5 + rng.Uniform() * 6.0;
  p.offender_positive = rate(p.offender_positive);
  p.drr_first_contact = rate(p.drr_first_contact);
  p.drr_treatment = rate(p.drr_treatment);
  return p;
}

class TrustBuilder {
 public:
  TrustBuilder(Trust* trust, Rng* rng, const gen::Window& window, const gen::WorkDays& work)
      : t_(*trust), rng_(*rng), w_(window), work_(work) {}

  void AddLdu(const std::string& name, int om_teams, const gen::Performance& performance);
  void AddHeadOffice();

 private:
  int AddTeam(int ldu, gen::TeamKind kind, const std::string& name);
  // Adds `count` members of `grade` to `team` (-1: head office), with successors for leavers.
  void AddStaff(int team, Grade grade, int count);
  int NewMember(int team, Grade grade, Date start);

  Trust& t_;
  Rng& rng_;
  const gen::Window& w_;
  const gen::WorkDays& work_;
  int staff_seq_ = 0;
};

int TrustBuilder::AddTeam(int ldu, gen::TeamKind kind, const std::string& name) {
  gen::Team team;
  team.code = t_.code + Format("T%03d", static_cast<int>(t_.teams.size()) + 1);
  team.name = name;
  team.ldu = ldu;
  team.kind = kind;
  t_.teams.push_back(team);
  return static_cast<int>(t_.teams.size()) - 1;
}

int TrustBuilder::NewMember(int team, Grade grade, Date start) {
  gen::StaffMember m;
  m.id = Format("S%02d%04d", t_.number, ++staff_seq_);
  m.team = team;
  m.grade = grade;
  m.fte_tenths = rng_.Chance(0.8) ? 10 : rng_.Between(5, 9);
  m.start = work_.OnOrAfter(start);
  t_.staff.push_back(m);
  const int index = static_cast<int>(t_.staff.size()) - 1;
  if (team >= 0) {
    gen::Ldu& ldu = t_.ldus[static_cast<size_t>(t_.teams[static_cast<size_t>(team)].ldu)];
    const gen::TeamKind kind = t_.teams[static_cast<size_t>(team)].kind;
    if (kind == gen::TeamKind::kOffenderManagement &&
        (grade == Grade::kPO || grade == Grade::kTPO)) {
      ldu.officers.push_back(index);
    } else if (kind == gen::TeamKind::kOffenderManagement && grade == Grade::kPSO) {
      ldu.pso.push_back(index);
    } else if (grade == Grade::kCSS) {
      ldu.supervisors.push_back(index);
    } else if (grade == Grade::kSPEC) {
      ldu.tutors.push_back(index);
    }
  }
  return index;
}

void TrustBuilder::AddStaff(int team, Grade grade, int count) {
  const int window_days = w_.as_at - w_.start;
  for (int i = 0; i < count; ++i) {
    int member = NewMember(team, grade, w_.start - rng_.Between(30, 9000));
    // About 5% leave each year; a successor joins a few weeks later.
    for (int generation = 0; generation < 2 && rng_.Chance(0.22); ++generation) {
      const Date left = std::max(t_.staff[static_cast<size_t>(member)].start, w_.start) + 30 +
                        rng_.Between(0, window_days);
      if (left >= w_.as_at) break;
      t_.staff[static_cast<size_t>(member)].end = left;
      const Date successor_start = left + rng_.Between(14, 90);
      if (successor_start > w_.as_at) break;
      member = NewMember(team, grade, successor_start);
    }
  }
}

void TrustBuilder::AddLdu(const std::string& name, int om_teams,
                          const gen::Performance& performance) {
  gen::Ldu ldu;
  const int number = static_cast<int>(t_.ldus.size()) + 1;
  ldu.code = t_.code + "LDU" + std::to_string(number);
  ldu.name = name + " LDU";
  ldu.court_code = Format("MC%02d%02d", t_.number, number);
  ldu.performance = performance;
  t_.ldus.push_back(ldu);
  const int index = number - 1;
  for (int i = 0; i < om_teams; ++i) {
    const int team = AddTeam(index, gen::TeamKind::kOffenderManagement,
                             name + " Offender Management " + std::to_string(i + 1));
    t_.ldus[static_cast<size_t>(index)].om_teams.push_back(team);
    AddStaff(team, Grade::kSPO, 1);
    AddStaff(team, Grade::kPO, rng_.Between(4, 6));
    AddStaff(team, Grade::kPSO, rng_.Between(2, 4));
    AddStaff(team, Grade::kTPO, rng_.Between(0, 1));
    AddStaff(team, Grade::kADM, 1);
  }
  const int upw = AddTeam(index, gen::TeamKind::kUnpaidWork, name + " Community Payback");
  const int supervisors = std::max(3, static_cast<int>(std::lround(om_teams * 1.7)));
  AddStaff(upw, Grade::kSPO, 1);
  AddStaff(upw, Grade::kCSS, supervisors);
  AddStaff(upw, Grade::kPSO, 1);
  AddStaff(upw, Grade::kADM, 1);
  const int programmes = AddTeam(index, gen::TeamKind::kProgrammes, name + " Programmes");
  AddStaff(programmes, Grade::kSPO, 1);
  AddStaff(programmes, Grade::kSPEC, std::max(2, om_teams));
  AddStaff(programmes, Grade::kADM, 1);
}

void TrustBuilder::AddHeadOffice() {
  AddStaff(-1, Grade::kCO, 1);
  AddStaff(-1, Grade::kACO, std::clamp(static_cast<int>(std::lround(2 + t_.volume * 2)), 2, 8));
  AddStaff(-1, Grade::kADM, static_cast<int>(std::lround(18 * t_.volume)));
  AddStaff(-1, Grade::kSPEC, static_cast<int>(std::lround(6 * t_.volume)));
}

// Splits `total` offender management teams over `ldus` units, larger units first.
std::vector<int> SplitTeams(int total, int ldus) {
  std::vector<int> teams(static_cast<size_t>(ldus), std::max(2, total / ldus));
  for (int i = 0; i < total - (total / ldus) * ldus; ++i) ++teams[static_cast<size_t>(i)];
  return teams;
}

Profile BuildProfile(const GeneratorOptions& options, const gen::Window& window,
                     const gen::WorkDays& work) {
  Profile profile;
  const bool national = options.profile == GeneratorProfile::kNational;
  const int regions = national ? 10 : 1;
  for (int r = 0; r < regions; ++r) {
    profile.regions.push_back({Format("R%02d", r + 1), std::string(kRegionNames[r]) + " Region"});
  }
  const int trusts = national ? static_cast<int>(std::size(kNationalTrusts)) : 1;
  for (int i = 0; i < trusts; ++i) {
    Rng rng(gen::MixSeed(options.seed, 100 + static_cast<uint64_t>(i)));
    Trust& trust = profile.trusts.emplace_back();
    trust.number = i + 1;
    trust.code = Format("N%02d", i + 1);
    trust.name = std::string(kNationalTrusts[i].name) + " Probation Trust";
    trust.volume = national ? kNationalTrusts[i].volume * kNationalVolumeFactor : 1.0;
    trust.region_code = profile.regions[static_cast<size_t>(i % regions)].code;
    trust.crown_court = Format("CC%02d", i + 1);
    TrustBuilder builder(&trust, &rng, window, work);
    if (!national) {
      const int om_teams[] = {5, 5, 4, 4};
      for (int l = 0; l < 4; ++l)
        builder.AddLdu(kTrustLdus[l], om_teams[l], TrustLduPerformance(l));
    } else {
      const int ldus = std::clamp(static_cast<int>(std::lround(2.5 + trust.volume)), 3, 6);
      const std::vector<int> split =
          SplitTeams(std::max(6, static_cast<int>(std::lround(18 * trust.volume))), ldus);
      const double quality = (rng.Uniform() - 0.5) * 0.08;
      const int weak_ldu = rng.Chance(0.35) ? rng.Between(0, ldus - 1) : -1;
      const std::string stem = kNationalTrusts[i].name;
      const std::string short_name = stem.substr(0, stem.find(' '));
      for (int l = 0; l < ldus; ++l) {
        builder.AddLdu(short_name + " " + kLduSuffixes[l], split[static_cast<size_t>(l)],
                       NationalLduPerformance(rng, quality, l == weak_ldu));
      }
    }
    builder.AddHeadOffice();
  }
  return profile;
}

void WriteOrganisation(const Profile& profile, gen::OutputFiles* out) {
  gen::RowSink& row = out->sink(gen::kOrgUnitsFile);
  auto unit = [&row](const std::string& code, const std::string& name, const char* level,
                     const std::string& parent) {
    row.Text(code);
    row.Text(name);
    row.Text(level);
    row.Text(parent);
    row.EndRow();
  };
  for (const Region& region : profile.regions) unit(region.code, region.name, "region", "");
  for (const Trust& trust : profile.trusts) {
    unit(trust.code, trust.name, "trust", trust.region_code);
    for (const gen::Ldu& ldu : trust.ldus) unit(ldu.code, ldu.name, "ldu", trust.code);
    for (const gen::Team& team : trust.teams) {
      unit(team.code, team.name + " Team", "team", trust.ldus[static_cast<size_t>(team.ldu)].code);
    }
  }
}

// Absences of one member of staff, financial year by financial year, never overlapping.
void WriteAbsences(const Trust& trust, const gen::StaffMember& m, const gen::Window& w,
                   const gen::WorkDays& work, Rng& rng, gen::OutputFiles* out) {
  const double sickness =
      m.team >= 0 ? trust.ldus[static_cast<size_t>(trust.teams[static_cast<size_t>(m.team)].ldu)]
                        .performance.sickness_days
                  : 8.0;
  const double f = sickness / 10.0;
  int number = 0;
  for (Date year = w.start; year <= w.as_at; year = gen::EndAfterMonths(year, 12) + 1) {
    struct Absence {
      int offset, days;
      const char* type;
    };
    std::vector<Absence> absences;
    const int short_spells =
        rng.Chance(0.45 * f) + rng.Chance(0.45 * f) + rng.Chance(0.4 * f) + rng.Chance(0.3 * f);
    for (int i = 0; i < short_spells; ++i)
      absences.push_back({rng.Between(0, 350), rng.Between(1, 5), "SICK"});
    if (rng.Chance(0.2 * f)) absences.push_back({rng.Between(0, 340), rng.Between(6, 15), "SICK"});
    if (rng.Chance(0.08 * f))
      absences.push_back({rng.Between(0, 300), rng.Between(20, 60), "SICK"});
    if (rng.Chance(0.25)) absences.push_back({rng.Between(0, 340), rng.Between(5, 10), "ANNUAL"});
    if (rng.Chance(0.35)) absences.push_back({rng.Between(0, 350), rng.Between(1, 3), "TRAINING"});
    std::sort(absences.begin(), absences.end(),
              [](const Absence& a, const Absence& b) { return a.offset < b.offset; });
    Date free_from = year;
    for (const Absence& a : absences) {
      const Date start = work.OnOrAfter(std::max(year + a.offset, free_from));
      const Date end = work.Add(start, a.days - 1);
      if (start < m.start || end > w.as_at || (gen::HasDate(m.end) && end > m.end)) continue;
      free_from = end + 1;
      gen::RowSink& row = out->sink(gen::kStaffAbsencesFile);
      row.Text(m.id);
      row.Int(++number);
      row.Text(a.type);
      row.Day(start);
      row.Day(end);
      if (m.fte_tenths < 10) {
        row.Tenths(a.days * m.fte_tenths);
      } else {
        row.Blank();
      }
      row.EndRow();
    }
  }
}

void WriteStaff(const Profile& profile, const gen::Window& w, const gen::WorkDays& work,
                uint64_t seed, gen::OutputFiles* out) {
  constexpr const char* kEthnicities[] = {"W1", "W2", "W9", "M1", "A1", "A2",
                                          "B1", "B2", "O9", "Z",  ""};
  constexpr double kEthnicityWeights[] = {82, 2, 3, 1.5, 2.5, 2, 1.5, 1, 0.5, 2, 2};
  for (const Trust& trust : profile.trusts) {
    Rng rng(gen::MixSeed(seed, 500 + static_cast<uint64_t>(trust.number)));
    for (const gen::StaffMember& m : trust.staff) {
      gen::RowSink& row = out->sink(gen::kStaffFile);
      const bool female = rng.Chance(0.68);
      row.Text(m.id);
      row.Text(gen::Surname(rng));
      row.Text(female ? gen::FemaleForename(rng) : gen::MaleForename(rng));
      row.Text(m.team >= 0 ? trust.teams[static_cast<size_t>(m.team)].code : trust.code);
      row.Text(gen::GradeCode(m.grade));
      row.Tenths(m.fte_tenths);
      row.Text(female ? "F" : "M");
      row.Text(kEthnicities[rng.Pick(kEthnicityWeights)]);
      row.Day(m.start);
      row.Day(m.end);
      row.EndRow();
      WriteAbsences(trust, m, w, work, rng, out);
    }
    out->FlushIfLarge();
  }
}

// Public engagement events: each LDU holds one about every other month (a public meeting or a
// joint event with partners), attended by 10-60 people, about one in ten not counted.
void WritePublicEvents(const Profile& profile, const gen::Window& w, uint64_t seed,
                       gen::OutputFiles* out) {
  constexpr const char* kTypes[] = {"public meeting", "joint event with partners",
                                    "community payback showcase"};
  for (const Trust& trust : profile.trusts) {
    Rng rng(gen::MixSeed(seed, 900 + static_cast<uint64_t>(trust.number)));
    int number = 0;
    for (const gen::Ldu& ldu : trust.ldus) {
      for (Date d = w.start + rng.Between(0, 40); d <= w.as_at; d = d + rng.Between(45, 75)) {
        gen::RowSink& row = out->sink(gen::kPublicEventsFile);
        row.Text(trust.code + Format("-PE-%04d", ++number));
        row.Text(kTypes[rng.Between(0, 2)]);
        row.Day(d);
        row.Text(ldu.code);
        row.OptInt(rng.Between(10, 60), !rng.Chance(0.1));
        row.EndRow();
      }
    }
  }
}

// Bail accommodation (BASS): a Cheshire-sized trust keeps about 40 bed spaces occupied (its
// 2011-12 plan: 34 male, 6 female), stays of 1-17 weeks, 70% bailed and 30% on home detention
// curfew; arrivals start four months before the window so the beds are full from its first day.
void WriteBassPlacements(const Profile& profile, const gen::Window& w, uint64_t seed, double scale,
                         gen::OutputFiles* out) {
  constexpr int kMeanStay = 63;
  for (const Trust& trust : profile.trusts) {
    Rng rng(gen::MixSeed(seed, 1000 + static_cast<uint64_t>(trust.number)));
    const double per_day = 40.0 * trust.volume * scale / kMeanStay;
    int number = 0;
    for (Date d = w.start - 120; d <= w.as_at; d = d + 1) {
      const int arrivals =
          static_cast<int>(per_day) + (rng.Chance(per_day - std::floor(per_day)) ? 1 : 0);
      for (int i = 0; i < arrivals; ++i) {
        const Date departure = d + rng.Between(7, 2 * kMeanStay - 7);
        gen::RowSink& row = out->sink(gen::kBassPlacementsFile);
        row.Text(trust.code + Format("-BA-%05d", ++number));
        row.Text(
            trust.ldus[static_cast<size_t>(rng.Between(0, static_cast<int>(trust.ldus.size()) - 1))]
                .code);
        row.Text(rng.Chance(0.15) ? "F" : "M");
        row.Text(rng.Chance(0.7) ? "bail" : "hdc");
        row.Day(d);
        row.Day(departure <= w.as_at ? departure : kNoDate);
        row.EndRow();
      }
    }
  }
}

// Serious further offences: about 14 a year in a Cheshire-sized trust (about 500 nationally), on
// people of the trust's own caseload (CRNs [first_crn, end_crn)). Notified within 1-14 working
// days of the charge; standard reviews (85%) take 12-26 working days from notification, full
// reviews 40-70; dates after the as-at date are blank (outstanding).
void WriteSfoReviews(const Trust& trust, int64_t first_crn, int64_t end_crn, const gen::Window& w,
                     const gen::WorkDays& work, uint64_t seed, double scale,
                     gen::OutputFiles* out) {
  if (end_crn <= first_crn || trust.ldus.empty()) return;
  Rng rng(gen::MixSeed(seed, 1100 + static_cast<uint64_t>(trust.number)));
  const double per_day = 14.0 * trust.volume * scale / 365.0;
  int number = 0;
  for (Date charged = w.start; charged <= w.as_at; charged = charged + 1) {
    if (!rng.Chance(std::min(1.0, per_day))) continue;
    const Date notified = work.Add(work.OnOrAfter(charged), rng.Between(1, 14));
    const bool full = rng.Chance(0.15);
    const Date reviewed = work.Add(notified, full ? rng.Between(40, 70) : rng.Between(12, 26));
    gen::RowSink& row = out->sink(gen::kSfoReviewsFile);
    row.Text(trust.code + Format("-SFO-%04d", ++number));
    row.Text(gen::FormatCrn(first_crn + rng.Between(0, static_cast<int>(end_crn - first_crn - 1))));
    row.Text(
        trust.ldus[static_cast<size_t>(rng.Between(0, static_cast<int>(trust.ldus.size()) - 1))]
            .code);
    row.Day(charged);
    row.Day(notified <= w.as_at ? notified : kNoDate);
    row.Text(full ? "full" : "standard");
    row.Day(reviewed <= w.as_at ? reviewed : kNoDate);
    row.EndRow();
  }
}

// Fines and discharges passed without a pre-sentence report (those after a report are written
// with the report): about 140 a year in a Cheshire-sized trust (its annex: 508 - 246 = 262 in
// 2009/10, 313 - 293 = 20 in 2010/11), three in four fines, on working days.
void WriteUnreportedDisposals(const Profile& profile, const gen::Window& w,
                              const gen::WorkDays& work, uint64_t seed, double scale,
                              gen::OutputFiles* out) {
  for (const Trust& trust : profile.trusts) {
    if (trust.ldus.empty()) continue;
    Rng rng(gen::MixSeed(seed, 1200 + static_cast<uint64_t>(trust.number)));
    const double per_day = 140.0 * trust.volume * scale / 365.0;
    int number = 0;
    for (Date d = w.start; d <= w.as_at; d = d + 1) {
      const int n = static_cast<int>(per_day) + (rng.Chance(per_day - std::floor(per_day)) ? 1 : 0);
      for (int i = 0; i < n; ++i) {
        const Date sentenced = work.OnOrAfter(d);
        if (sentenced > w.as_at) continue;
        const gen::Ldu& ldu =
            trust
                .ldus[static_cast<size_t>(rng.Between(0, static_cast<int>(trust.ldus.size()) - 1))];
        gen::RowSink& row = out->sink(gen::kCourtDisposalsFile);
        row.Text(trust.code + Format("-CD-%06d", ++number));
        row.Text(ldu.code);
        row.Text(ldu.court_code);
        row.Day(sentenced);
        row.Text(rng.Chance(0.75) ? "FINE" : "DISCHARGE");
        row.Bool(false);
        row.EndRow();
      }
    }
  }
}

Status CheckOptions(const GeneratorOptions& options) {
  if (options.out_dir.empty()) return InvalidArgument("no output folder given");
  if (options.years < 1 || options.years > 10) {
    return InvalidArgument("years must be between 1 and 10, not " + std::to_string(options.years));
  }
  if (!(options.scale > 0.0 && options.scale <= 20.0)) {
    return InvalidArgument("scale must be above 0 and at most 20");
  }
  if (options.as_at.year() < 1990 || options.as_at.year() > 2080) {
    return InvalidArgument("as-at date must be between 1990 and 2080");
  }
  const auto types = AllRecordTypes();
  constexpr std::string_view kExpected[] = {
      "org_units",      "staff",           "staff_absences",
      "people",         "sentences",       "responsible_officers",
      "requirements",   "assessments",     "court_reports",
      "contacts",       "breaches",        "recalls",
      "registrations",  "victim_contacts", "circumstances",
      "ete_outcomes",   "surveys",         "reoffences",
      "public_events",  "bass_placements", "sfo_reviews",
      "court_disposals"};
  if (types.size() != std::size(kExpected)) return Internal("generator: record types changed");
  for (size_t i = 0; i < types.size(); ++i) {
    if (types[i].name != kExpected[i]) return Internal("generator: record types changed order");
  }
  return Status::Ok();
}

}  // namespace

Status CheckGeneratorOutput(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);
  if (status.type() == fs::file_type::not_found) return Status::Ok();
  if (ec) return IoError("cannot read " + dir + ": " + ec.message());
  if (!fs::is_directory(status)) return InvalidArgument(dir + " is a file, not a folder");
  if (fs::exists(fs::path(dir) / kGeneratedMark, ec)) return Status::Ok();
  // The first entry by name, preferring one Generate would replace.
  std::string shown, replaced;
  fs::directory_iterator it(dir, ec);
  if (ec) return IoError("cannot read " + dir + ": " + ec.message());
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (shown.empty() || name < shown) shown = name;
    const bool would_replace =
        name == "documents" || (fs::path(name).extension() == ".csv" &&
                                FindRecordType(fs::path(name).stem().string()) != nullptr);
    if (would_replace && (replaced.empty() || name < replaced)) replaced = name;
  }
  if (ec) return IoError("cannot read " + dir + ": " + ec.message());
  if (shown.empty()) return Status::Ok();
  const std::string named = replaced.empty() ? shown : replaced;
  return InvalidArgument(dir + " already holds files that are not an earlier generated data set (" +
                         named + (replaced.empty() ? "" : ", which would be replaced") +
                         "): choose a new or empty folder, or give --force to write into it");
}

Result<GeneratorSummary> Generate(const GeneratorOptions& options, const Calendar& calendar) {
  PROBATION_RETURN_IF_ERROR(CheckOptions(options));
  gen::Window window;
  window.as_at = options.as_at;
  const int last_fy = options.as_at.month() >= 4 ? options.as_at.year() : options.as_at.year() - 1;
  window.start = Date::FromCivil(last_fy - (options.years - 1), 4, 1);
  window.horizon = options.as_at + 28;
  const gen::WorkDays work(calendar, window.start - 12 * 366, window.as_at + 12 * 366);

  const Profile profile = BuildProfile(options, window, work);
  gen::OutputFiles out;
  PROBATION_RETURN_IF_ERROR(out.Open(options.out_dir));
  WriteOrganisation(profile, &out);
  WriteStaff(profile, window, work, options.seed, &out);

  int64_t next_crn = 100000;
  const gen::SimulationContext context{&work, window, options.seed, options.scale, &next_crn};
  for (const Trust& trust : profile.trusts) {
    const int64_t first_crn = next_crn;
    gen::SimulateTrust(trust, context, &out);
    WriteSfoReviews(trust, first_crn, next_crn, window, work, options.seed, options.scale, &out);
  }
  WritePublicEvents(profile, window, options.seed, &out);
  WriteBassPlacements(profile, window, options.seed, options.scale, &out);
  WriteUnreportedDisposals(profile, window, work, options.seed, options.scale, &out);
  if (profile.trusts.size() == 1) {
    // The trust's own plan, risk register and annexes, beside its data.
    PROBATION_RETURN_IF_ERROR(
        gen::WriteTrustDocuments(profile.trusts.front(), window,
                                 (std::filesystem::path(options.out_dir) / "documents").string()));
  }

  PROBATION_RETURN_IF_ERROR(out.Close());
  GeneratorSummary summary;
  const auto types = AllRecordTypes();
  for (int id = 0; id < gen::kFileCount; ++id) {
    summary.rows_per_file.emplace_back(std::string(types[static_cast<size_t>(id)].name),
                                       out.rows(static_cast<gen::FileId>(id)));
  }
  return summary;
}

}  // namespace probation
