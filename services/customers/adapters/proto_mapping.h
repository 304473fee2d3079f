#pragma once

#include <optional>

#include "careloop/customer/v1/customer.pb.h"
#include "careloop/customer/v1/events.pb.h"
#include "services/customers/domain/customer.h"
#include "services/customers/domain/history.h"

namespace careloop::customers::adapters {

namespace pb = careloop::customer::v1;

/// Domain ⇄ protobuf. The stored record and the API use the same messages.
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

/// The classification fields of a Customer record; nullopt when none is stored yet.
void SetClassification(pb::Customer& out, const domain::Classification& classification);
[[nodiscard]] std::optional<domain::Classification> ClassificationOf(const pb::Customer& record);
[[nodiscard]] pb::ChurnStage ToProto(domain::ChurnStage stage);
[[nodiscard]] pb::LifecycleStage ToProto(domain::LifecycleStage stage);
[[nodiscard]] pb::ValueCriterion ToProto(domain::ValueCriterion criterion);

[[nodiscard]] careloop::common::v1::Channel ToProto(domain::Channel channel);
/// nullopt for CHANNEL_UNSPECIFIED and channels without consent (face to face).
[[nodiscard]] std::optional<domain::Channel> ChannelFromProto(careloop::common::v1::Channel channel);
[[nodiscard]] pb::ConsentState ToProto(domain::ConsentState state);
[[nodiscard]] domain::ConsentState FromProto(pb::ConsentState state);

[[nodiscard]] domain::Gender FromProto(pb::Gender gender);
[[nodiscard]] pb::Gender ToProto(domain::Gender gender);
[[nodiscard]] domain::VisitType FromProto(pb::VisitType type);
[[nodiscard]] pb::VisitType ToProto(domain::VisitType type);

}  // namespace careloop::customers::adapters
