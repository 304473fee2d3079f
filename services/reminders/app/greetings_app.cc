#include "services/reminders/app/greetings_app.h"

#include "common/log/log.h"
#include "services/reminders/domain/greetings.h"

namespace careloop::reminders::app {
namespace {

// A greeting still to be sent (one that fired has gone out: nothing to move or cancel).
bool IsPendingGreeting(const domain::Reminder& reminder) {
  return reminder.kind == domain::ReminderKind::kBirthday && reminder.status == domain::ReminderStatus::kScheduled;
}

bool SameGreeting(const domain::Reminder& a, const domain::Reminder& b) {
  return a.service_due_date == b.service_due_date && a.due_at == b.due_at && a.template_id == b.template_id &&
         a.store_id == b.store_id;
}

}  // namespace

GreetingsApp::GreetingsApp(CareReminders& reminders, CustomerProfiles& customers, RuleBook& rules,
                           const clock::Clock& clock, const config::StoreCatalog& stores)
    : reminders_(reminders), customers_(customers), rules_(rules), clock_(clock), stores_(stores) {}

int GreetingsApp::CancelPending(const std::string& customer_id, const std::string& keep, const std::string& reason) {
  std::vector<std::string> ids;
  for (const auto& reminder : reminders_.ListByCustomer(customer_id)) {
    if (IsPendingGreeting(reminder) && reminder.reminder_id != keep) {
      ids.push_back(reminder.reminder_id);
    }
  }
  return ids.empty() ? 0 : reminders_.Close(ids, domain::ReminderStatus::kCancelled, reason);
}

Status GreetingsApp::OnCustomerChanged(const std::string& customer_id) {
  auto profile = customers_.Get(customer_id);
  if (!profile.ok()) {
    if (profile.error().code == ErrorCode::kNotFound) {
      CancelPending(customer_id, "", "customer no longer on record");
      return Ok{};
    }
    return profile.error();
  }
  if (!profile->merged_into_customer_id.empty() || profile->customer_id != customer_id) {
    const std::string survivor =
        profile->merged_into_customer_id.empty() ? profile->customer_id : profile->merged_into_customer_id;
    CancelPending(customer_id, "", "customer merged into " + survivor);
    return Ok{};
  }
  const domain::Rule rule = rules_.For(profile->store_id, domain::ReminderKind::kBirthday, "");
  if (domain::Excludes(rule, domain::StageWord(profile->churn_stage))) {
    CancelPending(
        customer_id, "",
        "churn stage " + std::string(domain::StageWord(profile->churn_stage)) + " excluded by the birthday rule");
    return Ok{};
  }
  if (!rule.enabled) {
    CancelPending(customer_id, "", "birthday greetings disabled by the store's rule");
    return Ok{};
  }
  const domain::PlanningMoment moment{stores_.ZoneOf(profile->store_id), clock_.Now()};
  const auto plan = domain::PlanBirthdayGreeting({customer_id, profile->store_id, profile->birthday}, rule.fire_time,
                                                 moment, std::to_string(profile->revision));
  std::string keep;
  for (const auto& reminder : reminders_.ListByCustomer(customer_id)) {
    if (plan && IsPendingGreeting(reminder) && SameGreeting(reminder, *plan)) {
      keep = reminder.reminder_id;
    }
  }
  if (const int cancelled = CancelPending(customer_id, keep, "birthday changed"); cancelled > 0) {
    log::Info("birthday greeting cancelled", {{"customer_id", customer_id}, {"cancelled", std::to_string(cancelled)}});
  }
  if (plan && keep.empty() && reminders_.Schedule(*plan)) {
    log::Info("birthday greeting planned",
              {{"reminder_id", plan->reminder_id}, {"date", plan->service_due_date.ToString()}});
  }
  return Ok{};
}

Status GreetingsApp::OnGreetingClosed(const std::string& reminder_id) {
  const auto closed = reminders_.Find(reminder_id);
  if (!closed || closed->kind != domain::ReminderKind::kBirthday ||
      closed->status == domain::ReminderStatus::kScheduled) {
    return Ok{};
  }
  for (const auto& reminder : reminders_.ListByCustomer(closed->customer_id)) {
    if (IsPendingGreeting(reminder)) {
      return Ok{};  // the next one is planned already (a replay, or the birthday changed meanwhile)
    }
  }
  auto profile = customers_.Get(closed->customer_id);
  if (!profile.ok()) {
    return profile.error().code == ErrorCode::kNotFound ? Status(Ok{}) : Status(profile.error());
  }
  const domain::Rule rule = rules_.For(profile->store_id, domain::ReminderKind::kBirthday, "");
  if (!profile->birthday || !profile->merged_into_customer_id.empty() || !rule.enabled ||
      domain::Excludes(rule, domain::StageWord(profile->churn_stage))) {
    return Ok{};
  }
  const domain::PlanningMoment moment{stores_.ZoneOf(profile->store_id), clock_.Now()};
  domain::Reminder fired = *closed;
  fired.store_id = profile->store_id;
  if (auto next = domain::PlanNextBirthdayGreeting(fired, *profile->birthday, rule.fire_time, moment);
      next && reminders_.Schedule(*next)) {
    log::Info("birthday greeting planned",
              {{"reminder_id", next->reminder_id}, {"date", next->service_due_date.ToString()}});
  }
  return Ok{};
}

}  // namespace careloop::reminders::app
