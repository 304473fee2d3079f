#include "services/customers/adapters/stored_history.h"

#include <algorithm>

#include "common/events/proto_event.h"
#include "services/customers/adapters/proto_mapping.h"
#include "services/customers/adapters/redis_keys.h"
#include "services/customers/domain/reports.h"

namespace careloop::customers::adapters {
namespace {

namespace pb = careloop::customer::v1;

// A history entry holding `record` as its detail. The owner's id is left out of stored records:
// the key they are stored under says whose they are.
template <typename Record>
pb::TimelineEntry EntryWith(pb::TimelineEntryKind kind, Record* (pb::TimelineEntry::*detail)(), Record record) {
  pb::TimelineEntry entry;
  entry.set_kind(kind);
  record.clear_customer_id();
  *(entry.*detail)() = std::move(record);
  return entry;
}

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};

}  // namespace

StoredItem Store(const domain::Customer& owner, const app::CustomerRepository::HistoryItem& item, Instant now) {
  const std::string& id = owner.customer_id;
  const auto at = events::ToTimestamp(now);
  return std::visit(
      Overloaded{
          [&](const domain::ServiceVisit& visit) {
            auto event = std::make_unique<pb::ServiceVisitRecorded>();
            event->set_customer_id(id);
            event->set_vehicle_id(visit.vehicle_id);
            event->set_store_id(visit.store_id);
            event->set_visit_id(visit.visit_id);
            *event->mutable_visit_date() = events::ToProto(visit.visit_date);
            event->set_odometer_km(visit.odometer_km);
            event->set_visit_type(ToProto(visit.visit_type));
            event->set_advisor(visit.advisor);
            *event->mutable_occurred_at() = at;
            return StoredItem{
                EntryWith(pb::TIMELINE_ENTRY_KIND_SERVICE_VISIT, &pb::TimelineEntry::mutable_visit, ToProto(visit)),
                std::move(event)};
          },
          [&](const domain::InsurancePolicy& policy) {
            auto event = std::make_unique<pb::InsurancePolicyRecorded>();
            event->set_customer_id(id);
            event->set_vehicle_id(policy.vehicle_id);
            event->set_store_id(policy.store_id);
            event->set_policy_id(policy.policy_id);
            event->set_insurer(policy.insurer);
            *event->mutable_start_date() = events::ToProto(policy.start_date);
            *event->mutable_end_date() = events::ToProto(policy.end_date);
            event->set_bought_through_store(policy.bought_through_store);
            event->set_compulsory(policy.compulsory);
            *event->mutable_occurred_at() = at;
            return StoredItem{EntryWith(pb::TIMELINE_ENTRY_KIND_INSURANCE_POLICY,
                                        &pb::TimelineEntry::mutable_insurance_policy, ToProto(id, policy)),
                              std::move(event)};
          },
          [&](const domain::Inspection& inspection) {
            auto event = std::make_unique<pb::InspectionRecorded>();
            event->set_customer_id(id);
            event->set_vehicle_id(inspection.vehicle_id);
            event->set_store_id(inspection.store_id);
            event->set_inspection_id(inspection.inspection_id);
            *event->mutable_inspection_date() = events::ToProto(inspection.inspection_date);
            *event->mutable_next_due_date() = events::ToProto(inspection.next_due_date);
            event->set_done_through_store(inspection.done_through_store);
            *event->mutable_occurred_at() = at;
            return StoredItem{EntryWith(pb::TIMELINE_ENTRY_KIND_INSPECTION, &pb::TimelineEntry::mutable_inspection,
                                        ToProto(id, inspection)),
                              std::move(event)};
          },
          [&](const domain::Referral& referral) {
            auto event = std::make_unique<pb::ReferralRecorded>();
            event->set_customer_id(id);
            event->set_store_id(referral.store_id);
            event->set_referral_id(referral.referral_id);
            event->set_referred_customer_id(referral.referred_customer_id);
            *event->mutable_referral_date() = events::ToProto(referral.referral_date);
            event->set_purchased(referral.purchased);
            if (referral.purchase_date.IsSet()) {
              *event->mutable_purchase_date() = events::ToProto(referral.purchase_date);
            }
            *event->mutable_occurred_at() = at;
            StoredItem stored{EntryWith(pb::TIMELINE_ENTRY_KIND_REFERRAL, &pb::TimelineEntry::mutable_referral,
                                        ToProto(id, referral)),
                              std::move(event)};
            if (referral.purchased) {
              // A set, so recording the same referral again counts it once.
              stored.also.push_back(
                  {"SADD",
                   keys::ReferralPurchases(referral.store_id, domain::Month::Of(referral.purchase_date).ToString()),
                   referral.referral_id});
            }
            return stored;
          },
          [&](const domain::Purchase& purchase) {
            auto event = std::make_unique<pb::PurchaseRecorded>();
            const pb::Purchase record = ToProto(id, purchase);
            event->set_customer_id(id);
            event->set_store_id(purchase.store_id);
            event->set_purchase_id(purchase.purchase_id);
            event->set_kind(record.kind());
            event->set_vehicle_id(purchase.vehicle_id);
            event->set_replaced_vehicle_id(purchase.replaced_vehicle_id);
            *event->mutable_purchase_date() = record.purchase_date();
            *event->mutable_occurred_at() = at;
            return StoredItem{EntryWith(pb::TIMELINE_ENTRY_KIND_PURCHASE, &pb::TimelineEntry::mutable_purchase, record),
                              std::move(event)};
          },
          [&](const domain::PrepaidPackage& package) {
            auto event = std::make_unique<pb::PackagePurchased>();
            const pb::PrepaidPackage record = ToProto(id, package);
            event->set_customer_id(id);
            event->set_vehicle_id(package.vehicle_id);
            event->set_store_id(package.store_id);
            event->set_package_id(package.package_id);
            event->set_kind(record.kind());
            *event->mutable_purchase_date() = record.purchase_date();
            *event->mutable_valid_until() = record.valid_until();
            event->set_services_total(package.services_total);
            event->set_amount_fen(package.amount_fen);
            *event->mutable_occurred_at() = at;
            return StoredItem{
                EntryWith(pb::TIMELINE_ENTRY_KIND_PACKAGE, &pb::TimelineEntry::mutable_prepaid_package, record),
                std::move(event)};
          },
          [&](const domain::Complaint& complaint) {
            auto event = std::make_unique<pb::ComplaintRecorded>();
            const pb::Complaint record = ToProto(id, complaint);
            event->set_customer_id(id);
            event->set_vehicle_id(complaint.vehicle_id);
            event->set_store_id(complaint.store_id);
            event->set_complaint_id(complaint.complaint_id);
            event->set_case_id(complaint.case_id);
            event->set_severity(record.severity());
            event->set_outcome(record.outcome());
            *event->mutable_opened_date() = record.opened_date();
            if (record.has_closed_date()) {
              *event->mutable_closed_date() = record.closed_date();
            }
            *event->mutable_occurred_at() = at;
            return StoredItem{
                EntryWith(pb::TIMELINE_ENTRY_KIND_COMPLAINT, &pb::TimelineEntry::mutable_complaint, record),
                std::move(event)};
          },
          [&](const domain::OdometerReading& reading) {
            auto event = std::make_unique<pb::OdometerRecorded>();
            event->set_customer_id(id);
            event->set_vehicle_id(reading.vehicle_id);
            event->set_store_id(owner.store_id);
            event->set_odometer_km(reading.odometer_km);
            *event->mutable_reading_date() = events::ToProto(reading.reading_date);
            event->set_source(reading.source);
            if (const domain::Vehicle* vehicle = owner.FindVehicle(reading.vehicle_id)) {
              event->set_estimated_km_per_day(vehicle->estimated_km_per_day);
            }
            *event->mutable_occurred_at() = at;
            pb::TimelineEntry entry;
            entry.set_kind(pb::TIMELINE_ENTRY_KIND_ODOMETER);
            *entry.mutable_odometer_reading() = ToProto(reading);
            return StoredItem{std::move(entry), std::move(event)};
          },
      },
      item);
}

pb::StoredHistory ParseStoredHistory(const redis::Reply& reply) {
  pb::StoredHistory stored;
  if (!reply.IsNil() && !ParseInto(reply.Str(), stored)) {
    throw std::runtime_error("corrupt customer history");
  }
  return stored;
}

// What identifies a history entry: "<kind>:<id>"; a later item with the same key replaces it.
// Empty for entries that are never replaced (segment changes).
std::string KeyOf(const pb::TimelineEntry& entry) {
  switch (entry.detail_case()) {
    case pb::TimelineEntry::kVisit: return "visit:" + entry.visit().visit_id();
    case pb::TimelineEntry::kInsurancePolicy: return "policy:" + entry.insurance_policy().policy_id();
    case pb::TimelineEntry::kInspection: return "inspection:" + entry.inspection().inspection_id();
    case pb::TimelineEntry::kReferral: return "referral:" + entry.referral().referral_id();
    case pb::TimelineEntry::kPurchase: return "purchase:" + entry.purchase().purchase_id();
    case pb::TimelineEntry::kPrepaidPackage: return "package:" + entry.prepaid_package().package_id();
    case pb::TimelineEntry::kComplaint: return "complaint:" + entry.complaint().complaint_id();
    case pb::TimelineEntry::kOdometerReading: {
      const auto reading = FromProto(entry.odometer_reading(), "");
      return "odometer:" + domain::OdometerReadingId(reading);
    }
    default: return "";
  }
}

domain::History ToHistory(const pb::StoredHistory& stored, const std::string& customer_id) {
  domain::History history;
  for (const auto& entry : stored.entries()) {
    switch (entry.detail_case()) {
      case pb::TimelineEntry::kVisit: {
        domain::ServiceVisit visit = FromProto(entry.visit());
        visit.customer_id = customer_id;
        history.visits.push_back(std::move(visit));
        break;
      }
      case pb::TimelineEntry::kInsurancePolicy: history.policies.push_back(FromProto(entry.insurance_policy())); break;
      case pb::TimelineEntry::kInspection: history.inspections.push_back(FromProto(entry.inspection())); break;
      case pb::TimelineEntry::kReferral: history.referrals.push_back(FromProto(entry.referral())); break;
      case pb::TimelineEntry::kPurchase: history.purchases.push_back(FromProto(entry.purchase())); break;
      case pb::TimelineEntry::kPrepaidPackage: history.packages.push_back(FromProto(entry.prepaid_package())); break;
      case pb::TimelineEntry::kComplaint: history.complaints.push_back(FromProto(entry.complaint())); break;
      case pb::TimelineEntry::kOdometerReading: {
        domain::OdometerReading reading = FromProto(entry.odometer_reading(), "");
        reading.reading_id = domain::OdometerReadingId(reading);
        history.odometer_readings.push_back(std::move(reading));
        break;
      }
      default: break;  // segment changes are read by SegmentChanges
    }
  }
  std::sort(history.visits.begin(), history.visits.end(),
            [](const auto& a, const auto& b) { return a.visit_date < b.visit_date; });
  return history;
}

pb::TimelineEntry Entry(pb::TimelineEntryKind kind, Instant at, const std::string& summary) {
  pb::TimelineEntry entry;
  entry.set_kind(kind);
  *entry.mutable_occurred_at() = events::ToTimestamp(at);
  entry.set_summary(summary);
  return entry;
}

std::string DescribeSegment(const std::optional<domain::Classification>& before, const domain::Classification& after) {
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
  if (!before || before->churn != after.churn) {
    add("churn stage " + (before ? std::string(domain::ChurnStageName(before->churn)) + " -> " : std::string()) +
        std::string(domain::ChurnStageName(after.churn)));
  }
  if (!before || before->high_value() != after.high_value() || before->value_criteria != after.value_criteria) {
    std::string criteria;
    for (auto c : after.value_criteria) {
      criteria += (criteria.empty() ? "" : ",") + std::string(domain::ValueCriterionName(c));
    }
    add(std::string("value tier ") + (after.high_value() ? "high (" + criteria + ")" : "standard"));
  }
  if (!before || before->lifecycle != after.lifecycle) {
    add("lifecycle " + std::string(domain::LifecycleStageName(after.lifecycle)));
  }
  return out;
}

}  // namespace careloop::customers::adapters
