#pragma once

#include "careloop/dispatch/v1/dispatch_service.grpc.pb.h"
#include "common/grpc/server.h"
#include "services/dispatch/app/call_tasks_app.h"
#include "services/dispatch/app/channel_plans_app.h"
#include "services/dispatch/app/contact_policy_app.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/receipts_app.h"
#include "services/dispatch/app/templates_app.h"
#include "services/dispatch/app/wechat_follows.h"

namespace careloop::dispatch::adapters {

/// careloop.dispatch.v1.DispatchService. Methods not overridden answer UNIMPLEMENTED.
class DispatchApi final : public careloop::dispatch::v1::DispatchService::CallbackService {
 public:
  DispatchApi(app::DispatchApp& app, grpcx::HandlerContext handler) : app_(app), handler_(handler) {}
  /// The templates and contact policy use cases (grpc_api_policy.cc); without them those RPCs
  /// answer FAILED_PRECONDITION.
  void UsePolicies(app::TemplatesApp& templates, app::ContactPolicyApp& policies) {
    templates_ = &templates;
    policies_ = &policies;
  }
  /// Where ReceiveInbound's DELIVERY_RECEIPT callbacks go (grpc_api_receipts.cc).
  void UseReceipts(app::ReceiptsApp& receipts) { receipts_ = &receipts; }
  /// Channel plans and WeChat follow state (grpc_api_channel_plans.cc); without them those
  /// calls answer FAILED_PRECONDITION.
  void UsePlans(app::ChannelPlansApp& plans, app::WeChatFollows& follows) {
    plans_ = &plans;
    follows_ = &follows;
  }

  grpc::ServerUnaryReactor* ListMessages(grpc::CallbackServerContext* context,
                                         const careloop::dispatch::v1::ListMessagesRequest* request,
                                         careloop::dispatch::v1::ListMessagesResponse* response) override;
  /// One message with its attempts (grpc_api_messages.cc).
  grpc::ServerUnaryReactor* GetMessage(grpc::CallbackServerContext* context,
                                       const careloop::dispatch::v1::GetMessageRequest* request,
                                       careloop::dispatch::v1::GetMessageResponse* response) override;
  grpc::ServerUnaryReactor* ListChannelPlans(grpc::CallbackServerContext* context,
                                             const careloop::dispatch::v1::ListChannelPlansRequest* request,
                                             careloop::dispatch::v1::ListChannelPlansResponse* response) override;
  grpc::ServerUnaryReactor* UpsertChannelPlan(grpc::CallbackServerContext* context,
                                              const careloop::dispatch::v1::UpsertChannelPlanRequest* request,
                                              careloop::dispatch::v1::UpsertChannelPlanResponse* response) override;
  /// Provider callbacks: replies (SMS uplink, WeChat message), delivery receipts and WeChat
  /// follows (SUBSCRIPTION).
  grpc::ServerUnaryReactor* ReceiveInbound(grpc::CallbackServerContext* context,
                                           const careloop::dispatch::v1::ReceiveInboundRequest* request,
                                           careloop::dispatch::v1::ReceiveInboundResponse* response) override;
  // grpc_api_policy.cc
  grpc::ServerUnaryReactor* ListTemplates(grpc::CallbackServerContext* context,
                                          const careloop::dispatch::v1::ListTemplatesRequest* request,
                                          careloop::dispatch::v1::ListTemplatesResponse* response) override;
  grpc::ServerUnaryReactor* UpsertTemplate(grpc::CallbackServerContext* context,
                                           const careloop::dispatch::v1::UpsertTemplateRequest* request,
                                           careloop::dispatch::v1::UpsertTemplateResponse* response) override;
  grpc::ServerUnaryReactor* PreviewTemplate(grpc::CallbackServerContext* context,
                                            const careloop::dispatch::v1::PreviewTemplateRequest* request,
                                            careloop::dispatch::v1::PreviewTemplateResponse* response) override;
  grpc::ServerUnaryReactor* GetContactPolicy(grpc::CallbackServerContext* context,
                                             const careloop::dispatch::v1::GetContactPolicyRequest* request,
                                             careloop::dispatch::v1::GetContactPolicyResponse* response) override;
  grpc::ServerUnaryReactor* UpdateContactPolicy(grpc::CallbackServerContext* context,
                                                const careloop::dispatch::v1::UpdateContactPolicyRequest* request,
                                                careloop::dispatch::v1::UpdateContactPolicyResponse* response) override;

  /// Staff call tasks (grpc_api_call_tasks.cc); main.cc wires CallTasksApp with UseCallTasks.
  void UseCallTasks(app::CallTasksApp& tasks) { call_tasks_ = &tasks; }
  grpc::ServerUnaryReactor* ListCallTasks(grpc::CallbackServerContext* context,
                                          const careloop::dispatch::v1::ListCallTasksRequest* request,
                                          careloop::dispatch::v1::ListCallTasksResponse* response) override;
  grpc::ServerUnaryReactor* CompleteCallTask(grpc::CallbackServerContext* context,
                                             const careloop::dispatch::v1::CompleteCallTaskRequest* request,
                                             careloop::dispatch::v1::CompleteCallTaskResponse* response) override;
  grpc::ServerUnaryReactor* GetFollowUpReport(grpc::CallbackServerContext* context,
                                              const careloop::dispatch::v1::GetFollowUpReportRequest* request,
                                              careloop::dispatch::v1::GetFollowUpReportResponse* response) override;

 private:
  grpc::ServerUnaryReactor* ReceiveReceipt(grpc::CallbackServerContext* context,
                                           const careloop::dispatch::v1::ReceiveInboundRequest* request,
                                           careloop::dispatch::v1::ReceiveInboundResponse* response);
  /// A WeChat follow or unfollow push (ReceiveInbound kind SUBSCRIPTION).
  [[nodiscard]] Status ReceiveSubscription(const auth::Principal& caller,
                                           const careloop::dispatch::v1::ReceiveInboundRequest& request,
                                           careloop::dispatch::v1::ReceiveInboundResponse& response);

  app::DispatchApp& app_;
  app::ReceiptsApp* receipts_ = nullptr;
  app::ChannelPlansApp* plans_ = nullptr;
  app::WeChatFollows* follows_ = nullptr;
  grpcx::HandlerContext handler_;
  app::TemplatesApp* templates_ = nullptr;
  app::ContactPolicyApp* policies_ = nullptr;
  app::CallTasksApp* call_tasks_ = nullptr;
};

}  // namespace careloop::dispatch::adapters
