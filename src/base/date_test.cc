#include "base/date.h"

#include <string>

#include <gtest/gtest.h>

namespace probation {
namespace {

TEST(DateTest, EpochIsDayZero) {
  EXPECT_EQ(Date::FromCivil(1970, 1, 1).days(), 0);
  EXPECT_EQ(Date::FromCivil(1970, 1, 2).days(), 1);
  EXPECT_EQ(Date::FromCivil(1969, 12, 31).days(), -1);
  EXPECT_EQ(Date().ToString(), "1970-01-01");
}

TEST(DateTest, RoundTripsEveryDayFrom1800To2199) {
  const Date first = Date::FromCivil(1800, 1, 1);
  const Date last = Date::FromCivil(2199, 12, 31);
  int year = 1800, month = 1, day = 1;  // walked independently of the conversion under test
  int checked = 0;
  for (Date d = first; d <= last; d = d + 1) {
    ASSERT_EQ(Date::FromCivil(year, month, day), d) << year << "-" << month << "-" << day;
    int y = 0, m = 0, dd = 0;
    d.ToCivil(&y, &m, &dd);
    ASSERT_EQ(y, year);
    ASSERT_EQ(m, month);
    ASSERT_EQ(dd, day);
    ASSERT_EQ(d.year(), year);
    ASSERT_EQ(d.month(), month);
    ASSERT_EQ(d.day(), day);
    const std::string text = d.ToString();
    ASSERT_EQ(text.size(), 10u);
    Result<Date> parsed = Date::Parse(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.status().message();
    ASSERT_EQ(*parsed, d) << text;
    // Consecutive days' weekdays advance by one.
    ASSERT_EQ(static_cast<int>((d + 1).weekday()), (static_cast<int>(d.weekday()) + 1) % 7);
    ++checked;
    if (++day > DaysInMonth(year, month)) {
      day = 1;
      if (++month > 12) {
        month = 1;
        ++year;
      }
    }
  }
  EXPECT_EQ(year, 2200);
  EXPECT_EQ(checked, last - first + 1);
  // 400 Gregorian years are exactly 146097 days.
  EXPECT_EQ(checked, 146097);
}

TEST(DateTest, WeekdayOfKnownDates) {
  EXPECT_EQ(Date::FromCivil(1970, 1, 1).weekday(), Weekday::kThursday);
  EXPECT_EQ(Date::FromCivil(1969, 12, 31).weekday(), Weekday::kWednesday);
  EXPECT_EQ(Date::FromCivil(1969, 12, 25).weekday(), Weekday::kThursday);
  EXPECT_EQ(Date::FromCivil(2011, 3, 31).weekday(), Weekday::kThursday);
  EXPECT_EQ(Date::FromCivil(2011, 4, 1).weekday(), Weekday::kFriday);
  EXPECT_EQ(Date::FromCivil(2000, 2, 29).weekday(), Weekday::kTuesday);
  EXPECT_EQ(Date::FromCivil(1800, 1, 1).weekday(), Weekday::kWednesday);
  EXPECT_EQ(Date::FromCivil(2199, 12, 31).weekday(), Weekday::kTuesday);
  EXPECT_EQ(Date::FromCivil(2011, 4, 2).weekday(), Weekday::kSaturday);
  EXPECT_EQ(Date::FromCivil(2011, 4, 3).weekday(), Weekday::kSunday);
  EXPECT_EQ(Date::FromCivil(2011, 4, 4).weekday(), Weekday::kMonday);
}

TEST(DateTest, IsWeekend) {
  EXPECT_FALSE(Date::FromCivil(2011, 4, 1).IsWeekend());  // Friday
  EXPECT_TRUE(Date::FromCivil(2011, 4, 2).IsWeekend());
  EXPECT_TRUE(Date::FromCivil(2011, 4, 3).IsWeekend());
  EXPECT_FALSE(Date::FromCivil(2011, 4, 4).IsWeekend());  // Monday
  EXPECT_TRUE(Date::FromCivil(1969, 12, 27).IsWeekend());
  EXPECT_FALSE(Date::FromCivil(1969, 12, 29).IsWeekend());
}

TEST(DateTest, LeapYears) {
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_TRUE(IsLeapYear(2012));
  EXPECT_FALSE(IsLeapYear(2011));
  EXPECT_FALSE(IsLeapYear(2100));
  EXPECT_TRUE(IsLeapYear(2400));
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(2012, 2), 29);
  EXPECT_EQ(DaysInMonth(2011, 2), 28);
  EXPECT_EQ(DaysInMonth(2011, 1), 31);
  EXPECT_EQ(DaysInMonth(2011, 4), 30);
  EXPECT_EQ(DaysInMonth(2011, 12), 31);
}

TEST(DateTest, Arithmetic) {
  const Date a = Date::FromCivil(2011, 3, 31);
  EXPECT_EQ(a + 1, Date::FromCivil(2011, 4, 1));
  EXPECT_EQ(a - 31, Date::FromCivil(2011, 2, 28));
  EXPECT_EQ(Date::FromCivil(2012, 3, 1) - Date::FromCivil(2012, 2, 28), 2);
  EXPECT_EQ(Date::FromCivil(2011, 3, 1) - Date::FromCivil(2011, 2, 28), 1);
  EXPECT_LT(a, a + 1);
  EXPECT_GT(a, a - 1);
}

TEST(DateTest, ParsesValidDates) {
  Result<Date> d = Date::Parse("2012-02-29");
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(*d, Date::FromCivil(2012, 2, 29));
  ASSERT_TRUE(Date::Parse("1800-01-01").ok());
  ASSERT_TRUE(Date::Parse("2199-12-31").ok());
  EXPECT_EQ(*Date::Parse("1800-01-01"), Date::FromCivil(1800, 1, 1));
  EXPECT_EQ(*Date::Parse("2199-12-31"), Date::FromCivil(2199, 12, 31));
}

// Expects `text` to be rejected as InvalidArgument with a message containing `needle`.
void ExpectDateRejected(const std::string& text, const std::string& needle) {
  Result<Date> d = Date::Parse(text);
  ASSERT_FALSE(d.ok()) << "'" << text << "' parsed as " << d->ToString();
  EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument) << text;
  EXPECT_NE(d.status().message().find(needle), std::string::npos)
      << "'" << text << "': message '" << d.status().message() << "' lacks '" << needle << "'";
}

TEST(DateTest, RejectsDaysThatDoNotExist) {
  ExpectDateRejected("2011-02-29", "'2011-02-29' does not exist");
  ExpectDateRejected("2011-02-29", "28 days");
  ExpectDateRejected("1900-02-29", "28 days");
  ExpectDateRejected("2011-04-31", "30 days");
  ExpectDateRejected("2011-01-32", "31 days");
  ExpectDateRejected("2011-01-00", "does not exist");
  ExpectDateRejected("2011-02-30", "2011-02-30");
}

TEST(DateTest, RejectsMonthsThatDoNotExist) {
  ExpectDateRejected("2011-13-01", "month 13 does not exist");
  ExpectDateRejected("2011-00-01", "month 0 does not exist");
}

TEST(DateTest, RejectsWrongForms) {
  ExpectDateRejected("2011-1-01", "'2011-1-01' is not a date in the form YYYY-MM-DD");
  ExpectDateRejected("2011-01-01x", "'2011-01-01x' is not a date in the form YYYY-MM-DD");
  ExpectDateRejected("", "'' is not a date in the form YYYY-MM-DD");
  ExpectDateRejected(" 2011-01-01", "' 2011-01-01' is not a date in the form YYYY-MM-DD");
  ExpectDateRejected("2011-01-01 ", "is not a date in the form YYYY-MM-DD");
  ExpectDateRejected("2011/01/01", "is not a date in the form YYYY-MM-DD");
  ExpectDateRejected("20110101", "is not a date in the form YYYY-MM-DD");
  ExpectDateRejected("01-01-2011", "is not a date in the form YYYY-MM-DD");
  ExpectDateRejected("2011-0a-01", "is not a date in the form YYYY-MM-DD");
  ExpectDateRejected("+011-01-01", "is not a date in the form YYYY-MM-DD");
  ExpectDateRejected("2011-01--1", "is not a date in the form YYYY-MM-DD");
}

TEST(DateTest, RejectsYearsOutOfRange) {
  ExpectDateRejected("1799-12-31", "year 1799 is outside 1800-2199");
  ExpectDateRejected("2200-01-01", "year 2200 is outside 1800-2199");
  ExpectDateRejected("0000-01-01", "outside 1800-2199");
  ExpectDateRejected("9999-12-31", "outside 1800-2199");
}

TEST(DateTimeTest, ParsesWithTOrSpace) {
  const int64_t expected = int64_t{Date::FromCivil(2010, 9, 14).days()} * 1440 + 10 * 60 + 30;
  Result<DateTime> t = DateTime::Parse("2010-09-14T10:30");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->minutes(), expected);
  Result<DateTime> s = DateTime::Parse("2010-09-14 10:30");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->minutes(), expected);
  EXPECT_EQ(t->date(), Date::FromCivil(2010, 9, 14));
  EXPECT_EQ(t->ToString(), "2010-09-14T10:30");
  EXPECT_EQ(s->ToString(), "2010-09-14T10:30");
}

TEST(DateTimeTest, ParsesSecondsAndDropsThem) {
  Result<DateTime> t = DateTime::Parse("2010-09-14T10:30:59");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->ToString(), "2010-09-14T10:30");
  Result<DateTime> s = DateTime::Parse("2010-09-14 10:30:00");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(*s, *t);
}

TEST(DateTimeTest, ParsesEdgesOfTheDay) {
  Result<DateTime> a = DateTime::Parse("2011-12-31T00:00");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->ToString(), "2011-12-31T00:00");
  Result<DateTime> b = DateTime::Parse("2011-12-31T23:59:59");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->ToString(), "2011-12-31T23:59");
  EXPECT_EQ(b->minutes() - a->minutes(), 1439);
  EXPECT_LT(*a, *b);
}

void ExpectDateTimeRejected(const std::string& text, const std::string& needle) {
  Result<DateTime> t = DateTime::Parse(text);
  ASSERT_FALSE(t.ok()) << "'" << text << "' parsed as " << t->ToString();
  EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument) << text;
  EXPECT_NE(t.status().message().find(needle), std::string::npos)
      << "'" << text << "': message '" << t.status().message() << "' lacks '" << needle << "'";
}

TEST(DateTimeTest, RejectsBadTimes) {
  const std::string form = "is not a date-time in the form YYYY-MM-DDTHH:MM";
  ExpectDateTimeRejected("2010-09-14T24:00", "'2010-09-14T24:00' " + form);
  ExpectDateTimeRejected("2010-09-14T10:60", "'2010-09-14T10:60' " + form);
  ExpectDateTimeRejected("2010-09-14T10:30:60", form);
  ExpectDateTimeRejected("2010-09-14", form);
  ExpectDateTimeRejected("2010-09-14T10", form);
  ExpectDateTimeRejected("2010-09-14T1:30", form);
  ExpectDateTimeRejected("2010-09-14X10:30", form);
  ExpectDateTimeRejected("2010-09-14T10-30", form);
  ExpectDateTimeRejected("2010-09-14T10:30:", form);
  ExpectDateTimeRejected("2010-09-14T10:30 00", form);
  ExpectDateTimeRejected("2010-09-14T10:30x", form);
  ExpectDateTimeRejected("", form);
  // The date part's own error is reported.
  ExpectDateTimeRejected("2011-02-29T10:30", "'2011-02-29' does not exist");
  ExpectDateTimeRejected("2011-13-01T10:30", "month 13 does not exist");
}

TEST(DateTimeTest, DateAroundMidnight) {
  const Date day = Date::FromCivil(2011, 4, 1);
  const int64_t midnight = int64_t{day.days()} * 1440;
  EXPECT_EQ(DateTime(midnight - 1).date(), day - 1);
  EXPECT_EQ(DateTime(midnight).date(), day);
  EXPECT_EQ(DateTime(midnight + 1).date(), day);
  EXPECT_EQ(DateTime(midnight + 1439).date(), day);
  EXPECT_EQ(DateTime(midnight + 1440).date(), day + 1);
  EXPECT_EQ(DateTime(midnight - 1).ToString(), "2011-03-31T23:59");
  EXPECT_EQ(DateTime(midnight).ToString(), "2011-04-01T00:00");
}

TEST(DateTimeTest, DateAroundMidnightBeforeTheEpoch) {
  EXPECT_EQ(DateTime(0).date(), Date(0));
  EXPECT_EQ(DateTime(-1).date(), Date(-1));
  EXPECT_EQ(DateTime(-1440).date(), Date(-1));
  EXPECT_EQ(DateTime(-1441).date(), Date(-2));
  EXPECT_EQ(DateTime(-1).ToString(), "1969-12-31T23:59");
  EXPECT_EQ(DateTime(-1440).ToString(), "1969-12-31T00:00");
  Result<DateTime> t = DateTime::Parse("1900-06-30T12:05");
  ASSERT_TRUE(t.ok());
  EXPECT_LT(t->minutes(), 0);
  EXPECT_EQ(t->date(), Date::FromCivil(1900, 6, 30));
  EXPECT_EQ(t->ToString(), "1900-06-30T12:05");
}

TEST(DateTimeTest, RoundTripsMinutesOfADayAcrossManyDays) {
  for (int year : {1800, 1900, 1969, 1970, 2000, 2011, 2199}) {
    const Date d = Date::FromCivil(year, 2, 28);
    for (int minute = 0; minute < 1440; minute += 7) {
      const DateTime t(int64_t{d.days()} * 1440 + minute);
      const std::string text = t.ToString();
      Result<DateTime> parsed = DateTime::Parse(text);
      ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.status().message();
      ASSERT_EQ(*parsed, t) << text;
      ASSERT_EQ(t.date(), d) << text;
    }
  }
}

}  // namespace
}  // namespace probation
