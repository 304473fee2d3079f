// Birthday greetings on the right day (issue 9, item 2): solar 29 February, lunar birthdays in
// leap months and on day 30 of months that have only 29 days some years.
#include <gtest/gtest.h>

#include "services/reminders/domain/birthday.h"
#include "services/reminders/domain/chinese_calendar.h"

namespace careloop::reminders::domain {
namespace {

Birthday Solar(Date date) {
  return {date, false, false};
}
Birthday Lunar(int month, int day, bool leap = false) {
  return {Date{1980, month, day}, true, leap};
}

TEST(BirthdayGreeting, SolarBirthdayIsGreetedOnItsDayThisYearOrNext) {
  EXPECT_EQ(NextGreeting(Solar({1985, 6, 7}), {2027, 1, 1}), (Date{2027, 6, 7}));
  EXPECT_EQ(NextGreeting(Solar({1985, 6, 7}), {2027, 6, 7}), (Date{2027, 6, 7}));  // the day itself
  EXPECT_EQ(NextGreeting(Solar({1985, 6, 7}), {2027, 6, 8}), (Date{2028, 6, 7}));
}

TEST(BirthdayGreeting, TwentyNinthOfFebruaryIsGreetedOnTheTwentyEighthInCommonYears) {
  EXPECT_EQ(NextGreeting(Solar({2000, 2, 29}), {2027, 1, 1}), (Date{2027, 2, 28}));
  EXPECT_EQ(NextGreeting(Solar({2000, 2, 29}), {2028, 1, 1}), (Date{2028, 2, 29}));
  EXPECT_EQ(NextGreeting(Solar({2000, 2, 29}), {2027, 3, 1}), (Date{2028, 2, 29}));
}

TEST(BirthdayGreeting, LunarBirthdayFollowsTheLunarCalendar) {
  EXPECT_EQ(NextGreeting(Lunar(1, 1), {2027, 1, 1}), (Date{2027, 2, 6}));    // 正月初一 2027
  EXPECT_EQ(NextGreeting(Lunar(8, 15), {2027, 1, 1}), (Date{2027, 9, 15}));  // 八月十五 2027
  // 腊月二十 seen from early January is still in the lunar year that began the year before.
  EXPECT_EQ(NextGreeting(Lunar(12, 20), {2027, 1, 5}), LunarToSolar(2026, 12, 20, false));
  EXPECT_EQ(NextGreeting(Lunar(12, 20), {2027, 2, 1}), LunarToSolar(2027, 12, 20, false));
}

TEST(BirthdayGreeting, ALeapMonthBirthdayUsesTheLeapMonthOnlyInYearsThatHaveIt) {
  ASSERT_EQ(LeapMonth(2023), 2);  // 2023 had a 闰二月; 2024 has none
  ASSERT_EQ(LeapMonth(2024), 0);
  EXPECT_EQ(NextGreeting(Lunar(2, 10, true), {2023, 1, 1}), LunarToSolar(2023, 2, 10, true));
  EXPECT_NE(LunarToSolar(2023, 2, 10, true), LunarToSolar(2023, 2, 10, false));
  EXPECT_EQ(NextGreeting(Lunar(2, 10, true), {2024, 1, 1}), LunarToSolar(2024, 2, 10, false));
  // Born in the regular month: never the leap one.
  EXPECT_EQ(NextGreeting(Lunar(2, 10), {2023, 1, 1}), LunarToSolar(2023, 2, 10, false));
}

TEST(BirthdayGreeting, DayThirtyIsGreetedOnTheTwentyNinthOfAShortMonth) {
  const auto months = LunarMonths(2027);
  ASSERT_TRUE(months.has_value());
  int short_month = 0;
  int long_month = 0;
  for (const auto& month : *months) {
    if (!month.leap && month.days == 29 && short_month == 0) {
      short_month = month.month;
    }
    if (!month.leap && month.days == 30 && long_month == 0) {
      long_month = month.month;
    }
  }
  ASSERT_NE(short_month, 0);
  ASSERT_NE(long_month, 0);
  const Date from = *LunarNewYear(2027);
  EXPECT_FALSE(LunarToSolar(2027, short_month, 30, false).has_value());
  EXPECT_EQ(NextGreeting(Lunar(short_month, 30), from), LunarToSolar(2027, short_month, 29, false));
  EXPECT_EQ(NextGreeting(Lunar(long_month, 30), from), LunarToSolar(2027, long_month, 30, false));
}

TEST(BirthdayGreeting, ABirthdayThatCannotExistHasNoGreeting) {
  EXPECT_FALSE(IsPossible(Lunar(13, 1)));
  EXPECT_FALSE(IsPossible(Lunar(5, 31)));
  EXPECT_FALSE(IsPossible(Lunar(5, 0)));
  EXPECT_FALSE(IsPossible(Solar({1985, 2, 30})));
  EXPECT_FALSE(NextGreeting(Lunar(13, 1), {2027, 1, 1}).has_value());
  EXPECT_FALSE(NextGreeting(Solar({1985, 2, 30}), {2027, 1, 1}).has_value());
  EXPECT_TRUE(IsPossible(Lunar(12, 30, true)));
}

TEST(BirthdayGreeting, BeyondTheCalendarIsNoDateRatherThanAGuess) {
  EXPECT_FALSE(NextGreeting(Lunar(8, 15), {2101, 10, 1}).has_value());
}

}  // namespace
}  // namespace careloop::reminders::domain
