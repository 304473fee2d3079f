#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/error.h"
#include "services/customers/domain/customer.h"

namespace careloop::customers::domain {

// Cars on record. A plate belongs to one active car: a second active car with it — another
// customer's or the same customer's — is refused, naming the car that holds it, unless the
// request says the car changed owner (a transfer: the holder's car becomes kTransferred). The
// same holds for a VIN. Staff change a car's plate, advisor and status; a new plate follows the
// same rule (never as a transfer). The indexes (plate → customer) follow the active cars: the
// keys a write claims and releases are computed here, the lookups are the repository's.

/// The active car of `customer` that carries `plate` (normalised), other than `except_vehicle_id`;
/// nullptr when none does.
[[nodiscard]] const Vehicle* ActiveCarWithPlate(const Customer& customer, std::string_view plate,
                                                std::string_view except_vehicle_id = {});

/// A key an active car holds in an index: its plate or its VIN.
struct CarKey final {
  enum class Kind { kPlate, kVin };
  Kind kind = Kind::kPlate;
  std::string value;       ///< normalised plate or VIN
  std::string vehicle_id;  ///< the car that holds (or claims) it
  bool operator==(const CarKey&) const = default;
};

/// "plate" or "vin": the field a refusal names.
[[nodiscard]] std::string_view FieldOf(CarKey::Kind kind);

/// The keys `after`'s active cars hold that they did not hold in `before` (nullptr: a new record):
/// a car added, a new plate, a car active again. The indexes must give each of them to `after`.
[[nodiscard]] std::vector<CarKey> NewlyClaimedKeys(const Customer* before, const Customer& after);

/// The plates `before`'s active cars held that no active car of `after` holds (a car sold,
/// scrapped or transferred, a plate changed): their index entries go.
[[nodiscard]] std::vector<std::string> ReleasedPlates(const Customer& before, const Customer& after);

/// What a claim of `key` by another customer's car does to `holder`, the customer an index names
/// for it. None of holder's active cars has the key (an index entry left from before): nothing.
/// Otherwise, without `transfer`: ALREADY_EXISTS on the key's field naming the holder's customer
/// and vehicle ids when `holder_visible` (the caller may see the holder's store), else saying
/// only that an active car of another store has it. With `transfer`: PERMISSION_DENIED when the
/// holder is not visible; else each of holder's active cars with the key is marked transferred.
[[nodiscard]] Status ClaimFrom(Customer& holder, const CarKey& key, bool transfer, bool holder_visible);

/// A change staff make to one car: only the fields that are set change.
struct VehicleChange final {
  std::optional<std::string> plate;
  std::optional<std::string> assigned_advisor;  ///< empty clears it
  std::optional<VehicleStatus> status;
};

/// Applies `change` to `owner`'s car `vehicle_id`: the plate normalised ("plate"), and not on
/// another active car of `owner` (ALREADY_EXISTS naming it — also when the car becomes active
/// again). Returns the fields that changed ("plate", "assigned_advisor", "status"), empty when
/// the values are those on record. NOT_FOUND ("vehicle_id") for a car `owner` does not have,
/// INVALID_ARGUMENT when `change` sets nothing. On an error `owner` is unchanged.
[[nodiscard]] Result<std::vector<std::string>> ApplyVehicleChange(Customer& owner, const std::string& vehicle_id,
                                                                  const VehicleChange& change);

/// A car whose plate, advisor or status differ between two versions of a record.
struct ChangedVehicle final {
  std::string vehicle_id;
  std::vector<std::string> fields;  ///< "plate", "assigned_advisor", "status"
};
/// The cars of `after` whose plate, advisor or status differ from those in `before` (cars new in
/// `after` are not listed: they are announced as added).
[[nodiscard]] std::vector<ChangedVehicle> ChangedVehicles(const Customer& before, const Customer& after);

}  // namespace careloop::customers::domain
