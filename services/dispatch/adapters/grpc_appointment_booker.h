#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "careloop/reminder/v1/reminders_service.grpc.pb.h"
#include "services/dispatch/app/call_task_ports.h"

namespace careloop::dispatch::adapters {

/// AppointmentBooker over the reminders service's BookAppointment, with this service's own
/// bearer token. The reminders service's INVALID_ARGUMENT / FAILED_PRECONDITION come back as
/// they are (field and reason); anything else is UNAVAILABLE. Each call has a deadline.
class GrpcAppointmentBooker final : public app::AppointmentBooker {
 public:
  GrpcAppointmentBooker(const std::string& reminders_address, std::string service_token,
                        std::chrono::milliseconds deadline = std::chrono::milliseconds(3000));
  [[nodiscard]] Result<std::string> Book(const app::AppointmentOrder& order) override;

 private:
  std::unique_ptr<careloop::reminder::v1::RemindersService::Stub> stub_;
  std::string token_;
  std::chrono::milliseconds deadline_;
};

}  // namespace careloop::dispatch::adapters
