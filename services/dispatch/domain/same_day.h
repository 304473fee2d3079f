#pragma once

#include <vector>

#include "common/base/time.h"
#include "services/dispatch/domain/message.h"

namespace careloop::dispatch::domain {

/// The same-day rule (contract: SAME_DAY_RULE_LOWER_PRIORITY_YIELDS): a customer gets at most
/// one campaign message — holiday greeting, check or offer — per store-local day, and the holiday
/// greeting has the priority. A campaign message yields (is suppressed) when a greeting to the
/// customer went out that day or is waiting to go; a greeting yields only to a campaign message
/// already sent that day (what went out cannot be taken back). A campaign message waits the
/// store's merge window before it is tried, so a greeting due at the same moment goes first.
/// True when `request` must yield to one of `recent` (the customer's latest messages).
[[nodiscard]] bool YieldsOnSameDay(const SendRequest& request, const std::vector<Message>& recent, Date today,
                                   const TimeZone& zone);

/// A campaign message is about its day (a greeting on the festival, an offer on its send day): one
/// that could not go out that day — the service was down, quiet hours pushed it past midnight —
/// is not sent later. True for a campaign message whose send day is before `today`.
[[nodiscard]] bool PastItsDay(const SendRequest& request, Date today);

}  // namespace careloop::dispatch::domain
