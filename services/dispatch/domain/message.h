#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/dispatch/domain/contact_policy.h"
#include "services/dispatch/domain/vendor_faults.h"

namespace careloop::dispatch::domain {

/// Why a message is sent: a reminder falling due or a survey being issued.
enum class CareKind {
  kFirstMaintenance,
  kSecondMaintenance,
  kRegularMaintenance,
  kSurveyInvitation,
  kInsuranceRenewal,
  kWarrantyExpiry,
  kAnnualInspection,
  kBirthday,                 ///< marketing: a greeting
  kWinBack,                  ///< marketing: care or an offer by churn stage and vehicle age
  kAppointmentConfirmation,  ///< service-critical: right after booking
  kAppointmentDayBefore,
  kAppointmentNoShow,
  kHolidayGreeting,  ///< a holiday greeting campaign's message (marketing)
  kSeasonalCheck,    ///< a seasonal or pre-holiday check campaign's message (marketing)
  kCampaign,         ///< any other campaign's message: win-back or package offer, promotion (marketing)
  kCaseFollowUp,     ///< a complaint case's follow-up: always a call task for the case owner, never a text
};

[[nodiscard]] std::string_view CareKindName(CareKind kind);
[[nodiscard]] std::optional<CareKind> ParseCareKind(std::string_view name);
[[nodiscard]] MessageClass ClassOf(CareKind kind);

/// What asks dispatch to contact a customer. `cause_id` + `occurrence` identify it; a replay
/// carries the same pair and so derives the same message id.
struct SendRequest final {
  std::string cause_id;  ///< reminder id or survey id
  int occurrence = 1;
  CareKind kind = CareKind::kFirstMaintenance;
  std::string customer_id;
  std::string store_id;
  std::string vehicle_id;
  Date service_due_date;        ///< maintenance reminders only
  bool about_delivery = false;  ///< survey invitations: the sales (delivery) survey, not a visit's
  std::string holiday;          ///< holiday greetings: the holiday, e.g. "mid_autumn"
  std::string template_id;      ///< campaigns: the template the campaign chose; empty for the kind's
  std::string campaign_id;      ///< campaigns: the campaign (a custom one's text is read from it)
  std::string channel_plan_id;  ///< the channel plan the reminder asks for; empty: the store's plan for its kind
  std::string answer_url;       ///< survey invitations: the survey's answer page link (${survey_link}); empty: none
  Instant not_after{};          ///< survey reminders: never sent at or after this (the survey's expiry); unset: none
};

/// Whether `request` may no longer go out at `now`: it has a `not_after` and that moment came.
[[nodiscard]] bool PastNotAfter(const SendRequest& request, Instant now);

/// The template of a custom campaign: the store's own text in ${message}.
inline constexpr std::string_view kCustomCampaignTemplate = "campaign_custom";

/// A campaign's message (greeting, check or offer): marketing, and subject to the same-day rule.
[[nodiscard]] bool IsCampaignMessage(CareKind kind);

/// Maintenance reminders of one customer may go as one message (two cars in one text).
[[nodiscard]] bool IsMaintenance(CareKind kind);

/// kDelivered: the vendor's delivery receipt confirmed a sent message reached the customer.
enum class MessageStatus { kQueued, kDeferred, kSent, kFailed, kSuppressed, kDelivered };
enum class Suppression {
  kNone,
  kNoConsent,
  kFrequencyCap,
  kNoContact,
  kCustomerUnknown,
  kNoLongerWanted,  ///< its cause was answered, cancelled or missed before the moment of sending
  kMerged,          ///< sent as part of another message (`merged_into`)
  kComplaintOpen,   ///< marketing while the customer has an open complaint case
};

[[nodiscard]] std::string_view StatusName(MessageStatus status);
/// Whether the message went out to the customer: sent, or sent and confirmed delivered.
[[nodiscard]] bool WentOut(MessageStatus status);
[[nodiscard]] std::string_view SuppressionName(Suppression reason);

/// One message in the ledger (沟通记录): what was (or was not) sent, to whom, and why.
struct Message final {
  std::string message_id;
  std::string customer_id;
  std::string store_id;
  std::string channel = "sms";
  std::string provider;
  std::string template_id;
  MessageStatus status = MessageStatus::kQueued;
  Suppression suppression = Suppression::kNone;
  std::string cause_id;
  int occurrence = 1;
  CareKind kind = CareKind::kFirstMaintenance;
  std::string rendered_text;
  std::string masked_recipient;
  Instant created_at{};
  Instant sent_at{};
  Instant delivered_at{};  ///< kDelivered: when the receipt says it reached the customer
  Instant not_before{};
  std::string provider_message_id;
  std::string failure_reason;
  int attempts = 0;
  std::string defer_reason;                 ///< why it waits (quiet hours, spacing, merge window); for the event
  std::string merged_into;                  ///< kMerged: the message it went out with
  std::vector<MessageAttempt> attempt_log;  ///< every vendor call, oldest first
  std::string receipt_code;                 ///< the vendor's status code of the delivery receipt, once one arrived
  std::string channel_plan_id;              ///< the channel plan this attempt follows (empty: SMS only, no plan)
  int plan_step = 0;                        ///< index of its step in that plan
  bool falls_back = false;                  ///< the plan has a next step to fall back to when this one fails
  std::string call_task_id;                 ///< channel "call"/"face": the staff task made instead of a message
};

/// A customer's contact details and consent, as the customers service keeps them.
struct Contact final {
  std::string customer_id;
  std::string store_id;
  std::string name;
  std::string mobile;
  int gender = 0;  ///< 1 male, 2 female, 0 unknown
  bool sms_consent = true;
  std::string wechat_openid;                    ///< the store's official account's openid; empty if not a follower
  bool wechat_consent = true;                   ///< false when the customer denied WeChat contact
  std::map<std::string, std::string> plates;    ///< vehicle id → plate
  std::map<std::string, std::string> models;    ///< vehicle id → model
  std::map<std::string, std::string> advisors;  ///< vehicle id → assigned service advisor (staff id)
  std::string owner_staff_id;                   ///< the record's named owner (档案负责人)
};

/// A reply from a customer, matched to them (the sender's number and the text are not kept).
struct InboundReply final {
  std::string inbound_id;  ///< derived from the provider's event id: a provider retry is the same reply
  std::string provider;
  std::string customer_id;
  std::string store_id;
  std::string message_id;  ///< our message it answers, when the provider echoed it
  bool wechat = false;     ///< the channel: WeChat, else SMS
  ReplyMeaning meaning;
  Instant received_at{};
};

/// One message template: the vendor's template code, and the same text for our ledger.
struct Template final {
  std::string code;       ///< e.g. Aliyun "SMS_123456789"
  std::string text;       ///< "${name}您好，您的爱车${plate}…" (placeholders as the vendor's)
  std::string sign_name;  ///< the SMS signature a store's own template names; empty: the store's
};

/// The store a message is signed with.
struct StoreIdentity final {
  std::string signature;  ///< SMS signature, e.g. "星途汽车朝阳店"
  std::string phone;      ///< service hotline
  const TimeZone* zone = nullptr;
};

/// Templates by name: each care kind's (CareKindName), its "_overdue" variant for a service
/// date already passed (a message never names a date that has passed), "delivery_survey",
/// "maintenance_several_cars" for one customer's cars due together, and
/// "maintenance_follow_up" for the one follow-up (occurrence 2) of an ignored maintenance reminder.
using Templates = std::map<std::string, Template, std::less<>>;
inline constexpr std::string_view kSeveralCarsTemplate = "maintenance_several_cars";
inline constexpr std::string_view kMaintenanceFollowUpTemplate = "maintenance_follow_up";
/// A survey invitation carrying the answer page's link uses its template name + this suffix
/// ("survey_invitation_link", "delivery_survey_link", and the reminders' "survey_reminder_link",
/// "delivery_survey_reminder_link"), the only ones providing ${survey_link}.
inline constexpr std::string_view kSurveyLinkSuffix = "_link";

/// The built-in Chinese templates; a deployment may override any of them in its config.
[[nodiscard]] Templates DefaultTemplates();

/// Whether `name` is a template variant a reminder of `kind` may ask for (birthday: solar or
/// lunar wording; win-back: per churn stage, the lost stage's offer per vehicle age).
[[nodiscard]] bool IsVariantOf(CareKind kind, std::string_view name);

/// The template a request is written with on the store's `today`: a maintenance follow-up's
/// own; a holiday greeting's "holiday_greeting_<holiday>"; a campaign's the one it chose, else
/// its kind's; the variant a reminder names (see IsVariantOf), else its kind's; a maintenance,
/// renewal, warranty or inspection date already passed takes the "_overdue" wording.
[[nodiscard]] std::string TemplateNameFor(const SendRequest& request, Date today);

/// The values a template of `kind` is filled with: the customer's family name with an
/// honorific, the car's plate and model, the due date in Chinese format, the store's phone.
[[nodiscard]] std::map<std::string, std::string> TemplateValues(const SendRequest& request, const Contact& contact,
                                                                const StoreIdentity& store);

/// The values of the several-cars template: the name, the store's phone, and `cars` — each
/// car's plate and model, "京A12345（星途瑶光）、京B67890（星途揽月）".
[[nodiscard]] std::map<std::string, std::string> SeveralCarsValues(const std::vector<SendRequest>& requests,
                                                                   const Contact& contact, const StoreIdentity& store);

/// The text the customer reads: 【signature】 + the rendered template (the vendor prepends the
/// signature the same way). Error if a placeholder has no value.
[[nodiscard]] Result<std::string> ComposeText(const Template& tmpl, const std::map<std::string, std::string>& values,
                                              const StoreIdentity& store);

/// "2026年11月29日"
[[nodiscard]] std::string ChineseDate(const Date& date);

/// The family name: the first character of a Chinese name (compound surnames such as 欧阳
/// and 司马 keep two), or the whole first word of a Latin name.
[[nodiscard]] std::string FamilyName(std::string_view name);

/// The ledger entry for a request that must not be sent, with the reason.
[[nodiscard]] Message Suppressed(const SendRequest& request, std::string message_id, Suppression reason, Instant now);

}  // namespace careloop::dispatch::domain
