#pragma once

#include <optional>
#include <string>

#include "common/base/time.h"
#include "services/surveys/domain/survey_rules.h"

namespace careloop::surveys::app {

/// What a SurveyWindowStore step did.
enum class WindowWrite {
  kWritten,    ///< the change and its event were written in one step
  kUnchanged,  ///< the stored survey no longer allows it (answered meanwhile, already done): nothing written
};

/// Port: the answer-window steps of issued surveys. Each is one atomic step with its event.
class SurveyWindowStore {
 public:
  virtual ~SurveyWindowStore() = default;
  /// The survey with this id.
  [[nodiscard]] virtual std::optional<domain::Survey> Find(const std::string& survey_id) = 0;
  /// Records that `survey`'s non-responder is reminded and appends SurveyReminded (`reminder_id`
  /// the timer that asked, `now` the decision) — only while the stored survey is still issued
  /// and was not reminded before.
  [[nodiscard]] virtual WindowWrite RecordReminded(const domain::Survey& survey, const std::string& reminder_id,
                                                   Instant now) = 0;
  /// Stores `expired` (status expired) over the issued survey and appends SurveyExpired
  /// (expired at `now`) — only while the stored survey is still issued.
  [[nodiscard]] virtual WindowWrite Expire(const domain::Survey& expired, Instant now) = 0;
};

}  // namespace careloop::surveys::app
