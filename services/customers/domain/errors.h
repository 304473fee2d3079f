#pragma once

#include <string>

#include "common/base/error.h"

namespace careloop::customers::domain {

/// The customers service's own failure reasons (the Redpanda `errc` shape). Each belongs to a
/// category — the shared ErrorCode, which the boundaries map to a gRPC status or a consumer's
/// Retry/Poison — and says what went wrong in its own words. Made in one place (MakeError), so
/// the same failure reads the same from the app, the domain and the Redis adapters.
enum class Errc {
  kNoCustomer,         ///< NOT_FOUND "customer_id": no such record
  kNoVehicle,          ///< NOT_FOUND: the customer has no such car (field given by the caller)
  kStaleRevision,      ///< ABORTED "expected_revision": the record moved on
  kConcurrentChanges,  ///< UNAVAILABLE (retryable): lost the optimistic race too often
  kNoEncryptionKey,    ///< FAILED_PRECONDITION "national_id": no key to store an ID number with
};

/// The Error for `errc`; `subject` is what it is about (a customer id, a vehicle id, a revision
/// "3 vs 2"); `field` overrides the default field where the caller names it differently.
[[nodiscard]] Error MakeError(Errc errc, const std::string& subject = "", const std::string& field = "");

}  // namespace careloop::customers::domain
