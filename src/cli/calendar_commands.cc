// `probation holidays YEAR` and `probation workdays FROM TO|+N`.
#include <charconv>
#include <iostream>
#include <string>

#include "base/calendar.h"
#include "base/reference_files.h"
#include "cli/commands.h"

namespace probation {
namespace {

void RunHolidays(int year, bool names, int* exit_code) {
  if (year < Calendar::kFirstYear || year > Calendar::kLastYear) {
    std::cerr << "probation holidays: year must be between " << Calendar::kFirstYear << " and "
              << Calendar::kLastYear << "\n";
    *exit_code = 2;
    return;
  }
  Result<Calendar> calendar = LoadCalendar();
  if (!calendar.ok()) {
    std::cerr << "probation holidays: " << calendar.status().message() << "\n";
    *exit_code = 2;
    return;
  }
  for (const NamedHoliday& h : calendar->Holidays(year)) {
    std::cout << h.date.ToString();
    if (names) std::cout << "  " << h.name;
    std::cout << "\n";
  }
}

// TO is a date, or +N / -N working days.
void RunWorkdays(const std::string& from_text, const std::string& to_text, int* exit_code) {
  const auto fail = [&](const std::string& why) {
    std::cerr << "probation workdays: " << why << "\n";
    *exit_code = 2;
  };
  Result<Date> from = Date::Parse(from_text);
  if (!from.ok()) return fail("FROM: " + from.status().message());
  Result<Calendar> calendar = LoadCalendar();
  if (!calendar.ok()) return fail(calendar.status().message());
  if (!to_text.empty() && (to_text[0] == '+' || to_text[0] == '-')) {
    int n = 0;
    const char* begin = to_text.data() + 1;
    const char* end = to_text.data() + to_text.size();
    const auto [ptr, ec] = std::from_chars(begin, end, n);
    if (ec != std::errc() || ptr != end || begin == end || n > 100000) {
      return fail("'" + to_text + "' is not +N or -N working days");
    }
    const Date result = calendar->AddWorkingDays(*from, to_text[0] == '-' ? -n : n);
    if (result.year() < Calendar::kFirstYear || result.year() > Calendar::kLastYear) {
      return fail("the result is outside the years the calendar covers");
    }
    std::cout << result.ToString() << "\n";
    return;
  }
  Result<Date> to = Date::Parse(to_text);
  if (!to.ok()) return fail("TO: " + to.status().message());
  std::cout << calendar->WorkingDaysBetween(*from, *to) << "\n";
}

}  // namespace

void AddCalendarCommands(CLI::App& app, int* exit_code) {
  CLI::App* holidays =
      app.add_subcommand("holidays", "Print a year's England and Wales bank holidays, in order");
  auto year = std::make_shared<int>(0);
  auto names = std::make_shared<bool>(false);
  holidays->add_option("YEAR", *year, "Calendar year, e.g. 2012")->required();
  holidays->add_flag("--names", *names, "Also print each holiday's name");
  holidays->callback([=] { RunHolidays(*year, *names, exit_code); });

  CLI::App* workdays = app.add_subcommand(
      "workdays",
      "Working days after FROM up to and including TO; or, with +N (-N), the date N working "
      "days after (before) FROM");
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  workdays->add_option("FROM", *from, "Start date, YYYY-MM-DD")->required();
  workdays->add_option("TO", *to, "End date YYYY-MM-DD, or +N / -N working days")->required();
  workdays->callback([=] { RunWorkdays(*from, *to, exit_code); });
}

}  // namespace probation
