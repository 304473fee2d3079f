// The Chinese calendar (services/reminders/domain/chinese_calendar.h) against the Hong Kong
// Observatory's published Gregorian-Lunar conversion tables (tests/unit/data/hko_holidays.tsv, whose
// header names the copies read), plus its own invariants over every day of 1901..2100.
#include "services/reminders/domain/chinese_calendar.h"

#include <gtest/gtest.h>

#include <fstream>
#include <numeric>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace careloop::reminders::domain {
namespace {

struct FixtureRow {
  int year = 0;
  std::string key;
  std::string value;
  std::string source;
  int line = 0;
};

std::vector<FixtureRow> LoadFixture() {
  const std::string path = std::string(CARELOOP_SOURCE_DIR) + "/tests/unit/data/hko_holidays.tsv";
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::vector<FixtureRow> rows;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    FixtureRow row;
    std::string year;
    std::getline(fields, year, '\t');
    std::getline(fields, row.key, '\t');
    std::getline(fields, row.value, '\t');
    std::getline(fields, row.source, '\t');
    row.year = std::stoi(year);
    row.line = number;
    rows.push_back(row);
  }
  return rows;
}

std::string Where(const FixtureRow& row) {
  return "hko_holidays.tsv line " + std::to_string(row.line) + " (" + std::to_string(row.year) + " " + row.key + " = " +
         row.value + ", source " + row.source + ")";
}

std::string MonthLengths(int year) {
  std::string out;
  const std::vector<LunarMonth> months = LunarMonths(year).value();
  for (const LunarMonth& m : months) {
    if (!out.empty()) out += ',';
    out += std::to_string(m.days);
  }
  return out;
}

Date D(int y, int m, int d) {
  return Date{y, m, d};
}

TEST(ChineseCalendarTest, AgreesWithEveryPublishedRowOfTheFixture) {
  const std::vector<FixtureRow> rows = LoadFixture();
  ASSERT_GT(rows.size(), 1000U);
  for (const FixtureRow& row : rows) {
    if (const auto holiday = ParseHoliday(row.key)) {
      const auto date = HolidayDate(*holiday, row.year);
      ASSERT_TRUE(date.has_value()) << Where(row);
      EXPECT_EQ(date->ToString(), row.value) << Where(row);
    } else if (row.key == "leap") {
      EXPECT_EQ(LeapMonth(row.year), std::stoi(row.value)) << Where(row);
    } else if (row.key == "months") {
      EXPECT_EQ(MonthLengths(row.year), row.value) << Where(row);
    } else {  // m<N> or leap<N>: the first day of that month
      const bool leap = row.key.rfind("leap", 0) == 0;
      const int month = std::stoi(row.key.substr(leap ? 4 : 1));
      const auto day = SolarToLunar(Date::Parse(row.value).value());
      ASSERT_TRUE(day.has_value()) << Where(row);
      EXPECT_EQ(day->month, month) << Where(row);
      EXPECT_EQ(day->leap, leap) << Where(row);
      EXPECT_EQ(day->day, 1) << Where(row);
    }
  }
}

TEST(ChineseCalendarTest, FixtureCoversSpringFestivalQingmingDragonBoatAndMidAutumnOfItsYears) {
  // Every year 1999..2100 (source A) has all four, and so do the hand-read years of source B.
  std::set<std::pair<int, std::string>> seen;
  for (const FixtureRow& row : LoadFixture()) seen.insert({row.year, row.key});
  for (int year = 1999; year <= 2100; ++year) {
    for (const char* key : {"spring_festival", "qingming", "dragon_boat", "mid_autumn"}) {
      EXPECT_TRUE(seen.count({year, key})) << year << " " << key;
    }
  }
}

TEST(ChineseCalendarTest, KnownHardCases) {
  // The new moon of 2027-02-06 is at 23:56 Beijing time: 正月初一 is Feb 6 (ICU says Feb 7).
  EXPECT_EQ(HolidayDate(Holiday::kSpringFestival, 2027), D(2027, 2, 6));
  EXPECT_EQ(HolidayDate(Holiday::kMidAutumn, 2027), D(2027, 9, 15));
  // New moons within a minute of midnight (generate_chinese_calendar.py --near-midnight 1), both as HKO
  // publishes them: 2057-09-28 23:59:49 starts 九月 (Double Ninth Oct 6), 2097-08-07 23:59:17 starts
  // 七月 (Qixi Aug 13).
  EXPECT_EQ(LunarToSolar(2057, 9, 1, false), D(2057, 9, 28));
  EXPECT_EQ(HolidayDate(Holiday::kDoubleNinth, 2057), D(2057, 10, 6));
  EXPECT_EQ(LunarToSolar(2097, 7, 1, false), D(2097, 8, 7));
  EXPECT_EQ(HolidayDate(Holiday::kQixi, 2097), D(2097, 8, 13));
  // Before 1929 the calendar was computed for Beijing local time (116°25'E): new moons just after
  // midnight UTC+8 start their month the day before, as HKO publishes it.
  EXPECT_EQ(HolidayDate(Holiday::kSpringFestival, 1916), D(1916, 2, 3));  // 00:05 UTC+8 on Feb 4
  EXPECT_EQ(LunarToSolar(1914, 10, 1, false), D(1914, 11, 17));           // 00:01 UTC+8 on Nov 18
  EXPECT_EQ(LunarToSolar(1920, 10, 1, false), D(1920, 11, 10));           // 00:04 UTC+8 on Nov 11
  // ... except where the calendar as published differs from any modern computation: 四月 1906.
  EXPECT_EQ(LunarToSolar(1906, 4, 1, false), D(1906, 4, 24));
  // Leap months: 2023 leap 2, 2025 leap 6, 2033 leap 11 (the "2033 problem"), 1984 leap 10.
  EXPECT_EQ(LeapMonth(2023), 2);
  EXPECT_EQ(LeapMonth(2025), 6);
  EXPECT_EQ(LeapMonth(2033), 11);
  EXPECT_EQ(LeapMonth(1984), 10);
  EXPECT_EQ(LeapMonth(2027), 0);
  EXPECT_EQ(LunarToSolar(2033, 11, 1, true), D(2033, 12, 22));
  EXPECT_EQ(LunarToSolar(2023, 2, 1, true), D(2023, 3, 22));
  EXPECT_EQ(LunarToSolar(2025, 6, 1, true), D(2025, 7, 25));
  EXPECT_EQ(SolarToLunar(D(2034, 1, 1)), (LunarDate{2033, 11, 11, true}));
  // The first days of the range: 1901-01-01 is day 11 of lunar 1900's month 11.
  EXPECT_EQ(SolarToLunar(D(1901, 1, 1)), (LunarDate{1900, 11, 11, false}));
  EXPECT_EQ(SolarToLunar(D(1901, 1, 20)), (LunarDate{1900, 12, 1, false}));
  EXPECT_EQ(SolarToLunar(D(2100, 12, 31)).value().year, 2100);
}

TEST(ChineseCalendarTest, SolarHolidaysAreFixed) {
  EXPECT_EQ(HolidayDate(Holiday::kNewYear, 2027), D(2027, 1, 1));
  EXPECT_EQ(HolidayDate(Holiday::kLabourDay, 2027), D(2027, 5, 1));
  EXPECT_EQ(HolidayDate(Holiday::kNationalDay, 2027), D(2027, 10, 1));
}

TEST(ChineseCalendarTest, OutOfRangeIsAnErrorNotADate) {
  for (const Holiday holiday : kAllHolidays) {
    EXPECT_FALSE(HolidayDate(holiday, 1900).has_value()) << HolidayName(holiday);
    EXPECT_FALSE(HolidayDate(holiday, 2101).has_value()) << HolidayName(holiday);
    EXPECT_TRUE(HolidayDate(holiday, 1901).has_value()) << HolidayName(holiday);
    EXPECT_TRUE(HolidayDate(holiday, 2100).has_value()) << HolidayName(holiday);
  }
  EXPECT_FALSE(Qingming(1900).has_value());
  EXPECT_FALSE(LunarNewYear(1899).has_value());
  EXPECT_FALSE(LunarNewYear(2101).has_value());
  EXPECT_FALSE(LunarMonths(2101).has_value());
  EXPECT_FALSE(LeapMonth(1899).has_value());
  EXPECT_FALSE(LunarToSolar(2101, 1, 1, false).has_value());
  EXPECT_FALSE(LunarToSolar(1899, 12, 1, false).has_value());
  EXPECT_FALSE(SolarToLunar(D(1900, 1, 30)).has_value());  // lunar 1899
  EXPECT_TRUE(SolarToLunar(D(1900, 1, 31)).has_value());   // lunar 1900-01-01
  EXPECT_FALSE(SolarToLunar(Date{2027, 2, 30}).has_value());
  EXPECT_FALSE(SolarToLunar(Date{}).has_value());
}

TEST(ChineseCalendarTest, DaysAndMonthsThatDoNotExistAreNullopt) {
  EXPECT_FALSE(LunarToSolar(2027, 1, 0, false).has_value());
  EXPECT_FALSE(LunarToSolar(2027, 1, 31, false).has_value());
  EXPECT_FALSE(LunarToSolar(2027, 0, 1, false).has_value());
  EXPECT_FALSE(LunarToSolar(2027, 13, 1, false).has_value());
  EXPECT_FALSE(LunarToSolar(2027, 2, 1, true).has_value());  // 2027 has no leap month
  EXPECT_FALSE(LunarToSolar(2025, 5, 1, true).has_value());  // 2025's leap month is 6
  // Day 30 of every 29-day month is nullopt; of every 30-day month it is the day before the next.
  int checked = 0;
  for (int year = kFirstLunarYear; year <= kLastLunarYear; ++year) {
    const std::vector<LunarMonth> months = LunarMonths(year).value();
    for (const LunarMonth& m : months) {
      const auto day30 = LunarToSolar(year, m.month, 30, m.leap);
      if (m.days == 29) {
        EXPECT_FALSE(day30.has_value()) << year << "-" << m.month << (m.leap ? " leap" : "");
        ++checked;
      } else {
        ASSERT_TRUE(day30.has_value());
        EXPECT_EQ(day30->PlusDays(-29), LunarToSolar(year, m.month, 1, m.leap));
      }
    }
  }
  EXPECT_GT(checked, 1000);
}

TEST(ChineseCalendarTest, MonthLengthsSumToTheYearAndLeapMonthsFollowTheirMonth) {
  for (int year = kFirstLunarYear; year <= kLastLunarYear; ++year) {
    const std::vector<LunarMonth> months = LunarMonths(year).value();
    const int leap = LeapMonth(year).value();
    ASSERT_EQ(months.size(), leap == 0 ? 12U : 13U) << year;
    const int total =
        std::accumulate(months.begin(), months.end(), 0, [](int sum, const LunarMonth& m) { return sum + m.days; });
    if (year < kLastLunarYear) {
      EXPECT_EQ(LunarNewYear(year)->PlusDays(total), LunarNewYear(year + 1)) << year;
    }
    EXPECT_TRUE(leap == 0 ? (total == 353 || total == 354 || total == 355)
                          : (total == 383 || total == 384 || total == 385))
        << year << ": " << total;
    int expected = 1;
    for (size_t i = 0; i < months.size(); ++i) {
      if (months[i].leap) {
        EXPECT_EQ(months[i].month, leap) << year;
        ASSERT_GT(i, 0U);
        EXPECT_EQ(months[i - 1].month, leap) << year;
        EXPECT_FALSE(months[i - 1].leap) << year;
      } else {
        EXPECT_EQ(months[i].month, expected++) << year;
      }
    }
    EXPECT_GE(LunarNewYear(year).value(), D(year, 1, 21)) << year;
    EXPECT_LE(LunarNewYear(year).value(), D(year, 2, 20)) << year;
  }
}

TEST(ChineseCalendarTest, EveryDayOf1901To2100RoundTrips) {
  const Date first = D(1901, 1, 1);
  const Date last = D(2100, 12, 31);
  std::optional<LunarDate> previous;
  for (int64_t n = first.DaysSinceEpoch(); n <= last.DaysSinceEpoch(); ++n) {
    const Date date = Date::FromDaysSinceEpoch(n);
    const auto lunar = SolarToLunar(date);
    ASSERT_TRUE(lunar.has_value()) << date.ToString();
    ASSERT_EQ(LunarToSolar(lunar->year, lunar->month, lunar->day, lunar->leap), date) << date.ToString();
    if (previous && lunar->day != 1) {  // consecutive days within a month
      ASSERT_EQ(lunar->day, previous->day + 1) << date.ToString();
      ASSERT_EQ(lunar->month, previous->month) << date.ToString();
    }
    previous = lunar;
  }
}

TEST(ChineseCalendarTest, QingmingIsTheFourthToTheSixthOfApril) {
  for (int year = kFirstCalendarYear; year <= kLastCalendarYear; ++year) {
    const Date day = Qingming(year).value();
    EXPECT_EQ(day.month, 4);
    EXPECT_GE(day.day, 4);
    EXPECT_LE(day.day, 6);
  }
}

TEST(ChineseCalendarTest, HolidayWordsRoundTrip) {
  const std::vector<std::string> words = {"new_year",     "spring_festival", "lantern", "qingming",
                                          "labour_day",   "dragon_boat",     "qixi",    "mid_autumn",
                                          "double_ninth", "national_day"};
  ASSERT_EQ(words.size(), kAllHolidays.size());
  for (size_t i = 0; i < words.size(); ++i) {
    EXPECT_EQ(HolidayName(kAllHolidays[i]), words[i]);
    EXPECT_EQ(ParseHoliday(words[i]), kAllHolidays[i]);
  }
  EXPECT_FALSE(ParseHoliday("christmas").has_value());
  EXPECT_FALSE(ParseHoliday("").has_value());
  EXPECT_FALSE(ParseHoliday("Mid_Autumn").has_value());
}

}  // namespace
}  // namespace careloop::reminders::domain
