#include "cli/measure_status_lookup.h"

#include <filesystem>

#include "cli/measure_environment.h"
#include "measures/scorecard.h"
#include "reports/measure_text.h"

namespace probation {

Result<MeasureStatuses> LookUpMeasureStatuses(
    const std::string& db_path, const std::set<std::pair<std::string, std::string>>& refs,
    const std::string& period_text, const std::string& unit, const std::string& as_at) {
  MeasureStatuses out;
  if (refs.empty()) return out;
  PROBATION_ASSIGN_OR_RETURN(measures::Period period, measures::ParsePeriod(period_text));
  PROBATION_ASSIGN_OR_RETURN(std::string dir, measures::FrameworksDir());
  std::map<std::string, std::set<std::string>> by_framework;
  for (const auto& [framework, code] : refs) by_framework[framework].insert(code);
  // The first installed framework opens the environment; the others share its engine.
  std::unique_ptr<MeasureEnvironment> env;
  for (const auto& [framework, codes] : by_framework) {
    const std::string path = dir + "/" + framework + ".toml";
    if (!std::filesystem::exists(path)) {
      for (const std::string& code : codes) {
        out[{framework, code}] = "framework " + framework + " is not installed";
      }
      continue;
    }
    PROBATION_ASSIGN_OR_RETURN(measures::Framework loaded, measures::LoadFramework(path));
    if (env == nullptr) {
      PROBATION_ASSIGN_OR_RETURN(env, OpenMeasureEnvironment(db_path, path, as_at));
    }
    measures::UnitRef scope;
    if (!unit.empty()) {
      PROBATION_ASSIGN_OR_RETURN(scope, env->organisation->Find(unit));
    }
    PROBATION_ASSIGN_OR_RETURN(
        measures::Scorecard card,
        measures::ComputeScorecard(*env->engine, loaded, period, scope.level, scope));
    for (const std::string& code : codes) {
      const measures::Measure* measure = loaded.FindMeasure(code);
      std::string& status = out[{framework, code}];
      if (measure == nullptr) {
        status = "not in " + framework;
      } else if (measure->placeholder) {
        status = "not computed: the source gives no definition";
      } else {
        const measures::MeasureCell& c =
            card.rows.front().cells[static_cast<size_t>(measure - loaded.measures.data())];
        status = MeasureValueText(*measure, c.value) + " " +
                 (c.rag == measures::Rag::kNone ? std::string("(no target)")
                                                : std::string(measures::RagName(c.rag))) +
                 " in " + period.label;
      }
    }
  }
  return out;
}

}  // namespace probation
