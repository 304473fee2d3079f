#pragma once

#include "common/redis/client.h"
#include "services/reminders/app/rules_ports.h"

namespace careloop::reminders::adapters {

/// RuleStore on Redis: one hash of rule id → careloop.reminder.v1.ReminderRule.
class RedisRuleStore final : public app::RuleStore {
 public:
  explicit RedisRuleStore(redis::Pool& pool) : pool_(pool) {}

  [[nodiscard]] std::vector<domain::Rule> All() override;
  bool Seed(const domain::Rule& rule) override;
  void Put(const domain::Rule& rule) override;

 private:
  redis::Pool& pool_;
};

}  // namespace careloop::reminders::adapters
