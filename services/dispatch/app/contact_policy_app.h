#pragma once

#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/policy_ports.h"

namespace careloop::dispatch::app {

/// The group default policy from the dispatch settings: their quiet hours for care and marketing
/// (none for service-critical messages), their cap as each class's weekly and daily cap.
[[nodiscard]] domain::StorePolicy GroupPolicy(const DispatchPolicy& settings);

/// The contact policy use cases: read and change a store's policy, the policy Process obeys
/// (ContactPolicies), and the complaint pause (a customer with an open case gets no marketing).
class ContactPolicyApp final : public ContactPolicies {
 public:
  ContactPolicyApp(ContactPolicyStore& policies, PausedCustomers& paused, const clock::Clock& clock,
                   const config::StoreCatalog& stores, const DispatchPolicy& settings);

  /// The store's policy in effect (its own, else the group's); "" for the group default.
  [[nodiscard]] Result<domain::StorePolicy> Get(const auth::Principal& caller, const std::string& store_id);

  /// Sets the fields named in `mask` (contract names: "marketing_quiet_hours",
  /// "service_quiet_hours", "critical_quiet_hours", "max_marketing_per_day",
  /// "max_marketing_per_week", "max_care_per_day", "max_care_per_week", "same_day_rule",
  /// "priority"; an empty mask sets them all) from `values` on the store's policy in effect and
  /// saves it as the store's own. Managers change their stores', admins also the group default.
  /// Bad values or an unknown mask path change nothing.
  [[nodiscard]] Result<domain::StorePolicy> Update(const auth::Principal& caller, const domain::StorePolicy& values,
                                                   const std::vector<std::string>& mask);

  [[nodiscard]] domain::StorePolicy PolicyOf(const std::string& store_id) override;

  /// ComplaintCaseOpened / ComplaintCaseResolved (idempotent).
  Status CaseOpened(const std::string& customer_id, const std::string& case_id);
  Status CaseResolved(const std::string& customer_id, const std::string& case_id);

 private:
  ContactPolicyStore& policies_;
  PausedCustomers& paused_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
  domain::StorePolicy group_;
};

}  // namespace careloop::dispatch::app
