// events::Router: typed handlers per event type, several per type (one per concern of a service).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "careloop/customer/v1/events.pb.h"
#include "common/events/proto_event.h"
#include "common/events/router.h"

namespace careloop::events {
namespace {

namespace customer_pb = careloop::customer::v1;

kafka::CloudEvent Delivered(const std::string& vehicle_id) {
  customer_pb::VehicleDelivered delivered;
  delivered.set_customer_id("cus-1");
  delivered.set_vehicle_id(vehicle_id);
  return MakeEvent(delivered, "/careloop/customers", "cus-1", "evt-" + vehicle_id, Instant{});
}

TEST(EventsRouter, EveryHandlerOfATypeRunsInTheOrderRegistered) {
  std::vector<std::string> ran;
  Router router;
  router
      .On<customer_pb::VehicleDelivered>([&](const customer_pb::VehicleDelivered& e) -> Status {
        ran.push_back("maintenance:" + e.vehicle_id());
        return Ok{};
      })
      .On<customer_pb::VehicleDelivered>([&](const customer_pb::VehicleDelivered& e) -> Status {
        ran.push_back("warranty:" + e.vehicle_id());
        return Ok{};
      });
  EXPECT_EQ(router(Delivered("veh-1")).outcome, kafka::HandlerResult::Outcome::kDone);
  EXPECT_EQ(ran, (std::vector<std::string>{"maintenance:veh-1", "warranty:veh-1"}));
}

TEST(EventsRouter, TheFirstFailingHandlerDecidesAndTheRestWaitForTheRetry) {
  std::vector<std::string> ran;
  Router router;
  router
      .On<customer_pb::VehicleDelivered>([&](const customer_pb::VehicleDelivered&) -> Status {
        ran.push_back("first");
        return Error{ErrorCode::kUnavailable, "redis", "down"};
      })
      .On<customer_pb::VehicleDelivered>([&](const customer_pb::VehicleDelivered&) -> Status {
        ran.push_back("second");
        return Ok{};
      });
  EXPECT_EQ(router(Delivered("veh-1")).outcome, kafka::HandlerResult::Outcome::kRetry);
  EXPECT_EQ(ran, std::vector<std::string>{"first"});
}

TEST(EventsRouter, AnUnregisteredTypeIsSkippedAndAnUndecodablePayloadIsPoison) {
  Router router;
  router.On<customer_pb::ServiceVisitRecorded>([](const customer_pb::ServiceVisitRecorded&) -> Status { return Ok{}; });
  EXPECT_EQ(router(Delivered("veh-1")).outcome, kafka::HandlerResult::Outcome::kDone);
  kafka::CloudEvent garbled = Delivered("veh-1");
  garbled.type = customer_pb::ServiceVisitRecorded::descriptor()->full_name();
  garbled.data = "\xff\xff\xff";
  EXPECT_EQ(router(garbled).outcome, kafka::HandlerResult::Outcome::kPoison);
}

}  // namespace
}  // namespace careloop::events
