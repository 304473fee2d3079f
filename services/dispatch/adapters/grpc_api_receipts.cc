// DispatchApi::ReceiveReceipt: ReceiveInbound(DELIVERY_RECEIPT), the same use case as the vendors'
// HTTP pushes (app::ReceiptsApp), for adapters and staff replaying a receipt.
#include "common/events/proto_event.h"
#include "services/dispatch/adapters/grpc_api.h"
#include "services/dispatch/adapters/proto_mapping.h"

namespace careloop::dispatch::adapters {

grpc::ServerUnaryReactor* DispatchApi::ReceiveReceipt(grpc::CallbackServerContext* context,
                                                      const pb::ReceiveInboundRequest* request,
                                                      pb::ReceiveInboundResponse* response) {
  return grpcx::RunUnary(context, handler_, "ReceiveInbound", [&](const auth::Principal& caller) -> Status {
    if (request->delivery_state() == pb::DELIVERY_STATE_UNSPECIFIED) {
      return InvalidArgument("delivery_state", "a receipt says DELIVERED or UNDELIVERED");
    }
    domain::DeliveryReceipt receipt;
    receipt.vendor = request->provider();
    receipt.message_id = request->correlation_id();
    receipt.provider_message_id = request->provider_message_id();
    receipt.delivered = request->delivery_state() == pb::DELIVERY_STATE_DELIVERED;
    receipt.status_code = request->status_code();
    receipt.at = request->has_event_at() ? events::FromTimestamp(request->event_at()) : Instant{};
    auto handled = receipts_->Receive(caller, receipt);
    if (!handled.ok()) {
      return handled.error();
    }
    response->set_message_id(handled->message_id);
    response->set_customer_id(handled->customer_id);
    response->set_duplicate(handled->effect == domain::ReceiptEffect::kAlreadyKnown);
    return Ok{};
  });
}

}  // namespace careloop::dispatch::adapters
