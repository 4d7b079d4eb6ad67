#include "ingest/row_rules.h"

#include "base/shown_text.h"

namespace probation {

void CheckRowRules(const RecordType& type, std::span<const FieldValue> values,
                   std::span<const std::string_view> raw, std::vector<RowRuleViolation>* out) {
  for (const ConditionalSpec& cond : type.conditionals) {
    const FieldValue& when = values[type.FieldIndex(cond.when_field)];
    if (when.is_null() || (!cond.when_value.empty() && when.text != cond.when_value)) continue;
    if (values[type.FieldIndex(cond.field)].is_null()) {
      out->push_back(
          {std::string(cond.field), "",
           "a value is required when " + std::string(cond.when_field) +
               (cond.when_value.empty() ? " is given" : " is " + std::string(cond.when_value))});
    }
  }
  for (const DateOrderSpec& order : type.date_orders) {
    const int a = type.FieldIndex(order.earlier), b = type.FieldIndex(order.later);
    if (!values[a].is_null() && !values[b].is_null() && values[a].number > values[b].number) {
      out->push_back({std::string(order.later), std::string(raw[b]),
                      std::string(order.later) + " " + ShownText(raw[b]) + " is before " +
                          std::string(order.earlier) + " " + ShownText(raw[a])});
    }
  }
}

}  // namespace probation
