#include "services/customers/domain/errors.h"

namespace careloop::customers::domain {

Error MakeError(Errc errc, const std::string& subject, const std::string& field) {
  auto named = [&](const char* fallback) { return field.empty() ? std::string(fallback) : field; };
  switch (errc) {
    case Errc::kNoCustomer: return Error{ErrorCode::kNotFound, named("customer_id"), "no customer '" + subject + "'"};
    case Errc::kNoVehicle:
      return Error{ErrorCode::kNotFound, named("vehicle_id"), "customer has no vehicle '" + subject + "'"};
    case Errc::kStaleRevision:
      return Error{ErrorCode::kAborted, named("expected_revision"), "the record is at revision " + subject};
    case Errc::kConcurrentChanges:
      return Error{ErrorCode::kUnavailable, field, "too many concurrent changes to this customer, try again"};
    case Errc::kNoEncryptionKey:
      return Error{ErrorCode::kFailedPrecondition, named("national_id"),
                   "cannot be stored: no encryption key is configured (customers.national_id_key)"};
  }
  return Error{ErrorCode::kInternal, field, "unknown customers error"};
}

}  // namespace careloop::customers::domain
