// The reminders and dispatch Redis adapters against a real redis-server.
#include <gtest/gtest.h>

#include <algorithm>

#include "common/clock/clock.h"
#include "services/dispatch/adapters/proto_mapping.h"
#include "services/dispatch/adapters/redis_keys.h"
#include "services/dispatch/adapters/redis_message_ledger.h"
#include "services/reminders/adapters/redis_keys.h"
#include "services/reminders/adapters/redis_reminder_repository.h"
#include "tests/integration/test_env.h"

namespace careloop {
namespace {

constexpr int kDb = 4;

const TimeZone& Shanghai() {
  static const TimeZone zone("Asia/Shanghai");
  return zone;
}

class RemindersStoreTest : public ::testing::Test {
 protected:
  RemindersStoreTest() : pool_(testing::FreshRedis(kDb)), clock_(*ParseRfc3339("2026-11-22T02:00:00Z")) {}

  reminders::domain::Reminder FirstMaintenance(const std::string& vehicle_id) {
    return reminders::domain::PlanFirstMaintenance({"cus-1", vehicle_id, "S001"}, {2026, 9, 3}, 0, {},
                                                   reminders::domain::MaintenancePolicy{}, {Shanghai(), clock_.Now()})
        .next;
  }
  long long OutboxLength() { return pool_->Acquire()->Run({"XLEN", reminders::adapters::keys::kOutbox}).Integer(); }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
};

TEST_F(RemindersStoreTest, SchedulingTheSameReminderTwiceWritesItOnce) {
  reminders::adapters::RedisReminderRepository repository(*pool_, clock_);
  EXPECT_TRUE(repository.Schedule(FirstMaintenance("veh-1")));
  EXPECT_FALSE(repository.Schedule(FirstMaintenance("veh-1")));
  EXPECT_EQ(OutboxLength(), 1);
  EXPECT_EQ(repository.ListByCustomer("cus-1").size(), 1u);
}

TEST_F(RemindersStoreTest, DueTimerFiresOnceAndPublishesReminderDue) {
  reminders::adapters::RedisReminderRepository repository(*pool_, clock_);
  const auto reminder = FirstMaintenance("veh-1");
  ASSERT_TRUE(repository.Schedule(reminder));
  EXPECT_TRUE(repository.ClaimDue(clock_.Now(), Millis{30'000}, 10).empty());  // not yet due
  clock_.Set(reminder.due_at);
  auto claimed = repository.ClaimDue(clock_.Now(), Millis{30'000}, 10);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_TRUE(repository.Fire(claimed[0], clock_.Now()));
  EXPECT_FALSE(repository.Fire(claimed[0], clock_.Now()));  // a second fire (after a lost lease) does nothing
  EXPECT_EQ(repository.Find(reminder.reminder_id)->status, reminders::domain::ReminderStatus::kDue);
  EXPECT_EQ(OutboxLength(), 2);  // scheduled + due
  EXPECT_EQ(pool_->Acquire()->Run({"ZCARD", reminders::adapters::keys::kLeases}).Integer(), 0);
}

TEST_F(RemindersStoreTest, MaintenanceVisitAnswersOpenRemindersAndSchedulesNextOnce) {
  reminders::adapters::RedisReminderRepository repository(*pool_, clock_);
  const auto first = FirstMaintenance("veh-1");
  const auto other = FirstMaintenance("veh-2");
  ASSERT_TRUE(repository.Schedule(first));
  ASSERT_TRUE(repository.Schedule(other));
  // veh-2's reminder fired (the customer got it) and stays open until its visit.
  clock_.Set(other.due_at);
  ASSERT_EQ(repository.ClaimDue(clock_.Now(), Millis{30'000}, 10).size(), 2u);
  ASSERT_TRUE(repository.Fire(other.reminder_id, clock_.Now()));
  const auto next =
      reminders::domain::PlanAfterVisit({"cus-1", "veh-1", "S001"}, reminders::domain::VisitKind::kFirstFreeMaintenance,
                                        "vis-1", {2026, 11, 20}, 4800, {}, {}, {Shanghai(), clock_.Now()});
  ASSERT_TRUE(next.has_value());
  EXPECT_TRUE(repository.ApplyVisit("vis-1", "veh-1", true, next->All(), "first maintenance done"));
  EXPECT_FALSE(repository.ApplyVisit("vis-1", "veh-1", true, next->All(), "replayed"));
  EXPECT_TRUE(repository.ApplyVisit("vis-2", "veh-2", true, {}, "first maintenance done"));
  EXPECT_EQ(repository.Find(first.reminder_id)->status, reminders::domain::ReminderStatus::kDone);
  EXPECT_EQ(repository.Find(other.reminder_id)->status, reminders::domain::ReminderStatus::kDone);
  EXPECT_EQ(repository.Find(next->next.reminder_id)->status, reminders::domain::ReminderStatus::kScheduled);
  EXPECT_EQ(repository.Find(next->next.reminder_id)->kind, reminders::domain::ReminderKind::kSecondMaintenance);
  clock_.Set(first.due_at + Days{1});
  EXPECT_TRUE(repository.ClaimDue(clock_.Now(), Millis{30'000}, 10).empty());  // the answered one never fires
  // scheduled ×2, due, completed ×2, next scheduled
  EXPECT_EQ(OutboxLength(), 6);
}

TEST_F(RemindersStoreTest, CancellingARetiredCarsOpenRemindersIsOneStepAndOnce) {
  reminders::adapters::RedisReminderRepository repository(*pool_, clock_);
  const auto first = FirstMaintenance("veh-1");
  ASSERT_TRUE(repository.Schedule(first));
  EXPECT_EQ(repository.CancelOpen("veh-1", "vehicle sold", ""), 1);
  EXPECT_EQ(repository.CancelOpen("veh-1", "vehicle sold", ""), 0);
  EXPECT_EQ(repository.Find(first.reminder_id)->status, reminders::domain::ReminderStatus::kCancelled);
  EXPECT_EQ(repository.Find(first.reminder_id)->reason, "cancelled: vehicle sold");
  clock_.Set(first.due_at + Days{1});
  EXPECT_TRUE(repository.ClaimDue(clock_.Now(), Millis{30'000}, 10).empty());
  EXPECT_EQ(OutboxLength(), 2);  // scheduled, cancelled
}

TEST_F(RemindersStoreTest, PoliciesAreKeptPerVehicleAndARenewalCancelsOnlyItsPolicysReminders) {
  reminders::adapters::RedisReminderRepository repository(*pool_, clock_);
  const reminders::domain::VehicleFacts car{"cus-1", "veh-1", "S001"};
  const reminders::domain::PolicyFacts compulsory{car, "pol-1", true, {2026, 1, 11}, {2027, 1, 10}};
  const reminders::domain::PolicyFacts commercial{car, "pol-2", false, {2026, 2, 1}, {2027, 1, 31}};
  repository.RecordPolicy(compulsory);
  repository.RecordPolicy(commercial);
  repository.RecordPolicy(compulsory);  // a replay keeps one entry
  auto policies = repository.Policies(car);
  ASSERT_EQ(policies.size(), 2u);
  std::sort(policies.begin(), policies.end(), [](const auto& a, const auto& b) { return a.policy_id < b.policy_id; });
  EXPECT_TRUE(policies[0].compulsory);
  EXPECT_EQ(policies[0].start_date, (Date{2026, 1, 11}));
  EXPECT_EQ(policies[0].end_date, (Date{2027, 1, 10}));
  EXPECT_FALSE(policies[1].compulsory);
  const reminders::domain::PlanningMoment moment{Shanghai(), clock_.Now(), 14};
  for (const auto& policy : {compulsory, commercial}) {
    for (const auto& reminder : reminders::domain::PlanRenewal(policy, {}, moment)) {
      ASSERT_TRUE(repository.Schedule(reminder));
      EXPECT_EQ(repository.Find(reminder.reminder_id)->policy_id, policy.policy_id);
    }
  }
  EXPECT_EQ(repository.CancelOpen("veh-1", "renewed by policy pol-3", "pol-1"), 3);
  int open = 0;
  for (const auto& reminder : repository.ListByCustomer("cus-1")) {
    open += reminders::domain::IsOpen(reminder.status) ? 1 : 0;
  }
  EXPECT_EQ(open, 3);  // the commercial policy's
}

TEST_F(RemindersStoreTest, MissedReminderIsRecordedWithoutATimerAndAClaimedOneIsMarkedOnce) {
  reminders::adapters::RedisReminderRepository repository(*pool_, clock_);
  const Date today = Shanghai().DateAt(clock_.Now());
  auto planned_missed = reminders::domain::MarkedMissed(FirstMaintenance("veh-1"), today, 14);
  ASSERT_TRUE(repository.Schedule(planned_missed));
  EXPECT_EQ(repository.Find(planned_missed.reminder_id)->status, reminders::domain::ReminderStatus::kMissed);
  EXPECT_EQ(repository.ListByCustomer("cus-1").size(), 1u);  // listed, so it counts
  const auto late = FirstMaintenance("veh-2");
  ASSERT_TRUE(repository.Schedule(late));
  clock_.Set(planned_missed.due_at + Days{400});
  // The missed one never fires; the late one comes to fire (and the app finds it missed).
  ASSERT_EQ(repository.ClaimDue(clock_.Now(), Millis{30'000}, 10), std::vector<std::string>{late.reminder_id});
  const auto marked = reminders::domain::MarkedMissed(late, Shanghai().DateAt(clock_.Now()), 14);
  EXPECT_TRUE(repository.Miss(marked));
  EXPECT_FALSE(repository.Miss(marked));
  EXPECT_FALSE(repository.Fire(late.reminder_id, clock_.Now()));
  EXPECT_EQ(repository.Find(late.reminder_id)->status, reminders::domain::ReminderStatus::kMissed);
  EXPECT_EQ(pool_->Acquire()->Run({"ZCARD", reminders::adapters::keys::kLeases}).Integer(), 0);
  EXPECT_EQ(OutboxLength(), 3);  // missed (planned), scheduled, missed (at fire time)
}

class LedgerTest : public ::testing::Test {
 protected:
  LedgerTest() : pool_(testing::FreshRedis(kDb)), clock_(*ParseRfc3339("2026-11-22T02:00:00Z")) {}
  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
};

dispatch::domain::Message SentMessage(const std::string& id, Instant at) {
  dispatch::domain::Message message;
  message.message_id = id;
  message.customer_id = "cus-1";
  message.store_id = "S001";
  message.status = dispatch::domain::MessageStatus::kSent;
  message.cause_id = "rem-1";
  message.created_at = at;
  message.sent_at = at;
  return message;
}

TEST_F(LedgerTest, OnlyOneClaimPerMessageIdEver) {
  dispatch::adapters::RedisMessageLedger ledger(*pool_, clock_);
  const auto message = SentMessage("msg-1", clock_.Now());
  EXPECT_TRUE(ledger.Claim(message, {}));
  EXPECT_FALSE(ledger.Claim(message, {}));
  ledger.RecordSent(message);
  EXPECT_FALSE(ledger.Claim(message, {}));
  EXPECT_EQ(ledger.Find("msg-1")->status, dispatch::domain::MessageStatus::kSent);
}

TEST_F(LedgerTest, FrequencyWindowCountsOnlyRecentSends) {
  dispatch::adapters::RedisMessageLedger ledger(*pool_, clock_);
  ledger.RecordSent(SentMessage("msg-1", clock_.Now() - Days{10}));
  ledger.RecordSent(SentMessage("msg-2", clock_.Now() - Days{2}));
  ledger.RecordSent(SentMessage("msg-3", clock_.Now()));
  EXPECT_EQ(ledger.CountSentSince("cus-1", clock_.Now() - Days{7}), 2);
  EXPECT_EQ(ledger.ListByCustomer("cus-1", 10).size(), 3u);
}

TEST(DispatchProtoMapping, UnsentMessageHasNoSentAtField) {
  dispatch::domain::Message message = SentMessage("msg-1", *ParseRfc3339("2026-11-22T02:00:00Z"));
  message.status = dispatch::domain::MessageStatus::kDeferred;
  message.sent_at = Instant{};
  const auto record = dispatch::adapters::ToProto(message);
  EXPECT_FALSE(record.has_sent_at());
  EXPECT_TRUE(record.has_created_at());
}

TEST_F(LedgerTest, DeferredMessageComesBackWithItsCauseWhenDue) {
  dispatch::adapters::RedisMessageLedger ledger(*pool_, clock_);
  dispatch::domain::Message message = SentMessage("msg-9", clock_.Now());
  message.status = dispatch::domain::MessageStatus::kDeferred;
  message.not_before = clock_.Now() + Millis{3'600'000};
  const dispatch::domain::SendRequest cause{
      "rem-9", 1, dispatch::domain::CareKind::kFirstMaintenance, "cus-1", "S001", "veh-1", {2026, 12, 3}};
  ledger.Defer(message, cause);
  EXPECT_TRUE(ledger.ClaimDeferred(clock_.Now(), Millis{60'000}, 10).empty());
  auto due = ledger.ClaimDeferred(message.not_before, Millis{60'000}, 10);
  ASSERT_EQ(due.size(), 1u);
  auto back = ledger.Cause(due[0]);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->cause_id, "rem-9");
  EXPECT_EQ(back->service_due_date, (Date{2026, 12, 3}));
  EXPECT_EQ(back->kind, dispatch::domain::CareKind::kFirstMaintenance);
}

}  // namespace
}  // namespace careloop
