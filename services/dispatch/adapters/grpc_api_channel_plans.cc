// DispatchService: ListChannelPlans, UpsertChannelPlan and ReceiveInbound's SUBSCRIPTION kind.
#include "common/events/proto_event.h"
#include "services/dispatch/adapters/channel_plan_mapping.h"
#include "services/dispatch/adapters/grpc_api.h"
#include "services/dispatch/adapters/proto_mapping.h"

namespace careloop::dispatch::adapters {
namespace {

Error NotWired(std::string_view what) {
  return Error{ErrorCode::kFailedPrecondition, "", std::string(what) + " are not configured in this dispatch"};
}

}  // namespace

grpc::ServerUnaryReactor* DispatchApi::ListChannelPlans(grpc::CallbackServerContext* context,
                                                        const pb::ListChannelPlansRequest* request,
                                                        pb::ListChannelPlansResponse* response) {
  return grpcx::RunUnary(context, handler_, "ListChannelPlans", [&](const auth::Principal& caller) -> Status {
    if (plans_ == nullptr) {
      return NotWired("channel plans");
    }
    auto plans = plans_->List(caller, request->store_id());
    if (!plans.ok()) {
      return plans.error();
    }
    for (const auto& plan : plans.value()) {
      *response->add_channel_plans() = ToProto(plan);
    }
    return Ok{};
  });
}

grpc::ServerUnaryReactor* DispatchApi::UpsertChannelPlan(grpc::CallbackServerContext* context,
                                                         const pb::UpsertChannelPlanRequest* request,
                                                         pb::UpsertChannelPlanResponse* response) {
  return grpcx::RunUnary(context, handler_, "UpsertChannelPlan", [&](const auth::Principal& caller) -> Status {
    if (plans_ == nullptr) {
      return NotWired("channel plans");
    }
    if (!request->has_channel_plan()) {
      return InvalidArgument("channel_plan", "is required");
    }
    auto plan = PlanFromProto(request->channel_plan());
    if (!plan.ok()) {
      return plan.error();
    }
    auto saved = plans_->Upsert(caller, std::move(plan).value());
    if (!saved.ok()) {
      return saved.error();
    }
    *response->mutable_channel_plan() = ToProto(saved.value());
    return Ok{};
  });
}

Status DispatchApi::ReceiveSubscription(const auth::Principal& caller, const pb::ReceiveInboundRequest& request,
                                        pb::ReceiveInboundResponse& response) {
  if (follows_ == nullptr) {
    return NotWired("WeChat follows");
  }
  if (request.provider() != "wechat") {
    return InvalidArgument("provider", "a SUBSCRIPTION push comes from 'wechat', got '" + request.provider() + "'");
  }
  if (request.channel() != careloop::common::v1::CHANNEL_WECHAT &&
      request.channel() != careloop::common::v1::CHANNEL_UNSPECIFIED) {
    return InvalidArgument("channel", "a SUBSCRIPTION push is about WECHAT");
  }
  auto changed = follows_->Record(caller, request.provider_event_id(), request.sender(), request.subscribed(),
                                  request.has_event_at() ? events::FromTimestamp(request.event_at()) : Instant{});
  if (!changed.ok()) {
    return changed.error();
  }
  response.set_duplicate(!changed.value());
  return Ok{};
}

}  // namespace careloop::dispatch::adapters
