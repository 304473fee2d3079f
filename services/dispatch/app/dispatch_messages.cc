// DispatchApp::Get and ListPage: one ledger message with every attempt, and a page of a
// customer's or a store's messages, for the caller's stores only.
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

Result<MessagePage> DispatchApp::ListPage(const auth::Principal& caller, const MessagePageQuery& query) {
  if (query.limit < 1 || query.limit > kMaxMessagePage) {
    return InvalidArgument("page.page_size", "must be 1–" + std::to_string(kMaxMessagePage));
  }
  if (pages_ == nullptr) {
    auto all = List(caller, query.customer_id, query.store_id);
    if (!all.ok()) {
      return all.error();
    }
    MessagePage page;
    page.total = all->size();
    page.messages = std::move(all).value();
    return page;
  }
  if (Status scope = auth::RequireListScope(caller, stores_, query.customer_id, query.store_id); !scope.ok()) {
    return scope.error();
  }
  MessagePage page = pages_->Page(query);
  for (const auto& message : page.messages) {  // a customer's messages may be of another store
    if (!caller.MayAccessStore(message.store_id)) {
      return Error{ErrorCode::kPermissionDenied, "customer_id",
                   "caller '" + caller.name + "' may not access store '" + message.store_id + "'"};
    }
  }
  return page;
}

}  // namespace careloop::dispatch::app
