// The care report end to end through the adapters: events produced to the real topics of the dev
// broker (reminder, dispatch, customer), consumed by the care routes (adapters/care_events.cc)
// into the real Redis (adapters/redis_care_stats.cc), and the report read back — replays
// included. And the care calendar's store index read (RedisReminderCalendar) over reminders the
// real repository stored.
#include <gtest/gtest.h>

#include "careloop/customer/v1/events.pb.h"
#include "careloop/dispatch/v1/events.pb.h"
#include "careloop/reminder/v1/events.pb.h"
#include "common/base/ids.h"
#include "common/clock/clock.h"
#include "common/events/proto_event.h"
#include "common/kafka/cloud_event.h"
#include "common/kafka/consumer.h"
#include "common/kafka/producer.h"
#include "services/reminders/adapters/care_report_events.h"
#include "services/reminders/adapters/redis_care_stats.h"
#include "services/reminders/adapters/redis_reminder_repository.h"
#include "tests/integration/test_env.h"

namespace careloop::reminders {
namespace {

constexpr int kDb = 11;
namespace rpb = careloop::reminder::v1;
namespace dpb = careloop::dispatch::v1;
namespace cpb = careloop::customer::v1;

Instant At(std::string_view rfc3339) {
  return *ParseRfc3339(rfc3339);
}

const auth::Principal kAdmin{"admin", auth::Role::kAdmin, {}, true};

class CareReportFlowTest : public ::testing::Test {
 protected:
  CareReportFlowTest()
      : pool_(testing::FreshRedis(kDb)),
        store_(NewRandomId("S-care-")),
        stores_({{store_, "测试店", "测试店", "Asia/Shanghai", "010-85556666"}}),
        stats_(*pool_),
        calendar_(*pool_),
        app_(stats_, calendar_, stores_),
        producer_(testing::TestEnv::Get().Kafka(), "care-report-test") {
    adapters::RouteCareReport(routes_, app_);
  }

  void Produce(const char* topic, const google::protobuf::Message& payload, const std::string& event_id) {
    const auto event = events::MakeEvent(payload, "test", "cus-1", event_id, At("2027-01-05T01:00:00Z"));
    ASSERT_TRUE(producer_.ProduceAndWait(topic, event, Millis{10'000}).ok());
  }

  rpb::ReminderDue Due(const std::string& id, rpb::ReminderKind kind, const std::string& vehicle) {
    rpb::ReminderDue due;
    due.set_reminder_id(id);
    due.set_customer_id("cus-1");
    due.set_vehicle_id(vehicle);
    due.set_store_id(store_);
    due.set_kind(kind);
    due.set_occurrence(1);
    *due.mutable_fired_at() = events::ToTimestamp(At("2027-01-05T09:00:00+08:00"));
    return due;
  }

  std::unique_ptr<redis::Pool> pool_;
  std::string store_;
  config::StoreCatalog stores_;
  adapters::RedisCareStats stats_;
  adapters::RedisReminderCalendar calendar_;
  app::CareReportApp app_;
  events::Router routes_;
  kafka::Producer producer_;
};

TEST_F(CareReportFlowTest, EventsFromTheThreeTopicsMakeTheReportAndReplaysCountOnce) {
  const std::string first = NewRandomId("rem-");
  const std::string second = NewRandomId("rem-");
  const std::string greeting = NewRandomId("greet-");
  const std::string car = NewRandomId("veh-");
  // Fired: two maintenance reminders of the same car, one greeting of the customer; the first due
  // event is delivered twice (a producer retry) and once more under a new event id (a replay).
  Produce(kafka::kReminderTopic, Due(first, rpb::REMINDER_KIND_FIRST_MAINTENANCE, car), first + "-due");
  Produce(kafka::kReminderTopic, Due(first, rpb::REMINDER_KIND_FIRST_MAINTENANCE, car), first + "-due");
  Produce(kafka::kReminderTopic, Due(first, rpb::REMINDER_KIND_FIRST_MAINTENANCE, car), first + "-due-again");
  Produce(kafka::kReminderTopic, Due(second, rpb::REMINDER_KIND_FIRST_MAINTENANCE, NewRandomId("veh-")),
          second + "-due");
  Produce(kafka::kReminderTopic, Due(greeting, rpb::REMINDER_KIND_HOLIDAY_GREETING, ""), greeting + "-due");

  rpb::ReminderMissed missed;
  missed.set_reminder_id(NewRandomId("rem-"));
  missed.set_store_id(store_);
  missed.set_kind(rpb::REMINDER_KIND_INSURANCE_RENEWAL);
  *missed.mutable_occurred_at() = events::ToTimestamp(At("2027-01-20T09:00:00+08:00"));
  Produce(kafka::kReminderTopic, missed, missed.reminder_id() + "-missed");

  dpb::MessageSent sent;
  sent.set_message_id(NewRandomId("msg-"));
  sent.set_reminder_id(first);
  sent.set_channel(careloop::common::v1::CHANNEL_SMS);
  Produce(kafka::kDispatchTopic, sent, sent.message_id());
  Produce(kafka::kDispatchTopic, sent, sent.message_id() + "-replayed");
  dpb::MessageFailed retrying;
  retrying.set_message_id(NewRandomId("msg-"));
  retrying.set_reminder_id(second);
  retrying.set_channel(careloop::common::v1::CHANNEL_SMS);
  retrying.set_retryable(true);
  Produce(kafka::kDispatchTopic, retrying, retrying.message_id());
  dpb::MessageSuppressed suppressed;
  suppressed.set_message_id(NewRandomId("msg-"));
  suppressed.set_reminder_id(greeting);
  Produce(kafka::kDispatchTopic, suppressed, suppressed.message_id());

  // The car of the first reminder comes on day 30; a booking answers the second.
  cpb::ServiceVisitRecorded visit;
  visit.set_visit_id(NewRandomId("visit-"));
  visit.set_customer_id("cus-1");
  visit.set_vehicle_id(car);
  visit.set_store_id(store_);
  *visit.mutable_visit_date() = events::ToProto(Date{2027, 2, 4});
  Produce(kafka::kCustomerTopic, visit, visit.visit_id());
  rpb::AppointmentBooked booked;
  booked.set_appointment_id(NewRandomId("appt-"));
  booked.set_customer_id("cus-1");
  booked.set_store_id(store_);
  booked.set_answered_reminder_id(second);
  *booked.mutable_occurred_at() = events::ToTimestamp(At("2027-01-06T10:00:00+08:00"));
  Produce(kafka::kReminderTopic, booked, booked.appointment_id());

  kafka::Consumer consumer(testing::TestEnv::Get().Kafka(), NewRandomId("care-report-"),
                           {kafka::kReminderTopic, kafka::kDispatchTopic, kafka::kCustomerTopic}, routes_, producer_);
  consumer.Start();
  // Everything is in once the greeting's suppression, the visit and the booking are.
  const auto complete = [&] {
    const auto report = app_.Report(kAdmin, store_, "2027-01", {});
    if (!report.ok() || report.value().rows.size() < 4) {
      return false;
    }
    const auto& rows = report.value().rows;
    return rows[0].returned == 1 && rows[0].booked == 1 && rows[0].due == 2 && rows[2].missed == 1 &&
           rows[3].suppressed == 1;
  };
  const bool arrived = testing::Eventually(complete, std::chrono::seconds(20));
  std::string seen;
  for (const auto& row : app_.Report(kAdmin, store_, "2027-01", {}).value().rows) {
    seen += std::string(domain::KindName(row.kind)) + (row.channel.has_value() ? " (a channel)" : "") + " due " +
            std::to_string(row.due) + " sent " + std::to_string(row.sent) + " suppressed " +
            std::to_string(row.suppressed) + " missed " + std::to_string(row.missed) + " returned " +
            std::to_string(row.returned) + " booked " + std::to_string(row.booked) + "\n";
  }
  ASSERT_TRUE(arrived) << seen;
  consumer.Stop();

  const auto rows = app_.Report(kAdmin, store_, "2027-01", {}).value().rows;
  ASSERT_EQ(rows.size(), 4u);
  // First maintenance, all channels: two fired (the replays counted once), one sent, one back on day 30.
  EXPECT_EQ(rows[0].kind, domain::ReminderKind::kFirstMaintenance);
  EXPECT_FALSE(rows[0].channel.has_value());
  EXPECT_EQ(rows[0].due, 2);
  EXPECT_EQ(rows[0].sent, 1);
  EXPECT_EQ(rows[0].failed, 0);  // a retryable failure is not the outcome
  EXPECT_DOUBLE_EQ(*rows[0].return_rate, 0.5);
  EXPECT_DOUBLE_EQ(*rows[0].appointment_rate, 0.5);
  // … and on SMS: the one sent.
  EXPECT_EQ(rows[1].channel, domain::CareChannel::kSms);
  EXPECT_EQ(rows[1].due, 1);
  // The renewal reminder recorded missed: nothing fired, rates not applicable.
  EXPECT_EQ(rows[2].kind, domain::ReminderKind::kInsuranceRenewal);
  EXPECT_EQ(rows[2].due, 0);
  EXPECT_EQ(rows[2].missed, 1);
  EXPECT_FALSE(rows[2].return_rate.has_value());
  EXPECT_FALSE(rows[2].appointment_rate.has_value());
  // The greeting (customer level): suppressed as a whole plan; the car's visit and the booking
  // are the customer's.
  EXPECT_EQ(rows[3].kind, domain::ReminderKind::kHolidayGreeting);
  EXPECT_FALSE(rows[3].channel.has_value());
  EXPECT_EQ(rows[3].suppressed, 1);
  EXPECT_EQ(rows[3].returned, 1);
  EXPECT_EQ(rows[3].booked, 1);

  EXPECT_TRUE(app_.Report(kAdmin, store_, "2027-02", {}).value().rows.empty());
}

TEST_F(CareReportFlowTest, TheCalendarReadsTheStoresRemindersDueOnTheLocalDaysAsked) {
  clock::ManualClock clock(At("2027-01-01T09:00:00+08:00"));
  adapters::RedisReminderRepository repository(*pool_, clock);
  const auto reminder = [&](const std::string& id, std::string_view due_at) {
    domain::Reminder r;
    r.reminder_id = id;
    r.customer_id = "cus-1";
    r.store_id = store_;
    r.kind = domain::ReminderKind::kBirthday;
    r.due_at = At(due_at);
    r.service_due_date = Date{2027, 1, 20};
    return r;
  };
  ASSERT_TRUE(repository.Schedule(reminder("on-first-day", "2027-01-05T00:00:00+08:00")));
  ASSERT_TRUE(repository.Schedule(reminder("on-last-day", "2027-01-18T23:59:00+08:00")));
  ASSERT_TRUE(repository.Schedule(reminder("day-before", "2027-01-04T23:59:00+08:00")));
  ASSERT_TRUE(repository.Schedule(reminder("day-after", "2027-01-19T00:00:00+08:00")));

  const auto found = app_.Upcoming(kAdmin, store_, Date{2027, 1, 5}, Date{2027, 1, 18}, 100);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found.value().size(), 2u);
  EXPECT_EQ(found.value()[0].reminder_id, "on-first-day");
  EXPECT_EQ(found.value()[1].reminder_id, "on-last-day");
  EXPECT_EQ(found.value()[1].kind, domain::ReminderKind::kBirthday);
}

}  // namespace
}  // namespace careloop::reminders
