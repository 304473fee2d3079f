#pragma once

#include "common/events/router.h"
#include "services/customers/app/customers_app.h"

namespace careloop::customers::adapters {

/// Consumes careloop.dispatch.v1 into the customers' history (沟通记录): messages sent or
/// failed, inbound replies (an opt-out reply denies consent on its channel) and completed
/// call tasks. An event naming no customer is poison; a consent change that fails is retried
/// (or dead-lettered with its reason), never acknowledged as done.
class DispatchEventHandler final {
 public:
  explicit DispatchEventHandler(app::CustomersApp& app);
  kafka::HandlerResult operator()(const kafka::CloudEvent& event) const { return routes_(event); }

 private:
  events::Router routes_;
};

}  // namespace careloop::customers::adapters
