// The board pack's planning sections: business-plan progress and the risk register
// (board_pack.h).
#include <algorithm>
#include <cmath>
#include <map>

#include "measures/scorecard.h"
#include "planning/plan_queries.h"
#include "planning/plan_store.h"
#include "planning/risk_matrix.h"
#include "planning/risk_queries.h"
#include "planning/risk_store.h"
#include "planning/risk_thresholds.h"
#include "reports/board_pack.h"
#include "reports/measure_text.h"
#include "reports/risk_heat_map.h"

namespace probation {
namespace {

using report::Cell;
using report::Table;
using report::Tone;

constexpr size_t kMaxOverdueRows = 40;

// The financial quarter a date falls in, as the product labels it: "2010-Q4" for 2011-02-01.
std::string QuarterOf(Date d) {
  const int fy = measures::FinancialYearOf(d);
  const int quarter = (d.month() + 8) % 12 / 3 + 1;
  return std::to_string(fy) + "-Q" + std::to_string(quarter);
}

Tone ToneOfPlanRag(planning::Rag rag) {
  switch (rag) {
    case planning::Rag::kRed:
      return Tone::kRed;
    case planning::Rag::kAmber:
      return Tone::kAmber;
    case planning::Rag::kGreen:
      return Tone::kGreen;
  }
  return Tone::kNone;
}

Cell CountCell(int n, Tone tone = Tone::kNone) {
  return Cell(std::to_string(n), static_cast<double>(n), n > 0 ? tone : Tone::kNone);
}

// "PT5 83.2% red" for each related measure in the board pack's framework; other frameworks'
// codes as written.
std::string RelatedMeasures(const planning::PlanItem& item, const BoardPackRequest& r,
                            const measures::Scorecard* card) {
  std::string out;
  for (const planning::MeasureRef& ref : item.measures) {
    if (!out.empty()) out += "; ";
    out += ref.code;
    if (card == nullptr || ref.framework != r.framework->id) continue;
    for (size_t m = 0; m < r.framework->measures.size(); ++m) {
      const measures::Measure& measure = r.framework->measures[m];
      if (measure.code != ref.code || measure.placeholder) continue;
      const measures::MeasureCell& c = card->rows.front().cells[m];
      out += " " + MeasureValueText(measure, c.value);
      if (c.rag != measures::Rag::kNone) out += " " + std::string(measures::RagName(c.rag));
    }
  }
  return out;
}

std::string LatestRagText(const planning::PlanItem& item, const std::string& quarter, Tone* tone) {
  const planning::QuarterRag* rag = planning::RagAsOf(item, quarter);
  if (rag == nullptr) return "not rated";
  *tone = ToneOfPlanRag(rag->rag);
  const char* word = rag->rag == planning::Rag::kRed     ? "red"
                     : rag->rag == planning::Rag::kAmber ? "amber"
                                                         : "green";
  return std::string(word) + " (" + rag->quarter + ")";
}

// The plan objectives a risk threatens: "derbyshire-2008-09 6.4.1", or the document's words.
std::string ThreatenedText(const planning::Risk& risk) {
  std::string out;
  for (const planning::ThreatenedObjective& t : risk.threatens) {
    if (!out.empty()) out += "; ";
    out += !t.item.empty() ? (t.plan.empty() ? "" : t.plan + " ") + t.item : t.text;
  }
  return out;
}

}  // namespace

Status AppendPlanSection(const BoardPackRequest& r, report::Document* doc) {
  report::Section section{"plans", "Business plan progress", {}};
  if (r.db == nullptr) return Status::Ok();
  PROBATION_ASSIGN_OR_RETURN(std::vector<planning::Plan> held, planning::LoadPlans(r.db));
  std::vector<planning::Plan> plans;
  for (planning::Plan& plan : held) {
    if (BelongsToPack(r, plan.organisation)) plans.push_back(std::move(plan));
  }
  const std::string left_out =
      LeftOutText(static_cast<int>(held.size() - plans.size()), "business plans");
  const std::string quarter = QuarterOf(r.period.end);
  const Date as_at = r.engine->as_at();
  if (!left_out.empty()) section.blocks.push_back(report::Paragraph{left_out});
  if (plans.empty()) {
    section.blocks.push_back(
        report::Paragraph{"No business plan of " + r.engine->organisation().Name(r.scope) +
                          " is held. Load one with `probation plan import` (docs/plans.md)."});
    doc->sections.push_back(std::move(section));
    return Status::Ok();
  }
  Result<measures::Scorecard> card =
      measures::ComputeScorecard(*r.engine, *r.framework, r.period, r.scope.level, r.scope);
  if (!card.ok()) return card.status();

  section.blocks.push_back(report::Paragraph{
      "Each action's latest RAG rating up to " + quarter + " (the quarter " + r.period.label +
      " ends in), the red ones with their comments, and the actions past their deadline at " +
      as_at.ToString() + " that are not done. Related measures show their value and RAG from " +
      "the scorecard when they belong to its framework."});
  Table summary;
  summary.caption = "RAG by plan, latest rating up to " + quarter;
  summary.columns = {"Plan", "Title", "Green", "Amber", "Red", "Not rated", "Overdue"};
  summary.wide_column = 1;
  const std::vector<planning::RagSummary> rags = planning::QuarterRagSummary(plans, quarter);
  const std::vector<planning::ItemRef> overdue = planning::OverdueActions(plans, as_at);
  for (size_t p = 0; p < plans.size(); ++p) {
    const planning::RagSummary& s = rags[p];
    const int late = static_cast<int>(
        std::count_if(overdue.begin(), overdue.end(),
                      [&](const planning::ItemRef& ref) { return ref.plan == &plans[p]; }));
    summary.rows.push_back({plans[p].id, plans[p].title, CountCell(s.latest_green, Tone::kGreen),
                            CountCell(s.latest_amber, Tone::kAmber),
                            CountCell(s.latest_red, Tone::kRed), CountCell(s.latest_not_rated),
                            CountCell(late, Tone::kRed)});
  }
  section.blocks.push_back(std::move(summary));

  Table red;
  red.caption = "Actions rated red";
  red.columns = {"Plan", "No.", "Action", "Lead", "Rating", "Comment", "Related measures"};
  red.wide_column = 2;
  red.empty_text = "No action's latest rating is red.";
  for (const planning::Plan& plan : plans) {
    for (const planning::PlanItem& item : plan.items) {
      const planning::QuarterRag* rag = planning::RagAsOf(item, quarter);
      if (rag == nullptr || rag->rag != planning::Rag::kRed) continue;
      red.rows.push_back({plan.id, item.number, item.title, item.lead,
                          Cell("red (" + rag->quarter + ")", std::nullopt, Tone::kRed),
                          rag->comment, RelatedMeasures(item, r, &*card)});
    }
  }
  section.blocks.push_back(std::move(red));

  Table late;
  late.caption = "Overdue actions at " + as_at.ToString() +
                 (overdue.size() > kMaxOverdueRows
                      ? " (the " + std::to_string(kMaxOverdueRows) + " longest overdue of " +
                            std::to_string(overdue.size()) + "; `probation plan overdue` lists all)"
                      : "");
  late.columns = {"Plan", "No.", "Action", "Lead", "Deadline", "Latest RAG", "Related measures"};
  late.wide_column = 2;
  late.empty_text = "No action is past its deadline.";
  for (size_t i = 0; i < overdue.size() && i < kMaxOverdueRows; ++i) {
    const planning::ItemRef& ref = overdue[i];
    Tone tone = Tone::kNone;
    const std::string rag = LatestRagText(*ref.item, quarter, &tone);
    late.rows.push_back({ref.plan->id, ref.item->number, ref.item->title, ref.item->lead,
                         ref.item->deadline->ToString(), Cell(rag, std::nullopt, tone),
                         RelatedMeasures(*ref.item, r, &*card)});
  }
  section.blocks.push_back(std::move(late));
  doc->sections.push_back(std::move(section));
  return Status::Ok();
}

Status AppendRiskSection(const BoardPackRequest& r, report::Document* doc) {
  report::Section section{"risks", "Risk register", {}};
  if (r.db == nullptr) return Status::Ok();
  PROBATION_ASSIGN_OR_RETURN(std::vector<planning::RiskRegister> held,
                             planning::LoadRegisters(r.db));
  std::vector<planning::RiskRegister> registers;
  for (planning::RiskRegister& reg : held) {
    if (BelongsToPack(r, reg.organisation)) registers.push_back(std::move(reg));
  }
  const std::string left_out =
      LeftOutText(static_cast<int>(held.size() - registers.size()), "risk registers");
  if (!left_out.empty()) section.blocks.push_back(report::Paragraph{left_out});
  if (registers.empty()) {
    section.blocks.push_back(
        report::Paragraph{"No risk register of " + r.engine->organisation().Name(r.scope) +
                          " is held. Load one with `probation risks import` (docs/risks.md)."});
    doc->sections.push_back(std::move(section));
    return Status::Ok();
  }
  PROBATION_ASSIGN_OR_RETURN(planning::RiskMatrix matrix, planning::LoadRiskMatrix());
  const Date as_at = r.engine->as_at();
  section.blocks.push_back(report::Paragraph{
      "For each register: the heat map of residual ratings (risks counted by likelihood and " +
      std::string("impact; each cell coloured by the status of its score), the red and black ") +
      "risks with their owners' comments, and the risks past their review date at " +
      as_at.ToString() + "."});
  for (const planning::RiskRegister& reg : registers) {
    PROBATION_ASSIGN_OR_RETURN(planning::RiskThresholds thresholds,
                               planning::LoadRiskThresholds(reg.thresholds));
    const std::vector<planning::ScoredRisk> scored = planning::ScoreRisks(reg, matrix, thresholds);
    const planning::HeatMap counts = planning::MakeHeatMap(scored);
    report::HeatMap map = RiskHeatMapChart(
        counts, matrix, thresholds,
        reg.title + " (" + reg.id + "): residual ratings of " + std::to_string(counts.Total()) +
            " risks" +
            (counts.unrated > 0 ? ", " + std::to_string(counts.unrated) + " unrated" : ""));
    section.blocks.push_back(std::move(map));

    Table severe;
    severe.caption = reg.title + ": red and black risks";
    severe.columns = {"Ref.",     "Risk",  "Threatens", "Owner",
                      "Residual", "Score", "Status",    "Comments"};
    severe.wide_column = 1;
    severe.empty_text = "No red or black risk.";
    for (const planning::ScoredRisk& s : scored) {
      if (s.status != planning::RiskStatus::kRed && s.status != planning::RiskStatus::kBlack)
        continue;
      const planning::Risk& risk = *s.risk;
      severe.rows.push_back(
          {risk.reference, risk.title.empty() ? risk.description : risk.title, ThreatenedText(risk),
           risk.owner, risk.residual ? planning::RatingText(*risk.residual) : "-",
           Cell(std::to_string(*s.residual_score), static_cast<double>(*s.residual_score)),
           Cell(std::string(planning::RiskStatusName(s.status)), std::nullopt,
                ToneOfRisk(s.status)),
           !risk.comments.empty() ? risk.comments
           : reg.summary          ? "(a summary register: the source gives no comment)"
                                  : "(no comment)"});
    }
    section.blocks.push_back(std::move(severe));

    Table review;
    review.caption = reg.title + ": past their review date";
    review.columns = {"Ref.", "Risk", "Owner", "Review due", "Status"};
    review.wide_column = 1;
    review.empty_text = "No risk is past its review date.";
    for (const planning::ScoredRisk& s : planning::PastReview(scored, as_at)) {
      const planning::Risk& risk = *s.risk;
      review.rows.push_back({risk.reference, risk.title.empty() ? risk.description : risk.title,
                             ThreatenedText(risk), risk.owner, risk.next_review->ToString(),
                             Cell(std::string(planning::RiskStatusName(s.status)), std::nullopt,
                                  ToneOfRisk(s.status))});
    }
    section.blocks.push_back(std::move(review));
  }
  doc->sections.push_back(std::move(section));
  return Status::Ok();
}

}  // namespace probation
