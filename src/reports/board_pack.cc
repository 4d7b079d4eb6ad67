#include "reports/board_pack.h"

#include <cctype>
#include <sstream>

namespace probation {
namespace {

// An organisation's name as compared: lower case, letters and digits only, without the words
// that name its kind.
std::string Comparable(std::string_view name) {
  std::string words;
  for (char c : name) {
    words += std::isalnum(static_cast<unsigned char>(c))
                 ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
                 : ' ';
  }
  std::istringstream in(words);
  std::string out, word;
  while (in >> word) {
    if (word == "probation" || word == "trust" || word == "service" || word == "board" ||
        word == "area") {
      continue;
    }
    out += (out.empty() ? "" : " ") + word;
  }
  return out;
}

}  // namespace

bool BelongsToPack(const BoardPackRequest& request, std::string_view organisation) {
  const measures::Organisation& org = request.engine->organisation();
  const std::string wanted = Comparable(organisation);
  if (wanted.empty()) return false;
  measures::UnitRef unit = request.scope;
  while (true) {
    // The nation above data that does not hold it is no parent to report with.
    if (unit.level == measures::UnitLevel::kNational && !org.HoldsNation() &&
        !(unit == request.scope)) {
      return false;
    }
    if (Comparable(org.Code(unit)) == wanted || Comparable(org.Name(unit)) == wanted) return true;
    if (!request.include_parent_plans || unit.level == measures::UnitLevel::kNational) {
      return false;
    }
    const int32_t parent = unit.level == measures::UnitLevel::kOfficer
                               ? org.TeamOfStaff(unit.row)
                               : org.Parent(unit.row);
    unit = parent >= 0 ? measures::UnitRef{org.LevelOf(parent), parent} : measures::UnitRef{};
  }
}

std::string LeftOutText(int left_out, const std::string& what) {
  if (left_out == 0) return "";
  return std::to_string(left_out) + " " + what + " of other organisations " +
         (left_out == 1 ? "is" : "are") + " held and not shown: a board pack holds only its " +
         "own organisation's (and, with --include-parent-plans, those of the units above it).";
}

Result<report::Document> BuildBoardPack(const BoardPackRequest& request) {
  report::Document document;
  const measures::Organisation& org = request.engine->organisation();
  const measures::Period& period = request.period;
  document.title = "Board pack: " + org.Name(request.scope);
  document.subtitle_lines = {
      request.framework->title,
      "Period " + period.label + " (" + period.start.ToString() + " to " + period.end.ToString() +
          ")",
      "Data as at " + request.engine->as_at().ToString(),
  };
  PROBATION_RETURN_IF_ERROR(AppendPerformanceSections(request, &document));
  PROBATION_RETURN_IF_ERROR(AppendPlanSection(request, &document));
  PROBATION_RETURN_IF_ERROR(AppendRiskSection(request, &document));
  PROBATION_RETURN_IF_ERROR(AppendCaseloadSection(request, &document));
  PROBATION_RETURN_IF_ERROR(AppendBudgetSection(request, &document));
  PROBATION_RETURN_IF_ERROR(AppendStaffingSection(request, &document));
  return document;
}

}  // namespace probation
