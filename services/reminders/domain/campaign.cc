#include "services/reminders/domain/campaign.h"

#include <algorithm>

#include "common/base/ids.h"

namespace careloop::reminders::domain {
namespace {

size_t Utf8Chars(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // every byte but continuation bytes
  }));
}

std::string Span(const QuietWindow& quiet) {
  return quiet.start.ToString() + "–" + quiet.end.ToString();
}

// Dispatch's template for a kind whose reminder kind several campaign kinds share; empty: the
// reminder kind's own (a greeting's is chosen by its holiday).
std::string DefaultTemplateOf(CampaignKind kind) {
  switch (kind) {
    case CampaignKind::kPreHolidayCheck: return "pre_holiday_check";
    case CampaignKind::kWinBack: return "win_back_offer";
    case CampaignKind::kOther: return "campaign_custom";  // the store's own text
    default: return "";
  }
}

Status CheckSpan(const DateSpan& span, const std::string& field) {
  if ((span.start.IsSet() && !span.start.IsValid()) || (span.end.IsSet() && !span.end.IsValid())) {
    return InvalidArgument(field, "is not a valid date range");
  }
  if (span.start.IsSet() && span.end.IsSet() && span.end < span.start) {
    return InvalidArgument(field, "starts " + span.start.ToString() + ", after it ends " + span.end.ToString());
  }
  return Ok{};
}

// The holiday, year and send day of a campaign; a greeting's day is its holiday's date.
Status CheckDay(Campaign& campaign) {
  if (campaign.kind != CampaignKind::kHolidayGreeting) {
    if (campaign.holiday) {
      return InvalidArgument("holiday", "is only for a holiday greeting");
    }
    if (!campaign.send_date.IsSet()) {
      return InvalidArgument("send_date", "is required");
    }
    if (!campaign.send_date.IsValid()) {
      return InvalidArgument("send_date", "is not a valid date");
    }
    return Ok{};
  }
  if (!campaign.holiday) {
    return InvalidArgument("holiday", "is required for a holiday greeting (new_year, spring_festival, ...)");
  }
  if (campaign.year < kFirstCalendarYear || campaign.year > kLastCalendarYear) {
    return InvalidArgument("year", "must be " + std::to_string(kFirstCalendarYear) + "–" +
                                       std::to_string(kLastCalendarYear) + ", got " + std::to_string(campaign.year));
  }
  const std::optional<Date> day = HolidayDate(*campaign.holiday, campaign.year);
  if (!day) {
    return InvalidArgument("holiday", "has no date in " + std::to_string(campaign.year));
  }
  if (campaign.send_date.IsSet() && campaign.send_date != *day) {
    return InvalidArgument("send_date", "must be the holiday's date " + day->ToString() + " or unset, got " +
                                            campaign.send_date.ToString());
  }
  campaign.send_date = *day;
  return Ok{};
}

Status CheckWindow(const Campaign& campaign, const QuietWindow& quiet) {
  if (campaign.window_end <= campaign.window_start) {
    return InvalidArgument("window_end", "must be after window_start " + campaign.window_start.ToString());
  }
  if (quiet.Contains(campaign.window_start)) {
    return InvalidArgument("window_start",
                           campaign.window_start.ToString() + " lies inside the store's quiet hours " + Span(quiet));
  }
  const TimeOfDay last_minute{campaign.window_end.minutes - 1};
  const bool quiet_starts_inside = campaign.window_start < quiet.start && quiet.start < campaign.window_end;
  if (quiet.Contains(last_minute) || (quiet.start != quiet.end && quiet_starts_inside)) {
    return InvalidArgument("window_end",
                           campaign.window_end.ToString() + " reaches into the store's quiet hours " + Span(quiet));
  }
  return Ok{};
}

Status CheckWhen(Campaign& campaign, const CampaignContext& context) {
  const Date today = context.zone.DateAt(context.now);
  if (campaign.send_date < today) {
    return InvalidArgument(
        campaign.kind == CampaignKind::kHolidayGreeting ? "year" : "send_date",
        "the send day " + campaign.send_date.ToString() + " is in the past (today is " + today.ToString() + ")");
  }
  const Instant window_closes = context.zone.At(campaign.send_date, campaign.window_end);
  if (window_closes <= context.now) {
    return InvalidArgument("window_end", "today's send window closed at " + campaign.window_end.ToString());
  }
  if (campaign.launch_at == Instant{}) {
    campaign.launch_at = context.now;
    return Ok{};
  }
  if (campaign.launch_at < context.now) {
    return InvalidArgument("launch_at", "is in the past");
  }
  if (campaign.launch_at > SendMoment(campaign, context.zone)) {
    return InvalidArgument("launch_at", "must not be after the send window opens (" + campaign.send_date.ToString() +
                                            " " + campaign.window_start.ToString() + ")");
  }
  return Ok{};
}

Status CheckText(Campaign& campaign) {
  if (campaign.kind == CampaignKind::kOther && campaign.message.empty()) {
    return InvalidArgument("message", "is required for a custom (other) campaign");
  }
  if (campaign.kind != CampaignKind::kOther && !campaign.message.empty()) {
    return InvalidArgument("message", "only a custom (other) campaign carries its own text; the others use templates");
  }
  if (Utf8Chars(campaign.message) > kMaxMessageChars) {
    return InvalidArgument("message", "must be at most " + std::to_string(kMaxMessageChars) + " characters");
  }
  if (campaign.display_name.empty()) {
    if (campaign.kind != CampaignKind::kHolidayGreeting) {
      return InvalidArgument("display_name", "is required");
    }
    campaign.display_name = std::to_string(campaign.year) + " " + std::string(HolidayName(*campaign.holiday));
  }
  return Ok{};
}

}  // namespace

bool QuietWindow::Contains(TimeOfDay time) const {
  if (start == end) {
    return false;
  }
  if (start < end) {
    return time >= start && time < end;
  }
  return time >= start || time < end;
}

std::string_view CampaignKindName(CampaignKind kind) {
  switch (kind) {
    case CampaignKind::kSeasonalCheck: return "seasonal_check";
    case CampaignKind::kPreHolidayCheck: return "pre_holiday_check";
    case CampaignKind::kWinBack: return "win_back";
    case CampaignKind::kFreeInspectionDay: return "free_inspection_day";
    case CampaignKind::kPromotion: return "promotion";
    case CampaignKind::kOther: return "other";
    case CampaignKind::kHolidayGreeting: return "holiday_greeting";
  }
  return "other";
}

std::string_view CampaignStatusName(CampaignStatus status) {
  switch (status) {
    case CampaignStatus::kScheduled: return "scheduled";
    case CampaignStatus::kLaunched: return "launched";
    case CampaignStatus::kCancelled: return "cancelled";
    case CampaignStatus::kFailed: return "failed";
  }
  return "scheduled";
}

ReminderKind ReminderKindOf(CampaignKind kind) {
  switch (kind) {
    case CampaignKind::kHolidayGreeting: return ReminderKind::kHolidayGreeting;
    case CampaignKind::kSeasonalCheck:
    case CampaignKind::kPreHolidayCheck: return ReminderKind::kSeasonalCheck;
    default: return ReminderKind::kCampaign;
  }
}

Result<Segment> ValidateSegment(Segment segment, const std::string& store_id) {
  for (const auto& other : segment.store_ids) {
    if (other != store_id) {
      return InvalidArgument("segment.store_ids", "names store '" + other + "'; a campaign of " + store_id +
                                                      " reaches only its own customers");
    }
  }
  segment.store_ids = {store_id};
  if (segment.min_vehicle_age_months < 0) {
    return InvalidArgument("segment.min_vehicle_age_months", "must not be negative");
  }
  if (segment.max_vehicle_age_months < 0) {
    return InvalidArgument("segment.max_vehicle_age_months", "must not be negative");
  }
  if (segment.max_vehicle_age_months > 0 && segment.min_vehicle_age_months > segment.max_vehicle_age_months) {
    return InvalidArgument("segment.min_vehicle_age_months", std::to_string(segment.min_vehicle_age_months) +
                                                                 " exceeds max_vehicle_age_months " +
                                                                 std::to_string(segment.max_vehicle_age_months));
  }
  if (segment.birthday_month < 0 || segment.birthday_month > 12) {
    return InvalidArgument("segment.birthday_month", "must be 1–12 (0 for any)");
  }
  if (Status span = CheckSpan(segment.last_visit, "segment.last_visit"); !span.ok()) {
    return span.error();
  }
  if (Status span = CheckSpan(segment.delivery, "segment.delivery"); !span.ok()) {
    return span.error();
  }
  return segment;
}

Result<Campaign> ValidateNewCampaign(Campaign campaign, const CampaignContext& context) {
  if (campaign.store_id.empty()) {
    return InvalidArgument("store_id", "is required");
  }
  auto segment = ValidateSegment(std::move(campaign.segment), campaign.store_id);
  if (!segment.ok()) {
    return segment.error();
  }
  campaign.segment = std::move(segment).value();
  for (const Status& check : {CheckDay(campaign), CheckSpan(campaign.offer, "offer_start_date")}) {
    if (!check.ok()) {
      return check.error();
    }
  }
  for (const Status& check : {CheckText(campaign), CheckWindow(campaign, context.quiet)}) {
    if (!check.ok()) {
      return check.error();
    }
  }
  if (Status when = CheckWhen(campaign, context); !when.ok()) {
    return when.error();
  }
  campaign.status = CampaignStatus::kScheduled;
  campaign.progress = {};
  return campaign;
}

Instant SendMoment(const Campaign& campaign, const TimeZone& zone) {
  return zone.At(campaign.send_date, campaign.window_start);
}

Reminder CampaignReminder(const Campaign& campaign, const std::string& customer_id, const TimeZone& zone, Instant now) {
  Reminder reminder;
  reminder.reminder_id = DerivedId("rem-", {"campaign", campaign.campaign_id, customer_id});
  reminder.customer_id = customer_id;
  reminder.store_id = campaign.store_id;
  reminder.kind = ReminderKindOf(campaign.kind);
  reminder.status = ReminderStatus::kScheduled;
  reminder.due_at = std::max(SendMoment(campaign, zone), now);
  reminder.service_due_date = campaign.send_date;
  reminder.campaign_id = campaign.campaign_id;
  reminder.holiday = campaign.holiday;
  reminder.template_id = campaign.template_id.empty() ? DefaultTemplateOf(campaign.kind) : campaign.template_id;
  reminder.channel_plan_id = campaign.channel_plan_id;
  reminder.reason = "campaign " + campaign.campaign_id + " (" + campaign.display_name + ")";
  if (now >= zone.At(campaign.send_date, campaign.window_end)) {
    // Launched after its day's window closed (the service was down): recorded, never sent late.
    reminder.status = ReminderStatus::kMissed;
    reminder.reason = "missed: the send window of " + campaign.send_date.ToString() + " closed before launch";
  }
  return reminder;
}

}  // namespace careloop::reminders::domain
