// The payloads of careloop.customer.v1 as subscribers receive them, built from the domain by the
// pure mappings in services/customers/adapters/customer_events.h.
#include <gtest/gtest.h>

#include "services/customers/adapters/customer_events.h"

namespace careloop::customers::adapters {
namespace {

namespace pb = careloop::customer::v1;

domain::Customer Owner() {
  domain::Customer customer;
  customer.customer_id = "cus-1";
  customer.store_id = "S001";
  customer.name = "王小明";
  customer.mobile = "13912345678";
  customer.revision = 4;
  customer.created_at = *ParseRfc3339("2026-11-01T02:00:00Z");
  return customer;
}

TEST(CustomerEvents, VehicleDeliveredNamesTheCarButNotThePerson) {
  domain::Vehicle car;
  car.vehicle_id = "veh-1";
  car.vin = "LSVAM4186R2184847";
  car.plate = "京A12345";
  car.model = "星途瑶光";
  car.delivery_date = {2026, 9, 1};
  car.odometer_km = 12;
  const Instant at = *ParseRfc3339("2026-11-02T02:00:00Z");
  const pb::VehicleDelivered event = VehicleDeliveredEvent(Owner(), car, at);
  EXPECT_EQ(event.customer_id(), "cus-1");
  EXPECT_EQ(event.store_id(), "S001");
  EXPECT_EQ(event.vehicle_id(), "veh-1");
  EXPECT_EQ(event.vin(), "LSVAM4186R2184847");
  EXPECT_EQ(event.plate(), "京A12345");
  EXPECT_EQ(event.delivery_date().year(), 2026);
  EXPECT_EQ(event.delivery_date().month(), 9);
  EXPECT_EQ(event.odometer_km(), 12);
  EXPECT_EQ(event.occurred_at().seconds(), at.time_since_epoch().count() / 1000);
  const std::string bytes = event.SerializeAsString();
  EXPECT_EQ(bytes.find("13912345678"), std::string::npos);
  EXPECT_EQ(bytes.find("王小明"), std::string::npos);
}

TEST(CustomerEvents, ChangedContactFieldsAreNamedApartAndNeverCarryTheirValues) {
  const auto events = RecordChangedEvents(Owner(), {"mobile", "occupation", "address", "churn_reason"},
                                          *ParseRfc3339("2026-11-02T02:00:00Z"));
  ASSERT_TRUE(events.contact.has_value());
  ASSERT_EQ(events.contact->changed_fields_size(), 2);
  EXPECT_EQ(events.contact->changed_fields(0), pb::CONTACT_FIELD_MOBILE);
  EXPECT_EQ(events.contact->changed_fields(1), pb::CONTACT_FIELD_ADDRESS);
  ASSERT_TRUE(events.updated.has_value());
  EXPECT_EQ(std::vector<std::string>(events.updated->changed_fields().begin(), events.updated->changed_fields().end()),
            (std::vector<std::string>{"occupation", "churn_reason"}));
  EXPECT_EQ(events.updated->revision(), 4);
  EXPECT_EQ(events.contact->SerializeAsString().find("13912345678"), std::string::npos);

  const auto only_flags = RecordChangedEvents(Owner(), {"opinion_leader"}, Instant{});
  EXPECT_FALSE(only_flags.contact.has_value());
  EXPECT_TRUE(only_flags.updated.has_value());
  EXPECT_FALSE(RecordChangedEvents(Owner(), {}, Instant{}).updated.has_value());
}

TEST(CustomerEvents, SegmentChangeCarriesBothSidesOrOnlyTheNewOnTheFirstClassification) {
  domain::Classification before;
  before.churn = domain::ChurnStage::kActive;
  domain::Classification after;
  after.churn = domain::ChurnStage::kAtRisk;
  after.value_criteria = {domain::ValueCriterion::kFrequentVisitor};
  domain::Customer customer = Owner();
  customer.last_visit_date = {2026, 5, 1};
  const auto moved = SegmentChangedEvent(customer, before, after, Instant{});
  EXPECT_EQ(moved.old_value_tier(), pb::VALUE_TIER_STANDARD);
  EXPECT_EQ(moved.new_value_tier(), pb::VALUE_TIER_HIGH);
  EXPECT_EQ(moved.old_churn_stage(), pb::CHURN_STAGE_ACTIVE);
  EXPECT_EQ(moved.new_churn_stage(), pb::CHURN_STAGE_AT_RISK);
  ASSERT_EQ(moved.new_value_criteria_size(), 1);
  EXPECT_EQ(moved.new_value_criteria(0), pb::VALUE_CRITERION_FREQUENT_VISITS);
  EXPECT_EQ(moved.last_visit_date().month(), 5);

  const auto first = SegmentChangedEvent(Owner(), std::nullopt, after, Instant{});
  EXPECT_EQ(first.old_churn_stage(), pb::CHURN_STAGE_UNSPECIFIED);
  EXPECT_EQ(first.old_value_tier(), pb::VALUE_TIER_UNSPECIFIED);
  EXPECT_FALSE(first.has_last_visit_date());
}

TEST(CustomerEvents, ConsentChangeCarriesTheNewStateItsSourceAndThePrevious) {
  domain::Customer customer = Owner();
  const Instant at = *ParseRfc3339("2026-11-03T02:00:00Z");
  customer.consents = {{domain::Channel::kWeChat, domain::ConsentState::kGranted, at, "paper-form"},
                       {domain::Channel::kSms, domain::ConsentState::kDenied, at, "reply:sms"}};
  const auto changed = ConsentChangedEvent(customer, domain::Channel::kSms, domain::ConsentState::kGranted);
  EXPECT_EQ(changed.channel(), careloop::common::v1::CHANNEL_SMS);
  EXPECT_EQ(changed.state(), pb::CONSENT_STATE_DENIED);
  EXPECT_EQ(changed.previous_state(), pb::CONSENT_STATE_GRANTED);
  EXPECT_EQ(changed.source(), "reply:sms");
  EXPECT_EQ(changed.occurred_at().seconds(), at.time_since_epoch().count() / 1000);
}

}  // namespace
}  // namespace careloop::customers::adapters
