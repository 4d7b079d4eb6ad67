#include "measures/dependencies.h"

#include <cassert>

#include "model/relations.h"

namespace probation::measures {
namespace {

// The types attribution reads for every item (engine.h: officer of the sentence on the anchor
// date, the officer's team and the units above it).
constexpr const char* kAttributionTypes[] = {"people", "sentences", "responsible_officers", "staff",
                                             "org_units"};

void AddType(const RecordType* type, RecordTypeSet* set) {
  if (type != nullptr) set->set(RecordTypeIndex(*type));
}

void AddRelation(const Relation* relation, RecordTypeSet* set) {
  if (relation == nullptr) return;
  AddType(relation->from, set);
  AddType(relation->to, set);
}

void AddExpression(const Expr* expr, RecordTypeSet* set) {
  if (expr == nullptr) return;
  AddType(expr->record, set);
  for (const Relation* relation : expr->path) AddRelation(relation, set);
  AddRelation(expr->relation, set);
  for (const ExprPtr& arg : expr->args) AddExpression(arg.get(), set);
  AddExpression(expr->value.get(), set);
  AddExpression(expr->where.get(), set);
}

}  // namespace

size_t RecordTypeIndex(const RecordType& type) {
  const std::span<const RecordType> all = AllRecordTypes();
  assert(&type >= all.data() && &type < all.data() + all.size());
  static_assert(kMaxRecordTypes >= 64);
  return static_cast<size_t>(&type - all.data());
}

RecordTypeSet RecordTypesNamed(std::span<const std::string> names, bool* all_known) {
  RecordTypeSet set;
  *all_known = true;
  for (const std::string& name : names) {
    const RecordType* type = FindRecordType(name);
    if (type == nullptr) {
      *all_known = false;
    } else {
      set.set(RecordTypeIndex(*type));
    }
  }
  return set;
}

RecordTypeSet RecordTypesRead(const Measure& measure) {
  RecordTypeSet set;
  AddType(measure.counts, &set);
  AddType(measure.needs_type, &set);
  for (const char* name : kAttributionTypes) AddType(FindRecordType(name), &set);
  for (const ExprPtr* rule :
       {&measure.anchor, &measure.filter, &measure.success, &measure.deadline, &measure.value}) {
    AddExpression(rule->get(), &set);
  }
  return set;
}

}  // namespace probation::measures
