// Complaint cases on a real redis-server: CasesApp over RedisCaseRepository. A case and its
// ComplaintCaseOpened are one step, a replayed opening writes nothing, a refused resolve writes
// nothing, a repeated update request publishes once; the events reach the dev broker without the
// summary or notes, and dispatch's complaint routes pause the customer's marketing on them (and
// resume it on the resolution).
#include <gtest/gtest.h>

#include <algorithm>

#include "careloop/dispatch/v1/events.pb.h"
#include "careloop/reminder/v1/events.pb.h"
#include "careloop/survey/v1/events.pb.h"
#include "common/base/ids.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "common/events/proto_event.h"
#include "common/kafka/producer.h"
#include "common/outbox/outbox.h"
#include "services/dispatch/adapters/complaint_routes.h"
#include "services/dispatch/adapters/redis_case_roster.h"
#include "services/dispatch/adapters/redis_policy_store.h"
#include "services/dispatch/app/contact_policy_app.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/surveys/adapters/case_events.h"
#include "services/surveys/adapters/redis_case_repository.h"
#include "services/surveys/adapters/redis_keys.h"
#include "services/surveys/app/cases_app.h"
#include "tests/fakes/dispatch_plan_fakes.h"
#include "tests/integration/kafka_probe.h"
#include "tests/integration/test_env.h"

namespace careloop {
namespace {

constexpr int kDb = 44;
namespace sapp = surveys::app;
namespace sdomain = surveys::domain;
namespace spb = careloop::survey::v1;

Instant At(std::string_view text) {
  return *ParseRfc3339(text);
}

std::map<std::string, sdomain::CaseRules> Rules() {
  sdomain::CaseRules rules;
  rules.manager = "店总";
  rules.managers_of = {{"周顾问", "服务经理王"}};
  rules.required_steps = {sdomain::HandlingStep::kGetFacts, sdomain::HandlingStep::kFollowUp};
  return {{"S001", rules}};
}

class CaseStoreTest : public ::testing::Test {
 protected:
  CaseStoreTest()
      : pool_(testing::FreshRedis(kDb)),
        clock_(At("2026-12-01T10:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}}),
        repository_(*pool_, clock_),
        app_(repository_, clock_, stores_, Rules()),
        customer_id_(NewRandomId("cus-case-")) {}

  long long Outbox() { return pool_->Acquire()->Run({"XLEN", surveys::adapters::keys::kOutbox}).Integer(); }

  // Relays the outbox to the broker and reads back this test's customer's first `count` events.
  std::vector<kafka::CloudEvent> RelayedEvents(size_t count) {
    const auto& env = testing::TestEnv::Get();
    kafka::Producer producer(env.Kafka(), "surveys-cases-test");
    outbox::Relay relay(env.Redis(kDb), producer, surveys::adapters::keys::kOutbox, "relay-" + customer_id_);
    relay.Start();
    EXPECT_TRUE(testing::Eventually([&] { return Outbox() == 0; }));
    relay.Stop();
    testing::TopicProbe probe(env.kafka_brokers, kafka::kSurveyTopic);
    const auto mine = [&](const kafka::CloudEvent& event) { return event.key == customer_id_; };
    std::vector<kafka::CloudEvent> events;
    for (auto& event : probe.ReadUntil([&](const auto& read) {
           return static_cast<size_t>(std::count_if(read.begin(), read.end(), mine)) >= count;
         })) {
      if (mine(event)) {
        events.push_back(std::move(event));
      }
    }
    return events;
  }

  sapp::OpenCaseCommand ByPhone(const std::string& request_id) const {
    sapp::OpenCaseCommand command;
    command.customer_id = customer_id_;
    command.store_id = "S001";
    command.source = sdomain::CaseSource::kPhone;
    command.advisor = "周顾问";
    command.summary = "王先生来电投诉：13912345678 等了三小时";
    command.request_id = request_id;
    return command;
  }

  sapp::UpdateCaseCommand Step(const std::string& case_id, sdomain::HandlingStep step,
                               const std::string& request_id = "") const {
    sapp::UpdateCaseCommand update;
    update.case_id = case_id;
    update.step = sdomain::CaseStep{step, "已致电王先生，承诺免工时费", "", {}};
    update.request_id = request_id;
    return update;
  }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  surveys::adapters::RedisCaseRepository repository_;
  sapp::CasesApp app_;
  std::string customer_id_;
  const auth::Principal clerk_ = {"李客服", auth::Role::kClerk, {"S001"}, false};
};

TEST_F(CaseStoreTest, ACaseAndItsEventAreOneStepOnce) {
  const auto opened = app_.Open(clerk_, ByPhone("req-1"));
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  EXPECT_EQ(opened->owner, "服务经理王");
  EXPECT_EQ(Outbox(), 1);
  const auto again = app_.Open(clerk_, ByPhone("req-1"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->case_id, opened->case_id);
  EXPECT_EQ(Outbox(), 1);
  const auto stored = repository_.Get(opened->case_id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->summary, "王先生来电投诉：13912345678 等了三小时");
  EXPECT_EQ(stored->deadline_at, At("2026-12-04T10:00:00+08:00"));
}

TEST_F(CaseStoreTest, ARefusedResolveWritesNothing) {
  const auto opened = *app_.Open(clerk_, ByPhone("req-1"));
  ASSERT_TRUE(app_.Update(clerk_, Step(opened.case_id, sdomain::HandlingStep::kGetFacts)).ok());
  const long long before = Outbox();
  const auto refused = app_.Resolve(clerk_, opened.case_id, sdomain::CaseResolution::kCustomerSatisfied, "", "r1");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "steps");
  EXPECT_EQ(Outbox(), before);
  EXPECT_EQ(repository_.Get(opened.case_id)->status, sdomain::CaseStatus::kInProgress);
}

TEST_F(CaseStoreTest, ARepeatedUpdateRequestPublishesOnce) {
  const auto opened = *app_.Open(clerk_, ByPhone("req-1"));
  ASSERT_TRUE(app_.Update(clerk_, Step(opened.case_id, sdomain::HandlingStep::kGetFacts, "u1")).ok());
  const auto again = app_.Update(clerk_, Step(opened.case_id, sdomain::HandlingStep::kGetFacts, "u1"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->steps.size(), 1u);
  EXPECT_EQ(Outbox(), 2);
  const auto unknown = app_.Update(clerk_, Step("case-nope", sdomain::HandlingStep::kGetFacts));
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_F(CaseStoreTest, ListsByStoreAndCustomerEarliestDeadlineFirst) {
  const auto minor = *app_.Open(clerk_, ByPhone("req-1"));
  auto urgent_command = ByPhone("req-2");
  urgent_command.severity = sdomain::CaseSeverity::kMajor;
  const auto major = *app_.Open(clerk_, urgent_command);
  const auto listed = app_.List(clerk_, {"S001"});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].case_id, major.case_id);
  EXPECT_EQ((*listed)[1].case_id, minor.case_id);
  // A deadline change moves the case in the index.
  sapp::UpdateCaseCommand later;
  later.case_id = major.case_id;
  later.deadline_at = At("2026-12-10T10:00:00+08:00");
  ASSERT_TRUE(app_.Update(clerk_, later).ok());
  const auto by_customer = app_.List(clerk_, {"", customer_id_});
  ASSERT_EQ(by_customer->size(), 2u);
  EXPECT_EQ((*by_customer)[0].case_id, minor.case_id);
}

TEST_F(CaseStoreTest, TheEventsReachTheBrokerWithoutTextAndPauseMarketing) {
  const auto opened = *app_.Open(clerk_, ByPhone("req-1"));
  ASSERT_TRUE(app_.Update(clerk_, Step(opened.case_id, sdomain::HandlingStep::kGetFacts)).ok());
  ASSERT_TRUE(app_.Update(clerk_, Step(opened.case_id, sdomain::HandlingStep::kFollowUp)).ok());
  clock_.Set(At("2026-12-02T10:00:00+08:00"));
  ASSERT_TRUE(
      app_.Resolve(clerk_, opened.case_id, sdomain::CaseResolution::kCustomerSatisfied, "王先生满意", "r1").ok());

  const std::vector<kafka::CloudEvent> events = RelayedEvents(4);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].type, "careloop.survey.v1.ComplaintCaseOpened");
  EXPECT_EQ(events[1].type, "careloop.survey.v1.ComplaintCaseUpdated");
  EXPECT_EQ(events[2].type, "careloop.survey.v1.ComplaintCaseUpdated");
  ASSERT_EQ(events[3].type, "careloop.survey.v1.ComplaintCaseResolved");
  spb::ComplaintCaseOpened opened_event;
  ASSERT_TRUE(events::Decode(events[0], opened_event));
  EXPECT_EQ(opened_event.case_id(), opened.case_id);
  EXPECT_EQ(opened_event.owner(), "服务经理王");
  EXPECT_EQ(opened_event.source(), spb::CASE_SOURCE_PHONE);
  spb::ComplaintCaseUpdated step;
  ASSERT_TRUE(events::Decode(events[1], step));
  EXPECT_EQ(step.step(), spb::HANDLING_STEP_GET_FACTS);
  EXPECT_EQ(step.status(), spb::CASE_STATUS_IN_PROGRESS);
  EXPECT_EQ(step.updated_by(), "李客服");
  spb::ComplaintCaseResolved resolved;
  ASSERT_TRUE(events::Decode(events[3], resolved));
  EXPECT_EQ(resolved.resolution(), spb::CASE_RESOLUTION_CUSTOMER_SATISFIED);
  EXPECT_TRUE(resolved.within_deadline());
  for (const auto& event : events) {
    EXPECT_EQ(event.data.find("13912345678"), std::string::npos);
    EXPECT_EQ(event.data.find("王先生"), std::string::npos);
    EXPECT_EQ(event.data.find("免工时费"), std::string::npos);
  }

  // Dispatch's complaint routes on the same events: paused while open, resumed when resolved.
  // (Dispatch's keys live beside the surveys' in this binary's database: `cl:disp:` vs `cl:surv:`.)
  dispatch::adapters::RedisContactPolicyStore policies(*pool_);
  dispatch::adapters::RedisPausedCustomers paused(*pool_);
  dispatch::app::ContactPolicyApp policy_app(policies, paused, clock_, stores_, dispatch::app::DispatchPolicy{});
  events::Router routes;
  dispatch::adapters::RouteComplaintCases(routes, policy_app);
  ASSERT_EQ(routes(events[0]).outcome, kafka::HandlerResult::Outcome::kDone);
  EXPECT_TRUE(paused.IsPaused(customer_id_));
  ASSERT_EQ(routes(events[3]).outcome, kafka::HandlerResult::Outcome::kDone);
  EXPECT_FALSE(paused.IsPaused(customer_id_));
}

TEST_F(CaseStoreTest, TheOwnersFollowUpCallsComeFromTheHalfwayTimerAndTheEscalation) {
  const auto opened = *app_.Open(clerk_, ByPhone("req-calls"));  // owner 服务经理王, due 12-04 10:00
  clock_.Set(At("2026-12-04T10:30:00+08:00"));
  ASSERT_TRUE(app_.OnFollowUpDue(opened.case_id).ok());  // the deadline's timer: escalated to 店总

  const std::vector<kafka::CloudEvent> events = RelayedEvents(2);
  ASSERT_EQ(events.size(), 2u);
  ASSERT_EQ(events[1].type, "careloop.survey.v1.ComplaintCaseUpdated");

  // Dispatch's case routes (their roster on this Redis: `cl:disp:case:`), with the desk faked.
  dispatch::adapters::RedisCaseRoster roster(*pool_);
  testing::FakeTaskDesk desk;
  dispatch::app::CaseFollowUpsApp follow_ups(roster, desk);
  events::Router routes;
  dispatch::adapters::RouteCaseFollowUps(routes, follow_ups);
  ASSERT_EQ(routes(events[0]).outcome, kafka::HandlerResult::Outcome::kDone);
  ASSERT_TRUE(roster.Find(opened.case_id).has_value());
  EXPECT_EQ(roster.Find(opened.case_id)->owner, "服务经理王");
  EXPECT_EQ(roster.Find(opened.case_id)->deadline_at, At("2026-12-04T10:00:00+08:00"));

  // The reminders service's half-way firing (12-02 22:00): the owner's call, once however often.
  careloop::reminder::v1::CaseFollowUpDue half;
  half.set_reminder_id("rem-case-half");
  half.set_customer_id(customer_id_);
  half.set_store_id("S001");
  half.set_case_id(opened.case_id);
  half.set_occurrence(1);
  *half.mutable_due_at() = events::ToTimestamp(At("2026-12-02T22:00:00+08:00"));
  const auto half_event = events::MakeEvent(half, "/careloop/reminders", customer_id_, "evt-half", clock_.Now());
  ASSERT_EQ(routes(half_event).outcome, kafka::HandlerResult::Outcome::kDone);
  ASSERT_EQ(routes(half_event).outcome, kafka::HandlerResult::Outcome::kDone);
  ASSERT_EQ(desk.opened.size(), 1u);
  EXPECT_EQ(desk.opened.begin()->second.assignee, "服务经理王");
  EXPECT_EQ(desk.opened.begin()->second.case_id, opened.case_id);

  // The escalation the surveys service published is the manager's call.
  ASSERT_EQ(routes(events[1]).outcome, kafka::HandlerResult::Outcome::kDone);
  ASSERT_EQ(desk.opened.size(), 2u);
  EXPECT_EQ(roster.Find(opened.case_id)->owner, "店总");
  const bool manager_called = std::any_of(desk.opened.begin(), desk.opened.end(),
                                          [](const auto& entry) { return entry.second.assignee == "店总"; });
  EXPECT_TRUE(manager_called);
}

TEST_F(CaseStoreTest, AComplaintCallOpensOneCaseThroughTheRoutes) {
  events::Router routes;
  surveys::adapters::RouteCases(routes, app_);
  careloop::dispatch::v1::CallTaskCompleted completed;
  completed.set_call_task_id("task-1");
  completed.set_customer_id(customer_id_);
  completed.set_store_id("S001");
  completed.set_outcome(careloop::dispatch::v1::CALL_OUTCOME_COMPLAINT);
  completed.set_completed_by("李客服");
  const auto event = events::MakeEvent(completed, "/careloop/dispatch", customer_id_, "evt-task-1", clock_.Now());
  ASSERT_EQ(routes(event).outcome, kafka::HandlerResult::Outcome::kDone);
  ASSERT_EQ(routes(event).outcome, kafka::HandlerResult::Outcome::kDone);
  EXPECT_EQ(Outbox(), 1);
  const auto listed = app_.List(clerk_, {"", customer_id_});
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].summary, "电话回访中客户投诉");
  EXPECT_EQ((*listed)[0].source, sdomain::CaseSource::kPhone);

  completed.set_call_task_id("task-2");
  completed.set_outcome(careloop::dispatch::v1::CALL_OUTCOME_REACHED);
  ASSERT_EQ(
      routes(events::MakeEvent(completed, "/careloop/dispatch", customer_id_, "evt-task-2", clock_.Now())).outcome,
      kafka::HandlerResult::Outcome::kDone);
  EXPECT_EQ(Outbox(), 1);
}

}  // namespace
}  // namespace careloop
