// The JSON the analytics endpoints answer with (server/analytics_routes.cc), built from the
// analytics' own results (src/analytics/): the same figures the CLI commands print, unrounded.
// A figure that is not a number (an empty cohort's difference, a ratio not computed) is null.
//
// Aggregates for a board member (`board`): every count from 1 to 4 is the words "fewer than 5"
// (docs/access.md) and every figure computed from it (a rate, a difference, an interval) is
// null with "suppressed": true beside it; and no staff name, CRN or record key is ever written
// by the functions that take `board`.
//
// Functions only; thread-safe.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analytics/allocation.h"
#include "analytics/demand_forecast.h"
#include "analytics/equality.h"
#include "analytics/reoffending.h"
#include "analytics/sentence_ogrs3.h"
#include "analytics/tiering.h"
#include "analytics/workload_officers.h"
#include "measures/organisation.h"

namespace probation {

inline constexpr int kBoardSmallCount = 5;  // docs/access.md: below this, "fewer than 5"

// A count as a number, or for a board member "fewer than 5" when it is 1 to 4.
nlohmann::json CountJson(int64_t n, bool board);
// Whether CountJson would hide `n`.
bool HiddenCount(int64_t n, bool board);
// A double, or null when it is NaN or infinite.
nlohmann::json NumberJson(double value);

// {"code", "name", "level"} of a unit.
nlohmann::json UnitJson(const measures::Organisation& org, measures::UnitRef unit);

// One sentence's OGRS3: its inputs, and the score or the reason there is none.
nlohmann::json SentenceOgrs3Json(const analytics::SentenceOgrs3& s, const std::string& sentence_key,
                                 const analytics::Ogrs3Table& table);
// What a tier was computed from.
nlohmann::json TierInputsJson(const analytics::TierInputs& in);
// A tier, the rule set's id and version, its points (protect/change) and its reasons.
nlohmann::json TierResultJson(const analytics::TierResult& r, const analytics::RuleSetInfo& info);

// An officer's workload (never for a board member: it names the officer); `by_tier`: the
// officer's cases per protect/change tier.
nlohmann::json OfficerWorkloadJson(const analytics::OfficerWorkload& w,
                                   const measures::Organisation& org, const nlohmann::json& by_tier,
                                   double red_over);
nlohmann::json UnitWorkloadJson(const analytics::UnitWorkload& u, double red_over);

// An allocation candidate (rank 0: not eligible).
nlohmann::json CandidateJson(const analytics::Candidate& c, int rank, double red_over);

// A cohort's (or a breakdown row's, or a decile's) figures.
nlohmann::json CohortFiguresJson(const analytics::CohortFigures& f, bool board);
// A cohort: its dates, completeness, totals; the breakdowns and calibration are added by the
// caller.
nlohmann::json CohortJson(const analytics::Cohort& c, bool board);

// The equality report: completeness, then every outcome x grouping with its groups. A group the
// report suppressed (below its threshold) has null counts, rate and ratio, as the CLI shows "*".
nlohmann::json EqualityJson(const analytics::EqualityReport& report, bool board);

// An LDU's demand forecast against its staff; `officers`: the LDU's officers now.
nlohmann::json LduDemandJson(const analytics::LduDemand& d, const measures::Organisation& org,
                             int officers, bool board);

}  // namespace probation
