#pragma once

#include <string>
#include <vector>

#include "careloop/common/v1/types.pb.h"
#include "careloop/customer/v1/customers_service.pb.h"
#include "common/auth/auth.h"
#include "services/customers/adapters/enum_tables.h"
#include "services/customers/domain/customer.h"
#include "services/customers/domain/search.h"
#include "services/customers/domain/timeline.h"

namespace careloop::customers::adapters {

// What the gRPC API reads from requests and writes into responses beyond the plain proto
// mapping (proto_mapping.h): client values checked (enums through their tables), records shown
// as the caller may see them.

/// A repeated enum field that selects (filter lists, timeline kinds): every value must be one the
/// table holds, and UNSPECIFIED selects nothing.
template <class Table, class Values>
[[nodiscard]] Result<std::vector<typename Table::DomainType>> SelectionFrom(const Table& table, const Values& values,
                                                                            const std::string& field) {
  std::vector<typename Table::DomainType> out;
  for (int value : values) {
    if (value == 0) {
      return InvalidArgument(field, "UNSPECIFIED selects nothing (expected " + AcceptedNames(table) + ")");
    }
    auto domain = FromClient(table, value, field);
    if (!domain.ok()) {
      return domain.error();
    }
    out.push_back(domain.value());
  }
  return out;
}

/// The record as `caller` may see it: the national ID in full for admins only.
[[nodiscard]] careloop::customer::v1::Customer ForCaller(const auth::Principal& caller,
                                                         const domain::Customer& customer);
/// `date` when the client set it (`has`), else an unset Date.
[[nodiscard]] Date DateOr(const careloop::common::v1::Date& date, bool has);
/// A date range with open ends where the client left them unset.
[[nodiscard]] domain::DateRange RangeOf(const careloop::common::v1::DateRange& range);
/// A search filter as the client sent it; INVALID_ARGUMENT naming the field for a bad value.
[[nodiscard]] Result<domain::CustomerFilter> FilterFrom(const careloop::customer::v1::CustomerFilter& in);
/// The descriptive fields a client sent (`prefix` names the message in errors, e.g. "details.").
[[nodiscard]] Result<domain::Profile> ProfileFrom(const careloop::customer::v1::Customer& in,
                                                  const std::string& prefix);
/// The fields of a record a client may change (UpdateCustomer), the enums checked.
[[nodiscard]] Result<domain::Customer> UpdateValuesFrom(const careloop::customer::v1::Customer& in);
/// One timeline entry for the response.
[[nodiscard]] careloop::customer::v1::TimelineEntry ToProto(const domain::TimelineEntry& entry,
                                                            const std::string& customer_id);

}  // namespace careloop::customers::adapters
