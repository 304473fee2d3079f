// The answer-window timers of issued surveys (services/reminders/app/survey_window_timers.h)
// through their route over the fake care reminders: on SurveyIssued, the non-responder reminder
// at the store's survey-invitation hour a store-set number of days later (only comfortably before
// expiry) and the close at expires_at, once; their firings publish SurveyReminderDue and
// SurveyWindowClosed with their ReminderDue in the same write.
#include <gtest/gtest.h>

#include "careloop/survey/v1/events.pb.h"
#include "common/config/stores.h"
#include "common/events/proto_event.h"
#include "services/reminders/adapters/redis_reminder_commands.h"
#include "services/reminders/adapters/survey_window_events.h"
#include "services/reminders/settings.h"
#include "tests/fakes/reminders_care_fakes.h"
#include "tests/fakes/reminders_rule_fakes.h"

namespace careloop::reminders::adapters {
namespace {

namespace survey_pb = careloop::survey::v1;
using Outcome = kafka::HandlerResult::Outcome;

Instant At(std::string_view text) {
  return *ParseRfc3339(text);
}

domain::SurveyReminderTiming Timing() {
  domain::SurveyReminderTiming timing;
  timing.reminder_after_days_by_store = {{"S002", 0}};
  return timing;
}

class SurveyWindowTimersTest : public ::testing::Test {
 protected:
  SurveyWindowTimersTest()
      : clock_(At("2026-12-01T10:00:05+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"},
                 {"S002", "星途汽车北京海淀店", "星途汽车海淀店", "Asia/Shanghai", "010-85557777"}}),
        timers_(reminders_, rules_, clock_, stores_, Timing()) {
    RouteSurveyWindowTimers(router_, timers_);
  }

  Outcome Deliver(const google::protobuf::Message& payload, const std::string& id) {
    return router_(events::MakeEvent(payload, "/careloop/surveys", "cus-1", id, clock_.Now())).outcome;
  }

  static survey_pb::SurveyIssued Issued(std::string_view expires_at = "2026-12-08T10:00:00+08:00") {
    survey_pb::SurveyIssued issued;
    issued.set_survey_id("srv-1");
    issued.set_customer_id("cus-1");
    issued.set_store_id("S001");
    issued.set_vehicle_id("veh-1");
    issued.set_kind(survey_pb::SURVEY_KIND_SERVICE_VISIT);
    *issued.mutable_issued_at() = events::ToTimestamp(At("2026-12-01T10:00:00+08:00"));
    *issued.mutable_expires_at() = events::ToTimestamp(At(expires_at));
    return issued;
  }

  std::vector<domain::Reminder> Open() {
    std::vector<domain::Reminder> open;
    for (auto& reminder : reminders_.ListByCustomer("cus-1")) {
      if (domain::IsOpen(reminder.status)) {
        open.push_back(std::move(reminder));
      }
    }
    return open;
  }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  testing::FakeCareReminders reminders_;
  testing::FakeRuleBook rules_;
  app::SurveyWindowTimers timers_;
  events::Router router_;
};

TEST_F(SurveyWindowTimersTest, AnIssuedSurveyGetsItsReminderAndItsCloseOnce) {
  ASSERT_EQ(Deliver(Issued(), "evt-1"), Outcome::kDone);
  ASSERT_EQ(Deliver(Issued(), "evt-1"), Outcome::kDone);  // a replay plans nothing new
  const auto open = Open();
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].kind, domain::ReminderKind::kSurveyReminder);
  EXPECT_EQ(open[0].due_at, At("2026-12-03T10:00:00+08:00"));  // 2 days later at the invitations' 10:00
  EXPECT_EQ(open[1].kind, domain::ReminderKind::kSurveyWindowClose);
  EXPECT_EQ(open[1].due_at, At("2026-12-08T10:00:00+08:00"));
  for (const auto& timer : open) {
    EXPECT_EQ(timer.survey_id, "srv-1");
    EXPECT_EQ(timer.store_id, "S001");
  }
  EXPECT_EQ(testing::IdsOf(reminders_.published, "ReminderScheduled").size(), 2u);
}

TEST_F(SurveyWindowTimersTest, TheReminderGoesAtTheStoresInvitationHour) {
  domain::Rule own = domain::DefaultRule(domain::ReminderKind::kSurveyInvitation);
  own.store_id = "S001";
  own.fire_time = TimeOfDay{9 * 60 + 30};
  rules_.Put(own);
  ASSERT_EQ(Deliver(Issued(), "evt-1"), Outcome::kDone);
  EXPECT_EQ(Open()[0].due_at, At("2026-12-03T09:30:00+08:00"));
}

TEST_F(SurveyWindowTimersTest, NoReminderTooCloseToTheExpiryOrWhereTheStoreSwitchedItOff) {
  // A 2-day window: the reminder would fall on the last day, less than 24 hours before the close.
  ASSERT_EQ(Deliver(Issued("2026-12-03T18:00:00+08:00"), "evt-1"), Outcome::kDone);
  auto open = Open();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].kind, domain::ReminderKind::kSurveyWindowClose);
  auto issued = Issued();
  issued.set_survey_id("srv-2");
  issued.set_store_id("S002");  // reminder_after_days 0 for this store
  ASSERT_EQ(Deliver(issued, "evt-2"), Outcome::kDone);
  open = Open();
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[1].kind, domain::ReminderKind::kSurveyWindowClose);
  EXPECT_EQ(open[1].survey_id, "srv-2");
}

TEST_F(SurveyWindowTimersTest, AnAnsweredSurveysTimersAreCancelledOnce) {
  ASSERT_EQ(Deliver(Issued(), "evt-1"), Outcome::kDone);
  survey_pb::SurveyAnswered answered;
  answered.set_survey_id("srv-1");
  answered.set_customer_id("cus-1");
  answered.set_store_id("S001");
  ASSERT_EQ(Deliver(answered, "evt-2"), Outcome::kDone);
  ASSERT_EQ(Deliver(answered, "evt-2"), Outcome::kDone);  // a replay closes nothing more
  EXPECT_TRUE(Open().empty());
  EXPECT_EQ(testing::IdsOf(reminders_.published, "ReminderCancelled").size(), 2u);
  answered.set_survey_id("srv-other");
  ASSERT_EQ(Deliver(Issued(), "evt-1"), Outcome::kDone);  // nothing reopens
  ASSERT_EQ(Deliver(answered, "evt-3"), Outcome::kDone);
  EXPECT_EQ(testing::IdsOf(reminders_.published, "ReminderCancelled").size(), 2u);
  answered.clear_customer_id();
  EXPECT_EQ(Deliver(answered, "evt-4"), Outcome::kPoison);
}

TEST_F(SurveyWindowTimersTest, AnIssuedEventWithoutItsSurveyOrExpiryIsPoison) {
  auto issued = Issued();
  issued.clear_expires_at();
  EXPECT_EQ(Deliver(issued, "evt-1"), Outcome::kPoison);
  issued = Issued();
  issued.clear_survey_id();
  EXPECT_EQ(Deliver(issued, "evt-2"), Outcome::kPoison);
  EXPECT_TRUE(Open().empty());
}

bool Publishes(const std::vector<redis::Command>& commands, std::string_view type) {
  for (const auto& command : commands) {
    for (const auto& argument : command) {
      if (argument.find(type) != std::string::npos) {
        return true;
      }
    }
  }
  return false;
}

TEST_F(SurveyWindowTimersTest, TheFiringsPublishTheirCueWithTheirReminderDue) {
  ASSERT_EQ(Deliver(Issued(), "evt-1"), Outcome::kDone);
  const auto open = Open();
  const auto reminder = store::DueCommands(open[0], At("2026-12-03T10:00:01+08:00"));
  ASSERT_EQ(reminder.size(), 4u);  // the record, the lease, ReminderDue and the cue: one write
  EXPECT_TRUE(Publishes(reminder, "careloop.reminder.v1.ReminderDue"));
  EXPECT_TRUE(Publishes(reminder, "careloop.reminder.v1.SurveyReminderDue"));
  EXPECT_FALSE(Publishes(reminder, "careloop.reminder.v1.SurveyWindowClosed"));
  const auto close = store::DueCommands(open[1], At("2026-12-08T10:00:01+08:00"));
  ASSERT_EQ(close.size(), 4u);
  EXPECT_TRUE(Publishes(close, "careloop.reminder.v1.SurveyWindowClosed"));
  EXPECT_TRUE(Publishes(close, "srv-1"));
}

// `reminders.survey_invitations.reminder_*`, with the one required key of the section.
config::ServiceSettings RemindersWith(const std::string& yaml) {
  config::ServiceSettings service;
  service.section = YAML::Load(yaml);
  service.section["customers_address"] = "127.0.0.1:1";
  service.stores = {{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}};
  return service;
}

TEST(SurveyReminderSettings, DefaultsStoreOverridesAndBadValues) {
  const auto defaults = ParseSettings(RemindersWith("{}")).survey_reminders;
  EXPECT_EQ(defaults.reminder_after_days, 2);
  EXPECT_EQ(defaults.min_lead, std::chrono::hours{24});
  EXPECT_TRUE(defaults.reminder_after_days_by_store.empty());
  const auto set = ParseSettings(RemindersWith("{survey_invitations: {reminder_after_days: 3, "
                                               "reminder_min_lead_hours: 12, "
                                               "reminder_after_days_by_store: {S001: 0}}}"))
                       .survey_reminders;
  EXPECT_EQ(set.reminder_after_days, 3);
  EXPECT_EQ(set.min_lead, std::chrono::hours{12});
  EXPECT_EQ(set.ReminderAfterDays("S001"), 0);
  EXPECT_EQ(set.ReminderAfterDays("S009"), 3);
  const auto error_of = [](const std::string& yaml) -> std::string {
    try {
      (void)ParseSettings(RemindersWith(yaml));
    } catch (const config::ConfigError& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_EQ(error_of("{survey_invitations: {reminder_after_days_by_store: {S404: 1}}}"),
            "reminders.survey_invitations.reminder_after_days_by_store.S404: is not a configured store");
  EXPECT_NE(error_of("{survey_invitations: {reminder_after_days: 31}}").find("reminder_after_days"), std::string::npos);
}

}  // namespace
}  // namespace careloop::reminders::adapters
