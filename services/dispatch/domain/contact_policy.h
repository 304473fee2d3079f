#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "common/base/time.h"

namespace careloop::dispatch::domain {

/// The hours in which no marketing or routine care message may reach a customer
/// (default 21:00–08:00 local). A window that crosses midnight is the usual case.
struct QuietHours final {
  TimeOfDay start{21 * 60};
  TimeOfDay end{8 * 60};

  /// True when `time` falls inside the quiet window.
  [[nodiscard]] bool Contains(TimeOfDay time) const;
};

/// The first moment at or after `now` outside quiet hours, in the store's zone. A message due
/// at 23:10 waits until 08:00 the next morning; one due at 10:00 goes at once.
[[nodiscard]] Instant NextAllowedMoment(Instant now, const QuietHours& quiet, const TimeZone& zone);

/// How urgent a message is, which decides which rules apply.
enum class MessageClass {
  kServiceCritical,  ///< appointment confirmations: quiet hours of their own, no cap
  kCare,             ///< maintenance, renewal, inspection reminders: quiet hours and caps
  kMarketing,        ///< campaigns and greetings: quiet hours, caps, opt-out line
};

/// A frequency cap: at most `max_messages` care or marketing messages per customer in any
/// rolling `window`.
struct FrequencyCap final {
  int max_messages = 3;
  Millis window = Days{7};
};

/// True if one more message may go to a customer who got `sent_in_window` already.
[[nodiscard]] bool WithinCap(MessageClass message_class, int sent_in_window, const FrequencyCap& cap);

/// Deterministic message id for the `occurrence`-th send caused by reminder `reminder_id` on
/// `channel`: a replay of the same ReminderDue claims the same id and is dropped.
[[nodiscard]] std::string MessageIdFor(const std::string& reminder_id, int occurrence, std::string_view channel);

/// Fills "${name}" placeholders in `text` from `params`. An unknown placeholder is an error
/// naming it: a message with a hole in it must never reach a customer.
[[nodiscard]] Result<std::string> RenderTemplate(std::string_view text,
                                                 const std::map<std::string, std::string>& params);

/// The names of the placeholders of `text`, in order of first appearance.
[[nodiscard]] std::vector<std::string> TemplateParams(std::string_view text);

/// "先生" for men, "女士" for women, "先生/女士" when unknown — used after the family name.
[[nodiscard]] std::string Honorific(int gender);

/// A customer's SMS reply that means "stop marketing to me" (TD, T, 退订, N…), per domain.md.
[[nodiscard]] bool IsOptOutReply(std::string_view text);

/// What a reply means (dispatch.v1.ReplyClassification).
enum class ReplyKind { kOptOut, kOptIn, kConfirm, kSurveyAnswer, kOther };
struct ReplyMeaning final {
  ReplyKind kind = ReplyKind::kOther;
  int score = 0;  ///< 1–10 for a survey answer given as a single number
};
/// Opt-out (IsOptOutReply), opt-in (订阅, "DY"), a single score 1–10, a confirmation (确认, 是,
/// "Y", "OK"), or anything else — for staff to read.
[[nodiscard]] ReplyMeaning ClassifyReply(std::string_view text);

}  // namespace careloop::dispatch::domain
