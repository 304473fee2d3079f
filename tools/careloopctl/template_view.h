#pragma once

#include <optional>
#include <string>
#include <vector>

#include "careloop/dispatch/v1/dispatch_service.pb.h"
#include "careloop/dispatch/v1/message.pb.h"

namespace careloop::ctl {

/// What `template set` was told.
struct TemplateFlags final {
  std::string store;
  std::string kind;             ///< a reminder kind word ("birthday")
  std::string channel = "sms";  ///< sms | wechat
  std::string name;             ///< the template name within the kind; empty: the kind's own
  std::string body;
  std::string code;  ///< the vendor's template code / WeChat template id
  std::string sign;
  std::string display_name;
  std::vector<std::string> keywords;  ///< WeChat: "keyword1=${plate}", in order
  bool disabled = false;
};

/// The template to send for `flags`. UsageError naming --keyword for an entry without "=".
[[nodiscard]] careloop::dispatch::v1::Template TemplateToSend(const TemplateFlags& flags);

/// The templates as a table: SCOPE (group or the store), KIND, CHANNEL, NAME, CODE, ON, TEXT (cut).
[[nodiscard]] std::string TemplatesTable(const std::vector<careloop::dispatch::v1::Template>& templates);

/// What `contact-policy set` was told; unset options are not changed (not in the update mask).
struct PolicyFlags final {
  std::string store;
  std::optional<std::string> marketing_quiet;  ///< "21:00-08:00"
  std::optional<std::string> service_quiet;
  std::optional<std::string> critical_quiet;  ///< "none" clears it
  std::optional<int> max_marketing_per_day;
  std::optional<int> max_marketing_per_week;
  std::optional<int> max_care_per_day;
  std::optional<int> max_care_per_week;
  std::optional<std::string> same_day;  ///< yields | defer | send_both
  std::optional<std::string> priority;  ///< "appointment_confirmation,holiday_greeting,…"
};

/// The UpdateContactPolicy request for `flags`: the values and the mask naming exactly the given
/// options. UsageError naming the option for a malformed window or an unknown word; an empty
/// change is a UsageError too. The values themselves (caps of 0, a zero-length window) are the
/// service's to refuse.
[[nodiscard]] careloop::dispatch::v1::UpdateContactPolicyRequest PolicyUpdate(const PolicyFlags& flags);

/// The policy as key/value lines (quiet hours per class, caps per class per day and week, the
/// same-day rule, the priority).
[[nodiscard]] std::string PolicyFields(const careloop::dispatch::v1::ContactPolicy& policy);

}  // namespace careloop::ctl
