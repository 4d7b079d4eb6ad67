#include "reports/board_pack_analytics.h"

#include <vector>

#include "analytics/equality.h"
#include "analytics/reoffending.h"
#include "analytics/sentence_ogrs3.h"
#include "reports/equality_report.h"
#include "reports/reoffending_report.h"

namespace probation::report {

Status AppendReoffendingSection(const analytics::CaseFacts& facts, measures::UnitRef scope,
                                const measures::Period& period, Date as_at, Document* document) {
  PROBATION_ASSIGN_OR_RETURN(const analytics::Ogrs3Table table, analytics::Ogrs3Table::Load());
  const std::vector<analytics::SentenceOgrs3> scores =
      analytics::ScoreSentences(facts.snapshot(), table, 2);
  const Date this_year = Date::FromCivil(measures::FinancialYearOf(period.end), 4, 1) - 1;
  const Date last_year = analytics::AddMonths(this_year, -12);
  Section s;
  s.id = "reoffending";
  s.title = "Reoffending against prediction (NI18 / OM21, NI30)";
  s.blocks.push_back(Paragraph{
      "Adults on the community caseload at each date; proven reoffending within 12 months "
      "(convicted within a further 6), against the rate OGRS3 predicts for the same people. "
      "Difference = (actual - predicted) / predicted x 100, negative being better, with its 95% "
      "interval. A cohort whose follow-up has not ended is shown as it stands and not rated."});
  for (const bool ppo : {false, true}) {
    std::vector<analytics::Cohort> cohorts;
    for (const Date snapshot : {last_year, this_year}) {
      analytics::ReoffendingParams params;
      params.snapshot = snapshot;
      params.data_as_at = as_at;
      params.ppo_only = ppo;
      PROBATION_ASSIGN_OR_RETURN(analytics::Cohort c,
                                 analytics::BuildCohort(facts, scores, params, scope));
      cohorts.push_back(std::move(c));
    }
    s.blocks.push_back(CohortSummaryTable(
        cohorts, ppo ? "NI30: Prolific and other Priority Offenders"
                     : "NI18 / OM21: adults on the community caseload"));
  }
  document->sections.push_back(std::move(s));
  return Status::Ok();
}

Status AppendEqualitySection(const analytics::CaseFacts& facts, measures::UnitRef scope,
                             const measures::Period& period, Document* document) {
  analytics::EqualityParams params;
  params.period = period;
  params.scope = scope;
  PROBATION_ASSIGN_OR_RETURN(const analytics::EqualityReport report,
                             analytics::ComputeEquality(facts, params));
  Section s = EqualityCompletenessSection(report);
  s.id = "equality";
  s.title = "Equality of outcomes (PT14)";
  // The broad groups keep the pack short; `probation equality` gives every grouping.
  const std::vector<analytics::Grouping> groupings = {analytics::Grouping::kEthnicBroad};
  for (int o = 0; o < analytics::kOutcomes; ++o) {
    Section part = EqualityOutcomeSection(report, static_cast<analytics::Outcome>(o), groupings);
    for (Block& b : part.blocks) s.blocks.push_back(std::move(b));
  }
  s.blocks.push_back(Paragraph{
      "Each broad ethnic group's rate against the White group's, with a 95% interval (Katz log "
      "method); groups with a count or total below 10 are suppressed (*). Gender, age band, "
      "disability and the 16+1 groups: `probation equality`."});
  document->sections.push_back(std::move(s));
  return Status::Ok();
}

}  // namespace probation::report
