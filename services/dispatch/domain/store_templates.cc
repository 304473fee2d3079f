#include "services/dispatch/domain/store_templates.h"

#include <algorithm>
#include <cctype>

#include "common/base/ids.h"

namespace careloop::dispatch::domain {
namespace {

bool HasDate(CareKind kind) {
  return IsMaintenance(kind) || kind == CareKind::kInsuranceRenewal || kind == CareKind::kWarrantyExpiry ||
         kind == CareKind::kAnnualInspection || kind == CareKind::kAppointmentConfirmation ||
         kind == CareKind::kAppointmentDayBefore;
}

bool HasOverdueWording(CareKind kind) {
  return IsMaintenance(kind) || kind == CareKind::kInsuranceRenewal || kind == CareKind::kWarrantyExpiry ||
         kind == CareKind::kAnnualInspection;
}

bool AboutACar(CareKind kind) {
  return !IsCampaignMessage(kind) && kind != CareKind::kBirthday && kind != CareKind::kWinBack;
}

bool IsIdentifier(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string Listed(const std::set<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    out += (out.empty() ? "${" : ", ${") + name + "}";
  }
  return out;
}

// Ok, or the first placeholder of `text` the kind does not provide (or an unclosed one).
Status CheckPlaceholders(std::string_view text, const std::set<std::string>& provided, const std::string& field) {
  size_t i = 0;
  while ((i = text.find("${", i)) != std::string_view::npos) {
    const auto close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      return InvalidArgument(field, "has an unclosed placeholder at byte " + std::to_string(i));
    }
    const std::string name(text.substr(i + 2, close - i - 2));
    if (!provided.contains(name)) {
      return InvalidArgument(
          field, "uses the unknown placeholder ${" + name + "}; this template provides " + Listed(provided));
    }
    i = close + 1;
  }
  return Ok{};
}

}  // namespace

std::string_view TemplateChannelName(TemplateChannel channel) {
  return channel == TemplateChannel::kWechat ? "wechat" : "sms";
}

std::string StoreTemplateId(const std::string& store_id, TemplateChannel channel, const std::string& name) {
  return "tpl-" + store_id + "-" + std::string(TemplateChannelName(channel)) + "-" + name;
}

bool IsTemplateNameOf(CareKind kind, std::string_view name) {
  const std::string own(CareKindName(kind));
  if (name == own || IsVariantOf(kind, name)) {
    return true;
  }
  if (HasOverdueWording(kind) && name == own + "_overdue") {
    return true;
  }
  if (IsMaintenance(kind) && (name == kSeveralCarsTemplate || name == kMaintenanceFollowUpTemplate)) {
    return true;
  }
  if (kind == CareKind::kSurveyInvitation) {
    return name == "delivery_survey" || name == "survey_invitation_link" || name == "delivery_survey_link" ||
           name == "survey_reminder" || name == "survey_reminder_link" || name == "delivery_survey_reminder" ||
           name == "delivery_survey_reminder_link";
  }
  if (kind == CareKind::kHolidayGreeting) {
    return name.starts_with("holiday_greeting_") && IsIdentifier(name);
  }
  if (kind == CareKind::kSeasonalCheck || kind == CareKind::kCampaign) {
    // A campaign chooses its template by name (SendRequest::template_id).
    return IsIdentifier(name) && !name.starts_with("holiday_greeting");
  }
  return false;
}

CareKind KindOfTemplateName(std::string_view name) {
  // The specific kinds first: the campaign kinds accept any name.
  for (CareKind kind :
       {CareKind::kFirstMaintenance, CareKind::kSecondMaintenance, CareKind::kRegularMaintenance,
        CareKind::kSurveyInvitation, CareKind::kInsuranceRenewal, CareKind::kWarrantyExpiry,
        CareKind::kAnnualInspection, CareKind::kBirthday, CareKind::kWinBack, CareKind::kAppointmentConfirmation,
        CareKind::kAppointmentDayBefore, CareKind::kAppointmentNoShow, CareKind::kHolidayGreeting}) {
    if (IsTemplateNameOf(kind, name)) {
      return kind;
    }
  }
  return name == "seasonal_check" || name == "pre_holiday_check" ? CareKind::kSeasonalCheck : CareKind::kCampaign;
}

std::set<std::string> PlaceholdersFor(CareKind kind, std::string_view name) {
  std::set<std::string> provided{"name", "store_phone"};
  if (name == kSeveralCarsTemplate) {
    provided.insert("cars");
    return provided;
  }
  if (name == kCustomCampaignTemplate) {
    provided.insert("message");
    return provided;
  }
  if (AboutACar(kind)) {
    provided.insert({"plate", "model"});
  }
  if (kind == CareKind::kSurveyInvitation && name.ends_with(kSurveyLinkSuffix)) {
    provided.insert(
        "survey_link");  // the answer page's link, present whenever a _link wording is chosen (invitation or reminder)
  }
  const bool past_date = name.ends_with("_overdue") || name == kMaintenanceFollowUpTemplate;
  if (HasDate(kind) && !past_date) {
    provided.insert("due_date");
  }
  return provided;
}

std::string WithOptOutLine(CareKind kind, std::string body) {
  if (ClassOf(kind) != MessageClass::kMarketing || body.find(kOptOutLine) != std::string::npos) {
    return body;
  }
  return body + std::string(kOptOutLine);
}

Result<StoreTemplate> CheckTemplate(StoreTemplate tmpl) {
  if (tmpl.store_id.empty()) {
    return InvalidArgument("message_template.store_id",
                           "is required: a store's template overrides the group default, which comes from the "
                           "dispatch settings");
  }
  if (tmpl.name.empty()) {
    tmpl.name = std::string(CareKindName(tmpl.kind));
  }
  if (!IsTemplateNameOf(tmpl.kind, tmpl.name)) {
    return InvalidArgument("message_template.name",
                           "'" + tmpl.name + "' is not a template of kind " + std::string(CareKindName(tmpl.kind)));
  }
  if (tmpl.body.empty()) {
    return InvalidArgument("message_template.body", "is required");
  }
  const std::set<std::string> provided = PlaceholdersFor(tmpl.kind, tmpl.name);
  if (Status body = CheckPlaceholders(tmpl.body, provided, "message_template.body"); !body.ok()) {
    return body.error();
  }
  if (tmpl.provider_template_code.empty()) {
    return InvalidArgument("message_template.provider_template_code",
                           "is required: the vendor sends registered templates only");
  }
  if (tmpl.channel == TemplateChannel::kSms) {
    if (!tmpl.keywords.empty()) {
      return InvalidArgument("message_template.keywords", "an SMS template has no keywords (WeChat only)");
    }
    tmpl.body = WithOptOutLine(tmpl.kind, std::move(tmpl.body));
  } else {
    if (tmpl.keywords.empty()) {
      return InvalidArgument("message_template.keywords",
                             "a WeChat template message needs its keyword data (first, keyword1…, remark)");
    }
    std::set<std::string> keys;
    for (size_t i = 0; i < tmpl.keywords.size(); ++i) {
      const auto& keyword = tmpl.keywords[i];
      const std::string field = "message_template.keywords[" + std::to_string(i) + "]";
      const bool word = !keyword.key.empty() && std::all_of(keyword.key.begin(), keyword.key.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
      });
      if (!word) {
        return InvalidArgument(field + ".key",
                               "must be a WeChat keyword name such as keyword1, got '" + keyword.key + "'");
      }
      if (!keys.insert(keyword.key).second) {
        return InvalidArgument(field + ".key", "'" + keyword.key + "' is given twice");
      }
      if (Status value = CheckPlaceholders(keyword.value, provided, field + ".value"); !value.ok()) {
        return value.error();
      }
    }
  }
  tmpl.template_id = StoreTemplateId(tmpl.store_id, tmpl.channel, tmpl.name);
  return tmpl;
}

Template AsTemplate(const StoreTemplate& tmpl) {
  return Template{tmpl.provider_template_code, tmpl.body, tmpl.sign_name};
}

WeChatTemplate AsWeChatTemplate(const StoreTemplate& tmpl) {
  WeChatTemplate out;
  out.template_id = tmpl.provider_template_code;
  out.title = tmpl.display_name.empty() ? tmpl.name : tmpl.display_name;
  for (const auto& keyword : tmpl.keywords) {
    out.keywords.emplace_back(keyword.key, keyword.value);
  }
  return out;
}

}  // namespace careloop::dispatch::domain
