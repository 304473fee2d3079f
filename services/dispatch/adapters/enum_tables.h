#pragma once

#include "careloop/dispatch/v1/events.pb.h"
#include "careloop/dispatch/v1/message.pb.h"
#include "careloop/reminder/v1/reminder.pb.h"
#include "common/base/enum_table.h"
#include "services/dispatch/domain/contact_policy.h"
#include "services/dispatch/domain/message.h"

// The dispatch service's enums, one table each: domain value ⇄ contract value ⇄ word.
// proto_mapping.cc, the event handlers, grpc_api.cc and careloopctl read them. The care kinds'
// words are also the names of their templates in `dispatch.templates` (domain::CareKindName;
// the unit test checks they agree).
namespace careloop::dispatch::adapters {

inline constexpr auto kCareKinds = MakeEnumTable<domain::CareKind, careloop::reminder::v1::ReminderKind>({
    {domain::CareKind::kFirstMaintenance, careloop::reminder::v1::REMINDER_KIND_FIRST_MAINTENANCE, "first_maintenance"},
    {domain::CareKind::kSecondMaintenance, careloop::reminder::v1::REMINDER_KIND_SECOND_MAINTENANCE,
     "second_maintenance"},
    {domain::CareKind::kRegularMaintenance, careloop::reminder::v1::REMINDER_KIND_REGULAR_MAINTENANCE,
     "regular_maintenance"},
    {domain::CareKind::kSurveyInvitation, careloop::reminder::v1::REMINDER_KIND_SURVEY_INVITATION, "survey_invitation"},
    {domain::CareKind::kInsuranceRenewal, careloop::reminder::v1::REMINDER_KIND_INSURANCE_RENEWAL, "insurance_renewal"},
    {domain::CareKind::kWarrantyExpiry, careloop::reminder::v1::REMINDER_KIND_WARRANTY_EXPIRY, "warranty_expiry"},
    {domain::CareKind::kAnnualInspection, careloop::reminder::v1::REMINDER_KIND_ANNUAL_INSPECTION, "annual_inspection"},
    {domain::CareKind::kBirthday, careloop::reminder::v1::REMINDER_KIND_BIRTHDAY, "birthday"},
    {domain::CareKind::kWinBack, careloop::reminder::v1::REMINDER_KIND_WIN_BACK, "win_back"},
    {domain::CareKind::kAppointmentConfirmation, careloop::reminder::v1::REMINDER_KIND_APPOINTMENT_CONFIRMATION,
     "appointment_confirmation"},
    {domain::CareKind::kAppointmentDayBefore, careloop::reminder::v1::REMINDER_KIND_APPOINTMENT_DAY_BEFORE,
     "appointment_day_before"},
    {domain::CareKind::kAppointmentNoShow, careloop::reminder::v1::REMINDER_KIND_APPOINTMENT_NO_SHOW,
     "appointment_no_show"},
    {domain::CareKind::kHolidayGreeting, careloop::reminder::v1::REMINDER_KIND_HOLIDAY_GREETING, "holiday_greeting"},
    {domain::CareKind::kSeasonalCheck, careloop::reminder::v1::REMINDER_KIND_SEASONAL_CHECK, "seasonal_check"},
    {domain::CareKind::kCampaign, careloop::reminder::v1::REMINDER_KIND_CAMPAIGN, "campaign"},
    {domain::CareKind::kCaseFollowUp, careloop::reminder::v1::REMINDER_KIND_CASE_FOLLOW_UP, "case_follow_up"},
});
static_assert(kCareKinds.IsComplete());

inline constexpr auto kMessageStatuses = MakeEnumTable<domain::MessageStatus, careloop::dispatch::v1::MessageStatus>({
    {domain::MessageStatus::kQueued, careloop::dispatch::v1::MESSAGE_STATUS_QUEUED, "queued"},
    {domain::MessageStatus::kDeferred, careloop::dispatch::v1::MESSAGE_STATUS_DEFERRED, "deferred"},
    {domain::MessageStatus::kSent, careloop::dispatch::v1::MESSAGE_STATUS_SENT, "sent"},
    {domain::MessageStatus::kFailed, careloop::dispatch::v1::MESSAGE_STATUS_FAILED, "failed"},
    {domain::MessageStatus::kSuppressed, careloop::dispatch::v1::MESSAGE_STATUS_SUPPRESSED, "suppressed"},
    {domain::MessageStatus::kDelivered, careloop::dispatch::v1::MESSAGE_STATUS_DELIVERED, "delivered"},
});
static_assert(kMessageStatuses.IsComplete());

inline constexpr auto kSuppressions = MakeEnumTable<domain::Suppression, careloop::dispatch::v1::SuppressionReason>({
    {domain::Suppression::kNone, careloop::dispatch::v1::SUPPRESSION_REASON_UNSPECIFIED, "none"},
    {domain::Suppression::kNoConsent, careloop::dispatch::v1::SUPPRESSION_REASON_NO_CONSENT, "no_consent"},
    {domain::Suppression::kFrequencyCap, careloop::dispatch::v1::SUPPRESSION_REASON_FREQUENCY_CAP, "frequency_cap"},
    {domain::Suppression::kNoContact, careloop::dispatch::v1::SUPPRESSION_REASON_NO_CONTACT, "no_contact"},
    {domain::Suppression::kCustomerUnknown, careloop::dispatch::v1::SUPPRESSION_REASON_CUSTOMER_UNKNOWN,
     "customer_unknown"},
    {domain::Suppression::kNoLongerWanted, careloop::dispatch::v1::SUPPRESSION_REASON_NO_LONGER_WANTED,
     "no_longer_wanted"},
    {domain::Suppression::kMerged, careloop::dispatch::v1::SUPPRESSION_REASON_MERGED, "merged"},
    {domain::Suppression::kComplaintOpen, careloop::dispatch::v1::SUPPRESSION_REASON_COMPLAINT_OPEN, "complaint_open"},
});
static_assert(kSuppressions.IsComplete());

inline constexpr auto kReplyKinds = MakeEnumTable<domain::ReplyKind, careloop::dispatch::v1::ReplyClassification>({
    {domain::ReplyKind::kOptOut, careloop::dispatch::v1::REPLY_CLASSIFICATION_OPT_OUT, "opt_out"},
    {domain::ReplyKind::kOptIn, careloop::dispatch::v1::REPLY_CLASSIFICATION_OPT_IN, "opt_in"},
    {domain::ReplyKind::kConfirm, careloop::dispatch::v1::REPLY_CLASSIFICATION_CONFIRM, "confirm"},
    {domain::ReplyKind::kSurveyAnswer, careloop::dispatch::v1::REPLY_CLASSIFICATION_SURVEY_ANSWER, "survey_answer"},
    {domain::ReplyKind::kOther, careloop::dispatch::v1::REPLY_CLASSIFICATION_OTHER, "other"},
});
static_assert(kReplyKinds.IsComplete());

}  // namespace careloop::dispatch::adapters
