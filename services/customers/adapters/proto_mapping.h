#pragma once

#include <optional>

#include "careloop/customer/v1/customer.pb.h"
#include "careloop/customer/v1/customers_service.pb.h"
#include "careloop/customer/v1/events.pb.h"
#include "common/base/error.h"
#include "services/customers/adapters/enum_tables.h"
#include "services/customers/domain/customer.h"
#include "services/customers/domain/dms_import.h"
#include "services/customers/domain/history.h"

namespace careloop::customers::adapters {

namespace pb = careloop::customer::v1;

/// Domain ⇄ protobuf. The stored record and the API use the same messages. Enums go through the
/// tables of enum_tables.h, never a cast: an enum value read back that no row holds reads as the
/// domain's unspecified or default value (e.g. a package of unknown kind as kOther, a car of
/// unknown status as active). Enum values from clients are read with FromClient (enum_tables.h)
/// instead, which rejects them.
[[nodiscard]] pb::Customer ToProto(const domain::Customer& customer);
[[nodiscard]] domain::Customer FromProto(const pb::Customer& customer);
[[nodiscard]] pb::Vehicle ToProto(const domain::Vehicle& vehicle);
[[nodiscard]] domain::Vehicle FromProto(const pb::Vehicle& vehicle);
[[nodiscard]] pb::ServiceVisit ToProto(const domain::ServiceVisit& visit);
[[nodiscard]] domain::ServiceVisit FromProto(const pb::ServiceVisit& visit);
[[nodiscard]] pb::ChannelConsent ToProto(const domain::ChannelConsent& consent);
/// The descriptive fields (phones, address, traits) of a record, both ways.
void SetProfile(pb::Customer& out, const domain::Profile& profile);
[[nodiscard]] domain::Profile ProfileOf(const pb::Customer& record);

/// History items; the domain keeps the owner's id on the record, the contract on each item.
[[nodiscard]] pb::InsurancePolicy ToProto(const std::string& customer_id, const domain::InsurancePolicy& policy);
[[nodiscard]] domain::InsurancePolicy FromProto(const pb::InsurancePolicy& policy);
[[nodiscard]] pb::Inspection ToProto(const std::string& customer_id, const domain::Inspection& inspection);
[[nodiscard]] domain::Inspection FromProto(const pb::Inspection& inspection);
[[nodiscard]] pb::Referral ToProto(const std::string& customer_id, const domain::Referral& referral);
[[nodiscard]] domain::Referral FromProto(const pb::Referral& referral);
[[nodiscard]] pb::Purchase ToProto(const std::string& customer_id, const domain::Purchase& purchase);
[[nodiscard]] domain::Purchase FromProto(const pb::Purchase& purchase);
[[nodiscard]] pb::PrepaidPackage ToProto(const std::string& customer_id, const domain::PrepaidPackage& package);
[[nodiscard]] domain::PrepaidPackage FromProto(const pb::PrepaidPackage& package);
[[nodiscard]] pb::Complaint ToProto(const std::string& customer_id, const domain::Complaint& complaint);
[[nodiscard]] domain::Complaint FromProto(const pb::Complaint& complaint);
/// The contract's reading has no id of its own: the store keeps it beside the record.
[[nodiscard]] pb::OdometerReading ToProto(const domain::OdometerReading& reading);
[[nodiscard]] domain::OdometerReading FromProto(const pb::OdometerReading& reading, std::string reading_id);

/// DMS import rows ⇄ ImportRow. careloopctl encodes the rows it parsed; the API decodes them. The
/// decoders reject an enum value outside the contract with the row's field name ("gender",
/// "visit_type"), so the line is reported as rejected.
[[nodiscard]] pb::ImportRow ToProto(int64_t line_number, const domain::DeliveryRow& row);
[[nodiscard]] pb::ImportRow ToProto(int64_t line_number, const domain::VisitRow& row);
[[nodiscard]] pb::ImportRow ToProto(int64_t line_number, const domain::PolicyRow& row);
[[nodiscard]] Result<domain::DeliveryRow> DeliveryRowOf(const pb::ImportRow& row);
[[nodiscard]] Result<domain::VisitRow> VisitRowOf(const pb::ImportRow& row);
[[nodiscard]] domain::PolicyRow PolicyRowOf(const pb::ImportRow& row);

/// The classification fields of a Customer record; nullopt when none is stored yet.
void SetClassification(pb::Customer& out, const domain::Classification& classification);
[[nodiscard]] std::optional<domain::Classification> ClassificationOf(const pb::Customer& record);
[[nodiscard]] pb::ChurnStage ToProto(domain::ChurnStage stage);
[[nodiscard]] pb::LifecycleStage ToProto(domain::LifecycleStage stage);
[[nodiscard]] pb::ValueCriterion ToProto(domain::ValueCriterion criterion);
[[nodiscard]] pb::ChurnReason ToProto(domain::ChurnReason reason);
[[nodiscard]] pb::TimelineEntryKind ToProto(domain::TimelineKind kind);

[[nodiscard]] careloop::common::v1::Channel ToProto(domain::Channel channel);
/// nullopt for CHANNEL_UNSPECIFIED, channels without consent (face to face) and unknown values.
[[nodiscard]] std::optional<domain::Channel> ChannelFromProto(careloop::common::v1::Channel channel);
[[nodiscard]] pb::ConsentState ToProto(domain::ConsentState state);
/// Unknown values read as kUnspecified.
[[nodiscard]] domain::ConsentState FromProto(pb::ConsentState state);

/// Unknown values read as kUnspecified.
[[nodiscard]] domain::Gender FromProto(pb::Gender gender);
[[nodiscard]] pb::Gender ToProto(domain::Gender gender);
/// Unknown values read as kUnspecified.
[[nodiscard]] domain::VisitType FromProto(pb::VisitType type);
[[nodiscard]] pb::VisitType ToProto(domain::VisitType type);

}  // namespace careloop::customers::adapters
