#pragma once

#include "common/kafka/consumer.h"
#include "services/dispatch/app/dispatch_app.h"

namespace careloop::dispatch::adapters {

/// careloop.reminder.v1 ReminderDue (maintenance kinds) and careloop.survey.v1 SurveyIssued
/// become send requests. Other types are skipped; an undecodable known type is poison.
class SendRequestHandler final {
 public:
  explicit SendRequestHandler(app::DispatchApp& app) : app_(app) {}
  kafka::HandlerResult operator()(const kafka::CloudEvent& event);

 private:
  kafka::HandlerResult Run(const domain::SendRequest& request);
  app::DispatchApp& app_;
};

}  // namespace careloop::dispatch::adapters
