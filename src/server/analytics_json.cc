#include "server/analytics_json.h"

#include <cmath>

namespace probation {

using nlohmann::json;

bool HiddenCount(int64_t n, bool board) { return board && n > 0 && n < kBoardSmallCount; }

json CountJson(int64_t n, bool board) {
  if (HiddenCount(n, board)) return "fewer than 5";
  return n;
}

json NumberJson(double value) {
  if (!std::isfinite(value)) return nullptr;
  return value;
}

json UnitJson(const measures::Organisation& org, measures::UnitRef unit) {
  return {{"code", org.Code(unit)},
          {"name", org.Name(unit)},
          {"level", std::string(measures::UnitLevelName(unit.level))}};
}

json SentenceOgrs3Json(const analytics::SentenceOgrs3& s, const std::string& sentence_key,
                       const analytics::Ogrs3Table& table) {
  const analytics::Ogrs3Inputs& in = s.inputs;
  json out = {{"sentence", sentence_key}, {"inputs_known", s.inputs_known}};
  if (s.inputs_known) {
    out["inputs"] = {{"gender", in.gender == analytics::Gender::kMale ? "M" : "F"},
                     {"date_of_birth", in.date_of_birth.ToString()},
                     {"offence_category", in.offence_category},
                     {"sanctions", in.sanctions},
                     {"first_sanction", in.first_sanction.ToString()},
                     {"conviction", in.conviction.ToString()},
                     {"assessed", in.assessed.ToString()}};
  } else {
    out["inputs"] = nullptr;
  }
  if (s.score) {
    const analytics::Ogrs3Score& sc = *s.score;
    const int low = table.age_band_low[sc.age_band];
    const std::string band =
        sc.age_band + 1 < analytics::kOgrs3AgeBands
            ? std::to_string(low) + "-" + std::to_string(table.age_band_low[sc.age_band + 1] - 1)
            : std::to_string(low) + "+";
    out["score"] = {{"age", sc.age},
                    {"age_first", sc.age_first},
                    {"age_band", band},
                    {"copas", sc.copas},
                    {"one_year", sc.one_year},
                    {"two_year", sc.two_year},
                    {"band", std::string(analytics::Ogrs3BandName(sc.band))}};
    out["reason"] = nullptr;
  } else {
    out["score"] = nullptr;
    out["reason"] = s.reason;
  }
  return out;
}

json TierInputsJson(const analytics::TierInputs& in) {
  json needs = json::object();
  for (int i = 0; i < analytics::kNeedCount; ++i) {
    needs[std::string(analytics::kNeedNames[i])] = in.needs[i] >= 0 ? json(in.needs[i]) : json();
  }
  json registrations = json::array();
  for (const analytics::RegistrationInput& r : in.registrations) {
    registrations.push_back({{"type", r.type},
                             {"mappa_level", r.mappa_level > 0 ? json(r.mappa_level) : json()},
                             {"start", r.start.ToString()}});
  }
  return {{"assessed", in.assessed},
          {"assessment", in.assessed ? json(in.assessment) : json()},
          {"assessment_date", in.assessed ? json(in.assessment_date.ToString()) : json()},
          {"rosh", std::string(analytics::RoshName(in.rosh))},
          {"ogrs", in.ogrs >= 0 ? json(in.ogrs) : json()},
          {"needs", needs},
          {"need_score", in.NeedScore()},
          {"registrations", registrations},
          {"setting", std::string(analytics::SettingName(in.setting))},
          {"mandate_for_change", in.mandate_for_change},
          {"imported_tier", in.imported_tier.empty() ? json() : json(in.imported_tier)},
          {"text", in.ToText()}};
}

json TierResultJson(const analytics::TierResult& r, const analytics::RuleSetInfo& info) {
  json out = {{"rule_set", info.id},
              {"version", info.version},
              {"title", info.title},
              {"tier", r.tier},
              {"because", r.because}};
  if (r.protect_points >= 0) out["protect_points"] = r.protect_points;
  if (r.change_points >= 0) out["change_points"] = r.change_points;
  return out;
}

json OfficerWorkloadJson(const analytics::OfficerWorkload& w, const measures::Organisation& org,
                         const json& by_tier, double red_over) {
  const double capacity = w.capacity();
  return {
      {"staff_id", w.staff_id},
      {"name", w.name},
      {"grade", w.grade},
      {"team", w.team_row < 0 ? json() : json(org.Code({measures::UnitLevel::kTeam, w.team_row}))},
      {"cases", {{"community", w.cases[0]}, {"licence", w.cases[1]}, {"custody", w.cases[2]}}},
      {"cases_by_tier", by_tier},
      {"sdr", w.sdr},
      {"fdr", w.fdr},
      {"case_points", w.case_points},
      {"report_points", w.report_points},
      {"workload_points", w.workload_points()},
      {"contracted_hours", w.contracted_hours},
      {"reduction_hours", w.reduction_hours},
      {"reductions", w.reduction_notes},
      {"available_points", w.available},
      {"capacity_percent", NumberJson(capacity)},
      {"red", capacity > red_over}};
}

json UnitWorkloadJson(const analytics::UnitWorkload& u, double red_over) {
  const double capacity = u.capacity();
  return {{"code", u.code},
          {"name", u.name},
          {"level", std::string(measures::UnitLevelName(u.unit.level))},
          {"officers", u.officers},
          {"cases", u.cases},
          {"workload_points", u.workload},
          {"available_points", u.available},
          {"capacity_percent", NumberJson(capacity)},
          {"red", capacity > red_over}};
}

json CandidateJson(const analytics::Candidate& c, int rank, double red_over) {
  return {{"rank", rank > 0 ? json(rank) : json()},
          {"staff_id", c.officer->staff_id},
          {"name", c.officer->name},
          {"grade", c.officer->grade},
          {"points", c.points},
          {"capacity_before", NumberJson(c.before)},
          {"capacity_after", NumberJson(c.after)},
          {"red_after", c.after > red_over},
          {"eligible", c.eligible},
          {"why_not", c.eligible ? json() : json(c.why_not)}};
}

json CohortFiguresJson(const analytics::CohortFigures& f, bool board) {
  const bool hidden = HiddenCount(static_cast<int64_t>(f.size), board) ||
                      HiddenCount(static_cast<int64_t>(f.reoffenders), board) ||
                      HiddenCount(static_cast<int64_t>(f.reoffences), board);
  json out = {{"size", CountJson(static_cast<int64_t>(f.size), board)},
              {"reoffenders", CountJson(static_cast<int64_t>(f.reoffenders), board)},
              {"reoffences", CountJson(static_cast<int64_t>(f.reoffences), board)}};
  if (hidden) {
    for (const char* key : {"predicted", "actual", "difference", "low", "high", "frequency"}) {
      out[key] = nullptr;
    }
    out["suppressed"] = true;
    return out;
  }
  out["predicted"] = NumberJson(f.predicted);  // NaN (null) for an empty cohort
  out["actual"] = NumberJson(f.actual);
  out["difference"] = NumberJson(f.difference);
  out["low"] = NumberJson(f.low);
  out["high"] = NumberJson(f.high);
  out["frequency"] = NumberJson(f.frequency);  // reoffences per member of the cohort
  out["suppressed"] = false;
  return out;
}

json CohortJson(const analytics::Cohort& c, bool board) {
  return {{"snapshot", c.params.snapshot.ToString()},
          {"follow_up_months", c.params.follow_up_months},
          {"proven_wait_months", c.params.proven_wait_months},
          {"data_as_at", c.params.data_as_at.ToString()},
          {"window_start", c.window_start.ToString()},
          {"window_end", c.window_end.ToString()},
          {"proven_by", c.proven_by.ToString()},
          {"complete", c.complete},
          {"rated", c.complete},  // an incomplete cohort is never rated
          {"not_scored", CountJson(static_cast<int64_t>(c.not_scored), board)},
          {"total", CohortFiguresJson(c.total, board)}};
}

json EqualityJson(const analytics::EqualityReport& report, bool board) {
  const analytics::Completeness& c = report.completeness;
  const auto count = [board](size_t n) { return CountJson(static_cast<int64_t>(n), board); };
  json out = {{"period", report.params.period.label},
              {"period_start", report.params.period.start.ToString()},
              {"period_end", report.params.period.end.ToString()},
              {"threshold", report.params.threshold},
              {"completeness",
               {{"people", count(c.people)},
                {"ethnicity_recorded", count(c.ethnicity_recorded)},
                {"ethnicity_not_stated", count(c.ethnicity_not_stated)},
                {"ethnicity_missing", count(c.ethnicity_missing)},
                {"disability_recorded", count(c.disability_recorded)},
                {"disability_not_stated", count(c.disability_not_stated)},
                {"disability_missing", count(c.disability_missing)},
                {"gender_recorded", count(c.gender_recorded)},
                {"gender_not_known", count(c.gender_not_known)}}},
              {"outcomes", json::array()}};
  for (const analytics::OutcomeGroups& g : report.tables) {
    json groups = json::array();
    for (const analytics::GroupRate& r : g.groups) {
      json row = {{"code", r.code},
                  {"label", r.label},
                  {"reference", r.reference},
                  {"suppressed", r.suppressed}};
      if (r.suppressed) {
        for (const char* key : {"numerator", "denominator", "rate", "ratio", "low", "high"}) {
          row[key] = nullptr;
        }
      } else {
        row["numerator"] = count(r.numerator);
        row["denominator"] = count(r.denominator);
        const bool hidden = HiddenCount(static_cast<int64_t>(r.numerator), board) ||
                            HiddenCount(static_cast<int64_t>(r.denominator), board);
        row["rate"] = hidden || r.denominator == 0 ? json() : NumberJson(r.rate);
        row["ratio"] = hidden ? json() : NumberJson(r.ratio);
        row["low"] = hidden ? json() : NumberJson(r.low);
        row["high"] = hidden ? json() : NumberJson(r.high);
        if (hidden) row["suppressed"] = true;
      }
      groups.push_back(std::move(row));
    }
    out["outcomes"].push_back({{"outcome", std::string(analytics::OutcomeName(g.outcome))},
                               {"grouping", std::string(analytics::GroupingName(g.grouping))},
                               {"reference_group", g.reference},
                               {"numerator", count(g.numerator)},
                               {"denominator", count(g.denominator)},
                               {"groups", std::move(groups)}});
  }
  return out;
}

json LduDemandJson(const analytics::LduDemand& d, const measures::Organisation& org, int officers,
                   bool board) {
  const auto points = [](const std::vector<analytics::ForecastPoint>& ps, bool hide) {
    json out = json::array();
    for (const analytics::ForecastPoint& p : ps) {
      out.push_back({{"quarter", p.label},
                     {"caseload", hide ? json() : json(p.caseload)},
                     {"low", hide ? json() : json(p.low)},
                     {"high", hide ? json() : json(p.high)}});
    }
    return out;
  };
  json settings = json::array();
  for (int s = 0; s < analytics::kSettingCount; ++s) {
    const analytics::CaseloadForecast& f = d.settings[s];
    const bool hide = HiddenCount(d.now[s], board);
    settings.push_back(
        {{"setting", std::string(analytics::SettingName(static_cast<analytics::Setting>(s)))},
         {"caseload_now", CountJson(d.now[s], board)},
         {"termination_rate", hide ? json() : json(f.termination_rate)},
         {"mean_commencements", hide ? json() : json(f.mean_commencements)},
         {"residual_sd", hide ? json() : json(f.residual_sd)},
         {"suppressed", hide},
         {"forecast", points(f.quarters, hide)}});
  }
  const bool hide_total = HiddenCount(d.total_now, board);
  json capacity = json::array();
  for (size_t q = 0; q < d.total.size(); ++q) {
    capacity.push_back({{"quarter", d.total[q].label},
                        {"capacity_percent", NumberJson(d.capacity[q])},
                        {"capacity_percent_high", NumberJson(d.capacity_high[q])}});
  }
  return {{"ldu", UnitJson(org, {measures::UnitLevel::kLdu, d.ldu_row})},
          {"settings", settings},
          {"total",
           {{"caseload_now", CountJson(d.total_now, board)},
            {"forecast", points(d.total, hide_total)}}},
          {"officers", CountJson(officers, board)},
          {"capacity_now_percent", NumberJson(d.capacity_now)},
          {"capacity", capacity},
          {"outruns_staff", d.outruns}};
}

}  // namespace probation
