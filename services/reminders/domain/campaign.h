#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/reminders/domain/chinese_calendar.h"
#include "services/reminders/domain/reminder.h"

/// Campaigns: one message to every customer of a segment, on one day, inside a send window.
namespace careloop::reminders::domain {

/// Mirrors careloop.reminder.v1.CampaignKind.
enum class CampaignKind {
  kSeasonalCheck,      ///< summer A/C, winter antifreeze
  kPreHolidayCheck,    ///< 节前长途检查
  kWinBack,            ///< win-back / package offer to lost customers
  kFreeInspectionDay,  ///< 免费检测日
  kPromotion,          ///< wear parts, detailing, renewal packages
  kOther,              ///< the store's own text
  kHolidayGreeting,    ///< 节日问候 on a holiday of a year
};

/// kScheduled: waits for its launch moment; kLaunched: audience fixed, one reminder each;
/// kCancelled: stopped, its unfired reminders cancelled.
/// kFailed: the launch was refused for good (see Campaign::failure_reason); nothing was planned.
enum class CampaignStatus { kScheduled, kLaunched, kCancelled, kFailed };

/// An inclusive store-local date range; an unset bound is open.
struct DateSpan final {
  Date start;
  Date end;
};

/// The campaign's audience as the customers service's search filter describes it. The fields
/// here are the ones whose combinations can contradict each other (the rules below judge
/// them); `encoded` is the whole filter as the customers service reads it, opaque here.
struct Segment final {
  std::vector<std::string> store_ids;
  int min_vehicle_age_months = 0;  ///< 0: no minimum
  int max_vehicle_age_months = 0;  ///< 0: no maximum
  DateSpan last_visit;
  DateSpan delivery;
  int birthday_month = 0;  ///< 1..12; 0: any
  std::string encoded;
};

/// How far a campaign got: audience fixed at launch, reminders fired, and dispatch's outcomes.
struct CampaignProgress final {
  int64_t audience = 0;
  int64_t due = 0;
  int64_t sent = 0;
  int64_t suppressed = 0;
  int64_t failed = 0;
  int64_t cancelled = 0;
};

/// The send window's default: 09:00–20:00 store time.
inline constexpr TimeOfDay kDefaultWindowStart{9 * 60};
inline constexpr TimeOfDay kDefaultWindowEnd{20 * 60};
/// Longest custom text (characters, not bytes).
inline constexpr size_t kMaxMessageChars = 300;

struct Campaign final {
  std::string campaign_id;
  std::string store_id;
  std::string display_name;
  CampaignKind kind = CampaignKind::kOther;
  CampaignStatus status = CampaignStatus::kScheduled;
  Segment segment;
  std::optional<Holiday> holiday;  ///< kHolidayGreeting only
  int year = 0;                    ///< kHolidayGreeting only
  Date send_date;                  ///< the holiday's date for a greeting
  TimeOfDay window_start = kDefaultWindowStart;
  TimeOfDay window_end = kDefaultWindowEnd;
  std::string message;  ///< kOther only
  std::string template_id;
  std::string channel_plan_id;
  DateSpan offer;
  Instant launch_at{};  ///< when the audience is resolved; never after the window opens
  Instant created_at{};
  std::string created_by;
  Instant launched_at{};
  Instant cancelled_at{};
  std::string cancel_reason;
  Instant failed_at{};
  std::string failure_reason;
  CampaignProgress progress;
};

/// The store's quiet hours (local; may cross midnight) as the rules below read them.
struct QuietWindow final {
  TimeOfDay start{21 * 60};
  TimeOfDay end{8 * 60};

  [[nodiscard]] bool Contains(TimeOfDay time) const;
};

/// Where and when a campaign is judged: the store's zone and quiet hours, and now.
struct CampaignContext final {
  const TimeZone& zone;
  QuietWindow quiet;
  Instant now{};
};

[[nodiscard]] std::string_view CampaignKindName(CampaignKind kind);
[[nodiscard]] std::string_view CampaignStatusName(CampaignStatus status);

/// The reminder kind a campaign plans: a greeting for a holiday greeting, a seasonal check for
/// seasonal and pre-holiday checks, a campaign reminder otherwise.
[[nodiscard]] ReminderKind ReminderKindOf(CampaignKind kind);

/// Checks a new campaign and completes it: a holiday greeting's send day is its holiday's date
/// in `year`; the segment is restricted to the campaign's store; an unset launch moment is now.
/// Every error names the field and the reason: unknown holiday or a year outside 1901–2100, a
/// send day (or launch) in the past or after the window closes, a window inside quiet hours
/// or ending before it starts, a segment that contradicts itself or names another store, a
/// custom campaign without its text.
[[nodiscard]] Result<Campaign> ValidateNewCampaign(Campaign draft, const CampaignContext& context);

/// Checks a segment alone (also what a preview checks), restricting it to `store_id`.
[[nodiscard]] Result<Segment> ValidateSegment(Segment segment, const std::string& store_id);

/// The moment the campaign's reminders fall due: the window's start on the send day.
[[nodiscard]] Instant SendMoment(const Campaign& campaign, const TimeZone& zone);

/// One customer's reminder of a launched campaign, due at the send moment (or at once when
/// the campaign launched inside its window; recorded missed, never sent, when it launches after
/// the window closed). Its id derives from the campaign and the customer, so a launch that runs
/// again plans nothing twice.
[[nodiscard]] Reminder CampaignReminder(const Campaign& campaign, const std::string& customer_id, const TimeZone& zone,
                                        Instant now);

}  // namespace careloop::reminders::domain
