#include "tools/careloopctl/customer_views.h"

#include <cstdio>

#include "services/customers/adapters/enum_tables.h"
#include "services/customers/domain/customer.h"
#include "tools/careloopctl/endpoints.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {

namespace cv1 = careloop::customer::v1;

std::unique_ptr<cv1::CustomersService::Stub> CustomersStub(Session& session) {
  return cv1::CustomersService::NewStub(session.Channel(kCustomersAddr));
}

common::v1::Date DateFlag(const std::string& text) {
  auto date = ParseDateFlag(text);
  if (!date) {
    throw UsageError("not a date: " + text);  // DateValidator normally catches this first
  }
  return *date;
}

common::v1::DateRange RangeFlag(const std::string& text) {
  common::v1::DateRange range;
  const auto dots = text.find("..");
  if (dots == std::string::npos) {
    throw UsageError("a date range is FROM..TO (either side may be empty), got: " + text);
  }
  if (dots > 0) {
    *range.mutable_start_date() = DateFlag(text.substr(0, dots));
  }
  if (dots + 2 < text.size()) {
    *range.mutable_end_date() = DateFlag(text.substr(dots + 2));
  }
  return range;
}

CLI::Validator YuanValidator() {
  return CLI::Validator(
      [](std::string& text) {
        return ParseYuanToFen(text) ? std::string() : "not an amount in yuan with at most 2 decimals: " + text;
      },
      "YUAN");
}

std::string OrDash(const std::string& text) {
  return text.empty() ? "-" : text;
}

std::string Yuan(int64_t fen) {
  char amount[48];
  std::snprintf(amount, sizeof amount, "%lld.%02lld yuan", static_cast<long long>(fen / 100),
                static_cast<long long>(fen % 100));
  return amount;
}

std::string AddressText(const common::v1::Address& address) {
  customers::domain::Address parts;
  parts.province = address.region().province();
  parts.city = address.region().city();
  parts.district = address.region().district();
  parts.street = address.street();
  return OrDash(customers::domain::FormatAddress(parts));
}

std::string VehicleStatusWord(cv1::VehicleStatus status) {
  // Unspecified reads as active (customer.proto).
  return status == cv1::VEHICLE_STATUS_UNSPECIFIED ? "active"
                                                   : ShortEnumName(cv1::VehicleStatus_Name(status), "VEHICLE_STATUS_");
}

std::string SegmentText(const cv1::Customer& customer) {
  if (customer.value_tier() == cv1::VALUE_TIER_UNSPECIFIED) {
    return "-";
  }
  std::string out = ShortEnumName(cv1::ValueTier_Name(customer.value_tier()), "VALUE_TIER_");
  std::string criteria;
  for (int criterion : customer.value_criteria()) {
    criteria += (criteria.empty() ? "" : ", ") + ShortEnumName(cv1::ValueCriterion_Name(criterion), "VALUE_CRITERION_");
  }
  return criteria.empty() ? out : out + " (" + criteria + ")";
}

std::string CustomerFields(const cv1::Customer& customer) {
  return RenderFields({
      {"id", customer.customer_id()},
      {"store", customer.store_id()},
      {"name", customer.name()},
      {"mobile", customer.mobile()},  // in full: staff call the customer
      {"gender", ShortEnumName(cv1::Gender_Name(customer.gender()), "GENDER_")},
      {"birthday", FormatDate(customer.birthday()) + (customer.birthday_is_lunar() ? " (lunar)" : "")},
      {"home phone", OrDash(customer.home_phone())},
      {"office phone", OrDash(customer.office_phone())},
      {"address", AddressText(customer.address())},
      {"national id", OrDash(customer.national_id())},  // masked by the server except for admins
      {"occupation", OrDash(customer.occupation())},
      {"value tier", SegmentText(customer)},
      {"churn stage", customer.churn_stage() == cv1::CHURN_STAGE_UNSPECIFIED
                          ? "-"
                          : ShortEnumName(cv1::ChurnStage_Name(customer.churn_stage()), "CHURN_STAGE_")},
      {"lifecycle", customer.lifecycle_stage() == cv1::LIFECYCLE_STAGE_UNSPECIFIED
                        ? "-"
                        : ShortEnumName(cv1::LifecycleStage_Name(customer.lifecycle_stage()), "LIFECYCLE_STAGE_")},
      {"last visit", FormatDate(customer.last_visit_date())},
      {"flags",
       std::string(customer.opinion_leader() ? "opinion-leader " : "") + (customer.fleet_customer() ? "fleet" : "")},
      {"created", FormatLocal(customer.created_at(), customer.has_created_at())},
  });
}

std::string VehiclesTable(const google::protobuf::RepeatedPtrField<cv1::Vehicle>& vehicles) {
  Table table({"VEHICLE", "VIN", "PLATE", "MODEL", "SERIES", "DELIVERED", "ODOMETER", "ADVISOR", "STATUS"});
  for (const auto& v : vehicles) {
    table.AddRow({v.vehicle_id(), v.vin(), OrDash(v.plate()), OrDash(v.model()), OrDash(v.series()),
                  FormatDate(v.delivery_date()), std::to_string(v.odometer_km()) + " km", OrDash(v.assigned_advisor()),
                  VehicleStatusWord(v.status())});
  }
  return table.Render();
}

std::string VehicleTable(const cv1::Vehicle& vehicle) {
  google::protobuf::RepeatedPtrField<cv1::Vehicle> one;
  *one.Add() = vehicle;
  return VehiclesTable(one);
}

}  // namespace careloop::ctl
