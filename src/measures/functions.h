// The measure language's function catalogue: one explicit table of every function and
// aggregate, each with its name, signature, description and an example, so the catalogue is
// self-describing (`probation measures functions`, docs/measure-language.md). The compiler
// type-checks calls against it. Immutable static data; thread-safe.
#pragma once

#include <span>
#include <string_view>

#include "measures/expression.h"

namespace probation::measures {

struct FunctionDef {
  std::string_view name;
  bool is_aggregate;
  FunctionId id;               // for functions
  AggregateOp aggregate;       // for aggregates
  std::string_view signature;  // e.g. "working_days(from date, to date) -> number"
  std::string_view description;
  std::string_view example;
};

std::span<const FunctionDef> AllFunctions();
const FunctionDef* FindFunction(std::string_view name);

}  // namespace probation::measures
