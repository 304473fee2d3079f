#include "services/dispatch/domain/store_policy.h"

#include <algorithm>
#include <set>

namespace careloop::dispatch::domain {
namespace {

constexpr Millis kWeek = Days{7};

Status CheckWindow(const QuietHours& quiet, const std::string& field) {
  if (quiet.start == quiet.end) {
    return InvalidArgument(field, "is zero length (start equals end " + quiet.start.ToString() +
                                      "): a window must have a length; to have no quiet hours for this class, "
                                      "leave the window unset");
  }
  if (quiet.start.minutes < 0 || quiet.start.minutes >= 24 * 60 || quiet.end.minutes < 0 ||
      quiet.end.minutes >= 24 * 60) {
    return InvalidArgument(field, "start and end must be times of day between 00:00 and 23:59");
  }
  return Ok{};
}

Status CheckCap(int cap, const std::string& field) {
  if (cap < 1) {
    return InvalidArgument(field, "must be at least 1, got " + std::to_string(cap) +
                                      ": a cap of 0 would silently stop every message of the class (to stop "
                                      "marketing to a customer, their consent is withdrawn)");
  }
  if (cap > kMaxCap) {
    return InvalidArgument(field, "must be at most " + std::to_string(kMaxCap) + ", got " + std::to_string(cap));
  }
  return Ok{};
}

bool Pending(MessageStatus status) {
  return status == MessageStatus::kQueued || status == MessageStatus::kDeferred;
}

Date DayOf(const Message& message, const TimeZone& zone) {
  if (WentOut(message.status)) {
    return zone.DateAt(message.sent_at);
  }
  return zone.DateAt(message.not_before > message.created_at ? message.not_before : message.created_at);
}

}  // namespace

std::vector<CareKind> DefaultPriority() {
  return {CareKind::kAppointmentConfirmation,
          CareKind::kAppointmentDayBefore,
          CareKind::kAppointmentNoShow,
          CareKind::kInsuranceRenewal,
          CareKind::kAnnualInspection,
          CareKind::kFirstMaintenance,
          CareKind::kSecondMaintenance,
          CareKind::kRegularMaintenance,
          CareKind::kWarrantyExpiry,
          CareKind::kSurveyInvitation,
          CareKind::kBirthday,
          CareKind::kHolidayGreeting,
          CareKind::kWinBack,
          CareKind::kSeasonalCheck,
          CareKind::kCampaign};
}

Status CheckPolicy(const StorePolicy& policy) {
  for (const Status& status :
       {CheckWindow(policy.marketing_quiet, "policy.marketing_quiet_hours"),
        CheckWindow(policy.care_quiet, "policy.service_quiet_hours"),
        policy.critical_quiet ? CheckWindow(*policy.critical_quiet, "policy.critical_quiet_hours") : Status{Ok{}},
        CheckCap(policy.max_marketing_per_day, "policy.max_marketing_per_day"),
        CheckCap(policy.max_marketing_per_week, "policy.max_marketing_per_week"),
        CheckCap(policy.max_care_per_day, "policy.max_care_per_day"),
        CheckCap(policy.max_care_per_week, "policy.max_care_per_week")}) {
    if (!status.ok()) {
      return status;
    }
  }
  if (policy.max_marketing_per_day > policy.max_marketing_per_week) {
    return InvalidArgument("policy.max_marketing_per_day", "must not exceed max_marketing_per_week (" +
                                                               std::to_string(policy.max_marketing_per_week) + ")");
  }
  if (policy.max_care_per_day > policy.max_care_per_week) {
    return InvalidArgument("policy.max_care_per_day",
                           "must not exceed max_care_per_week (" + std::to_string(policy.max_care_per_week) + ")");
  }
  std::set<CareKind> seen;
  for (CareKind kind : policy.priority) {
    if (!seen.insert(kind).second) {
      return InvalidArgument("policy.priority", "lists " + std::string(CareKindName(kind)) + " twice");
    }
  }
  return Ok{};
}

const QuietHours* QuietHoursOf(const StorePolicy& policy, MessageClass message_class) {
  switch (message_class) {
    case MessageClass::kServiceCritical: return policy.critical_quiet ? &*policy.critical_quiet : nullptr;
    case MessageClass::kCare: return &policy.care_quiet;
    case MessageClass::kMarketing: return &policy.marketing_quiet;
  }
  return nullptr;
}

Instant NextAllowedFor(const StorePolicy& policy, MessageClass message_class, Instant now, const TimeZone& zone) {
  const QuietHours* quiet = QuietHoursOf(policy, message_class);
  return quiet == nullptr ? now : NextAllowedMoment(now, *quiet, zone);
}

int PriorityRank(const StorePolicy& policy, CareKind kind) {
  const auto listed = std::find(policy.priority.begin(), policy.priority.end(), kind);
  if (listed != policy.priority.end()) {
    return static_cast<int>(listed - policy.priority.begin());
  }
  const std::vector<CareKind> defaults = DefaultPriority();
  const auto fallback = std::find(defaults.begin(), defaults.end(), kind);
  return static_cast<int>(policy.priority.size()) + static_cast<int>(fallback - defaults.begin());
}

std::optional<Instant> CapReachedUntil(const StorePolicy& policy, MessageClass message_class,
                                       const std::vector<Message>& recent, Instant now, const TimeZone& zone) {
  if (message_class == MessageClass::kServiceCritical) {
    return std::nullopt;
  }
  const bool marketing = message_class == MessageClass::kMarketing;
  const int per_day = marketing ? policy.max_marketing_per_day : policy.max_care_per_day;
  const int per_week = marketing ? policy.max_marketing_per_week : policy.max_care_per_week;
  const Date today = zone.DateAt(now);
  std::vector<Instant> in_week;  // send times of the class within the rolling week
  int sent_today = 0;
  for (const auto& message : recent) {
    if (!WentOut(message.status) || ClassOf(message.kind) != message_class || message.sent_at > now ||
        message.sent_at <= now - kWeek) {
      continue;
    }
    in_week.push_back(message.sent_at);
    if (zone.DateAt(message.sent_at) == today) {
      ++sent_today;
    }
  }
  std::optional<Instant> until;
  if (sent_today >= per_day) {
    until = zone.StartOfDay(today.PlusDays(1));
  }
  if (static_cast<int>(in_week.size()) >= per_week) {
    std::sort(in_week.begin(), in_week.end());
    // Once this many of them have left the window, one more fits.
    const size_t leaving = in_week.size() - static_cast<size_t>(per_week);
    const Instant freed = in_week[leaving] + kWeek;
    until = until ? std::max(*until, freed) : freed;
  }
  if (!until) {
    return std::nullopt;
  }
  return NextAllowedFor(policy, message_class, *until, zone);
}

std::optional<Instant> ExpiryOf(const SendRequest& request, const TimeZone& zone, int grace_days) {
  if (!request.service_due_date.IsSet()) {
    return std::nullopt;
  }
  const Date& date = request.service_due_date;
  if (IsCampaignMessage(request.kind) || request.kind == CareKind::kBirthday) {
    return zone.StartOfDay(date.PlusDays(1));  // about its day
  }
  if (IsMaintenance(request.kind) || request.kind == CareKind::kInsuranceRenewal ||
      request.kind == CareKind::kWarrantyExpiry || request.kind == CareKind::kAnnualInspection) {
    return zone.StartOfDay(date.PlusDays(grace_days + 1));  // then it is missed
  }
  if (request.kind == CareKind::kAppointmentDayBefore || request.kind == CareKind::kAppointmentConfirmation) {
    return zone.StartOfDay(date);  // the appointment itself
  }
  return std::nullopt;
}

bool YieldsSameDay(const StorePolicy& policy, const SendRequest& request, const std::vector<Message>& recent,
                   Date today, const TimeZone& zone) {
  if (policy.same_day_rule == SameDayRule::kSendBoth || !IsCampaignMessage(request.kind)) {
    return false;
  }
  const int rank = PriorityRank(policy, request.kind);
  return std::any_of(recent.begin(), recent.end(), [&](const Message& other) {
    if (other.cause_id == request.cause_id || !IsCampaignMessage(other.kind) || DayOf(other, zone) != today) {
      return false;
    }
    if (WentOut(other.status)) {
      return true;  // what went out cannot be taken back
    }
    return Pending(other.status) && PriorityRank(policy, other.kind) < rank;
  });
}

}  // namespace careloop::dispatch::domain
