#include "measures/names.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "measures/functions.h"
#include "measures/lexer.h"

namespace probation::measures {
namespace {

int EditDistance(std::string_view a, std::string_view b) {
  std::vector<int> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      const int above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::vector<std::string_view> NamesOf(const RecordType& type, bool fields, bool relations) {
  std::vector<std::string_view> names;
  if (fields) {
    for (const FieldSpec& f : type.fields) names.push_back(f.name);
  }
  if (relations) {
    for (const Relation& r : RelationsFrom(type)) names.push_back(r.name);
  }
  return names;
}

// "contacts, assessments, ...": the to-many relations of `type`.
std::string ListsOf(const RecordType& type) {
  std::string lists;
  for (const Relation& r : RelationsFrom(type)) {
    if (r.to_many) lists += (lists.empty() ? "" : ", ") + std::string(r.name);
  }
  return lists;
}

// "a.b.c" for parts[0 .. last].
std::string PathText(std::span<const PathPart> parts, size_t last) {
  std::string text;
  for (size_t i = 0; i <= last; ++i) text += (i ? "." : "") + parts[i].name;
  return text;
}

}  // namespace

ExprType TypeOfField(const FieldSpec& field) {
  // Indexed by FieldType: text, integer, decimal, date, date-time, Y/N, code.
  constexpr Type kTypes[] = {Type::kText,     Type::kNumber, Type::kNumber, Type::kDate,
                             Type::kDateTime, Type::kBool,   Type::kCode};
  const Type type = kTypes[static_cast<int>(field.type)];
  return {type, type == Type::kCode ? field.code_list : std::string_view()};
}

std::string Suggest(std::string_view name, const std::vector<std::string_view>& candidates) {
  const int limit = std::max<int>(1, std::min<int>(2, static_cast<int>(name.size()) / 3));
  std::string_view best;
  int best_distance = limit + 1;
  for (std::string_view candidate : candidates) {
    const int d = EditDistance(name, candidate);
    if (d < best_distance) best = candidate, best_distance = d;
  }
  return best.empty() ? "" : "; did you mean '" + std::string(best) + "'?";
}

std::string_view ExampleField(const RecordType& type) {
  for (const FieldSpec& f : type.fields) {
    if (f.type == probation::FieldType::kDate) return f.name;
  }
  return type.fields[0].name;
}

Status NameResolver::Error(SourcePos pos, std::string_view message) const {
  return ErrorAt(context_, pos, message);
}

Result<int> NameResolver::OuterDepth(std::span<const PathPart> parts, size_t* next) const {
  int depth = 0;
  for (; *next < parts.size() && parts[*next].name == "outer"; ++*next) {
    if (++depth >= static_cast<int>(scopes_.size())) {
      return Error(parts[*next].pos,
                   scopes_.size() == 1
                       ? "'outer' can only be used inside " + std::string(kAggregateNames) +
                             ", for the record they are written on"
                       : "there is no record that far out: 'outer.' can be used at most " +
                             std::to_string(scopes_.size() - 1) + " time(s) here");
    }
  }
  return depth;
}

// "contacts is a list of records: ..." for the to-many `part` ending `text`.
Status NameResolver::ListError(const PathPart& part, const std::string& text) const {
  return Error(part.pos,
               text + " is a list of records: use it inside " + std::string(kAggregateNames));
}

Status NameResolver::NotARelation(const RecordType& type, const PathPart& part) const {
  if (type.FieldIndex(part.name) >= 0) {
    return Error(part.pos, "'" + part.name + "' is a field of " + std::string(type.name) +
                               ", not a relation: only relations can be followed by '.'");
  }
  return Error(part.pos, "'" + part.name + "' is not a relation of " + std::string(type.name) +
                             Suggest(part.name, NamesOf(type, false, true)));
}

Status NameResolver::NotAField(const RecordType& type, const PathPart& part,
                               const std::string& text) const {
  const Relation* relation = FindRelation(type, part.name);
  if (relation != nullptr && relation->to_many) return ListError(part, text);
  if (relation != nullptr) {
    return Error(part.pos, "'" + text +
                               "' is a record, not a value: name one of its fields, "
                               "e.g. " +
                               text + "." + std::string(ExampleField(*relation->to)));
  }
  const FunctionDef* function = FindFunction(part.name);
  if (function != nullptr && !function->is_aggregate) {
    return Error(part.pos, "'" + part.name + "' is a function: write " + part.name + "(...)");
  }
  return Error(part.pos, "'" + part.name + "' is not a field of " + std::string(type.name) +
                             Suggest(part.name, NamesOf(type, true, true)));
}

Status NameResolver::FollowToOne(std::span<const PathPart> parts, size_t end, bool stop_at_list,
                                 size_t* next, const RecordType** type,
                                 std::vector<const Relation*>* path) const {
  for (; *next < end; ++*next) {
    const PathPart& part = parts[*next];
    const Relation* relation = FindRelation(**type, part.name);
    if (relation == nullptr && stop_at_list && (*type)->FieldIndex(part.name) >= 0) {
      return Status::Ok();  // the aggregate reports that a field is not a list
    }
    if (relation == nullptr) return NotARelation(**type, part);
    if (relation->to_many) {
      if (stop_at_list) return Status::Ok();
      return ListError(part, PathText(parts, *next));
    }
    path->push_back(relation);
    *type = relation->to;
  }
  return Status::Ok();
}

Result<ExprPtr> NameResolver::ResolveField(std::span<const PathPart> parts, int depth) const {
  size_t next = 0;
  Result<int> outer = OuterDepth(parts, &next);
  if (!outer.ok()) return outer.status();
  depth += *outer;
  const RecordType* type = scopes_[scopes_.size() - 1 - depth];
  if (next == parts.size()) {
    const std::string text = PathText(parts, next - 1);
    return Error(parts.back().pos, "'" + text +
                                       "' is a record, not a value: name one of its "
                                       "fields, e.g. " +
                                       text + "." + std::string(ExampleField(*type)));
  }
  std::vector<const Relation*> path;
  PROBATION_RETURN_IF_ERROR(FollowToOne(parts, parts.size() - 1, false, &next, &type, &path));
  const PathPart& last = parts.back();
  const int field = type->FieldIndex(last.name);
  if (field < 0) return NotAField(*type, last, PathText(parts, parts.size() - 1));
  auto expr = std::make_unique<Expr>();
  expr->kind = Expr::Kind::kField;
  expr->type = TypeOfField(type->fields[field]);
  expr->pos = parts[0].pos;
  expr->outer_depth = depth;
  expr->path = std::move(path);
  expr->record = type;
  expr->field = field;
  return expr;
}

Status NameResolver::NoList(const std::string& name, const RecordType& type,
                            const PathPart& part) const {
  const std::string lists = ListsOf(type);
  return Error(part.pos,
               name + " needs a list of related records, but '" + part.name + "' is not one; " +
                   (lists.empty() ? std::string(type.name) + " has no lists"
                                  : "the lists of " + std::string(type.name) + " are " + lists));
}

}  // namespace probation::measures
