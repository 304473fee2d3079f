#include "services/dispatch/adapters/grpc_api.h"

#include "common/events/enum_input.h"
#include "common/events/proto_event.h"
#include "services/dispatch/adapters/enum_tables.h"
#include "services/dispatch/adapters/proto_mapping.h"

namespace careloop::dispatch::adapters {

grpc::ServerUnaryReactor* DispatchApi::ReceiveInbound(grpc::CallbackServerContext* context,
                                                      const pb::ReceiveInboundRequest* request,
                                                      pb::ReceiveInboundResponse* response) {
  if (request->kind() == pb::INBOUND_KIND_DELIVERY_RECEIPT && receipts_ != nullptr) {
    return ReceiveReceipt(context, request, response);
  }
  return grpcx::RunUnary(context, handler_, "ReceiveInbound", [&](const auth::Principal& caller) -> Status {
    if (request->kind() == pb::INBOUND_KIND_SUBSCRIPTION) {
      return ReceiveSubscription(caller, *request, *response);
    }
    if (request->kind() != pb::INBOUND_KIND_REPLY) {
      return InvalidArgument("kind",
                             "this version handles REPLY callbacks; delivery receipts and WeChat follows "
                             "come with the WeChat channel");
    }
    if (request->channel() != careloop::common::v1::CHANNEL_SMS &&
        request->channel() != careloop::common::v1::CHANNEL_WECHAT) {
      return InvalidArgument("channel", "a reply comes by SMS or WECHAT");
    }
    auto receipt = app_.ReceiveReply(caller, request->provider(), request->provider_event_id(),
                                     request->channel() == careloop::common::v1::CHANNEL_WECHAT, request->sender(),
                                     request->text(), request->correlation_id(),
                                     request->has_event_at() ? events::FromTimestamp(request->event_at()) : Instant{});
    if (!receipt.ok()) {
      return receipt.error();
    }
    if (receipt->matched) {
      response->set_inbound_id(receipt->reply.inbound_id);
      response->set_customer_id(receipt->reply.customer_id);
      response->set_message_id(receipt->reply.message_id);
      response->set_classification(ToProto(receipt->reply.meaning.kind));
    }
    response->set_duplicate(receipt->duplicate);
    return Ok{};
  });
}

}  // namespace careloop::dispatch::adapters
