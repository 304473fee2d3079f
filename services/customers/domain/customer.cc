#include "services/customers/domain/customer.h"

#include "services/customers/domain/validation.h"

namespace careloop::customers::domain {

const Vehicle* Customer::FindVehicle(const std::string& vehicle_id) const {
  for (const auto& vehicle : vehicles) {
    if (vehicle.vehicle_id == vehicle_id) {
      return &vehicle;
    }
  }
  return nullptr;
}

Result<Customer> RegisterCustomer(const NewCustomer& request, std::string customer_id, Instant now, Date today,
                                  const StoreDirectory& stores) {
  if (request.store_id.empty()) {
    return InvalidArgument("store_id", "is required");
  }
  if (!stores.IsKnownStore(request.store_id)) {
    return InvalidArgument("store_id", "unknown store '" + request.store_id + "'");
  }
  auto name = NormalizeName("name", request.name);
  if (!name.ok()) {
    return name.error();
  }
  auto mobile = NormalizeMobile("mobile", request.mobile);
  if (!mobile.ok()) {
    return mobile.error();
  }
  if (request.birthday.IsSet()) {
    if (Status past = RequirePastDate("birthday", request.birthday, today); !past.ok()) {
      return past.error();
    }
  }
  Customer customer;
  customer.customer_id = std::move(customer_id);
  customer.store_id = request.store_id;
  customer.name = std::move(name).value();
  customer.mobile = std::move(mobile).value();
  customer.gender = request.gender;
  customer.birthday = request.birthday;
  customer.created_at = now;
  customer.updated_at = now;
  for (Channel channel : {Channel::kSms, Channel::kPhoneCall}) {
    customer.consents.push_back(ChannelConsent{channel, ConsentState::kGranted, now, "registration at store"});
  }
  return customer;
}

Result<Vehicle> PrepareVehicle(const Customer& owner, const NewVehicle& request, std::string vehicle_id, Date today) {
  auto vin = NormalizeVin("vin", request.vin);
  if (!vin.ok()) {
    return vin.error();
  }
  auto plate = NormalizePlate("plate", request.plate);
  if (!plate.ok()) {
    return plate.error();
  }
  if (Status delivered = RequirePastDate("delivery_date", request.delivery_date, today); !delivered.ok()) {
    return delivered.error();
  }
  Date purchase = request.purchase_date.IsSet() ? request.purchase_date : request.delivery_date;
  if (Status bought = RequirePastDate("purchase_date", purchase, today); !bought.ok()) {
    return bought.error();
  }
  if (request.delivery_date < purchase) {
    return InvalidArgument("delivery_date", "is before the purchase date " + purchase.ToString());
  }
  if (request.odometer_km < 0 || request.odometer_km > 2'000'000) {
    return InvalidArgument("odometer_km", "must be between 0 and 2000000");
  }
  if (request.model.empty()) {
    return InvalidArgument("model", "is required");
  }
  for (const auto& existing : owner.vehicles) {
    if (existing.vin == vin.value()) {
      return Error{ErrorCode::kAlreadyExists, "vin", "this customer already has vehicle " + vin.value()};
    }
  }
  Vehicle vehicle;
  vehicle.vehicle_id = std::move(vehicle_id);
  vehicle.customer_id = owner.customer_id;
  vehicle.vin = std::move(vin).value();
  vehicle.plate = std::move(plate).value();
  vehicle.model = request.model;
  vehicle.series = request.series;
  vehicle.purchase_date = purchase;
  vehicle.delivery_date = request.delivery_date;
  vehicle.selling_store_id = owner.store_id;
  vehicle.sales_consultant = request.sales_consultant;
  vehicle.assigned_advisor = request.assigned_advisor;
  vehicle.odometer_km = request.odometer_km;
  return vehicle;
}

Result<ServiceVisit> PrepareVisit(const Customer& owner, const NewVisit& request, std::string visit_id, Date today) {
  const Vehicle* vehicle = owner.FindVehicle(request.vehicle_id);
  if (vehicle == nullptr) {
    return Error{ErrorCode::kNotFound, "vehicle_id", "customer has no vehicle '" + request.vehicle_id + "'"};
  }
  if (Status past = RequirePastDate("visit_date", request.visit_date, today); !past.ok()) {
    return past.error();
  }
  if (request.visit_date < vehicle->delivery_date) {
    return InvalidArgument("visit_date", "is before the vehicle's delivery date " + vehicle->delivery_date.ToString());
  }
  if (request.odometer_km < vehicle->odometer_km) {
    return InvalidArgument("odometer_km", "goes backwards: " + std::to_string(request.odometer_km) +
                                              " km is below the last reading of " +
                                              std::to_string(vehicle->odometer_km) + " km");
  }
  if (request.visit_type == VisitType::kUnspecified) {
    return InvalidArgument("visit_type", "is required");
  }
  if (request.amount_fen < 0) {
    return InvalidArgument("amount_fen", "must not be negative");
  }
  ServiceVisit visit;
  visit.visit_id = std::move(visit_id);
  visit.customer_id = owner.customer_id;
  visit.vehicle_id = request.vehicle_id;
  visit.store_id = owner.store_id;
  visit.visit_date = request.visit_date;
  visit.odometer_km = request.odometer_km;
  visit.visit_type = request.visit_type;
  visit.advisor = request.advisor;
  visit.amount_fen = request.amount_fen;
  return visit;
}

Result<std::optional<ConsentState>> ChangeConsent(Customer& customer, Channel channel, ConsentState state,
                                                  const std::string& source, Instant now) {
  if (state != ConsentState::kGranted && state != ConsentState::kDenied) {
    return InvalidArgument("state", "must be GRANTED or DENIED");
  }
  if (source.empty()) {
    return InvalidArgument("source", "is required (who or what changed the consent)");
  }
  for (auto& consent : customer.consents) {
    if (consent.channel == channel) {
      if (consent.state == state) {
        return std::optional<ConsentState>();
      }
      const ConsentState previous = consent.state;
      consent = ChannelConsent{channel, state, now, source};
      customer.updated_at = now;
      return std::optional<ConsentState>(previous);
    }
  }
  customer.consents.push_back(ChannelConsent{channel, state, now, source});
  customer.updated_at = now;
  return std::optional<ConsentState>(ConsentState::kUnspecified);
}

CustomerFacts FactsOf(const Customer& customer, const std::vector<Date>& visit_dates) {
  CustomerFacts facts;
  for (const auto& vehicle : customer.vehicles) {
    facts.deliveries.push_back(vehicle.delivery_date);
  }
  facts.visits = visit_dates;
  return facts;
}

Classification ClassifyCustomer(const Customer& customer, const std::vector<Date>& visit_dates, Date registered,
                                Date today, const ClassificationPolicy& policy) {
  CustomerFacts facts = FactsOf(customer, visit_dates);
  facts.registered = registered;
  return Classify(facts, today, policy);
}

}  // namespace careloop::customers::domain
