// Staff call tasks on a real redis-server: CallTasksApp over RedisCallTaskStore (fakes only for
// the customers and reminders services' gRPC). A task, its ledger message and its event are one
// step; a replayed order opens one task; a refused completion writes nothing; a retried one
// publishes once; escalation never overwrites a completed task; the events reach the dev broker
// without personal data.
#include <gtest/gtest.h>

#include "careloop/customer/v1/events.pb.h"
#include "careloop/dispatch/v1/events.pb.h"
#include "common/base/ids.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "common/events/proto_event.h"
#include "common/kafka/producer.h"
#include "common/outbox/outbox.h"
#include "services/dispatch/adapters/call_task_events.h"
#include "services/dispatch/adapters/redis_call_task_store.h"
#include "services/dispatch/adapters/redis_keys.h"
#include "services/dispatch/adapters/redis_message_ledger.h"
#include "services/dispatch/app/call_tasks_app.h"
#include "tests/fakes/dispatch_call_task_fakes.h"
#include "tests/fakes/dispatch_fakes.h"
#include "tests/integration/kafka_probe.h"
#include "tests/integration/test_env.h"

namespace careloop {
namespace {

constexpr int kDb = 18;
namespace dapp = dispatch::app;
namespace ddomain = dispatch::domain;
namespace dpb = careloop::dispatch::v1;

Instant At(std::string_view text) {
  return *ParseRfc3339(text);
}

auth::Principal Staff(std::string name) {
  return {std::move(name), auth::Role::kAdvisor, {"S001"}, false};
}

class CallTaskStoreTest : public ::testing::Test {
 protected:
  CallTaskStoreTest()
      : pool_(testing::FreshRedis(kDb)),
        clock_(At("2026-11-22T10:00:00+08:00")),
        stores_({Store()}),
        store_(*pool_, clock_),
        ledger_(*pool_, clock_),
        app_(store_, directory_, booker_, clock_, stores_),
        customer_id_(NewRandomId("cus-ct-")) {
    ddomain::Contact contact;
    contact.customer_id = customer_id_;
    contact.store_id = "S001";
    contact.name = "王小明";
    contact.mobile = "13912345678";
    contact.gender = 1;
    contact.plates["veh-1"] = "京A12345";
    contact.models["veh-1"] = "星途瑶光";
    contact.advisors["veh-1"] = "sa-li";
    directory_.contacts[customer_id_] = contact;
  }

  static config::StoreSettings Store() {
    config::StoreSettings store{"S001", "星途汽车朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"};
    store.manager = "manager-chen";
    return store;
  }

  dapp::TaskOrder Order(const std::string& reminder_id,
                        ddomain::TaskChannel channel = ddomain::TaskChannel::kPhoneCall) {
    dapp::TaskOrder order;
    order.request = {reminder_id, 1, ddomain::CareKind::kWinBack, customer_id_, "S001", "veh-1"};
    order.channel = channel;
    order.message_id = ddomain::MessageIdFor(reminder_id, 1, ddomain::TaskChannelWord(channel));
    return order;
  }

  std::string Opened(const dapp::TaskOrder& order) {
    auto id = app_.Open(order);
    EXPECT_TRUE(id.ok()) << id.error().ToString();
    return id.value();
  }

  long long Outbox() { return pool_->Acquire()->Run({"XLEN", dispatch::adapters::keys::kOutbox}).Integer(); }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  dispatch::adapters::RedisCallTaskStore store_;
  dispatch::adapters::RedisMessageLedger ledger_;
  testing::FakeContactDirectory directory_;
  testing::FakeAppointmentBooker booker_;
  dapp::CallTasksApp app_;
  std::string customer_id_;
};

TEST_F(CallTaskStoreTest, OpensOnceWithItsLedgerMessageAndEvent) {
  const std::string id = Opened(Order("rem-1"));
  EXPECT_EQ(Opened(Order("rem-1")), id);
  EXPECT_EQ(Outbox(), 1);
  const auto task = store_.Find(id);
  ASSERT_TRUE(task);
  EXPECT_EQ(task->assignee, "sa-li");
  EXPECT_EQ(task->due_at, At("2026-11-22T18:00:00+08:00"));
  EXPECT_EQ(task->car, "京A12345（星途瑶光）");
  EXPECT_NE(task->script.find("王先生"), std::string::npos);
  const auto message = ledger_.Find(task->message_id);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->channel, "call");
  EXPECT_EQ(message->call_task_id, id);
  EXPECT_EQ(message->status, ddomain::MessageStatus::kSent);
  EXPECT_FALSE(ledger_.Claim(*message, {}));  // the step is settled: no SMS under its id
  ASSERT_EQ(ledger_.ListByCustomer(customer_id_, 10).size(), 1u);
  ASSERT_EQ(store_.ListByStore("S001").size(), 1u);
}

TEST_F(CallTaskStoreTest, ListsEarliestDueFirstWithUndatedFaceToFaceLast) {
  const std::string face = Opened(Order("rem-f", ddomain::TaskChannel::kFaceToFace));
  auto early = Order("rem-e");
  early.due_at = At("2026-11-22T12:00:00+08:00");
  const std::string first = Opened(early);
  const std::string later = Opened(Order("rem-l"));
  auto listed = app_.List(Staff("sa-li"), {"S001", "sa-li"});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ((*listed)[0].task_id, first);
  EXPECT_EQ((*listed)[1].task_id, later);
  EXPECT_EQ((*listed)[2].task_id, face);
}

TEST_F(CallTaskStoreTest, ARefusedCompletionWritesNothingAndARetriedOnePublishesOnce) {
  const std::string id = Opened(Order("rem-1"));
  const long long opened = Outbox();
  EXPECT_EQ(app_.Complete(Staff("sa-wu"), id, {ddomain::CallOutcome::kReached}, "req-1").error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(app_.Complete(Staff("sa-li"), id, {ddomain::CallOutcome::kAppointmentBooked}, "req-1").error().field,
            "appointment_at");
  EXPECT_EQ(Outbox(), opened);
  EXPECT_FALSE(store_.CompletionRequest(id));
  EXPECT_EQ(store_.Find(id)->status, ddomain::TaskStatus::kOpen);

  ddomain::Completion complaint{ddomain::CallOutcome::kComplaint, "上次保养后异响"};
  auto done = app_.Complete(Staff("sa-li"), id, complaint, "req-1");
  ASSERT_TRUE(done.ok()) << done.error().ToString();
  EXPECT_TRUE(app_.Complete(Staff("sa-li"), id, complaint, "req-1").ok());
  EXPECT_EQ(app_.Complete(Staff("sa-li"), id, {ddomain::CallOutcome::kReached}, "req-2").error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Outbox(), opened + 1);
  EXPECT_EQ(store_.CompletionRequest(id), "req-1");
  const auto stored = store_.Find(id);
  EXPECT_EQ(stored->outcome, ddomain::CallOutcome::kComplaint);
  EXPECT_EQ(stored->notes, "上次保养后异响");
  EXPECT_EQ(ledger_.Find(stored->message_id)->status, ddomain::MessageStatus::kDelivered);
}

TEST_F(CallTaskStoreTest, LateTasksEscalateOnceAndNeverOverACompletedTask) {
  const std::string late = Opened(Order("rem-late"));
  const std::string done = Opened(Order("rem-done"));
  const auto read_open = store_.Find(done);  // an escalation pass reads it before it is completed
  ASSERT_TRUE(read_open);
  clock_.Set(At("2026-11-22T17:00:00+08:00"));
  EXPECT_EQ(app_.EscalateOverdue(), 0);
  ASSERT_TRUE(app_.Complete(Staff("sa-li"), done, {ddomain::CallOutcome::kReached}, "req-d").ok());
  clock_.Set(At("2026-11-22T18:30:00+08:00"));
  ddomain::CallTask stale = *read_open;
  ASSERT_TRUE(ddomain::Escalate(stale, "manager-chen", clock_.Now()));
  const long long before = Outbox();
  store_.Escalate(stale);
  EXPECT_EQ(Outbox(), before);
  EXPECT_EQ(store_.Find(done)->status, ddomain::TaskStatus::kCompleted);
  EXPECT_FALSE(store_.Find(done)->late);

  EXPECT_EQ(app_.EscalateOverdue(), 1);
  EXPECT_EQ(app_.EscalateOverdue(), 0);
  EXPECT_EQ(Outbox(), before + 1);
  EXPECT_EQ(store_.Find(late)->escalated_to, "manager-chen");
  EXPECT_TRUE(store_.Find(late)->late);
  auto report = app_.Report(Staff("manager-chen"), "S001", "2026-11");
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->lines.size(), 1u);
  EXPECT_EQ(report->lines[0].tasks, 2);
  EXPECT_EQ(report->lines[0].done_on_time, 1);
  EXPECT_EQ(report->lines[0].late, 1);
}

TEST_F(CallTaskStoreTest, AFaceToFaceTaskIsDueOnTheVisitDayAndThenWatched) {
  const std::string id = Opened(Order("rem-f", ddomain::TaskChannel::kFaceToFace));
  clock_.Set(At("2026-11-25T09:00:00+08:00"));
  EXPECT_EQ(app_.EscalateOverdue(), 0);  // undated: never late
  EXPECT_EQ(app_.OnVisit(customer_id_, {2026, 11, 25}), 1);
  EXPECT_EQ(app_.OnVisit(customer_id_, {2026, 11, 25}), 0);
  EXPECT_EQ(store_.Find(id)->due_at, At("2026-11-25T18:00:00+08:00"));
  clock_.Set(At("2026-11-25T18:00:01+08:00"));
  EXPECT_EQ(app_.EscalateOverdue(), 1);
}

TEST_F(CallTaskStoreTest, TheCustomersVisitEventMakesTheFaceToFaceTaskDueThroughTheRoute) {
  const std::string id = Opened(Order("rem-f", ddomain::TaskChannel::kFaceToFace));
  events::Router router;
  dispatch::adapters::RouteCallTasks(router, app_);
  careloop::customer::v1::ServiceVisitRecorded visit;
  visit.set_customer_id(customer_id_);
  visit.set_store_id("S001");
  visit.set_visit_id("visit-1");
  *visit.mutable_visit_date() = events::ToProto(Date{2026, 11, 22});
  const kafka::CloudEvent event =
      events::MakeEvent(visit, "/careloop/customers", customer_id_, "evt-visit-1", clock_.Now());
  EXPECT_EQ(router(event).outcome, kafka::HandlerResult::Outcome::kDone);
  EXPECT_EQ(router(event).outcome, kafka::HandlerResult::Outcome::kDone);  // a replay changes nothing more
  EXPECT_EQ(store_.Find(id)->due_at, At("2026-11-22T18:00:00+08:00"));
  careloop::customer::v1::ServiceVisitRecorded undated = visit;
  undated.clear_visit_date();
  EXPECT_EQ(
      router(events::MakeEvent(undated, "/careloop/customers", customer_id_, "evt-visit-2", clock_.Now())).outcome,
      kafka::HandlerResult::Outcome::kPoison);
}

TEST_F(CallTaskStoreTest, TheEventsReachTheBrokerWithoutPersonalData) {
  const std::string id = Opened(Order("rem-1"));
  clock_.Set(At("2026-11-22T19:00:00+08:00"));
  ASSERT_TRUE(
      app_.Complete(Staff("sa-li"), id, {ddomain::CallOutcome::kComplaint, "王先生说13912345678不要再打"}, "req-1")
          .ok());
  const auto& env = testing::TestEnv::Get();
  kafka::Producer producer(env.Kafka(), "dispatch-call-tasks-test");
  outbox::Relay relay(env.Redis(kDb), producer, dispatch::adapters::keys::kOutbox, "relay-1");
  relay.Start();
  EXPECT_TRUE(testing::Eventually([&] { return Outbox() == 0; }));
  relay.Stop();
  testing::TopicProbe probe(env.kafka_brokers, kafka::kDispatchTopic);
  const auto mine = [&](const kafka::CloudEvent& event) { return event.key == customer_id_; };
  std::vector<kafka::CloudEvent> events;
  for (auto& event :
       probe.ReadUntil([&](const auto& read) { return std::count_if(read.begin(), read.end(), mine) >= 2; })) {
    if (mine(event)) {
      events.push_back(std::move(event));
    }
  }
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].type, "careloop.dispatch.v1.CallTaskCreated");
  ASSERT_EQ(events[1].type, "careloop.dispatch.v1.CallTaskCompleted");
  dpb::CallTaskCompleted completed;
  ASSERT_TRUE(events::Decode(events[1], completed));
  EXPECT_EQ(completed.call_task_id(), id);
  EXPECT_EQ(completed.outcome(), dpb::CALL_OUTCOME_COMPLAINT);
  EXPECT_TRUE(completed.late());
  EXPECT_EQ(completed.channel(), careloop::common::v1::CHANNEL_PHONE_CALL);
  for (const auto& event : events) {
    EXPECT_EQ(event.data.find("13912345678"), std::string::npos);
    EXPECT_EQ(event.data.find("王"), std::string::npos);
  }
}

}  // namespace
}  // namespace careloop
