#pragma once

#include <optional>
#include <string>

#include "common/base/time.h"
#include "services/reminders/domain/birthday.h"
#include "services/reminders/domain/reminder.h"

/// Birthday greetings (生日问候) as reminders: one per customer and greeting year, planned a
/// year ahead at a time and moved when the birthday changes.
namespace careloop::reminders::domain {

/// A customer's facts as birthday greetings need them.
struct GreetingFacts final {
  std::string customer_id;
  std::string store_id;
  std::optional<Birthday> birthday;  ///< none when not on record
};

/// The greeting reminder's id for a customer's greeting on `greeting_date`, planned from the
/// customer record's `version` (its revision, or the greeting before it): one per greeting day
/// and version, so a replay plans nothing twice while a birthday changed back and forth plans
/// afresh.
[[nodiscard]] std::string BirthdayReminderId(const std::string& customer_id, Date greeting_date,
                                             const std::string& version);

/// The next birthday greeting on or after today (domain::NextGreeting), due at `send_at` on the
/// day — or none: no birthday, an impossible one, or beyond the calendar. A greeting of today
/// whose time has passed is not sent late: the next one is planned. `version` as for
/// BirthdayReminderId.
[[nodiscard]] std::optional<Reminder> PlanBirthdayGreeting(const GreetingFacts& facts, TimeOfDay send_at,
                                                           const PlanningMoment& moment, const std::string& version);

/// The greeting after `fired` (a greeting that fired or was missed): the next one after its day
/// (next year's), its id derived from `fired`'s.
[[nodiscard]] std::optional<Reminder> PlanNextBirthdayGreeting(const Reminder& fired, const Birthday& birthday,
                                                               TimeOfDay send_at, const PlanningMoment& moment);

}  // namespace careloop::reminders::domain
