#include "services/reminders/domain/greetings.h"

#include "common/base/ids.h"

namespace careloop::reminders::domain {
namespace {

std::optional<Reminder> GreetingOn(const std::string& customer_id, const std::string& store_id,
                                   const Birthday& birthday, Date from, TimeOfDay send_at, const PlanningMoment& moment,
                                   const std::string& version) {
  std::optional<Date> day = NextGreeting(birthday, from);
  if (day && moment.zone.At(*day, send_at) <= moment.now) {
    day = NextGreeting(birthday, day->PlusDays(1));  // today's time has passed: not sent late
  }
  if (!day) {
    return std::nullopt;
  }
  Reminder reminder;
  reminder.reminder_id = BirthdayReminderId(customer_id, *day, version);
  reminder.customer_id = customer_id;
  reminder.store_id = store_id;
  reminder.kind = ReminderKind::kBirthday;
  reminder.due_at = moment.zone.At(*day, send_at);
  reminder.service_due_date = *day;
  reminder.template_id = birthday.lunar ? "birthday_lunar" : "birthday";
  reminder.reason = std::string(birthday.lunar ? "lunar birthday " : "birthday ") +
                    std::to_string(birthday.date.month) + "-" + std::to_string(birthday.date.day) + " greeted on " +
                    day->ToString();
  return reminder;
}

}  // namespace

std::string BirthdayReminderId(const std::string& customer_id, Date greeting_date, const std::string& version) {
  return DerivedId("rem-", {"birthday", customer_id, greeting_date.ToString(), version});
}

std::optional<Reminder> PlanBirthdayGreeting(const GreetingFacts& facts, TimeOfDay send_at,
                                             const PlanningMoment& moment, const std::string& version) {
  if (!facts.birthday || !IsPossible(*facts.birthday)) {
    return std::nullopt;
  }
  return GreetingOn(facts.customer_id, facts.store_id, *facts.birthday, moment.Today(), send_at, moment, version);
}

std::optional<Reminder> PlanNextBirthdayGreeting(const Reminder& fired, const Birthday& birthday, TimeOfDay send_at,
                                                 const PlanningMoment& moment) {
  if (!IsPossible(birthday)) {
    return std::nullopt;
  }
  const Date after = fired.service_due_date.PlusDays(1);
  const Date today = moment.Today();
  return GreetingOn(fired.customer_id, fired.store_id, birthday, today < after ? after : today, send_at, moment,
                    fired.reminder_id);
}

}  // namespace careloop::reminders::domain
