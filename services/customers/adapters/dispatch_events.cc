#include "services/customers/adapters/dispatch_events.h"

#include "careloop/dispatch/v1/events.pb.h"
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

// What a dispatch event adds to the customer's history.
struct Contact final {
  domain::ContactEntry entry;
  bool opt_out = false;
};

// Routes `Event` (which always names its customer) to CustomersApp::OnContact, described by `describe`.
template <typename Event>
void RouteContact(events::Router& routes, app::CustomersApp& app,
                  std::function<Result<Contact>(const Event&)> describe) {
  routes.On<Event>([&app, describe = std::move(describe)](const Event& event) -> Status {
    if (Status valid = events::RequireFields(Event::descriptor()->name(), {{"customer_id", event.customer_id()}});
        !valid.ok()) {
      return valid;
    }
    auto contact = describe(event);
    if (!contact.ok()) {
      return contact.error();
    }
    return app.OnContact(event.customer_id(), contact->entry, contact->opt_out);
  });
}

}  // namespace

DispatchEventHandler::DispatchEventHandler(app::CustomersApp& app) {
  RouteContact<dispatch_pb::MessageSent>(routes_, app, [](const dispatch_pb::MessageSent& sent) -> Result<Contact> {
    const auto channel = ChannelFromProto(sent.channel()).value_or(domain::Channel::kSms);
    const std::string summary =
        std::string(sent.marketing() ? "marketing" : "care") + " message sent via " + sent.provider();
    return Contact{{sent.message_id(), channel, false, summary, events::FromTimestamp(sent.sent_at())}};
  });
  RouteContact<dispatch_pb::MessageFailed>(
      routes_, app, [](const dispatch_pb::MessageFailed& failed) -> Result<Contact> {
        const auto channel = ChannelFromProto(failed.channel()).value_or(domain::Channel::kSms);
        return Contact{{failed.message_id(), channel, false, "message failed (" + failed.error_code() + ")",
                        events::FromTimestamp(failed.occurred_at())}};
      });
  // A delivery receipt: the customer's timeline shows the message reached them. An undelivered one
  // is shown by its MessageFailed (dispatch publishes both), so it is not shown twice.
  routes_.On<dispatch_pb::MessageDelivered>([&app](const dispatch_pb::MessageDelivered& receipt) -> Status {
    if (receipt.state() != dispatch_pb::DELIVERY_STATE_DELIVERED) {
      return Ok{};
    }
    if (Status valid = events::RequireFields("MessageDelivered", {{"customer_id", receipt.customer_id()}});
        !valid.ok()) {
      return valid;
    }
    const auto channel = ChannelFromProto(receipt.channel()).value_or(domain::Channel::kSms);
    const Instant at =
        events::FromTimestamp(receipt.has_delivered_at() ? receipt.delivered_at() : receipt.occurred_at());
    const std::string code = receipt.status_code().empty() ? "" : " (" + receipt.status_code() + ")";
    return app.OnContact(receipt.customer_id(), {receipt.message_id(), channel, false, "message delivered" + code, at},
                         false);
  });
  RouteContact<dispatch_pb::InboundReplyReceived>(
      routes_, app, [](const dispatch_pb::InboundReplyReceived& reply) -> Result<Contact> {
        const auto channel = ChannelFromProto(reply.channel());
        if (!channel) {
          return InvalidArgument("InboundReplyReceived.channel", "names no channel with consent");
        }
        return Contact{{reply.inbound_id(), *channel, true, ReplyText(reply.classification()),
                        events::FromTimestamp(reply.received_at())},
                       reply.classification() == dispatch_pb::REPLY_CLASSIFICATION_OPT_OUT};
      });
  RouteContact<dispatch_pb::CallTaskCompleted>(
      routes_, app, [](const dispatch_pb::CallTaskCompleted& call) -> Result<Contact> {
        return Contact{
            {call.call_task_id(), domain::Channel::kPhoneCall, false,
             "call completed by " + call.completed_by() + " (" + dispatch_pb::CallOutcome_Name(call.outcome()) + ")",
             events::FromTimestamp(call.completed_at())}};
      });
}

}  // namespace careloop::customers::adapters
