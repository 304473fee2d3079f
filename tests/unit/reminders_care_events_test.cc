// The care routes of the reminders service (services/reminders/adapters/care_events.h) over the
// fakes of the care ports: which customer and reminder events reach which use case, and how an
// incomplete event or an unreachable customers service is answered (Poison / Retry).
#include <gtest/gtest.h>

#include "careloop/customer/v1/events.pb.h"
#include "careloop/reminder/v1/events.pb.h"
#include "common/config/stores.h"
#include "common/events/proto_event.h"
#include "services/reminders/adapters/care_events.h"
#include "tests/fakes/reminders_care_fakes.h"
#include "tests/fakes/reminders_rule_fakes.h"

namespace careloop::reminders::adapters {
namespace {

namespace customer_pb = careloop::customer::v1;
namespace reminder_pb = careloop::reminder::v1;
using Outcome = kafka::HandlerResult::Outcome;

kafka::CloudEvent Event(const google::protobuf::Message& payload, const std::string& id) {
  return events::MakeEvent(payload, "/careloop/test", "cus-1", id, Instant{});
}

class CareEventsTest : public ::testing::Test {
 protected:
  CareEventsTest()
      : clock_(*ParseRfc3339("2027-01-01T09:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}}),
        appointments_(appointment_store_, reminders_, customers_, rules_, clock_, stores_),
        greetings_(reminders_, customers_, rules_, clock_, stores_),
        win_back_(reminders_, customers_, rules_, clock_, stores_) {
    app::CustomerProfile her;
    her.customer_id = "cus-1";
    her.store_id = "S001";
    her.birthday = domain::Birthday{{1985, 6, 7}, false, false};
    her.vehicles = {{"veh-1", "cus-1", "sa-7", "Passat", {2025, 3, 1}, {}, false}};
    customers_.profiles["cus-1"] = her;
    RouteAppointments(router_, appointments_);
    RouteGreetings(router_, greetings_);
    RouteWinBack(router_, win_back_);
  }

  size_t Scheduled(domain::ReminderKind kind) { return reminders_.Scheduled("cus-1", kind).size(); }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  careloop::testing::FakeCareReminders reminders_;
  careloop::testing::FakeAppointments appointment_store_{reminders_};
  careloop::testing::FakeCustomerProfiles customers_;
  careloop::testing::FakeRuleBook rules_;  // no rules stored: every kind's built-in default
  app::AppointmentsApp appointments_;
  app::GreetingsApp greetings_;
  app::WinBackApp win_back_;
  events::Router router_;
};

TEST_F(CareEventsTest, OnlyABirthdayChangeRereadsTheRecord) {
  customer_pb::ContactDetailsChanged mobile;
  mobile.set_customer_id("cus-1");
  mobile.add_changed_fields(customer_pb::CONTACT_FIELD_MOBILE);
  EXPECT_EQ(router_(Event(mobile, "evt-1")).outcome, Outcome::kDone);
  EXPECT_EQ(customers_.reads, 0);
  customer_pb::ContactDetailsChanged birthday = mobile;
  birthday.add_changed_fields(customer_pb::CONTACT_FIELD_BIRTHDAY);
  EXPECT_EQ(router_(Event(birthday, "evt-2")).outcome, Outcome::kDone);
  EXPECT_EQ(Scheduled(domain::ReminderKind::kBirthday), 1u);
}

TEST_F(CareEventsTest, AFiredGreetingPlansTheNextOneAndOtherKindsAreSkipped) {
  customer_pb::CustomerCreated created;
  created.set_customer_id("cus-1");
  created.set_store_id("S001");
  ASSERT_EQ(router_(Event(created, "evt-1")).outcome, Outcome::kDone);
  const auto first = reminders_.Scheduled("cus-1", domain::ReminderKind::kBirthday).at(0);
  clock_.Set(first.due_at);
  reminders_.MarkDue(first.reminder_id);
  reminder_pb::ReminderDue due;
  due.set_reminder_id(first.reminder_id);
  due.set_customer_id("cus-1");
  due.set_kind(reminder_pb::REMINDER_KIND_BIRTHDAY);
  EXPECT_EQ(router_(Event(due, "evt-2")).outcome, Outcome::kDone);
  const auto next = reminders_.Scheduled("cus-1", domain::ReminderKind::kBirthday);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].service_due_date, (Date{2028, 6, 7}));
  const int reads = customers_.reads;
  due.set_kind(reminder_pb::REMINDER_KIND_REGULAR_MAINTENANCE);
  EXPECT_EQ(router_(Event(due, "evt-3")).outcome, Outcome::kDone);
  EXPECT_EQ(customers_.reads, reads);
}

TEST_F(CareEventsTest, AWorseStagePlansWinBackAndAVisitEndsIt) {
  customer_pb::CustomerSegmentChanged changed;
  changed.set_customer_id("cus-1");
  changed.set_store_id("S001");
  changed.set_old_churn_stage(customer_pb::CHURN_STAGE_ACTIVE);
  changed.set_new_churn_stage(customer_pb::CHURN_STAGE_AT_RISK);
  *changed.mutable_last_visit_date() = events::ToProto(Date{2026, 6, 20});
  EXPECT_EQ(router_(Event(changed, "evt-1")).outcome, Outcome::kDone);
  EXPECT_EQ(Scheduled(domain::ReminderKind::kWinBack), 1u);
  customer_pb::ServiceVisitRecorded visit;
  visit.set_customer_id("cus-1");
  visit.set_store_id("S001");
  visit.set_vehicle_id("veh-1");
  visit.set_visit_id("vis-1");
  *visit.mutable_visit_date() = events::ToProto(Date{2027, 1, 1});
  EXPECT_EQ(router_(Event(visit, "evt-2")).outcome, Outcome::kDone);
  EXPECT_EQ(Scheduled(domain::ReminderKind::kWinBack), 0u);
}

TEST_F(CareEventsTest, IncompleteEventsArePoisonAndAnUnreachableCustomersServiceIsRetried) {
  customer_pb::CustomerSegmentChanged nameless;
  nameless.set_new_churn_stage(customer_pb::CHURN_STAGE_LOST);
  EXPECT_EQ(router_(Event(nameless, "evt-1")).outcome, Outcome::kPoison);
  customer_pb::ServiceVisitRecorded undated;
  undated.set_customer_id("cus-1");
  undated.set_vehicle_id("veh-1");
  undated.set_visit_id("vis-1");
  EXPECT_EQ(router_(Event(undated, "evt-2")).outcome, Outcome::kPoison);
  customers_.unavailable = true;
  customer_pb::CustomerCreated created;
  created.set_customer_id("cus-1");
  EXPECT_EQ(router_(Event(created, "evt-3")).outcome, Outcome::kRetry);
}

}  // namespace
}  // namespace careloop::reminders::adapters
