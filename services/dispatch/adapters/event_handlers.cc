#include "services/dispatch/adapters/event_handlers.h"

#include "careloop/reminder/v1/events.pb.h"
#include "careloop/survey/v1/events.pb.h"
#include "common/events/proto_event.h"
#include "common/log/log.h"
#include "common/redis/client.h"

namespace careloop::dispatch::adapters {
namespace {

namespace reminder_pb = careloop::reminder::v1;
namespace survey_pb = careloop::survey::v1;

std::optional<domain::CareKind> CareKindOf(reminder_pb::ReminderKind kind) {
  switch (kind) {
    case reminder_pb::REMINDER_KIND_FIRST_MAINTENANCE: return domain::CareKind::kFirstMaintenance;
    case reminder_pb::REMINDER_KIND_SECOND_MAINTENANCE: return domain::CareKind::kSecondMaintenance;
    case reminder_pb::REMINDER_KIND_REGULAR_MAINTENANCE: return domain::CareKind::kRegularMaintenance;
    default: return std::nullopt;  // kinds this version does not send yet
  }
}

}  // namespace

kafka::HandlerResult SendRequestHandler::Run(const domain::SendRequest& request) {
  try {
    auto outcome = app_.Process(request);
    if (!outcome.ok()) {
      return kafka::HandlerResult::Retry(outcome.error().ToString());
    }
    log::Debug("send request handled",
               {{"cause_id", request.cause_id}, {"outcome", app::OutcomeName(outcome.value())}});
    return kafka::HandlerResult::Done();
  } catch (const redis::RedisUnavailable& e) {
    return kafka::HandlerResult::Retry(e.what());
  }
}

kafka::HandlerResult SendRequestHandler::operator()(const kafka::CloudEvent& event) {
  if (events::Is(event, reminder_pb::ReminderDue::default_instance())) {
    reminder_pb::ReminderDue due;
    if (!events::Decode(event, due)) {
      return kafka::HandlerResult::Poison("ReminderDue does not decode");
    }
    if (due.reminder_id().empty() || due.customer_id().empty()) {
      return kafka::HandlerResult::Poison("ReminderDue lacks reminder_id or customer_id");
    }
    const auto kind = CareKindOf(due.kind());
    if (!kind) {
      return kafka::HandlerResult::Done();
    }
    return Run({due.reminder_id(), std::max(1, due.occurrence()), *kind, due.customer_id(), due.store_id(),
                due.vehicle_id(), events::FromProto(due.service_due_date())});
  }
  if (events::Is(event, survey_pb::SurveyIssued::default_instance())) {
    survey_pb::SurveyIssued issued;
    if (!events::Decode(event, issued)) {
      return kafka::HandlerResult::Poison("SurveyIssued does not decode");
    }
    if (issued.survey_id().empty() || issued.customer_id().empty()) {
      return kafka::HandlerResult::Poison("SurveyIssued lacks survey_id or customer_id");
    }
    return Run({issued.survey_id(), 1, domain::CareKind::kSurveyInvitation, issued.customer_id(), issued.store_id(),
                issued.vehicle_id(), Date{}});
  }
  return kafka::HandlerResult::Done();
}

}  // namespace careloop::dispatch::adapters
