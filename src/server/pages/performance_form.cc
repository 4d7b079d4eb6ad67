#include "server/pages/performance_form.h"

#include <algorithm>
#include <cstdio>

#include "measures/period.h"
#include "server/measure_scope.h"

namespace probation {
namespace {

bool Unreserved(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

std::string Encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (Unreserved(static_cast<char>(c))) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string Quarter(int fy, int q) { return std::to_string(fy) + "-Q" + std::to_string(q); }

// The financial quarter (1-4) of a month: April-June is 1, January-March 4.
int QuarterOfMonth(int month) { return (month + 8) % 12 / 3 + 1; }

std::string Month(int year, int month) {
  return std::to_string(year) + (month < 10 ? "-0" : "-") + std::to_string(month);
}

std::string UnitText(const measures::Organisation& org, measures::UnitRef unit) {
  if (unit.level == measures::UnitLevel::kOfficer) {
    return org.Name(unit) + " (" + org.Code(unit) + ")";
  }
  return org.Code(unit) + " " + org.Name(unit);
}

}  // namespace

std::string QueryLink(const std::string& path,
                      const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out = path;
  char sep = '?';
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    out += sep + Encode(name) + "=" + Encode(value);
    sep = '&';
  }
  return out;
}

std::string DefaultPeriod(const EngineState& state) {
  const Date as_at = state.engine->as_at();
  return Quarter(measures::FinancialYearOf(as_at), QuarterOfMonth(as_at.month()));
}

std::string DefaultFramework(const EngineState& state) {
  if (state.FindFramework("nps-2005-06") != nullptr) return "nps-2005-06";
  return state.frameworks->empty() ? std::string() : state.frameworks->front().id;
}

std::vector<Choice> FrameworkChoices(const EngineState& state) {
  std::vector<Choice> out;
  for (const measures::Framework& f : *state.frameworks) out.push_back({f.id, f.title});
  return out;
}

std::vector<Choice> PeriodChoices(const EngineState& state, const std::string& current) {
  const Date as_at = state.engine->as_at();
  const int fy = measures::FinancialYearOf(as_at);
  const std::string month = Month(as_at.year(), as_at.month());
  std::vector<Choice> out;
  int q = QuarterOfMonth(as_at.month()), year = fy;
  for (int i = 0; i < 8; ++i) {
    out.push_back({Quarter(year, q), "Quarter " + Quarter(year, q)});
    if (--q == 0) q = 4, --year;
  }
  out.push_back({"YTD:" + month, "Year to date, to " + month});
  out.push_back({"R12:" + month, "Rolling 12 months, to " + month});
  int y = as_at.year(), m = as_at.month();
  for (int i = 0; i < 12; ++i) {
    out.push_back({Month(y, m), "Month " + Month(y, m)});
    if (--m == 0) m = 12, --y;
  }
  for (int i = 0; i < 3; ++i) {
    const std::string label = "FY" + std::to_string(fy - i);
    char years[16];
    std::snprintf(years, sizeof years, "%d-%02d", fy - i, (fy - i + 1) % 100);
    out.push_back({label, std::string("Financial year ") + years});
  }
  const bool listed =
      std::any_of(out.begin(), out.end(), [&](const Choice& c) { return c.value == current; });
  if (!current.empty() && !listed) out.insert(out.begin(), {current, current});
  return out;
}

std::vector<Choice> UnitChoices(const Principal& principal, const measures::Organisation& org,
                                bool with_officers) {
  std::vector<Choice> out;
  Result<measures::UnitRef> home = HomeUnit(principal, org);
  if (!home.ok()) return out;
  out.push_back({org.Code(*home), UnitText(org, *home)});
  for (measures::UnitLevel level :
       {measures::UnitLevel::kRegion, measures::UnitLevel::kTrust, measures::UnitLevel::kLdu,
        measures::UnitLevel::kTeam, measures::UnitLevel::kOfficer}) {
    if (level <= home->level) continue;
    if (level == measures::UnitLevel::kOfficer &&
        (!with_officers || principal.role == Role::kBoardMember)) {
      continue;
    }
    for (measures::UnitRef unit : org.UnitsAt(level, *home)) {
      out.push_back({org.Code(unit), UnitText(org, unit)});
    }
  }
  return out;
}

std::vector<Choice> OfficerChoices(const measures::Organisation& org, measures::UnitRef unit) {
  std::vector<Choice> out = {{"", "All officers"}};
  if (unit.level == measures::UnitLevel::kOfficer) {
    out.push_back({org.Code(unit), UnitText(org, unit)});
    return out;
  }
  for (measures::UnitRef officer : org.UnitsAt(measures::UnitLevel::kOfficer, unit)) {
    out.push_back({org.Code(officer), UnitText(org, officer)});
  }
  return out;
}

Result<MeasureRequest> ReadPageRequest(const ServiceContext& service, RequestContext& ctx,
                                       std::string* field) {
  if (service.engine == nullptr) {
    return FailedPrecondition("the server was started without measure figures");
  }
  const std::shared_ptr<const EngineState> state = service.engine->Current();
  if (ctx.Query("framework").empty()) ctx.query["framework"] = DefaultFramework(*state);
  if (ctx.Query("period").empty()) ctx.query["period"] = DefaultPeriod(*state);
  return ReadMeasureRequest(service.engine, ctx, field);
}

FormValues PageQuery(const RequestContext& ctx, const EngineState& state) {
  FormValues values(ctx.query.begin(), ctx.query.end());
  if (values["framework"].empty()) values["framework"] = DefaultFramework(state);
  if (values["period"].empty()) values["period"] = DefaultPeriod(state);
  return values;
}

std::pair<std::string, std::string> RagTag(measures::Rag rag) {
  switch (rag) {
    case measures::Rag::kRed:
      return {"Red", "govuk-tag--red"};
    case measures::Rag::kAmber:
      return {"Amber", "govuk-tag--orange"};
    case measures::Rag::kGreen:
      return {"Green", "govuk-tag--green"};
    case measures::Rag::kNone:
      break;
  }
  return {"Not rated", "govuk-tag--grey"};
}

}  // namespace probation
