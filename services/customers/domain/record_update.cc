#include "services/customers/domain/record_update.h"

#include <algorithm>

#include "services/customers/domain/validation.h"

namespace careloop::customers::domain {

Result<std::vector<std::string>> ApplyFieldUpdates(Customer& record, const Customer& values,
                                                   const std::vector<std::string>& fields, Date today) {
  if (fields.empty()) {
    return InvalidArgument("update_mask", "names no field to change");
  }
  const auto profile = NormalizeProfile(values.profile, today);
  Customer next = record;
  std::vector<std::string> changed;
  for (const auto& field : fields) {
    if (field == "name") {
      auto name = NormalizeName("customer.name", values.name);
      if (!name.ok()) {
        return name.error();
      }
      next.name = name.value();
    } else if (field == "mobile") {
      // The mobile index moves with it (the repository refuses a number another customer has).
      auto mobile = NormalizeMobile("customer.mobile", values.mobile);
      if (!mobile.ok()) {
        return mobile.error();
      }
      next.mobile = mobile.value();
    } else if (field == "gender") {
      next.gender = values.gender;
    } else if (field == "birthday") {
      next.birthday = values.birthday;  // checked below, with the lunar flag it ends up with
    } else if (field == "churn_reason") {
      next.churn_reason = values.churn_reason;
    } else if (field == "churn_note") {
      next.churn_note = values.churn_note;
    } else if (!SetProfileField(next.profile, field, values.profile)) {
      return InvalidArgument("update_mask", "cannot change '" + field +
                                                "' here (vehicles, consents, flags and segments have their own "
                                                "commands)");
    } else if (!profile.ok()) {
      return profile.error();
    } else {
      (void)SetProfileField(next.profile, field, profile.value());
    }
    if (std::find(changed.begin(), changed.end(), field) == changed.end()) {
      changed.push_back(field);
    }
  }
  const bool birthday_changed = std::find(changed.begin(), changed.end(), "birthday") != changed.end() ||
                                std::find(changed.begin(), changed.end(), "birthday_is_lunar") != changed.end();
  if (birthday_changed && next.birthday.IsSet()) {
    if (Status valid = RequireBirthday("customer.birthday", next.birthday, next.profile.birthday_is_lunar, today);
        !valid.ok()) {
      return valid.error();
    }
  }
  record = std::move(next);
  return changed;
}

std::vector<std::string> ApplyStaffFlags(Customer& record, std::optional<bool> opinion_leader,
                                         std::optional<bool> fleet_customer) {
  std::vector<std::string> changed;
  if (opinion_leader && *opinion_leader != record.opinion_leader) {
    record.opinion_leader = *opinion_leader;
    changed.push_back("opinion_leader");
  }
  if (fleet_customer && *fleet_customer != record.fleet_customer) {
    record.fleet_customer = *fleet_customer;
    changed.push_back("fleet_customer");
  }
  return changed;
}

}  // namespace careloop::customers::domain
