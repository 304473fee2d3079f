#pragma once

#include <string>

#include "common/base/error.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/app/care_ports.h"
#include "services/reminders/app/rules_ports.h"

namespace careloop::reminders::app {

/// Birthday greetings: the next greeting of each customer with a birthday on record, moved or
/// cancelled when the birthday changes, the following year's planned when one fires or is missed.
/// The time of day, whether greetings go at all, and the churn stages that get none (long lost
/// by default) are the store's birthday rule (RuleBook).
class GreetingsApp final {
 public:
  GreetingsApp(CareReminders& reminders, CustomerProfiles& customers, RuleBook& rules, const clock::Clock& clock,
               const config::StoreCatalog& stores);

  /// The customer's record may carry a new birthday (created, birthday changed, merged): re-reads
  /// it and makes the pending greeting match — kept when it does, else cancelled and the right one
  /// planned. A customer not (or no longer) on record, or merged away, keeps none. Idempotent.
  [[nodiscard]] Status OnCustomerChanged(const std::string& customer_id);
  /// A greeting fired or was missed: the next one is planned (unless one is pending already).
  [[nodiscard]] Status OnGreetingClosed(const std::string& reminder_id);

 private:
  /// Cancels the customer's open greetings except `keep`; returns how many.
  int CancelPending(const std::string& customer_id, const std::string& keep, const std::string& reason);

  CareReminders& reminders_;
  CustomerProfiles& customers_;
  RuleBook& rules_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
};

}  // namespace careloop::reminders::app
