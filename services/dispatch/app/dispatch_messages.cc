// DispatchApp::Get: one ledger message with every attempt, for the caller's stores only.
#include "services/dispatch/app/dispatch_app.h"

namespace careloop::dispatch::app {

Result<domain::Message> DispatchApp::Get(const auth::Principal& caller, const std::string& message_id) {
  if (message_id.empty()) {
    return InvalidArgument("message_id", "is required");
  }
  auto message = ledger_.Find(message_id);
  if (!message) {
    return Error{ErrorCode::kNotFound, "message_id", "no message '" + message_id + "'"};
  }
  if (!caller.MayAccessStore(message->store_id)) {
    return Error{ErrorCode::kPermissionDenied, "message_id",
                 "caller '" + caller.name + "' may not access store '" + message->store_id + "'"};
  }
  return std::move(*message);
}

}  // namespace careloop::dispatch::app
