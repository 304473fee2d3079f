#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/base/time.h"
#include "services/reminders/domain/reminder.h"

// The answer window of an issued survey as timers (issue 11): one reminder to a customer who has
// not answered (REMINDER_KIND_SURVEY_REMINDER) and the window's close at the survey's expires_at
// (REMINDER_KIND_SURVEY_WINDOW_CLOSE). The surveys service decides what their firings mean.
namespace careloop::reminders::domain {

/// An issued survey as SurveyIssued tells it.
struct IssuedSurvey final {
  std::string survey_id;
  std::string customer_id;
  std::string store_id;
  std::string vehicle_id;
  Instant issued_at{};
  Instant expires_at{};
};

/// When a non-responder is reminded: `reminder_after_days` after the issue date (0: never), at
/// the store's survey-invitation hour, and only when that moment lies at least `min_lead` before
/// the survey expires (a reminder on the last evening helps nobody).
struct SurveyReminderTiming final {
  int reminder_after_days = 2;
  Millis min_lead = std::chrono::hours{24};
  std::map<std::string, int> reminder_after_days_by_store;  ///< a store's own delay (0: no reminder)

  /// The delay at `store_id`: its own if set, else the group's.
  [[nodiscard]] int ReminderAfterDays(const std::string& store_id) const;
};

/// The survey's timers: the reminder (left out when the timing says never, or when it would not
/// fall comfortably before `expires_at`; moved to `now` when its moment passed while the survey
/// was being announced, if still comfortably early) and the close at `expires_at` (none without
/// one). Ids derive from the survey: a replayed SurveyIssued plans the same ids.
[[nodiscard]] std::vector<Reminder> PlanSurveyWindowTimers(const IssuedSurvey& survey,
                                                           const SurveyReminderTiming& timing, TimeOfDay fire_time,
                                                           const TimeZone& zone, Instant now);

}  // namespace careloop::reminders::domain
