// DispatchApp's look-ups of the store's contact policy, template and complaint pause (the ports
// main.cc hands it), with the settings' policy and templates when none is wired.
#include "services/dispatch/app/contact_policy_app.h"
#include "services/dispatch/app/dispatch_app.h"

namespace careloop::dispatch::app {

domain::StorePolicy DispatchApp::PolicyOf(const std::string& store_id) const {
  if (policies_ != nullptr) {
    return policies_->PolicyOf(store_id);
  }
  domain::StorePolicy policy = GroupPolicy(policy_);
  policy.store_id = store_id;
  return policy;
}

std::optional<domain::Template> DispatchApp::TemplateOf(const std::string& store_id, const std::string& name) const {
  if (template_book_ != nullptr) {
    return template_book_->Find(store_id, name);
  }
  const auto found = templates_.find(name);
  return found == templates_.end() ? std::nullopt : std::optional(found->second);
}

bool DispatchApp::MarketingPaused(const domain::SendRequest& request) const {
  return paused_ != nullptr && domain::ClassOf(request.kind) == domain::MessageClass::kMarketing &&
         paused_->IsPaused(request.customer_id);
}

}  // namespace careloop::dispatch::app
