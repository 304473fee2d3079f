#include "services/reminders/adapters/campaign_mapping.h"

#include "common/events/proto_event.h"
#include "services/reminders/adapters/enum_tables.h"
#include "services/reminders/adapters/proto_mapping.h"

namespace careloop::reminders::adapters {
namespace {

domain::DateSpan SpanFromProto(const careloop::common::v1::DateRange& range) {
  return {events::FromProto(range.start_date()), events::FromProto(range.end_date())};
}

Instant FromTimestamp(const google::protobuf::Timestamp& timestamp) {
  return timestamp.seconds() == 0 && timestamp.nanos() == 0 ? Instant{} : events::FromTimestamp(timestamp);
}

void SetTime(Instant instant, google::protobuf::Timestamp* out) {
  if (instant != Instant{}) {
    *out = events::ToTimestamp(instant);
  }
}

}  // namespace

careloop::common::v1::TimeOfDay TimeToProto(TimeOfDay time) {
  careloop::common::v1::TimeOfDay out;
  out.set_hours(time.minutes / 60);
  out.set_minutes(time.minutes % 60);
  return out;
}

std::optional<TimeOfDay> TimeFromProto(const careloop::common::v1::TimeOfDay& time) {
  if (time.hours() < 0 || time.hours() > 23 || time.minutes() < 0 || time.minutes() > 59) {
    return std::nullopt;
  }
  return TimeOfDay{time.hours() * 60 + time.minutes()};
}

domain::Segment SegmentFromProto(const careloop::customer::v1::CustomerFilter& filter) {
  domain::Segment segment;
  segment.store_ids.assign(filter.store_ids().begin(), filter.store_ids().end());
  segment.min_vehicle_age_months = filter.min_vehicle_age_months();
  segment.max_vehicle_age_months = filter.max_vehicle_age_months();
  segment.last_visit = SpanFromProto(filter.last_visit());
  segment.delivery = SpanFromProto(filter.delivery());
  segment.birthday_month = filter.birthday_month();
  segment.encoded = filter.SerializeAsString();
  return segment;
}

careloop::customer::v1::CustomerFilter SegmentToProto(const domain::Segment& segment) {
  careloop::customer::v1::CustomerFilter filter;
  (void)filter.ParseFromString(segment.encoded);  // our own encoding; an empty one is "everyone"
  filter.clear_store_ids();
  for (const auto& store : segment.store_ids) {
    filter.add_store_ids(store);
  }
  return filter;
}

pb::Campaign CampaignToProto(const domain::Campaign& campaign) {
  pb::Campaign out;
  out.set_campaign_id(campaign.campaign_id);
  out.set_store_id(campaign.store_id);
  out.set_display_name(campaign.display_name);
  out.set_kind(kCampaignKinds.ToProto(campaign.kind).value_or(pb::CAMPAIGN_KIND_UNSPECIFIED));
  out.set_status(kCampaignStatuses.ToProto(campaign.status).value_or(pb::CAMPAIGN_STATUS_UNSPECIFIED));
  *out.mutable_segment() = SegmentToProto(campaign.segment);
  SetTime(campaign.launch_at, out.mutable_launch_at());
  out.set_template_id(campaign.template_id);
  out.set_channel_plan_id(campaign.channel_plan_id);
  out.set_target_count(campaign.progress.audience);
  if (campaign.offer.start.IsSet()) {
    *out.mutable_offer_start_date() = events::ToProto(campaign.offer.start);
  }
  if (campaign.offer.end.IsSet()) {
    *out.mutable_offer_end_date() = events::ToProto(campaign.offer.end);
  }
  SetTime(campaign.created_at, out.mutable_created_at());
  out.set_created_by(campaign.created_by);
  SetTime(campaign.launched_at, out.mutable_launched_at());
  if (campaign.holiday) {
    out.set_holiday(kHolidays.ToProto(*campaign.holiday).value_or(pb::HOLIDAY_UNSPECIFIED));
  }
  out.set_year(campaign.year);
  *out.mutable_send_date() = events::ToProto(campaign.send_date);
  *out.mutable_window_start() = TimeToProto(campaign.window_start);
  *out.mutable_window_end() = TimeToProto(campaign.window_end);
  out.set_message(campaign.message);
  out.set_audience_count(campaign.progress.audience);
  out.set_due_count(campaign.progress.due);
  out.set_sent_count(campaign.progress.sent);
  out.set_suppressed_count(campaign.progress.suppressed);
  out.set_failed_count(campaign.progress.failed);
  out.set_cancelled_count(campaign.progress.cancelled);
  out.set_cancel_reason(campaign.cancel_reason);
  SetTime(campaign.cancelled_at, out.mutable_cancelled_at());
  out.set_failure_reason(campaign.failure_reason);
  SetTime(campaign.failed_at, out.mutable_failed_at());
  return out;
}

domain::Campaign CampaignFromProto(const pb::Campaign& campaign) {
  domain::Campaign out;
  out.campaign_id = campaign.campaign_id();
  out.store_id = campaign.store_id();
  out.display_name = campaign.display_name();
  // Stored records are our own: an unknown value (written by a newer version) reads as the default.
  out.kind = kCampaignKinds.FromProto(campaign.kind()).value_or(domain::CampaignKind::kOther);
  out.status = kCampaignStatuses.FromProto(campaign.status()).value_or(domain::CampaignStatus::kScheduled);
  out.segment = SegmentFromProto(campaign.segment());
  out.launch_at = FromTimestamp(campaign.launch_at());
  out.template_id = campaign.template_id();
  out.channel_plan_id = campaign.channel_plan_id();
  out.offer = {events::FromProto(campaign.offer_start_date()), events::FromProto(campaign.offer_end_date())};
  out.created_at = FromTimestamp(campaign.created_at());
  out.created_by = campaign.created_by();
  out.launched_at = FromTimestamp(campaign.launched_at());
  if (campaign.holiday() != pb::HOLIDAY_UNSPECIFIED) {
    out.holiday = kHolidays.FromProto(campaign.holiday());
  }
  out.year = campaign.year();
  out.send_date = events::FromProto(campaign.send_date());
  out.window_start = TimeFromProto(campaign.window_start()).value_or(domain::kDefaultWindowStart);
  out.window_end = TimeFromProto(campaign.window_end()).value_or(domain::kDefaultWindowEnd);
  out.message = campaign.message();
  out.progress = {campaign.audience_count(),   campaign.due_count(),    campaign.sent_count(),
                  campaign.suppressed_count(), campaign.failed_count(), campaign.cancelled_count()};
  out.cancel_reason = campaign.cancel_reason();
  out.cancelled_at = FromTimestamp(campaign.cancelled_at());
  out.failure_reason = campaign.failure_reason();
  out.failed_at = FromTimestamp(campaign.failed_at());
  return out;
}

}  // namespace careloop::reminders::adapters
