// The store rules against a real redis-server: UpsertRule re-plans the scheduled reminders it
// governs through RedisReminderRepository (record, timer and ReminderRescheduled in one step),
// a replay changes nothing, and the rule store keeps a change across a re-seed.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "careloop/reminder/v1/events.pb.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/adapters/redis_keys.h"
#include "services/reminders/adapters/redis_reminder_repository.h"
#include "services/reminders/adapters/redis_rule_store.h"
#include "services/reminders/app/reminders_app.h"
#include "services/reminders/app/rules_app.h"
#include "tests/integration/test_env.h"

namespace careloop {
namespace {

// Each integration binary has its own Redis database.
constexpr int kDb = 15;

namespace pb = careloop::reminder::v1;
namespace keys = reminders::adapters::keys;
using reminders::domain::ReminderKind;

class RemindersRulesTest : public ::testing::Test {
 protected:
  RemindersRulesTest()
      : pool_(testing::FreshRedis(kDb)),
        clock_(*ParseRfc3339("2026-11-01T09:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}}),
        repository_(*pool_, clock_),
        rule_store_(*pool_),
        book_(rule_store_),
        replanner_(repository_, repository_, book_, clock_, stores_),
        rules_(rule_store_, replanner_, clock_, stores_),
        app_(repository_, repository_, book_, replanner_, clock_, stores_) {
    rules_.Seed({});
  }

  // The outbox's events of `type` (e.g. "careloop.reminder.v1.ReminderRescheduled"), as payloads.
  std::vector<std::string> Outbox(const std::string& type) {
    std::vector<std::string> payloads;
    redis::Reply entries = pool_->Acquire()->Run({"XRANGE", keys::kOutbox, "-", "+"});
    for (size_t i = 0; i < entries.Size(); ++i) {
      const redisReply* fields = entries.Element(i)->element[1];
      std::string entry_type;
      std::string data;
      for (size_t f = 0; f + 1 < fields->elements; f += 2) {
        const std::string name(redis::ElementStr(fields->element[f]));
        if (name == "type") {
          entry_type = redis::ElementStr(fields->element[f + 1]);
        } else if (name == "data") {
          data = redis::ElementStr(fields->element[f + 1]);
        }
      }
      if (entry_type == type) {
        payloads.push_back(data);
      }
    }
    return payloads;
  }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  reminders::adapters::RedisReminderRepository repository_;
  reminders::adapters::RedisRuleStore rule_store_;
  reminders::app::StoredRuleBook book_;
  reminders::app::Replanner replanner_;
  reminders::app::RulesApp rules_;
  reminders::app::RemindersApp app_;
  const auth::Principal manager_ = {"mgr-1", auth::Role::kManager, {"S001"}, false};
};

TEST_F(RemindersRulesTest, UpsertRuleMovesThePendingReminderOnceWithItsTimerAndEvent) {
  app_.OnVehicleDelivered({{"cus-1", "veh-1", "S001", "星途揽月"}, {2026, 11, 1}, 0});
  const std::string id =
      reminders::domain::MaintenanceReminderId(ReminderKind::kFirstMaintenance, "veh-1", "2026-11-01");
  reminders::domain::Rule rule = reminders::domain::DefaultRule(ReminderKind::kFirstMaintenance);
  rule.rule_id.clear();
  rule.store_id = "S001";
  rule.models = {"星途揽月"};
  rule.interval_months = 2;
  ASSERT_TRUE(rules_.Upsert(manager_, rule).ok());

  const auto moved = repository_.Find(id);
  ASSERT_TRUE(moved.has_value());
  EXPECT_EQ(moved->service_due_date, (Date{2027, 1, 1}));
  const Instant due_at = *ParseRfc3339("2026-12-25T10:00:00+08:00");
  EXPECT_EQ(moved->due_at, due_at);
  const redis::Reply score = pool_->Acquire()->Run({"ZSCORE", keys::kTimers, id});
  EXPECT_EQ(std::stoll(std::string(score.Str())), due_at.time_since_epoch().count());

  const auto events = Outbox("careloop.reminder.v1.ReminderRescheduled");
  ASSERT_EQ(events.size(), 1u);
  pb::ReminderRescheduled rescheduled;
  ASSERT_TRUE(rescheduled.ParseFromString(events[0]));
  EXPECT_EQ(rescheduled.reminder_id(), id);
  EXPECT_EQ(rescheduled.previous_service_due_date().month(), 2);
  EXPECT_EQ(rescheduled.service_due_date().month(), 1);
  EXPECT_EQ(rescheduled.previous_due_at().seconds(),
            (*ParseRfc3339("2027-01-25T10:00:00+08:00")).time_since_epoch().count() / 1000);

  // The same request again (a retry), and a restart re-seeding config: nothing moves twice.
  ASSERT_TRUE(rules_.Upsert(manager_, rule).ok());
  rules_.Seed({});
  EXPECT_EQ(pool_->Acquire()->Run({"HLEN", keys::kSeededRules}).Integer(), 15);
  EXPECT_EQ(Outbox("careloop.reminder.v1.ReminderRescheduled").size(), 1u);
  EXPECT_EQ(book_.For("S001", ReminderKind::kFirstMaintenance, "星途揽月").interval_months, 2);
  EXPECT_EQ(book_.For("S001", ReminderKind::kFirstMaintenance, "瑶光").interval_months, 3);
}

TEST_F(RemindersRulesTest, DisablingCancelsAndAFiredReminderIsNeverMovedOrSentAgain) {
  app_.OnPolicyRecorded({{"cus-1", "veh-1", "S001", ""}, "pol-1", true, {2025, 12, 10}, {2026, 12, 10}});
  clock_.Set(*ParseRfc3339("2026-11-10T10:00:00+08:00"));
  ASSERT_EQ(app_.FireDue(), 1);  // 30 days before
  reminders::domain::Rule rule = reminders::domain::DefaultRule(ReminderKind::kInsuranceRenewal);
  rule.rule_id.clear();
  rule.store_id = "S001";
  rule.enabled = false;
  ASSERT_TRUE(rules_.Upsert(manager_, rule).ok());
  EXPECT_EQ(repository_.Find(reminders::domain::RenewalReminderId("pol-1", 15))->status,
            reminders::domain::ReminderStatus::kCancelled);
  EXPECT_EQ(repository_.Find(reminders::domain::RenewalReminderId("pol-1", 30))->status,
            reminders::domain::ReminderStatus::kDue);
  EXPECT_EQ(Outbox("careloop.reminder.v1.ReminderCancelled").size(), 2u);
  rule.enabled = true;
  ASSERT_TRUE(rules_.Upsert(manager_, rule).ok());  // re-enabled: the fired one is not re-made
  clock_.Set(*ParseRfc3339("2026-12-10T10:00:00+08:00"));
  EXPECT_EQ(app_.FireDue(), 0);
  EXPECT_EQ(Outbox("careloop.reminder.v1.ReminderDue").size(), 1u);
}

TEST_F(RemindersRulesTest, FollowUpIsScheduledOnceWithItsEvent) {
  app_.OnVehicleDelivered({{"cus-1", "veh-1", "S001", ""}, {2026, 11, 1}, 0});
  const std::string id =
      reminders::domain::MaintenanceReminderId(ReminderKind::kFirstMaintenance, "veh-1", "2026-11-01");
  clock_.Set(*ParseRfc3339("2027-01-25T10:00:00+08:00"));
  ASSERT_GE(app_.FireDue(), 1);
  const auto follow_up = repository_.Find(id);
  ASSERT_TRUE(follow_up.has_value());
  EXPECT_EQ(follow_up->occurrence, 2);
  EXPECT_EQ(follow_up->status, reminders::domain::ReminderStatus::kScheduled);
  EXPECT_FALSE(repository_.FollowUp(id, follow_up->due_at, "again"));  // not due: no second follow-up
  clock_.Set(*ParseRfc3339("2027-02-08T10:00:00+08:00"));
  ASSERT_EQ(app_.FireDue(), 1);
  EXPECT_EQ(repository_.Find(id)->status, reminders::domain::ReminderStatus::kDue);
  EXPECT_EQ(Outbox("careloop.reminder.v1.ReminderDue").size(), 2u);
  EXPECT_FALSE(repository_.FollowUp(id, clock_.Now(), "third"));  // occurrence 2 is the last
}

TEST_F(RemindersRulesTest, AnEditedConfigurationOverridesAStoredChangeOnlyWhenItChanges) {
  reminders::domain::Rule changed = reminders::domain::DefaultRule(ReminderKind::kInsuranceRenewal);
  changed.lead_days = {45, 30};
  const auth::Principal admin{"admin", auth::Role::kAdmin, {}, true};
  ASSERT_TRUE(rules_.Upsert(admin, changed).ok());
  rules_.Seed({});  // restart, same config: the change through the API stays
  EXPECT_EQ(book_.For("S001", ReminderKind::kInsuranceRenewal, "").lead_days, (std::vector<int>{45, 30}));
  reminders::domain::Rule configured = reminders::domain::DefaultRule(ReminderKind::kInsuranceRenewal);
  configured.lead_days = {60, 30};
  rules_.Seed({configured});  // restart with an edited config: it wins
  EXPECT_EQ(book_.For("S001", ReminderKind::kInsuranceRenewal, "").lead_days, (std::vector<int>{60, 30}));
}

}  // namespace
}  // namespace careloop
