#include "services/customers/adapters/customer_events.h"

#include <algorithm>
#include <map>

#include "common/events/proto_event.h"
#include "services/customers/adapters/enum_tables.h"
#include "services/customers/adapters/proto_mapping.h"

namespace careloop::customers::adapters {
namespace {

namespace pb = careloop::customer::v1;

// The record's contact fields (ContactDetailsChanged names them); nullopt for other fields.
std::optional<pb::ContactField> ContactFieldOf(const std::string& field) {
  static const std::map<std::string, pb::ContactField> kContactFields = {
      {"name", pb::CONTACT_FIELD_NAME},
      {"mobile", pb::CONTACT_FIELD_MOBILE},
      {"home_phone", pb::CONTACT_FIELD_HOME_PHONE},
      {"office_phone", pb::CONTACT_FIELD_OFFICE_PHONE},
      {"address", pb::CONTACT_FIELD_ADDRESS},
      {"national_id", pb::CONTACT_FIELD_NATIONAL_ID},
      {"birthday", pb::CONTACT_FIELD_BIRTHDAY},
      {"birthday_is_lunar", pb::CONTACT_FIELD_BIRTHDAY},  // the same birthday read another way
      {"wechat_openid", pb::CONTACT_FIELD_WECHAT_OPENID}};
  const auto it = kContactFields.find(field);
  return it == kContactFields.end() ? std::nullopt : std::optional(it->second);
}

pb::ValueTier TierOf(const domain::Classification& classification) {
  return classification.high_value() ? pb::VALUE_TIER_HIGH : pb::VALUE_TIER_STANDARD;
}

}  // namespace

pb::CustomerCreated CustomerCreatedEvent(const domain::Customer& customer) {
  pb::CustomerCreated created;
  created.set_customer_id(customer.customer_id);
  created.set_store_id(customer.store_id);
  *created.mutable_occurred_at() = events::ToTimestamp(customer.created_at);
  return created;
}

pb::VehicleDelivered VehicleDeliveredEvent(const domain::Customer& owner, const domain::Vehicle& vehicle, Instant at) {
  pb::VehicleDelivered delivered;
  delivered.set_customer_id(owner.customer_id);
  delivered.set_vehicle_id(vehicle.vehicle_id);
  delivered.set_store_id(owner.store_id);
  delivered.set_vin(vehicle.vin);
  delivered.set_plate(vehicle.plate);
  delivered.set_model(vehicle.model);
  *delivered.mutable_delivery_date() = events::ToProto(vehicle.delivery_date);
  *delivered.mutable_occurred_at() = events::ToTimestamp(at);
  delivered.set_odometer_km(vehicle.odometer_km);
  return delivered;
}

pb::VehicleUpdated VehicleUpdatedEvent(const domain::Customer& owner, const domain::Vehicle& vehicle,
                                       const std::vector<std::string>& fields, Instant at,
                                       const std::string& transferred_to) {
  pb::VehicleUpdated updated;
  updated.set_customer_id(owner.customer_id);
  updated.set_vehicle_id(vehicle.vehicle_id);
  updated.set_store_id(owner.store_id);
  for (const auto& field : fields) {
    updated.add_changed_fields(field);
  }
  updated.set_vin(vehicle.vin);
  updated.set_plate(vehicle.plate);
  updated.set_status(kVehicleStatuses.ToProto(vehicle.status).value_or(pb::VEHICLE_STATUS_UNSPECIFIED));
  updated.set_assigned_advisor(vehicle.assigned_advisor);
  if (vehicle.warranty_end_date.IsSet()) {
    *updated.mutable_warranty_end_date() = events::ToProto(vehicle.warranty_end_date);
  }
  if (vehicle.next_inspection_date.IsSet()) {
    *updated.mutable_next_inspection_date() = events::ToProto(vehicle.next_inspection_date);
  }
  *updated.mutable_occurred_at() = events::ToTimestamp(at);
  updated.set_transferred_to_customer_id(transferred_to);
  return updated;
}

pb::ConsentChanged ConsentChangedEvent(const domain::Customer& customer, domain::Channel channel,
                                       domain::ConsentState previous) {
  pb::ConsentChanged changed;
  changed.set_customer_id(customer.customer_id);
  changed.set_store_id(customer.store_id);
  const auto consent = std::find_if(customer.consents.begin(), customer.consents.end(),
                                    [&](const auto& c) { return c.channel == channel; });
  if (consent != customer.consents.end()) {
    const pb::ChannelConsent record = ToProto(*consent);
    changed.set_channel(record.channel());
    changed.set_state(record.state());
    changed.set_source(record.source());
    *changed.mutable_occurred_at() = record.changed_at();
  }
  changed.set_previous_state(ToProto(previous));
  return changed;
}

pb::CustomerSegmentChanged SegmentChangedEvent(const domain::Customer& customer,
                                               const std::optional<domain::Classification>& previous,
                                               const domain::Classification& next, Instant at) {
  pb::CustomerSegmentChanged changed;
  changed.set_customer_id(customer.customer_id);
  changed.set_store_id(customer.store_id);
  if (previous) {
    changed.set_old_value_tier(TierOf(*previous));
    for (auto criterion : previous->value_criteria) {
      changed.add_old_value_criteria(ToProto(criterion));
    }
    changed.set_old_churn_stage(ToProto(previous->churn));
    changed.set_old_lifecycle_stage(ToProto(previous->lifecycle));
  }
  changed.set_new_value_tier(TierOf(next));
  for (auto criterion : next.value_criteria) {
    changed.add_new_value_criteria(ToProto(criterion));
  }
  changed.set_new_churn_stage(ToProto(next.churn));
  changed.set_new_lifecycle_stage(ToProto(next.lifecycle));
  if (customer.last_visit_date.IsSet()) {
    *changed.mutable_last_visit_date() = events::ToProto(customer.last_visit_date);
  }
  *changed.mutable_occurred_at() = events::ToTimestamp(at);
  return changed;
}

RecordChangeEvents RecordChangedEvents(const domain::Customer& customer, const std::vector<std::string>& fields,
                                       Instant at) {
  pb::CustomerUpdated updated;
  updated.set_customer_id(customer.customer_id);
  updated.set_store_id(customer.store_id);
  pb::ContactDetailsChanged contact;
  contact.set_customer_id(customer.customer_id);
  contact.set_store_id(customer.store_id);
  for (const auto& field : fields) {
    if (const auto contact_field = ContactFieldOf(field)) {
      contact.add_changed_fields(*contact_field);
    } else {
      updated.add_changed_fields(field);
    }
  }
  *updated.mutable_occurred_at() = events::ToTimestamp(at);
  *contact.mutable_occurred_at() = events::ToTimestamp(at);
  updated.set_revision(customer.revision);
  RecordChangeEvents out;
  if (updated.changed_fields_size() > 0) {
    out.updated = std::move(updated);
  }
  if (contact.changed_fields_size() > 0) {
    out.contact = std::move(contact);
  }
  return out;
}

}  // namespace careloop::customers::adapters
