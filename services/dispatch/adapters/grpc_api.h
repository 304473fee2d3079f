#pragma once

#include "careloop/dispatch/v1/dispatch_service.grpc.pb.h"
#include "common/grpc/server.h"
#include "services/dispatch/app/call_tasks_app.h"
#include "services/dispatch/app/dispatch_app.h"

namespace careloop::dispatch::adapters {

/// careloop.dispatch.v1.DispatchService. Methods not overridden answer UNIMPLEMENTED.
class DispatchApi final : public careloop::dispatch::v1::DispatchService::CallbackService {
 public:
  DispatchApi(app::DispatchApp& app, grpcx::HandlerContext handler) : app_(app), handler_(handler) {}

  grpc::ServerUnaryReactor* ListMessages(grpc::CallbackServerContext* context,
                                         const careloop::dispatch::v1::ListMessagesRequest* request,
                                         careloop::dispatch::v1::ListMessagesResponse* response) override;
  /// Provider callbacks. Replies (SMS uplink, WeChat message) are handled; delivery receipts and
  /// WeChat follows answer INVALID_ARGUMENT naming `kind` until the WeChat channel lands.
  grpc::ServerUnaryReactor* ReceiveInbound(grpc::CallbackServerContext* context,
                                           const careloop::dispatch::v1::ReceiveInboundRequest* request,
                                           careloop::dispatch::v1::ReceiveInboundResponse* response) override;

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
  app::DispatchApp& app_;
  grpcx::HandlerContext handler_;
  app::CallTasksApp* call_tasks_ = nullptr;
};

}  // namespace careloop::dispatch::adapters
