#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/dispatch/domain/contact_policy.h"
#include "services/dispatch/domain/message.h"

namespace careloop::dispatch::domain {

/// What happens when two campaign messages (holiday greeting, check, offer) fall on one
/// store-local day for one customer (dispatch.v1.SameDayRule).
enum class SameDayRule {
  kLowerPriorityYields,  ///< the lower-priority one is suppressed (frequency_cap)
  kDefer,                ///< the lower-priority one waits for the next allowed day (suppressed once stale)
  kSendBoth,             ///< both go
};

/// A store's contact policy (domain.md "Communication rules"), stored per store and defaulting
/// to the group's (dispatch settings). Quiet hours and caps are per message class: routine care
/// and marketing have a window and a daily and weekly cap each; service-critical messages (an
/// appointment confirmation) have their own window, none by default, and no cap.
struct StorePolicy final {
  std::string store_id;  ///< empty: the group default
  QuietHours marketing_quiet;
  QuietHours care_quiet;
  std::optional<QuietHours> critical_quiet;  ///< nullopt: a confirmation goes at any hour
  int max_marketing_per_day = 1;
  int max_marketing_per_week = 3;
  int max_care_per_day = 2;
  int max_care_per_week = 3;
  SameDayRule same_day_rule = SameDayRule::kLowerPriorityYields;
  std::vector<CareKind> priority;  ///< descending; kinds not listed come after, in DefaultPriority order
  Instant updated_at{};
  std::string updated_by;
};

/// The largest cap a store may set per day and per week (a cap is a protection, not a quota).
inline constexpr int kMaxCap = 50;

/// All care kinds by descending priority: service-critical first, then routine care, then
/// marketing, the holiday greeting before other campaign messages (the same-day rule's order).
[[nodiscard]] std::vector<CareKind> DefaultPriority();

/// Ok, or INVALID_ARGUMENT naming the field (`policy.<field>`) and why: a quiet window of zero
/// length (start equal to end: it would mean "never quiet" or "always quiet" — unset the window
/// instead), a cap below 1 (a cap of 0 would stop a whole class of care without a word; to stop
/// marketing to a customer their consent is withdrawn) or above kMaxCap, a daily cap above the
/// weekly one, a kind listed twice in the priority.
[[nodiscard]] Status CheckPolicy(const StorePolicy& policy);

/// The quiet window of `message_class`; nullptr when the class has none.
[[nodiscard]] const QuietHours* QuietHoursOf(const StorePolicy& policy, MessageClass message_class);

/// The first moment at or after `now` at which a message of `message_class` may go.
[[nodiscard]] Instant NextAllowedFor(const StorePolicy& policy, MessageClass message_class, Instant now,
                                     const TimeZone& zone);

/// Position of `kind` in the policy's priority (0 = highest).
[[nodiscard]] int PriorityRank(const StorePolicy& policy, CareKind kind);

/// The frequency caps. nullopt when one more message of `message_class` may go to a customer
/// whose latest messages are `recent`; otherwise the next slot at which it may: the next
/// store-local day when the daily cap is reached, the moment enough of the week's messages leave
/// the rolling 7-day window when the weekly cap is, each moved out of the class's quiet hours.
/// Service-critical messages have no cap.
[[nodiscard]] std::optional<Instant> CapReachedUntil(const StorePolicy& policy, MessageClass message_class,
                                                     const std::vector<Message>& recent, Instant now,
                                                     const TimeZone& zone);

/// When a message for `request` becomes stale and is no longer sent: a campaign message or a
/// greeting after its day (its send day / the festival); a maintenance, renewal, warranty or
/// inspection reminder once its date is `grace_days` behind (it is then missed); an appointment
/// reminder at its appointment day. nullopt: it does not go stale by itself.
[[nodiscard]] std::optional<Instant> ExpiryOf(const SendRequest& request, const TimeZone& zone, int grace_days);

/// The same-day rule with the policy's priority: a campaign message yields to a campaign message
/// already sent to the customer that store-local day, and to one of higher priority waiting for
/// that day. Under kSendBoth nothing yields.
[[nodiscard]] bool YieldsSameDay(const StorePolicy& policy, const SendRequest& request,
                                 const std::vector<Message>& recent, Date today, const TimeZone& zone);

}  // namespace careloop::dispatch::domain
