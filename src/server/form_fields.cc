#include "server/form_fields.h"

#include <cctype>

namespace probation {
namespace {

PageData Bool(bool value) {
  return PageData(value ? PageData::type::bool_true : PageData::type::bool_false);
}

// The posted value of `name` when the form was posted, else `fallback`.
std::string Posted(const FormValues& form, const std::string& name, const std::string& fallback) {
  if (form.empty()) return fallback;
  const auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}

// Sets the keys every field partial reads: name, label, hint, error, describedby.
void SetCommon(PageData* data, const std::string& name, const std::string& label,
               const std::string& hint, const std::string& error) {
  data->set("name", name);
  data->set("label", label);
  data->set("hint", hint.empty() ? Bool(false) : PageData(hint));
  data->set("field_error", error.empty() ? Bool(false) : PageData(error));
  std::string described;
  if (!hint.empty()) described = name + "-hint";
  if (!error.empty()) described += (described.empty() ? "" : " ") + name + "-error";
  data->set("describedby", described.empty() ? Bool(false) : PageData(described));
}

bool AllDigits(const std::string& text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

PageData TextInput(const TextField& field, const FormValues& form, const FormErrors& errors) {
  PageData data;
  SetCommon(&data, field.name, field.label, field.hint, errors.For(field.name));
  data.set("type", field.type);
  data.set("width", field.width);
  data.set("autocomplete", field.autocomplete.empty() ? Bool(false) : PageData(field.autocomplete));
  data.set("label_is_heading", Bool(field.label_is_heading));
  // A password is never sent back to the browser.
  data.set("value",
           field.type == "password" ? std::string() : Posted(form, field.name, field.value));
  return data;
}

PageData DateInput(const TextField& field, std::optional<Date> value, const FormValues& form,
                   const FormErrors& errors) {
  PageData data;
  const std::string error = errors.For(field.name);
  SetCommon(&data, field.name, field.label, field.hint, error);
  std::string day, month, year;
  if (value) {
    const std::string iso = value->ToString();  // YYYY-MM-DD
    year = iso.substr(0, 4);
    month = std::to_string(std::stoi(iso.substr(5, 2)));
    day = std::to_string(std::stoi(iso.substr(8, 2)));
  }
  PageData parts(PageData::type::list);
  const std::pair<const char*, std::string> kParts[] = {
      {"day", day}, {"month", month}, {"year", year}};
  for (const auto& [part, fallback] : kParts) {
    PageData item;
    const std::string id = field.name + "-" + part;
    item.set("id", id);
    item.set("part", std::string(1, static_cast<char>(std::toupper(part[0]))) + (part + 1));
    item.set("value", Posted(form, id, fallback));
    item.set("width", std::string(part) == "year" ? "4" : "2");
    item.set("part_error", Bool(!error.empty()));
    parts.push_back(item);
  }
  data.set("parts", parts);
  return data;
}

PageData Choices(const ChoiceField& field, const FormValues& form, const FormErrors& errors) {
  PageData data;
  SetCommon(&data, field.name, field.legend, field.hint, errors.For(field.name));
  data.set("inline", Bool(field.inline_radios));
  const std::string chosen = Posted(form, field.name, field.value);
  PageData items(PageData::type::list);
  for (size_t i = 0; i < field.choices.size(); ++i) {
    const Choice& choice = field.choices[i];
    PageData item;
    // The first radio's id is the field's name, so the error summary's link lands on it.
    item.set("id", i == 0 ? field.name : field.name + "-" + std::to_string(i + 1));
    item.set("value", choice.value);
    item.set("text", choice.text);
    item.set("choice_hint", choice.hint.empty() ? Bool(false) : PageData(choice.hint));
    item.set("checked", Bool(choice.value == chosen));
    items.push_back(item);
  }
  data.set("choices", items);
  return data;
}

Result<std::optional<Date>> ReadDateInput(const FormValues& form, const std::string& name,
                                          const std::string& label) {
  const auto get = [&](const char* part) {
    const auto it = form.find(name + "-" + part);
    std::string value = it == form.end() ? std::string() : it->second;
    while (!value.empty() && value.front() == ' ') value.erase(value.begin());
    while (!value.empty() && value.back() == ' ') value.pop_back();
    return value;
  };
  const std::string day = get("day"), month = get("month"), year = get("year");
  if (day.empty() && month.empty() && year.empty()) return std::optional<Date>();
  if (day.empty()) return InvalidArgument(label + " must include a day");
  if (month.empty()) return InvalidArgument(label + " must include a month");
  if (year.empty()) return InvalidArgument(label + " must include a year");
  if (!AllDigits(day) || !AllDigits(month) || !AllDigits(year) || day.size() > 2 ||
      month.size() > 2 || year.size() != 4) {
    return InvalidArgument(label + " must be a real date");
  }
  const int d = std::stoi(day), m = std::stoi(month), y = std::stoi(year);
  if (m < 1 || m > 12 || d < 1 || y < 1800 || y > 2199 || d > DaysInMonth(y, m)) {
    return InvalidArgument(label + " must be a real date");
  }
  return std::optional<Date>(Date::FromCivil(y, m, d));
}

}  // namespace probation
