#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "services/customers/domain/customer.h"

namespace careloop::customers::domain {

/// Changes the named `fields` of `record` to those of `values`: name, mobile, gender, birthday,
/// churn_reason, churn_note and the profile fields (see SetProfileField). Each value is checked
/// as on creation (a birthday in the past, a normalised name, mobile and profile). Vehicles,
/// consents, flags and segments have commands of their own: naming one is INVALID_ARGUMENT
/// ("update_mask"), as is an empty mask. On an error `record` is unchanged. Returns the fields
/// changed, each once, in mask order.
[[nodiscard]] Result<std::vector<std::string>> ApplyFieldUpdates(Customer& record, const Customer& values,
                                                                 const std::vector<std::string>& fields, Date today);

/// Sets the staff flags that are given; returns the names of those that changed.
[[nodiscard]] std::vector<std::string> ApplyStaffFlags(Customer& record, std::optional<bool> opinion_leader,
                                                       std::optional<bool> fleet_customer);

}  // namespace careloop::customers::domain
