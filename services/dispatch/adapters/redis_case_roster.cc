#include "services/dispatch/adapters/redis_case_roster.h"

#include <string>

#include "services/dispatch/adapters/redis_policy_keys.h"

namespace careloop::dispatch::adapters {

void RedisCaseRoster::Record(const app::CaseFacts& facts) {
  auto connection = pool_.Acquire();
  connection->Run({"HSET", keys::Case(facts.case_id), "customer_id", facts.customer_id, "store_id", facts.store_id,
                   "vehicle_id", facts.vehicle_id, "owner", facts.owner, "deadline_ms",
                   std::to_string(facts.deadline_at.time_since_epoch().count())});
}

std::optional<app::CaseFacts> RedisCaseRoster::Find(const std::string& case_id) {
  auto connection = pool_.Acquire();
  const redis::Reply reply = connection->Run({"HGETALL", keys::Case(case_id)});
  if (reply.Size() == 0) {
    return std::nullopt;
  }
  app::CaseFacts facts;
  facts.case_id = case_id;
  for (size_t i = 0; i + 1 < reply.Size(); i += 2) {
    const auto name = redis::ElementStr(reply.Element(i));
    std::string value(redis::ElementStr(reply.Element(i + 1)));
    if (name == "customer_id") {
      facts.customer_id = std::move(value);
    } else if (name == "store_id") {
      facts.store_id = std::move(value);
    } else if (name == "vehicle_id") {
      facts.vehicle_id = std::move(value);
    } else if (name == "owner") {
      facts.owner = std::move(value);
    } else if (name == "deadline_ms") {
      facts.deadline_at = Instant{Millis{std::stoll(value)}};
    }
  }
  return facts;
}

void RedisCaseRoster::Forget(const std::string& case_id) {
  auto connection = pool_.Acquire();
  connection->Run({"DEL", keys::Case(case_id)});
}

}  // namespace careloop::dispatch::adapters
