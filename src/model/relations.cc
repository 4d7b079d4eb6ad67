#include "model/relations.h"

#include <map>

namespace probation {
namespace {

int CountFields(std::string_view fields) {
  int n = 1;
  for (char c : fields) n += c == ',';
  return n;
}

// True when `fields` are exactly the first key fields of `type`, in order.
bool IsKeyPrefix(const RecordType& type, std::string_view fields) {
  int i = 0;
  while (!fields.empty()) {
    const size_t comma = fields.find(',');
    if (i >= type.key_fields || type.fields[i].name != fields.substr(0, comma)) return false;
    ++i;
    fields = comma == std::string_view::npos ? std::string_view() : fields.substr(comma + 1);
  }
  return true;
}

using RelationMap = std::map<const RecordType*, std::vector<Relation>>;

RelationMap BuildRelations() {
  RelationMap relations;
  for (const RecordType& type : AllRecordTypes()) {
    for (const ReferenceSpec& ref : type.references) {
      relations[&type].push_back({ref.name, &type, FindRecordType(ref.target), false, &ref});
    }
  }
  for (const RecordType& child : AllRecordTypes()) {
    for (const ReferenceSpec& ref : child.references) {
      const RecordType* parent = FindRecordType(ref.target);
      if (parent == &child || !IsKeyPrefix(child, ref.fields) ||
          CountFields(ref.fields) != parent->key_fields) {
        continue;
      }
      relations[parent].push_back({child.name, parent, &child, true, &ref});
    }
  }
  return relations;
}

const RelationMap& AllRelations() {
  static const RelationMap relations = BuildRelations();
  return relations;
}

}  // namespace

std::span<const Relation> RelationsFrom(const RecordType& type) {
  const auto& all = AllRelations();
  auto it = all.find(&type);
  if (it == all.end()) return {};
  return it->second;
}

const Relation* FindRelation(const RecordType& type, std::string_view name) {
  for (const Relation& r : RelationsFrom(type)) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

}  // namespace probation
