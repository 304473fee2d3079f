#pragma once

#include <string>

#include "common/base/error.h"
#include "common/clock/clock.h"
#include "services/surveys/app/window_ports.h"

namespace careloop::surveys::app {

/// A survey answer-window timer's firing, as the reminders service announced it
/// (SurveyReminderDue / SurveyWindowClosed).
struct WindowTimerFired final {
  std::string reminder_id;
  std::string survey_id;
  std::string customer_id;
  Instant fired_at{};
};

/// What a timer's firing led to.
enum class WindowOutcome {
  kReminded,      ///< SurveyReminded published: dispatch reminds the customer
  kExpired,       ///< the survey is now expired (SurveyExpired published)
  kNothingToDo,   ///< answered, cancelled, already reminded or expired, or its window still open
  kUnknownSurvey  ///< no such survey, or one of another customer: logged and skipped
};

/// The answer window of issued surveys (docs/surveys.md "The answer window"): the one reminder to
/// a customer who has not answered, and the expiry of a survey still unanswered when its window
/// closes. The timers are the reminders service's; the decisions are here (domain/survey_window).
/// Replays do nothing twice: each step happens only while the stored survey allows it.
class SurveyWindowApp final {
 public:
  SurveyWindowApp(SurveyWindowStore& store, const clock::Clock& clock);

  /// The non-responder reminder timer fired: asks dispatch to remind the customer once, if the
  /// survey is still unanswered and open.
  WindowOutcome OnReminderDue(const WindowTimerFired& fired);
  /// The window-close timer fired: expires the survey if still unanswered.
  WindowOutcome OnWindowClosed(const WindowTimerFired& fired);

 private:
  /// The stored survey the firing names, if it is the firing customer's.
  std::optional<domain::Survey> SurveyOf(const WindowTimerFired& fired);

  SurveyWindowStore& store_;
  const clock::Clock& clock_;
};

}  // namespace careloop::surveys::app
