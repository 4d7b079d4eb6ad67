#include "analytics/allocation.h"

#include <algorithm>

#include "base/mapped_file.h"
#include "base/reference_csv.h"
#include "base/reference_files.h"

namespace probation::analytics {

Result<std::vector<GradeRule>> ParseGradeRules(std::string_view text, std::string_view source) {
  ReferenceCsvReader csv(text, source);
  PROBATION_RETURN_IF_ERROR(csv.ReadHeader({"condition", "value", "allowed_grades", "source"}));
  std::vector<GradeRule> rules;
  std::vector<std::string_view> f;
  while (true) {
    PROBATION_ASSIGN_OR_RETURN(const bool more, csv.Next(&f));
    if (!more) break;
    GradeRule rule;
    rule.condition = std::string(f[0]);
    rule.value = std::string(f[1]);
    if (rule.condition == "rosh_at_least") {
      if (!ParseRosh(rule.value).ok()) return csv.Error("'" + rule.value + "' is not a ROSH level");
    } else if (rule.condition == "protect_level") {
      if (rule.value.size() != 1 || rule.value[0] < 'A' || rule.value[0] > 'D') {
        return csv.Error("protect_level must be A, B, C or D");
      }
    } else {
      return csv.Error("condition must be rosh_at_least or protect_level, not '" + rule.condition +
                       "'");
    }
    std::string_view grades = f[2];
    while (!grades.empty()) {
      const size_t bar = grades.find('|');
      rule.grades.emplace_back(grades.substr(0, bar));
      grades = bar == std::string_view::npos ? std::string_view() : grades.substr(bar + 1);
    }
    if (rule.grades.empty()) return csv.Error("allowed_grades is empty");
    rule.source = std::string(f[3]);
    rules.push_back(std::move(rule));
  }
  return rules;
}

Result<std::vector<GradeRule>> LoadGradeRules() {
  PROBATION_ASSIGN_OR_RETURN(const std::string dir, ReferenceDir());
  const std::string path = dir + "/allocation_grade_rules.csv";
  PROBATION_ASSIGN_OR_RETURN(const std::string text, ReadFileToString(path));
  return ParseGradeRules(text, path);
}

Result<std::vector<Candidate>> RankOfficers(const std::vector<const OfficerWorkload*>& officers,
                                            const NewCase& new_case, const PointsTable& points,
                                            const std::vector<GradeRule>& rules) {
  if (TierIndex(new_case.tier) < 0) {
    return InvalidArgument("'" + new_case.tier + "' is not a tier; use A3..D0, e.g. B2");
  }
  const int case_points = CasePoints(points, new_case.setting, new_case.tier);
  std::vector<const GradeRule*> applying;
  for (const GradeRule& rule : rules) {
    const bool meets =
        rule.condition == "rosh_at_least"
            ? new_case.rosh != kRoshUnknown && new_case.rosh >= *ParseRosh(rule.value)
            : new_case.tier.substr(0, 1) == rule.value;
    if (meets) applying.push_back(&rule);
  }
  std::vector<Candidate> out;
  for (const OfficerWorkload* w : officers) {
    Candidate c;
    c.officer = w;
    c.points = case_points;
    c.before = w->capacity();
    c.after = CapacityPercent(w->workload_points() + case_points, w->available);
    for (const GradeRule* rule : applying) {
      if (std::find(rule->grades.begin(), rule->grades.end(), w->grade) == rule->grades.end()) {
        c.eligible = false;
        std::string allowed;
        for (const std::string& g : rule->grades) allowed += (allowed.empty() ? "" : " or ") + g;
        c.why_not = "grade " + w->grade + ": " +
                    (rule->condition == "rosh_at_least"
                         ? std::string(RoshName(*ParseRosh(rule->value))) + " ROSH or above"
                         : "protect level " + rule->value) +
                    " cases go to " + allowed;
        break;
      }
    }
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    if (a.eligible != b.eligible) return a.eligible;
    if (a.after != b.after) return a.after < b.after;
    return a.officer->staff_id < b.officer->staff_id;
  });
  return out;
}

}  // namespace probation::analytics
