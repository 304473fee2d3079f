#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/base/time.h"
#include "services/reminders/domain/maintenance.h"

namespace careloop::reminders::domain {

// Care effectiveness (护理成效): what the care programme is judged by. Per store, kind, channel and
// month: reminders fired (due), sent, missed, suppressed, failed, and the share of fired reminders
// followed by a workshop visit (回厂率) or a booking (预约率) within the store's return window.
// Everything is counted by the store-local month in which the reminder fired (a missed reminder:
// the month it was recorded missed), from facts kept once per reminder and message, so replayed
// events count nothing twice.

/// The channel a message about a reminder went out (or was meant to go out) on.
enum class CareChannel { kSms, kWechat, kPhoneCall, kFaceToFace };

/// What dispatch made of one message about a reminder.
enum class MessageOutcome { kSent, kSuppressed, kFailed };

/// A calendar month, "2027-01".
struct CareMonth final {
  int year = 0;
  int month = 0;

  /// Parses "YYYY-MM" (years 1901-2100); nullopt for anything else.
  [[nodiscard]] static std::optional<CareMonth> Parse(std::string_view text);
  [[nodiscard]] static CareMonth Of(Date date) { return {date.year, date.month}; }
  [[nodiscard]] std::string ToString() const;
  [[nodiscard]] Date FirstDay() const { return {year, month, 1}; }
  /// The first day of the next month.
  [[nodiscard]] Date End() const { return FirstDay().PlusMonths(1); }
  auto operator<=>(const CareMonth&) const = default;
};

/// A reminder that fired, as the report needs it. `vehicle_id` is empty for customer-level kinds
/// (greetings, campaigns, win-back): their return counts a visit of any of the customer's cars.
struct FiredReminder final {
  std::string reminder_id;
  std::string store_id;
  std::string customer_id;
  std::string vehicle_id;
  ReminderKind kind = ReminderKind::kFirstMaintenance;
  Date fired_on;  ///< store-local date it fired
};

/// One fired reminder with everything that followed it.
struct ReminderCareFacts final {
  FiredReminder reminder;
  /// Each outcome once per channel; no channel: dispatch suppressed the whole plan before choosing one.
  std::set<std::pair<std::optional<CareChannel>, MessageOutcome>> outcomes;
  bool answered_by_booking = false;  ///< an appointment was booked naming it (answered_reminder_id)
  std::vector<Date> visits;          ///< workshop visits of its vehicle (customer, for customer-level kinds)
  std::vector<Date> bookings;        ///< dates bookings were made for its vehicle (customer …)
};

/// A reminder recorded missed (never sent), counted in the month it was recorded.
struct MissedReminder final {
  std::string reminder_id;
  ReminderKind kind = ReminderKind::kFirstMaintenance;
  Date missed_on;
};

/// The facts of one store and month.
struct CareMonthFacts final {
  std::vector<ReminderCareFacts> fired;
  std::vector<MissedReminder> missed;
};

/// Which rows to show: all, or only one kind and/or one channel.
struct CareReportFilter final {
  std::optional<ReminderKind> kind;
  std::optional<CareChannel> channel;
};

/// One row of the report. `channel` empty: every reminder of the kind (all channels; the only row
/// counting missed ones). A channel: the reminders whose care was attempted on it (a message sent,
/// suppressed or failed there), and of those, how many were sent, suppressed or failed there.
struct CareReportRow final {
  ReminderKind kind = ReminderKind::kFirstMaintenance;
  std::optional<CareChannel> channel;
  int64_t due = 0;         ///< reminders fired in the month
  int64_t sent = 0;        ///< … with a message sent
  int64_t missed = 0;      ///< reminders recorded missed in the month (never sent)
  int64_t suppressed = 0;  ///< … with a message suppressed (consent, quiet hours, caps)
  int64_t failed = 0;      ///< … with a message failed for good
  int64_t returned = 0;    ///< … followed by a workshop visit within the return window
  int64_t booked = 0;      ///< … answered by a booking, or followed by one within the window
  /// returned / due and booked / due; empty when nothing fired (not applicable — never 0 % or 100 %).
  std::optional<double> return_rate;
  std::optional<double> appointment_rate;
};

/// Whether one of `dates` falls on `fired_on` or within `window_days` days after it (day
/// `window_days` counts; the day after does not).
[[nodiscard]] bool FollowedWithin(Date fired_on, const std::vector<Date>& dates, int window_days);

/// The report of one store and month from its facts: one row per kind with anything to count
/// (all channels), each followed by its channels' rows; kinds and channels in enum order.
[[nodiscard]] std::vector<CareReportRow> TallyCareReport(const CareMonthFacts& facts, int window_days,
                                                         const CareReportFilter& filter = {});

/// share = part / base, or empty when base is 0 (not applicable).
[[nodiscard]] std::optional<double> ShareOf(int64_t part, int64_t base);

}  // namespace careloop::reminders::domain
