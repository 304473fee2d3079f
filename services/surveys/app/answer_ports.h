#pragma once

#include <optional>
#include <string>

#include "services/surveys/domain/survey_rules.h"

namespace careloop::surveys::app {

/// What AnswerStore::StoreAnswer did.
enum class AnswerWrite {
  kStored,       ///< the answers, the request id and SurveyAnswered were written in one step
  kNotIssued,    ///< the stored survey no longer takes answers (answered meanwhile): nothing written
  kRequestUsed,  ///< the request id is already recorded (a concurrent replay): nothing written
};

/// Port: surveys as the answers use case reads and changes them.
class AnswerStore {
 public:
  virtual ~AnswerStore() = default;
  /// The survey with this id, with its answers if any.
  [[nodiscard]] virtual std::optional<domain::Survey> Find(const std::string& survey_id) = 0;
  /// The survey a request id answered, if that request was stored.
  [[nodiscard]] virtual std::optional<std::string> SurveyOfRequest(const std::string& request_id) = 0;
  /// Stores `answered` (status answered) over the issued survey, records `request_id` (when not
  /// empty) and appends SurveyAnswered to the outbox — one atomic step, only while the stored
  /// survey is still issued and the request id unused.
  [[nodiscard]] virtual AnswerWrite StoreAnswer(const domain::Survey& answered, const std::string& request_id) = 0;
  /// Records the complaint case opened from the survey's answers. Idempotent.
  virtual void RecordCase(const std::string& survey_id, const std::string& case_id) = 0;
};

}  // namespace careloop::surveys::app
