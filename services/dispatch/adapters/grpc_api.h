#pragma once

#include "careloop/dispatch/v1/dispatch_service.grpc.pb.h"
#include "common/grpc/server.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/receipts_app.h"

namespace careloop::dispatch::adapters {

/// careloop.dispatch.v1.DispatchService. Methods not overridden answer UNIMPLEMENTED.
class DispatchApi final : public careloop::dispatch::v1::DispatchService::CallbackService {
 public:
  DispatchApi(app::DispatchApp& app, grpcx::HandlerContext handler) : app_(app), handler_(handler) {}
  /// Where ReceiveInbound's DELIVERY_RECEIPT callbacks go (grpc_api_receipts.cc).
  void UseReceipts(app::ReceiptsApp& receipts) { receipts_ = &receipts; }

  grpc::ServerUnaryReactor* ListMessages(grpc::CallbackServerContext* context,
                                         const careloop::dispatch::v1::ListMessagesRequest* request,
                                         careloop::dispatch::v1::ListMessagesResponse* response) override;
  /// One message with its attempts (grpc_api_messages.cc).
  grpc::ServerUnaryReactor* GetMessage(grpc::CallbackServerContext* context,
                                       const careloop::dispatch::v1::GetMessageRequest* request,
                                       careloop::dispatch::v1::GetMessageResponse* response) override;
  /// Provider callbacks. Replies (SMS uplink, WeChat message) are handled; delivery receipts and
  /// WeChat follows answer INVALID_ARGUMENT naming `kind` until the WeChat channel lands.
  grpc::ServerUnaryReactor* ReceiveInbound(grpc::CallbackServerContext* context,
                                           const careloop::dispatch::v1::ReceiveInboundRequest* request,
                                           careloop::dispatch::v1::ReceiveInboundResponse* response) override;

 private:
  grpc::ServerUnaryReactor* ReceiveReceipt(grpc::CallbackServerContext* context,
                                           const careloop::dispatch::v1::ReceiveInboundRequest* request,
                                           careloop::dispatch::v1::ReceiveInboundResponse* response);

  app::DispatchApp& app_;
  app::ReceiptsApp* receipts_ = nullptr;
  grpcx::HandlerContext handler_;
};

}  // namespace careloop::dispatch::adapters
