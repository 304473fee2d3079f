// `careloopctl calendar holidays --year YYYY [--json]`: the greeting holidays of a year in date
// order, as the Hong Kong Observatory's tables place the lunar ones (tests/unit/data/hko_holidays.tsv).
#include <gtest/gtest.h>

#include <string>

#include "tools/careloopctl/calendar_view.h"
#include "tools/careloopctl/errors.h"

namespace careloop::ctl {
namespace {

TEST(CalendarHolidays, JsonListsEveryHolidayOfTheYearInDateOrder) {
  const Json expected = Json::parse(R"([
    {"holiday":"new_year","date":"2027-01-01"},
    {"holiday":"spring_festival","date":"2027-02-06"},
    {"holiday":"lantern","date":"2027-02-20"},
    {"holiday":"qingming","date":"2027-04-05"},
    {"holiday":"labour_day","date":"2027-05-01"},
    {"holiday":"dragon_boat","date":"2027-06-09"},
    {"holiday":"qixi","date":"2027-08-08"},
    {"holiday":"mid_autumn","date":"2027-09-15"},
    {"holiday":"national_day","date":"2027-10-01"},
    {"holiday":"double_ninth","date":"2027-10-08"}])");
  EXPECT_EQ(HolidaysJson(2027), expected);
  EXPECT_EQ(HolidaysJson(2027).dump().substr(0, 43), R"([{"holiday":"new_year","date":"2027-01-01"})");
}

TEST(CalendarHolidays, MidAutumnOnNationalDayComesFirst) {
  // 2020: 八月十五 fell on October 1.
  const Json holidays = HolidaysJson(2020);
  ASSERT_EQ(holidays.size(), 10U);
  EXPECT_EQ(holidays[7], (Json{{"holiday", "mid_autumn"}, {"date", "2020-10-01"}}));
  EXPECT_EQ(holidays[8], (Json{{"holiday", "national_day"}, {"date", "2020-10-01"}}));
}

TEST(CalendarHolidays, TableShowsWordNameDateAndWeekday) {
  const std::string table = HolidaysTable(2027);
  EXPECT_EQ(table.substr(0, table.find('\n')), "HOLIDAY          NAME    DATE        DAY");
  EXPECT_NE(table.find("spring_festival  春节    2027-02-06  Sat\n"), std::string::npos) << table;
  EXPECT_NE(table.find("mid_autumn       中秋节  2027-09-15  Wed\n"), std::string::npos) << table;
}

TEST(CalendarHolidays, YearsOutsideTheTableAreAUsageError) {
  EXPECT_THROW((void)HolidaysJson(1900), UsageError);
  EXPECT_THROW((void)HolidaysJson(2101), UsageError);
  try {
    (void)HolidaysTable(2101);
    FAIL() << "no error";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("--year"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace careloop::ctl
