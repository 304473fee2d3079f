// The batched firing path against the real Redis (RedisReminderRepository::FireMany/FindMany, as
// RemindersApp::FireDue uses them): a batch fires each scheduled reminder once with its
// ReminderDue, a reminder cancelled after the claim and an id whose record is gone only lose
// their lease, and firing the batch again (a lost lease, another instance) does nothing.
// Shares care_report_test's binary and Redis database.
#include <gtest/gtest.h>

#include "careloop/reminder/v1/events.pb.h"
#include "common/clock/clock.h"
#include "services/reminders/adapters/redis_keys.h"
#include "services/reminders/adapters/redis_reminder_repository.h"
#include "tests/integration/test_env.h"

namespace careloop::reminders {
namespace {

constexpr int kDb = 11;

domain::Reminder Timer(const std::string& id, const std::string& vehicle, Instant due_at) {
  domain::Reminder reminder;
  reminder.reminder_id = id;
  reminder.customer_id = "cus-1";
  reminder.vehicle_id = vehicle;
  reminder.store_id = "S001";
  reminder.kind = domain::ReminderKind::kRegularMaintenance;
  reminder.due_at = due_at;
  reminder.service_due_date = Date{2027, 2, 1};
  return reminder;
}

TEST(RemindersBatchFiring, FiresEachScheduledReminderOnceAndReleasesEveryLease) {
  auto pool = testing::FreshRedis(kDb);
  clock::ManualClock clock(*ParseRfc3339("2027-01-05T01:00:00Z"));
  adapters::RedisReminderRepository repository(*pool, clock);
  const Instant due = clock.Now() - Millis{1000};
  ASSERT_TRUE(repository.Schedule(Timer("fire-a", "veh-a", due)));
  ASSERT_TRUE(repository.Schedule(Timer("fire-b", "veh-b", due)));
  ASSERT_TRUE(repository.Schedule(Timer("cancel-c", "veh-c", due)));
  const auto outbox = [&] { return pool->Acquire()->Run({"XLEN", adapters::keys::kOutbox}).Integer(); };
  ASSERT_EQ(outbox(), 3);

  auto claimed = repository.ClaimDue(clock.Now(), Millis{30'000}, 10);
  ASSERT_EQ(claimed.size(), 3u);
  EXPECT_EQ(repository.FindMany(claimed).size(), 3u);
  ASSERT_EQ(repository.CancelOpen("veh-c", "sold", ""), 1);  // after the claim, before the fire
  claimed.push_back("gone-d");                               // a claimed id without a record
  pool->Acquire()->Run({"ZADD", adapters::keys::kLeases, "99999999999999", "gone-d"});

  const auto fired = repository.FireMany(claimed, clock.Now());
  EXPECT_EQ(fired, (std::vector<std::string>{"fire-a", "fire-b"}));
  EXPECT_EQ(repository.Find("fire-a")->status, domain::ReminderStatus::kDue);
  EXPECT_EQ(repository.Find("fire-a")->fired_at, clock.Now());
  EXPECT_EQ(repository.Find("cancel-c")->status, domain::ReminderStatus::kCancelled);
  EXPECT_EQ(outbox(), 3 + 1 + 2);  // scheduled ×3, cancelled, due ×2
  EXPECT_EQ(pool->Acquire()->Run({"ZCARD", adapters::keys::kLeases}).Integer(), 0);
  EXPECT_EQ(pool->Acquire()->Run({"ZCARD", adapters::keys::kTimers}).Integer(), 0);

  EXPECT_TRUE(repository.FireMany(claimed, clock.Now()).empty());  // fired already: nothing twice
  EXPECT_EQ(outbox(), 6);
  EXPECT_TRUE(repository.FireMany({}, clock.Now()).empty());
}

TEST(RemindersBatchFiring, ASurveyInvitationFiresWithItsSurveyInvitationDueInTheSameStep) {
  auto pool = testing::FreshRedis(kDb);
  clock::ManualClock clock(*ParseRfc3339("2027-01-05T01:00:00Z"));
  adapters::RedisReminderRepository repository(*pool, clock);
  domain::Reminder invitation = Timer("invite-visit", "veh-a", clock.Now() - Millis{1000});
  invitation.kind = domain::ReminderKind::kSurveyInvitation;
  invitation.visit_id = "vis-1";
  invitation.advisor = "李顾问";
  invitation.anchor_date = {2027, 1, 2};  // the visit's day
  ASSERT_TRUE(repository.Schedule(invitation));
  const auto claimed = repository.ClaimDue(clock.Now(), Millis{30'000}, 10);
  ASSERT_EQ(repository.FireMany(claimed, clock.Now()), (std::vector<std::string>{"invite-visit"}));
  EXPECT_EQ(repository.Find("invite-visit")->advisor, "李顾问");  // kept on the record

  // The outbox holds, after the scheduling, the ReminderDue and the SurveyInvitationDue.
  const auto entries = pool->Acquire()->Run({"XRANGE", adapters::keys::kOutbox, "-", "+"});
  ASSERT_EQ(entries.Size(), 3u);
  std::vector<std::string> types;
  careloop::reminder::v1::SurveyInvitationDue due;
  for (size_t i = 0; i < entries.Size(); ++i) {
    const redisReply* fields = entries.Element(i)->element[1];
    std::string type;
    std::string data;
    for (size_t f = 0; f + 1 < fields->elements; f += 2) {
      const std::string_view name = redis::ElementStr(fields->element[f]);
      if (name == "type") {
        type = redis::ElementStr(fields->element[f + 1]);
      } else if (name == "data") {
        data = redis::ElementStr(fields->element[f + 1]);
      }
    }
    types.push_back(type);
    if (type == "careloop.reminder.v1.SurveyInvitationDue") {
      ASSERT_TRUE(due.ParseFromString(data));
    }
  }
  EXPECT_EQ(types,
            (std::vector<std::string>{"careloop.reminder.v1.ReminderScheduled", "careloop.reminder.v1.ReminderDue",
                                      "careloop.reminder.v1.SurveyInvitationDue"}));
  EXPECT_EQ(due.reminder_id(), "invite-visit");
  EXPECT_EQ(due.survey_kind(), careloop::survey::v1::SURVEY_KIND_SERVICE_VISIT);
  EXPECT_EQ(due.visit_id(), "vis-1");
  EXPECT_EQ(due.advisor(), "李顾问");
  EXPECT_EQ(due.occasion_date().day(), 2);  // the answer page names the visit's day
  EXPECT_EQ(due.occurrence(), 1);
}

}  // namespace
}  // namespace careloop::reminders
