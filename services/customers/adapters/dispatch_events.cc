#include "services/customers/adapters/dispatch_events.h"

#include "careloop/dispatch/v1/events.pb.h"
#include "common/events/proto_event.h"
#include "common/redis/client.h"
#include "services/customers/adapters/proto_mapping.h"

namespace careloop::customers::adapters {
namespace {

namespace dispatch_pb = careloop::dispatch::v1;

std::string ReplyText(dispatch_pb::ReplyClassification classification) {
  switch (classification) {
    case dispatch_pb::REPLY_CLASSIFICATION_OPT_OUT: return "replied: opt-out";
    case dispatch_pb::REPLY_CLASSIFICATION_OPT_IN: return "replied: opt-in";
    case dispatch_pb::REPLY_CLASSIFICATION_CONFIRM: return "replied: confirmed";
    case dispatch_pb::REPLY_CLASSIFICATION_CALLBACK_REQUEST: return "replied: asks to be called back";
    case dispatch_pb::REPLY_CLASSIFICATION_COMPLAINT: return "replied: complaint";
    case dispatch_pb::REPLY_CLASSIFICATION_SURVEY_ANSWER: return "replied: survey answer";
    default: return "replied";
  }
}

// Decodes `event` as `Message`; nullopt and a poison reason when it does not decode or names
// no customer.
template <typename Message>
std::optional<Message> DecodeFor(const kafka::CloudEvent& event, std::string* why) {
  Message message;
  if (!events::Decode(event, message) || message.customer_id().empty()) {
    *why = std::string(Message::descriptor()->name()) + " does not decode or has no customer_id";
    return std::nullopt;
  }
  return message;
}

}  // namespace

kafka::HandlerResult DispatchEventHandler::operator()(const kafka::CloudEvent& event) {
  std::string why;
  try {
    if (events::Is(event, dispatch_pb::MessageSent::default_instance())) {
      auto sent = DecodeFor<dispatch_pb::MessageSent>(event, &why);
      if (!sent) {
        return kafka::HandlerResult::Poison(why);
      }
      const auto channel = ChannelFromProto(sent->channel()).value_or(domain::Channel::kSms);
      app_.OnContact(sent->customer_id(),
                     {sent->message_id(), channel, false,
                      std::string(sent->marketing() ? "marketing" : "care") + " message sent via " + sent->provider(),
                      events::FromTimestamp(sent->sent_at())},
                     false);
      return kafka::HandlerResult::Done();
    }
    if (events::Is(event, dispatch_pb::MessageFailed::default_instance())) {
      auto failed = DecodeFor<dispatch_pb::MessageFailed>(event, &why);
      if (!failed) {
        return kafka::HandlerResult::Poison(why);
      }
      const auto channel = ChannelFromProto(failed->channel()).value_or(domain::Channel::kSms);
      app_.OnContact(failed->customer_id(),
                     {failed->message_id(), channel, false, "message failed (" + failed->error_code() + ")",
                      events::FromTimestamp(failed->occurred_at())},
                     false);
      return kafka::HandlerResult::Done();
    }
    if (events::Is(event, dispatch_pb::InboundReplyReceived::default_instance())) {
      auto reply = DecodeFor<dispatch_pb::InboundReplyReceived>(event, &why);
      if (!reply) {
        return kafka::HandlerResult::Poison(why);
      }
      const auto channel = ChannelFromProto(reply->channel());
      if (!channel) {
        return kafka::HandlerResult::Poison("InboundReplyReceived names no channel with consent");
      }
      const bool opt_out = reply->classification() == dispatch_pb::REPLY_CLASSIFICATION_OPT_OUT;
      app_.OnContact(reply->customer_id(),
                     {reply->inbound_id(), *channel, true, ReplyText(reply->classification()),
                      events::FromTimestamp(reply->received_at())},
                     opt_out);
      return kafka::HandlerResult::Done();
    }
    if (events::Is(event, dispatch_pb::CallTaskCompleted::default_instance())) {
      auto call = DecodeFor<dispatch_pb::CallTaskCompleted>(event, &why);
      if (!call) {
        return kafka::HandlerResult::Poison(why);
      }
      app_.OnContact(
          call->customer_id(),
          {call->call_task_id(), domain::Channel::kPhoneCall, false,
           "call completed by " + call->completed_by() + " (" + dispatch_pb::CallOutcome_Name(call->outcome()) + ")",
           events::FromTimestamp(call->completed_at())},
          false);
      return kafka::HandlerResult::Done();
    }
    return kafka::HandlerResult::Done();
  } catch (const redis::RedisUnavailable& e) {
    return kafka::HandlerResult::Retry(e.what());
  }
}

}  // namespace careloop::customers::adapters
