#include "services/dispatch/app/templates_app.h"

#include "common/log/log.h"

namespace careloop::dispatch::app {
namespace {

domain::StoreTemplate GroupDefault(const std::string& name, const domain::Template& tmpl) {
  domain::StoreTemplate out;
  out.template_id = name;
  out.kind = domain::KindOfTemplateName(name);
  out.channel = domain::TemplateChannel::kSms;
  out.name = name;
  out.body = tmpl.text;
  out.provider_template_code = tmpl.code;
  out.sign_name = tmpl.sign_name;
  return out;
}

}  // namespace

TemplatesApp::TemplatesApp(TemplateStore& templates, ContactDirectory& contacts, const clock::Clock& clock,
                           const config::StoreCatalog& stores, domain::Templates defaults)
    : templates_(templates), contacts_(contacts), clock_(clock), stores_(stores), defaults_(std::move(defaults)) {}

Status TemplatesApp::RequireKnownStore(const auth::Principal& caller, const std::string& store_id,
                                       const std::string& field) const {
  if (!caller.MayAccessStore(store_id)) {
    return Error{ErrorCode::kPermissionDenied, field,
                 "caller '" + caller.name + "' may not access store '" + store_id + "'"};
  }
  if (stores_.Find(store_id) == nullptr) {
    return Error{ErrorCode::kNotFound, field, "unknown store '" + store_id + "'"};
  }
  return Ok{};
}

Result<std::vector<domain::StoreTemplate>> TemplatesApp::List(const auth::Principal& caller,
                                                              const std::string& store_id,
                                                              std::optional<domain::CareKind> kind,
                                                              std::optional<domain::TemplateChannel> channel) {
  std::vector<domain::StoreTemplate> own;
  if (!store_id.empty()) {
    if (Status scope = RequireKnownStore(caller, store_id, "store_id"); !scope.ok()) {
      return scope.error();
    }
    own = templates_.ListByStore(store_id);
  }
  std::vector<domain::StoreTemplate> listed;
  const auto wanted = [&](const domain::StoreTemplate& tmpl) {
    return (!kind || tmpl.kind == *kind) && (!channel || tmpl.channel == *channel);
  };
  for (const auto& tmpl : own) {
    if (wanted(tmpl)) {
      listed.push_back(tmpl);
    }
  }
  for (const auto& [name, tmpl] : defaults_) {
    const bool overridden = std::any_of(own.begin(), own.end(), [&](const auto& mine) {
      return mine.channel == domain::TemplateChannel::kSms && mine.name == name && mine.enabled;
    });
    domain::StoreTemplate group = GroupDefault(name, tmpl);
    if (!overridden && wanted(group)) {
      listed.push_back(std::move(group));
    }
  }
  return listed;
}

Result<domain::StoreTemplate> TemplatesApp::Upsert(const auth::Principal& caller, domain::StoreTemplate tmpl) {
  if (Status role = caller.RequireRole({auth::Role::kAdmin, auth::Role::kManager}); !role.ok()) {
    return role.error();
  }
  if (!tmpl.store_id.empty()) {
    if (Status scope = RequireKnownStore(caller, tmpl.store_id, "message_template.store_id"); !scope.ok()) {
      return scope.error();
    }
  }
  auto checked = domain::CheckTemplate(std::move(tmpl));
  if (!checked.ok()) {
    return checked.error();
  }
  checked->updated_at = clock_.Now();
  templates_.Save(checked.value());
  log::Info("template saved", {{"template_id", checked->template_id}, {"by", caller.name}});
  return checked;
}

std::optional<domain::Template> TemplatesApp::Find(const std::string& store_id, const std::string& name) {
  if (auto own = templates_.Find(domain::StoreTemplateId(store_id, domain::TemplateChannel::kSms, name));
      own && own->enabled) {
    return domain::AsTemplate(*own);
  }
  if (auto group = defaults_.find(name); group != defaults_.end()) {
    return group->second;
  }
  return std::nullopt;
}

std::optional<domain::WeChatTemplate> TemplatesApp::FindWeChat(const std::string& store_id, const std::string& name) {
  if (auto own = templates_.Find(domain::StoreTemplateId(store_id, domain::TemplateChannel::kWechat, name));
      own && own->enabled) {
    return domain::AsWeChatTemplate(*own);
  }
  return std::nullopt;
}

Result<TemplatePreview> TemplatesApp::Preview(const auth::Principal& caller, const std::string& store_id,
                                              domain::CareKind kind, domain::TemplateChannel channel,
                                              const std::string& name, const std::string& customer_id) {
  if (Status scope = RequireKnownStore(caller, store_id, "store_id"); !scope.ok()) {
    return scope.error();
  }
  if (customer_id.empty()) {
    return InvalidArgument("customer_id", "is required: a preview renders for a real customer");
  }
  const std::string template_name = name.empty() ? std::string(domain::CareKindName(kind)) : name;
  if (!domain::IsTemplateNameOf(kind, template_name)) {
    return InvalidArgument(
        "name", "'" + template_name + "' is not a template of kind " + std::string(domain::CareKindName(kind)));
  }
  auto contact = contacts_.Lookup(customer_id);
  if (!contact.ok()) {
    return contact.error();
  }
  if (!caller.MayAccessStore(contact->store_id)) {
    return Error{ErrorCode::kPermissionDenied, "customer_id",
                 "caller '" + caller.name + "' may not access store '" + contact->store_id + "'"};
  }
  const config::StoreSettings* store = stores_.Find(store_id);
  const TimeZone& zone = stores_.ZoneOf(store_id);
  domain::StoreIdentity identity{store->signature.empty() ? store->name : store->signature, store->phone, &zone};

  TemplatePreview preview;
  domain::StoreTemplate chosen;
  if (auto own = templates_.Find(domain::StoreTemplateId(store_id, channel, template_name)); own && own->enabled) {
    chosen = *own;
    preview.store_template = true;
  } else if (auto group = defaults_.find(template_name);
             channel == domain::TemplateChannel::kSms && group != defaults_.end()) {
    chosen = GroupDefault(template_name, group->second);
  } else {
    return Error{ErrorCode::kNotFound, "name",
                 "store '" + store_id + "' has no " + std::string(domain::TemplateChannelName(channel)) +
                     " template '" + template_name + "' and the group has no default for it"};
  }
  preview.template_id = chosen.template_id;
  preview.provider_template_code = chosen.provider_template_code;

  domain::SendRequest request{"preview", 1, kind, customer_id, store_id};
  if (!contact->plates.empty()) {
    request.vehicle_id = contact->plates.begin()->first;
  }
  const std::set<std::string> provided = domain::PlaceholdersFor(kind, template_name);
  if (provided.contains("due_date")) {
    request.service_due_date = zone.DateAt(clock_.Now()).PlusDays(7);
  }
  std::map<std::string, std::string> values;
  if (template_name == domain::kSeveralCarsTemplate) {
    std::vector<domain::SendRequest> cars;
    for (const auto& [vehicle, plate] : contact->plates) {
      domain::SendRequest car = request;
      car.vehicle_id = vehicle;
      cars.push_back(car);
    }
    values = domain::SeveralCarsValues(cars, contact.value(), identity);
  } else {
    values = domain::TemplateValues(request, contact.value(), identity);
  }
  if (provided.contains("message")) {
    values["message"] = "（活动内容）";
  }
  for (const auto& placeholder : provided) {
    values.try_emplace(placeholder, "");  // a customer without a car on record: the place stays empty
  }
  if (!chosen.sign_name.empty()) {
    identity.signature = chosen.sign_name;
  }
  auto text = domain::ComposeText(domain::AsTemplate(chosen), values, identity);
  if (!text.ok()) {
    return text.error();
  }
  preview.text = text.value();
  for (const auto& keyword : chosen.keywords) {
    auto value = domain::RenderTemplate(keyword.value, values);
    if (!value.ok()) {
      return value.error();
    }
    preview.keywords.push_back({keyword.key, value.value()});
  }
  return preview;
}

}  // namespace careloop::dispatch::app
