// Appointments on the real Redis adapters (RedisAppointmentRepository, RedisCareReminders over
// RedisReminderRepository) against a real redis-server: booking once per request id, the
// confirmation scheduled once, fulfilment by a visit on the day, cancel restoring the
// maintenance reminder, the no-show sweep — each change with its event in the outbox.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/adapters/redis_appointment_repository.h"
#include "services/reminders/adapters/redis_care_reminders.h"
#include "services/reminders/adapters/redis_keys.h"
#include "services/reminders/adapters/redis_reminder_repository.h"
#include "services/reminders/app/appointments_app.h"
#include "tests/fakes/reminders_care_fakes.h"
#include "tests/fakes/reminders_rule_fakes.h"
#include "tests/integration/test_env.h"

namespace careloop {
namespace {

using reminders::domain::AppointmentStatus;
using reminders::domain::ReminderKind;
using reminders::domain::ReminderStatus;

constexpr int kDb = 16;

Instant At(std::string_view rfc3339) {
  return *ParseRfc3339(rfc3339);
}

class AppointmentsStoreTest : public ::testing::Test {
 protected:
  AppointmentsStoreTest()
      : pool_(testing::FreshRedis(kDb)),
        clock_(At("2027-01-01T09:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}}),
        repository_(*pool_, clock_),
        care_(repository_, *pool_, clock_),
        appointments_store_(*pool_, clock_),
        app_(appointments_store_, care_, customers_, rules_, clock_, stores_) {
    reminders::app::CustomerProfile her;
    her.customer_id = "cus-1";
    her.store_id = "S001";
    her.vehicles = {{"veh-1", "cus-1", "sa-7", "Passat", {2025, 3, 1}, {}, false}};
    customers_.profiles["cus-1"] = her;
  }

  reminders::domain::BookingRequest Booking(const std::string& request_id) {
    reminders::domain::BookingRequest request;
    request.customer_id = "cus-1";
    request.vehicle_id = "veh-1";
    request.store_id = "S001";
    request.scheduled_at = At("2027-01-05T10:00:00+08:00");
    request.duration_minutes = 60;
    request.visit_type = 3;
    request.request_id = request_id;
    return request;
  }

  reminders::domain::Reminder Maintenance() {
    reminders::domain::Reminder reminder;
    reminder.reminder_id = "rem-regular-1";
    reminder.customer_id = "cus-1";
    reminder.vehicle_id = "veh-1";
    reminder.store_id = "S001";
    reminder.kind = ReminderKind::kRegularMaintenance;
    reminder.service_due_date = {2027, 1, 10};
    reminder.due_at = At("2027-01-03T10:00:00+08:00");
    return reminder;
  }

  // How many events of each type the outbox holds.
  std::map<std::string, int> Outbox() {
    std::map<std::string, int> counts;
    redis::Reply entries = pool_->Acquire()->Run({"XRANGE", reminders::adapters::keys::kOutbox, "-", "+"});
    for (size_t i = 0; i < entries.Size(); ++i) {
      const redisReply* fields = entries.Element(i)->element[1];
      for (size_t f = 0; f + 1 < fields->elements; f += 2) {
        if (redis::ElementStr(fields->element[f]) == "type") {
          std::string type(redis::ElementStr(fields->element[f + 1]));
          ++counts[type.substr(type.rfind('.') + 1)];
        }
      }
    }
    return counts;
  }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  reminders::adapters::RedisReminderRepository repository_;
  reminders::adapters::RedisCareReminders care_;
  reminders::adapters::RedisAppointmentRepository appointments_store_;
  careloop::testing::FakeCustomerProfiles customers_;
  careloop::testing::FakeRuleBook rules_;  // the built-in defaults
  reminders::app::AppointmentsApp app_;
  auth::Principal staff_{"sa-7", auth::Role::kAdvisor, {"S001"}, false};
};

TEST_F(AppointmentsStoreTest, ABookingReplayedBooksOnceAndConfirmsOnce) {
  ASSERT_TRUE(repository_.Schedule(Maintenance()));
  auto first = app_.Book(staff_, Booking("req-1"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto again = app_.Book(staff_, Booking("req-1"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->appointment_id, first->appointment_id);
  const auto stored = appointments_store_.Find(first->appointment_id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->answered_reminder_id, "rem-regular-1");
  EXPECT_EQ(stored->visit_type, 3);
  EXPECT_EQ(stored->appointment_date, (Date{2027, 1, 5}));
  EXPECT_EQ(repository_.Find("rem-regular-1")->status, ReminderStatus::kCancelled);
  // The maintenance reminder leaves the timers and the vehicle's open set with its cancellation.
  EXPECT_EQ(pool_->Acquire()->Run({"ZSCORE", reminders::adapters::keys::kTimers, "rem-regular-1"}).IsNil(), true);
  EXPECT_EQ(pool_->Acquire()
                ->Run({"SISMEMBER", reminders::adapters::keys::PendingOfVehicle("veh-1"), "rem-regular-1"})
                .Integer(),
            0);
  EXPECT_EQ(Outbox(), (std::map<std::string, int>{{"AppointmentBooked", 1},
                                                  {"ReminderCancelled", 1},
                                                  {"ReminderScheduled", 3}}));  // maintenance, confirmation, day before
  // The confirmation fires at once, once.
  auto claimed = repository_.ClaimDue(clock_.Now(), Millis{30'000}, 10);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0],
            reminders::domain::AppointmentReminderId(first->appointment_id, ReminderKind::kAppointmentConfirmation));
}

TEST_F(AppointmentsStoreTest, AVisitOnTheDayFulfilsItOnce) {
  auto booked = app_.Book(staff_, Booking("req-2"));
  ASSERT_TRUE(booked.ok());
  clock_.Set(At("2027-01-05T11:30:00+08:00"));
  app_.OnVisitRecorded("veh-1", "vis-1", {2027, 1, 5});
  app_.OnVisitRecorded("veh-1", "vis-1", {2027, 1, 5});
  const auto fulfilled = appointments_store_.Find(booked->appointment_id);
  EXPECT_EQ(fulfilled->status, AppointmentStatus::kFulfilled);
  EXPECT_EQ(fulfilled->fulfilled_by_visit_id, "vis-1");
  EXPECT_EQ(Outbox()["AppointmentFulfilled"], 1);
  clock_.Set(At("2027-01-06T08:00:00+08:00"));
  EXPECT_EQ(app_.SweepNoShows(), 0);
  EXPECT_TRUE(appointments_store_.DayEndedBy(clock_.Now(), 10).empty());
}

TEST_F(AppointmentsStoreTest, CancelRestoresTheMaintenanceReminderStillAhead) {
  ASSERT_TRUE(repository_.Schedule(Maintenance()));
  auto booked = app_.Book(staff_, Booking("req-3"));
  ASSERT_TRUE(booked.ok());
  auto cancelled = app_.Cancel(staff_, booked->appointment_id, "customer travelling");
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(appointments_store_.Find(booked->appointment_id)->status, AppointmentStatus::kCancelled);
  EXPECT_EQ(appointments_store_.Find(booked->appointment_id)->cancel_reason, "customer travelling");
  const std::string day_before =
      reminders::domain::AppointmentReminderId(booked->appointment_id, ReminderKind::kAppointmentDayBefore);
  EXPECT_EQ(repository_.Find(day_before)->status, ReminderStatus::kCancelled);
  int open_maintenance = 0;
  for (const auto& reminder : repository_.ListByCustomer("cus-1")) {
    if (reminder.kind == ReminderKind::kRegularMaintenance && reminder.status == ReminderStatus::kScheduled) {
      ++open_maintenance;
      EXPECT_EQ(reminder.service_due_date, (Date{2027, 1, 10}));
      EXPECT_EQ(reminder.due_at, At("2027-01-03T10:00:00+08:00"));
    }
  }
  EXPECT_EQ(open_maintenance, 1);
  ASSERT_TRUE(app_.Cancel(staff_, booked->appointment_id, "customer travelling").ok());  // a replay
  EXPECT_EQ(Outbox()["AppointmentCancelled"], 1);
  auto listed = app_.List(staff_, {"", "S001", AppointmentStatus::kCancelled, std::nullopt, std::nullopt});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
}

TEST_F(AppointmentsStoreTest, ANoShowTheDayAfterGetsItsFollowUpOnce) {
  auto booked = app_.Book(staff_, Booking("req-4"));
  ASSERT_TRUE(booked.ok());
  clock_.Set(At("2027-01-05T23:00:00+08:00"));
  EXPECT_EQ(app_.SweepNoShows(), 0);
  clock_.Set(At("2027-01-06T00:05:00+08:00"));
  EXPECT_EQ(app_.SweepNoShows(), 1);
  EXPECT_EQ(app_.SweepNoShows(), 0);
  EXPECT_EQ(appointments_store_.Find(booked->appointment_id)->status, AppointmentStatus::kNoShow);
  const auto follow_up = repository_.Find(
      reminders::domain::AppointmentReminderId(booked->appointment_id, ReminderKind::kAppointmentNoShow));
  ASSERT_TRUE(follow_up.has_value());
  EXPECT_EQ(follow_up->channel_plan_id, "call_task");
  EXPECT_EQ(Outbox()["AppointmentNoShow"], 1);
}

}  // namespace
}  // namespace careloop
