#include "services/dispatch/domain/same_day.h"

#include <algorithm>

namespace careloop::dispatch::domain {
namespace {

bool Pending(MessageStatus status) {
  return status == MessageStatus::kQueued || status == MessageStatus::kDeferred;
}

// The store-local day a message went out, or is to go out.
Date DayOf(const Message& message, const TimeZone& zone) {
  if (WentOut(message.status)) {
    return zone.DateAt(message.sent_at);
  }
  return zone.DateAt(message.not_before > message.created_at ? message.not_before : message.created_at);
}

}  // namespace

bool YieldsOnSameDay(const SendRequest& request, const std::vector<Message>& recent, Date today, const TimeZone& zone) {
  if (!IsCampaignMessage(request.kind)) {
    return false;
  }
  const bool greeting = request.kind == CareKind::kHolidayGreeting;
  return std::any_of(recent.begin(), recent.end(), [&](const Message& other) {
    if (other.cause_id == request.cause_id || !IsCampaignMessage(other.kind) || DayOf(other, zone) != today) {
      return false;
    }
    const bool sent = WentOut(other.status);
    if (greeting) {
      return sent;  // only what already went out stops a greeting
    }
    // A campaign message yields to a greeting sent or waiting, and to any campaign message sent.
    return sent || (other.kind == CareKind::kHolidayGreeting && Pending(other.status));
  });
}

bool PastItsDay(const SendRequest& request, Date today) {
  return IsCampaignMessage(request.kind) && request.service_due_date.IsSet() && request.service_due_date < today;
}

}  // namespace careloop::dispatch::domain
