#pragma once

#include <string>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/customers/app/ports.h"
#include "services/customers/domain/customer.h"
#include "services/customers/domain/dms_import.h"

namespace careloop::customers::app {

/// What one import line did.
struct ImportOutcome final {
  enum class Kind { kCreated, kMerged, kUnchanged, kRejected };
  Kind kind = Kind::kRejected;
  std::string customer_id;
  std::string vehicle_id;
  std::optional<Error> error;  ///< why it was rejected
};

/// Segment dimensions customers can be counted by.
enum class SegmentDimension { kStore, kValueTier, kChurnStage, kLifecycleStage };

/// One group of a segment count; the dimensions not grouped by are empty.
struct SegmentCount final {
  std::string store_id;
  std::string value_tier;  ///< "high" | "standard"
  std::optional<domain::ChurnStage> churn;
  std::optional<domain::LifecycleStage> lifecycle;
  int64_t customers = 0;
};

/// The customers service's use cases. Checks who may do what (roles, stores), asks the
/// domain whether the input is right, and hands valid changes to the repository.
class CustomersApp final {
 public:
  CustomersApp(CustomerRepository& repository, const clock::Clock& clock, const config::StoreCatalog& stores,
               domain::ClassificationPolicy policy = {});

  /// Recomputes the classification of customers that changed or whose churn stage moves with
  /// time, publishing CustomerSegmentChanged only on a change. Returns how many were checked.
  int ReclassifyDue(int batch_size = 100);

  [[nodiscard]] Result<domain::Customer> CreateCustomer(const auth::Principal& caller,
                                                        const domain::NewCustomer& request,
                                                        const std::string& request_id);
  /// NOT_FOUND, or PERMISSION_DENIED when the customer belongs to a store the caller may not see.
  [[nodiscard]] Result<domain::Customer> GetCustomer(const auth::Principal& caller, const std::string& customer_id);
  [[nodiscard]] Result<domain::Vehicle> AddVehicle(const auth::Principal& caller, const std::string& customer_id,
                                                   const domain::NewVehicle& request);
  [[nodiscard]] Result<domain::ServiceVisit> RecordVisit(const auth::Principal& caller, const std::string& customer_id,
                                                         const domain::NewVisit& request,
                                                         const std::string& request_id);
  /// Looks a customer up by mobile, plate or VIN (given as people type them: "+86 139-…",
  /// "粤b·d12345"). Exactly one key. NOT_FOUND when nobody the caller may see matches.
  [[nodiscard]] Result<domain::Customer> FindCustomer(const auth::Principal& caller, const std::string& mobile,
                                                      const std::string& plate, const std::string& vin);
  /// Counts customers of `store_ids` (default: every store the caller may see) grouped by
  /// `group_by`; only non-empty groups are returned. `total` is every customer of those stores.
  [[nodiscard]] Result<std::vector<SegmentCount>> CountSegments(const auth::Principal& caller,
                                                                std::vector<std::string> store_ids,
                                                                const std::vector<SegmentDimension>& group_by,
                                                                int64_t* total);

  /// May `caller` import into `store_id`? Clerks, managers and admins of that store.
  [[nodiscard]] Status CheckImport(const auth::Principal& caller, const std::string& store_id) const;
  /// One delivery line of a DMS export. A person already on record (same VIN, or same mobile)
  /// is merged, not duplicated; a line seen before changes nothing. Call CheckImport first.
  [[nodiscard]] ImportOutcome ImportDelivery(const auth::Principal& caller, const std::string& store_id,
                                             const domain::DeliveryRow& row);
  /// One visit line: matched to a car on record by VIN (or plate); the same visit imported
  /// again changes nothing.
  [[nodiscard]] ImportOutcome ImportVisit(const auth::Principal& caller, const domain::VisitRow& row);

  /// Staff record a customer's consent for a channel (paper form, phone call …); `source` says how.
  [[nodiscard]] Result<domain::Customer> SetConsent(const auth::Principal& caller, const std::string& customer_id,
                                                    domain::Channel channel, domain::ConsentState state,
                                                    std::string source);

  /// Contact details for sending: only service identities (dispatch) and admins.
  [[nodiscard]] Result<domain::Customer> GetContact(const auth::Principal& caller, const std::string& customer_id);

 private:
  [[nodiscard]] Date TodayAt(const std::string& store_id) const;

  class Directory final : public domain::StoreDirectory {
   public:
    explicit Directory(const config::StoreCatalog& stores) : stores_(stores) {}
    [[nodiscard]] bool IsKnownStore(const std::string& store_id) const override { return stores_.IsKnown(store_id); }

   private:
    const config::StoreCatalog& stores_;
  };

  CustomerRepository& repository_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
  Directory directory_;
  domain::ClassificationPolicy policy_;
};

}  // namespace careloop::customers::app
