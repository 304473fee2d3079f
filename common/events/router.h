#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "common/events/proto_event.h"
#include "common/kafka/consumer.h"

namespace careloop::events {

/// Our Error as the consumer's decision — the Kafka counterpart of grpcx::ToGrpcStatus: Ok is
/// Done; a retryable error (Redis or a peer unreachable) is Retry, so the same event comes back;
/// any other error means the event can never be handled (it names no customer, a value is out of
/// range …) and is Poison, dead-lettered with the error's text as the reason.
[[nodiscard]] kafka::HandlerResult ToHandlerResult(const Status& status);

/// The one way a service handles consumed events: typed handlers per event type, chosen by
/// ce_type. A type may have several handlers (one per concern of the service, each registered
/// next to its use case); they run in the order registered and the first error stops the event,
/// which then comes back whole on Retry — so every handler must be idempotent, as all are. A payload that does not
/// decode as its type is poison; a type nobody registered is skipped (new event types may appear at any time: that is
/// compatible evolution). Handlers return a Status and never catch exceptions by hand: the consumer retries an event
/// whose handler threw (e.g. RedisUnavailable) and dead-letters it when the retries run out.
///
///   kafka::Handler handler = events::Router()
///       .On<customer_pb::VehicleDelivered>([&](const auto& e) { return app.OnVehicleDelivered(...); })
///       .On<customer_pb::ServiceVisitRecorded>(...);
class Router final {
 public:
  /// Routes events of protobuf type `Event` to `handler`.
  template <typename Event>
  Router& On(std::function<Status(const Event&)> handler) {
    routes_[Event::descriptor()->full_name()].push_back([handler = std::move(handler)](const kafka::CloudEvent& event) {
      Event decoded;
      if (!Decode(event, decoded)) {
        return Status(
            Error{ErrorCode::kInvalidArgument, "data", std::string(Event::descriptor()->name()) + " does not decode"});
      }
      return handler(decoded);
    });
    return *this;
  }

  /// The consumer's handler: routes, runs and maps the outcome with ToHandlerResult.
  kafka::HandlerResult operator()(const kafka::CloudEvent& event) const;

 private:
  std::map<std::string, std::vector<std::function<Status(const kafka::CloudEvent&)>>, std::less<>> routes_;
};

/// INVALID_ARGUMENT naming the first of `fields` (as "Type.field") whose value is empty — the
/// usual check that an event names what it is about. Ok when none is empty.
[[nodiscard]] Status RequireFields(std::string_view type,
                                   std::initializer_list<std::pair<std::string_view, std::string_view>> fields);

}  // namespace careloop::events
