#include "services/reminders/domain/birthday.h"

#include "services/reminders/domain/chinese_calendar.h"

namespace careloop::reminders::domain {
namespace {

bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// The greeting day of a solar birthday in Gregorian year `year`.
Date SolarGreeting(const Date& birth, int year) {
  if (birth.month == 2 && birth.day == 29 && !IsLeapYear(year)) {
    return Date{year, 2, 28};
  }
  return Date{year, birth.month, birth.day};
}

// The greeting day of a lunar birthday in lunar year `year`, if the calendar covers it.
std::optional<Date> LunarGreeting(const Birthday& birthday, int year) {
  const int month = birthday.date.month;
  const bool leap = birthday.leap && LeapMonth(year).value_or(0) == month;
  if (auto date = LunarToSolar(year, month, birthday.date.day, leap)) {
    return date;
  }
  if (birthday.date.day == 30) {
    return LunarToSolar(year, month, 29, leap);  // a 29-day month this year: its last day
  }
  return std::nullopt;
}

}  // namespace

bool IsPossible(const Birthday& birthday) {
  if (birthday.lunar) {
    return birthday.date.month >= 1 && birthday.date.month <= 12 && birthday.date.day >= 1 && birthday.date.day <= 30;
  }
  return birthday.date.IsValid();
}

std::optional<Date> NextGreeting(const Birthday& birthday, Date from) {
  if (!IsPossible(birthday)) {
    return std::nullopt;
  }
  if (!birthday.lunar) {
    const Date this_year = SolarGreeting(birthday.date, from.year);
    return this_year < from ? SolarGreeting(birthday.date, from.year + 1) : this_year;
  }
  // A lunar year starts in late January or February: the greeting on or after `from` falls in
  // the lunar year before, of, or after from.year.
  for (int year = from.year - 1; year <= from.year + 1; ++year) {
    if (auto date = LunarGreeting(birthday, year); date && !(*date < from)) {
      return date;
    }
  }
  return std::nullopt;
}

}  // namespace careloop::reminders::domain
