#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "services/dispatch/app/policy_ports.h"
#include "services/dispatch/app/template_ports.h"

namespace careloop::testing {

/// In-memory dispatch::app::ContactPolicyStore; `saves` counts writes (a refused update writes none).
class FakeContactPolicyStore final : public dispatch::app::ContactPolicyStore {
 public:
  [[nodiscard]] std::optional<dispatch::domain::StorePolicy> Find(const std::string& store_id) override {
    auto it = policies.find(store_id);
    return it == policies.end() ? std::nullopt : std::optional(it->second);
  }
  void Save(const dispatch::domain::StorePolicy& policy) override {
    policies[policy.store_id] = policy;
    ++saves;
  }

  std::map<std::string, dispatch::domain::StorePolicy> policies;  ///< store id ("" group) → policy
  int saves = 0;
};

/// In-memory dispatch::app::PausedCustomers: open case ids per customer.
class FakePausedCustomers final : public dispatch::app::PausedCustomers {
 public:
  [[nodiscard]] bool IsPaused(const std::string& customer_id) override {
    auto it = open_cases.find(customer_id);
    return it != open_cases.end() && !it->second.empty();
  }
  void Pause(const std::string& customer_id, const std::string& case_id) override {
    open_cases[customer_id].insert(case_id);
  }
  void Resume(const std::string& customer_id, const std::string& case_id) override {
    open_cases[customer_id].erase(case_id);
  }

  std::map<std::string, std::set<std::string>> open_cases;
};

/// In-memory dispatch::app::TemplateStore; `saves` counts writes.
class FakeTemplateStore final : public dispatch::app::TemplateStore {
 public:
  [[nodiscard]] std::optional<dispatch::domain::StoreTemplate> Find(const std::string& template_id) override {
    auto it = templates.find(template_id);
    return it == templates.end() ? std::nullopt : std::optional(it->second);
  }
  [[nodiscard]] std::vector<dispatch::domain::StoreTemplate> ListByStore(const std::string& store_id) override {
    std::vector<dispatch::domain::StoreTemplate> found;
    for (const auto& [id, tmpl] : templates) {
      if (tmpl.store_id == store_id) {
        found.push_back(tmpl);
      }
    }
    return found;
  }
  void Save(const dispatch::domain::StoreTemplate& tmpl) override {
    templates[tmpl.template_id] = tmpl;
    ++saves;
  }

  std::map<std::string, dispatch::domain::StoreTemplate> templates;  ///< template id → template
  int saves = 0;
};

}  // namespace careloop::testing
