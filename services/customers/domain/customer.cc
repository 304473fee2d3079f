#include "services/customers/domain/customer.h"

#include "services/customers/domain/errors.h"
#include "services/customers/domain/validation.h"
#include "services/customers/domain/vehicles.h"

namespace careloop::customers::domain {

namespace {

// "北京市" → "北京": the name without the administrative suffix 市.
std::string_view WithoutCitySuffix(std::string_view name) {
  constexpr std::string_view kShi = "市";
  return name.ends_with(kShi) ? name.substr(0, name.size() - kShi.size()) : name;
}

// The four municipalities directly under the central government (直辖市): province and city at once.
bool IsMunicipality(std::string_view province) {
  const std::string_view name = WithoutCitySuffix(province);
  return name == "北京" || name == "上海" || name == "天津" || name == "重庆";
}

}  // namespace

std::string FormatAddress(const Address& address) {
  const std::string_view city = address.city;
  // A municipality's record often repeats it as the city (北京市 北京市), or names the level
  // below it (市辖区, 县): either way the city adds nothing to what the province says.
  const bool city_repeats = IsMunicipality(address.province) &&
                            (city.empty() || WithoutCitySuffix(city) == WithoutCitySuffix(address.province) ||
                             city == "市辖区" || city == "县");
  return address.province + (city_repeats ? std::string() : address.city) + address.district + address.street;
}

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
    if (Status past = RequireBirthday("birthday", request.birthday, request.profile.birthday_is_lunar, today);
        !past.ok()) {
      return past.error();
    }
  }
  auto profile = NormalizeProfile(request.profile, today);
  if (!profile.ok()) {
    return profile.error();
  }
  Customer customer;
  customer.profile = std::move(profile).value();
  customer.registered_on = today;
  customer.revision = 1;  // the first stored version; 0 means "any" in expected_revision
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

Result<Profile> NormalizeProfile(const Profile& profile, Date today) {
  Profile out = profile;
  for (auto [field, phone] : {std::pair{"home_phone", &out.home_phone}, std::pair{"office_phone", &out.office_phone}}) {
    if (!phone->empty()) {
      auto normalized = NormalizePhone(field, *phone);
      if (!normalized.ok()) {
        return normalized.error();
      }
      *phone = normalized.value();
    }
  }
  if (!out.national_id.empty()) {
    auto id = NormalizeNationalId("national_id", out.national_id);
    if (!id.ok()) {
      return id.error();
    }
    out.national_id = id.value();
  }
  const std::string& postal = out.address.postal_code;
  if (!postal.empty() && (postal.size() != 6 || postal.find_first_not_of("0123456789") != std::string::npos)) {
    return InvalidArgument("address.postal_code", "must be 6 digits");
  }
  if (out.address.city.size() > 0 && out.address.province.empty()) {
    return InvalidArgument("address.region.province", "is required when a city is given");
  }
  for (size_t i = 0; i < out.family.size(); ++i) {
    const std::string field = "family_members[" + std::to_string(i) + "]";
    if (out.family[i].relation.empty()) {
      return InvalidArgument(field + ".relation", "is required");
    }
    if (out.family[i].birthday.IsSet()) {
      if (Status past = RequirePastDate(field + ".birthday", out.family[i].birthday, today); !past.ok()) {
        return past.error();
      }
    }
  }
  std::erase_if(out.interests, [](const std::string& interest) { return interest.empty(); });
  return out;
}

bool SetProfileField(Profile& to, const std::string& field, const Profile& from) {
  if (field == "home_phone") {
    to.home_phone = from.home_phone;
  } else if (field == "office_phone") {
    to.office_phone = from.office_phone;
  } else if (field == "address") {
    to.address = from.address;
  } else if (field == "information_source") {
    to.information_source = from.information_source;
  } else if (field == "occupation") {
    to.occupation = from.occupation;
  } else if (field == "national_id") {
    to.national_id = from.national_id;
  } else if (field == "ethnicity") {
    to.ethnicity = from.ethnicity;
  } else if (field == "family_members") {
    to.family = from.family;
  } else if (field == "purchase_purpose") {
    to.purchase_purpose = from.purchase_purpose;
  } else if (field == "interests") {
    to.interests = from.interests;
  } else if (field == "birthday_is_lunar") {
    to.birthday_is_lunar = from.birthday_is_lunar;
  } else if (field == "owner_staff_id") {
    to.owner_staff_id = from.owner_staff_id;
  } else if (field == "wechat_openid") {
    to.wechat_openid = from.wechat_openid;
  } else {
    return false;
  }
  return true;
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
  if (const Vehicle* holder = ActiveCarWithPlate(owner, plate.value())) {
    return Error{ErrorCode::kAlreadyExists, "plate",
                 plate.value() + " is already on this customer's active car " + holder->vehicle_id +
                     " (mark that car sold or change its plate first)"};
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
  vehicle.odometer_date = request.delivery_date;
  vehicle.configuration = request.configuration;
  vehicle.brand = request.brand;
  vehicle.warranty_end_date = request.warranty_end_date;
  vehicle.warranty_end_km = request.warranty_end_km;
  vehicle.next_inspection_date = request.next_inspection_date;
  if (vehicle.warranty_end_date.IsSet() && vehicle.warranty_end_date < vehicle.delivery_date) {
    return InvalidArgument("warranty_end_date", "is before the delivery date");
  }
  return vehicle;
}

Result<ServiceVisit> PrepareVisit(const Customer& owner, const NewVisit& request, std::string visit_id, Date today) {
  const Vehicle* vehicle = owner.FindVehicle(request.vehicle_id);
  if (vehicle == nullptr) {
    return MakeError(Errc::kNoVehicle, request.vehicle_id);
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
  visit.repair_order_number = request.repair_order_number;
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

}  // namespace careloop::customers::domain
