// History: visits, odometer readings, policies, inspections, referrals, purchases, prepaid
// packages and complaints. Each is checked against the current record (domain/history.h),
// stored with its event in one atomic change, and a repeated request id returns the first result.
#include <algorithm>
#include <concepts>

#include "common/base/ids.h"
#include "services/customers/app/access.h"
#include "services/customers/app/customers_app.h"
#include "services/customers/domain/errors.h"

namespace careloop::customers::app {

template <typename Item>
Result<std::string> CustomersApp::StoreItem(const std::string& customer_id, const std::string& request_id, Date today,
                                            const Preparer<Item>& prepare, std::vector<Item> domain::History::*items,
                                            std::string Item::*id) {
  return records_.Update(
      customer_id, request_id,
      [&](domain::Customer& current, const domain::History& history) -> Result<CustomerRepository::Change> {
        auto item = prepare(current, history, today);
        if (!item.ok()) {
          return item.error();
        }
        CustomerRepository::Change change;
        change.result_id = item.value().*id;
        if constexpr (std::equality_comparable<Item>) {
          // The same item again, as it is on record: nothing to write and nothing to announce.
          const auto& known = history.*items;
          if (std::find(known.begin(), known.end(), item.value()) != known.end()) {
            return change;
          }
        }
        change.items.emplace_back(std::move(item).value());
        return change;
      });
}

template <typename Item>
Result<Item> CustomersApp::RecordItem(const auth::Principal& caller, const std::string& customer_id,
                                      const std::string& request_id, const Preparer<Item>& prepare,
                                      std::vector<Item> domain::History::*items, std::string Item::*id) {
  if (Status allowed = Authorize(caller, UseCase::kRecordHistory); !allowed.ok()) {
    return allowed.error();
  }
  auto owner = LoadOwned(caller, customer_id);
  if (!owner.ok()) {
    return owner.error();
  }
  auto stored_id = StoreItem<Item>(customer_id, request_id, TodayAt(owner->store_id), prepare, items, id);
  if (!stored_id.ok()) {
    return stored_id.error();
  }
  const domain::History history = records_.LoadHistory(customer_id);
  for (const auto& item : history.*items) {
    if (item.*id == stored_id.value()) {
      return item;
    }
  }
  return Error{ErrorCode::kInternal, "", "the recorded item was not found after storing it"};
}

CustomersApp::Preparer<domain::ServiceVisit> CustomersApp::VisitPreparer(const domain::NewVisit& request,
                                                                         const std::string& visit_id) {
  return [request_as_sent = request, visit_id](domain::Customer& current, const domain::History& history,
                                               Date today) -> Result<domain::ServiceVisit> {
    domain::NewVisit request = request_as_sent;
    if (request.visit_type == domain::VisitType::kMaintenance) {
      if (const domain::Vehicle* vehicle = current.FindVehicle(request.vehicle_id)) {
        request.visit_type = domain::ResolveMaintenance(history, *vehicle, request.visit_date);
      }
    }
    // The same car, day and type again (the DMS export of a visit the advisor recorded): one
    // visit, completed with what the repeat adds — never a second visit, survey or reminder move.
    if (const domain::ServiceVisit* same = domain::SameVisit(history, request)) {
      if (request.amount_fen < 0) {
        return InvalidArgument("amount_fen", "must not be negative");
      }
      domain::ServiceVisit merged = domain::MergeVisit(*same, request);
      domain::ApplyVisit(current, history, merged);
      return merged;
    }
    auto visit = domain::PrepareVisit(current, request, visit_id, today);
    if (visit.ok()) {
      domain::ApplyVisit(current, history, visit.value());
    }
    return visit;
  };
}

Result<domain::ServiceVisit> CustomersApp::RecordVisit(const auth::Principal& caller, const std::string& customer_id,
                                                       const domain::NewVisit& request, const std::string& request_id) {
  return RecordItem<domain::ServiceVisit>(caller, customer_id, request_id, VisitPreparer(request, NewRandomId("vis-")),
                                          &domain::History::visits, &domain::ServiceVisit::visit_id);
}

Result<domain::Vehicle> CustomersApp::RecordOdometerReading(const auth::Principal& caller,
                                                            const std::string& customer_id,
                                                            domain::OdometerReading reading,
                                                            const std::string& request_id) {
  if (reading.source.empty()) {
    reading.source = "staff:" + caller.name;
  }
  reading.reading_id =
      DerivedId("odo-", {reading.vehicle_id, reading.reading_date.ToString(), std::to_string(reading.odometer_km)});
  auto stored = RecordItem<domain::OdometerReading>(
      caller, customer_id, request_id,
      [&](domain::Customer& current, const domain::History& history, Date today) {
        return domain::PrepareOdometerReading(current, history, reading, today);
      },
      &domain::History::odometer_readings, &domain::OdometerReading::reading_id);
  if (!stored.ok()) {
    return stored.error();
  }
  auto customer = LoadOwned(caller, customer_id);
  if (!customer.ok()) {
    return customer.error();
  }
  const domain::Vehicle* vehicle = customer->FindVehicle(reading.vehicle_id);
  if (vehicle == nullptr) {
    return domain::MakeError(domain::Errc::kNoVehicle, reading.vehicle_id);
  }
  return *vehicle;
}

Result<domain::InsurancePolicy> CustomersApp::RecordPolicy(const auth::Principal& caller,
                                                           const std::string& customer_id,
                                                           domain::InsurancePolicy policy,
                                                           const std::string& request_id) {
  // The insurer's number identifies a policy: recording it again (next month's export) replaces it.
  policy.policy_id = DerivedId("pol-", {customer_id, policy.insurer, policy.policy_number});
  return RecordItem<domain::InsurancePolicy>(
      caller, customer_id, request_id,
      [&](domain::Customer& current, const domain::History&, Date) { return domain::PreparePolicy(current, policy); },
      &domain::History::policies, &domain::InsurancePolicy::policy_id);
}

Result<domain::Inspection> CustomersApp::RecordInspection(const auth::Principal& caller, const std::string& customer_id,
                                                          domain::Inspection inspection,
                                                          const std::string& request_id) {
  inspection.inspection_id =
      DerivedId("ins-", {customer_id, inspection.vehicle_id, inspection.inspection_date.ToString()});
  return RecordItem<domain::Inspection>(
      caller, customer_id, request_id,
      [&](domain::Customer& current, const domain::History&, Date today) {
        auto prepared = domain::PrepareInspection(current, inspection, today);
        if (prepared.ok()) {
          for (auto& vehicle : current.vehicles) {
            if (vehicle.vehicle_id == prepared->vehicle_id) {
              vehicle.next_inspection_date = prepared->next_due_date;
            }
          }
        }
        return prepared;
      },
      &domain::History::inspections, &domain::Inspection::inspection_id);
}

Result<domain::Referral> CustomersApp::RecordReferral(const auth::Principal& caller, const std::string& customer_id,
                                                      domain::Referral referral, const std::string& request_id) {
  auto referred = GetCustomer(caller, referral.referred_customer_id);
  if (!referred.ok()) {
    Error error = referred.error();
    error.field = "referred_customer_id";
    return error;
  }
  if (referral.referral_id.empty()) {
    referral.referral_id = DerivedId("ref-", {customer_id, referral.referred_customer_id});
  }
  return RecordItem<domain::Referral>(
      caller, customer_id, request_id,
      [&](domain::Customer& current, const domain::History&, Date today) {
        return domain::PrepareReferral(current, referral, today);
      },
      &domain::History::referrals, &domain::Referral::referral_id);
}

Result<domain::Purchase> CustomersApp::RecordPurchase(const auth::Principal& caller, const std::string& customer_id,
                                                      domain::Purchase purchase, const std::string& request_id) {
  purchase.purchase_id = DerivedId("pur-", {customer_id, purchase.vehicle_id});
  return RecordItem<domain::Purchase>(
      caller, customer_id, request_id,
      [&](domain::Customer& current, const domain::History&, Date today) {
        return domain::PreparePurchase(current, purchase, today);
      },
      &domain::History::purchases, &domain::Purchase::purchase_id);
}

Result<domain::PrepaidPackage> CustomersApp::RecordPackage(const auth::Principal& caller,
                                                           const std::string& customer_id,
                                                           domain::PrepaidPackage package,
                                                           const std::string& request_id) {
  if (package.package_id.empty()) {
    package.package_id = NewRandomId("pkg-");
  }
  return RecordItem<domain::PrepaidPackage>(
      caller, customer_id, request_id,
      [&](domain::Customer& current, const domain::History&, Date today) {
        return domain::PreparePackage(current, package, today);
      },
      &domain::History::packages, &domain::PrepaidPackage::package_id);
}

Result<domain::Complaint> CustomersApp::RecordComplaint(const auth::Principal& caller, const std::string& customer_id,
                                                        domain::Complaint complaint, const std::string& request_id) {
  if (complaint.complaint_id.empty()) {
    complaint.complaint_id =
        complaint.case_id.empty() ? NewRandomId("cmp-") : DerivedId("cmp-", {customer_id, complaint.case_id});
  }
  return RecordItem<domain::Complaint>(
      caller, customer_id, request_id,
      [&](domain::Customer& current, const domain::History&, Date today) {
        return domain::PrepareComplaint(current, complaint, today);
      },
      &domain::History::complaints, &domain::Complaint::complaint_id);
}

// ImportVisit (import.cc) stores visits the same way;
template Result<std::string> CustomersApp::StoreItem<domain::ServiceVisit>(
    const std::string&, const std::string&, Date, const Preparer<domain::ServiceVisit>&,
    std::vector<domain::ServiceVisit> domain::History::*, std::string domain::ServiceVisit::*);
// OnComplaintCase (complaint_cases.cc) stores complaints the same way.
template Result<std::string> CustomersApp::StoreItem<domain::Complaint>(
    const std::string&, const std::string&, Date, const Preparer<domain::Complaint>&,
    std::vector<domain::Complaint> domain::History::*, std::string domain::Complaint::*);

}  // namespace careloop::customers::app
