// DispatchService's template and contact policy RPCs (the rest is in grpc_api.cc).
#include "services/dispatch/adapters/enum_tables.h"
#include "services/dispatch/adapters/grpc_api.h"
#include "services/dispatch/adapters/proto_mapping_policy.h"

namespace careloop::dispatch::adapters {
namespace {

Error NotWired(std::string_view what) {
  return Error{ErrorCode::kFailedPrecondition, "", std::string(what) + " are not configured in this process"};
}

}  // namespace

grpc::ServerUnaryReactor* DispatchApi::ListTemplates(grpc::CallbackServerContext* context,
                                                     const pb::ListTemplatesRequest* request,
                                                     pb::ListTemplatesResponse* response) {
  return grpcx::RunUnary(context, handler_, "ListTemplates", [&](const auth::Principal& caller) -> Status {
    if (templates_ == nullptr) {
      return NotWired("templates");
    }
    std::optional<domain::CareKind> kind;
    if (request->kind() != careloop::reminder::v1::REMINDER_KIND_UNSPECIFIED) {
      kind = kCareKinds.FromProto(request->kind());
      if (!kind) {
        return InvalidArgument("kind", "is not a known reminder kind (" + std::to_string(request->kind()) + ")");
      }
    }
    std::optional<domain::TemplateChannel> channel;
    if (request->channel() != careloop::common::v1::CHANNEL_UNSPECIFIED) {
      auto parsed = TemplateChannelFromProto(request->channel(), "channel");
      if (!parsed.ok()) {
        return parsed.error();
      }
      channel = parsed.value();
    }
    auto listed = templates_->List(caller, request->store_id(), kind, channel);
    if (!listed.ok()) {
      return listed.error();
    }
    for (const auto& tmpl : listed.value()) {
      *response->add_templates() = ToProto(tmpl);
    }
    return Ok{};
  });
}

grpc::ServerUnaryReactor* DispatchApi::UpsertTemplate(grpc::CallbackServerContext* context,
                                                      const pb::UpsertTemplateRequest* request,
                                                      pb::UpsertTemplateResponse* response) {
  return grpcx::RunUnary(context, handler_, "UpsertTemplate", [&](const auth::Principal& caller) -> Status {
    if (templates_ == nullptr) {
      return NotWired("templates");
    }
    auto tmpl = FromProto(request->message_template());
    if (!tmpl.ok()) {
      return tmpl.error();
    }
    auto saved = templates_->Upsert(caller, std::move(tmpl).value());
    if (!saved.ok()) {
      return saved.error();
    }
    *response->mutable_message_template() = ToProto(saved.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* DispatchApi::PreviewTemplate(grpc::CallbackServerContext* context,
                                                       const pb::PreviewTemplateRequest* request,
                                                       pb::PreviewTemplateResponse* response) {
  return grpcx::RunUnary(context, handler_, "PreviewTemplate", [&](const auth::Principal& caller) -> Status {
    if (templates_ == nullptr) {
      return NotWired("templates");
    }
    const auto kind = kCareKinds.FromProto(request->kind());
    if (!kind) {
      return InvalidArgument("kind", request->kind() == 0
                                         ? "is required"
                                         : "is not a known reminder kind (" + std::to_string(request->kind()) + ")");
    }
    auto channel = request->channel() == careloop::common::v1::CHANNEL_UNSPECIFIED
                       ? Result<domain::TemplateChannel>(domain::TemplateChannel::kSms)
                       : TemplateChannelFromProto(request->channel(), "channel");
    if (!channel.ok()) {
      return channel.error();
    }
    auto preview = templates_->Preview(caller, request->store_id(), *kind, channel.value(), request->name(),
                                       request->customer_id());
    if (!preview.ok()) {
      return preview.error();
    }
    auto* tmpl = response->mutable_message_template();
    tmpl->set_template_id(preview->template_id);
    tmpl->set_store_id(preview->store_template ? request->store_id() : "");
    tmpl->set_kind(request->kind());
    tmpl->set_channel(channel.value() == domain::TemplateChannel::kWechat ? careloop::common::v1::CHANNEL_WECHAT
                                                                          : careloop::common::v1::CHANNEL_SMS);
    tmpl->set_provider_template_code(preview->provider_template_code);
    response->set_text(preview->text);
    for (const auto& keyword : preview->keywords) {
      auto* added = response->add_keywords();
      added->set_key(keyword.key);
      added->set_value(keyword.value);
    }
    return Ok{};
  });
}

grpc::ServerUnaryReactor* DispatchApi::GetContactPolicy(grpc::CallbackServerContext* context,
                                                        const pb::GetContactPolicyRequest* request,
                                                        pb::GetContactPolicyResponse* response) {
  return grpcx::RunUnary(context, handler_, "GetContactPolicy", [&](const auth::Principal& caller) -> Status {
    if (policies_ == nullptr) {
      return NotWired("contact policies");
    }
    auto policy = policies_->Get(caller, request->store_id());
    if (!policy.ok()) {
      return policy.error();
    }
    *response->mutable_policy() = ToProto(policy.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* DispatchApi::UpdateContactPolicy(grpc::CallbackServerContext* context,
                                                           const pb::UpdateContactPolicyRequest* request,
                                                           pb::UpdateContactPolicyResponse* response) {
  return grpcx::RunUnary(context, handler_, "UpdateContactPolicy", [&](const auth::Principal& caller) -> Status {
    if (policies_ == nullptr) {
      return NotWired("contact policies");
    }
    auto values = FromProto(request->policy());
    if (!values.ok()) {
      return values.error();
    }
    const std::vector<std::string> mask(request->update_mask().paths().begin(), request->update_mask().paths().end());
    auto policy = policies_->Update(caller, values.value(), mask);
    if (!policy.ok()) {
      return policy.error();
    }
    *response->mutable_policy() = ToProto(policy.value());
    return Ok{};
  });
}

}  // namespace careloop::dispatch::adapters
