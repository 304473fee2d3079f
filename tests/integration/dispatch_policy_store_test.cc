// Store templates, contact policies and the complaint pause on a real redis-server: the use cases
// over the Redis stores, the complaint case events through the service's own routes, and
// DispatchApp writing a complaint_open suppression into the Redis ledger.
#include <gtest/gtest.h>

#include "careloop/survey/v1/events.pb.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "common/events/proto_event.h"
#include "services/dispatch/adapters/complaint_routes.h"
#include "services/dispatch/adapters/redis_message_ledger.h"
#include "services/dispatch/adapters/redis_policy_store.h"
#include "services/dispatch/app/contact_policy_app.h"
#include "services/dispatch/app/templates_app.h"
#include "tests/fakes/dispatch_fakes.h"
#include "tests/integration/test_env.h"

namespace careloop {
namespace {

constexpr int kDb = 20;

namespace dapp = dispatch::app;
namespace ddomain = dispatch::domain;
namespace survey_pb = careloop::survey::v1;

const auth::Principal kManager{"mgr-1", auth::Role::kManager, {"S001"}, false};

class DispatchPolicyStoreTest : public ::testing::Test {
 protected:
  DispatchPolicyStoreTest()
      : pool_(testing::FreshRedis(kDb)),
        clock_(*ParseRfc3339("2026-11-22T10:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}}),
        template_store_(*pool_),
        policy_store_(*pool_),
        paused_(*pool_),
        templates_(template_store_, directory_, clock_, stores_, ddomain::DefaultTemplates()),
        policies_(policy_store_, paused_, clock_, stores_, dapp::DispatchPolicy{}) {
    ddomain::Contact contact;
    contact.customer_id = "cus-1";
    contact.store_id = "S001";
    contact.name = "李雷";
    contact.mobile = "13912345678";
    contact.plates["veh-1"] = "京A12345";
    contact.models["veh-1"] = "星途瑶光";
    directory_.contacts["cus-1"] = contact;
  }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  testing::FakeContactDirectory directory_;
  dispatch::adapters::RedisTemplateStore template_store_;
  dispatch::adapters::RedisContactPolicyStore policy_store_;
  dispatch::adapters::RedisPausedCustomers paused_;
  dapp::TemplatesApp templates_;
  dapp::ContactPolicyApp policies_;
};

TEST_F(DispatchPolicyStoreTest, AWeChatTemplateIsStoredWithItsKeywordsAndReplacedBySavingAgain) {
  ddomain::StoreTemplate tmpl;
  tmpl.store_id = "S001";
  tmpl.kind = ddomain::CareKind::kFirstMaintenance;
  tmpl.channel = ddomain::TemplateChannel::kWechat;
  tmpl.body = "${name}您好，您的爱车${plate}该做首保了";
  tmpl.provider_template_code = "wx-TPL-1";
  tmpl.keywords = {{"first", "${name}您好"}, {"keyword1", "${plate}（${model}）"}, {"keyword2", "${due_date}"}};
  ASSERT_TRUE(templates_.Upsert(kManager, tmpl).ok());
  tmpl.keywords.push_back({"remark", "预约电话${store_phone}"});
  ASSERT_TRUE(templates_.Upsert(kManager, tmpl).ok());

  dispatch::adapters::RedisTemplateStore reopened(*pool_);
  const auto listed = reopened.ListByStore("S001");
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(listed[0].template_id, "tpl-S001-wechat-first_maintenance");
  ASSERT_EQ(listed[0].keywords.size(), 4U);
  EXPECT_EQ(listed[0].keywords[1].value, "${plate}（${model}）");
  EXPECT_EQ(listed[0].channel, ddomain::TemplateChannel::kWechat);

  auto preview = templates_.Preview(kManager, "S001", ddomain::CareKind::kFirstMaintenance,
                                    ddomain::TemplateChannel::kWechat, "", "cus-1");
  ASSERT_TRUE(preview.ok()) << preview.error().ToString();
  ASSERT_EQ(preview->keywords.size(), 4U);
  EXPECT_EQ(preview->keywords[1].value, "京A12345（星途瑶光）");
  EXPECT_EQ(preview->keywords[3].value, "预约电话010-85556666");
  // The SMS book is untouched: a WeChat template never replaces the SMS text.
  EXPECT_EQ(templates_.Find("S001", "first_maintenance")->code, "SMS_CL_FIRST_MAINT");
}

TEST_F(DispatchPolicyStoreTest, AStorePolicyIsStoredAndReadBackWhole) {
  ddomain::StorePolicy values = policies_.PolicyOf("S001");
  values.max_marketing_per_day = 1;
  values.critical_quiet = ddomain::QuietHours{TimeOfDay{23 * 60}, TimeOfDay{7 * 60 + 30}};
  values.same_day_rule = ddomain::SameDayRule::kDefer;
  values.priority = {ddomain::CareKind::kCampaign, ddomain::CareKind::kHolidayGreeting};
  ASSERT_TRUE(
      policies_.Update(kManager, values, {"max_marketing_per_day", "critical_quiet_hours", "same_day_rule", "priority"})
          .ok());

  dispatch::adapters::RedisContactPolicyStore reopened(*pool_);
  const auto stored = reopened.Find("S001");
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->max_marketing_per_day, 1);
  ASSERT_TRUE(stored->critical_quiet.has_value());
  EXPECT_EQ(stored->critical_quiet->end, TimeOfDay{7 * 60 + 30});
  EXPECT_EQ(stored->same_day_rule, ddomain::SameDayRule::kDefer);
  EXPECT_EQ(stored->priority, values.priority);
  EXPECT_EQ(stored->updated_by, "mgr-1");
  EXPECT_FALSE(reopened.Find("").has_value());  // the group default stays the settings'
}

TEST_F(DispatchPolicyStoreTest, ComplaintCaseEventsPauseAndResumeMarketingOncePerCase) {
  events::Router routes;
  dispatch::adapters::RouteComplaintCases(routes, policies_);
  survey_pb::ComplaintCaseOpened opened;
  opened.set_case_id("case-1");
  opened.set_customer_id("cus-1");
  opened.set_store_id("S001");
  const auto open_event = events::MakeEvent(opened, "/careloop/surveys", "cus-1", "evt-1", clock_.Now());
  EXPECT_EQ(routes(open_event).outcome, kafka::HandlerResult::Outcome::kDone);
  EXPECT_EQ(routes(open_event).outcome, kafka::HandlerResult::Outcome::kDone);  // a replay
  opened.set_case_id("case-2");
  EXPECT_EQ(routes(events::MakeEvent(opened, "/careloop/surveys", "cus-1", "evt-2", clock_.Now())).outcome,
            kafka::HandlerResult::Outcome::kDone);
  EXPECT_TRUE(paused_.IsPaused("cus-1"));

  survey_pb::ComplaintCaseResolved resolved;
  resolved.set_case_id("case-1");
  resolved.set_customer_id("cus-1");
  EXPECT_EQ(routes(events::MakeEvent(resolved, "/careloop/surveys", "cus-1", "evt-3", clock_.Now())).outcome,
            kafka::HandlerResult::Outcome::kDone);
  EXPECT_TRUE(paused_.IsPaused("cus-1"));  // case-2 is still open
  resolved.set_case_id("case-2");
  EXPECT_EQ(routes(events::MakeEvent(resolved, "/careloop/surveys", "cus-1", "evt-4", clock_.Now())).outcome,
            kafka::HandlerResult::Outcome::kDone);
  EXPECT_FALSE(paused_.IsPaused("cus-1"));

  survey_pb::ComplaintCaseOpened nameless;
  nameless.set_case_id("case-3");
  EXPECT_EQ(routes(events::MakeEvent(nameless, "/careloop/surveys", "", "evt-5", clock_.Now())).outcome,
            kafka::HandlerResult::Outcome::kPoison);
}

TEST_F(DispatchPolicyStoreTest, MarketingToAPausedCustomerIsSuppressedInTheLedgerWithItsReason) {
  dispatch::adapters::RedisMessageLedger ledger(*pool_, clock_);
  testing::FakeCauseCheck causes;
  testing::FakeSmsSender sms;
  dapp::DispatchApp app(ledger, directory_, causes, sms, clock_, stores_, ddomain::DefaultTemplates(), {});
  app.UseTemplateBook(templates_);
  app.UseContactPolicies(policies_);
  app.UsePausedCustomers(paused_);
  ASSERT_TRUE(policies_.CaseOpened("cus-1", "case-1").ok());
  const ddomain::SendRequest birthday{"rem-b", 1, ddomain::CareKind::kBirthday, "cus-1", "S001", "", {2026, 11, 22}};
  EXPECT_EQ(app.Process(birthday).value(), dapp::Outcome::kSuppressed);
  const auto stored = ledger.Find(ddomain::MessageIdFor("rem-b", 1, "sms"));
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->suppression, ddomain::Suppression::kComplaintOpen);
  EXPECT_TRUE(sms.sent.empty());
}

}  // namespace
}  // namespace careloop
