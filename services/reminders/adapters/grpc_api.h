#pragma once

#include "careloop/reminder/v1/reminders_service.grpc.pb.h"
#include "common/grpc/server.h"
#include "services/reminders/app/reminders_app.h"
#include "services/reminders/app/rules_app.h"

namespace careloop::reminders::adapters {

/// careloop.reminder.v1.RemindersService. Methods not overridden answer UNIMPLEMENTED.
class RemindersApi final : public careloop::reminder::v1::RemindersService::CallbackService {
 public:
  RemindersApi(app::RemindersApp& app, app::RulesApp& rules, grpcx::HandlerContext handler)
      : app_(app), rules_(rules), handler_(handler) {}

  grpc::ServerUnaryReactor* ListReminders(grpc::CallbackServerContext* context,
                                          const careloop::reminder::v1::ListRemindersRequest* request,
                                          careloop::reminder::v1::ListRemindersResponse* response) override;

  grpc::ServerUnaryReactor* GetReminder(grpc::CallbackServerContext* context,
                                        const careloop::reminder::v1::GetReminderRequest* request,
                                        careloop::reminder::v1::GetReminderResponse* response) override;

  grpc::ServerUnaryReactor* CancelReminder(grpc::CallbackServerContext* context,
                                           const careloop::reminder::v1::CancelReminderRequest* request,
                                           careloop::reminder::v1::CancelReminderResponse* response) override;

  // Rules: grpc_api_rules.cc.
  grpc::ServerUnaryReactor* ListRules(grpc::CallbackServerContext* context,
                                      const careloop::reminder::v1::ListRulesRequest* request,
                                      careloop::reminder::v1::ListRulesResponse* response) override;
  grpc::ServerUnaryReactor* UpsertRule(grpc::CallbackServerContext* context,
                                       const careloop::reminder::v1::UpsertRuleRequest* request,
                                       careloop::reminder::v1::UpsertRuleResponse* response) override;

 private:
  app::RemindersApp& app_;
  app::RulesApp& rules_;
  grpcx::HandlerContext handler_;
};

}  // namespace careloop::reminders::adapters
