#include "common/clock/clock_service.h"

#include <google/protobuf/util/time_util.h>

#include "common/events/proto_event.h"
#include "common/log/log.h"

namespace careloop::clock {
namespace {

namespace pb = admin::v1;
using google::protobuf::util::TimeUtil;

// Far enough for any demo, near enough that no instant overflows.
constexpr int64_t kMaxAdvanceSeconds = int64_t{100} * 366 * 24 * 3600;

}  // namespace

ClockApi::ClockApi(Clock& clock, grpcx::HandlerContext handler)
    : clock_(clock), settable_(dynamic_cast<SettableClock*>(&clock)), handler_(handler) {}

pb::ClockMode ClockApi::mode() const {
  return settable_ != nullptr ? pb::CLOCK_MODE_SIMULATED : pb::CLOCK_MODE_SYSTEM;
}

Result<SettableClock*> ClockApi::Settable(const auth::Principal& caller) const {
  if (Status allowed = caller.RequireRole({auth::Role::kAdmin}); !allowed.ok()) {
    return allowed.error();
  }
  if (settable_ == nullptr) {
    return Error{ErrorCode::kFailedPrecondition, "", "this deployment runs on the system clock"};
  }
  return settable_;
}

grpc::ServerUnaryReactor* ClockApi::GetTime(grpc::CallbackServerContext* context, const pb::GetTimeRequest* /*request*/,
                                            pb::GetTimeResponse* response) {
  return grpcx::RunUnary(context, handler_, "GetTime", [&](const auth::Principal& /*caller*/) -> Status {
    *response->mutable_now() = events::ToTimestamp(clock_.Now());
    response->set_mode(mode());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* ClockApi::SetTime(grpc::CallbackServerContext* context, const pb::SetTimeRequest* request,
                                            pb::SetTimeResponse* response) {
  return grpcx::RunUnary(context, handler_, "SetTime", [&](const auth::Principal& caller) -> Status {
    auto settable = Settable(caller);
    if (!settable.ok()) {
      return settable.error();
    }
    if (!request->has_time()) {
      return InvalidArgument("time", "is required");
    }
    const auto& time = request->time();
    if (time.seconds() <= 0 || time.seconds() > TimeUtil::kTimestampMaxSeconds || time.nanos() < 0 ||
        time.nanos() > 999'999'999) {
      return InvalidArgument("time", "must be after 1970-01-01T00:00:00Z and before the year 10000");
    }
    const Instant before = clock_.Now();
    (*settable)->Set(events::FromTimestamp(request->time()));
    const Instant now = clock_.Now();
    log::Info("simulated clock set",
              {{"caller", caller.name}, {"from", FormatRfc3339(before)}, {"to", FormatRfc3339(now)}});
    *response->mutable_now() = events::ToTimestamp(now);
    response->set_mode(mode());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* ClockApi::AdvanceTime(grpc::CallbackServerContext* context,
                                                const pb::AdvanceTimeRequest* request,
                                                pb::AdvanceTimeResponse* response) {
  return grpcx::RunUnary(context, handler_, "AdvanceTime", [&](const auth::Principal& caller) -> Status {
    auto settable = Settable(caller);
    if (!settable.ok()) {
      return settable.error();
    }
    const auto& by = request->by();
    if (!request->has_by() || (by.seconds() == 0 && by.nanos() == 0)) {
      return InvalidArgument("by", "is required and must not be zero");
    }
    if (by.seconds() > kMaxAdvanceSeconds || by.seconds() < -kMaxAdvanceSeconds) {
      return InvalidArgument("by", "must be at most 100 years either way");
    }
    const Instant before = clock_.Now();
    (*settable)->Advance(Millis{TimeUtil::DurationToMilliseconds(by)});
    const Instant now = clock_.Now();
    log::Info("simulated clock advanced",
              {{"caller", caller.name}, {"from", FormatRfc3339(before)}, {"to", FormatRfc3339(now)}});
    *response->mutable_now() = events::ToTimestamp(now);
    response->set_mode(mode());
    return Ok{};
  });
}

}  // namespace careloop::clock
