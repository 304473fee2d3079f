// The answer-window timers of issued surveys on a real redis-server (database 52):
// SurveyWindowTimers over RedisCareReminders schedules the reminder and the close once (a replayed
// SurveyIssued schedules nothing new), and firing them through RedisReminderRepository writes each
// record with its ReminderDue and its cue (SurveyReminderDue / SurveyWindowClosed, naming the
// survey) in one step, once; SurveyAnswered cancels the timers still open.
#include <gtest/gtest.h>

#include <map>

#include "careloop/reminder/v1/events.pb.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/adapters/redis_care_reminders.h"
#include "services/reminders/adapters/redis_keys.h"
#include "services/reminders/adapters/redis_reminder_repository.h"
#include "services/reminders/app/survey_window_timers.h"
#include "tests/fakes/reminders_rule_fakes.h"
#include "tests/integration/test_env.h"

namespace careloop::reminders {
namespace {

constexpr int kDb = 52;

Instant At(std::string_view text) {
  return *ParseRfc3339(text);
}

class RemindersSurveyWindowTest : public ::testing::Test {
 protected:
  RemindersSurveyWindowTest()
      : pool_(testing::FreshRedis(kDb)),
        clock_(At("2026-12-01T10:00:05+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}}),
        repository_(*pool_, clock_),
        care_(repository_, *pool_, clock_),
        timers_(care_, rules_, clock_, stores_, domain::SurveyReminderTiming{}) {}

  static domain::IssuedSurvey Survey() {
    return {"srv-1", "cus-1", "S001", "veh-1", At("2026-12-01T10:00:00+08:00"), At("2026-12-08T10:00:00+08:00")};
  }

  /// The outbox's event types with the payload of each, in order.
  std::vector<std::pair<std::string, std::string>> Outbox() {
    std::vector<std::pair<std::string, std::string>> found;
    redis::Reply entries = pool_->Acquire()->Run({"XRANGE", adapters::keys::kOutbox, "-", "+"});
    for (size_t i = 0; i < entries.Size(); ++i) {
      const redisReply* fields = entries.Element(i)->element[1];
      std::map<std::string, std::string> entry;
      for (size_t f = 0; f + 1 < fields->elements; f += 2) {
        entry[std::string(redis::ElementStr(fields->element[f]))] = redis::ElementStr(fields->element[f + 1]);
      }
      found.emplace_back(entry["type"], entry["data"]);
    }
    return found;
  }

  size_t Count(std::string_view type) {
    size_t count = 0;
    for (const auto& [each, data] : Outbox()) {
      count += each == type ? 1 : 0;
    }
    return count;
  }

  /// Fires whatever is due at `now`, as RemindersApp::FireDue does.
  std::vector<std::string> FireAt(Instant now) {
    clock_.Set(now);
    return repository_.FireMany(repository_.ClaimDue(now, Millis{30'000}, 10), now);
  }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  testing::FakeRuleBook rules_;
  adapters::RedisReminderRepository repository_;
  adapters::RedisCareReminders care_;
  app::SurveyWindowTimers timers_;
};

TEST_F(RemindersSurveyWindowTest, TheTimersAreScheduledOnceAndFireWithTheirCues) {
  timers_.OnIssued(Survey());
  timers_.OnIssued(Survey());  // a replayed SurveyIssued
  EXPECT_EQ(Count("careloop.reminder.v1.ReminderScheduled"), 2u);
  EXPECT_EQ(pool_->Acquire()->Run({"ZCARD", adapters::keys::kTimers}).Integer(), 2);

  EXPECT_TRUE(FireAt(At("2026-12-03T09:59:59+08:00")).empty());
  const auto reminder = FireAt(At("2026-12-03T10:00:01+08:00"));
  ASSERT_EQ(reminder.size(), 1u);
  EXPECT_EQ(repository_.Find(reminder[0])->kind, domain::ReminderKind::kSurveyReminder);
  EXPECT_EQ(repository_.Find(reminder[0])->survey_id, "srv-1");  // kept on the record
  EXPECT_EQ(Count("careloop.reminder.v1.ReminderDue"), 1u);
  ASSERT_EQ(Count("careloop.reminder.v1.SurveyReminderDue"), 1u);
  for (const auto& [type, data] : Outbox()) {
    if (type == "careloop.reminder.v1.SurveyReminderDue") {
      careloop::reminder::v1::SurveyReminderDue due;
      ASSERT_TRUE(due.ParseFromString(data));
      EXPECT_EQ(due.survey_id(), "srv-1");
      EXPECT_EQ(due.reminder_id(), reminder[0]);
      EXPECT_EQ(due.customer_id(), "cus-1");
    }
  }
  EXPECT_TRUE(repository_.FireMany({reminder[0]}, clock_.Now()).empty());  // fired already: nothing twice

  const auto close = FireAt(At("2026-12-08T10:00:01+08:00"));
  ASSERT_EQ(close.size(), 1u);
  EXPECT_EQ(repository_.Find(close[0])->kind, domain::ReminderKind::kSurveyWindowClose);
  EXPECT_EQ(Count("careloop.reminder.v1.SurveyWindowClosed"), 1u);
  EXPECT_EQ(Count("careloop.reminder.v1.ReminderDue"), 2u);
  EXPECT_EQ(Count("careloop.reminder.v1.SurveyInvitationDue"), 0u);
}

TEST_F(RemindersSurveyWindowTest, AnAnsweredSurveysTimersAreCancelledAndNeverFire) {
  timers_.OnIssued(Survey());
  timers_.OnAnswered("srv-1", "cus-1");
  timers_.OnAnswered("srv-1", "cus-1");  // a replayed SurveyAnswered
  EXPECT_EQ(Count("careloop.reminder.v1.ReminderCancelled"), 2u);
  EXPECT_EQ(pool_->Acquire()->Run({"ZCARD", adapters::keys::kTimers}).Integer(), 0);
  EXPECT_TRUE(FireAt(At("2026-12-08T10:00:01+08:00")).empty());
  EXPECT_EQ(Count("careloop.reminder.v1.ReminderDue"), 0u);
}

}  // namespace
}  // namespace careloop::reminders
