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
  kMaintenance,    ///< 保养 without saying which: resolved to the free maintenance due (ResolveMaintenance)
};

/// Consent for one channel, with when and how it last changed.
struct ChannelConsent final {
  Channel channel = Channel::kSms;
  ConsentState state = ConsentState::kUnspecified;
  Instant changed_at{};
  std::string source;  ///< e.g. "registration at store", "SMS reply TD"
};

enum class PurchasePurpose { kUnspecified, kPrivate, kBusiness, kFleet };
/// Whether the customer still has the car: only an active car holds its plate, gets reminders and counts.
/// kTransferred: it changed owner to another customer on record (domain/vehicles.h, ClaimFrom).
enum class VehicleStatus { kActive, kSold, kScrapped, kTransferred };

/// Why a customer churned, as staff record it (domain.md "Churn stages").
enum class ChurnReason { kUnspecified, kProduct, kPrice, kService, kBenefit, kManagement, kMovedAway, kNatural };

/// A postal address; the region levels are what searches and reports group by.
struct Address final {
  std::string province;  ///< e.g. 浙江省
  std::string city;      ///< e.g. 杭州市
  std::string district;  ///< e.g. 西湖区
  std::string street;
  std::string postal_code;
  bool operator==(const Address&) const = default;
};

/// The address as people write it: province, city, district, street run together
/// ("浙江省杭州市西湖区文三路 1 号"), a municipality (北京, 上海, 天津, 重庆) named once even when
/// the record repeats it as the city ("北京市朝阳区…", not "北京市北京市朝阳区…"). Empty when nothing is set.
[[nodiscard]] std::string FormatAddress(const Address& address);

struct FamilyMember final {
  std::string relation;  ///< "spouse", "child", "parent", ...
  std::string name;
  Date birthday;
  bool operator==(const FamilyMember&) const = default;
};

/// The descriptive part of the record (客户档案 basics and owner traits) that staff maintain.
struct Profile final {
  std::string home_phone;
  std::string office_phone;
  Address address;
  std::string information_source;  ///< how the customer came to us: walk-in, referral, online, dms-import
  std::string occupation;
  /// Plain text inside the service only: encrypted at rest by the repository, masked in
  /// answers to anyone but admins, never in events or logs.
  std::string national_id;
  std::string ethnicity;
  std::vector<FamilyMember> family;
  PurchasePurpose purchase_purpose = PurchasePurpose::kUnspecified;
  std::vector<std::string> interests;
  bool birthday_is_lunar = false;  ///< the birthday is a date of the Chinese lunisolar calendar
  std::string owner_staff_id;      ///< the named owner who maintains this record (档案负责人)
  std::string wechat_openid;
  bool operator==(const Profile&) const = default;
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
  Date odometer_date;  ///< when odometer_km was read
  std::string configuration;
  std::string brand;
  VehicleStatus status = VehicleStatus::kActive;
  Date warranty_end_date;
  int warranty_end_km = 0;
  Date next_inspection_date;
  double estimated_km_per_day = 0;  ///< from the odometer history; 0 when unknown

  [[nodiscard]] bool active() const { return status == VehicleStatus::kActive; }
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
  Date registered_on;    ///< store-local day the record was created
  Date last_visit_date;  ///< latest workshop visit of any of the customer's cars
  Profile profile;
  bool opinion_leader = false;  ///< staff flag: 意见领袖
  bool fleet_customer = false;  ///< staff flag: 集团车用户
  ChurnReason churn_reason = ChurnReason::kUnspecified;
  std::string churn_note;
  std::optional<Classification> classification;  ///< value tier, churn and lifecycle stage, kept current
  int64_t revision = 0;                          ///< incremented by every stored change

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
  int64_t amount_fen = 0;           ///< amount paid, in fen (1/100 yuan)
  std::string repair_order_number;  ///< 工单号 in the DMS
  bool operator==(const ServiceVisit&) const = default;
};

/// What a caller asks for when registering a customer.
struct NewCustomer final {
  std::string store_id;
  std::string name;
  std::string mobile;
  Gender gender = Gender::kUnspecified;
  Date birthday;  ///< optional
  Profile profile;
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
  std::string configuration;
  std::string brand;
  Date warranty_end_date;
  int warranty_end_km = 0;
  Date next_inspection_date;
};

/// What a caller asks for when recording a visit.
struct NewVisit final {
  std::string vehicle_id;
  Date visit_date;
  int odometer_km = 0;
  VisitType visit_type = VisitType::kUnspecified;
  std::string advisor;
  int64_t amount_fen = 0;
  std::string repair_order_number;
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

/// Validates and normalises the descriptive fields: phones, national ID (with its check digit),
/// postal code, family birthdays in the past. Errors name the field, e.g. "national_id".
[[nodiscard]] Result<Profile> NormalizeProfile(const Profile& profile, Date today);

/// Copies the profile field named `field` (contract name, e.g. "home_phone", "address",
/// "family_members") from `from` into `to`. False when `field` names no profile field.
[[nodiscard]] bool SetProfileField(Profile& to, const std::string& field, const Profile& from);

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

}  // namespace careloop::customers::domain
