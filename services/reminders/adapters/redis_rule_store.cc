#include "services/reminders/adapters/redis_rule_store.h"

#include "common/log/log.h"
#include "common/redis/atomic_write.h"
#include "services/reminders/adapters/redis_keys.h"
#include "services/reminders/adapters/rule_mapping.h"

namespace careloop::reminders::adapters {

std::vector<domain::Rule> RedisRuleStore::All() {
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run({"HVALS", keys::kRules});
  std::vector<domain::Rule> rules;
  for (size_t i = 0; i < reply.Size(); ++i) {
    const std::string_view blob = redis::ElementStr(reply.Element(i));
    careloop::reminder::v1::ReminderRule record;
    auto rule = record.ParseFromArray(blob.data(), static_cast<int>(blob.size()))
                    ? RuleFromProto(record)
                    : Result<domain::Rule>(Error{ErrorCode::kInternal, "", "unreadable record"});
    if (rule.ok()) {
      rules.push_back(std::move(rule).value());
    } else {
      log::Warn("stored rule skipped", {{"reason", rule.error().ToString()}});
    }
  }
  return rules;
}

bool RedisRuleStore::Seed(const domain::Rule& rule) {
  auto connection = pool_.Acquire();
  const std::string configured = ToProto(rule).SerializeAsString();
  const redis::Reply seeded = connection->Run({"HGET", keys::kSeededRules, rule.rule_id});
  const bool stored = connection->Run({"HEXISTS", keys::kRules, rule.rule_id}).Integer() == 1;
  if (stored && !seeded.IsNil() && seeded.Str() == configured) {
    return false;  // the configuration did not change: what is stored (maybe changed since) stays
  }
  redis::Apply(*connection, {{"HSET", keys::kRules, rule.rule_id, configured},
                             {"HSET", keys::kSeededRules, rule.rule_id, configured}});
  return true;
}

void RedisRuleStore::Put(const domain::Rule& rule) {
  auto connection = pool_.Acquire();
  connection->Run({"HSET", keys::kRules, rule.rule_id, ToProto(rule).SerializeAsString()});
}

}  // namespace careloop::reminders::adapters
