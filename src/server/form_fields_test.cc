#include "server/form_fields.h"

#include <gtest/gtest.h>

namespace probation {
namespace {

Result<std::optional<Date>> Read(const std::string& day, const std::string& month,
                                 const std::string& year) {
  return ReadDateInput({{"when-day", day}, {"when-month", month}, {"when-year", year}}, "when",
                       "Date of contact");
}

TEST(ReadDateInput, ReadsARealDate) {
  Result<std::optional<Date>> date = Read("7", "12", "2026");
  ASSERT_TRUE(date.ok());
  ASSERT_TRUE(date->has_value());
  EXPECT_EQ((*date)->ToString(), "2026-12-07");
  date = Read(" 07 ", "03", "2011");  // leading zeros and spaces, as people type them
  ASSERT_TRUE(date.ok());
  EXPECT_EQ((*date)->ToString(), "2011-03-07");
}

TEST(ReadDateInput, LeapDaysOnlyInLeapYears) {
  EXPECT_TRUE(Read("29", "2", "2024").ok());
  EXPECT_TRUE(Read("29", "2", "2000").ok());   // divisible by 400
  EXPECT_FALSE(Read("29", "2", "1900").ok());  // divisible by 100, not 400
  const Result<std::optional<Date>> bad = Read("29", "2", "2023");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "Date of contact must be a real date");
}

TEST(ReadDateInput, NamesTheMissingPart) {
  EXPECT_EQ(Read("", "12", "2026").status().message(), "Date of contact must include a day");
  EXPECT_EQ(Read("7", "", "2026").status().message(), "Date of contact must include a month");
  EXPECT_EQ(Read("7", "12", "").status().message(), "Date of contact must include a year");
}

TEST(ReadDateInput, AllEmptyIsNoDate) {
  const Result<std::optional<Date>> none = Read("", "", "");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  const Result<std::optional<Date>> absent = ReadDateInput({}, "when", "Date");
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->has_value());
}

TEST(ReadDateInput, RefusesWhatIsNotADate) {
  for (const auto& [d, m, y] :
       std::vector<std::tuple<std::string, std::string, std::string>>{{"31", "4", "2026"},
                                                                      {"0", "1", "2026"},
                                                                      {"1", "13", "2026"},
                                                                      {"1", "0", "2026"},
                                                                      {"1a", "1", "2026"},
                                                                      {"1", "1", "26"},
                                                                      {"1", "1", "20266"},
                                                                      {"-1", "1", "2026"},
                                                                      {"1", "1", "1799"},
                                                                      {"1", "1", "2200"},
                                                                      {"100", "1", "2026"}}) {
    EXPECT_FALSE(Read(d, m, y).ok()) << d << "/" << m << "/" << y;
  }
}

TEST(FormFields, KeepWhatWasTypedButNeverAPassword) {
  const FormValues posted = {{"name", "Ann <b>"}, {"secret", "hunter2"}};
  FormErrors errors;
  errors.Add("name", "Enter a name");
  PageData text = TextInput({.name = "name", .label = "Name", .value = "ignored"}, posted, errors);
  EXPECT_EQ(text.get("value")->string_value(), "Ann <b>");
  EXPECT_EQ(text.get("field_error")->string_value(), "Enter a name");
  EXPECT_EQ(text.get("describedby")->string_value(), "name-error");
  PageData secret =
      TextInput({.name = "secret", .label = "Password", .type = "password"}, posted, errors);
  EXPECT_EQ(secret.get("value")->string_value(), "");
  EXPECT_TRUE(secret.get("field_error")->is_false());
  // Not posted: the field's own value.
  PageData fresh = TextInput({.name = "name", .label = "Name", .value = "Ann"}, {}, FormErrors());
  EXPECT_EQ(fresh.get("value")->string_value(), "Ann");
}

TEST(FormFields, ChoicesCheckThePostedValue) {
  const ChoiceField field{
      .name = "outcome",
      .legend = "Outcome",
      .choices = {{"ATTC", "Attended and complied"}, {"FTA", "Failed to attend"}},
      .value = "ATTC"};
  PageData fresh = Choices(field, {}, FormErrors());
  const auto& items = fresh.get("choices")->list_value();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(items[0].get("checked")->is_true());
  EXPECT_EQ(items[0].get("id")->string_value(), "outcome");  // the error summary links here
  EXPECT_EQ(items[1].get("id")->string_value(), "outcome-2");
  PageData posted = Choices(field, {{"outcome", "FTA"}}, FormErrors());
  EXPECT_TRUE(posted.get("choices")->list_value()[0].get("checked")->is_false());
  EXPECT_TRUE(posted.get("choices")->list_value()[1].get("checked")->is_true());
}

TEST(FormFields, DateInputPrefillsAndKeepsParts) {
  PageData fresh =
      DateInput({.name = "when", .label = "When"}, Date::FromCivil(2011, 3, 7), {}, FormErrors());
  const auto& parts = fresh.get("parts")->list_value();
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].get("value")->string_value(), "7");
  EXPECT_EQ(parts[1].get("value")->string_value(), "3");
  EXPECT_EQ(parts[2].get("value")->string_value(), "2011");
  EXPECT_EQ(parts[0].get("id")->string_value(), "when-day");
  PageData posted =
      DateInput({.name = "when", .label = "When"}, std::nullopt,
                {{"when-day", "31"}, {"when-month", "4"}, {"when-year", "x"}}, FormErrors());
  EXPECT_EQ(posted.get("parts")->list_value()[2].get("value")->string_value(), "x");
}

}  // namespace
}  // namespace probation
