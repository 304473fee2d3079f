// Domain ⇄ protobuf for every message of the customers contract (records, history items, import
// rows), both ways. Over ~500 lines on purpose: it is one field list per message, each short and
// read beside its .proto; split by message, the date helpers below and the enum tables' use would
// be repeated or scattered. Rules are not here (domain/), nor request checks (grpc_requests.h).
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

void SetDate(common_pb::Date* out, const Date& date) {
  if (date.IsSet()) {
    *out = careloop::events::ToProto(date);
  }
}

// For messages sent on (import rows): an unset date stays an absent field.
template <class MutableField>
void SetDateIfSet(const Date& date, MutableField mutable_field) {
  if (date.IsSet()) {
    *mutable_field() = careloop::events::ToProto(date);
  }
}

void SetAddress(common_pb::Address& out, const domain::Address& address) {
  out.mutable_region()->set_province(address.province);
  out.mutable_region()->set_city(address.city);
  out.mutable_region()->set_district(address.district);
  out.set_street(address.street);
  out.set_postal_code(address.postal_code);
}

domain::Address AddressOf(const common_pb::Address& address) {
  return domain::Address{address.region().province(), address.region().city(), address.region().district(),
                         address.street(), address.postal_code()};
}

}  // namespace

common_pb::Channel ToProto(domain::Channel channel) {
  return kChannels.ToProto(channel).value_or(common_pb::CHANNEL_UNSPECIFIED);
}

std::optional<domain::Channel> ChannelFromProto(common_pb::Channel channel) {
  return kChannels.FromProto(channel);
}

pb::ConsentState ToProto(domain::ConsentState state) {
  return kConsentStates.ToProto(state).value_or(pb::CONSENT_STATE_UNSPECIFIED);
}

domain::ConsentState FromProto(pb::ConsentState state) {
  return kConsentStates.FromProto(state).value_or(domain::ConsentState::kUnspecified);
}

pb::ChurnStage ToProto(domain::ChurnStage stage) {
  return kChurnStages.ToProto(stage).value_or(pb::CHURN_STAGE_UNSPECIFIED);
}
pb::LifecycleStage ToProto(domain::LifecycleStage stage) {
  return kLifecycleStages.ToProto(stage).value_or(pb::LIFECYCLE_STAGE_UNSPECIFIED);
}
pb::ValueCriterion ToProto(domain::ValueCriterion criterion) {
  return kValueCriteria.ToProto(criterion).value_or(pb::VALUE_CRITERION_UNSPECIFIED);
}
pb::ChurnReason ToProto(domain::ChurnReason reason) {
  return kChurnReasons.ToProto(reason).value_or(pb::CHURN_REASON_UNSPECIFIED);
}
pb::TimelineEntryKind ToProto(domain::TimelineKind kind) {
  return kTimelineKinds.ToProto(kind).value_or(pb::TIMELINE_ENTRY_KIND_UNSPECIFIED);
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

// A stored record without a known churn stage has not been classified yet; the next
// classification rewrites every field, so the others fall back quietly.
std::optional<domain::Classification> ClassificationOf(const pb::Customer& record) {
  const auto churn = kChurnStages.FromProto(record.churn_stage());
  if (!churn) {
    return std::nullopt;
  }
  domain::Classification out;
  out.churn = *churn;
  out.lifecycle = kLifecycleStages.FromProto(record.lifecycle_stage()).value_or(domain::LifecycleStage::kSuspect);
  for (int value : record.value_criteria()) {
    if (const auto criterion = kValueCriteria.FromProto(value)) {
      out.value_criteria.insert(*criterion);
    }
  }
  return out;
}

pb::Gender ToProto(domain::Gender gender) {
  return kGenders.ToProto(gender).value_or(pb::GENDER_UNSPECIFIED);
}

domain::Gender FromProto(pb::Gender gender) {
  return kGenders.FromProto(gender).value_or(domain::Gender::kUnspecified);
}

pb::VisitType ToProto(domain::VisitType type) {
  return kVisitTypes.ToProto(type).value_or(pb::VISIT_TYPE_UNSPECIFIED);
}

domain::VisitType FromProto(pb::VisitType type) {
  return kVisitTypes.FromProto(type).value_or(domain::VisitType::kUnspecified);
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
  SetDate(out.mutable_odometer_date(), vehicle.odometer_date);
  out.set_configuration(vehicle.configuration);
  out.set_brand(vehicle.brand);
  out.set_status(kVehicleStatuses.ToProto(vehicle.status).value_or(pb::VEHICLE_STATUS_UNSPECIFIED));
  SetDate(out.mutable_warranty_end_date(), vehicle.warranty_end_date);
  out.set_warranty_end_km(vehicle.warranty_end_km);
  SetDate(out.mutable_next_inspection_date(), vehicle.next_inspection_date);
  out.set_estimated_km_per_day(vehicle.estimated_km_per_day);
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
  out.odometer_date = DateOf(vehicle.odometer_date());
  out.configuration = vehicle.configuration();
  out.brand = vehicle.brand();
  // UNSPECIFIED reads as active (customer.proto).
  out.status = kVehicleStatuses.FromProto(vehicle.status()).value_or(domain::VehicleStatus::kActive);
  out.warranty_end_date = DateOf(vehicle.warranty_end_date());
  out.warranty_end_km = vehicle.warranty_end_km();
  out.next_inspection_date = DateOf(vehicle.next_inspection_date());
  out.estimated_km_per_day = vehicle.estimated_km_per_day();
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
  SetDate(out.mutable_registered_date(), customer.registered_on);
  SetDate(out.mutable_last_visit_date(), customer.last_visit_date);
  SetProfile(out, customer.profile);
  out.set_opinion_leader(customer.opinion_leader);
  out.set_fleet_customer(customer.fleet_customer);
  out.set_churn_reason(ToProto(customer.churn_reason));
  out.set_churn_note(customer.churn_note);
  out.set_revision(customer.revision);
  return out;
}

void SetProfile(pb::Customer& out, const domain::Profile& profile) {
  out.set_home_phone(profile.home_phone);
  out.set_office_phone(profile.office_phone);
  SetAddress(*out.mutable_address(), profile.address);
  out.set_information_source(profile.information_source);
  out.set_occupation(profile.occupation);
  out.set_national_id(profile.national_id);
  out.set_ethnicity(profile.ethnicity);
  out.clear_family_members();
  for (const auto& member : profile.family) {
    auto* m = out.add_family_members();
    m->set_relation(member.relation);
    m->set_name(member.name);
    SetDate(m->mutable_birthday(), member.birthday);
  }
  out.set_purchase_purpose(
      kPurchasePurposes.ToProto(profile.purchase_purpose).value_or(pb::PURCHASE_PURPOSE_UNSPECIFIED));
  out.clear_interests();
  for (const auto& interest : profile.interests) {
    out.add_interests(interest);
  }
  out.set_birthday_is_lunar(profile.birthday_is_lunar);
  out.set_owner_staff_id(profile.owner_staff_id);
  out.set_wechat_openid(profile.wechat_openid);
}

domain::Profile ProfileOf(const pb::Customer& record) {
  domain::Profile out;
  out.home_phone = record.home_phone();
  out.office_phone = record.office_phone();
  out.address = AddressOf(record.address());
  out.information_source = record.information_source();
  out.occupation = record.occupation();
  out.national_id = record.national_id();
  out.ethnicity = record.ethnicity();
  for (const auto& member : record.family_members()) {
    out.family.push_back(domain::FamilyMember{member.relation(), member.name(), DateOf(member.birthday())});
  }
  out.purchase_purpose =
      kPurchasePurposes.FromProto(record.purchase_purpose()).value_or(domain::PurchasePurpose::kUnspecified);
  out.interests.assign(record.interests().begin(), record.interests().end());
  out.birthday_is_lunar = record.birthday_is_lunar();
  out.owner_staff_id = record.owner_staff_id();
  out.wechat_openid = record.wechat_openid();
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
  out.registered_on = DateOf(customer.registered_date());
  out.last_visit_date = DateOf(customer.last_visit_date());
  out.profile = ProfileOf(customer);
  out.opinion_leader = customer.opinion_leader();
  out.fleet_customer = customer.fleet_customer();
  out.churn_reason = kChurnReasons.FromProto(customer.churn_reason()).value_or(domain::ChurnReason::kUnspecified);
  out.churn_note = customer.churn_note();
  out.revision = customer.revision();
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
  out.set_repair_order_number(visit.repair_order_number);
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
  out.repair_order_number = visit.repair_order_number();
  return out;
}

// History items.

pb::InsurancePolicy ToProto(const std::string& customer_id, const domain::InsurancePolicy& policy) {
  pb::InsurancePolicy out;
  out.set_policy_id(policy.policy_id);
  out.set_customer_id(customer_id);
  out.set_vehicle_id(policy.vehicle_id);
  out.set_store_id(policy.store_id);
  out.set_insurer(policy.insurer);
  out.set_policy_number(policy.policy_number);
  out.set_compulsory(policy.compulsory);
  SetDate(out.mutable_start_date(), policy.start_date);
  SetDate(out.mutable_end_date(), policy.end_date);
  out.set_premium_fen(policy.premium_fen);
  out.set_bought_through_store(policy.bought_through_store);
  return out;
}

domain::InsurancePolicy FromProto(const pb::InsurancePolicy& policy) {
  return domain::InsurancePolicy{
      policy.policy_id(),     policy.vehicle_id(),          policy.store_id(),           policy.insurer(),
      policy.policy_number(), policy.compulsory(),          DateOf(policy.start_date()), DateOf(policy.end_date()),
      policy.premium_fen(),   policy.bought_through_store()};
}

pb::Inspection ToProto(const std::string& customer_id, const domain::Inspection& inspection) {
  pb::Inspection out;
  out.set_inspection_id(inspection.inspection_id);
  out.set_customer_id(customer_id);
  out.set_vehicle_id(inspection.vehicle_id);
  out.set_store_id(inspection.store_id);
  SetDate(out.mutable_inspection_date(), inspection.inspection_date);
  SetDate(out.mutable_next_due_date(), inspection.next_due_date);
  out.set_done_through_store(inspection.done_through_store);
  return out;
}

domain::Inspection FromProto(const pb::Inspection& inspection) {
  return domain::Inspection{inspection.inspection_id(),
                            inspection.vehicle_id(),
                            inspection.store_id(),
                            DateOf(inspection.inspection_date()),
                            DateOf(inspection.next_due_date()),
                            inspection.done_through_store()};
}

pb::Referral ToProto(const std::string& customer_id, const domain::Referral& referral) {
  pb::Referral out;
  out.set_referral_id(referral.referral_id);
  out.set_customer_id(customer_id);
  out.set_referred_customer_id(referral.referred_customer_id);
  out.set_store_id(referral.store_id);
  SetDate(out.mutable_referral_date(), referral.referral_date);
  out.set_purchased(referral.purchased);
  SetDate(out.mutable_purchase_date(), referral.purchase_date);
  return out;
}

domain::Referral FromProto(const pb::Referral& referral) {
  return domain::Referral{referral.referral_id(), referral.referred_customer_id(),
                          referral.store_id(),    DateOf(referral.referral_date()),
                          referral.purchased(),   DateOf(referral.purchase_date())};
}

pb::Purchase ToProto(const std::string& customer_id, const domain::Purchase& purchase) {
  pb::Purchase out;
  out.set_purchase_id(purchase.purchase_id);
  out.set_customer_id(customer_id);
  out.set_store_id(purchase.store_id);
  out.set_kind(kPurchaseKinds.ToProto(purchase.kind).value_or(pb::PURCHASE_KIND_UNSPECIFIED));
  out.set_vehicle_id(purchase.vehicle_id);
  out.set_replaced_vehicle_id(purchase.replaced_vehicle_id);
  SetDate(out.mutable_purchase_date(), purchase.purchase_date);
  return out;
}

domain::Purchase FromProto(const pb::Purchase& purchase) {
  return domain::Purchase{purchase.purchase_id(),
                          purchase.store_id(),
                          kPurchaseKinds.FromProto(purchase.kind()).value_or(domain::PurchaseKind::kAdditional),
                          purchase.vehicle_id(),
                          purchase.replaced_vehicle_id(),
                          DateOf(purchase.purchase_date())};
}

pb::PrepaidPackage ToProto(const std::string& customer_id, const domain::PrepaidPackage& package) {
  pb::PrepaidPackage out;
  out.set_package_id(package.package_id);
  out.set_customer_id(customer_id);
  out.set_vehicle_id(package.vehicle_id);
  out.set_store_id(package.store_id);
  out.set_kind(kPackageKinds.ToProto(package.kind).value_or(pb::PACKAGE_KIND_UNSPECIFIED));
  out.set_display_name(package.display_name);
  SetDate(out.mutable_purchase_date(), package.purchase_date);
  SetDate(out.mutable_valid_until(), package.valid_until);
  out.set_services_total(package.services_total);
  out.set_services_used(package.services_used);
  out.set_amount_fen(package.amount_fen);
  return out;
}

domain::PrepaidPackage FromProto(const pb::PrepaidPackage& package) {
  return domain::PrepaidPackage{package.package_id(),
                                package.vehicle_id(),
                                package.store_id(),
                                kPackageKinds.FromProto(package.kind()).value_or(domain::PackageKind::kOther),
                                package.display_name(),
                                DateOf(package.purchase_date()),
                                DateOf(package.valid_until()),
                                package.services_total(),
                                package.services_used(),
                                package.amount_fen()};
}

pb::Complaint ToProto(const std::string& customer_id, const domain::Complaint& complaint) {
  pb::Complaint out;
  out.set_complaint_id(complaint.complaint_id);
  out.set_customer_id(customer_id);
  out.set_vehicle_id(complaint.vehicle_id);
  out.set_store_id(complaint.store_id);
  out.set_case_id(complaint.case_id);
  out.set_severity(
      kComplaintSeverities.ToProto(complaint.severity).value_or(common_pb::COMPLAINT_SEVERITY_UNSPECIFIED));
  out.set_summary(complaint.summary);
  out.set_outcome(kComplaintOutcomes.ToProto(complaint.outcome).value_or(pb::COMPLAINT_OUTCOME_UNSPECIFIED));
  SetDate(out.mutable_opened_date(), complaint.opened_date);
  SetDate(out.mutable_closed_date(), complaint.closed_date);
  return out;
}

domain::Complaint FromProto(const pb::Complaint& complaint) {
  return domain::Complaint{
      complaint.complaint_id(),
      complaint.vehicle_id(),
      complaint.store_id(),
      complaint.case_id(),
      kComplaintSeverities.FromProto(complaint.severity()).value_or(domain::ComplaintSeverity::kMinor),
      complaint.summary(),
      kComplaintOutcomes.FromProto(complaint.outcome()).value_or(domain::ComplaintOutcome::kOpen),
      DateOf(complaint.opened_date()),
      DateOf(complaint.closed_date())};
}

pb::OdometerReading ToProto(const domain::OdometerReading& reading) {
  pb::OdometerReading out;
  out.set_vehicle_id(reading.vehicle_id);
  out.set_odometer_km(reading.odometer_km);
  SetDate(out.mutable_reading_date(), reading.reading_date);
  out.set_source(reading.source);
  return out;
}

domain::OdometerReading FromProto(const pb::OdometerReading& reading, std::string reading_id) {
  return domain::OdometerReading{std::move(reading_id), reading.vehicle_id(), reading.odometer_km(),
                                 DateOf(reading.reading_date()), reading.source()};
}

// DMS import rows. Each decoder reads exactly what its encoder writes.

pb::ImportRow ToProto(int64_t line_number, const domain::DeliveryRow& row) {
  pb::ImportRow out;
  out.set_line_number(line_number);
  out.set_name(row.customer.name);
  out.set_mobile(row.customer.mobile);
  out.set_gender(ToProto(row.customer.gender));
  SetDateIfSet(row.customer.birthday, [&] { return out.mutable_birthday(); });
  const domain::Profile& profile = row.customer.profile;
  out.set_birthday_is_lunar(profile.birthday_is_lunar);
  out.set_home_phone(profile.home_phone);
  out.set_office_phone(profile.office_phone);
  SetAddress(*out.mutable_address(), profile.address);
  out.set_national_id(profile.national_id);
  out.set_occupation(profile.occupation);
  out.set_purchase_purpose(
      kPurchasePurposes.ToProto(profile.purchase_purpose).value_or(pb::PURCHASE_PURPOSE_UNSPECIFIED));
  out.set_vin(row.vehicle.vin);
  out.set_plate(row.vehicle.plate);
  out.set_model(row.vehicle.model);
  out.set_series(row.vehicle.series);
  SetDateIfSet(row.vehicle.purchase_date, [&] { return out.mutable_purchase_date(); });
  SetDateIfSet(row.vehicle.delivery_date, [&] { return out.mutable_delivery_date(); });
  out.set_sales_consultant(row.vehicle.sales_consultant);
  out.set_assigned_advisor(row.vehicle.assigned_advisor);
  out.set_odometer_km(row.vehicle.odometer_km);
  return out;
}

Result<domain::DeliveryRow> DeliveryRowOf(const pb::ImportRow& row) {
  auto gender = FromClient(kGenders, row.gender(), "gender");
  if (!gender.ok()) {
    return gender.error();
  }
  auto purpose = FromClient(kPurchasePurposes, row.purchase_purpose(), "purchase_purpose");
  if (!purpose.ok()) {
    return purpose.error();
  }
  domain::DeliveryRow out;
  out.customer.name = row.name();
  out.customer.mobile = row.mobile();
  out.customer.gender = gender.value();
  out.customer.birthday = DateOf(row.birthday());
  domain::Profile& profile = out.customer.profile;
  profile.birthday_is_lunar = row.birthday_is_lunar();
  profile.home_phone = row.home_phone();
  profile.office_phone = row.office_phone();
  profile.address = AddressOf(row.address());
  profile.national_id = row.national_id();
  profile.occupation = row.occupation();
  profile.purchase_purpose = purpose.value();
  out.vehicle.vin = row.vin();
  out.vehicle.plate = row.plate();
  out.vehicle.model = row.model();
  out.vehicle.series = row.series();
  out.vehicle.purchase_date = DateOf(row.purchase_date());
  out.vehicle.delivery_date = DateOf(row.delivery_date());
  out.vehicle.sales_consultant = row.sales_consultant();
  out.vehicle.assigned_advisor = row.assigned_advisor();
  out.vehicle.odometer_km = row.odometer_km();
  return out;
}

pb::ImportRow ToProto(int64_t line_number, const domain::VisitRow& row) {
  pb::ImportRow out;
  out.set_line_number(line_number);
  out.set_vin(row.vin);
  out.set_plate(row.plate);
  SetDateIfSet(row.visit.visit_date, [&] { return out.mutable_visit_date(); });
  out.set_odometer_km(row.visit.odometer_km);
  out.set_visit_type(ToProto(row.visit.visit_type));
  out.set_visit_advisor(row.visit.advisor);
  out.set_amount_fen(row.visit.amount_fen);
  return out;
}

Result<domain::VisitRow> VisitRowOf(const pb::ImportRow& row) {
  auto type = FromClient(kVisitTypes, row.visit_type(), "visit_type");
  if (!type.ok()) {
    return type.error();
  }
  domain::VisitRow out;
  out.vin = row.vin();
  out.plate = row.plate();
  out.visit.visit_date = DateOf(row.visit_date());
  out.visit.odometer_km = row.odometer_km();
  out.visit.visit_type = type.value();
  out.visit.advisor = row.visit_advisor();
  out.visit.amount_fen = row.amount_fen();
  return out;
}

pb::ImportRow ToProto(int64_t line_number, const domain::PolicyRow& row) {
  pb::ImportRow out;
  out.set_line_number(line_number);
  out.set_vin(row.vin);
  out.set_plate(row.plate);
  out.set_insurer(row.insurer);
  out.set_policy_number(row.policy_number);
  out.set_compulsory(row.compulsory);
  SetDateIfSet(row.start, [&] { return out.mutable_policy_start(); });
  SetDateIfSet(row.end, [&] { return out.mutable_policy_end(); });
  out.set_premium_fen(row.premium_fen);
  return out;
}

domain::PolicyRow PolicyRowOf(const pb::ImportRow& row) {
  domain::PolicyRow out;
  out.vin = row.vin();
  out.plate = row.plate();
  out.insurer = row.insurer();
  out.policy_number = row.policy_number();
  out.compulsory = row.compulsory();
  out.start = DateOf(row.policy_start());
  out.end = DateOf(row.policy_end());
  out.premium_fen = row.premium_fen();
  return out;
}

}  // namespace careloop::customers::adapters
