#pragma once

#include <array>
#include <compare>
#include <optional>
#include <string_view>
#include <vector>

#include "common/base/time.h"

/// The Chinese lunisolar calendar (农历) as China and Hong Kong publish it — days in Beijing time,
/// UTC+8 (before 1929: Beijing local time, as the calendar of that era was computed) — and the
/// greeting holidays it places. Backed by a table generated once from an astronomical
/// computation (tools/calendar/generate_chinese_calendar.py, whose header states the rules) and
/// checked against the Hong Kong Observatory's published conversion tables in the unit tests.
/// Range: lunar years 1900..2100 for conversions, Gregorian years 1901..2100 for holidays; outside
/// it every function answers nullopt — never a guessed date.
namespace careloop::reminders::domain {

inline constexpr int kFirstCalendarYear = 1901;
inline constexpr int kLastCalendarYear = 2100;
inline constexpr int kFirstLunarYear = 1900;
inline constexpr int kLastLunarYear = 2100;

/// The greeting holidays, in calendar order of their usual dates.
enum class Holiday {
  kNewYear,         ///< January 1
  kSpringFestival,  ///< 春节, 正月初一
  kLantern,         ///< 元宵, 正月十五
  kQingming,        ///< 清明, the day of the solar term
  kLabourDay,       ///< May 1
  kDragonBoat,      ///< 端午, 五月初五
  kQixi,            ///< 七夕, 七月初七
  kMidAutumn,       ///< 中秋, 八月十五
  kDoubleNinth,     ///< 重阳, 九月初九
  kNationalDay,     ///< October 1
};

inline constexpr std::array<Holiday, 10> kAllHolidays = {
    Holiday::kNewYear,    Holiday::kSpringFestival, Holiday::kLantern,   Holiday::kQingming,    Holiday::kLabourDay,
    Holiday::kDragonBoat, Holiday::kQixi,           Holiday::kMidAutumn, Holiday::kDoubleNinth, Holiday::kNationalDay};

/// The CLI and wire word: "new_year", "spring_festival", ..., "national_day".
[[nodiscard]] std::string_view HolidayName(Holiday holiday);
/// The inverse of HolidayName; nullopt for any other word.
[[nodiscard]] std::optional<Holiday> ParseHoliday(std::string_view name);

/// A day of the lunar calendar. `year` is the lunar year (the Gregorian year its 正月初一 falls in).
struct LunarDate final {
  int year = 0;
  int month = 0;  ///< 1..12
  int day = 0;    ///< 1..30
  bool leap = false;
  auto operator<=>(const LunarDate&) const = default;
};

/// One month of a lunar year, in order; a leap month follows the regular month of its number.
struct LunarMonth final {
  int month = 0;
  bool leap = false;
  int days = 0;  ///< 29 or 30
};

/// 正月初一 of lunar year `year` (1900..2100).
[[nodiscard]] std::optional<Date> LunarNewYear(int year);
/// The months of lunar year `year` (12, or 13 with a leap month), in order.
[[nodiscard]] std::optional<std::vector<LunarMonth>> LunarMonths(int year);
/// The number of the leap month of lunar year `year`, 0 if it has none.
[[nodiscard]] std::optional<int> LeapMonth(int year);
/// The solar date of a lunar date; nullopt if the year is out of range or that month/day does not
/// exist that year (no such leap month, day 30 of a 29-day month).
[[nodiscard]] std::optional<Date> LunarToSolar(int lunar_year, int month, int day, bool leap);
/// The lunar date of a solar date from 1900-01-31 (lunar 1900-01-01) to the end of lunar year 2100.
[[nodiscard]] std::optional<LunarDate> SolarToLunar(Date date);
/// The day of 清明 in Gregorian year `year` (1901..2100): April 4, 5 or 6.
[[nodiscard]] std::optional<Date> Qingming(int year);
/// The date of `holiday` in Gregorian year `year` (1901..2100).
[[nodiscard]] std::optional<Date> HolidayDate(Holiday holiday, int year);

}  // namespace careloop::reminders::domain
