#include "services/customers/domain/history.h"

#include <algorithm>

#include "common/base/ids.h"
#include "services/customers/domain/errors.h"
#include "services/customers/domain/validation.h"

namespace careloop::customers::domain {
namespace {

Status RequireVehicle(const Customer& owner, const std::string& field, const std::string& vehicle_id) {
  if (vehicle_id.empty()) {
    return InvalidArgument(field, "is required");
  }
  if (owner.FindVehicle(vehicle_id) == nullptr) {
    return MakeError(Errc::kNoVehicle, vehicle_id, std::string(field));
  }
  return Ok{};
}

}  // namespace

Result<InsurancePolicy> PreparePolicy(const Customer& owner, InsurancePolicy policy) {
  if (Status car = RequireVehicle(owner, "vehicle_id", policy.vehicle_id); !car.ok()) {
    return car.error();
  }
  if (policy.insurer.empty()) {
    return InvalidArgument("insurer", "is required");
  }
  if (policy.policy_number.empty()) {
    return InvalidArgument("policy_number", "is required");
  }
  if (!policy.start_date.IsValid()) {
    return InvalidArgument("start_date", "is required");
  }
  if (!policy.end_date.IsValid()) {
    return InvalidArgument("end_date", "is required");
  }
  if (policy.end_date <= policy.start_date) {
    return InvalidArgument("end_date", "must be after the start date " + policy.start_date.ToString());
  }
  if (policy.premium_fen < 0) {
    return InvalidArgument("premium_fen", "must not be negative");
  }
  policy.store_id = owner.store_id;
  return policy;
}

Result<Inspection> PrepareInspection(const Customer& owner, Inspection inspection, Date today) {
  if (Status car = RequireVehicle(owner, "vehicle_id", inspection.vehicle_id); !car.ok()) {
    return car.error();
  }
  if (Status past = RequirePastDate("inspection_date", inspection.inspection_date, today); !past.ok()) {
    return past.error();
  }
  if (!inspection.next_due_date.IsSet()) {
    inspection.next_due_date = inspection.inspection_date.PlusMonths(12);
  }
  if (!inspection.next_due_date.IsValid() || inspection.next_due_date <= inspection.inspection_date) {
    return InvalidArgument("next_due_date", "must be after the inspection date");
  }
  inspection.store_id = owner.store_id;
  return inspection;
}

Result<Referral> PrepareReferral(const Customer& owner, Referral referral, Date today) {
  if (referral.referred_customer_id.empty()) {
    return InvalidArgument("referred_customer_id", "is required");
  }
  if (referral.referred_customer_id == owner.customer_id) {
    return InvalidArgument("referred_customer_id", "a customer cannot refer themselves");
  }
  if (Status past = RequirePastDate("referral_date", referral.referral_date, today); !past.ok()) {
    return past.error();
  }
  if (referral.purchased) {
    if (Status past = RequirePastDate("purchase_date", referral.purchase_date, today); !past.ok()) {
      return past.error();
    }
    if (referral.purchase_date < referral.referral_date) {
      return InvalidArgument("purchase_date", "is before the referral date " + referral.referral_date.ToString());
    }
  } else if (referral.purchase_date.IsSet()) {
    return InvalidArgument("purchase_date", "is only set when purchased is true");
  }
  referral.store_id = owner.store_id;
  return referral;
}

Result<Purchase> PreparePurchase(Customer& owner, Purchase purchase, Date today) {
  if (Status car = RequireVehicle(owner, "vehicle_id", purchase.vehicle_id); !car.ok()) {
    return car.error();
  }
  if (Status past = RequirePastDate("purchase_date", purchase.purchase_date, today); !past.ok()) {
    return past.error();
  }
  if (purchase.kind == PurchaseKind::kReplacement) {
    if (Status old = RequireVehicle(owner, "replaced_vehicle_id", purchase.replaced_vehicle_id); !old.ok()) {
      return old.error();
    }
    if (purchase.replaced_vehicle_id == purchase.vehicle_id) {
      return InvalidArgument("replaced_vehicle_id", "must be another car than the one bought");
    }
    for (auto& vehicle : owner.vehicles) {
      if (vehicle.vehicle_id == purchase.replaced_vehicle_id) {
        vehicle.status = VehicleStatus::kSold;
      }
    }
  } else if (!purchase.replaced_vehicle_id.empty()) {
    return InvalidArgument("replaced_vehicle_id", "is only set for a replacement purchase");
  }
  purchase.store_id = owner.store_id;
  return purchase;
}

Result<PrepaidPackage> PreparePackage(const Customer& owner, PrepaidPackage package, Date today) {
  if (Status car = RequireVehicle(owner, "vehicle_id", package.vehicle_id); !car.ok()) {
    return car.error();
  }
  if (package.display_name.empty()) {
    return InvalidArgument("display_name", "is required");
  }
  if (Status past = RequirePastDate("purchase_date", package.purchase_date, today); !past.ok()) {
    return past.error();
  }
  if (!package.valid_until.IsValid() || package.valid_until < package.purchase_date) {
    return InvalidArgument("valid_until", "must be a date on or after the purchase date");
  }
  if (package.services_total <= 0) {
    return InvalidArgument("services_total", "must be at least 1");
  }
  if (package.services_used < 0 || package.services_used > package.services_total) {
    return InvalidArgument("services_used", "must be between 0 and services_total");
  }
  if (package.amount_fen < 0) {
    return InvalidArgument("amount_fen", "must not be negative");
  }
  package.store_id = owner.store_id;
  return package;
}

Result<Complaint> PrepareComplaint(const Customer& owner, Complaint complaint, Date today) {
  if (!complaint.vehicle_id.empty()) {
    if (Status car = RequireVehicle(owner, "vehicle_id", complaint.vehicle_id); !car.ok()) {
      return car.error();
    }
  }
  if (complaint.summary.empty()) {
    return InvalidArgument("summary", "is required");
  }
  if (Status past = RequirePastDate("opened_date", complaint.opened_date, today); !past.ok()) {
    return past.error();
  }
  const bool final_outcome = complaint.outcome != ComplaintOutcome::kOpen;
  if (final_outcome) {
    if (Status past = RequirePastDate("closed_date", complaint.closed_date, today); !past.ok()) {
      return past.error();
    }
    if (complaint.closed_date < complaint.opened_date) {
      return InvalidArgument("closed_date", "is before the opened date " + complaint.opened_date.ToString());
    }
  } else if (complaint.closed_date.IsSet()) {
    return InvalidArgument("closed_date", "an open complaint has no closed date");
  }
  complaint.store_id = owner.store_id;
  return complaint;
}

namespace {

struct OdometerPoint {
  Date date;
  int km = 0;
};

std::vector<OdometerPoint> PointsOf(const History& history, const std::string& vehicle_id) {
  std::vector<OdometerPoint> points;
  for (const auto& visit : history.visits) {
    if (visit.vehicle_id == vehicle_id) {
      points.push_back({visit.visit_date, visit.odometer_km});
    }
  }
  for (const auto& reading : history.odometer_readings) {
    if (reading.vehicle_id == vehicle_id) {
      points.push_back({reading.reading_date, reading.odometer_km});
    }
  }
  std::sort(points.begin(), points.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  return points;
}

}  // namespace

std::string OdometerReadingId(const OdometerReading& reading) {
  return DerivedId("odo-", {reading.vehicle_id, reading.reading_date.ToString(), std::to_string(reading.odometer_km)});
}

double EstimateKmPerDay(const History& history, const std::string& vehicle_id) {
  const auto points = PointsOf(history, vehicle_id);
  if (points.size() < 2) {
    return 0;
  }
  const int64_t days = points.back().date.DaysSinceEpoch() - points.front().date.DaysSinceEpoch();
  constexpr int64_t kMinSpanDays = 30;
  if (days < kMinSpanDays) {
    return 0;
  }
  return static_cast<double>(points.back().km - points.front().km) / static_cast<double>(days);
}

VisitType ResolveMaintenance(const History& history, const Vehicle& vehicle, Date visit_date) {
  const auto is_maintenance = [](VisitType type) {
    return type == VisitType::kFirstFreeMaintenance || type == VisitType::kSecondFreeMaintenance ||
           type == VisitType::kRegularMaintenance;
  };
  bool had_first = false;
  bool had_second = false;
  for (const auto& visit : history.visits) {
    if (visit.vehicle_id != vehicle.vehicle_id) {
      continue;
    }
    if (visit.visit_date == visit_date && is_maintenance(visit.visit_type)) {
      return visit.visit_type;
    }
    had_first = had_first || visit.visit_type == VisitType::kFirstFreeMaintenance;
    had_second = had_second || visit.visit_type == VisitType::kSecondFreeMaintenance;
  }
  if (!had_first && visit_date <= vehicle.delivery_date.PlusMonths(12)) {
    return VisitType::kFirstFreeMaintenance;
  }
  if (!had_second && visit_date <= vehicle.delivery_date.PlusMonths(24)) {
    return VisitType::kSecondFreeMaintenance;
  }
  return VisitType::kRegularMaintenance;
}

const ServiceVisit* SameVisit(const History& history, const NewVisit& request) {
  for (const auto& visit : history.visits) {
    if (visit.vehicle_id == request.vehicle_id && visit.visit_date == request.visit_date &&
        visit.visit_type == request.visit_type) {
      return &visit;
    }
  }
  return nullptr;
}

ServiceVisit MergeVisit(ServiceVisit known, const NewVisit& repeat) {
  if (known.advisor.empty()) {
    known.advisor = repeat.advisor;
  }
  if (known.amount_fen == 0) {
    known.amount_fen = repeat.amount_fen;
  }
  if (known.repair_order_number.empty()) {
    known.repair_order_number = repeat.repair_order_number;
  }
  known.odometer_km = std::max(known.odometer_km, repeat.odometer_km);
  return known;
}

void ApplyVisit(Customer& owner, const History& history, const ServiceVisit& visit) {
  History with = history;
  with.visits.push_back(visit);
  for (auto& vehicle : owner.vehicles) {
    if (vehicle.vehicle_id != visit.vehicle_id) {
      continue;
    }
    if (!vehicle.odometer_date.IsSet() || visit.visit_date >= vehicle.odometer_date) {
      vehicle.odometer_km = visit.odometer_km;
      vehicle.odometer_date = visit.visit_date;
    }
    vehicle.estimated_km_per_day = EstimateKmPerDay(with, visit.vehicle_id);
  }
  owner.last_visit_date = std::max(owner.last_visit_date, visit.visit_date);
}

Result<OdometerReading> PrepareOdometerReading(Customer& owner, const History& history, OdometerReading reading,
                                               Date today) {
  if (Status car = RequireVehicle(owner, "vehicle_id", reading.vehicle_id); !car.ok()) {
    return car.error();
  }
  if (Status past = RequirePastDate("reading_date", reading.reading_date, today); !past.ok()) {
    return past.error();
  }
  if (reading.odometer_km < 0 || reading.odometer_km > 2'000'000) {
    return InvalidArgument("odometer_km", "must be between 0 and 2000000");
  }
  if (reading.source.empty()) {
    return InvalidArgument("source", "is required (who or what read the odometer)");
  }
  for (const auto& point : PointsOf(history, reading.vehicle_id)) {
    if (point.date <= reading.reading_date && point.km > reading.odometer_km) {
      return InvalidArgument(
          "odometer_km", "goes backwards: " + std::to_string(point.km) + " km were read on " + point.date.ToString());
    }
    if (point.date >= reading.reading_date && point.km < reading.odometer_km) {
      return InvalidArgument(
          "odometer_km", "is above the " + std::to_string(point.km) + " km read later, on " + point.date.ToString());
    }
  }
  History with = history;
  with.odometer_readings.push_back(reading);
  for (auto& vehicle : owner.vehicles) {
    if (vehicle.vehicle_id != reading.vehicle_id) {
      continue;
    }
    if (!vehicle.odometer_date.IsSet() || reading.reading_date >= vehicle.odometer_date) {
      vehicle.odometer_km = reading.odometer_km;
      vehicle.odometer_date = reading.reading_date;
    }
    vehicle.estimated_km_per_day = EstimateKmPerDay(with, reading.vehicle_id);
  }
  return reading;
}

CustomerFacts FactsOf(const Customer& customer, const History& history) {
  CustomerFacts facts;
  facts.registered = customer.registered_on;
  for (const auto& vehicle : customer.vehicles) {
    if (vehicle.delivery_date.IsSet()) {
      facts.deliveries.push_back(vehicle.delivery_date);
    }
    if (vehicle.warranty_end_date.IsSet()) {
      facts.warranty_ends.push_back(vehicle.warranty_end_date);
    }
  }
  for (const auto& visit : history.visits) {
    facts.visits.push_back(visit.visit_date);
  }
  facts.add_on_or_replacement = !history.purchases.empty();
  for (const auto& referral : history.referrals) {
    if (referral.purchased) {
      facts.referral_purchases.push_back(referral.purchase_date);
    }
  }
  for (const auto& policy : history.policies) {
    if (policy.bought_through_store) {
      facts.insured_here_years.push_back(policy.start_date.year);
    }
  }
  for (const auto& inspection : history.inspections) {
    if (inspection.done_through_store) {
      facts.inspected_here_years.push_back(inspection.inspection_date.year);
    }
  }
  facts.fleet = customer.fleet_customer || customer.profile.purchase_purpose == PurchasePurpose::kFleet;
  facts.opinion_leader = customer.opinion_leader;
  facts.major_complaint = std::any_of(history.complaints.begin(), history.complaints.end(),
                                      [](const Complaint& c) { return c.severity == ComplaintSeverity::kMajor; });
  return facts;
}

Classification ClassifyCustomer(const Customer& customer, const History& history, Date today,
                                const ClassificationPolicy& policy) {
  return Classify(FactsOf(customer, history), today, policy);
}

}  // namespace careloop::customers::domain
