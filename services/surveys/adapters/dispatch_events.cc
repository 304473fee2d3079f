#include "services/surveys/adapters/dispatch_events.h"

#include "careloop/dispatch/v1/events.pb.h"
#include "services/surveys/adapters/enum_tables.h"

namespace careloop::surveys::adapters {

void RouteSurveyReplies(events::Router& routes, app::AnswersApp& answers) {
  namespace dispatch_pb = careloop::dispatch::v1;
  routes.On<dispatch_pb::InboundReplyReceived>([&answers](const dispatch_pb::InboundReplyReceived& reply) -> Status {
    if (reply.classification() != dispatch_pb::REPLY_CLASSIFICATION_SURVEY_ANSWER) {
      return Ok{};
    }
    if (Status valid = events::RequireFields(
            "InboundReplyReceived", {{"inbound_id", reply.inbound_id()}, {"customer_id", reply.customer_id()}});
        !valid.ok()) {
      return valid;
    }
    app::SmsScore score;
    score.inbound_id = reply.inbound_id();
    score.customer_id = reply.customer_id();
    score.survey_id = reply.survey_id();
    score.score = reply.survey_score();
    score.channel = kAnswerChannels.FromProto(reply.channel()).value_or(domain::AnswerChannel::kSms);
    score.received_at = events::FromTimestamp(reply.received_at());
    return answers.OnSmsScore(score);
  });
}

}  // namespace careloop::surveys::adapters
