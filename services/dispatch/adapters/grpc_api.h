#pragma once

#include "careloop/dispatch/v1/dispatch_service.grpc.pb.h"
#include "common/grpc/server.h"
#include "services/dispatch/app/channel_plans_app.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/wechat_follows.h"

namespace careloop::dispatch::adapters {

/// careloop.dispatch.v1.DispatchService. Methods not overridden answer UNIMPLEMENTED.
class DispatchApi final : public careloop::dispatch::v1::DispatchService::CallbackService {
 public:
  DispatchApi(app::DispatchApp& app, grpcx::HandlerContext handler) : app_(app), handler_(handler) {}
  /// Channel plans and WeChat follow state (grpc_api_channel_plans.cc); without them those
  /// calls answer FAILED_PRECONDITION.
  void UsePlans(app::ChannelPlansApp& plans, app::WeChatFollows& follows) {
    plans_ = &plans;
    follows_ = &follows;
  }

  grpc::ServerUnaryReactor* ListMessages(grpc::CallbackServerContext* context,
                                         const careloop::dispatch::v1::ListMessagesRequest* request,
                                         careloop::dispatch::v1::ListMessagesResponse* response) override;
  grpc::ServerUnaryReactor* ListChannelPlans(grpc::CallbackServerContext* context,
                                             const careloop::dispatch::v1::ListChannelPlansRequest* request,
                                             careloop::dispatch::v1::ListChannelPlansResponse* response) override;
  grpc::ServerUnaryReactor* UpsertChannelPlan(grpc::CallbackServerContext* context,
                                              const careloop::dispatch::v1::UpsertChannelPlanRequest* request,
                                              careloop::dispatch::v1::UpsertChannelPlanResponse* response) override;
  /// Provider callbacks. Replies (SMS uplink, WeChat message) and WeChat follows (SUBSCRIPTION)
  /// are handled; delivery receipts answer INVALID_ARGUMENT naming `kind` until receipts land.
  grpc::ServerUnaryReactor* ReceiveInbound(grpc::CallbackServerContext* context,
                                           const careloop::dispatch::v1::ReceiveInboundRequest* request,
                                           careloop::dispatch::v1::ReceiveInboundResponse* response) override;

 private:
  /// A WeChat follow or unfollow push (ReceiveInbound kind SUBSCRIPTION).
  [[nodiscard]] Status ReceiveSubscription(const auth::Principal& caller,
                                           const careloop::dispatch::v1::ReceiveInboundRequest& request,
                                           careloop::dispatch::v1::ReceiveInboundResponse& response);

  app::DispatchApp& app_;
  app::ChannelPlansApp* plans_ = nullptr;
  app::WeChatFollows* follows_ = nullptr;
  grpcx::HandlerContext handler_;
};

}  // namespace careloop::dispatch::adapters
