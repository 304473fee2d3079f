#pragma once

#include <optional>
#include <string>
#include <vector>

#include "careloop/customer/v1/events.pb.h"
#include "services/customers/domain/customer.h"

namespace careloop::customers::adapters {

// The payloads of careloop.customer.v1 built from the domain: pure mappings (no I/O), so what
// a downstream subscriber receives is unit tested on its own (tests/unit/customer_events_test.cc).
// No payload carries a phone number, ID number or name: subscribers look contacts up by id.

/// CustomerCreated for a new record.
[[nodiscard]] careloop::customer::v1::CustomerCreated CustomerCreatedEvent(const domain::Customer& customer);

/// VehicleDelivered for `vehicle`, just added to `owner`'s record at `at`.
[[nodiscard]] careloop::customer::v1::VehicleDelivered VehicleDeliveredEvent(const domain::Customer& owner,
                                                                             const domain::Vehicle& vehicle,
                                                                             Instant at);

/// VehicleUpdated for `vehicle` of `owner` (as now recorded), whose `fields` ("plate",
/// "assigned_advisor", "status") changed at `at`; `transferred_to` names the customer whose
/// record took the car or its plate (a transfer), empty otherwise.
[[nodiscard]] careloop::customer::v1::VehicleUpdated VehicleUpdatedEvent(const domain::Customer& owner,
                                                                         const domain::Vehicle& vehicle,
                                                                         const std::vector<std::string>& fields,
                                                                         Instant at, const std::string& transferred_to);

/// ConsentChanged for `channel` of `customer` (its consent as now recorded), from `previous`.
[[nodiscard]] careloop::customer::v1::ConsentChanged ConsentChangedEvent(const domain::Customer& customer,
                                                                         domain::Channel channel,
                                                                         domain::ConsentState previous);

/// CustomerSegmentChanged from `previous` (none: the first classification) to `next`.
[[nodiscard]] careloop::customer::v1::CustomerSegmentChanged SegmentChangedEvent(
    const domain::Customer& customer, const std::optional<domain::Classification>& previous,
    const domain::Classification& next, Instant at);

/// The events announcing changed record fields: contact fields (name, mobile, phones, address,
/// national ID, birthday, WeChat openid) in ContactDetailsChanged — naming the fields, never
/// their values — the others in CustomerUpdated. Each is absent when it names no field.
struct RecordChangeEvents final {
  std::optional<careloop::customer::v1::CustomerUpdated> updated;
  std::optional<careloop::customer::v1::ContactDetailsChanged> contact;
};
[[nodiscard]] RecordChangeEvents RecordChangedEvents(const domain::Customer& customer,
                                                     const std::vector<std::string>& fields, Instant at);

}  // namespace careloop::customers::adapters
