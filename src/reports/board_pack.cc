#include "reports/board_pack.h"

namespace probation {

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
