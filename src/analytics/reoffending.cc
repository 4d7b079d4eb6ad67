#include "analytics/reoffending.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace probation::analytics {
namespace {

constexpr double kZ95 = 1.959963984540054;

int8_t CodeIndex(std::string_view list, std::string_view code) {
  const CodeList* l = FindCodeList(list);
  for (size_t i = 0; i < l->codes.size(); ++i) {
    if (l->codes[i].code == code) return static_cast<int8_t>(i);
  }
  return kNullInt8;
}

std::string CodeText(std::string_view list, int8_t index) {
  if (index == kNullInt8) return "unknown";
  return std::string(FindCodeList(list)->codes[static_cast<size_t>(index)].code);
}

}  // namespace

Date AddMonths(Date d, int months) {
  int y, m, day;
  d.ToCivil(&y, &m, &day);
  const int total = y * 12 + (m - 1) + months;
  y = total / 12;
  m = total % 12 + 1;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int last = kDays[m - 1];
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) last = 29;
  return Date::FromCivil(y, m, std::min(day, last));
}

void WilsonInterval(size_t k, size_t n, double* low, double* high) {
  const double p = static_cast<double>(k) / static_cast<double>(n);
  const double nn = static_cast<double>(n), z2 = kZ95 * kZ95;
  const double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
  const double half = kZ95 * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / (1 + z2 / nn);
  *low = std::max(0.0, centre - half);
  *high = std::min(1.0, centre + half);
}

Result<Cohort> BuildCohort(const CaseFacts& facts, const std::vector<SentenceOgrs3>& scores,
                           const ReoffendingParams& params,
                           std::optional<measures::UnitRef> scope) {
  if (params.follow_up_months != 12 && params.follow_up_months != 24) {
    return InvalidArgument("follow-up of " + std::to_string(params.follow_up_months) +
                           " months: OGRS3 predicts 12 or 24 months");
  }
  if (params.proven_wait_months < 0 || params.proven_wait_months > 60) {
    return InvalidArgument("the proven-outcome wait must be 0 to 60 months");
  }
  if (scores.size() != facts.table("sentences").rows) {
    return InvalidArgument("the OGRS3 scores are not those of this snapshot's sentences");
  }
  Cohort cohort;
  cohort.params = params;
  cohort.window_start = params.snapshot + 1;
  cohort.window_end = AddMonths(params.snapshot, params.follow_up_months);
  cohort.proven_by = AddMonths(cohort.window_end, params.proven_wait_months);
  cohort.complete = params.data_as_at >= cohort.proven_by;
  const Date proven_limit = std::min(cohort.proven_by, params.data_as_at);
  const int32_t snap = params.snapshot.days();

  const SnapshotTable& people = facts.table("people");
  // PPO registrations current at the snapshot.
  std::vector<char> ppo;
  if (params.ppo_only) {
    ppo.assign(people.rows, 0);
    const SnapshotTable& regs = facts.table("registrations");
    const auto& type = facts.column("registrations", "registration_type").i8;
    const auto& start = facts.column("registrations", "start_date").i32;
    const auto& end = facts.column("registrations", "end_date").i32;
    const auto& person = facts.relation("registrations", "person");
    const int8_t kPpo = CodeIndex("registration_type", "PPO");
    for (size_t r = 0; r < regs.rows; ++r) {
      if (type[r] != kPpo || start[r] > snap || person[r] < 0) continue;
      if (end[r] != kNullInt32 && end[r] <= snap) continue;
      ppo[static_cast<size_t>(person[r])] = 1;
    }
  }
  const auto& s_type = facts.column("sentences", "sentence_type").i8;
  const auto& s_start = facts.column("sentences", "start_date").i32;
  const auto& s_end = facts.column("sentences", "termination_date").i32;
  const auto& person_sentences = facts.relation("people", "sentences");
  const auto& person_reoffences = facts.relation("people", "reoffences");
  const auto& r_offence = facts.column("reoffences", "offence_date").i32;
  const auto& r_conviction = facts.column("reoffences", "conviction_date").i32;
  const auto& sentence_assessments = facts.relation("sentences", "assessments");
  const auto& a_started = facts.column("assessments", "started_date").i32;
  const auto& a_tier = facts.column("assessments", "tier").i8;
  const auto& born = facts.column("people", "date_of_birth").i32;
  const int8_t kCustody = CodeIndex("sentence_type", "CUS");

  for (size_t p = 0; p < people.rows; ++p) {
    if (params.ppo_only && !ppo[p]) continue;
    int32_t chosen = -1;
    for (int32_t s = person_sentences[p]; s < person_sentences[p + 1]; ++s) {
      if (s_type[s] == kCustody || s_start[s] > snap) continue;
      if (s_end[s] != kNullInt32 && s_end[s] < snap) continue;
      if (chosen < 0 || s_start[s] >= s_start[chosen]) chosen = s;
    }
    if (chosen < 0) continue;
    const int32_t person = static_cast<int32_t>(p);
    if (born[p] == kNullInt32 ||
        AgeInYears(facts.Born(person), params.snapshot) < params.adult_age) {
      continue;
    }
    CohortMember m;
    m.person = person;
    m.sentence = chosen;
    m.team = facts.TeamOfSentence(chosen, params.snapshot);
    if (scope && scope->level != measures::UnitLevel::kNational) {
      if (m.team < 0 ||
          !facts.organisation().Within({measures::UnitLevel::kTeam, m.team}, *scope)) {
        continue;
      }
    }
    const SentenceOgrs3& score = scores[static_cast<size_t>(chosen)];
    if (!score.score) {
      ++cohort.not_scored;
      continue;
    }
    m.predicted = params.follow_up_months == 12 ? score.score->one_year : score.score->two_year;
    for (int32_t r = person_reoffences[p]; r < person_reoffences[p + 1]; ++r) {
      if (r_offence[r] < cohort.window_start.days() || r_offence[r] > cohort.window_end.days()) {
        continue;
      }
      if (r_conviction[r] == kNullInt32 || r_conviction[r] > proven_limit.days()) continue;
      ++m.reoffences;
    }
    int32_t latest = std::numeric_limits<int32_t>::min();
    for (int32_t a = sentence_assessments[chosen]; a < sentence_assessments[chosen + 1]; ++a) {
      if (a_started[a] > snap || a_tier[a] == kNullInt8 || a_started[a] < latest) continue;
      latest = a_started[a];
      m.tier = a_tier[a];
    }
    cohort.members.push_back(m);
  }
  std::vector<const CohortMember*> all;
  for (const CohortMember& m : cohort.members) all.push_back(&m);
  cohort.total = FiguresOf(all);
  return cohort;
}

CohortFigures FiguresOf(const std::vector<const CohortMember*>& members) {
  CohortFigures f;
  f.size = members.size();
  double predicted = 0;
  for (const CohortMember* m : members) {
    predicted += m->predicted;
    f.reoffences += static_cast<size_t>(m->reoffences);
    if (m->reoffences > 0) ++f.reoffenders;
  }
  if (f.size == 0) {
    f.difference = f.low = f.high = f.predicted = f.actual = f.frequency =
        std::numeric_limits<double>::quiet_NaN();
    return f;
  }
  const double n = static_cast<double>(f.size);
  f.predicted = predicted / n;
  f.actual = static_cast<double>(f.reoffenders) / n;
  f.frequency = static_cast<double>(f.reoffences) / n;
  double low = 0, high = 0;
  WilsonInterval(f.reoffenders, f.size, &low, &high);
  if (f.predicted > 0) {
    f.difference = (f.actual - f.predicted) / f.predicted * 100;
    f.low = (low - f.predicted) / f.predicted * 100;
    f.high = (high - f.predicted) / f.predicted * 100;
  } else {
    f.difference = f.low = f.high = std::numeric_limits<double>::quiet_NaN();
  }
  return f;
}

Result<Breakdown> ParseBreakdown(std::string_view text) {
  if (text == "trust") return Breakdown::kTrust;
  if (text == "ldu") return Breakdown::kLdu;
  if (text == "team") return Breakdown::kTeam;
  if (text == "tier") return Breakdown::kTier;
  if (text == "offence") return Breakdown::kOffence;
  if (text == "gender") return Breakdown::kGender;
  if (text == "ethnicity") return Breakdown::kEthnicity;
  return InvalidArgument("'" + std::string(text) +
                         "' is not a breakdown; use trust, ldu, team, tier, offence, gender or "
                         "ethnicity");
}

std::vector<BreakdownRow> BreakDown(const CaseFacts& facts, const Cohort& cohort, Breakdown by) {
  std::map<std::string, std::vector<const CohortMember*>> groups;
  const auto& offence = facts.column("sentences", "offence_category").i8;
  const measures::Organisation& org = facts.organisation();
  for (const CohortMember& m : cohort.members) {
    std::string label;
    switch (by) {
      case Breakdown::kTrust:
      case Breakdown::kLdu:
      case Breakdown::kTeam: {
        const measures::UnitLevel level = by == Breakdown::kTrust ? measures::UnitLevel::kTrust
                                          : by == Breakdown::kLdu ? measures::UnitLevel::kLdu
                                                                  : measures::UnitLevel::kTeam;
        const int32_t row = m.team < 0 ? -1 : org.AncestorAt(m.team, level);
        label = row < 0 ? "unallocated" : org.Code({level, row}) + " " + org.Name({level, row});
        break;
      }
      case Breakdown::kTier:
        label = CodeText("tier", m.tier);
        break;
      case Breakdown::kOffence:
        label = CodeText("offence_category", offence[static_cast<size_t>(m.sentence)]);
        break;
      case Breakdown::kGender:
        label = CodeText("gender", facts.Gender(m.person));
        break;
      case Breakdown::kEthnicity:
        label = CodeText("ethnicity", facts.Ethnicity(m.person));
        break;
    }
    groups[label].push_back(&m);
  }
  std::vector<BreakdownRow> rows;
  for (const auto& [label, members] : groups) rows.push_back({label, FiguresOf(members)});
  return rows;
}

std::vector<DecileRow> Calibration(const Cohort& cohort) {
  std::vector<const CohortMember*> sorted;
  for (const CohortMember& m : cohort.members) sorted.push_back(&m);
  std::stable_sort(sorted.begin(), sorted.end(), [](const CohortMember* a, const CohortMember* b) {
    return a->predicted < b->predicted;
  });
  std::vector<DecileRow> rows;
  const size_t n = sorted.size();
  if (n == 0) return rows;
  for (int d = 0; d < 10; ++d) {
    const size_t from = n * static_cast<size_t>(d) / 10, to = n * static_cast<size_t>(d + 1) / 10;
    if (from == to) continue;
    DecileRow row;
    row.decile = d + 1;
    std::vector<const CohortMember*> part(sorted.begin() + static_cast<long>(from),
                                          sorted.begin() + static_cast<long>(to));
    row.min_predicted = part.front()->predicted;
    row.max_predicted = part.back()->predicted;
    row.figures = FiguresOf(part);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace probation::analytics
