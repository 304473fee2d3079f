#pragma once

#include <string>
#include <vector>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/customers/domain/classification.h"
#include "services/customers/domain/customer.h"

namespace careloop::customers::domain {

// The customer's history beyond visits (domain.md "The customer record", History): what the
// value criteria, the timeline and the reports read. Each item is validated against the
// customer it is recorded on; nothing here does I/O.

/// An insurance policy of one of the customer's cars (续保 tracking).
struct InsurancePolicy final {
  std::string policy_id;
  std::string vehicle_id;
  std::string store_id;
  std::string insurer;        ///< e.g. 中国人保
  std::string policy_number;  ///< the insurer's number; with the insurer, identifies the policy
  bool compulsory = false;    ///< 交强险 (compulsory third-party) rather than commercial cover (商业险)
  Date start_date;
  Date end_date;  ///< renewal reminders are due before it
  int64_t premium_fen = 0;
  bool bought_through_store = false;  ///< counts for the loyal-insurance value criterion
  bool operator==(const InsurancePolicy&) const = default;
};

/// An annual inspection (年检/代办审车) of one of the customer's cars.
struct Inspection final {
  std::string inspection_id;
  std::string vehicle_id;
  std::string store_id;
  Date inspection_date;
  Date next_due_date;
  bool done_through_store = false;
};

/// A referral (转介绍): the customer brought another person to the store.
struct Referral final {
  std::string referral_id;
  std::string referred_customer_id;
  std::string store_id;
  Date referral_date;
  bool purchased = false;
  Date purchase_date;  ///< when the referred person bought, if they did
};

enum class PurchaseKind { kAdditional, kReplacement };  ///< 增购 / 换购

/// An additional or replacement purchase by an existing customer.
struct Purchase final {
  std::string purchase_id;
  std::string store_id;
  PurchaseKind kind = PurchaseKind::kAdditional;
  std::string vehicle_id;           ///< the new car, already on the record
  std::string replaced_vehicle_id;  ///< for a replacement: the car given up (becomes sold)
  Date purchase_date;
};

enum class PackageKind { kOil, kAnnualMaintenance, kOther };

/// A prepaid maintenance package (套餐).
struct PrepaidPackage final {
  std::string package_id;
  std::string vehicle_id;
  std::string store_id;
  PackageKind kind = PackageKind::kOther;
  std::string display_name;  ///< e.g. 两年四次保养套餐
  Date purchase_date;
  Date valid_until;
  int services_total = 0;
  int services_used = 0;
  int64_t amount_fen = 0;
};

enum class ComplaintSeverity { kMinor, kMajor };  ///< 抱怨 / 重大抱怨
enum class ComplaintOutcome { kOpen, kResolvedSatisfied, kResolvedUnsatisfied, kWithdrawn };

/// A complaint (投诉/抱怨) and its outcome.
struct Complaint final {
  std::string complaint_id;
  std::string vehicle_id;  ///< empty when not about one car
  std::string store_id;
  std::string case_id;  ///< the complaint case in the surveys service, if any
  ComplaintSeverity severity = ComplaintSeverity::kMinor;
  std::string summary;  ///< internal; never published
  ComplaintOutcome outcome = ComplaintOutcome::kOpen;
  Date opened_date;
  Date closed_date;  ///< unset while open

  bool operator==(const Complaint&) const = default;
};

/// An odometer reading outside a visit (a phone call, a photo from the customer, a check at
/// the road-side), for the mileage estimate.
struct OdometerReading final {
  std::string reading_id;
  std::string vehicle_id;
  int odometer_km = 0;
  Date reading_date;
  std::string source;  ///< e.g. "staff:<name>", "import:<id>"
};

/// The id of a reading: the same car, day and km is the same reading.
[[nodiscard]] std::string OdometerReadingId(const OdometerReading& reading);

/// Everything on record about a customer besides the record itself.
struct History final {
  std::vector<ServiceVisit> visits;
  std::vector<InsurancePolicy> policies;
  std::vector<Inspection> inspections;
  std::vector<Referral> referrals;
  std::vector<Purchase> purchases;
  std::vector<PrepaidPackage> packages;
  std::vector<Complaint> complaints;
  std::vector<OdometerReading> odometer_readings;
};

/// Validates a policy of one of `owner`'s cars: insurer and number given, start before end,
/// a non-negative premium. `id` is the record's id (derived from insurer and number by the
/// caller, so the same policy recorded twice is one policy).
[[nodiscard]] Result<InsurancePolicy> PreparePolicy(const Customer& owner, InsurancePolicy policy);
/// Validates an inspection: done, not in the future, next due date after it (a year later when unset).
[[nodiscard]] Result<Inspection> PrepareInspection(const Customer& owner, Inspection inspection, Date today);
/// Validates a referral: another customer, dates not in the future, a purchase date iff purchased.
[[nodiscard]] Result<Referral> PrepareReferral(const Customer& owner, Referral referral, Date today);
/// Validates a purchase: the new car on record, a different replaced car on record for a replacement.
/// Marks the replaced car sold on `owner`.
[[nodiscard]] Result<Purchase> PreparePurchase(Customer& owner, Purchase purchase, Date today);
/// Validates a package: a name, services used not above the total, valid after purchase.
[[nodiscard]] Result<PrepaidPackage> PreparePackage(const Customer& owner, PrepaidPackage package, Date today);
/// Validates a complaint: a summary, opened not in the future, closed iff its outcome is final,
/// not closed before it was opened.
[[nodiscard]] Result<Complaint> PrepareComplaint(const Customer& owner, Complaint complaint, Date today);

/// Validates a reading against the car's other readings and visits: not in the future, and
/// consistent with them (no lower than any earlier one, no higher than any later one). Moves
/// the car's latest odometer when the reading is the newest, and its km-per-day estimate.
[[nodiscard]] Result<OdometerReading> PrepareOdometerReading(Customer& owner, const History& history,
                                                             OdometerReading reading, Date today);

/// The maintenance a 保养 (VisitType::kMaintenance) on `visit_date` answers: the one already on
/// record for that car and day (the same visit entered again), else the first free maintenance
/// when the car has none on record and is at most a year from delivery, else the second free
/// maintenance likewise within two years, else regular maintenance.
[[nodiscard]] VisitType ResolveMaintenance(const History& history, const Vehicle& vehicle, Date visit_date);

/// The visit on record that `request` repeats: the same car on the same day for the same type of
/// work is one visit, however many times it is entered (the DMS export and the advisor's own
/// record of it). nullptr when it is a new visit.
[[nodiscard]] const ServiceVisit* SameVisit(const History& history, const NewVisit& request);

/// `known` completed with what a repeat of it adds: the advisor, amount and repair order number
/// when `known` lacks them, and a higher odometer reading of that day. The first record's values
/// stand otherwise.
[[nodiscard]] ServiceVisit MergeVisit(ServiceVisit known, const NewVisit& repeat);

/// What a recorded visit changes on the record: the car's odometer (when the visit is its
/// newest reading) and km-per-day estimate, and the customer's last visit date.
void ApplyVisit(Customer& owner, const History& history, const ServiceVisit& visit);

/// Average km per day of `vehicle_id` from its visits and readings: from the earliest to the
/// latest point, when they span at least 30 days; 0 when there is not enough to tell.
[[nodiscard]] double EstimateKmPerDay(const History& history, const std::string& vehicle_id);

/// The facts the value rules read, from the record and its history.
[[nodiscard]] CustomerFacts FactsOf(const Customer& customer, const History& history);

/// Classifies `customer` on `today`.
[[nodiscard]] Classification ClassifyCustomer(const Customer& customer, const History& history, Date today,
                                              const ClassificationPolicy& policy);

}  // namespace careloop::customers::domain
