#pragma once

#include <string>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/customers/app/complaint_cases.h"
#include "services/customers/app/ports.h"
#include "services/customers/domain/customer.h"
#include "services/customers/domain/dms_import.h"
#include "services/customers/domain/reports.h"
#include "services/customers/domain/segments.h"
#include "services/customers/domain/vehicles.h"

namespace careloop::customers::app {

/// What one import line did.
struct ImportOutcome final {
  enum class Kind { kCreated, kMerged, kUnchanged, kRejected };
  Kind kind = Kind::kRejected;
  std::string customer_id;
  std::string vehicle_id;
  std::optional<Error> error;  ///< why it was rejected
};

using domain::SegmentCount;
using domain::SegmentDimension;

/// The customers service's use cases. Checks who may do what (app/access.h, and the caller's
/// stores), asks the domain whether the input is right, and hands valid changes to the ports.
/// The use cases are grouped in files by concern: records.cc (create, read, find, update,
/// consent, contacts, timeline), history.cc (visits and the other history items), search.cc
/// (search and segment counts), reports.cc (classification and the programme's figures),
/// import.cc (DMS import lines).
class CustomersApp final {
 public:
  CustomersApp(CustomerPorts ports, const clock::Clock& clock, const config::StoreCatalog& stores,
               domain::ClassificationPolicy policy = {}, domain::ReportRules report_rules = {});

  /// Recomputes the classification of customers that changed or whose churn stage moves with
  /// time, publishing CustomerSegmentChanged only on a change. Returns how many were checked.
  int ReclassifyDue(int batch_size = 100);

  [[nodiscard]] Result<domain::Customer> CreateCustomer(const auth::Principal& caller,
                                                        const domain::NewCustomer& request,
                                                        const std::string& request_id);
  /// NOT_FOUND, or PERMISSION_DENIED when the customer belongs to a store the caller may not see.
  [[nodiscard]] Result<domain::Customer> GetCustomer(const auth::Principal& caller, const std::string& customer_id);
  /// Adds a car. Its plate (and VIN) must not be on another active car (domain/vehicles.h):
  /// ALREADY_EXISTS naming the holder, unless `transfer` says the car changed owner — then the
  /// other customer's car is marked transferred (VehicleUpdated), in the same write.
  [[nodiscard]] Result<domain::Vehicle> AddVehicle(const auth::Principal& caller, const std::string& customer_id,
                                                   const domain::NewVehicle& request, bool transfer = false);
  /// Changes a car's plate (by the same rule, never as a transfer), assigned advisor or status;
  /// publishes VehicleUpdated when something changed. Returns the car as it now is.
  [[nodiscard]] Result<domain::Vehicle> UpdateVehicle(const auth::Principal& caller, const std::string& customer_id,
                                                      const std::string& vehicle_id,
                                                      const domain::VehicleChange& change,
                                                      const std::string& request_id);
  [[nodiscard]] Result<domain::ServiceVisit> RecordVisit(const auth::Principal& caller, const std::string& customer_id,
                                                         const domain::NewVisit& request,
                                                         const std::string& request_id);
  /// Looks a customer up by mobile, plate or VIN (given as people type them: "+86 139-…",
  /// "粤b·d12345"). Exactly one key. A plate finds the customer whose active car has it. NOT_FOUND
  /// when nobody the caller may see matches.
  [[nodiscard]] Result<domain::Customer> FindCustomer(const auth::Principal& caller, const std::string& mobile,
                                                      const std::string& plate, const std::string& vin);
  /// Counts the customers `filter` matches (its stores default to every store the caller may
  /// see) grouped by `group_by`; only non-empty groups are returned. `total` is every match.
  [[nodiscard]] Result<std::vector<SegmentCount>> CountSegments(const auth::Principal& caller,
                                                                domain::CustomerFilter filter,
                                                                const std::vector<SegmentDimension>& group_by,
                                                                int64_t* total);

  struct SearchPage final {
    std::vector<domain::Customer> customers;  ///< in customer id order
    std::string next_page_token;              ///< empty on the last page
    int64_t total = 0;                        ///< every match, across pages
  };
  /// Customers matching `filter` on today's date of each store (churn stages are exact on the
  /// day asked, see domain/search.h). Page size 0 means 50; at most 500.
  [[nodiscard]] Result<SearchPage> SearchCustomers(const auth::Principal& caller, domain::CustomerFilter filter,
                                                   int page_size, const std::string& page_token);

  /// The customer's history, newest first (domain/timeline.h).
  [[nodiscard]] Result<std::vector<domain::TimelineEntry>> Timeline(const auth::Principal& caller,
                                                                    const std::string& customer_id,
                                                                    const std::vector<domain::TimelineKind>& kinds,
                                                                    const std::string& vehicle_id);

  /// Changes the named fields of the record to those of `values`: name, mobile (ALREADY_EXISTS when
  /// another customer has the number), gender, birthday and the
  /// profile fields (home_phone, office_phone, address, information_source, occupation,
  /// national_id, ethnicity, family_members, purchase_purpose, interests, birthday_is_lunar,
  /// owner_staff_id, wechat_openid, churn_reason, churn_note). ABORTED when `expected_revision`
  /// is set and the record moved on.
  [[nodiscard]] Result<domain::Customer> UpdateCustomer(const auth::Principal& caller, const std::string& customer_id,
                                                        const domain::Customer& values,
                                                        const std::vector<std::string>& fields,
                                                        int64_t expected_revision, const std::string& request_id);
  /// Staff flags (opinion leader, fleet); only the given ones change.
  [[nodiscard]] Result<domain::Customer> SetStaffFlags(const auth::Principal& caller, const std::string& customer_id,
                                                       std::optional<bool> opinion_leader,
                                                       std::optional<bool> fleet_customer,
                                                       const std::string& request_id);

  /// An odometer reading outside a visit; returns the car with its latest odometer and estimate.
  [[nodiscard]] Result<domain::Vehicle> RecordOdometerReading(const auth::Principal& caller,
                                                              const std::string& customer_id,
                                                              domain::OdometerReading reading,
                                                              const std::string& request_id);

  // History. Each validates against the current record (domain/history.h), stores the item and
  // publishes its event; a repeated request id returns the first result.
  [[nodiscard]] Result<domain::InsurancePolicy> RecordPolicy(const auth::Principal& caller,
                                                             const std::string& customer_id,
                                                             domain::InsurancePolicy policy,
                                                             const std::string& request_id);
  [[nodiscard]] Result<domain::Inspection> RecordInspection(const auth::Principal& caller,
                                                            const std::string& customer_id,
                                                            domain::Inspection inspection,
                                                            const std::string& request_id);
  [[nodiscard]] Result<domain::Referral> RecordReferral(const auth::Principal& caller, const std::string& customer_id,
                                                        domain::Referral referral, const std::string& request_id);
  [[nodiscard]] Result<domain::Purchase> RecordPurchase(const auth::Principal& caller, const std::string& customer_id,
                                                        domain::Purchase purchase, const std::string& request_id);
  [[nodiscard]] Result<domain::PrepaidPackage> RecordPackage(const auth::Principal& caller,
                                                             const std::string& customer_id,
                                                             domain::PrepaidPackage package,
                                                             const std::string& request_id);
  [[nodiscard]] Result<domain::Complaint> RecordComplaint(const auth::Principal& caller, const std::string& customer_id,
                                                          domain::Complaint complaint, const std::string& request_id);

  /// Takes the month-end snapshots every store lacks since its latest one, up to last month:
  /// when only last month is due (the month just turned), the counts as they stand with churn
  /// stages as of its last day; when more are (a clock jump, or the service was down), each
  /// month rebuilt from the records (domain::Reconstruction), oldest first. A store's first
  /// snapshot is of the month before the service first ran. Returns how many were taken.
  int SnapshotDue();

  /// One store's figures for one month.
  struct MonthFigures final {
    std::string store_id;
    domain::Month month;
    domain::StoreFigures figures;
    domain::FigureSource source = domain::FigureSource::kLive;
  };
  /// Figures of `store_ids` (default: every store the caller may see) for each month from
  /// `months->first` to `months->second` — by default the `trailing_months` months (1 to 36)
  /// ending with each store's current month: the current month live, past months from their
  /// snapshots, and a past month without one rebuilt from the records (before the service ran,
  /// nothing was snapshotted), as is one whose snapshot found the store holding nobody (history
  /// imported since shows in it). Managers and admins. INVALID_ARGUMENT ("period") for a period
  /// that reaches into the future.
  [[nodiscard]] Result<std::vector<MonthFigures>> Figures(const auth::Principal& caller,
                                                          std::vector<std::string> store_ids,
                                                          std::optional<std::pair<domain::Month, domain::Month>> months,
                                                          int trailing_months = 1);
  [[nodiscard]] Instant Now() const { return clock_.Now(); }

  /// A contact dispatch made or received, for the customer's history. An opt-out reply ("TD",
  /// "T", "退订") also denies consent on its channel (source "reply:<channel>"). An error when
  /// the consent could not be changed (retryable when Redis or a concurrent change got in the
  /// way): the caller must not treat the event as handled, or an opt-out would be lost.
  [[nodiscard]] Status OnContact(const std::string& customer_id, const domain::ContactEntry& contact, bool opt_out);

  /// A complaint case of the surveys service, on the customer's record (app/complaint_cases.cc):
  /// one complaint per case (id derived from the case), opened once, closed with the case's
  /// outcome; a major one makes the customer high-value (criterion 8). A replayed event, or an
  /// opening that arrives after the resolution, changes nothing; a customer not on record is skipped.
  [[nodiscard]] Status OnComplaintCase(const ComplaintCaseFact& fact);

  /// May `caller` import into `store_id`? Clerks, managers and admins of that store.
  [[nodiscard]] Status CheckImport(const auth::Principal& caller, const std::string& store_id) const;
  /// One delivery line of a DMS export. A person already on record (same VIN, or same mobile)
  /// is merged, not duplicated; a line seen before changes nothing. Call CheckImport first.
  [[nodiscard]] ImportOutcome ImportDelivery(const auth::Principal& caller, const std::string& store_id,
                                             const domain::DeliveryRow& row);
  /// One visit line: matched to a car on record by VIN (or plate); the same visit imported
  /// again changes nothing.
  [[nodiscard]] ImportOutcome ImportVisit(const auth::Principal& caller, const domain::VisitRow& row);

  /// One policy line: matched to a car on record by VIN (or plate) and recorded as bought
  /// through the store; the same policy again with the same terms changes nothing.
  [[nodiscard]] ImportOutcome ImportPolicy(const auth::Principal& caller, const domain::PolicyRow& row);

  /// Staff record a customer's consent for a channel (paper form, phone call …); `source` says how.
  [[nodiscard]] Result<domain::Customer> SetConsent(const auth::Principal& caller, const std::string& customer_id,
                                                    domain::Channel channel, domain::ConsentState state,
                                                    std::string source);

  /// Contact details for sending: only service identities (dispatch) and admins.
  [[nodiscard]] Result<domain::Customer> GetContact(const auth::Principal& caller, const std::string& customer_id);
  /// What GetContacts answers: the customers found, in the order asked, and the ids with no record.
  struct Contacts final {
    std::vector<domain::Customer> found;
    std::vector<std::string> not_found;
  };
  static constexpr size_t kMaxContactsPerCall = 500;
  /// Contact details of many customers in one read (app/contacts.cc): at most kMaxContactsPerCall
  /// ids (INVALID_ARGUMENT `customer_ids`), none empty (`customer_ids[i]`); PERMISSION_DENIED
  /// naming the id when a customer's store is not the caller's. Same roles as GetContact.
  [[nodiscard]] Result<Contacts> GetContacts(const auth::Principal& caller,
                                             const std::vector<std::string>& customer_ids);

 private:
  [[nodiscard]] Date TodayAt(const std::string& store_id) const;
  /// How a write of `caller` claims a plate or VIN another customer's active car holds: refused
  /// naming the holder (when the caller may see it), or taken over when `transfer`.
  [[nodiscard]] static CustomerRepository::ClaimResolver ClaimRule(const auth::Principal& caller, bool transfer);
  /// The customer, if the caller may see its store (roles are checked by the use case).
  [[nodiscard]] Result<domain::Customer> LoadOwned(const auth::Principal& caller, const std::string& customer_id);
  /// What a history use case does to the record and history: the item it stores, or why not.
  template <typename Item>
  using Preparer = std::function<Result<Item>(domain::Customer&, const domain::History&, Date)>;
  /// Stores the item `prepare` makes in one atomic change of the record; returns its id (the
  /// first result's id when `request_id` was seen before). An item equal to one on record
  /// (`items`) writes and announces nothing.
  template <typename Item>
  [[nodiscard]] Result<std::string> StoreItem(const std::string& customer_id, const std::string& request_id, Date today,
                                              const Preparer<Item>& prepare, std::vector<Item> domain::History::*items,
                                              std::string Item::*id);
  /// A visit as RecordVisit and ImportVisit store it: checked, and applied to the car (odometer
  /// and km/day estimate) and the record (last visit) by domain::ApplyVisit.
  [[nodiscard]] static Preparer<domain::ServiceVisit> VisitPreparer(const domain::NewVisit& request,
                                                                    const std::string& visit_id);
  /// The stores a query covers: `requested`, or every store the caller may see; each known and allowed.
  [[nodiscard]] Result<std::vector<std::string>> StoresToQuery(const auth::Principal& caller,
                                                               std::vector<std::string> requested) const;
  /// Per store, the plan of `filter` on that store's today.
  [[nodiscard]] Result<std::vector<CustomerSearch::SearchQuery>> Plan(const std::vector<std::string>& stores,
                                                                      const domain::CustomerFilter& filter) const;
  /// The car an import line names, by VIN (or plate when the VIN is blank), and its owner;
  /// INVALID_ARGUMENT naming the key when it is malformed or no car the caller may see has it.
  struct CarOnRecord final {
    domain::Customer owner;
    std::string vehicle_id;
  };
  [[nodiscard]] Result<CarOnRecord> FindCarOnRecord(const auth::Principal& caller, const std::string& vin,
                                                    const std::string& plate);
  /// The counts of domain::FigureQueries for `store_id` with churn stages as of `day`.
  [[nodiscard]] std::map<std::string, int64_t> CountFigures(const std::string& store_id, Date day);
  /// `months` of `store_id` rebuilt from the records of every customer of the store.
  [[nodiscard]] domain::Reconstruction Reconstruct(const std::string& store_id, std::vector<domain::Month> months);
  /// Stores one history item through `prepare`, returning it as stored.
  template <typename Item>
  [[nodiscard]] Result<Item> RecordItem(const auth::Principal& caller, const std::string& customer_id,
                                        const std::string& request_id, const Preparer<Item>& prepare,
                                        std::vector<Item> domain::History::*items, std::string Item::*id);

  class Directory final : public domain::StoreDirectory {
   public:
    explicit Directory(const config::StoreCatalog& stores) : stores_(stores) {}
    [[nodiscard]] bool IsKnownStore(const std::string& store_id) const override { return stores_.IsKnown(store_id); }

   private:
    const config::StoreCatalog& stores_;
  };

  CustomerRepository& records_;
  CustomerSearch& search_;
  ReportStore& reports_;
  ContactLog& contacts_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
  Directory directory_;
  domain::ClassificationPolicy policy_;
  domain::ReportRules report_rules_;
};

}  // namespace careloop::customers::app
