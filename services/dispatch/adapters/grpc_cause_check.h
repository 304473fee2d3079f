#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "careloop/reminder/v1/reminders_service.grpc.pb.h"
#include "services/dispatch/app/ports.h"

namespace careloop::dispatch::adapters {

/// CauseCheck over the reminders service's GetReminder (GetReminders for many), with this service's own bearer token:
/// a reminder (maintenance, renewal) is still wanted while its status is DUE (fired and not
/// answered by a visit or a renewal, cancelled or missed). Survey invitations are wanted: the surveys service issues
/// them only inside their answer window. Each call has a deadline, so a slow peer cannot stall a consumer.
class GrpcCauseCheck final : public app::CauseCheck {
 public:
  GrpcCauseCheck(const std::string& reminders_address, std::string service_token,
                 std::chrono::milliseconds deadline = std::chrono::milliseconds(3000));
  [[nodiscard]] Result<bool> StillWanted(const domain::SendRequest& request) override;
  /// One GetReminders call per kMaxPerCall reminders (a campaign batch's pass); the same answer
  /// per request as StillWanted.
  [[nodiscard]] Result<std::vector<bool>> StillWantedMany(const std::vector<domain::SendRequest>& requests) override;

  static constexpr size_t kMaxPerCall = 500;  ///< GetReminders takes 1 to 500 ids

 private:
  std::unique_ptr<careloop::reminder::v1::RemindersService::Stub> stub_;
  std::string token_;
  std::chrono::milliseconds deadline_;
};

}  // namespace careloop::dispatch::adapters
