#include "services/customers/adapters/proto_mapping.h"

#include "common/events/proto_event.h"

namespace careloop::customers::adapters {

using careloop::events::FromTimestamp;
using careloop::events::ToTimestamp;
namespace common_pb = careloop::common::v1;

namespace {

Date DateOf(const common_pb::Date& date) {
  return careloop::events::FromProto(date);
}

}  // namespace

common_pb::Channel ToProto(domain::Channel channel) {
  switch (channel) {
    case domain::Channel::kSms: return common_pb::CHANNEL_SMS;
    case domain::Channel::kWeChat: return common_pb::CHANNEL_WECHAT;
    case domain::Channel::kPhoneCall: return common_pb::CHANNEL_PHONE_CALL;
  }
  return common_pb::CHANNEL_UNSPECIFIED;
}

std::optional<domain::Channel> ChannelFromProto(common_pb::Channel channel) {
  switch (channel) {
    case common_pb::CHANNEL_SMS: return domain::Channel::kSms;
    case common_pb::CHANNEL_WECHAT: return domain::Channel::kWeChat;
    case common_pb::CHANNEL_PHONE_CALL: return domain::Channel::kPhoneCall;
    default: return std::nullopt;
  }
}

pb::ConsentState ToProto(domain::ConsentState state) {
  switch (state) {
    case domain::ConsentState::kGranted: return pb::CONSENT_STATE_GRANTED;
    case domain::ConsentState::kDenied: return pb::CONSENT_STATE_DENIED;
    case domain::ConsentState::kUnspecified: return pb::CONSENT_STATE_UNSPECIFIED;
  }
  return pb::CONSENT_STATE_UNSPECIFIED;
}

domain::ConsentState FromProto(pb::ConsentState state) {
  switch (state) {
    case pb::CONSENT_STATE_GRANTED: return domain::ConsentState::kGranted;
    case pb::CONSENT_STATE_DENIED: return domain::ConsentState::kDenied;
    default: return domain::ConsentState::kUnspecified;
  }
}

// The domain enums list their values in the contract's order, from the contract's value 1 on.
pb::ChurnStage ToProto(domain::ChurnStage stage) {
  return static_cast<pb::ChurnStage>(static_cast<int>(stage) + 1);
}
pb::LifecycleStage ToProto(domain::LifecycleStage stage) {
  return static_cast<pb::LifecycleStage>(static_cast<int>(stage) + 1);
}
pb::ValueCriterion ToProto(domain::ValueCriterion criterion) {
  return static_cast<pb::ValueCriterion>(static_cast<int>(criterion) + 1);
}

void SetClassification(pb::Customer& out, const domain::Classification& classification) {
  out.set_churn_stage(ToProto(classification.churn));
  out.set_lifecycle_stage(ToProto(classification.lifecycle));
  out.set_value_tier(classification.high_value() ? pb::VALUE_TIER_HIGH : pb::VALUE_TIER_STANDARD);
  out.clear_value_criteria();
  for (auto criterion : classification.value_criteria) {
    out.add_value_criteria(ToProto(criterion));
  }
}

std::optional<domain::Classification> ClassificationOf(const pb::Customer& record) {
  if (record.churn_stage() == pb::CHURN_STAGE_UNSPECIFIED) {
    return std::nullopt;
  }
  domain::Classification out;
  out.churn = static_cast<domain::ChurnStage>(record.churn_stage() - 1);
  out.lifecycle = static_cast<domain::LifecycleStage>(std::max(0, record.lifecycle_stage() - 1));
  for (int criterion : record.value_criteria()) {
    if (criterion > 0) {
      out.value_criteria.insert(static_cast<domain::ValueCriterion>(criterion - 1));
    }
  }
  return out;
}

pb::Gender ToProto(domain::Gender gender) {
  switch (gender) {
    case domain::Gender::kMale: return pb::GENDER_MALE;
    case domain::Gender::kFemale: return pb::GENDER_FEMALE;
    case domain::Gender::kUnspecified: return pb::GENDER_UNSPECIFIED;
  }
  return pb::GENDER_UNSPECIFIED;
}

domain::Gender FromProto(pb::Gender gender) {
  switch (gender) {
    case pb::GENDER_MALE: return domain::Gender::kMale;
    case pb::GENDER_FEMALE: return domain::Gender::kFemale;
    default: return domain::Gender::kUnspecified;
  }
}

pb::VisitType ToProto(domain::VisitType type) {
  switch (type) {
    case domain::VisitType::kFirstFreeMaintenance: return pb::VISIT_TYPE_FIRST_FREE_MAINTENANCE;
    case domain::VisitType::kSecondFreeMaintenance: return pb::VISIT_TYPE_SECOND_FREE_MAINTENANCE;
    case domain::VisitType::kRegularMaintenance: return pb::VISIT_TYPE_REGULAR_MAINTENANCE;
    case domain::VisitType::kRepair: return pb::VISIT_TYPE_REPAIR;
    case domain::VisitType::kWarranty: return pb::VISIT_TYPE_WARRANTY;
    case domain::VisitType::kAccidentClaim: return pb::VISIT_TYPE_ACCIDENT_CLAIM;
    case domain::VisitType::kBodywork: return pb::VISIT_TYPE_BODYWORK;
    case domain::VisitType::kUnspecified: return pb::VISIT_TYPE_UNSPECIFIED;
  }
  return pb::VISIT_TYPE_UNSPECIFIED;
}

domain::VisitType FromProto(pb::VisitType type) {
  switch (type) {
    case pb::VISIT_TYPE_FIRST_FREE_MAINTENANCE: return domain::VisitType::kFirstFreeMaintenance;
    case pb::VISIT_TYPE_SECOND_FREE_MAINTENANCE: return domain::VisitType::kSecondFreeMaintenance;
    case pb::VISIT_TYPE_REGULAR_MAINTENANCE: return domain::VisitType::kRegularMaintenance;
    case pb::VISIT_TYPE_REPAIR: return domain::VisitType::kRepair;
    case pb::VISIT_TYPE_WARRANTY: return domain::VisitType::kWarranty;
    case pb::VISIT_TYPE_ACCIDENT_CLAIM: return domain::VisitType::kAccidentClaim;
    case pb::VISIT_TYPE_BODYWORK: return domain::VisitType::kBodywork;
    default: return domain::VisitType::kUnspecified;
  }
}

pb::ChannelConsent ToProto(const domain::ChannelConsent& consent) {
  pb::ChannelConsent out;
  out.set_channel(ToProto(consent.channel));
  out.set_state(ToProto(consent.state));
  *out.mutable_changed_at() = ToTimestamp(consent.changed_at);
  out.set_source(consent.source);
  return out;
}

pb::Vehicle ToProto(const domain::Vehicle& vehicle) {
  pb::Vehicle out;
  out.set_vehicle_id(vehicle.vehicle_id);
  out.set_customer_id(vehicle.customer_id);
  out.set_vin(vehicle.vin);
  out.set_plate(vehicle.plate);
  out.set_model(vehicle.model);
  out.set_series(vehicle.series);
  if (vehicle.purchase_date.IsSet()) {
    *out.mutable_purchase_date() = careloop::events::ToProto(vehicle.purchase_date);
  }
  if (vehicle.delivery_date.IsSet()) {
    *out.mutable_delivery_date() = careloop::events::ToProto(vehicle.delivery_date);
  }
  out.set_selling_store_id(vehicle.selling_store_id);
  out.set_sales_consultant(vehicle.sales_consultant);
  out.set_assigned_advisor(vehicle.assigned_advisor);
  out.set_odometer_km(vehicle.odometer_km);
  return out;
}

domain::Vehicle FromProto(const pb::Vehicle& vehicle) {
  domain::Vehicle out;
  out.vehicle_id = vehicle.vehicle_id();
  out.customer_id = vehicle.customer_id();
  out.vin = vehicle.vin();
  out.plate = vehicle.plate();
  out.model = vehicle.model();
  out.series = vehicle.series();
  out.purchase_date = DateOf(vehicle.purchase_date());
  out.delivery_date = DateOf(vehicle.delivery_date());
  out.selling_store_id = vehicle.selling_store_id();
  out.sales_consultant = vehicle.sales_consultant();
  out.assigned_advisor = vehicle.assigned_advisor();
  out.odometer_km = vehicle.odometer_km();
  return out;
}

pb::Customer ToProto(const domain::Customer& customer) {
  pb::Customer out;
  out.set_customer_id(customer.customer_id);
  out.set_store_id(customer.store_id);
  out.set_name(customer.name);
  out.set_mobile(customer.mobile);
  out.set_gender(ToProto(customer.gender));
  if (customer.birthday.IsSet()) {
    *out.mutable_birthday() = careloop::events::ToProto(customer.birthday);
  }
  for (const auto& consent : customer.consents) {
    *out.add_consents() = ToProto(consent);
  }
  for (const auto& vehicle : customer.vehicles) {
    *out.add_vehicles() = ToProto(vehicle);
  }
  *out.mutable_created_at() = ToTimestamp(customer.created_at);
  *out.mutable_updated_at() = ToTimestamp(customer.updated_at);
  if (customer.classification) {
    SetClassification(out, *customer.classification);
  }
  return out;
}

domain::Customer FromProto(const pb::Customer& customer) {
  domain::Customer out;
  out.customer_id = customer.customer_id();
  out.store_id = customer.store_id();
  out.name = customer.name();
  out.mobile = customer.mobile();
  out.gender = FromProto(customer.gender());
  out.birthday = DateOf(customer.birthday());
  for (const auto& consent : customer.consents()) {
    // Stored records always name their channel; SMS is the safe reading of an unset one.
    out.consents.push_back(domain::ChannelConsent{ChannelFromProto(consent.channel()).value_or(domain::Channel::kSms),
                                                  FromProto(consent.state()), FromTimestamp(consent.changed_at()),
                                                  consent.source()});
  }
  for (const auto& vehicle : customer.vehicles()) {
    out.vehicles.push_back(FromProto(vehicle));
  }
  out.created_at = FromTimestamp(customer.created_at());
  out.updated_at = FromTimestamp(customer.updated_at());
  out.classification = ClassificationOf(customer);
  return out;
}

pb::ServiceVisit ToProto(const domain::ServiceVisit& visit) {
  pb::ServiceVisit out;
  out.set_visit_id(visit.visit_id);
  out.set_customer_id(visit.customer_id);
  out.set_vehicle_id(visit.vehicle_id);
  out.set_store_id(visit.store_id);
  *out.mutable_visit_date() = careloop::events::ToProto(visit.visit_date);
  out.set_odometer_km(visit.odometer_km);
  out.set_visit_type(ToProto(visit.visit_type));
  out.set_advisor(visit.advisor);
  out.set_amount_fen(visit.amount_fen);
  return out;
}

domain::ServiceVisit FromProto(const pb::ServiceVisit& visit) {
  domain::ServiceVisit out;
  out.visit_id = visit.visit_id();
  out.customer_id = visit.customer_id();
  out.vehicle_id = visit.vehicle_id();
  out.store_id = visit.store_id();
  out.visit_date = DateOf(visit.visit_date());
  out.odometer_km = visit.odometer_km();
  out.visit_type = FromProto(visit.visit_type());
  out.advisor = visit.advisor();
  out.amount_fen = visit.amount_fen();
  return out;
}

}  // namespace careloop::customers::adapters
