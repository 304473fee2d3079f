#pragma once

#include "common/clock/clock.h"
#include "common/redis/client.h"
#include "services/surveys/app/surveys_app.h"

namespace careloop::surveys::adapters {

/// Redis key schema of the surveys service (prefix `cl:surv:`).
namespace keys {
/// String: a survey (careloop.survey.v1.Survey).
inline std::string Survey(const std::string& id) {
  return "cl:surv:s:" + id;
}
/// Sorted set: a customer's survey ids by issue time.
inline std::string OfCustomer(const std::string& customer_id) {
  return "cl:surv:cust:" + customer_id;
}
/// Stream: the transactional outbox.
inline constexpr const char* kOutbox = "cl:surv:outbox";
}  // namespace keys

/// SurveyRepository on Redis: the survey record is its own idempotency guard, written with
/// its index and its SurveyIssued outbox entry in one atomic step.
class RedisSurveyRepository final : public app::SurveyRepository {
 public:
  RedisSurveyRepository(redis::Pool& pool, const clock::Clock& clock) : pool_(pool), clock_(clock) {}
  bool Issue(const domain::Survey& survey) override;
  [[nodiscard]] std::vector<domain::Survey> ListByCustomer(const std::string& customer_id) override;

 private:
  redis::Pool& pool_;
  const clock::Clock& clock_;
};

}  // namespace careloop::surveys::adapters
