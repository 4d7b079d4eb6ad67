// Name resolution for the measure-language compiler (compiler.cc); private to it. Resolves the
// paths of an expression against the model: leading `outer` parts to an enclosing record,
// to-one relations followed with '.', and the field at the end; and words the errors for names
// that do not resolve, with a "did you mean" suggestion of the closest name.
//
// Errors are InvalidArgument Statuses worded as compiler.h describes. Thread-compatible: a
// NameResolver reads the compiler's scope stack, which the compiler changes between calls.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "measures/compiler.h"
#include "measures/expression.h"
#include "measures/parser.h"
#include "model/record_types.h"
#include "model/relations.h"

namespace probation::measures {

// How the aggregates read in messages.
inline constexpr std::string_view kAggregateNames = "count(), any(), all(), sum(), min() or max()";

// The expression type of a field's values (a code field's type names its code list).
ExprType TypeOfField(const FieldSpec& field);

// "; did you mean 'outcome'?" for the candidate closest to `name` within a small edit distance
// (at most 2, and at most a third of the name's length, but at least 1), or "" when none is.
std::string Suggest(std::string_view name, const std::vector<std::string_view>& candidates);

// A field worth naming in an example: the first date field of `type`, else its first field.
std::string_view ExampleField(const RecordType& type);

class NameResolver {
 public:
  // `scopes` is the compiler's stack of records in scope: the subject first, then the records
  // of each enclosing aggregate's list, the record being evaluated last. REQUIRES: `context`
  // and `scopes` outlive the resolver; `scopes` is never empty while the resolver is used.
  NameResolver(const CompileContext& context, const std::vector<const RecordType*>& scopes)
      : context_(context), scopes_(scopes) {}

  // Consumes the leading `outer` parts of `parts` from parts[*next] on, advancing *next past
  // them; returns how many there were. An error when there are more than enclosing records.
  Result<int> OuterDepth(std::span<const PathPart> parts, size_t* next) const;

  // Follows to-one relations from `*type` along parts[*next, end), appending each to `path`,
  // updating `*type` and advancing `*next`. With `stop_at_list` it stops (successfully) at a
  // to-many relation or a field, leaving *next there; otherwise a to-many relation is an error.
  // A name that is no relation of the type reached is an error.
  Status FollowToOne(std::span<const PathPart> parts, size_t end, bool stop_at_list, size_t* next,
                     const RecordType** type, std::vector<const Relation*>* path) const;

  // The kField expression `parts` name, read from the record `depth` levels out (more for
  // leading `outer` parts): [outer.]* [to_one.]* field. An error for anything else.
  Result<ExprPtr> ResolveField(std::span<const PathPart> parts, int depth) const;

  // The error for an aggregate (`name`, e.g. "count()") whose argument `part` is not a list of
  // `type`; the message lists the lists `type` has.
  Status NoList(const std::string& name, const RecordType& type, const PathPart& part) const;

 private:
  Status Error(SourcePos pos, std::string_view message) const;
  Status ListError(const PathPart& part, const std::string& text) const;
  Status NotARelation(const RecordType& type, const PathPart& part) const;
  Status NotAField(const RecordType& type, const PathPart& part, const std::string& text) const;

  const CompileContext& context_;
  const std::vector<const RecordType*>& scopes_;
};

}  // namespace probation::measures
