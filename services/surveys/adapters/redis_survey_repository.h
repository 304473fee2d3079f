#pragma once

#include "common/clock/clock.h"
#include "common/redis/client.h"
#include "services/surveys/adapters/redis_keys.h"
#include "services/surveys/app/ports.h"

namespace careloop::surveys::adapters {

/// SurveyRepository on Redis: the survey record is its own idempotency guard, written with
/// its index and its SurveyIssued outbox entry in one atomic step.
class RedisSurveyRepository final : public app::SurveyRepository {
 public:
  RedisSurveyRepository(redis::Pool& pool, const clock::Clock& clock) : pool_(pool), clock_(clock) {}
  bool Issue(const domain::Survey& survey) override;
  [[nodiscard]] std::vector<domain::Survey> ListByCustomer(const std::string& customer_id) override;
  [[nodiscard]] std::vector<domain::Survey> ListByStore(const std::string& store_id, size_t limit) override;

 private:
  std::vector<domain::Survey> Load(redis::Connection& connection, const redis::Reply& ids);

  redis::Pool& pool_;
  const clock::Clock& clock_;
};

}  // namespace careloop::surveys::adapters
