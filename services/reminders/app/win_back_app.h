#pragma once

#include <string>

#include "common/base/error.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/app/care_ports.h"

namespace careloop::reminders::app {

/// A customer's churn stage as the customers service announced its change.
struct StageChange final {
  std::string customer_id;
  std::string store_id;
  domain::ChurnStage from = domain::ChurnStage::kUnknown;
  domain::ChurnStage to = domain::ChurnStage::kUnknown;
  Date last_visit_date;
};

/// Win-back: a worse churn stage gets that stage's care action (domain::ActionFor), a long lost
/// customer leaves routine care, and a return visit ends the chain.
class WinBackApp final {
 public:
  WinBackApp(CareReminders& reminders, CustomerProfiles& customers, const clock::Clock& clock,
             const config::StoreCatalog& stores, TimeOfDay send_at = TimeOfDay{10 * 60});

  /// Plans the new stage's action when it is worse (better or equal: nothing). Idempotent.
  [[nodiscard]] Status OnStageChanged(const StageChange& change);
  /// A visit of the customer: their open win-back reminders are cancelled — unless the visit is
  /// history (dated more than the store's grace period before today, e.g. an import), which is
  /// no return. Idempotent.
  void OnReturnVisit(const std::string& customer_id, const std::string& store_id, const std::string& visit_id,
                     Date visit_date);

 private:
  CareReminders& reminders_;
  CustomerProfiles& customers_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
  TimeOfDay send_at_;
};

}  // namespace careloop::reminders::app
