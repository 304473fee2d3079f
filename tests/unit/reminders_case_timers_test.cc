// Complaint-case follow-up timers (services/reminders/app/case_timers.h) through their routes
// over the fake care reminders: scheduled at half the SLA and at the deadline once, moved with
// the deadline, cancelled on the resolution; and the firing of one publishes CaseFollowUpDue with
// its ReminderDue in the same write.
#include <gtest/gtest.h>

#include "careloop/reminder/v1/events.pb.h"
#include "careloop/survey/v1/events.pb.h"
#include "common/config/stores.h"
#include "common/events/proto_event.h"
#include "services/reminders/adapters/case_timer_events.h"
#include "services/reminders/adapters/redis_reminder_commands.h"
#include "tests/fakes/reminders_care_fakes.h"

namespace careloop::reminders::adapters {
namespace {

namespace survey_pb = careloop::survey::v1;
using Outcome = kafka::HandlerResult::Outcome;

Instant At(std::string_view text) {
  return *ParseRfc3339(text);
}

class CaseTimersTest : public ::testing::Test {
 protected:
  CaseTimersTest()
      : clock_(At("2026-12-01T10:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}}),
        timers_(reminders_, clock_, stores_) {
    RouteCaseTimers(router_, timers_);
  }

  Outcome Deliver(const google::protobuf::Message& payload, const std::string& id) {
    return router_(events::MakeEvent(payload, "/careloop/surveys", "cus-1", id, clock_.Now())).outcome;
  }

  survey_pb::ComplaintCaseOpened Opened() const {
    survey_pb::ComplaintCaseOpened opened;
    opened.set_case_id("case-1");
    opened.set_customer_id("cus-1");
    opened.set_store_id("S001");
    *opened.mutable_opened_at() = events::ToTimestamp(At("2026-12-01T10:00:00+08:00"));
    *opened.mutable_deadline_at() = events::ToTimestamp(At("2026-12-04T10:00:00+08:00"));
    return opened;
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
  app::CaseTimers timers_;
  events::Router router_;
};

TEST_F(CaseTimersTest, AnOpenedCaseGetsTimersAtHalfTheSlaAndAtTheDeadlineOnce) {
  ASSERT_EQ(Deliver(Opened(), "evt-1"), Outcome::kDone);
  ASSERT_EQ(Deliver(Opened(), "evt-1"), Outcome::kDone);
  const auto open = Open();
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].due_at, At("2026-12-02T22:00:00+08:00"));
  EXPECT_EQ(open[1].due_at, At("2026-12-04T10:00:00+08:00"));
  for (const auto& timer : open) {
    EXPECT_EQ(timer.kind, domain::ReminderKind::kCaseFollowUp);
    EXPECT_EQ(timer.case_id, "case-1");
    EXPECT_EQ(timer.store_id, "S001");
  }
  EXPECT_EQ(testing::IdsOf(reminders_.published, "ReminderScheduled").size(), 2u);
}

TEST_F(CaseTimersTest, AMovedDeadlineMovesTheDeadlineTimer) {
  ASSERT_EQ(Deliver(Opened(), "evt-1"), Outcome::kDone);
  survey_pb::ComplaintCaseUpdated earlier;
  earlier.set_case_id("case-1");
  earlier.set_customer_id("cus-1");
  earlier.set_store_id("S001");
  earlier.set_status(survey_pb::CASE_STATUS_IN_PROGRESS);
  *earlier.mutable_deadline_at() = events::ToTimestamp(At("2026-12-02T18:00:00+08:00"));
  ASSERT_EQ(Deliver(earlier, "evt-2"), Outcome::kDone);
  const auto open = Open();
  ASSERT_EQ(open.size(), 1u);  // the half-SLA and the old deadline's timers were after the new deadline
  EXPECT_EQ(open[0].due_at, At("2026-12-02T18:00:00+08:00"));
  // A step that leaves the deadline as it is changes nothing.
  ASSERT_EQ(Deliver(earlier, "evt-3"), Outcome::kDone);
  EXPECT_EQ(Open().size(), 1u);
}

TEST_F(CaseTimersTest, TheResolutionCancelsTheTimers) {
  ASSERT_EQ(Deliver(Opened(), "evt-1"), Outcome::kDone);
  survey_pb::ComplaintCaseResolved resolved;
  resolved.set_case_id("case-1");
  resolved.set_customer_id("cus-1");
  resolved.set_store_id("S001");
  ASSERT_EQ(Deliver(resolved, "evt-4"), Outcome::kDone);
  EXPECT_TRUE(Open().empty());
  EXPECT_EQ(testing::IdsOf(reminders_.published, "ReminderCancelled").size(), 2u);
  resolved.clear_case_id();
  EXPECT_EQ(Deliver(resolved, "evt-5"), Outcome::kPoison);
}

TEST_F(CaseTimersTest, TheFiringPublishesCaseFollowUpDueWithItsReminderDue) {
  ASSERT_EQ(Deliver(Opened(), "evt-1"), Outcome::kDone);
  const domain::Reminder timer = Open()[0];
  const auto commands = store::DueCommands(timer, At("2026-12-02T22:00:05+08:00"));
  ASSERT_EQ(commands.size(), 4u);  // the record, the lease, ReminderDue and CaseFollowUpDue: one write
  bool found = false;
  for (const auto& argument : commands[3]) {
    found = found || argument.find("careloop.reminder.v1.CaseFollowUpDue") != std::string::npos;
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace careloop::reminders::adapters
