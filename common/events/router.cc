#include "common/events/router.h"

namespace careloop::events {

kafka::HandlerResult ToHandlerResult(const Status& status) {
  if (status.ok()) {
    return kafka::HandlerResult::Done();
  }
  if (status.error().IsRetryable()) {
    return kafka::HandlerResult::Retry(status.error().ToString());
  }
  return kafka::HandlerResult::Poison(status.error().ToString());
}

kafka::HandlerResult Router::operator()(const kafka::CloudEvent& event) const {
  const auto route = routes_.find(event.type);
  if (route == routes_.end()) {
    return kafka::HandlerResult::Done();
  }
  for (const auto& handler : route->second) {
    if (Status status = handler(event); !status.ok()) {
      return ToHandlerResult(status);
    }
  }
  return kafka::HandlerResult::Done();
}

Status RequireFields(std::string_view type,
                     std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
  for (const auto& [name, value] : fields) {
    if (value.empty()) {
      return Error{ErrorCode::kInvalidArgument, std::string(type) + "." + std::string(name), "is required"};
    }
  }
  return Ok{};
}

}  // namespace careloop::events
