#include "base/calendar.h"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace probation {
namespace {

Date D(int y, int m, int d) { return Date::FromCivil(y, m, d); }

// "YYYY-MM-DD" for each date.
std::vector<std::string> Dates(const std::vector<NamedHoliday>& holidays) {
  std::vector<std::string> out;
  for (const NamedHoliday& h : holidays) out.push_back(h.date.ToString());
  return out;
}

// "YYYY-MM-DD" for each "MM-DD" in `year`.
std::vector<std::string> InYear(int year, const std::vector<std::string>& month_days) {
  std::vector<std::string> out;
  for (const std::string& md : month_days) out.push_back(std::to_string(year) + "-" + md);
  return out;
}

const Calendar& Shipped() {
  static const Calendar* calendar = [] {
    Result<Calendar> c = Calendar::FromChangesFile(std::string(PROBATION_SOURCE_DIR) +
                                                   "/reference/bank_holiday_changes.csv");
    if (!c.ok()) {
      ADD_FAILURE() << "loading the shipped changes file: " << c.status().message();
      return new Calendar(Calendar::RulesOnly());
    }
    return new Calendar(std::move(*c));
  }();
  return *calendar;
}

// ---------------------------------------------------------------------------------------------
// Easter and the rules.

TEST(EasterSundayTest, KnownYears) {
  EXPECT_EQ(EasterSunday(2005), D(2005, 3, 27));
  EXPECT_EQ(EasterSunday(2008), D(2008, 3, 23));
  EXPECT_EQ(EasterSunday(2011), D(2011, 4, 24));
  EXPECT_EQ(EasterSunday(2019), D(2019, 4, 21));
  EXPECT_EQ(EasterSunday(2038), D(2038, 4, 25));
  EXPECT_EQ(EasterSunday(1818), D(1818, 3, 22));  // earliest possible
  EXPECT_EQ(EasterSunday(1943), D(1943, 4, 25));  // latest possible
  EXPECT_EQ(EasterSunday(2000), D(2000, 4, 23));
  EXPECT_EQ(EasterSunday(2024), D(2024, 3, 31));
}

TEST(EasterSundayTest, AlwaysASundayBetween22MarchAnd25April) {
  for (int year = Calendar::kFirstYear; year <= Calendar::kLastYear; ++year) {
    const Date e = EasterSunday(year);
    ASSERT_EQ(e.weekday(), Weekday::kSunday) << year;
    ASSERT_GE(e, D(year, 3, 22)) << year;
    ASSERT_LE(e, D(year, 4, 25)) << year;
  }
}

TEST(RuleHolidaysTest, NormalYear) {
  // 2014: New Year Wednesday, Christmas Thursday.
  EXPECT_EQ(Dates(RuleHolidays(2014)),
            InYear(2014, {"01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"}));
}

TEST(RuleHolidaysTest, NewYearOnASaturdayMovesToMonday) {
  ASSERT_EQ(D(2011, 1, 1).weekday(), Weekday::kSaturday);
  const std::vector<NamedHoliday> h = RuleHolidays(2011);
  ASSERT_FALSE(h.empty());
  EXPECT_EQ(h.front().date, D(2011, 1, 3));
  EXPECT_EQ(h.front().date.weekday(), Weekday::kMonday);
}

TEST(RuleHolidaysTest, NewYearOnASundayMovesToMonday) {
  ASSERT_EQ(D(2012, 1, 1).weekday(), Weekday::kSunday);
  const std::vector<NamedHoliday> h = RuleHolidays(2012);
  ASSERT_FALSE(h.empty());
  EXPECT_EQ(h.front().date, D(2012, 1, 2));
}

TEST(RuleHolidaysTest, ChristmasOnASaturday) {
  ASSERT_EQ(D(2010, 12, 25).weekday(), Weekday::kSaturday);
  const std::vector<std::string> dates = Dates(RuleHolidays(2010));
  ASSERT_GE(dates.size(), 2u);
  EXPECT_EQ(std::vector<std::string>(dates.end() - 2, dates.end()),
            (std::vector<std::string>{"2010-12-27", "2010-12-28"}));
}

TEST(RuleHolidaysTest, ChristmasOnASunday) {
  ASSERT_EQ(D(2011, 12, 25).weekday(), Weekday::kSunday);
  const std::vector<std::string> dates = Dates(RuleHolidays(2011));
  ASSERT_GE(dates.size(), 2u);
  EXPECT_EQ(std::vector<std::string>(dates.end() - 2, dates.end()),
            (std::vector<std::string>{"2011-12-26", "2011-12-27"}));
}

TEST(RuleHolidaysTest, ChristmasOnAFridayMovesBoxingDayToMonday) {
  ASSERT_EQ(D(2009, 12, 25).weekday(), Weekday::kFriday);
  const std::vector<std::string> dates = Dates(RuleHolidays(2009));
  ASSERT_GE(dates.size(), 2u);
  EXPECT_EQ(std::vector<std::string>(dates.end() - 2, dates.end()),
            (std::vector<std::string>{"2009-12-25", "2009-12-28"}));
}

TEST(RuleHolidaysTest, MayAndAugustMondays) {
  // 2009: 1 May a Friday, so the first Monday is the 4th; 31 May a Sunday; 31 Aug a Monday.
  EXPECT_EQ(Dates(RuleHolidays(2009)),
            InYear(2009, {"01-01", "04-10", "04-13", "05-04", "05-25", "08-31", "12-25", "12-28"}));
  // 2023: 1 May a Monday (first Monday is the 1st), 29 May, 28 Aug.
  EXPECT_EQ(Dates(RuleHolidays(2023)),
            InYear(2023, {"01-02", "04-07", "04-10", "05-01", "05-29", "08-28", "12-25", "12-26"}));
}

TEST(RuleHolidaysTest, EveryYearHasEightHolidaysOnTheRightWeekdays) {
  for (int year = Calendar::kFirstYear; year <= Calendar::kLastYear; ++year) {
    const std::vector<NamedHoliday> h = RuleHolidays(year);
    ASSERT_EQ(h.size(), 8u) << year;
    for (size_t i = 0; i < h.size(); ++i) {
      ASSERT_FALSE(h[i].date.IsWeekend()) << year << " " << h[i].date.ToString();
      ASSERT_EQ(h[i].date.year(), year) << h[i].date.ToString();
      ASSERT_FALSE(h[i].name.empty());
      if (i > 0) {
        ASSERT_LT(h[i - 1].date, h[i].date) << year;
      }
    }
    const Date early_may = h[3].date, spring = h[4].date, summer = h[5].date;
    EXPECT_EQ(early_may.weekday(), Weekday::kMonday);
    EXPECT_EQ(early_may.month(), 5);
    EXPECT_LE(early_may.day(), 7);
    EXPECT_EQ(spring.weekday(), Weekday::kMonday);
    EXPECT_EQ(spring.month(), 5);
    EXPECT_GE(spring.day(), 25);
    EXPECT_EQ(summer.weekday(), Weekday::kMonday);
    EXPECT_EQ(summer.month(), 8);
    EXPECT_GE(summer.day(), 25);
  }
}

TEST(RuleHolidaysTest, Names) {
  const std::vector<NamedHoliday> h = RuleHolidays(2014);
  ASSERT_EQ(h.size(), 8u);
  EXPECT_EQ(h[0].name, "New Year's Day");
  EXPECT_EQ(h[1].name, "Good Friday");
  EXPECT_EQ(h[2].name, "Easter Monday");
  EXPECT_EQ(h[3].name, "Early May bank holiday");
  EXPECT_EQ(h[4].name, "Spring bank holiday");
  EXPECT_EQ(h[5].name, "Summer bank holiday");
  EXPECT_EQ(h[6].name, "Christmas Day");
  EXPECT_EQ(h[7].name, "Boxing Day");
}

// ---------------------------------------------------------------------------------------------
// The shipped changes file: every year with a one-off change.

TEST(ShippedCalendarTest, Loads) {
  Result<Calendar> c = Calendar::FromChangesFile(std::string(PROBATION_SOURCE_DIR) +
                                                 "/reference/bank_holiday_changes.csv");
  ASSERT_TRUE(c.ok()) << c.status().message();
}

TEST(ShippedCalendarTest, Year2002GoldenJubilee) {
  EXPECT_EQ(Dates(Shipped().Holidays(2002)),
            InYear(2002, {"01-01", "03-29", "04-01", "05-06", "06-03", "06-04", "08-26", "12-25",
                          "12-26"}));
  EXPECT_FALSE(Shipped().IsBankHoliday(D(2002, 5, 27)));
  EXPECT_TRUE(Shipped().IsWorkingDay(D(2002, 5, 27)));
}

TEST(ShippedCalendarTest, Year2011RoyalWedding) {
  EXPECT_EQ(Dates(Shipped().Holidays(2011)),
            InYear(2011, {"01-03", "04-22", "04-25", "04-29", "05-02", "05-30", "08-29", "12-26",
                          "12-27"}));
}

TEST(ShippedCalendarTest, Year2012DiamondJubilee) {
  EXPECT_EQ(Dates(Shipped().Holidays(2012)),
            InYear(2012, {"01-02", "04-06", "04-09", "05-07", "06-04", "06-05", "08-27", "12-25",
                          "12-26"}));
  EXPECT_FALSE(Shipped().IsBankHoliday(D(2012, 5, 28)));
}

TEST(ShippedCalendarTest, Year2020VeDay) {
  EXPECT_EQ(Dates(Shipped().Holidays(2020)),
            InYear(2020, {"01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"}));
  EXPECT_FALSE(Shipped().IsBankHoliday(D(2020, 5, 4)));
  EXPECT_TRUE(Shipped().IsWorkingDay(D(2020, 5, 4)));
  EXPECT_FALSE(Shipped().IsWorkingDay(D(2020, 5, 8)));
}

TEST(ShippedCalendarTest, Year2022PlatinumJubileeAndStateFuneral) {
  EXPECT_EQ(Dates(Shipped().Holidays(2022)),
            InYear(2022, {"01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19",
                          "12-26", "12-27"}));
  EXPECT_FALSE(Shipped().IsBankHoliday(D(2022, 5, 30)));
}

TEST(ShippedCalendarTest, Year2023Coronation) {
  EXPECT_EQ(Dates(Shipped().Holidays(2023)),
            InYear(2023, {"01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25",
                          "12-26"}));
}

TEST(ShippedCalendarTest, OtherYearsFollowTheRules) {
  for (int year = Calendar::kFirstYear; year <= Calendar::kLastYear; ++year) {
    if (year == 2002 || year == 2011 || year == 2012 || year == 2020 || year == 2022 ||
        year == 2023) {
      continue;
    }
    ASSERT_EQ(Dates(Shipped().Holidays(year)), Dates(RuleHolidays(year))) << year;
  }
}

TEST(ShippedCalendarTest, NamesOfChanges) {
  int seen = 0;
  for (const NamedHoliday& h : Shipped().Holidays(2022)) {
    if (h.date == D(2022, 9, 19)) {
      EXPECT_EQ(h.name, "State Funeral of Queen Elizabeth II");
      ++seen;
    }
    if (h.date == D(2022, 6, 2)) {
      EXPECT_EQ(h.name, "Spring bank holiday");
      ++seen;
    }
  }
  EXPECT_EQ(seen, 2);
}

TEST(ShippedCalendarTest, IsBankHolidayAgreesWithHolidays) {
  for (int year = 1995; year <= 2030; ++year) {
    std::vector<std::string> from_days;
    for (Date d = D(year, 1, 1); d <= D(year, 12, 31); d = d + 1) {
      if (Shipped().IsBankHoliday(d)) from_days.push_back(d.ToString());
      ASSERT_EQ(Shipped().IsWorkingDay(d), !d.IsWeekend() && !Shipped().IsBankHoliday(d));
    }
    ASSERT_EQ(from_days, Dates(Shipped().Holidays(year))) << year;
  }
}

TEST(ShippedCalendarTest, RulesOnlyDiffersOn2011RoyalWedding) {
  const Calendar rules = Calendar::RulesOnly();
  EXPECT_FALSE(rules.IsBankHoliday(D(2011, 4, 29)));
  EXPECT_TRUE(rules.IsWorkingDay(D(2011, 4, 29)));
  EXPECT_TRUE(Shipped().IsBankHoliday(D(2011, 4, 29)));
  EXPECT_FALSE(Shipped().IsWorkingDay(D(2011, 4, 29)));
  EXPECT_EQ(rules.WorkingDaysBetween(D(2011, 4, 21), D(2011, 4, 29)), 4);
  EXPECT_EQ(Shipped().WorkingDaysBetween(D(2011, 4, 21), D(2011, 4, 29)), 3);
  EXPECT_EQ(Dates(rules.Holidays(2011)), Dates(RuleHolidays(2011)));
  EXPECT_TRUE(rules.IsBankHoliday(D(2012, 5, 28)));  // moved only by proclamation
}

// ---------------------------------------------------------------------------------------------
// Working days.

TEST(WorkingDaysBetweenTest, SameDayIsZero) {
  EXPECT_EQ(Shipped().WorkingDaysBetween(D(2011, 4, 21), D(2011, 4, 21)), 0);
  EXPECT_EQ(Shipped().WorkingDaysBetween(D(2011, 4, 23), D(2011, 4, 23)), 0);
  EXPECT_EQ(Shipped().WorkingDaysBetween(D(2011, 4, 22), D(2011, 4, 22)), 0);
}

TEST(WorkingDaysBetweenTest, FridayToMondayIsOne) {
  EXPECT_EQ(Shipped().WorkingDaysBetween(D(2011, 4, 1), D(2011, 4, 4)), 1);
  EXPECT_EQ(Shipped().WorkingDaysBetween(D(2011, 4, 4), D(2011, 4, 1)), -1);
  EXPECT_EQ(Shipped().WorkingDaysBetween(D(2011, 4, 1), D(2011, 4, 3)), 0);  // to Sunday
  EXPECT_EQ(Shipped().WorkingDaysBetween(D(2011, 4, 2), D(2011, 4, 4)), 1);  // from Saturday
}

TEST(WorkingDaysBetweenTest, AcrossMonthEnd) {
  EXPECT_EQ(Shipped().WorkingDaysBetween(D(2011, 3, 31), D(2011, 4, 1)), 1);
  EXPECT_EQ(Shipped().WorkingDaysBetween(D(2011, 4, 1), D(2011, 3, 31)), -1);
}

TEST(WorkingDaysBetweenTest, OverEaster2011) {
  // Thu 21 to Tue 26: Fri 22 Good Friday, 23-24 weekend, Mon 25 Easter Monday, Tue 26 works.
  EXPECT_EQ(Shipped().WorkingDaysBetween(D(2011, 4, 21), D(2011, 4, 26)), 1);
  EXPECT_EQ(Shipped().WorkingDaysBetween(D(2011, 4, 26), D(2011, 4, 21)), -1);
  // Through to Tue 3 May: 26, 27, 28 Apr (29 Apr wedding, 2 May Early May) and 3 May.
  EXPECT_EQ(Shipped().WorkingDaysBetween(D(2011, 4, 21), D(2011, 5, 3)), 4);
  EXPECT_EQ(Shipped().WorkingDaysBetween(D(2011, 5, 3), D(2011, 4, 21)), -4);
}

TEST(WorkingDaysBetweenTest, AcrossChristmas) {
  // Fri 24 Dec 2010 to Wed 29 Dec: 27 and 28 are the substitute days, 29 works.
  EXPECT_EQ(Shipped().WorkingDaysBetween(D(2010, 12, 24), D(2010, 12, 29)), 1);
  // To Tue 4 Jan 2011: 29, 30, 31 Dec; Mon 3 Jan is New Year's substitute; 4 Jan.
  EXPECT_EQ(Shipped().WorkingDaysBetween(D(2010, 12, 24), D(2011, 1, 4)), 4);
  // Fri 23 Dec 2011 to Tue 3 Jan 2012: 28, 29, 30 Dec; Mon 2 Jan holiday; 3 Jan.
  EXPECT_EQ(Shipped().WorkingDaysBetween(D(2011, 12, 23), D(2012, 1, 3)), 4);
  EXPECT_EQ(Shipped().WorkingDaysBetween(D(2012, 1, 3), D(2011, 12, 23)), -4);
}

TEST(WorkingDaysBetweenTest, AWholeYear) {
  // 2011: 260 weekdays, 9 bank holidays all on weekdays.
  EXPECT_EQ(Shipped().WorkingDaysBetween(D(2010, 12, 31), D(2011, 12, 31)), 260 - 9);
  EXPECT_EQ(Calendar::RulesOnly().WorkingDaysBetween(D(2010, 12, 31), D(2011, 12, 31)), 260 - 8);
}

TEST(WorkingDaysBetweenTest, AgreesWithCountingDayByDay) {
  std::mt19937 rng(20110429);
  std::uniform_int_distribution<int32_t> day(D(1990, 1, 1).days(), D(2030, 12, 31).days());
  std::uniform_int_distribution<int32_t> span(-60, 60);
  for (int i = 0; i < 2000; ++i) {
    const Date from(day(rng));
    const Date to = from + span(rng);
    int32_t expected = 0;
    if (to >= from) {
      for (Date d = from + 1; d <= to; d = d + 1) expected += Shipped().IsWorkingDay(d);
    } else {
      for (Date d = to + 1; d <= from; d = d + 1) expected -= Shipped().IsWorkingDay(d);
    }
    ASSERT_EQ(Shipped().WorkingDaysBetween(from, to), expected)
        << from.ToString() << " to " << to.ToString();
  }
}

// AddWorkingDays finds the day from the table of running counts; it must agree with stepping
// day by day, from every day of ten years (weekends, holidays, moved holidays), both ways.
TEST(AddWorkingDaysTest, AgreesWithCountingDayByDay) {
  const Calendar& calendar = Shipped();
  for (Date from = D(2003, 12, 20); from <= D(2013, 1, 10); from = from + 1) {
    for (int32_t n = -12; n <= 12; ++n) {
      Date d = from;
      for (int32_t left = n >= 0 ? n : -n; left > 0;) {
        d = d + (n >= 0 ? 1 : -1);
        if (calendar.IsWorkingDay(d)) --left;
      }
      ASSERT_EQ(calendar.AddWorkingDays(from, n), d) << from.ToString() << " " << n;
    }
  }
}

TEST(AddWorkingDaysTest, FromAFridayPlusOneIsMonday) {
  EXPECT_EQ(Shipped().AddWorkingDays(D(2011, 4, 1), 1), D(2011, 4, 4));
}

TEST(AddWorkingDaysTest, ZeroIsTheSameDayEvenAtAWeekendOrHoliday) {
  EXPECT_EQ(Shipped().AddWorkingDays(D(2011, 4, 2), 0), D(2011, 4, 2));    // Saturday
  EXPECT_EQ(Shipped().AddWorkingDays(D(2011, 4, 29), 0), D(2011, 4, 29));  // holiday
  EXPECT_EQ(Shipped().AddWorkingDays(D(2011, 4, 21), 0), D(2011, 4, 21));
}

TEST(AddWorkingDaysTest, FromASaturday) {
  EXPECT_EQ(Shipped().AddWorkingDays(D(2011, 4, 2), 1), D(2011, 4, 4));
  EXPECT_EQ(Shipped().AddWorkingDays(D(2011, 4, 2), -1), D(2011, 4, 1));
}

TEST(AddWorkingDaysTest, OverEasterAndTheRoyalWedding2011) {
  // Working days after Thu 21 Apr 2011: Tue 26, Wed 27, Thu 28 Apr (Fri 29 Apr wedding, Mon 2
  // May Early May), Tue 3 May, Wed 4 May.
  const Date from = D(2011, 4, 21);
  EXPECT_EQ(Shipped().AddWorkingDays(from, 1), D(2011, 4, 26));
  EXPECT_EQ(Shipped().AddWorkingDays(from, 2), D(2011, 4, 27));
  EXPECT_EQ(Shipped().AddWorkingDays(from, 3), D(2011, 4, 28));
  EXPECT_EQ(Shipped().AddWorkingDays(from, 4), D(2011, 5, 3));
  EXPECT_EQ(Shipped().AddWorkingDays(from, 5), D(2011, 5, 4));
  // Without the wedding, Fri 29 Apr is the 4th working day.
  EXPECT_EQ(Calendar::RulesOnly().AddWorkingDays(from, 4), D(2011, 4, 29));
  EXPECT_EQ(Calendar::RulesOnly().AddWorkingDays(from, 5), D(2011, 5, 3));
}

TEST(AddWorkingDaysTest, Negative) {
  EXPECT_EQ(Shipped().AddWorkingDays(D(2011, 4, 26), -1), D(2011, 4, 21));
  EXPECT_EQ(Shipped().AddWorkingDays(D(2011, 4, 21), -3), D(2011, 4, 18));
  EXPECT_EQ(Shipped().AddWorkingDays(D(2011, 5, 4), -5), D(2011, 4, 21));
  EXPECT_EQ(Shipped().AddWorkingDays(D(2011, 4, 4), -1), D(2011, 4, 1));  // Monday - 1 = Friday
}

TEST(AddWorkingDaysTest, AcrossChristmas) {
  EXPECT_EQ(Shipped().AddWorkingDays(D(2010, 12, 24), 1), D(2010, 12, 29));
  EXPECT_EQ(Shipped().AddWorkingDays(D(2022, 12, 23), 1), D(2022, 12, 28));
  EXPECT_EQ(Shipped().AddWorkingDays(D(2011, 12, 23), 3), D(2011, 12, 30));
  EXPECT_EQ(Shipped().AddWorkingDays(D(2011, 12, 23), 4), D(2012, 1, 3));
}

TEST(AddWorkingDaysTest, ConsistentWithWorkingDaysBetween) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int32_t> day(D(1995, 1, 1).days(), D(2030, 12, 31).days());
  std::uniform_int_distribution<int32_t> count(0, 30);
  for (int i = 0; i < 5000; ++i) {
    const Date from(day(rng));
    const int32_t n = count(rng);
    const Date later = Shipped().AddWorkingDays(from, n);
    ASSERT_EQ(Shipped().WorkingDaysBetween(from, later), n) << from.ToString() << " +" << n;
    // Backwards the count is over (earlier, from]: it excludes `earlier` and includes `from`,
    // so it is one short of n when `from` itself is not a working day.
    const Date earlier = Shipped().AddWorkingDays(from, -n);
    const int32_t back = n > 0 && !Shipped().IsWorkingDay(from) ? -(n - 1) : -n;
    ASSERT_EQ(Shipped().WorkingDaysBetween(from, earlier), back) << from.ToString() << " -" << n;
    if (n > 0) {
      ASSERT_TRUE(Shipped().IsWorkingDay(later)) << from.ToString() << " +" << n;
      ASSERT_TRUE(Shipped().IsWorkingDay(earlier)) << from.ToString() << " -" << n;
      // The first date that reaches n: the day before is one short.
      ASSERT_EQ(Shipped().WorkingDaysBetween(from, later - 1), n - 1) << from.ToString();
    } else {
      ASSERT_EQ(later, from);
    }
  }
}

TEST(AddWorkingDaysTest, AfterTheLastCoveredYearWeekendsStillCount) {
  // 2199-12-31 is a Tuesday; 2200 has no bank holidays, so 1 Jan 2200 (Wednesday) works.
  const Calendar& c = Shipped();
  EXPECT_EQ(c.AddWorkingDays(D(2199, 12, 31), 1), D(2200, 1, 1));
  EXPECT_EQ(c.WorkingDaysBetween(D(2199, 12, 31), D(2200, 1, 1)), 1);
  EXPECT_EQ(c.WorkingDaysBetween(D(2199, 12, 31), D(2200, 1, 6)), 4);  // Wed, Thu, Fri, Mon
  EXPECT_EQ(c.WorkingDaysBetween(D(2199, 12, 30), D(2200, 3, 31)),
            c.WorkingDaysBetween(D(2199, 12, 30), D(2199, 12, 31)) + 64);
  for (int n = 0; n <= 40; ++n) {
    const Date later = c.AddWorkingDays(D(2199, 12, 20), n);
    ASSERT_EQ(c.WorkingDaysBetween(D(2199, 12, 20), later), n) << n;
  }
}

// Dates before 1800 are outside the table. 1800-01-01 (a Wednesday) is New Year's Day by the
// rules, so it is not a working day, and the count from 1799-12-31 to it must be 0.
// DISABLED: Calendar::CountThrough counts the table's first day as a weekday when extending
// before the table (see the report); enable once that is fixed.
TEST(AddWorkingDaysTest, BeforeTheFirstCoveredYear) {
  const Calendar& c = Shipped();
  ASSERT_TRUE(c.IsBankHoliday(D(1800, 1, 1)));
  EXPECT_EQ(c.WorkingDaysBetween(D(1799, 12, 31), D(1800, 1, 1)), 0);
  EXPECT_EQ(c.WorkingDaysBetween(D(1799, 12, 31), D(1800, 1, 2)), 1);
  EXPECT_EQ(c.AddWorkingDays(D(1799, 12, 31), 1), D(1800, 1, 2));
  for (int n = 0; n <= 40; ++n) {
    const Date later = c.AddWorkingDays(D(1799, 12, 10), n);
    ASSERT_EQ(c.WorkingDaysBetween(D(1799, 12, 10), later), n) << n;
  }
}

// ---------------------------------------------------------------------------------------------
// Errors in the changes file.

void ExpectChangesError(const std::string& text, const std::vector<std::string>& needles) {
  Result<Calendar> c = Calendar::FromChangesCsv(text, "changes.csv");
  ASSERT_FALSE(c.ok()) << text;
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  for (const std::string& needle : needles) {
    EXPECT_NE(c.status().message().find(needle), std::string::npos)
        << "message '" << c.status().message() << "' lacks '" << needle << "'";
  }
}

const char kHeader[] = "date,change,name,source\n";

TEST(FromChangesCsvTest, AcceptsAValidFile) {
  Result<Calendar> c =
      Calendar::FromChangesCsv(std::string(kHeader) +
                                   "2011-04-29,add,Royal Wedding,Proclamation\n\n"
                                   "2012-05-28,remove,Spring (moved),\"Proclamation, 2012\"\n"
                                   "2012-06-04,add,Spring bank holiday,Proclamation\n",
                               "test");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_TRUE(c->IsBankHoliday(D(2011, 4, 29)));
  EXPECT_FALSE(c->IsBankHoliday(D(2012, 5, 28)));
  EXPECT_TRUE(c->IsBankHoliday(D(2012, 6, 4)));
  EXPECT_FALSE(c->IsBankHoliday(D(2012, 6, 5)));
}

TEST(FromChangesCsvTest, HeaderOnlyIsRulesOnly) {
  Result<Calendar> c = Calendar::FromChangesCsv(kHeader, "test");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_FALSE(c->IsBankHoliday(D(2011, 4, 29)));
  EXPECT_EQ(Dates(c->Holidays(2012)), Dates(RuleHolidays(2012)));
}

TEST(FromChangesCsvTest, AcceptsCrLfAndAByteOrderMark) {
  Result<Calendar> c = Calendar::FromChangesCsv(
      "\xEF\xBB\xBF"
      "date,change,name,source\r\n2011-04-29,add,Royal Wedding,Proclamation\r\n",
      "test");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_TRUE(c->IsBankHoliday(D(2011, 4, 29)));
}

TEST(FromChangesCsvTest, BadHeader) {
  ExpectChangesError("date,change,name\n2011-04-29,add,x\n", {"changes.csv", "line 1", "header"});
  ExpectChangesError("Date,Change,Name,Source\n", {"changes.csv", "line 1", "header"});
  ExpectChangesError("", {"changes.csv", "line 1", "header"});
  ExpectChangesError("\n\n2011-04-29,add,x,y\n", {"changes.csv", "line 3", "header"});
}

TEST(FromChangesCsvTest, BadChangeWord) {
  ExpectChangesError(std::string(kHeader) + "2011-04-29,add,ok,src\n2011-12-30,move,x,src\n",
                     {"changes.csv", "line 3", "'move'", "add", "remove"});
  ExpectChangesError(std::string(kHeader) + "2011-12-30,Add,x,src\n",
                     {"changes.csv", "line 2", "'Add'"});
}

TEST(FromChangesCsvTest, BadDate) {
  ExpectChangesError(std::string(kHeader) + "2011-02-29,add,x,src\n",
                     {"changes.csv", "line 2", "2011-02-29"});
  ExpectChangesError(std::string(kHeader) + "\n\n29/04/2011,add,x,src\n",
                     {"changes.csv", "line 4", "29/04/2011"});
}

TEST(FromChangesCsvTest, WrongFieldCount) {
  ExpectChangesError(std::string(kHeader) + "2011-04-29,add,x\n",
                     {"changes.csv", "line 2", "expected 4 fields, found 3"});
}

TEST(FromChangesCsvTest, MalformedCsv) {
  ExpectChangesError(std::string(kHeader) + "2011-04-29,add,\"x\"y,src\n",
                     {"changes.csv", "line 2", "closing quote"});
  ExpectChangesError(std::string(kHeader) + "2011-04-29,add,\"x,src\n",
                     {"changes.csv", "line 2", "never closes"});
}

TEST(FromChangesCsvTest, RemovingADateThatIsNotARuleHoliday) {
  ExpectChangesError(std::string(kHeader) + "2011-04-29,add,ok,src\n2011-04-28,remove,x,src\n",
                     {"changes.csv", "line 3", "2011-04-28", "not a bank holiday", "removed"});
}

TEST(FromChangesCsvTest, ChangingADateTwice) {
  ExpectChangesError(std::string(kHeader) + "2011-04-29,add,ok,src\n2011-04-29,add,again,src\n",
                     {"changes.csv", "line 3", "2011-04-29", "changed twice"});
}

TEST(FromChangesCsvTest, AddingADateThatIsAlreadyAHoliday) {
  ExpectChangesError(std::string(kHeader) + "2012-12-25,add,Christmas again,src\n",
                     {"changes.csv", "line 2", "2012-12-25", "already a bank holiday"});
  // Line numbers count a field's embedded newline.
  ExpectChangesError(std::string(kHeader) + "2011-04-29,add,\"two\nlines\",src\n" +
                         "2011-05-02,add,Early May again,src\n",
                     {"changes.csv", "line 4", "2011-05-02", "already a bank holiday"});
}

TEST(FromChangesFileTest, MissingFileIsAnError) {
  Result<Calendar> c =
      Calendar::FromChangesFile(std::string(PROBATION_SOURCE_DIR) + "/reference/no_such_file.csv");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("no_such_file.csv"), std::string::npos)
      << c.status().message();
}

TEST(FromChangesFileTest, ErrorsNameThePath) {
  // FromChangesFile passes the path as the source name; check through FromChangesCsv with a
  // path-like name, the same code path.
  Result<Calendar> c =
      Calendar::FromChangesCsv("bad header\n", "reference/bank_holiday_changes.csv");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message().rfind("reference/bank_holiday_changes.csv, line 1: ", 0), 0u)
      << c.status().message();
}

}  // namespace
}  // namespace probation
