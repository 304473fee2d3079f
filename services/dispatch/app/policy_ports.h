#pragma once

#include <optional>
#include <string>

#include "services/dispatch/domain/store_policy.h"

namespace careloop::dispatch::app {

/// Port: the stores' contact policies as saved (Redis). Find("") is the group default as saved.
class ContactPolicyStore {
 public:
  virtual ~ContactPolicyStore() = default;
  [[nodiscard]] virtual std::optional<domain::StorePolicy> Find(const std::string& store_id) = 0;
  /// Replaces the store's policy (policy.store_id; empty: the group default).
  virtual void Save(const domain::StorePolicy& policy) = 0;
};

/// Port: the policy Process obeys for a store — the store's own, else the group's.
class ContactPolicies {
 public:
  virtual ~ContactPolicies() = default;
  [[nodiscard]] virtual domain::StorePolicy PolicyOf(const std::string& store_id) = 0;
};

/// Port: customers with an open complaint case, to whom no marketing goes (a dispatch-side set
/// fed by the surveys service's ComplaintCaseOpened / ComplaintCaseResolved). Both changes are
/// idempotent: a replayed event changes nothing.
class PausedCustomers {
 public:
  virtual ~PausedCustomers() = default;
  [[nodiscard]] virtual bool IsPaused(const std::string& customer_id) = 0;
  /// Records case `case_id` of the customer as open.
  virtual void Pause(const std::string& customer_id, const std::string& case_id) = 0;
  /// Records the case as resolved; the customer stays paused while another case is open.
  virtual void Resume(const std::string& customer_id, const std::string& case_id) = 0;
};

}  // namespace careloop::dispatch::app
