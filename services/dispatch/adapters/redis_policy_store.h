#pragma once

#include "common/redis/client.h"
#include "services/dispatch/app/policy_ports.h"
#include "services/dispatch/app/template_ports.h"

namespace careloop::dispatch::adapters {

/// ContactPolicyStore on Redis: one string per store (the ContactPolicy record), replaced whole.
class RedisContactPolicyStore final : public app::ContactPolicyStore {
 public:
  explicit RedisContactPolicyStore(redis::Pool& pool) : pool_(pool) {}
  [[nodiscard]] std::optional<domain::StorePolicy> Find(const std::string& store_id) override;
  void Save(const domain::StorePolicy& policy) override;

 private:
  redis::Pool& pool_;
};

/// PausedCustomers on Redis: a set of open case ids per customer (SADD / SREM: a replay is a no-op).
class RedisPausedCustomers final : public app::PausedCustomers {
 public:
  explicit RedisPausedCustomers(redis::Pool& pool) : pool_(pool) {}
  [[nodiscard]] bool IsPaused(const std::string& customer_id) override;
  void Pause(const std::string& customer_id, const std::string& case_id) override;
  void Resume(const std::string& customer_id, const std::string& case_id) override;

 private:
  redis::Pool& pool_;
};

/// TemplateStore on Redis: the Template record and the store's index written in one MULTI/EXEC.
class RedisTemplateStore final : public app::TemplateStore {
 public:
  explicit RedisTemplateStore(redis::Pool& pool) : pool_(pool) {}
  [[nodiscard]] std::optional<domain::StoreTemplate> Find(const std::string& template_id) override;
  [[nodiscard]] std::vector<domain::StoreTemplate> ListByStore(const std::string& store_id) override;
  void Save(const domain::StoreTemplate& tmpl) override;

 private:
  redis::Pool& pool_;
};

}  // namespace careloop::dispatch::adapters
