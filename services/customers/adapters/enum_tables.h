#pragma once

#include <string>
#include <vector>

#include "careloop/common/v1/types.pb.h"
#include "careloop/customer/v1/customer.pb.h"
#include "careloop/customer/v1/customers_service.pb.h"
#include "common/base/enum_table.h"
#include "common/base/error.h"
#include "common/events/enum_input.h"
#include "services/customers/domain/classification.h"
#include "services/customers/domain/customer.h"
#include "services/customers/domain/dms_import.h"
#include "services/customers/domain/history.h"
#include "services/customers/domain/reports.h"
#include "services/customers/domain/search.h"
#include "services/customers/domain/segments.h"
#include "services/customers/domain/timeline.h"

// The customers service's enums, one table each: domain value ⇄ contract value ⇄ CLI word.
// proto_mapping.cc, grpc_api.cc and careloopctl read them; nothing else maps these enums.
//
// The words are what careloopctl accepts and prints. They are the contract's value names in
// lower case without the enum's prefix (CHURN_STAGE_AT_RISK → "at_risk"), except where the CLI
// has always used a shorter word: visit types ("first", "claim" …), "phone" for PHONE_CALL, the
// import kinds ("deliveries" for SALES …) and the segment dimensions ("tier", "churn" …).
// enum_tables_test checks both.
namespace careloop::customers::adapters {

namespace pb = careloop::customer::v1;
namespace common_pb = careloop::common::v1;

inline constexpr auto kChurnStages = MakeEnumTable<domain::ChurnStage, pb::ChurnStage>({
    {domain::ChurnStage::kActive, pb::CHURN_STAGE_ACTIVE, "active"},
    {domain::ChurnStage::kAtRisk, pb::CHURN_STAGE_AT_RISK, "at_risk"},
    {domain::ChurnStage::kLapsing, pb::CHURN_STAGE_LAPSING, "lapsing"},
    {domain::ChurnStage::kLost, pb::CHURN_STAGE_LOST, "lost"},
    {domain::ChurnStage::kLongLost, pb::CHURN_STAGE_LONG_LOST, "long_lost"},
});
static_assert(kChurnStages.IsComplete());

inline constexpr auto kLifecycleStages = MakeEnumTable<domain::LifecycleStage, pb::LifecycleStage>({
    {domain::LifecycleStage::kSuspect, pb::LIFECYCLE_STAGE_SUSPECT, "suspect"},
    {domain::LifecycleStage::kProspect, pb::LIFECYCLE_STAGE_PROSPECT, "prospect"},
    {domain::LifecycleStage::kCustomer, pb::LIFECYCLE_STAGE_CUSTOMER, "customer"},
    {domain::LifecycleStage::kRepeatCustomer, pb::LIFECYCLE_STAGE_REPEAT_CUSTOMER, "repeat_customer"},
    {domain::LifecycleStage::kChampion, pb::LIFECYCLE_STAGE_CHAMPION, "champion"},
});
static_assert(kLifecycleStages.IsComplete());

inline constexpr auto kValueCriteria = MakeEnumTable<domain::ValueCriterion, pb::ValueCriterion>({
    {domain::ValueCriterion::kAddOnOrReplacementPurchase, pb::VALUE_CRITERION_ADDITIONAL_OR_REPLACEMENT_PURCHASE,
     "additional_or_replacement_purchase"},
    {domain::ValueCriterion::kReferredABuyerRecently, pb::VALUE_CRITERION_RECENT_REFERRAL, "recent_referral"},
    {domain::ValueCriterion::kFrequentVisitor, pb::VALUE_CRITERION_FREQUENT_VISITS, "frequent_visits"},
    {domain::ValueCriterion::kJustLeftWarranty, pb::VALUE_CRITERION_JUST_OUT_OF_WARRANTY, "just_out_of_warranty"},
    {domain::ValueCriterion::kLoyalInsuranceOrInspection, pb::VALUE_CRITERION_LOYAL_INSURANCE_OR_INSPECTION,
     "loyal_insurance_or_inspection"},
    {domain::ValueCriterion::kFleetCustomer, pb::VALUE_CRITERION_FLEET, "fleet"},
    {domain::ValueCriterion::kOpinionLeader, pb::VALUE_CRITERION_OPINION_LEADER, "opinion_leader"},
    {domain::ValueCriterion::kMajorComplaint, pb::VALUE_CRITERION_MAJOR_COMPLAINT, "major_complaint"},
});
static_assert(kValueCriteria.IsComplete());

// High first: the CLI lists the tiers as "high | standard".
inline constexpr auto kValueTiers = MakeEnumTable<domain::ValueTier, pb::ValueTier>({
    {domain::ValueTier::kHigh, pb::VALUE_TIER_HIGH, "high"},
    {domain::ValueTier::kStandard, pb::VALUE_TIER_STANDARD, "standard"},
});
static_assert(kValueTiers.IsComplete());

inline constexpr auto kGenders = MakeEnumTable<domain::Gender, pb::Gender>({
    {domain::Gender::kUnspecified, pb::GENDER_UNSPECIFIED, "unspecified"},
    {domain::Gender::kMale, pb::GENDER_MALE, "male"},
    {domain::Gender::kFemale, pb::GENDER_FEMALE, "female"},
});
static_assert(kGenders.IsComplete());

// The channels with a consent; the contract's FACE_TO_FACE has no domain value here.
inline constexpr auto kChannels = MakeEnumTable<domain::Channel, common_pb::Channel>({
    {domain::Channel::kSms, common_pb::CHANNEL_SMS, "sms"},
    {domain::Channel::kWeChat, common_pb::CHANNEL_WECHAT, "wechat"},
    {domain::Channel::kPhoneCall, common_pb::CHANNEL_PHONE_CALL, "phone"},
});
static_assert(kChannels.IsComplete());

// Unspecified last: the CLI lists the states as "granted|denied|unspecified".
inline constexpr auto kConsentStates = MakeEnumTable<domain::ConsentState, pb::ConsentState>({
    {domain::ConsentState::kGranted, pb::CONSENT_STATE_GRANTED, "granted"},
    {domain::ConsentState::kDenied, pb::CONSENT_STATE_DENIED, "denied"},
    {domain::ConsentState::kUnspecified, pb::CONSENT_STATE_UNSPECIFIED, "unspecified"},
});
static_assert(kConsentStates.IsComplete());

inline constexpr auto kVisitTypes = MakeEnumTable<domain::VisitType, pb::VisitType>({
    {domain::VisitType::kUnspecified, pb::VISIT_TYPE_UNSPECIFIED, "unspecified"},
    {domain::VisitType::kFirstFreeMaintenance, pb::VISIT_TYPE_FIRST_FREE_MAINTENANCE, "first"},
    {domain::VisitType::kSecondFreeMaintenance, pb::VISIT_TYPE_SECOND_FREE_MAINTENANCE, "second"},
    {domain::VisitType::kRegularMaintenance, pb::VISIT_TYPE_REGULAR_MAINTENANCE, "regular"},
    {domain::VisitType::kRepair, pb::VISIT_TYPE_REPAIR, "repair"},
    {domain::VisitType::kWarranty, pb::VISIT_TYPE_WARRANTY, "warranty"},
    {domain::VisitType::kAccidentClaim, pb::VISIT_TYPE_ACCIDENT_CLAIM, "claim"},
    {domain::VisitType::kBodywork, pb::VISIT_TYPE_BODYWORK, "bodywork"},
    {domain::VisitType::kMaintenance, pb::VISIT_TYPE_MAINTENANCE, "maintenance"},
});
static_assert(kVisitTypes.IsComplete());

inline constexpr auto kPurchasePurposes = MakeEnumTable<domain::PurchasePurpose, pb::PurchasePurpose>({
    {domain::PurchasePurpose::kUnspecified, pb::PURCHASE_PURPOSE_UNSPECIFIED, "unspecified"},
    {domain::PurchasePurpose::kPrivate, pb::PURCHASE_PURPOSE_PRIVATE, "private"},
    {domain::PurchasePurpose::kBusiness, pb::PURCHASE_PURPOSE_BUSINESS, "business"},
    {domain::PurchasePurpose::kFleet, pb::PURCHASE_PURPOSE_FLEET, "fleet"},
});
static_assert(kPurchasePurposes.IsComplete());

inline constexpr auto kVehicleStatuses = MakeEnumTable<domain::VehicleStatus, pb::VehicleStatus>({
    {domain::VehicleStatus::kActive, pb::VEHICLE_STATUS_ACTIVE, "active"},
    {domain::VehicleStatus::kSold, pb::VEHICLE_STATUS_SOLD, "sold"},
    {domain::VehicleStatus::kScrapped, pb::VEHICLE_STATUS_SCRAPPED, "scrapped"},
    {domain::VehicleStatus::kTransferred, pb::VEHICLE_STATUS_TRANSFERRED, "transferred"},
});
static_assert(kVehicleStatuses.IsComplete());

inline constexpr auto kChurnReasons = MakeEnumTable<domain::ChurnReason, pb::ChurnReason>({
    {domain::ChurnReason::kUnspecified, pb::CHURN_REASON_UNSPECIFIED, "unspecified"},
    {domain::ChurnReason::kProduct, pb::CHURN_REASON_PRODUCT, "product"},
    {domain::ChurnReason::kPrice, pb::CHURN_REASON_PRICE, "price"},
    {domain::ChurnReason::kService, pb::CHURN_REASON_SERVICE, "service"},
    {domain::ChurnReason::kBenefit, pb::CHURN_REASON_BENEFIT, "benefit"},
    {domain::ChurnReason::kManagement, pb::CHURN_REASON_MANAGEMENT, "management"},
    {domain::ChurnReason::kMovedAway, pb::CHURN_REASON_MOVED_AWAY, "moved_away"},
    {domain::ChurnReason::kNatural, pb::CHURN_REASON_NATURAL, "natural"},
});
static_assert(kChurnReasons.IsComplete());

inline constexpr auto kPurchaseKinds = MakeEnumTable<domain::PurchaseKind, pb::PurchaseKind>({
    {domain::PurchaseKind::kAdditional, pb::PURCHASE_KIND_ADDITIONAL, "additional"},
    {domain::PurchaseKind::kReplacement, pb::PURCHASE_KIND_REPLACEMENT, "replacement"},
});
static_assert(kPurchaseKinds.IsComplete());

inline constexpr auto kPackageKinds = MakeEnumTable<domain::PackageKind, pb::PackageKind>({
    {domain::PackageKind::kOil, pb::PACKAGE_KIND_OIL, "oil"},
    {domain::PackageKind::kAnnualMaintenance, pb::PACKAGE_KIND_ANNUAL_MAINTENANCE, "annual_maintenance"},
    {domain::PackageKind::kOther, pb::PACKAGE_KIND_OTHER, "other"},
});
static_assert(kPackageKinds.IsComplete());

inline constexpr auto kComplaintSeverities = MakeEnumTable<domain::ComplaintSeverity, common_pb::ComplaintSeverity>({
    {domain::ComplaintSeverity::kMinor, common_pb::COMPLAINT_SEVERITY_MINOR, "minor"},
    {domain::ComplaintSeverity::kMajor, common_pb::COMPLAINT_SEVERITY_MAJOR, "major"},
});
static_assert(kComplaintSeverities.IsComplete());

inline constexpr auto kComplaintOutcomes = MakeEnumTable<domain::ComplaintOutcome, pb::ComplaintOutcome>({
    {domain::ComplaintOutcome::kOpen, pb::COMPLAINT_OUTCOME_OPEN, "open"},
    {domain::ComplaintOutcome::kResolvedSatisfied, pb::COMPLAINT_OUTCOME_RESOLVED_SATISFIED, "resolved_satisfied"},
    {domain::ComplaintOutcome::kResolvedUnsatisfied, pb::COMPLAINT_OUTCOME_RESOLVED_UNSATISFIED,
     "resolved_unsatisfied"},
    {domain::ComplaintOutcome::kWithdrawn, pb::COMPLAINT_OUTCOME_WITHDRAWN, "withdrawn"},
});
static_assert(kComplaintOutcomes.IsComplete());

inline constexpr auto kTimelineKinds = MakeEnumTable<domain::TimelineKind, pb::TimelineEntryKind>({
    {domain::TimelineKind::kCustomerCreated, pb::TIMELINE_ENTRY_KIND_CUSTOMER_CREATED, "customer_created"},
    {domain::TimelineKind::kVehicle, pb::TIMELINE_ENTRY_KIND_VEHICLE, "vehicle"},
    {domain::TimelineKind::kServiceVisit, pb::TIMELINE_ENTRY_KIND_SERVICE_VISIT, "service_visit"},
    {domain::TimelineKind::kInsurancePolicy, pb::TIMELINE_ENTRY_KIND_INSURANCE_POLICY, "insurance_policy"},
    {domain::TimelineKind::kInspection, pb::TIMELINE_ENTRY_KIND_INSPECTION, "inspection"},
    {domain::TimelineKind::kReferral, pb::TIMELINE_ENTRY_KIND_REFERRAL, "referral"},
    {domain::TimelineKind::kPurchase, pb::TIMELINE_ENTRY_KIND_PURCHASE, "purchase"},
    {domain::TimelineKind::kPackage, pb::TIMELINE_ENTRY_KIND_PACKAGE, "package"},
    {domain::TimelineKind::kComplaint, pb::TIMELINE_ENTRY_KIND_COMPLAINT, "complaint"},
    {domain::TimelineKind::kConsent, pb::TIMELINE_ENTRY_KIND_CONSENT, "consent"},
    {domain::TimelineKind::kContact, pb::TIMELINE_ENTRY_KIND_CONTACT, "contact"},
    {domain::TimelineKind::kSegment, pb::TIMELINE_ENTRY_KIND_SEGMENT, "segment"},
    {domain::TimelineKind::kOdometer, pb::TIMELINE_ENTRY_KIND_ODOMETER, "odometer"},
});
static_assert(kTimelineKinds.IsComplete());

// The DMS exports the import understands; the contract's CUSTOMER_MASTER is not one yet.
inline constexpr auto kImportKinds = MakeEnumTable<domain::ImportKind, pb::ImportKind>({
    {domain::ImportKind::kDeliveries, pb::IMPORT_KIND_SALES, "deliveries"},
    {domain::ImportKind::kVisits, pb::IMPORT_KIND_AFTER_SALES, "visits"},
    {domain::ImportKind::kPolicies, pb::IMPORT_KIND_POLICIES, "policies"},
});
static_assert(kImportKinds.IsComplete());

inline constexpr auto kSegmentDimensions = MakeEnumTable<domain::SegmentDimension, pb::SegmentDimension>({
    {domain::SegmentDimension::kStore, pb::SEGMENT_DIMENSION_STORE, "store"},
    {domain::SegmentDimension::kValueTier, pb::SEGMENT_DIMENSION_VALUE_TIER, "tier"},
    {domain::SegmentDimension::kChurnStage, pb::SEGMENT_DIMENSION_CHURN_STAGE, "churn"},
    {domain::SegmentDimension::kLifecycleStage, pb::SEGMENT_DIMENSION_LIFECYCLE_STAGE, "lifecycle"},
});
static_assert(kSegmentDimensions.IsComplete());

// Where a report row's figures come from (reports only answer these; clients never send one).
inline constexpr auto kFigureSources = MakeEnumTable<domain::FigureSource, pb::FigureSource>({
    {domain::FigureSource::kLive, pb::FIGURE_SOURCE_LIVE, "live"},
    {domain::FigureSource::kSnapshot, pb::FIGURE_SOURCE_SNAPSHOT, "snapshot"},
    {domain::FigureSource::kReconstructed, pb::FIGURE_SOURCE_RECONSTRUCTED, "reconstructed"},
});
static_assert(kFigureSources.IsComplete());

// Client values are read through events::FromClient (common/events/enum_input.h).
using events::AcceptedNames;
using events::FromClient;

}  // namespace careloop::customers::adapters
