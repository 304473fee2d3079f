#include "services/customers/adapters/grpc_requests.h"

#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/log/log.h"
#include "services/customers/adapters/enum_tables.h"
#include "services/customers/adapters/grpc_requests.h"
#include "services/customers/adapters/national_id_cipher.h"
#include "services/customers/adapters/proto_mapping.h"
#include "services/customers/domain/validation.h"

namespace careloop::customers::adapters {

using careloop::events::FromProto;

namespace {

// Assigns a selection to `out`, or answers its error.
template <class Table, class Values, class Out>
Status ReadSelection(const Table& table, const Values& values, const std::string& field, Out& out) {
  auto selection = SelectionFrom(table, values, field);
  if (!selection.ok()) {
    return selection.error();
  }
  out = std::move(selection).value();
  return Ok{};
}

}  // namespace

// The record as `caller` may see it: the national ID in full for admins only.
pb::Customer ForCaller(const auth::Principal& caller, const domain::Customer& customer) {
  pb::Customer out = ToProto(customer);
  if (caller.role != auth::Role::kAdmin && !out.national_id().empty()) {
    out.set_national_id(MaskNationalId(out.national_id()));
  }
  return out;
}

Date DateOr(const careloop::common::v1::Date& date, bool has) {
  return has ? FromProto(date) : Date{};
}

domain::DateRange RangeOf(const careloop::common::v1::DateRange& range) {
  return domain::DateRange{DateOr(range.start_date(), range.has_start_date()),
                           DateOr(range.end_date(), range.has_end_date())};
}

Result<domain::CustomerFilter> FilterFrom(const pb::CustomerFilter& in) {
  domain::CustomerFilter out;
  out.store_ids.assign(in.store_ids().begin(), in.store_ids().end());
  out.province = in.region().province();
  out.city = in.region().city();
  out.district = in.region().district();
  out.models.assign(in.models().begin(), in.models().end());
  out.series.assign(in.series().begin(), in.series().end());
  if (Status read = ReadSelection(kValueTiers, in.value_tiers(), "filter.value_tiers", out.value_tiers); !read.ok()) {
    return read.error();
  }
  if (Status read = ReadSelection(kValueCriteria, in.value_criteria(), "filter.value_criteria", out.value_criteria);
      !read.ok()) {
    return read.error();
  }
  if (Status read = ReadSelection(kChurnStages, in.churn_stages(), "filter.churn_stages", out.churn_stages);
      !read.ok()) {
    return read.error();
  }
  if (Status read =
          ReadSelection(kLifecycleStages, in.lifecycle_stages(), "filter.lifecycle_stages", out.lifecycle_stages);
      !read.ok()) {
    return read.error();
  }
  if (Status read =
          ReadSelection(kPurchasePurposes, in.purchase_purposes(), "filter.purchase_purposes", out.purchase_purposes);
      !read.ok()) {
    return read.error();
  }
  for (const auto& consent : in.consents()) {
    auto channel = FromClient(kChannels, consent.channel(), "filter.consents.channel");
    if (!channel.ok()) {
      return channel.error();
    }
    auto state = FromClient(kConsentStates, consent.state(), "filter.consents.state");
    if (!state.ok()) {
      return state.error();
    }
    out.consents.emplace_back(channel.value(), state.value());
  }
  out.last_visit = RangeOf(in.last_visit());
  out.delivery = RangeOf(in.delivery());
  out.birthday_month = in.birthday_month();
  out.assigned_advisor = in.assigned_advisor();
  out.min_vehicle_age_months = in.min_vehicle_age_months();
  out.max_vehicle_age_months = in.max_vehicle_age_months();
  if (in.has_opinion_leader()) {
    out.opinion_leader = in.opinion_leader();
  }
  if (in.has_fleet_customer()) {
    out.fleet_customer = in.fleet_customer();
  }
  return out;
}

// The descriptive fields a client sent (`prefix` names the message in errors, e.g. "details.").
Result<domain::Profile> ProfileFrom(const pb::Customer& in, const std::string& prefix) {
  auto purpose = FromClient(kPurchasePurposes, in.purchase_purpose(), prefix + "purchase_purpose");
  if (!purpose.ok()) {
    return purpose.error();
  }
  return ProfileOf(in);
}

// The fields of a record a client may change (UpdateCustomer); the enums are checked, the rest
// is read as stored records are.
Result<domain::Customer> UpdateValuesFrom(const pb::Customer& in) {
  auto gender = FromClient(kGenders, in.gender(), "customer.gender");
  if (!gender.ok()) {
    return gender.error();
  }
  auto reason = FromClient(kChurnReasons, in.churn_reason(), "customer.churn_reason");
  if (!reason.ok()) {
    return reason.error();
  }
  auto profile = ProfileFrom(in, "customer.");
  if (!profile.ok()) {
    return profile.error();
  }
  domain::Customer out = adapters::FromProto(in);
  out.gender = gender.value();
  out.churn_reason = reason.value();
  out.profile = std::move(profile).value();
  return out;
}

pb::TimelineEntry ToProto(const domain::TimelineEntry& entry, const std::string& customer_id) {
  pb::TimelineEntry out;
  out.set_kind(adapters::ToProto(entry.kind));
  *out.mutable_occurred_at() = events::ToTimestamp(entry.at);
  *out.mutable_date() = events::ToProto(entry.date);
  out.set_summary(entry.summary);
  out.set_vehicle_id(entry.vehicle_id);
  std::visit(
      [&](const auto& detail) {
        using T = std::decay_t<decltype(detail)>;
        if constexpr (std::is_same_v<T, domain::Vehicle>) {
          *out.mutable_vehicle() = adapters::ToProto(detail);
        } else if constexpr (std::is_same_v<T, domain::ServiceVisit>) {
          *out.mutable_visit() = adapters::ToProto(detail);
        } else if constexpr (std::is_same_v<T, domain::InsurancePolicy>) {
          *out.mutable_insurance_policy() = adapters::ToProto(customer_id, detail);
        } else if constexpr (std::is_same_v<T, domain::Inspection>) {
          *out.mutable_inspection() = adapters::ToProto(customer_id, detail);
        } else if constexpr (std::is_same_v<T, domain::Referral>) {
          *out.mutable_referral() = adapters::ToProto(customer_id, detail);
        } else if constexpr (std::is_same_v<T, domain::Purchase>) {
          *out.mutable_purchase() = adapters::ToProto(customer_id, detail);
        } else if constexpr (std::is_same_v<T, domain::PrepaidPackage>) {
          *out.mutable_prepaid_package() = adapters::ToProto(customer_id, detail);
        } else if constexpr (std::is_same_v<T, domain::Complaint>) {
          *out.mutable_complaint() = adapters::ToProto(customer_id, detail);
        } else if constexpr (std::is_same_v<T, domain::ChannelConsent>) {
          *out.mutable_consent() = adapters::ToProto(detail);
        } else if constexpr (std::is_same_v<T, domain::OdometerReading>) {
          *out.mutable_odometer_reading() = adapters::ToProto(detail);
        } else if constexpr (std::is_same_v<T, domain::ContactEntry>) {
          auto* contact = out.mutable_contact();
          contact->set_channel(adapters::ToProto(detail.channel));
          contact->set_message_id(detail.message_id);
          contact->set_inbound(detail.inbound);
          contact->set_summary(detail.summary);
        }
      },
      entry.detail);
  return out;
}

}  // namespace careloop::customers::adapters
