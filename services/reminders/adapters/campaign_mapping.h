#pragma once

#include "careloop/customer/v1/customer.pb.h"
#include "careloop/reminder/v1/reminder.pb.h"
#include "common/base/enum_table.h"
#include "services/reminders/domain/campaign.h"

// Campaigns on the wire and in Redis: their enums (domain ⇄ contract ⇄ CLI word) and records.
namespace careloop::reminders::adapters {

inline constexpr auto kCampaignKinds = MakeEnumTable<domain::CampaignKind, careloop::reminder::v1::CampaignKind>({
    {domain::CampaignKind::kSeasonalCheck, careloop::reminder::v1::CAMPAIGN_KIND_SEASONAL_CHECK, "seasonal_check"},
    {domain::CampaignKind::kPreHolidayCheck, careloop::reminder::v1::CAMPAIGN_KIND_PRE_HOLIDAY_CHECK,
     "pre_holiday_check"},
    {domain::CampaignKind::kWinBack, careloop::reminder::v1::CAMPAIGN_KIND_WIN_BACK, "win_back"},
    {domain::CampaignKind::kFreeInspectionDay, careloop::reminder::v1::CAMPAIGN_KIND_FREE_INSPECTION_DAY,
     "free_inspection_day"},
    {domain::CampaignKind::kPromotion, careloop::reminder::v1::CAMPAIGN_KIND_PROMOTION, "promotion"},
    {domain::CampaignKind::kOther, careloop::reminder::v1::CAMPAIGN_KIND_OTHER, "other"},
    {domain::CampaignKind::kHolidayGreeting, careloop::reminder::v1::CAMPAIGN_KIND_HOLIDAY_GREETING,
     "holiday_greeting"},
});
static_assert(kCampaignKinds.IsComplete());

inline constexpr auto kCampaignStatuses =
    MakeEnumTable<domain::CampaignStatus, careloop::reminder::v1::CampaignStatus>({
        {domain::CampaignStatus::kScheduled, careloop::reminder::v1::CAMPAIGN_STATUS_SCHEDULED, "scheduled"},
        {domain::CampaignStatus::kLaunched, careloop::reminder::v1::CAMPAIGN_STATUS_LAUNCHED, "launched"},
        {domain::CampaignStatus::kCancelled, careloop::reminder::v1::CAMPAIGN_STATUS_CANCELLED, "cancelled"},
        {domain::CampaignStatus::kFailed, careloop::reminder::v1::CAMPAIGN_STATUS_FAILED, "failed"},
    });
static_assert(kCampaignStatuses.IsComplete());

/// A segment from the customers service's filter: the fields the rules judge, and the whole
/// filter encoded.
[[nodiscard]] domain::Segment SegmentFromProto(const careloop::customer::v1::CustomerFilter& filter);
/// The filter to search with: the encoded one, its store ids the segment's.
[[nodiscard]] careloop::customer::v1::CustomerFilter SegmentToProto(const domain::Segment& segment);

[[nodiscard]] careloop::reminder::v1::Campaign CampaignToProto(const domain::Campaign& campaign);
[[nodiscard]] domain::Campaign CampaignFromProto(const careloop::reminder::v1::Campaign& campaign);

[[nodiscard]] careloop::common::v1::TimeOfDay TimeToProto(TimeOfDay time);
/// nullopt when out of range (hours 0–23, minutes 0–59).
[[nodiscard]] std::optional<TimeOfDay> TimeFromProto(const careloop::common::v1::TimeOfDay& time);

}  // namespace careloop::reminders::adapters
