// The GOV.UK Design System's form fields as template data: a text input, a date input (day,
// month, year), radios, a select and a textarea, each with its label, hint, inline error and the
// value the user typed (a failed submission keeps it). A page puts the field's data under a
// name and renders it with the partial of the same kind:
//   page.data.set("username", TextInput({.name = "username", .label = "Username"}, form, errors));
//   {{#username}}{{> text_input}}{{/username}}
// Every key a partial reads is set on the field's data (false when unused), so a partial never
// picks up a value of the same name from the page around it.
//
// Functions only; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "server/page.h"

namespace probation {

// The fields a form posted (RequestContext::form); empty on first display.
using FormValues = std::map<std::string, std::string>;

struct TextField {
  std::string name;  // the form field's name and the input's id
  std::string label;
  std::string hint{};
  std::string type = "text";  // "text", "password", "number", "time", ...
  std::string autocomplete{};
  std::string width = "govuk-!-width-one-half";  // a width class, or a govuk-input--width-N
  std::string value{};                           // shown when the form did not post the field
  bool label_is_heading = false;
};

struct Choice {
  std::string value;
  std::string text;
  std::string hint{};
};

struct ChoiceField {
  std::string name;
  std::string legend;  // radios: the fieldset's legend; select: the label
  std::string hint{};
  std::vector<Choice> choices;
  std::string value{};  // the choice checked when the form did not post the field
  bool inline_radios = false;
};

// For the partial text_input (and textarea, which reads the same keys).
PageData TextInput(const TextField& field, const FormValues& form, const FormErrors& errors);
// For the partial date_input: inputs NAME-day, NAME-month, NAME-year; `value` pre-fills them
// when the form did not post them.
PageData DateInput(const TextField& field, std::optional<Date> value, const FormValues& form,
                   const FormErrors& errors);
// For the partials radios and select.
PageData Choices(const ChoiceField& field, const FormValues& form, const FormErrors& errors);

// The date in NAME-day, NAME-month and NAME-year: nullopt when all three are empty; an
// InvalidArgument whose message is the design system's wording ("<label> must be a real date",
// "<label> must include a month") when they do not make a date.
Result<std::optional<Date>> ReadDateInput(const FormValues& form, const std::string& name,
                                          const std::string& label);

}  // namespace probation
