#pragma once

#include "careloop/dispatch/v1/dispatch_service.grpc.pb.h"
#include "common/grpc/server.h"
#include "services/dispatch/app/dispatch_app.h"

namespace careloop::dispatch::adapters {

/// careloop.dispatch.v1.DispatchService. Methods not overridden answer UNIMPLEMENTED.
class DispatchApi final : public careloop::dispatch::v1::DispatchService::CallbackService {
 public:
  DispatchApi(app::DispatchApp& app, grpcx::HandlerContext handler) : app_(app), handler_(handler) {}

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
  app::DispatchApp& app_;
  grpcx::HandlerContext handler_;
};

}  // namespace careloop::dispatch::adapters
