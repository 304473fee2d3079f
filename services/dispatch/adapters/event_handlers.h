#pragma once

#include "common/events/router.h"
#include "services/dispatch/app/dispatch_app.h"

namespace careloop::dispatch::adapters {

/// careloop.reminder.v1 ReminderDue (maintenance kinds) and careloop.survey.v1 SurveyIssued
/// become send requests. Other types are skipped; an undecodable or incomplete known type is
/// poison; a send that cannot be decided now (customers unreachable) comes back (Retry).
class SendRequestHandler final {
 public:
  explicit SendRequestHandler(app::DispatchApp& app);
  kafka::HandlerResult operator()(const kafka::CloudEvent& event) const { return routes_(event); }

 private:
  events::Router routes_;
};

}  // namespace careloop::dispatch::adapters
