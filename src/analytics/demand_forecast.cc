#include "analytics/demand_forecast.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "model/code_lists.h"

namespace probation::analytics {

CaseloadForecast ForecastCaseload(const std::vector<QuarterFlow>& history, int current,
                                  const std::vector<std::string>& labels) {
  CaseloadForecast f;
  double at_risk = 0;
  double ended = 0;
  double commenced = 0;
  for (const QuarterFlow& q : history) {
    at_risk += q.start_caseload + q.commencements;
    ended += q.terminations;
    commenced += q.commencements;
  }
  f.termination_rate = at_risk > 0 ? ended / at_risk : 0;
  f.mean_commencements = history.empty() ? 0 : commenced / static_cast<double>(history.size());
  const double keep = 1.0 - f.termination_rate;
  if (history.size() >= 2) {
    double squares = 0;
    for (const QuarterFlow& q : history) {
      const double error = q.end_caseload() - (q.start_caseload + f.mean_commencements) * keep;
      squares += error * error;
    }
    f.residual_sd = std::sqrt(squares / static_cast<double>(history.size() - 1));
  }
  double n = current;
  for (size_t h = 1; h <= labels.size(); ++h) {
    n = (n + f.mean_commencements) * keep;
    const double half = 1.96 * f.residual_sd * std::sqrt(static_cast<double>(h));
    f.quarters.push_back({labels[h - 1], n, std::max(0.0, n - half), n + half});
  }
  return f;
}

measures::Period NextQuarter(const measures::Period& p) {
  // Labels are "YYYY-Qn", financial quarters.
  int year = std::stoi(p.label.substr(0, 4));
  int quarter = p.label[6] - '0' + 1;
  if (quarter > 4) {
    quarter = 1;
    ++year;
  }
  return *measures::ParsePeriod(std::to_string(year) + "-Q" + std::to_string(quarter));
}

std::vector<LduFlows> ComputeLduFlows(const Snapshot& snapshot,
                                      const measures::Organisation& organisation, Date at,
                                      int count, std::vector<measures::Period>* quarters) {
  // The last quarter complete on `at`.
  int fy = measures::FinancialYearOf(at);
  measures::Period last = *measures::ParsePeriod(std::to_string(fy) + "-Q1");
  while (NextQuarter(last).end <= at) last = NextQuarter(last);
  if (last.end > at) last = measures::PreviousPeriod(last);
  quarters->assign(count, last);
  for (int i = count - 2; i >= 0; --i)
    (*quarters)[i] = measures::PreviousPeriod((*quarters)[i + 1]);

  const SnapshotTable& sentences = snapshot.table(*FindRecordType("sentences"));
  const SnapshotTable& officers = snapshot.table(*FindRecordType("responsible_officers"));
  const auto& to_officers =
      sentences
          .relations[sentences.RelationSlot(FindRelation(*sentences.type, "responsible_officers"))];
  const auto& officer_staff =
      officers.relations[officers.RelationSlot(FindRelation(*officers.type, "staff"))];
  const auto& o_start = officers.columns[officers.type->FieldIndex("start_date")].i32;
  const auto& start = sentences.columns[sentences.type->FieldIndex("start_date")].i32;
  const auto& end = sentences.columns[sentences.type->FieldIndex("termination_date")].i32;
  const auto& type = sentences.columns[sentences.type->FieldIndex("sentence_type")].i8;
  const CodeList* types = FindCodeList("sentence_type");
  std::vector<int> setting_of(types->codes.size(), 0);
  for (size_t i = 0; i < types->codes.size(); ++i) {
    if (types->codes[i].code == "LIC") setting_of[i] = static_cast<int>(Setting::kLicence);
    if (types->codes[i].code == "CUS") setting_of[i] = static_cast<int>(Setting::kCustody);
  }

  std::map<int32_t, LduFlows> by_ldu;
  const auto running = [&](size_t s, int32_t day) {
    return start[s] <= day && (end[s] == kNullInt32 || end[s] > day);
  };
  for (size_t s = 0; s < sentences.rows; ++s) {
    if (start[s] == kNullInt32 || type[s] < 0 || start[s] > last.end.days()) continue;
    int32_t allocation = -1;
    for (int32_t o = to_officers[s]; o < to_officers[s + 1]; ++o) {
      if (o_start[o] <= at.days() && (allocation < 0 || o_start[o] >= o_start[allocation])) {
        allocation = o;
      }
    }
    if (allocation < 0 || officer_staff[allocation] < 0) continue;
    const int32_t team = organisation.TeamOfStaff(officer_staff[allocation]);
    if (team < 0) continue;
    const int32_t ldu = organisation.AncestorAt(team, measures::UnitLevel::kLdu);
    if (ldu < 0) continue;
    LduFlows& flows = by_ldu[ldu];
    std::vector<QuarterFlow>& flow = flows.flows[setting_of[type[s]]];
    if (flow.empty()) {
      flows.ldu_row = ldu;
      for (auto& f : flows.flows) {
        f.resize(count);
        for (int q = 0; q < count; ++q) f[q].label = (*quarters)[q].label;
      }
    }
    for (int q = 0; q < count; ++q) {
      const int32_t qs = (*quarters)[q].start.days();
      const int32_t qe = (*quarters)[q].end.days();
      if (running(s, qs - 1)) flow[q].start_caseload++;
      if (start[s] >= qs && start[s] <= qe) flow[q].commencements++;
      if (end[s] != kNullInt32 && end[s] >= qs && end[s] <= qe) flow[q].terminations++;
    }
  }
  std::vector<LduFlows> out;
  for (auto& [row, flows] : by_ldu) out.push_back(std::move(flows));
  std::sort(out.begin(), out.end(), [&](const LduFlows& a, const LduFlows& b) {
    return organisation.Code({measures::UnitLevel::kLdu, a.ldu_row}) <
           organisation.Code({measures::UnitLevel::kLdu, b.ldu_row});
  });
  return out;
}

LduDemand ForecastLduDemand(const LduFlows& ldu, const std::vector<std::string>& labels,
                            double capacity_now, double red_over) {
  LduDemand d;
  d.ldu_row = ldu.ldu_row;
  std::vector<double> total(labels.size(), 0), half2(labels.size(), 0);
  for (int s = 0; s < kSettingCount; ++s) {
    const std::vector<QuarterFlow>& h = ldu.flows[s];
    d.now[s] = h.empty() ? 0 : h.back().end_caseload();
    d.settings[s] = ForecastCaseload(h, d.now[s], labels);
    d.total_now += d.now[s];
    for (size_t q = 0; q < labels.size(); ++q) {
      total[q] += d.settings[s].quarters[q].caseload;
      const double half = d.settings[s].quarters[q].high - d.settings[s].quarters[q].caseload;
      half2[q] += half * half;
    }
  }
  d.capacity_now = capacity_now;
  for (size_t q = 0; q < labels.size(); ++q) {
    const double half = std::sqrt(half2[q]);
    d.total.push_back({labels[q], total[q], std::max(0.0, total[q] - half), total[q] + half});
    const double scale = d.total_now > 0 ? total[q] / d.total_now : 0;
    d.capacity.push_back(capacity_now * scale);
    d.capacity_high.push_back(d.total_now > 0 ? capacity_now * (total[q] + half) / d.total_now : 0);
    d.outruns = d.outruns || d.capacity.back() > red_over;
  }
  return d;
}

}  // namespace probation::analytics
