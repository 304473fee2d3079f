#include "services/customers/domain/vehicles.h"

#include <algorithm>

#include "common/base/text.h"
#include "services/customers/domain/errors.h"
#include "services/customers/domain/validation.h"

namespace careloop::customers::domain {
namespace {

bool Holds(const Vehicle& vehicle, const CarKey& key) {
  return vehicle.active() && (key.kind == CarKey::Kind::kPlate ? vehicle.plate == key.value : vehicle.vin == key.value);
}

}  // namespace

const Vehicle* ActiveCarWithPlate(const Customer& customer, std::string_view plate,
                                  std::string_view except_vehicle_id) {
  if (plate.empty()) {
    return nullptr;
  }
  for (const auto& vehicle : customer.vehicles) {
    if (vehicle.active() && vehicle.plate == plate && vehicle.vehicle_id != except_vehicle_id) {
      return &vehicle;
    }
  }
  return nullptr;
}

std::string_view FieldOf(CarKey::Kind kind) {
  return kind == CarKey::Kind::kPlate ? "plate" : "vin";
}

std::vector<CarKey> NewlyClaimedKeys(const Customer* before, const Customer& after) {
  std::vector<CarKey> out;
  for (const auto& car : after.vehicles) {
    if (!car.active()) {
      continue;
    }
    const Vehicle* was = before != nullptr ? before->FindVehicle(car.vehicle_id) : nullptr;
    const bool was_active = was != nullptr && was->active();
    if (!car.plate.empty() && (!was_active || was->plate != car.plate)) {
      out.push_back(CarKey{CarKey::Kind::kPlate, car.plate, car.vehicle_id});
    }
    if (!was_active) {
      out.push_back(CarKey{CarKey::Kind::kVin, car.vin, car.vehicle_id});
    }
  }
  return out;
}

std::vector<std::string> ReleasedPlates(const Customer& before, const Customer& after) {
  std::vector<std::string> out;
  for (const auto& car : before.vehicles) {
    if (car.active() && !car.plate.empty() && ActiveCarWithPlate(after, car.plate) == nullptr &&
        std::find(out.begin(), out.end(), car.plate) == out.end()) {
      out.push_back(car.plate);
    }
  }
  return out;
}

Status ClaimFrom(Customer& holder, const CarKey& key, bool transfer, bool holder_visible) {
  const auto held = std::find_if(holder.vehicles.begin(), holder.vehicles.end(),
                                 [&](const Vehicle& vehicle) { return Holds(vehicle, key); });
  if (held == holder.vehicles.end()) {
    return Ok{};  // the index entry outlived the car that had the key: nothing to take
  }
  const std::string field(FieldOf(key.kind));
  if (!transfer) {
    if (!holder_visible) {
      return Error{ErrorCode::kAlreadyExists, field, key.value + " is on an active car of another store"};
    }
    return Error{ErrorCode::kAlreadyExists, field,
                 key.value + " is on active car " + held->vehicle_id + " of customer " + holder.customer_id +
                     ": if the car changed owner, add it as a transfer (--transfer); otherwise correct it, or mark "
                     "that car sold first"};
  }
  if (!holder_visible) {
    return Error{ErrorCode::kPermissionDenied, field,
                 "the active car with " + key.value +
                     " is on record at another store: a transfer from it is made by that store or an admin"};
  }
  for (auto& vehicle : holder.vehicles) {
    if (Holds(vehicle, key)) {
      vehicle.status = VehicleStatus::kTransferred;
    }
  }
  return Ok{};
}

Result<std::vector<std::string>> ApplyVehicleChange(Customer& owner, const std::string& vehicle_id,
                                                    const VehicleChange& change) {
  if (!change.plate && !change.assigned_advisor && !change.status) {
    return InvalidArgument("vehicle", "names nothing to change (plate, assigned_advisor or status)");
  }
  if (vehicle_id.empty()) {
    return InvalidArgument("vehicle_id", "is required");
  }
  auto car = std::find_if(owner.vehicles.begin(), owner.vehicles.end(),
                          [&](const Vehicle& vehicle) { return vehicle.vehicle_id == vehicle_id; });
  if (car == owner.vehicles.end()) {
    return MakeError(Errc::kNoVehicle, vehicle_id);
  }
  Vehicle next = *car;
  if (change.plate) {
    auto plate = NormalizePlate("plate", *change.plate);
    if (!plate.ok()) {
      return plate.error();
    }
    next.plate = std::move(plate).value();
  }
  if (change.assigned_advisor) {
    next.assigned_advisor = TrimSpaces(*change.assigned_advisor);
  }
  if (change.status) {
    next.status = *change.status;
  }
  if (const Vehicle* other = next.active() ? ActiveCarWithPlate(owner, next.plate, vehicle_id) : nullptr) {
    return Error{ErrorCode::kAlreadyExists, "plate",
                 next.plate + " is already on this customer's active car " + other->vehicle_id +
                     " (mark that car sold or change its plate first)"};
  }
  std::vector<std::string> changed;
  if (next.plate != car->plate) {
    changed.emplace_back("plate");
  }
  if (next.assigned_advisor != car->assigned_advisor) {
    changed.emplace_back("assigned_advisor");
  }
  if (next.status != car->status) {
    changed.emplace_back("status");
  }
  *car = std::move(next);
  return changed;
}

std::vector<ChangedVehicle> ChangedVehicles(const Customer& before, const Customer& after) {
  std::vector<ChangedVehicle> out;
  for (const auto& car : after.vehicles) {
    const Vehicle* was = before.FindVehicle(car.vehicle_id);
    if (was == nullptr) {
      continue;
    }
    ChangedVehicle changed{car.vehicle_id, {}};
    if (was->plate != car.plate) {
      changed.fields.emplace_back("plate");
    }
    if (was->assigned_advisor != car.assigned_advisor) {
      changed.fields.emplace_back("assigned_advisor");
    }
    if (was->status != car.status) {
      changed.fields.emplace_back("status");
    }
    if (!changed.fields.empty()) {
      out.push_back(std::move(changed));
    }
  }
  return out;
}

}  // namespace careloop::customers::domain
