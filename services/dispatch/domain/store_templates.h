#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/dispatch/domain/message.h"
#include "services/dispatch/domain/wechat_templates.h"

namespace careloop::dispatch::domain {

/// The channels a store writes templates for.
enum class TemplateChannel { kSms, kWechat };
[[nodiscard]] std::string_view TemplateChannelName(TemplateChannel channel);

/// One keyword of a WeChat template message ("first", "keyword1", …, "remark") and its text,
/// with placeholders like an SMS body.
struct TemplateKeyword final {
  std::string key;
  std::string value;
};

/// A store's own template for a care kind (or one of its variants) on one channel. It
/// overrides the group's default of the same name (DefaultTemplates / `dispatch.templates`).
struct StoreTemplate final {
  std::string template_id;  ///< derived: StoreTemplateId(store, channel, name)
  std::string store_id;
  CareKind kind = CareKind::kFirstMaintenance;
  TemplateChannel channel = TemplateChannel::kSms;
  std::string name;  ///< the template name (TemplateNameFor), e.g. "holiday_greeting_mid_autumn"
  std::string body;  ///< SMS: the text; WeChat: the text for the ledger (the keywords are what is sent)
  std::vector<TemplateKeyword> keywords;  ///< WeChat only
  std::string provider_template_code;     ///< the vendor's template code / WeChat template id
  std::string sign_name;                  ///< SMS signature; empty: the store's
  bool enabled = true;
  std::string display_name;
  Instant updated_at{};
};

/// "tpl-<store>-<channel>-<name>": one template per store, channel and name, so saving again replaces it.
[[nodiscard]] std::string StoreTemplateId(const std::string& store_id, TemplateChannel channel,
                                          const std::string& name);

/// The placeholders a message of `kind` written with template `name` is given values for — the
/// same values Process fills (TemplateValues, SeveralCarsValues, a custom campaign's message):
/// every kind has ${name} and ${store_phone}; kinds about a car add ${plate} and ${model};
/// kinds about a date add ${due_date}, except the wordings for a date already passed ("_overdue",
/// the maintenance follow-up: a message never names a date that has passed); the several-cars
/// template has ${cars} instead of a car; the custom campaign template has ${message}.
[[nodiscard]] std::set<std::string> PlaceholdersFor(CareKind kind, std::string_view name);

/// Whether `name` is a template name a message of `kind` can be written with (its kind's name,
/// the "_overdue" wording, the several-cars and follow-up templates of maintenance, the delivery
/// survey, a holiday's greeting, the birthday and win-back variants, any template a campaign may
/// choose for a campaign kind).
[[nodiscard]] bool IsTemplateNameOf(CareKind kind, std::string_view name);

/// The kind a group default template (by name) belongs to.
[[nodiscard]] CareKind KindOfTemplateName(std::string_view name);

/// The opt-out line every marketing SMS carries.
inline constexpr std::string_view kOptOutLine = "回T退订";

/// `body` with the opt-out line at its end when `kind` is marketing and the body does not carry
/// it yet (never twice); unchanged otherwise.
[[nodiscard]] std::string WithOptOutLine(CareKind kind, std::string body);

/// Checks a template before it is saved and returns it completed (name defaulted to the kind's,
/// opt-out line added to a marketing SMS body, id derived). INVALID_ARGUMENT naming the field:
/// `message_template.store_id` (required), `.name` (not a name of the kind), `.body` (empty,
/// an unclosed or unknown placeholder — named, with the ones the kind provides),
/// `.provider_template_code` (required: vendors send registered templates only),
/// `.keywords` (a WeChat template needs them; an SMS one has none; keys unique; values checked like
/// the body).
[[nodiscard]] Result<StoreTemplate> CheckTemplate(StoreTemplate tmpl);

/// The store template as the sender uses it (vendor code, text, signature).
[[nodiscard]] Template AsTemplate(const StoreTemplate& tmpl);

/// A store's WeChat template as the WeChat sender uses it: the WeChat template id (its
/// provider_template_code), its keywords, titled by its display name (else its name).
[[nodiscard]] WeChatTemplate AsWeChatTemplate(const StoreTemplate& tmpl);

}  // namespace careloop::dispatch::domain
