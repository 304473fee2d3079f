#pragma once

#include "common/clock/clock.h"
#include "common/redis/client.h"
#include "services/surveys/app/answer_ports.h"

namespace careloop::surveys::adapters {

/// AnswerStore on Redis: the answered survey, its request id and its SurveyAnswered outbox entry
/// are written in one optimistic transaction (WATCH on the survey and the request id), so an
/// answer and its event exist together or not at all, and only once.
class RedisAnswerStore final : public app::AnswerStore {
 public:
  RedisAnswerStore(redis::Pool& pool, const clock::Clock& clock) : pool_(pool), clock_(clock) {}
  [[nodiscard]] std::optional<domain::Survey> Find(const std::string& survey_id) override;
  [[nodiscard]] std::optional<std::string> SurveyOfRequest(const std::string& request_id) override;
  [[nodiscard]] app::AnswerWrite StoreAnswer(const domain::Survey& answered, const std::string& request_id) override;
  void RecordCase(const std::string& survey_id, const std::string& case_id) override;

 private:
  redis::Pool& pool_;
  const clock::Clock& clock_;
};

}  // namespace careloop::surveys::adapters
