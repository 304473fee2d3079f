#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/customers/domain/classification.h"

namespace careloop::customers::domain {

enum class Gender { kUnspecified, kMale, kFemale };
enum class Channel { kSms, kWeChat, kPhoneCall };
enum class ConsentState { kUnspecified, kGranted, kDenied };

/// Types of workshop visit (进站记录), as the DMS exports them.
enum class VisitType {
  kUnspecified,
  kFirstFreeMaintenance,   ///< 首保
  kSecondFreeMaintenance,  ///< 二保
  kRegularMaintenance,     ///< 定保
  kRepair,
  kWarranty,
  kAccidentClaim,  ///< 理赔
  kBodywork,       ///< 钣喷/美容
};

/// Consent for one channel, with when and how it last changed.
struct ChannelConsent final {
  Channel channel = Channel::kSms;
  ConsentState state = ConsentState::kUnspecified;
  Instant changed_at{};
  std::string source;  ///< e.g. "registration at store", "SMS reply TD"
};

/// A car on record, owned by one customer.
struct Vehicle final {
  std::string vehicle_id;
  std::string customer_id;
  std::string vin;
  std::string plate;
  std::string model;
  std::string series;
  Date purchase_date;
  Date delivery_date;  ///< 交车日期: the clock of free maintenance starts here
  std::string selling_store_id;
  std::string sales_consultant;
  std::string assigned_advisor;
  int odometer_km = 0;
};

/// A customer (car owner) of one store. PII: name and mobile never leave the service in
/// events; other services fetch them by id (GetContact).
struct Customer final {
  std::string customer_id;
  std::string store_id;
  std::string name;
  std::string mobile;
  Gender gender = Gender::kUnspecified;
  Date birthday;
  std::vector<ChannelConsent> consents;
  std::vector<Vehicle> vehicles;
  Instant created_at{};
  Instant updated_at{};
  std::optional<Classification> classification;  ///< value tier, churn and lifecycle stage, kept current

  [[nodiscard]] const Vehicle* FindVehicle(const std::string& vehicle_id) const;
};

/// One workshop visit.
struct ServiceVisit final {
  std::string visit_id;
  std::string customer_id;
  std::string vehicle_id;
  std::string store_id;
  Date visit_date;
  int odometer_km = 0;
  VisitType visit_type = VisitType::kUnspecified;
  std::string advisor;
  int64_t amount_fen = 0;  ///< amount paid, in fen (1/100 yuan)
};

/// What a caller asks for when registering a customer.
struct NewCustomer final {
  std::string store_id;
  std::string name;
  std::string mobile;
  Gender gender = Gender::kUnspecified;
  Date birthday;  ///< optional
};

/// What a caller asks for when adding a car to a customer.
struct NewVehicle final {
  std::string vin;
  std::string plate;
  std::string model;
  std::string series;
  Date purchase_date;  ///< optional; defaults to the delivery date
  Date delivery_date;
  std::string sales_consultant;
  std::string assigned_advisor;
  int odometer_km = 0;
};

/// What a caller asks for when recording a visit.
struct NewVisit final {
  std::string vehicle_id;
  Date visit_date;
  int odometer_km = 0;
  VisitType visit_type = VisitType::kUnspecified;
  std::string advisor;
  int64_t amount_fen = 0;
};

/// Is `store_id` one of the group's stores? Supplied by the app from configuration.
class StoreDirectory {
 public:
  virtual ~StoreDirectory() = default;
  [[nodiscard]] virtual bool IsKnownStore(const std::string& store_id) const = 0;
};

/// Validates and normalises a new customer. Every problem names its field; nothing is
/// half-accepted. New customers consent to service messages by SMS and phone (given at
/// registration in the store); WeChat consent comes when they follow the official account.
[[nodiscard]] Result<Customer> RegisterCustomer(const NewCustomer& request, std::string customer_id, Instant now,
                                                Date today, const StoreDirectory& stores);

/// Validates a vehicle for `owner`: VIN, plate, a delivery date not in the future and not
/// before the purchase date, a non-negative odometer.
[[nodiscard]] Result<Vehicle> PrepareVehicle(const Customer& owner, const NewVehicle& request, std::string vehicle_id,
                                             Date today);

/// Validates a visit of one of `owner`'s vehicles: not in the future, not before the
/// delivery date, odometer not lower than the vehicle's last reading.
[[nodiscard]] Result<ServiceVisit> PrepareVisit(const Customer& owner, const NewVisit& request, std::string visit_id,
                                                Date today);

/// Sets `channel`'s consent to `state` (granted or denied) with where the change came from.
/// Returns the previous state, or nullopt when nothing changed (the same state again). Error
/// naming the field for an unspecified state or an empty source.
[[nodiscard]] Result<std::optional<ConsentState>> ChangeConsent(Customer& customer, Channel channel, ConsentState state,
                                                                const std::string& source, Instant now);

/// The facts the record holds today: deliveries from the customer's cars, visit dates as given.
/// (Referrals, purchases, warranty, insurance, inspection and staff flags join as they are recorded.)
[[nodiscard]] CustomerFacts FactsOf(const Customer& customer, const std::vector<Date>& visit_dates);

/// Classifies `customer` on `today`; `registered` is the day the customer came on record.
[[nodiscard]] Classification ClassifyCustomer(const Customer& customer, const std::vector<Date>& visit_dates,
                                              Date registered, Date today, const ClassificationPolicy& policy);

}  // namespace careloop::customers::domain
