#pragma once

#include "careloop/admin/v1/clock_service.grpc.pb.h"
#include "common/clock/clock.h"
#include "common/grpc/server.h"

namespace careloop::clock {

/// careloop.admin.v1.ClockService over the clock a service runs on; every service serves it
/// (runtime::Runtime::Serve registers it). GetTime is open to every authenticated caller.
/// SetTime and AdvanceTime are for admins only and change the deployment's shared simulated
/// time; on the system clock they are FAILED_PRECONDITION "this deployment runs on the system
/// clock".
class ClockApi final : public admin::v1::ClockService::CallbackService {
 public:
  /// `clock` can be set when it is a SettableClock (the simulated clock); it must outlive this.
  ClockApi(Clock& clock, grpcx::HandlerContext handler);

  grpc::ServerUnaryReactor* GetTime(grpc::CallbackServerContext* context, const admin::v1::GetTimeRequest* request,
                                    admin::v1::GetTimeResponse* response) override;
  grpc::ServerUnaryReactor* SetTime(grpc::CallbackServerContext* context, const admin::v1::SetTimeRequest* request,
                                    admin::v1::SetTimeResponse* response) override;
  grpc::ServerUnaryReactor* AdvanceTime(grpc::CallbackServerContext* context,
                                        const admin::v1::AdvanceTimeRequest* request,
                                        admin::v1::AdvanceTimeResponse* response) override;

 private:
  /// The settable clock, after checking that the caller is an admin and the clock can be set.
  [[nodiscard]] Result<SettableClock*> Settable(const auth::Principal& caller) const;
  [[nodiscard]] admin::v1::ClockMode mode() const;

  Clock& clock_;
  SettableClock* settable_;  ///< null on the system clock
  grpcx::HandlerContext handler_;
};

}  // namespace careloop::clock
