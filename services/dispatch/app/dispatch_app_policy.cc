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

Result<std::string> DispatchApp::RenderForWeChat(const domain::WeChatTemplates& group,
                                                 const domain::SendRequest& request, Date today,
                                                 const std::map<std::string, std::string>& values,
                                                 std::string& template_id,
                                                 std::map<std::string, std::string>& data) const {
  std::optional<domain::WeChatTemplate> own;
  if (template_book_ != nullptr) {
    own = template_book_->FindWeChat(request.store_id, domain::TemplateNameFor(request, today));
    if (!own) {
      own = template_book_->FindWeChat(request.store_id, std::string(domain::CareKindName(request.kind)));
    }
  }
  const domain::WeChatTemplate* tmpl = own ? &*own : domain::WeChatTemplateFor(group, request, today);
  if (tmpl == nullptr) {
    return InvalidArgument("template", "no WeChat template for " + std::string(domain::CareKindName(request.kind)));
  }
  auto rendered = domain::RenderWeChatData(*tmpl, values);
  if (!rendered.ok()) {
    return rendered.error();
  }
  data = std::move(rendered).value();
  template_id = tmpl->template_id;
  return domain::WeChatLedgerText(*tmpl, data);
}

bool DispatchApp::MarketingPaused(const domain::SendRequest& request) const {
  return paused_ != nullptr && domain::ClassOf(request.kind) == domain::MessageClass::kMarketing &&
         paused_->IsPaused(request.customer_id);
}

}  // namespace careloop::dispatch::app
