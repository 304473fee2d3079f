#pragma once

#include "common/clock/clock.h"
#include "common/redis/client.h"
#include "services/surveys/app/window_ports.h"

namespace careloop::surveys::adapters {

/// SurveyWindowStore on Redis: each step is one optimistic transaction (WATCH on the survey and,
/// for the reminder, its once-guard) writing the state change with its outbox event — so the
/// survey's status (which its store and customer listings read) and SurveyExpired, or the
/// reminder's guard and SurveyReminded, exist together or not at all, and only once.
class RedisSurveyWindow final : public app::SurveyWindowStore {
 public:
  RedisSurveyWindow(redis::Pool& pool, const clock::Clock& clock) : pool_(pool), clock_(clock) {}
  [[nodiscard]] std::optional<domain::Survey> Find(const std::string& survey_id) override;
  [[nodiscard]] app::WindowWrite RecordReminded(const domain::Survey& survey, const std::string& reminder_id,
                                                Instant now) override;
  [[nodiscard]] app::WindowWrite Expire(const domain::Survey& expired, Instant now) override;

 private:
  redis::Pool& pool_;
  const clock::Clock& clock_;
};

}  // namespace careloop::surveys::adapters
