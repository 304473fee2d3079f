// The enum tables (common/base/enum_table.h) and the customers service's tables
// (services/customers/adapters/enum_tables.h): every table covers its domain enum and the
// contract, round-trips, and turns any int that is not one of its values into nullopt or, from a
// client, INVALID_ARGUMENT naming the field. Values read back from storage fall back safely.
#include <gtest/gtest.h>

#include <climits>
#include <map>
#include <set>
#include <string>

#include "common/base/enum_table.h"
#include "services/customers/adapters/enum_tables.h"
#include "services/customers/adapters/proto_mapping.h"

namespace careloop {
namespace {

namespace adapters = customers::adapters;
namespace domain = customers::domain;
namespace pb = careloop::customer::v1;
namespace common_pb = careloop::common::v1;

// --- The generic table, on an enum of its own. ---

enum class Colour { kNone, kRed, kGreen };
enum WireColour : int { WIRE_COLOUR_UNSPECIFIED = 0, WIRE_COLOUR_RED = 1, WIRE_COLOUR_GREEN = 7 };

constexpr auto kColours = MakeEnumTable<Colour, WireColour>({
    {Colour::kNone, WIRE_COLOUR_UNSPECIFIED, "none"},
    {Colour::kRed, WIRE_COLOUR_RED, "red"},
    {Colour::kGreen, WIRE_COLOUR_GREEN, "green"},
});
static_assert(kColours.IsComplete());
static_assert(kColours.ToProto(Colour::kGreen) == WIRE_COLOUR_GREEN);
static_assert(kColours.FromProto(7) == Colour::kGreen);
static_assert(!kColours.FromProto(2).has_value());

// A gap in the domain values, a value twice, a contract value twice, a word twice or empty.
static_assert(!MakeEnumTable<Colour, WireColour>({{Colour::kNone, WIRE_COLOUR_UNSPECIFIED, "none"},
                                                  {Colour::kGreen, WIRE_COLOUR_GREEN, "green"}})
                   .IsComplete());
static_assert(!MakeEnumTable<Colour, WireColour>({{Colour::kNone, WIRE_COLOUR_UNSPECIFIED, "none"},
                                                  {Colour::kNone, WIRE_COLOUR_RED, "red"}})
                   .IsComplete());
static_assert(!MakeEnumTable<Colour, WireColour>({{Colour::kNone, WIRE_COLOUR_RED, "none"},
                                                  {Colour::kRed, WIRE_COLOUR_RED, "red"}})
                   .IsComplete());
static_assert(!MakeEnumTable<Colour, WireColour>({{Colour::kNone, WIRE_COLOUR_UNSPECIFIED, "red"},
                                                  {Colour::kRed, WIRE_COLOUR_RED, "red"}})
                   .IsComplete());
static_assert(!MakeEnumTable<Colour, WireColour>({{Colour::kNone, WIRE_COLOUR_UNSPECIFIED, ""}}).IsComplete());

TEST(EnumTableTest, LooksUpEveryDirectionAndAnswersNulloptForWhatItDoesNotHold) {
  EXPECT_EQ(kColours.ToProto(Colour::kRed), WIRE_COLOUR_RED);
  EXPECT_EQ(kColours.FromProto(WIRE_COLOUR_RED), Colour::kRed);
  EXPECT_EQ(kColours.ToWord(Colour::kGreen), "green");
  EXPECT_EQ(kColours.FromWord("green"), Colour::kGreen);
  EXPECT_EQ(kColours.ProtoOfWord("green"), WIRE_COLOUR_GREEN);
  for (int value : {2, 6, 8, 99, -1, INT_MIN, INT_MAX}) {
    EXPECT_FALSE(kColours.FromProto(value).has_value()) << value;
  }
  EXPECT_FALSE(kColours.ToProto(static_cast<Colour>(3)).has_value());
  EXPECT_FALSE(kColours.ToWord(static_cast<Colour>(-1)).has_value());
  EXPECT_FALSE(kColours.FromWord("Green").has_value());
  EXPECT_FALSE(kColours.FromWord("").has_value());
  EXPECT_FALSE(kColours.ProtoOfWord("blue").has_value());
}

TEST(EnumTableTest, WordsKeepRowOrderAndLeaveOutTheUnsetRowUnlessAsked) {
  EXPECT_EQ(kColours.Words(), (std::vector<std::string>{"red", "green"}));
  EXPECT_EQ(kColours.Words(WithUnset::kYes), (std::vector<std::string>{"none", "red", "green"}));
}

// --- The customers service's tables. ---

// Exhaustive switches: with -Wswitch an error, the build fails when a domain enum gains a value
// these lists lack, and the test below then finds it missing from its table.
constexpr bool Known(domain::ChurnStage value) {
  using enum domain::ChurnStage;
  switch (value) {
    case kActive:
    case kAtRisk:
    case kLapsing:
    case kLost:
    case kLongLost: return true;
  }
  return false;
}
constexpr bool Known(domain::LifecycleStage value) {
  using enum domain::LifecycleStage;
  switch (value) {
    case kSuspect:
    case kProspect:
    case kCustomer:
    case kRepeatCustomer:
    case kChampion: return true;
  }
  return false;
}
constexpr bool Known(domain::ValueCriterion value) {
  using enum domain::ValueCriterion;
  switch (value) {
    case kAddOnOrReplacementPurchase:
    case kReferredABuyerRecently:
    case kFrequentVisitor:
    case kJustLeftWarranty:
    case kLoyalInsuranceOrInspection:
    case kFleetCustomer:
    case kOpinionLeader:
    case kMajorComplaint: return true;
  }
  return false;
}
constexpr bool Known(domain::ValueTier value) {
  using enum domain::ValueTier;
  switch (value) {
    case kStandard:
    case kHigh: return true;
  }
  return false;
}
constexpr bool Known(domain::Gender value) {
  using enum domain::Gender;
  switch (value) {
    case kUnspecified:
    case kMale:
    case kFemale: return true;
  }
  return false;
}
constexpr bool Known(domain::Channel value) {
  using enum domain::Channel;
  switch (value) {
    case kSms:
    case kWeChat:
    case kPhoneCall: return true;
  }
  return false;
}
constexpr bool Known(domain::ConsentState value) {
  using enum domain::ConsentState;
  switch (value) {
    case kUnspecified:
    case kGranted:
    case kDenied: return true;
  }
  return false;
}
constexpr bool Known(domain::VisitType value) {
  using enum domain::VisitType;
  switch (value) {
    case kUnspecified:
    case kFirstFreeMaintenance:
    case kSecondFreeMaintenance:
    case kRegularMaintenance:
    case kRepair:
    case kWarranty:
    case kAccidentClaim:
    case kBodywork:
    case kMaintenance: return true;
  }
  return false;
}
constexpr bool Known(domain::PurchasePurpose value) {
  using enum domain::PurchasePurpose;
  switch (value) {
    case kUnspecified:
    case kPrivate:
    case kBusiness:
    case kFleet: return true;
  }
  return false;
}
constexpr bool Known(domain::VehicleStatus value) {
  using enum domain::VehicleStatus;
  switch (value) {
    case kActive:
    case kSold:
    case kScrapped:
    case kTransferred: return true;
  }
  return false;
}
constexpr bool Known(domain::ChurnReason value) {
  using enum domain::ChurnReason;
  switch (value) {
    case kUnspecified:
    case kProduct:
    case kPrice:
    case kService:
    case kBenefit:
    case kManagement:
    case kMovedAway:
    case kNatural: return true;
  }
  return false;
}
constexpr bool Known(domain::PurchaseKind value) {
  using enum domain::PurchaseKind;
  switch (value) {
    case kAdditional:
    case kReplacement: return true;
  }
  return false;
}
constexpr bool Known(domain::PackageKind value) {
  using enum domain::PackageKind;
  switch (value) {
    case kOil:
    case kAnnualMaintenance:
    case kOther: return true;
  }
  return false;
}
constexpr bool Known(domain::ComplaintSeverity value) {
  using enum domain::ComplaintSeverity;
  switch (value) {
    case kMinor:
    case kMajor: return true;
  }
  return false;
}
constexpr bool Known(domain::ComplaintOutcome value) {
  using enum domain::ComplaintOutcome;
  switch (value) {
    case kOpen:
    case kResolvedSatisfied:
    case kResolvedUnsatisfied:
    case kWithdrawn: return true;
  }
  return false;
}
constexpr bool Known(domain::TimelineKind value) {
  using enum domain::TimelineKind;
  switch (value) {
    case kCustomerCreated:
    case kVehicle:
    case kServiceVisit:
    case kInsurancePolicy:
    case kInspection:
    case kReferral:
    case kPurchase:
    case kPackage:
    case kComplaint:
    case kConsent:
    case kContact:
    case kSegment:
    case kOdometer: return true;
  }
  return false;
}
constexpr bool Known(domain::ImportKind value) {
  using enum domain::ImportKind;
  switch (value) {
    case kDeliveries:
    case kVisits:
    case kPolicies: return true;
  }
  return false;
}
constexpr bool Known(domain::SegmentDimension value) {
  using enum domain::SegmentDimension;
  switch (value) {
    case kStore:
    case kValueTier:
    case kChurnStage:
    case kLifecycleStage: return true;
  }
  return false;
}
constexpr bool Known(domain::FigureSource value) {
  using enum domain::FigureSource;
  switch (value) {
    case kLive:
    case kSnapshot:
    case kReconstructed: return true;
  }
  return false;
}

// A contract value's name without its enum's prefix, in lower case: CHURN_STAGE_AT_RISK → at_risk.
template <class Proto>
std::string ShortName(int value) {
  const auto* descriptor = google::protobuf::GetEnumDescriptor<Proto>();
  std::string prefix = descriptor->FindValueByNumber(0)->name();
  prefix.erase(prefix.size() - std::string("UNSPECIFIED").size());
  std::string name = descriptor->FindValueByNumber(value)->name().substr(prefix.size());
  for (char& c : name) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return name;
}

// Every check one table must pass. `without_domain_value`: contract values the domain has no
// value for. `cli_words`: where the CLI's word is not the contract's short name (short name → word).
template <class Table>
void ExpectTableIsRight(const Table& table, const std::set<int>& without_domain_value,
                        const std::map<std::string, std::string>& cli_words = {}) {
  using Domain = typename Table::DomainType;
  using Proto = typename Table::ProtoType;
  EXPECT_TRUE(table.IsComplete());
  // Every domain value has a row; nothing else does.
  for (int i = -3; i < 64; ++i) {
    const auto value = static_cast<Domain>(i);
    EXPECT_EQ(table.ToProto(value).has_value(), Known(value)) << "domain value " << i;
    EXPECT_EQ(table.ToWord(value).has_value(), Known(value)) << "domain value " << i;
  }
  // Every contract value has a row, unless the domain has no value for it; ints outside the
  // contract have none.
  const auto* descriptor = google::protobuf::GetEnumDescriptor<Proto>();
  for (int i = 0; i < descriptor->value_count(); ++i) {
    const int number = descriptor->value(i)->number();
    EXPECT_EQ(table.FromProto(number).has_value(), !without_domain_value.contains(number))
        << descriptor->value(i)->name();
  }
  for (int value : {-1, 99, 1000, INT_MIN, INT_MAX}) {
    EXPECT_FALSE(table.FromProto(value).has_value()) << value;
  }
  for (const auto& row : table.rows()) {
    EXPECT_NE(descriptor->FindValueByNumber(row.proto), nullptr) << row.word << ": not a contract value";
    // Round trips: domain → proto → domain, proto → domain → proto, word → domain → word.
    EXPECT_EQ(table.FromProto(*table.ToProto(row.domain)), row.domain) << row.word;
    EXPECT_EQ(table.ToProto(*table.FromProto(row.proto)), row.proto) << row.word;
    EXPECT_EQ(table.ToWord(*table.FromWord(row.word)), row.word);
    EXPECT_EQ(table.ProtoOfWord(row.word), row.proto) << row.word;
    // The CLI's words: the contract's names, or the listed words the CLI has always used.
    const std::string name = ShortName<Proto>(row.proto);
    EXPECT_EQ(row.word, cli_words.contains(name) ? cli_words.at(name) : name);
  }
}

TEST(CustomersEnumTablesTest, EveryTableCoversItsDomainEnumAndTheContractAndRoundTrips) {
  constexpr int kUnspecified = 0;
  {
    SCOPED_TRACE("ChurnStage");
    ExpectTableIsRight(adapters::kChurnStages, {kUnspecified});
  }
  {
    SCOPED_TRACE("LifecycleStage");
    ExpectTableIsRight(adapters::kLifecycleStages, {kUnspecified});
  }
  {
    SCOPED_TRACE("ValueCriterion");
    ExpectTableIsRight(adapters::kValueCriteria, {kUnspecified});
  }
  {
    SCOPED_TRACE("ValueTier");
    ExpectTableIsRight(adapters::kValueTiers, {kUnspecified});
  }
  {
    SCOPED_TRACE("Gender");
    ExpectTableIsRight(adapters::kGenders, {});
  }
  {
    SCOPED_TRACE("Channel");
    ExpectTableIsRight(adapters::kChannels, {kUnspecified, common_pb::CHANNEL_FACE_TO_FACE}, {{"phone_call", "phone"}});
  }
  {
    SCOPED_TRACE("ConsentState");
    ExpectTableIsRight(adapters::kConsentStates, {});
  }
  {
    SCOPED_TRACE("VisitType");
    ExpectTableIsRight(adapters::kVisitTypes, {},
                       {{"first_free_maintenance", "first"},
                        {"second_free_maintenance", "second"},
                        {"regular_maintenance", "regular"},
                        {"accident_claim", "claim"}});
  }
  {
    SCOPED_TRACE("PurchasePurpose");
    ExpectTableIsRight(adapters::kPurchasePurposes, {});
  }
  {
    SCOPED_TRACE("VehicleStatus");
    ExpectTableIsRight(adapters::kVehicleStatuses, {kUnspecified});
  }
  {
    SCOPED_TRACE("ChurnReason");
    ExpectTableIsRight(adapters::kChurnReasons, {});
  }
  {
    SCOPED_TRACE("PurchaseKind");
    ExpectTableIsRight(adapters::kPurchaseKinds, {kUnspecified});
  }
  {
    SCOPED_TRACE("PackageKind");
    ExpectTableIsRight(adapters::kPackageKinds, {kUnspecified});
  }
  {
    SCOPED_TRACE("ComplaintSeverity");
    ExpectTableIsRight(adapters::kComplaintSeverities, {kUnspecified});
  }
  {
    SCOPED_TRACE("ComplaintOutcome");
    ExpectTableIsRight(adapters::kComplaintOutcomes, {kUnspecified});
  }
  {
    SCOPED_TRACE("TimelineKind");
    ExpectTableIsRight(adapters::kTimelineKinds, {kUnspecified});
  }
  {
    SCOPED_TRACE("ImportKind");
    ExpectTableIsRight(adapters::kImportKinds, {kUnspecified, pb::IMPORT_KIND_CUSTOMER_MASTER},
                       {{"sales", "deliveries"}, {"after_sales", "visits"}, {"policies", "policies"}});
  }
  {
    SCOPED_TRACE("SegmentDimension");
    ExpectTableIsRight(
        adapters::kSegmentDimensions, {kUnspecified},
        {{"value_tier", "tier"}, {"churn_stage", "churn"}, {"lifecycle_stage", "lifecycle"}, {"store", "store"}});
  }
  {
    SCOPED_TRACE("FigureSource");
    ExpectTableIsRight(adapters::kFigureSources, {kUnspecified});
  }
}

TEST(CustomersEnumTablesTest, ClientValuesOutsideTheContractAreInvalidArgumentNamingTheField) {
  auto unknown = adapters::FromClient(adapters::kPackageKinds, 99, "kind");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(unknown.error().ToString(), "kind: unknown value 99 (expected OIL, ANNUAL_MAINTENANCE or OTHER)");

  auto negative = adapters::FromClient(adapters::kChurnStages, -1, "filter.churn_stages");
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().ToString(),
            "filter.churn_stages: unknown value -1 (expected ACTIVE, AT_RISK, LAPSING, LOST or LONG_LOST)");

  auto unset = adapters::FromClient(adapters::kComplaintSeverities, 0, "severity");
  ASSERT_FALSE(unset.ok());
  EXPECT_EQ(unset.error().ToString(), "severity: is required (MINOR or MAJOR)");

  auto not_here = adapters::FromClient(adapters::kChannels, common_pb::CHANNEL_FACE_TO_FACE, "channel");
  ASSERT_FALSE(not_here.ok());
  EXPECT_EQ(not_here.error().ToString(),
            "channel: CHANNEL_FACE_TO_FACE (4) is not accepted here (expected SMS, WECHAT or PHONE_CALL)");

  // Where the domain has an unspecified value, UNSPECIFIED is a value like any other.
  auto gender = adapters::FromClient(adapters::kGenders, pb::GENDER_UNSPECIFIED, "gender");
  ASSERT_TRUE(gender.ok());
  EXPECT_EQ(gender.value(), domain::Gender::kUnspecified);
}

TEST(CustomersEnumTablesTest, StoredValuesNoTableHoldsFallBackToTheDomainDefault) {
  pb::Customer record;
  record.set_customer_id("cus-1");
  record.set_gender(static_cast<pb::Gender>(99));
  record.set_purchase_purpose(static_cast<pb::PurchasePurpose>(-1));
  record.set_churn_reason(static_cast<pb::ChurnReason>(42));
  record.set_churn_stage(pb::CHURN_STAGE_LOST);
  record.set_lifecycle_stage(static_cast<pb::LifecycleStage>(77));
  record.add_value_criteria(pb::VALUE_CRITERION_FLEET);
  record.add_value_criteria(static_cast<pb::ValueCriterion>(99));
  auto* vehicle = record.add_vehicles();
  vehicle->set_status(static_cast<pb::VehicleStatus>(9));
  const domain::Customer customer = adapters::FromProto(record);
  EXPECT_EQ(customer.gender, domain::Gender::kUnspecified);
  EXPECT_EQ(customer.profile.purchase_purpose, domain::PurchasePurpose::kUnspecified);
  EXPECT_EQ(customer.churn_reason, domain::ChurnReason::kUnspecified);
  ASSERT_TRUE(customer.classification.has_value());
  EXPECT_EQ(customer.classification->churn, domain::ChurnStage::kLost);
  EXPECT_EQ(customer.classification->lifecycle, domain::LifecycleStage::kSuspect);
  EXPECT_EQ(customer.classification->value_criteria, (std::set{domain::ValueCriterion::kFleetCustomer}));
  ASSERT_EQ(customer.vehicles.size(), 1u);
  EXPECT_EQ(customer.vehicles[0].status, domain::VehicleStatus::kActive);

  record.set_churn_stage(static_cast<pb::ChurnStage>(99));
  EXPECT_FALSE(adapters::ClassificationOf(record).has_value()) << "an unknown stage reads as not yet classified";

  pb::PrepaidPackage package;
  package.set_kind(static_cast<pb::PackageKind>(99));
  EXPECT_EQ(adapters::FromProto(package).kind, domain::PackageKind::kOther);
  pb::Complaint complaint;
  complaint.set_outcome(static_cast<pb::ComplaintOutcome>(-5));
  complaint.set_severity(static_cast<common_pb::ComplaintSeverity>(3));
  EXPECT_EQ(adapters::FromProto(complaint).outcome, domain::ComplaintOutcome::kOpen);
  EXPECT_EQ(adapters::FromProto(complaint).severity, domain::ComplaintSeverity::kMinor);
  EXPECT_EQ(adapters::FromProto(static_cast<pb::VisitType>(12)), domain::VisitType::kUnspecified);
  EXPECT_EQ(adapters::FromProto(static_cast<pb::ConsentState>(3)), domain::ConsentState::kUnspecified);
  EXPECT_FALSE(adapters::ChannelFromProto(static_cast<common_pb::Channel>(99)).has_value());
}

TEST(CustomersEnumTablesTest, ImportRowsRoundTripAndAnUnknownEnumRejectsTheRowNamingTheField) {
  domain::VisitRow visit;
  visit.vin = "LVVDB11B0RD100001";
  visit.visit.visit_date = Date{2026, 11, 20};
  visit.visit.odometer_km = 5000;
  visit.visit.visit_type = domain::VisitType::kAccidentClaim;
  visit.visit.advisor = "李顾问";
  visit.visit.amount_fen = 68050;
  pb::ImportRow visit_row = adapters::ToProto(7, visit);
  EXPECT_EQ(visit_row.line_number(), 7);
  EXPECT_EQ(visit_row.visit_type(), pb::VISIT_TYPE_ACCIDENT_CLAIM);
  auto visit_back = adapters::VisitRowOf(visit_row);
  ASSERT_TRUE(visit_back.ok());
  EXPECT_EQ(visit_back->vin, visit.vin);
  EXPECT_EQ(visit_back->visit.visit_type, visit.visit.visit_type);
  EXPECT_EQ(visit_back->visit.visit_date.ToString(), "2026-11-20");
  EXPECT_EQ(visit_back->visit.amount_fen, 68050);
  visit_row.set_visit_type(static_cast<pb::VisitType>(99));
  auto rejected = adapters::VisitRowOf(visit_row);
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.error().field, "visit_type");

  domain::DeliveryRow delivery;
  delivery.customer.name = "王小明";
  delivery.customer.mobile = "13912345678";
  delivery.vehicle.vin = "LVVDB11B0RD100001";
  delivery.vehicle.plate = "京A12345";
  delivery.vehicle.model = "星途瑶光";
  delivery.vehicle.delivery_date = Date{2026, 9, 3};
  pb::ImportRow delivery_row = adapters::ToProto(2, delivery);
  EXPECT_FALSE(delivery_row.has_purchase_date()) << "an unset date stays an absent field";
  EXPECT_FALSE(delivery_row.has_birthday());
  auto delivery_back = adapters::DeliveryRowOf(delivery_row);
  ASSERT_TRUE(delivery_back.ok());
  EXPECT_EQ(delivery_back->customer.mobile, "13912345678");
  EXPECT_EQ(delivery_back->vehicle.delivery_date.ToString(), "2026-09-03");
  EXPECT_FALSE(delivery_back->vehicle.purchase_date.IsSet());
  delivery_row.set_gender(static_cast<pb::Gender>(-1));
  auto bad_gender = adapters::DeliveryRowOf(delivery_row);
  ASSERT_FALSE(bad_gender.ok());
  EXPECT_EQ(bad_gender.error().field, "gender");

  domain::PolicyRow policy;
  policy.vin = "LVVDB11B0RD100001";
  policy.insurer = "平安保险";
  policy.compulsory = true;
  policy.start = Date{2026, 1, 1};
  policy.end = Date{2026, 12, 31};
  policy.premium_fen = 95000;
  const domain::PolicyRow policy_back = adapters::PolicyRowOf(adapters::ToProto(3, policy));
  EXPECT_EQ(policy_back.insurer, policy.insurer);
  EXPECT_TRUE(policy_back.compulsory);
  EXPECT_EQ(policy_back.end.ToString(), "2026-12-31");
  EXPECT_EQ(policy_back.premium_fen, 95000);
}

}  // namespace
}  // namespace careloop
