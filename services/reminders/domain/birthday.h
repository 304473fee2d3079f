#pragma once

#include <optional>

#include "common/base/time.h"

/// When a customer's birthday is greeted (生日问候), solar or lunar (农历生日), decided for the
/// days a calendar does not have every year:
/// - a solar 29 February is greeted on 28 February in common years (the last day of the month
///   they were born in, never in March);
/// - a lunar birthday in a leap month (闰月) is greeted in that leap month in the years that have
///   it, otherwise on the same day of the regular month of that number (how families keep it);
/// - a lunar birthday on day 30 is greeted on day 29 in the years its month has only 29 days (the
///   last day of that month, as for 29 February).
namespace careloop::reminders::domain {

/// A birthday as the customer record keeps it: a solar date, or a lunar month and day (the year
/// is the birth year, unused for greetings) with the leap-month flag.
struct Birthday final {
  Date date;  ///< solar: the date of birth; lunar: {birth year, lunar month, lunar day}
  bool lunar = false;
  bool leap = false;  ///< lunar only: born in the leap month of that number
};

/// Whether the birthday can exist: a valid solar date, or lunar month 1–12 and day 1–30.
[[nodiscard]] bool IsPossible(const Birthday& birthday);

/// The first day on or after `from` on which the birthday is greeted; nullopt when the birthday
/// cannot exist or the date is beyond the calendar's range (lunar years up to 2100).
[[nodiscard]] std::optional<Date> NextGreeting(const Birthday& birthday, Date from);

}  // namespace careloop::reminders::domain
