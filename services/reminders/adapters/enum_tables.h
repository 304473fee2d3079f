#pragma once

#include "careloop/reminder/v1/reminder.pb.h"
#include "common/base/enum_table.h"
#include "services/reminders/domain/appointment.h"
#include "services/reminders/domain/reminder.h"

// The reminders service's enums, one table each: domain value ⇄ contract value ⇄ CLI word.
// proto_mapping.cc, grpc_api.cc and careloopctl read them; nothing else maps these enums.
namespace careloop::reminders::adapters {

inline constexpr auto kReminderKinds = MakeEnumTable<domain::ReminderKind, careloop::reminder::v1::ReminderKind>({
    {domain::ReminderKind::kFirstMaintenance, careloop::reminder::v1::REMINDER_KIND_FIRST_MAINTENANCE,
     "first_maintenance"},
    {domain::ReminderKind::kSecondMaintenance, careloop::reminder::v1::REMINDER_KIND_SECOND_MAINTENANCE,
     "second_maintenance"},
    {domain::ReminderKind::kRegularMaintenance, careloop::reminder::v1::REMINDER_KIND_REGULAR_MAINTENANCE,
     "regular_maintenance"},
    {domain::ReminderKind::kInsuranceRenewal, careloop::reminder::v1::REMINDER_KIND_INSURANCE_RENEWAL,
     "insurance_renewal"},
    {domain::ReminderKind::kWarrantyExpiry, careloop::reminder::v1::REMINDER_KIND_WARRANTY_EXPIRY, "warranty_expiry"},
    {domain::ReminderKind::kAnnualInspection, careloop::reminder::v1::REMINDER_KIND_ANNUAL_INSPECTION,
     "annual_inspection"},
    {domain::ReminderKind::kBirthday, careloop::reminder::v1::REMINDER_KIND_BIRTHDAY, "birthday"},
    {domain::ReminderKind::kHolidayGreeting, careloop::reminder::v1::REMINDER_KIND_HOLIDAY_GREETING,
     "holiday_greeting"},
    {domain::ReminderKind::kWinBack, careloop::reminder::v1::REMINDER_KIND_WIN_BACK, "win_back"},
    {domain::ReminderKind::kSurveyInvitation, careloop::reminder::v1::REMINDER_KIND_SURVEY_INVITATION,
     "survey_invitation"},
    {domain::ReminderKind::kCaseFollowUp, careloop::reminder::v1::REMINDER_KIND_CASE_FOLLOW_UP, "case_follow_up"},
    {domain::ReminderKind::kSurveyReminder, careloop::reminder::v1::REMINDER_KIND_SURVEY_REMINDER, "survey_reminder"},
    {domain::ReminderKind::kSurveyWindowClose, careloop::reminder::v1::REMINDER_KIND_SURVEY_WINDOW_CLOSE,
     "survey_window_close"},
    {domain::ReminderKind::kAppointmentConfirmation, careloop::reminder::v1::REMINDER_KIND_APPOINTMENT_CONFIRMATION,
     "appointment_confirmation"},
    {domain::ReminderKind::kAppointmentDayBefore, careloop::reminder::v1::REMINDER_KIND_APPOINTMENT_DAY_BEFORE,
     "appointment_day_before"},
    {domain::ReminderKind::kCampaign, careloop::reminder::v1::REMINDER_KIND_CAMPAIGN, "campaign"},
    {domain::ReminderKind::kSeasonalCheck, careloop::reminder::v1::REMINDER_KIND_SEASONAL_CHECK, "seasonal_check"},
    {domain::ReminderKind::kAppointmentNoShow, careloop::reminder::v1::REMINDER_KIND_APPOINTMENT_NO_SHOW,
     "appointment_no_show"},
});
static_assert(kReminderKinds.IsComplete());

inline constexpr auto kReminderStatuses =
    MakeEnumTable<domain::ReminderStatus, careloop::reminder::v1::ReminderStatus>({
        {domain::ReminderStatus::kScheduled, careloop::reminder::v1::REMINDER_STATUS_SCHEDULED, "scheduled"},
        {domain::ReminderStatus::kDue, careloop::reminder::v1::REMINDER_STATUS_DUE, "due"},
        {domain::ReminderStatus::kCancelled, careloop::reminder::v1::REMINDER_STATUS_CANCELLED, "cancelled"},
        {domain::ReminderStatus::kMissed, careloop::reminder::v1::REMINDER_STATUS_MISSED, "missed"},
        {domain::ReminderStatus::kDone, careloop::reminder::v1::REMINDER_STATUS_DONE, "done"},
    });
static_assert(kReminderStatuses.IsComplete());

// Words are domain::HolidayName's (the `calendar holidays` keys).
inline constexpr auto kHolidays = MakeEnumTable<domain::Holiday, careloop::reminder::v1::Holiday>({
    {domain::Holiday::kNewYear, careloop::reminder::v1::HOLIDAY_NEW_YEAR, "new_year"},
    {domain::Holiday::kSpringFestival, careloop::reminder::v1::HOLIDAY_SPRING_FESTIVAL, "spring_festival"},
    {domain::Holiday::kLantern, careloop::reminder::v1::HOLIDAY_LANTERN_FESTIVAL, "lantern"},
    {domain::Holiday::kQingming, careloop::reminder::v1::HOLIDAY_QINGMING, "qingming"},
    {domain::Holiday::kLabourDay, careloop::reminder::v1::HOLIDAY_LABOUR_DAY, "labour_day"},
    {domain::Holiday::kDragonBoat, careloop::reminder::v1::HOLIDAY_DRAGON_BOAT, "dragon_boat"},
    {domain::Holiday::kQixi, careloop::reminder::v1::HOLIDAY_QIXI, "qixi"},
    {domain::Holiday::kMidAutumn, careloop::reminder::v1::HOLIDAY_MID_AUTUMN, "mid_autumn"},
    {domain::Holiday::kDoubleNinth, careloop::reminder::v1::HOLIDAY_DOUBLE_NINTH, "double_ninth"},
    {domain::Holiday::kNationalDay, careloop::reminder::v1::HOLIDAY_NATIONAL_DAY, "national_day"},
});
static_assert(kHolidays.IsComplete());

inline constexpr auto kAppointmentStatuses =
    MakeEnumTable<domain::AppointmentStatus, careloop::reminder::v1::AppointmentStatus>({
        {domain::AppointmentStatus::kBooked, careloop::reminder::v1::APPOINTMENT_STATUS_BOOKED, "booked"},
        {domain::AppointmentStatus::kCancelled, careloop::reminder::v1::APPOINTMENT_STATUS_CANCELLED, "cancelled"},
        {domain::AppointmentStatus::kFulfilled, careloop::reminder::v1::APPOINTMENT_STATUS_FULFILLED, "fulfilled"},
        {domain::AppointmentStatus::kNoShow, careloop::reminder::v1::APPOINTMENT_STATUS_NO_SHOW, "no_show"},
    });
static_assert(kAppointmentStatuses.IsComplete());

}  // namespace careloop::reminders::adapters
