#include "services/surveys/adapters/survey_window_events.h"

#include "careloop/reminder/v1/events.pb.h"

namespace careloop::surveys::adapters {
namespace {

namespace reminder_pb = careloop::reminder::v1;

/// The firing an answer-window event announces, or why it cannot be read.
template <typename Event>
Result<app::WindowTimerFired> FiredOf(std::string_view type, const Event& event) {
  if (Status valid = events::RequireFields(type, {{"reminder_id", event.reminder_id()},
                                                  {"customer_id", event.customer_id()},
                                                  {"survey_id", event.survey_id()}});
      !valid.ok()) {
    return valid.error();
  }
  return app::WindowTimerFired{event.reminder_id(), event.survey_id(), event.customer_id(),
                               events::FromTimestamp(event.fired_at())};
}

}  // namespace

void RouteSurveyWindow(events::Router& router, app::SurveyWindowApp& window) {
  router
      .On<reminder_pb::SurveyReminderDue>([&window](const reminder_pb::SurveyReminderDue& due) -> Status {
        auto fired = FiredOf("SurveyReminderDue", due);
        if (!fired.ok()) {
          return fired.error();
        }
        (void)window.OnReminderDue(fired.value());
        return Ok{};
      })
      .On<reminder_pb::SurveyWindowClosed>([&window](const reminder_pb::SurveyWindowClosed& closed) -> Status {
        auto fired = FiredOf("SurveyWindowClosed", closed);
        if (!fired.ok()) {
          return fired.error();
        }
        (void)window.OnWindowClosed(fired.value());
        return Ok{};
      });
}

}  // namespace careloop::surveys::adapters
