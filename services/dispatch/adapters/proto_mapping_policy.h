#pragma once

#include "careloop/dispatch/v1/message.pb.h"
#include "common/base/error.h"
#include "services/dispatch/domain/store_policy.h"
#include "services/dispatch/domain/store_templates.h"

namespace careloop::dispatch::adapters {

namespace pb = careloop::dispatch::v1;

/// A store's contact policy as the API returns it and Redis stores it.
[[nodiscard]] pb::ContactPolicy ToProto(const domain::StorePolicy& policy);
/// A client's (or the store's saved) policy; INVALID_ARGUMENT naming `policy.<field>` for a time
/// of day out of range, an unknown same-day rule or an unknown kind in the priority. Caps and
/// windows are checked by domain::CheckPolicy once the mask is applied.
[[nodiscard]] Result<domain::StorePolicy> FromProto(const pb::ContactPolicy& policy);

/// A store template (or a group default) as the API returns it and Redis stores it.
[[nodiscard]] pb::Template ToProto(const domain::StoreTemplate& tmpl);
/// A client's template; INVALID_ARGUMENT naming `message_template.kind` (unset or unknown) or
/// `message_template.channel` (only SMS and WECHAT have templates).
[[nodiscard]] Result<domain::StoreTemplate> FromProto(const pb::Template& tmpl);
/// The channel of a template request: SMS or WECHAT; `field` names it in the error.
[[nodiscard]] Result<domain::TemplateChannel> TemplateChannelFromProto(int channel, const std::string& field);

}  // namespace careloop::dispatch::adapters
