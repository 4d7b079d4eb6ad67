#include "measures/data_quality.h"

#include <set>

#include "measures/compiler.h"

namespace probation::measures {
namespace {

// Adds the fields of `type` that `e` reads on its own record (outer_depth 0, no path), not
// under `is null`, coalesce() or an aggregate.
void CollectFields(const Expr* e, const RecordType* type, std::set<int>* fields) {
  if (e == nullptr) return;
  switch (e->kind) {
    case Expr::Kind::kField:
      if (e->outer_depth == 0 && e->path.empty() && e->record == type && e->field >= 0) {
        fields->insert(e->field);
      }
      return;
    case Expr::Kind::kIsNull:
    case Expr::Kind::kAggregate:
      return;
    case Expr::Kind::kCall:
      if (e->function == FunctionId::kCoalesce) return;
      break;
    default:
      break;
  }
  for (const ExprPtr& arg : e->args) CollectFields(arg.get(), type, fields);
}

}  // namespace

std::vector<std::string> FilterFields(const Measure& measure) {
  std::vector<std::string> out;
  if (measure.placeholder || measure.counts == nullptr || measure.filter == nullptr) return out;
  std::set<int> fields;
  CollectFields(measure.filter.get(), measure.counts, &fields);
  for (int f : fields) out.emplace_back(measure.counts->fields[static_cast<size_t>(f)].name);
  return out;
}

Status AddDataQuality(const Engine& engine, Scorecard* card) {
  const Framework& fw = *card->framework;
  std::vector<UnitRef> units;
  for (const ScorecardRow& row : card->rows) units.push_back(row.unit);
  const Period periods[] = {card->period};
  for (size_t m = 0; m < fw.measures.size(); ++m) {
    const Measure& measure = fw.measures[m];
    if (measure.placeholder || measure.filter_text.empty() || measure.anchor_text.empty()) {
      continue;
    }
    Measure check;
    check.code = measure.code + " (data quality)";
    check.kind = MeasureKind::kPercent;
    check.counts = measure.counts;
    check.anchor_text = measure.anchor_text;
    // The filter decided (true or false) rather than null: a blank it reads left it unknown.
    check.success_text = "(" + measure.filter_text + ") is not null";
    Result<ExprPtr> anchor =
        CompileExpression(check.anchor_text, *check.counts, Type::kDate, {fw.file, {}});
    if (!anchor.ok()) return anchor.status();
    Result<ExprPtr> success =
        CompileExpression(check.success_text, *check.counts, Type::kBool, {fw.file, {}});
    if (!success.ok()) return success.status();
    check.anchor = std::move(*anchor);
    check.success = std::move(*success);
    Result<std::vector<std::vector<Tally>>> tallies = engine.Tallies(check, periods, units);
    if (!tallies.ok()) return tallies.status();
    for (size_t u = 0; u < units.size(); ++u) {
      const Tally& t = (*tallies)[0][u];
      MeasureCell& cell = card->rows[u].cells[m];
      cell.quality_rows = t.items();
      cell.quality_blank = t.failed;
      cell.quality_flag = static_cast<double>(t.failed) > fw.max_blank_share * t.items();
    }
  }
  return Status::Ok();
}

}  // namespace probation::measures
