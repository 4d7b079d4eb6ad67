#include "model/data_format_doc.h"

#include <string_view>

#include "model/code_lists.h"
#include "model/record_types.h"

namespace probation {
namespace {

std::string Cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else
      out += c;
  }
  return out;
}

std::string RequiredText(const RecordType& type, const FieldSpec& f, int index) {
  if (index < type.key_fields) return "key";
  if (f.required) return "yes";
  std::string when;
  for (const ConditionalSpec& c : type.conditionals) {
    if (c.field != f.name) continue;
    if (!when.empty()) when += "; ";
    when += c.when_value.empty()
                ? "with " + std::string(c.when_field)
                : "if " + std::string(c.when_field) + " = " + std::string(c.when_value);
  }
  return when.empty() ? "no" : "when: " + when;
}

std::string TypeText(const FieldSpec& f) {
  std::string t(FieldTypeName(f.type));
  if (f.type == FieldType::kCode)
    t += " ([" + std::string(f.code_list) + "](#" + std::string(f.code_list) + "))";
  if (f.min < f.max) {
    const auto num = [](double v) {
      std::string s = std::to_string(v);
      s.erase(s.find_last_not_of('0') + 1);
      if (!s.empty() && s.back() == '.') s.pop_back();
      return s;
    };
    t += ", " + num(f.min) + " to " + num(f.max);
  }
  return t;
}

}  // namespace

std::string RenderDataFormatMarkdown() {
  std::string md;
  for (const RecordType& type : AllRecordTypes()) {
    md += "### " + std::string(type.name) + ".csv: " + std::string(type.title) + "\n\n";
    md += std::string(type.description) + " Key: ";
    for (int i = 0; i < type.key_fields; ++i) {
      md += (i > 0 ? " + " : "") + std::string("`") + std::string(type.fields[i].name) + "`";
    }
    md += ".\n\n| column | type | required | description | example |\n|---|---|---|---|---|\n";
    for (size_t i = 0; i < type.fields.size(); ++i) {
      const FieldSpec& f = type.fields[i];
      md += "| `" + std::string(f.name) + "` | " + TypeText(f) + " | " +
            RequiredText(type, f, static_cast<int>(i)) + " | " + Cell(f.description) + " | " +
            Cell(f.example) + " |\n";
    }
    std::string rules;
    for (const ReferenceSpec& r : type.references) {
      rules += "- `" + std::string(r.fields) + "` must be the key of a `" + std::string(r.target) +
               "` record (in the database or earlier in the same load).\n";
    }
    for (const DateOrderSpec& o : type.date_orders) {
      rules +=
          "- `" + std::string(o.later) + "` must not be before `" + std::string(o.earlier) + "`.\n";
    }
    if (!rules.empty()) md += "\nRules:\n" + rules;
    md += "\n";
  }
  md += "## Code lists\n\n";
  for (const CodeList& list : AllCodeLists()) {
    md += "### " + std::string(list.id) + "\n\n" + std::string(list.description) +
          ".\n\n| code | meaning |\n|---|---|\n";
    for (const Code& c : list.codes) {
      md += "| `" + std::string(c.code) + "` | " + Cell(c.name) + " |\n";
    }
    md += "\n";
  }
  return md;
}

}  // namespace probation
