#pragma once

#include <string>

#include "common/base/error.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/app/care_ports.h"

namespace careloop::reminders::app {

/// Birthday greetings: the next greeting of each customer with a birthday on record, moved or
/// cancelled when the birthday changes, the following year's planned when one fires or is missed.
/// Long lost customers get none (they left routine care).
class GreetingsApp final {
 public:
  GreetingsApp(CareReminders& reminders, CustomerProfiles& customers, const clock::Clock& clock,
               const config::StoreCatalog& stores, TimeOfDay send_at = TimeOfDay{9 * 60});

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
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
  TimeOfDay send_at_;
};

}  // namespace careloop::reminders::app
