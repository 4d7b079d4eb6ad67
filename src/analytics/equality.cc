#include "analytics/equality.h"

#include <array>
#include <cmath>
#include <limits>

#include "analytics/ogrs3.h"

namespace probation::analytics {
namespace {

constexpr double kZ95 = 1.959963984540054;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Item {
  int32_t person;
  Date date;
  int32_t team;
  bool success;
};

int8_t CodeIndex(std::string_view list, std::string_view code) {
  const CodeList* l = FindCodeList(list);
  for (size_t i = 0; i < l->codes.size(); ++i) {
    if (l->codes[i].code == code) return static_cast<int8_t>(i);
  }
  return kNullInt8;
}

struct GroupDef {
  std::string code, label;
};

constexpr const char* kAgeCodes[] = {"under 18", "18-20", "21-24", "25-29",
                                     "30-39",    "40-49", "50+"};
constexpr int kAgeLow[] = {0, 18, 21, 25, 30, 40, 50};
constexpr const char* kBroad[] = {
    "White",     "Mixed", "Asian or Asian British", "Black or Black British", "Chinese or other",
    "Not stated"};

// The groups of a grouping, its reference group's index, and the group of an item.
std::vector<GroupDef> GroupsOf(Grouping g, int* reference) {
  std::vector<GroupDef> out;
  const auto list = [&](std::string_view id) {
    for (const Code& c : FindCodeList(id)->codes)
      out.push_back({std::string(c.code), std::string(c.name)});
    out.push_back({"missing", "Not recorded"});
  };
  switch (g) {
    case Grouping::kEthnicity:
      list("ethnicity");
      *reference = 0;  // W1 White: British
      break;
    case Grouping::kEthnicBroad:
      for (const char* b : kBroad) out.push_back({b, b});
      out.push_back({"missing", "Not recorded"});
      *reference = 0;  // White
      break;
    case Grouping::kGender:
      list("gender");
      *reference = 0;  // M
      break;
    case Grouping::kAgeBand:
      for (const char* a : kAgeCodes) out.push_back({a, std::string("Aged ") + a});
      *reference = 4;  // 30-39
      break;
    case Grouping::kDisability:
      list("disability");
      *reference = 1;  // N
      break;
  }
  return out;
}

int BroadOf(std::string_view code) {
  switch (code[0]) {
    case 'W':
      return 0;
    case 'M':
      return 1;
    case 'A':
      return 2;
    case 'B':
      return 3;
    case 'O':
      return 4;
    default:
      return 5;  // Z
  }
}

}  // namespace

std::string_view OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kOrdersCompleted:
      return "orders completed";
    case Outcome::kBreaches:
      return "breaches";
    case Outcome::kRecalls:
      return "recalls";
    case Outcome::kCustodyProposals:
      return "custody proposals";
    case Outcome::kProgrammeCompletion:
      return "programme completion";
  }
  return "?";
}

std::string_view GroupingName(Grouping g) {
  switch (g) {
    case Grouping::kEthnicity:
      return "ethnicity (16+1)";
    case Grouping::kEthnicBroad:
      return "ethnicity (broad)";
    case Grouping::kGender:
      return "gender";
    case Grouping::kAgeBand:
      return "age band";
    case Grouping::kDisability:
      return "disability";
  }
  return "?";
}

bool KatzRiskRatio(size_t a, size_t n1, size_t c, size_t n0, double* ratio, double* low,
                   double* high) {
  if (a == 0 || c == 0 || n1 == 0 || n0 == 0) return false;
  const double rr = (static_cast<double>(a) / n1) / (static_cast<double>(c) / n0);
  const double se = std::sqrt(1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n0);
  *ratio = rr;
  *low = std::exp(std::log(rr) - kZ95 * se);
  *high = std::exp(std::log(rr) + kZ95 * se);
  return true;
}

Result<EqualityReport> ComputeEquality(const CaseFacts& facts, const EqualityParams& params) {
  if (params.threshold < 0) return InvalidArgument("the suppression threshold is negative");
  EqualityReport report;
  report.params = params;
  const measures::Period& period = params.period;
  const int32_t from = period.start.days(), to = period.end.days();
  const bool scoped = params.scope && params.scope->level != measures::UnitLevel::kNational;
  const auto in_scope = [&](int32_t team) {
    return !scoped || (team >= 0 && facts.organisation().Within({measures::UnitLevel::kTeam, team},
                                                                *params.scope));
  };
  std::array<std::vector<Item>, kOutcomes> items;

  // Sentences: orders completed, breaches, recalls, and the people for completeness.
  const SnapshotTable& sentences = facts.table("sentences");
  const auto& s_type = facts.column("sentences", "sentence_type").i8;
  const auto& s_start = facts.column("sentences", "start_date").i32;
  const auto& s_end = facts.column("sentences", "termination_date").i32;
  const auto& s_reason = facts.column("sentences", "termination_reason").i8;
  const auto& s_breaches = facts.relation("sentences", "breaches");
  const auto& b_initiated = facts.column("breaches", "initiated_date").i32;
  const auto& s_recalls = facts.relation("sentences", "recalls");
  const auto& r_decision = facts.column("recalls", "decision_time").i64;
  const int8_t kCo = CodeIndex("sentence_type", "CO"), kSso = CodeIndex("sentence_type", "SSO"),
               kPcja = CodeIndex("sentence_type", "PCJA"), kLic = CodeIndex("sentence_type", "LIC");
  const int8_t kCompleted = CodeIndex("termination_reason", "COMPLETED");
  std::vector<char> current_person(facts.table("people").rows, 0);
  for (size_t s = 0; s < sentences.rows; ++s) {
    const int32_t person = facts.PersonOfSentence(static_cast<int32_t>(s));
    if (person < 0) continue;
    const bool community = s_type[s] == kCo || s_type[s] == kSso || s_type[s] == kPcja;
    const bool licence = s_type[s] == kLic;
    const bool current = s_start[s] <= to && (s_end[s] == kNullInt32 || s_end[s] >= from);
    if (community && s_end[s] != kNullInt32 && s_end[s] >= from && s_end[s] <= to) {
      const Date d(s_end[s]);
      const int32_t team = facts.TeamOfSentence(static_cast<int32_t>(s), d);
      if (in_scope(team)) {
        items[0].push_back({person, d, team, s_reason[s] == kCompleted});
      }
    }
    if (!current) continue;
    const Date d(s_end[s] == kNullInt32 ? to : std::min(to, s_end[s]));
    const int32_t team = facts.TeamOfSentence(static_cast<int32_t>(s), d);
    if (!in_scope(team)) continue;
    current_person[static_cast<size_t>(person)] = 1;
    if (community || licence) {
      bool breached = false;
      for (int32_t b = s_breaches[s]; b < s_breaches[s + 1]; ++b) {
        breached = breached || (b_initiated[b] >= from && b_initiated[b] <= to);
      }
      items[1].push_back({person, d, team, breached});
    }
    if (licence) {
      bool recalled = false;
      for (int32_t r = s_recalls[s]; r < s_recalls[s + 1]; ++r) {
        const int32_t day = DateTime(r_decision[r]).date().days();
        recalled = recalled || (day >= from && day <= to);
      }
      items[2].push_back({person, d, team, recalled});
    }
  }

  // Reports: custody proposals.
  {
    const SnapshotTable& reports = facts.table("court_reports");
    const auto& type = facts.column("court_reports", "report_type").i8;
    const auto& delivered = facts.column("court_reports", "delivered_date").i32;
    const auto& proposal = facts.column("court_reports", "proposal").i8;
    const auto& person = facts.relation("court_reports", "person");
    const auto& author = facts.relation("court_reports", "author");
    const auto& sentence = facts.relation("court_reports", "sentence");
    const int8_t kOral = CodeIndex("report_type", "ORAL"), kFdr = CodeIndex("report_type", "FDR"),
                 kSdr = CodeIndex("report_type", "SDR");
    const int8_t kNone = CodeIndex("disposal", "NONE"), kCustody = CodeIndex("disposal", "CUSTODY");
    for (size_t r = 0; r < reports.rows; ++r) {
      if (type[r] != kOral && type[r] != kFdr && type[r] != kSdr) continue;
      if (delivered[r] == kNullInt32 || delivered[r] < from || delivered[r] > to) continue;
      if (proposal[r] == kNullInt8 || proposal[r] == kNone || person[r] < 0) continue;
      const Date d(delivered[r]);
      int32_t team = facts.TeamOfStaff(author[r]);
      if (team < 0 && sentence[r] >= 0) team = facts.TeamOfSentence(sentence[r], d);
      if (!in_scope(team)) continue;
      items[3].push_back({person[r], d, team, proposal[r] == kCustody});
    }
  }

  // Requirements: programme completion.
  {
    const SnapshotTable& reqs = facts.table("requirements");
    const auto& type = facts.column("requirements", "requirement_type").i8;
    const auto& end = facts.column("requirements", "end_date").i32;
    const auto& outcome = facts.column("requirements", "outcome").i8;
    const auto& sentence = facts.relation("requirements", "sentence");
    const int8_t kProg = CodeIndex("requirement_type", "PROG");
    const int8_t kDone = CodeIndex("requirement_outcome", "COMPLETED");
    for (size_t r = 0; r < reqs.rows; ++r) {
      if (type[r] != kProg || end[r] == kNullInt32 || end[r] < from || end[r] > to) continue;
      if (sentence[r] < 0) continue;
      const int32_t person = facts.PersonOfSentence(sentence[r]);
      if (person < 0) continue;
      const Date d(end[r]);
      const int32_t team = facts.TeamOfSentence(sentence[r], d);
      if (!in_scope(team)) continue;
      items[4].push_back({person, d, team, outcome[r] == kDone});
    }
  }

  const CodeList& ethnicity_list = *FindCodeList("ethnicity");
  const auto group_of = [&](Grouping g, const Item& item) -> int {
    switch (g) {
      case Grouping::kEthnicity: {
        const int8_t e = facts.Ethnicity(item.person);
        return e == kNullInt8 ? static_cast<int>(ethnicity_list.codes.size()) : e;
      }
      case Grouping::kEthnicBroad: {
        const int8_t e = facts.Ethnicity(item.person);
        return e == kNullInt8 ? 6 : BroadOf(ethnicity_list.codes[static_cast<size_t>(e)].code);
      }
      case Grouping::kGender: {
        const int8_t v = facts.Gender(item.person);
        return v == kNullInt8 ? 3 : v;
      }
      case Grouping::kAgeBand: {
        const int age = AgeInYears(facts.Born(item.person), item.date);
        int band = 0;
        while (band + 1 < 7 && age >= kAgeLow[band + 1]) ++band;
        return band;
      }
      case Grouping::kDisability: {
        const int8_t v = facts.Disability(item.person);
        return v == kNullInt8 ? 3 : v;
      }
    }
    return 0;
  };

  for (int o = 0; o < kOutcomes; ++o) {
    for (int g = 0; g < kGroupings; ++g) {
      OutcomeGroups table;
      table.outcome = static_cast<Outcome>(o);
      table.grouping = static_cast<Grouping>(g);
      int reference = 0;
      const std::vector<GroupDef> defs = GroupsOf(table.grouping, &reference);
      table.reference = defs[static_cast<size_t>(reference)].code;
      std::vector<size_t> num(defs.size(), 0), den(defs.size(), 0);
      for (const Item& item : items[static_cast<size_t>(o)]) {
        const size_t k = static_cast<size_t>(group_of(table.grouping, item));
        ++den[k];
        if (item.success) ++num[k];
      }
      const size_t threshold = static_cast<size_t>(params.threshold);
      const size_t ref = static_cast<size_t>(reference);
      const bool ref_suppressed = num[ref] < threshold || den[ref] < threshold;
      for (size_t k = 0; k < defs.size(); ++k) {
        GroupRate r;
        r.code = defs[k].code;
        r.label = defs[k].label;
        r.numerator = num[k];
        r.denominator = den[k];
        r.reference = k == ref;
        r.suppressed = num[k] < threshold || den[k] < threshold;
        r.rate = den[k] == 0 ? kNaN : static_cast<double>(num[k]) / den[k];
        r.ratio = r.low = r.high = kNaN;
        if (r.reference) {
          if (!r.suppressed) r.ratio = 1;  // by definition; no interval
        } else if (!r.suppressed && !ref_suppressed) {
          KatzRiskRatio(num[k], den[k], num[ref], den[ref], &r.ratio, &r.low, &r.high);
        }
        table.numerator += num[k];
        table.denominator += den[k];
        table.groups.push_back(std::move(r));
      }
      report.tables.push_back(std::move(table));
    }
  }

  Completeness& c = report.completeness;
  const int8_t kNotStated = CodeIndex("ethnicity", "Z");
  const int8_t kDisNotStated = CodeIndex("disability", "Z");
  const int8_t kGenderUnknown = CodeIndex("gender", "U");
  for (size_t p = 0; p < current_person.size(); ++p) {
    if (!current_person[p]) continue;
    const int32_t person = static_cast<int32_t>(p);
    ++c.people;
    const int8_t e = facts.Ethnicity(person), d = facts.Disability(person),
                 g = facts.Gender(person);
    (e == kNullInt8    ? c.ethnicity_missing
     : e == kNotStated ? c.ethnicity_not_stated
                       : c.ethnicity_recorded)++;
    (d == kNullInt8       ? c.disability_missing
     : d == kDisNotStated ? c.disability_not_stated
                          : c.disability_recorded)++;
    (g == kNullInt8 || g == kGenderUnknown ? c.gender_not_known : c.gender_recorded)++;
  }
  return report;
}

}  // namespace probation::analytics
