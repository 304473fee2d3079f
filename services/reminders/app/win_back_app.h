#pragma once

#include <string>

#include "common/base/error.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/app/care_ports.h"
#include "services/reminders/app/rules_ports.h"

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
  /// The time of day of win-back care, and whether it goes at all, are the store's win-back rule.
  WinBackApp(CareReminders& reminders, CustomerProfiles& customers, RuleBook& rules, const clock::Clock& clock,
             const config::StoreCatalog& stores);

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
  RuleBook& rules_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
};

}  // namespace careloop::reminders::app
