// The customers service shows delivery receipts (dispatch's MessageDelivered) in the timeline.
#include <gtest/gtest.h>

#include "careloop/dispatch/v1/events.pb.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "common/events/proto_event.h"
#include "services/customers/adapters/dispatch_events.h"
#include "services/customers/app/customers_app.h"
#include "tests/fakes/customers_fakes.h"

namespace careloop::customers::app {
namespace {

class CustomersDeliveryTest : public ::testing::Test {
 protected:
  CustomersDeliveryTest()
      : clock_(*ParseRfc3339("2026-12-01T10:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}}),
        app_(store_.ports(), clock_, stores_) {
    store_.records.now = clock_.Now();
  }

  std::string Customer() {
    auto customer = app_.CreateCustomer(auth::Principal{"sa", auth::Role::kAdvisor, {"S001"}, false},
                                        {"S001", "王小明", "13912345678"}, "");
    EXPECT_TRUE(customer.ok());
    return customer.ok() ? customer->customer_id : "";
  }

  kafka::CloudEvent Receipt(const std::string& customer_id, careloop::dispatch::v1::DeliveryState state,
                            const std::string& event_id) {
    careloop::dispatch::v1::MessageDelivered receipt;
    receipt.set_message_id("msg-1");
    receipt.set_customer_id(customer_id);
    receipt.set_store_id("S001");
    receipt.set_channel(careloop::common::v1::CHANNEL_SMS);
    receipt.set_provider("aliyun");
    receipt.set_state(state);
    receipt.set_status_code(state == careloop::dispatch::v1::DELIVERY_STATE_DELIVERED ? "DELIVERED" : "MK:0001");
    *receipt.mutable_delivered_at() = events::ToTimestamp(clock_.Now());
    *receipt.mutable_occurred_at() = events::ToTimestamp(clock_.Now());
    return events::MakeEvent(receipt, "/careloop/dispatch", customer_id, event_id, clock_.Now());
  }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  testing::FakeCustomerStore store_;
  CustomersApp app_;
};

TEST_F(CustomersDeliveryTest, ADeliveredReceiptShowsInTheTimelineOnceEvenWhenReplayed) {
  const std::string id = Customer();
  const adapters::DispatchEventHandler handler(app_);
  EXPECT_EQ(handler(Receipt(id, careloop::dispatch::v1::DELIVERY_STATE_DELIVERED, "evt-1")).outcome,
            kafka::HandlerResult::Outcome::kDone);
  EXPECT_EQ(handler(Receipt(id, careloop::dispatch::v1::DELIVERY_STATE_DELIVERED, "evt-1")).outcome,
            kafka::HandlerResult::Outcome::kDone);
  const auto contacts = store_.contacts.Contacts(id);
  ASSERT_EQ(contacts.size(), 1u);
  EXPECT_EQ(contacts[0].message_id, "msg-1");
  EXPECT_EQ(contacts[0].summary, "message delivered (DELIVERED)");
  EXPECT_EQ(contacts[0].at, clock_.Now());
}

TEST_F(CustomersDeliveryTest, AnUndeliveredReceiptIsLeftToItsMessageFailed) {
  const std::string id = Customer();
  const adapters::DispatchEventHandler handler(app_);
  EXPECT_EQ(handler(Receipt(id, careloop::dispatch::v1::DELIVERY_STATE_UNDELIVERED, "evt-2")).outcome,
            kafka::HandlerResult::Outcome::kDone);
  EXPECT_TRUE(store_.contacts.Contacts(id).empty());
}

}  // namespace
}  // namespace careloop::customers::app
