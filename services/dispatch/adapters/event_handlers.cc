#include "services/dispatch/adapters/event_handlers.h"

#include <algorithm>
#include <cctype>

#include "careloop/reminder/v1/events.pb.h"
#include "careloop/survey/v1/events.pb.h"
#include "common/log/log.h"
#include "services/dispatch/adapters/enum_tables.h"

namespace careloop::dispatch::adapters {
namespace {

namespace reminder_pb = careloop::reminder::v1;
namespace survey_pb = careloop::survey::v1;

Status Send(app::DispatchApp& app, const domain::SendRequest& request) {
  auto outcome = app.Process(request);
  if (!outcome.ok()) {
    return outcome.error();
  }
  log::Debug("send request handled", {{"cause_id", request.cause_id}, {"outcome", app::OutcomeName(outcome.value())}});
  return Ok{};
}

// "mid_autumn" for HOLIDAY_MID_AUTUMN (the holiday greeting templates' suffix); empty if unset.
std::string HolidayWord(reminder_pb::Holiday holiday) {
  if (holiday == reminder_pb::HOLIDAY_UNSPECIFIED) {
    return "";
  }
  std::string word = reminder_pb::Holiday_Name(holiday).substr(std::string_view("HOLIDAY_").size());
  std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::tolower(c); });
  return word;
}

}  // namespace

SendRequestHandler::SendRequestHandler(app::DispatchApp& app) {
  routes_
      .On<reminder_pb::ReminderDue>([&app](const reminder_pb::ReminderDue& due) -> Status {
        if (Status valid = events::RequireFields(
                "ReminderDue", {{"reminder_id", due.reminder_id()}, {"customer_id", due.customer_id()}});
            !valid.ok()) {
          return valid;
        }
        // Survey invitations come as SurveyIssued, a case's follow-up as CaseFollowUpDue (the
        // owner's call task, complaint_routes.h); kinds this version does not know are skipped.
        const auto kind = kCareKinds.FromProto(due.kind());
        if (!kind || *kind == domain::CareKind::kSurveyInvitation || *kind == domain::CareKind::kCaseFollowUp) {
          return Ok{};
        }
        domain::SendRequest request{due.reminder_id(),
                                    std::max(1, due.occurrence()),
                                    *kind,
                                    due.customer_id(),
                                    due.store_id(),
                                    due.vehicle_id(),
                                    events::FromProto(due.service_due_date())};
        request.holiday = HolidayWord(due.holiday());
        request.template_id = due.template_id();
        request.campaign_id = due.campaign_id();
        request.channel_plan_id = due.channel_plan_id();
        return Send(app, request);
      })
      .On<survey_pb::SurveyIssued>([&app](const survey_pb::SurveyIssued& issued) -> Status {
        if (Status valid = events::RequireFields(
                "SurveyIssued", {{"survey_id", issued.survey_id()}, {"customer_id", issued.customer_id()}});
            !valid.ok()) {
          return valid;
        }
        domain::SendRequest request{issued.survey_id(),
                                    1,
                                    domain::CareKind::kSurveyInvitation,
                                    issued.customer_id(),
                                    issued.store_id(),
                                    issued.vehicle_id(),
                                    Date{},
                                    issued.kind() == survey_pb::SURVEY_KIND_SALES_DELIVERY};
        request.answer_url = issued.answer_url();  // the answer page's link (${survey_link}); empty: none
        if (request.about_delivery) {
          // The 3-day call after a delivery: the care desk calls and enters the answers
          // (docs/call-tasks.md); the one reminder to a non-responder is a message with the link.
          request.channel_plan_id = std::string(domain::kCareDeskCallPlanId);
        }
        return Send(app, request);
      })
      .On<survey_pb::SurveyReminded>([&app](const survey_pb::SurveyReminded& reminded) -> Status {
        // The one reminder to a non-responder: occurrence 2 of the survey's messages, never after expiry.
        if (Status valid = events::RequireFields(
                "SurveyReminded", {{"survey_id", reminded.survey_id()}, {"customer_id", reminded.customer_id()}});
            !valid.ok()) {
          return valid;
        }
        if (!reminded.has_expires_at()) {
          return InvalidArgument("SurveyReminded.expires_at", "is required");
        }
        domain::SendRequest request{reminded.survey_id(),
                                    2,
                                    domain::CareKind::kSurveyInvitation,
                                    reminded.customer_id(),
                                    reminded.store_id(),
                                    reminded.vehicle_id(),
                                    Date{},
                                    reminded.kind() == survey_pb::SURVEY_KIND_SALES_DELIVERY};
        request.answer_url = reminded.answer_url();
        request.not_after = events::FromTimestamp(reminded.expires_at());
        return Send(app, request);
      });
}

}  // namespace careloop::dispatch::adapters
