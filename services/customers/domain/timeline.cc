#include "services/customers/domain/timeline.h"

#include <algorithm>

#include "services/customers/domain/search.h"

namespace careloop::customers::domain {
namespace {

std::string_view VisitTypeText(VisitType type) {
  switch (type) {
    case VisitType::kFirstFreeMaintenance: return "first free maintenance";
    case VisitType::kSecondFreeMaintenance: return "second free maintenance";
    case VisitType::kRegularMaintenance: return "regular maintenance";
    case VisitType::kRepair: return "repair";
    case VisitType::kWarranty: return "warranty repair";
    case VisitType::kAccidentClaim: return "accident repair";
    case VisitType::kBodywork: return "bodywork";
    case VisitType::kMaintenance: return "maintenance";
    case VisitType::kUnspecified: break;
  }
  return "visit";
}

std::string Yuan(int64_t fen) {
  return std::to_string(fen / 100) + "." + (fen % 100 < 10 ? "0" : "") + std::to_string(fen % 100);
}

}  // namespace

std::vector<TimelineEntry> BuildTimeline(const TimelineSources& sources, const TimeZone& zone,
                                         const std::vector<TimelineKind>& kinds, const std::string& vehicle_id) {
  std::vector<TimelineEntry> out;
  auto on_day = [&](TimelineKind kind, Date date, std::string summary, std::string vehicle, auto detail) {
    out.push_back(
        TimelineEntry{kind, date, zone.StartOfDay(date), std::move(summary), std::move(vehicle), std::move(detail)});
  };
  auto at = [&](TimelineKind kind, Instant when, std::string summary, auto detail) {
    out.push_back(TimelineEntry{kind, zone.DateAt(when), when, std::move(summary), "", std::move(detail)});
  };
  const Customer& customer = *sources.customer;
  const History& history = *sources.history;

  at(TimelineKind::kCustomerCreated, customer.created_at, "customer record created", std::monostate{});
  for (const auto& vehicle : customer.vehicles) {
    const Date day = vehicle.delivery_date.IsSet() ? vehicle.delivery_date : zone.DateAt(customer.created_at);
    on_day(TimelineKind::kVehicle, day, vehicle.model + " " + vehicle.plate + " delivered (VIN " + vehicle.vin + ")",
           vehicle.vehicle_id, vehicle);
  }
  for (const auto& visit : history.visits) {
    on_day(TimelineKind::kServiceVisit, visit.visit_date,
           std::string(VisitTypeText(visit.visit_type)) + " at " + std::to_string(visit.odometer_km) + " km" +
               (visit.amount_fen > 0 ? ", " + Yuan(visit.amount_fen) + " yuan" : ""),
           visit.vehicle_id, visit);
  }
  for (const auto& policy : history.policies) {
    on_day(TimelineKind::kInsurancePolicy, policy.start_date,
           std::string(policy.compulsory ? "compulsory" : "commercial") + " insurance with " + policy.insurer +
               " until " + policy.end_date.ToString() + (policy.bought_through_store ? " (bought here)" : ""),
           policy.vehicle_id, policy);
  }
  for (const auto& inspection : history.inspections) {
    on_day(TimelineKind::kInspection, inspection.inspection_date,
           "annual inspection passed, next due " + inspection.next_due_date.ToString() +
               (inspection.done_through_store ? " (done by the store)" : ""),
           inspection.vehicle_id, inspection);
  }
  for (const auto& referral : history.referrals) {
    on_day(TimelineKind::kReferral, referral.referral_date,
           "referred customer " + referral.referred_customer_id +
               (referral.purchased ? ", who bought on " + referral.purchase_date.ToString() : ""),
           "", referral);
  }
  for (const auto& purchase : history.purchases) {
    on_day(TimelineKind::kPurchase, purchase.purchase_date,
           purchase.kind == PurchaseKind::kReplacement ? "replacement purchase" : "additional purchase",
           purchase.vehicle_id, purchase);
  }
  for (const auto& package : history.packages) {
    on_day(TimelineKind::kPackage, package.purchase_date,
           "prepaid package " + package.display_name + " (" + std::to_string(package.services_used) + "/" +
               std::to_string(package.services_total) + " used, valid until " + package.valid_until.ToString() + ")",
           package.vehicle_id, package);
  }
  for (const auto& complaint : history.complaints) {
    const bool open = complaint.outcome == ComplaintOutcome::kOpen;
    on_day(TimelineKind::kComplaint, complaint.opened_date,
           std::string(complaint.severity == ComplaintSeverity::kMajor ? "major complaint" : "complaint") +
               (open ? " (open)" : " (closed " + complaint.closed_date.ToString() + ")"),
           complaint.vehicle_id, complaint);
  }
  for (const auto& reading : history.odometer_readings) {
    on_day(TimelineKind::kOdometer, reading.reading_date,
           "odometer " + std::to_string(reading.odometer_km) + " km (" + reading.source + ")", reading.vehicle_id,
           reading);
  }
  for (const auto& consent : sources.consents) {
    at(TimelineKind::kConsent, consent.changed_at,
       std::string(ChannelName(consent.channel)) + " consent " + std::string(ConsentStateName(consent.state)) + " (" +
           consent.source + ")",
       consent);
  }
  for (const auto& contact : sources.contacts) {
    at(TimelineKind::kContact, contact.at, contact.summary, contact);
  }
  for (const auto& segment : sources.segments) {
    at(TimelineKind::kSegment, segment.at, segment.summary, std::monostate{});
  }

  std::erase_if(out, [&](const TimelineEntry& entry) {
    const bool kind_wanted = kinds.empty() || std::find(kinds.begin(), kinds.end(), entry.kind) != kinds.end();
    const bool vehicle_wanted = vehicle_id.empty() || entry.vehicle_id == vehicle_id;
    return !kind_wanted || !vehicle_wanted;
  });
  std::stable_sort(out.begin(), out.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
    return a.at != b.at ? a.at > b.at : a.kind > b.kind;
  });
  return out;
}

}  // namespace careloop::customers::domain
