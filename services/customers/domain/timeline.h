#pragma once

#include <string>
#include <variant>
#include <vector>

#include "common/base/time.h"
#include "services/customers/domain/customer.h"
#include "services/customers/domain/history.h"

namespace careloop::customers::domain {

// The customer's timeline (客户历史): every fact on record, newest first, in one list staff
// can read top to bottom before a call.

enum class TimelineKind {
  kCustomerCreated,
  kVehicle,
  kServiceVisit,
  kInsurancePolicy,
  kInspection,
  kReferral,
  kPurchase,
  kPackage,
  kComplaint,
  kConsent,
  kContact,
  kSegment,
  kOdometer,
};

/// A contact made or received (沟通记录), as dispatch reported it.
struct ContactEntry final {
  std::string message_id;
  Channel channel = Channel::kSms;
  bool inbound = false;
  std::string summary;
  Instant at{};
};

/// A segment change, as described when it was stored.
struct SegmentEntry final {
  Instant at{};
  std::string summary;
};

struct TimelineEntry final {
  TimelineKind kind = TimelineKind::kCustomerCreated;
  Date date;               ///< the day of the fact (store-local)
  Instant at{};            ///< when it happened, or the start of `date` when only the day is known
  std::string summary;     ///< short English description
  std::string vehicle_id;  ///< the car concerned, if any
  std::variant<std::monostate, Vehicle, ServiceVisit, InsurancePolicy, Inspection, Referral, Purchase, PrepaidPackage,
               Complaint, ChannelConsent, ContactEntry, OdometerReading>
      detail;
};

/// Everything the timeline is made of.
struct TimelineSources final {
  const Customer* customer = nullptr;
  const History* history = nullptr;
  std::vector<ChannelConsent> consents;  ///< consent history
  std::vector<ContactEntry> contacts;
  std::vector<SegmentEntry> segments;
};

/// The entries, newest first (ties: the later-recorded kind first), filtered to `kinds` (empty:
/// all) and to `vehicle_id` (empty: all). `zone` turns instants into store-local days and days
/// into instants.
[[nodiscard]] std::vector<TimelineEntry> BuildTimeline(const TimelineSources& sources, const TimeZone& zone,
                                                       const std::vector<TimelineKind>& kinds,
                                                       const std::string& vehicle_id);

}  // namespace careloop::customers::domain
