#pragma once

#include "common/kafka/consumer.h"
#include "services/customers/app/customers_app.h"

namespace careloop::customers::adapters {

/// Consumes careloop.dispatch.v1 into the customers' history (沟通记录): messages sent or
/// failed, inbound replies (an opt-out reply denies consent on its channel) and completed
/// call tasks. Poison events (undecodable, no customer id) go to the dead-letter topic.
class DispatchEventHandler final {
 public:
  explicit DispatchEventHandler(app::CustomersApp& app) : app_(app) {}
  kafka::HandlerResult operator()(const kafka::CloudEvent& event);

 private:
  app::CustomersApp& app_;
};

}  // namespace careloop::customers::adapters
