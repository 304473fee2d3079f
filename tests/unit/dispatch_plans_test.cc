// Channel plans with fallback and the WeChat channel: the domain rules (validation, the walk,
// the default table, WeChat data) and the executor over the in-memory fakes
// (tests/fakes/dispatch_fakes.h, tests/fakes/dispatch_plan_fakes.h).
#include <gtest/gtest.h>

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/dispatch/app/channel_plans_app.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/plan_executor.h"
#include "services/dispatch/app/templates_app.h"
#include "services/dispatch/app/wechat_follows.h"
#include "services/dispatch/domain/channel_plan.h"
#include "services/dispatch/domain/wechat_templates.h"
#include "tests/fakes/dispatch_fakes.h"
#include "tests/fakes/dispatch_plan_fakes.h"
#include "tests/fakes/dispatch_policy_fakes.h"

namespace careloop::dispatch {
namespace {

using domain::ChannelPlan;
using domain::MessageStatus;
using domain::PlanVerdict;
using domain::StepChannel;
using domain::StepState;

constexpr int kMinute = 60'000;

ChannelPlan Plan(std::vector<domain::PlanStep> steps, std::vector<std::string> kinds = {}) {
  ChannelPlan plan;
  plan.plan_id = "s001-care";
  plan.store_id = "S001";
  plan.display_name = "朝阳店关怀";
  plan.steps = std::move(steps);
  plan.kinds = std::move(kinds);
  return plan;
}

std::string FieldOf(const Status& status) {
  return status.ok() ? "" : status.error().field;
}

// ---- domain: validation ------------------------------------------------------------------

TEST(ChannelPlanValidation, AcceptsWeChatThenSmsThenCall) {
  EXPECT_TRUE(domain::ValidatePlan(Plan({{StepChannel::kWeChat, 60},
                                         {StepChannel::kSms, 1440},
                                         {StepChannel::kPhoneCall, 0, domain::StepAssignee::kAssignedAdvisor}},
                                        {"first_maintenance", "case_follow_up"}))
                  .ok());
}

TEST(ChannelPlanValidation, NamesTheFieldOfEachMistake) {
  EXPECT_EQ(FieldOf(domain::ValidatePlan(Plan({}))), "channel_plan.steps");
  EXPECT_EQ(FieldOf(domain::ValidatePlan(
                Plan({{StepChannel::kWeChat, 60}, {StepChannel::kSms, 60}, {StepChannel::kWeChat, 0}}))),
            "channel_plan.steps[2].channel");  // a loop back to WeChat
  EXPECT_EQ(FieldOf(domain::ValidatePlan(Plan({{StepChannel::kPhoneCall, 0}, {StepChannel::kSms, 0}}))),
            "channel_plan.steps[1].channel");  // nothing after a staff step
  EXPECT_EQ(FieldOf(domain::ValidatePlan(Plan({{StepChannel::kWeChat, 60}, {StepChannel::kSms, 30}}))),
            "channel_plan.steps[1].fallback_after_minutes");  // the last step has nothing to fall back to
  EXPECT_EQ(FieldOf(domain::ValidatePlan(Plan({{StepChannel::kWeChat, -5}, {StepChannel::kSms, 0}}))),
            "channel_plan.steps[0].fallback_after_minutes");
  EXPECT_EQ(FieldOf(domain::ValidatePlan(Plan({{StepChannel::kSms, 0, domain::StepAssignee::kAssignedAdvisor}}))),
            "channel_plan.steps[0].assignee");
  EXPECT_EQ(FieldOf(domain::ValidatePlan(Plan({{StepChannel::kSms, 0}}, {"oil_change"}))),
            "channel_plan.default_for_kinds[0]");
  ChannelPlan reserved = Plan({{StepChannel::kSms, 0}});
  reserved.plan_id = "call_task";
  EXPECT_EQ(FieldOf(domain::ValidatePlan(reserved)), "channel_plan.channel_plan_id");
  ChannelPlan unnamed = Plan({{StepChannel::kSms, 0}});
  unnamed.display_name.clear();
  EXPECT_EQ(FieldOf(domain::ValidatePlan(unnamed)), "channel_plan.display_name");
}

TEST(ChannelPlanDefaults, EveryCareKindHasAValidDefaultAndCallTaskIsCallFirst) {
  for (const auto& kind : domain::PlanKindWords()) {
    ChannelPlan plan = domain::DefaultPlanFor(kind);
    EXPECT_EQ(plan.plan_id, "default_" + kind);
    EXPECT_EQ(plan.kinds, std::vector<std::string>{kind});
    plan.plan_id.clear();  // built-in ids are reserved for stored plans
    EXPECT_TRUE(domain::ValidatePlan(plan).ok()) << kind;
  }
  EXPECT_EQ(domain::PlanKindWords().size(), 16u);
  EXPECT_EQ(domain::DefaultPlanFor("first_maintenance").steps.front().channel, StepChannel::kWeChat);
  EXPECT_EQ(domain::DefaultPlanFor("case_follow_up").steps.front().channel, StepChannel::kPhoneCall);
  const ChannelPlan* call_first = domain::FindDefaultPlan("call_task");
  ASSERT_NE(call_first, nullptr);
  ASSERT_EQ(call_first->steps.size(), 1u);
  EXPECT_EQ(call_first->steps[0].channel, StepChannel::kPhoneCall);
  // Greetings never become a staff call.
  for (const auto& step : domain::DefaultPlanFor("birthday").steps) {
    EXPECT_FALSE(domain::IsStaffStep(step.channel));
  }
}

// ---- domain: the walk --------------------------------------------------------------------

class WalkPlanTest : public ::testing::Test {
 protected:
  ChannelPlan plan_ = Plan({{StepChannel::kWeChat, 60}, {StepChannel::kSms, 1440}, {StepChannel::kPhoneCall, 0}});
  Instant sent_ = *ParseRfc3339("2026-11-22T10:00:00+08:00");
};

TEST_F(WalkPlanTest, StartsWithTheFirstStep) {
  const auto position = domain::WalkPlan(plan_, {std::nullopt, std::nullopt, std::nullopt}, sent_);
  EXPECT_EQ(position.verdict, PlanVerdict::kRun);
  EXPECT_EQ(position.step, 0u);
}

TEST_F(WalkPlanTest, WaitsForTheReceiptThenFallsBack) {
  const StepState wechat_sent{MessageStatus::kSent, domain::Suppression::kNone, sent_};
  auto waiting = domain::WalkPlan(plan_, {wechat_sent, std::nullopt, std::nullopt}, sent_ + Millis{59 * kMinute});
  EXPECT_EQ(waiting.verdict, PlanVerdict::kWait);
  EXPECT_EQ(waiting.fallback_at, sent_ + Millis{60 * kMinute});
  auto fallback = domain::WalkPlan(plan_, {wechat_sent, std::nullopt, std::nullopt}, sent_ + Millis{60 * kMinute});
  EXPECT_EQ(fallback.verdict, PlanVerdict::kRun);
  EXPECT_EQ(fallback.step, 1u);
  EXPECT_TRUE(fallback.earlier_went_out);
  EXPECT_EQ(fallback.reason, "微信未在60分钟内确认送达");
}

TEST_F(WalkPlanTest, ADeliveredStepEndsThePlan) {
  const StepState delivered{MessageStatus::kDelivered, domain::Suppression::kNone, sent_};
  EXPECT_EQ(domain::WalkPlan(plan_, {delivered, std::nullopt, std::nullopt}, sent_ + Days{3}).verdict,
            PlanVerdict::kDone);
}

TEST_F(WalkPlanTest, FailureOrNoContactMovesOnAtOnceButACapEndsThePlan) {
  const StepState failed{MessageStatus::kFailed, domain::Suppression::kNone, {}};
  EXPECT_EQ(domain::WalkPlan(plan_, {failed, std::nullopt, std::nullopt}, sent_).step, 1u);
  const StepState not_follower{MessageStatus::kSuppressed, domain::Suppression::kNoContact, {}};
  const auto next = domain::WalkPlan(plan_, {not_follower, std::nullopt, std::nullopt}, sent_);
  EXPECT_EQ(next.verdict, PlanVerdict::kRun);
  EXPECT_EQ(next.step, 1u);
  EXPECT_FALSE(next.earlier_went_out);  // the SMS is the first message out: the cap applies to it
  // A step with no entry before one with an entry was skipped: the walk passes it.
  const StepState sms_sent{MessageStatus::kSent, domain::Suppression::kNone, sent_};
  EXPECT_EQ(domain::WalkPlan(plan_, {std::nullopt, sms_sent, std::nullopt}, sent_).verdict, PlanVerdict::kWait);
  const StepState capped{MessageStatus::kSuppressed, domain::Suppression::kFrequencyCap, {}};
  EXPECT_EQ(domain::WalkPlan(plan_, {capped, std::nullopt, std::nullopt}, sent_).verdict, PlanVerdict::kDone);
}

TEST_F(WalkPlanTest, BothMessagesUndeliveredReachTheCallStep) {
  const StepState wechat{MessageStatus::kSent, domain::Suppression::kNone, sent_};
  const StepState sms{MessageStatus::kSent, domain::Suppression::kNone, sent_ + Millis{60 * kMinute}};
  const auto position = domain::WalkPlan(plan_, {wechat, sms, std::nullopt}, sent_ + Days{2});
  EXPECT_EQ(position.verdict, PlanVerdict::kRun);
  EXPECT_EQ(position.step, 2u);
}

TEST(WeChatTemplates, RenderTypedKeywordsAndCutLongThings) {
  const auto templates = domain::DefaultWeChatTemplates();
  const auto& maintenance = templates.at("first_maintenance");
  auto data = domain::RenderWeChatData(
      maintenance,
      {{"name", "王先生"}, {"plate", "京A12345"}, {"due_date", "2026年12月3日"}, {"store_phone", "010-85556666"}});
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(data->at("car_number2"), "京A12345");
  EXPECT_EQ(data->at("time4"), "2026年12月3日");
  domain::WeChatTemplate long_thing{"T", "标题", {{"thing1", "${text}"}}};
  auto cut = domain::RenderWeChatData(long_thing, {{"text", "一二三四五六七八九十一二三四五六七八九十一二"}});
  ASSERT_TRUE(cut.ok());
  EXPECT_EQ(cut->at("thing1"), "一二三四五六七八九十一二三四五六七八九…");
  EXPECT_FALSE(domain::RenderWeChatData(maintenance, {{"name", "王先生"}}).ok());  // no plate: refused
}

// ---- app: the executor --------------------------------------------------------------------

using careloop::testing::FakeCauseCheck;
using careloop::testing::FakeChannelPlanBook;
using careloop::testing::FakeContactDirectory;
using careloop::testing::FakeFallbackTimers;
using careloop::testing::FakeFollowBook;
using careloop::testing::FakeMessageLedger;
using careloop::testing::FakeSmsSender;
using careloop::testing::FakeTaskDesk;
using careloop::testing::FakeWeChatSender;

class PlanExecutorTest : public ::testing::Test {
 protected:
  PlanExecutorTest() : clock_(*ParseRfc3339("2026-11-22T10:00:00+08:00")), stores_({Store("S001"), Store("S002")}) {
    domain::Contact contact;
    contact.customer_id = "cus-1";
    contact.store_id = "S001";
    contact.name = "王小明";
    contact.mobile = "13912345678";
    contact.gender = 1;
    contact.wechat_openid = "oAbcdefghijklmnopqrstuvwxyz";
    contact.plates["veh-1"] = "京A12345";
    contact.models["veh-1"] = "星途瑶光";
    directory_.contacts["cus-1"] = contact;
    policy_.max_attempts = 1;
    app_.UseWeChat(wechat_, follows_, domain::DefaultWeChatTemplates());
    app_.UsePlans(executor_);
    executor_.UseTaskDesk(desk_);
  }

  static config::StoreSettings Store(const std::string& id) {
    config::StoreSettings store{id, "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"};
    store.merge_window_minutes = 0;
    store.message_gap_minutes = 0;
    return store;
  }

  static domain::SendRequest Due(const std::string& reminder_id) {
    return {reminder_id, 1, domain::CareKind::kFirstMaintenance, "cus-1", "S001", "veh-1", {2026, 12, 3}};
  }

  static std::string Id(const std::string& cause, const char* channel) {
    return domain::MessageIdFor(cause, 1, channel);
  }

  void Advance(int minutes) { clock_.Advance(Millis{int64_t{minutes} * kMinute}); }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  FakeMessageLedger ledger_;
  FakeContactDirectory directory_;
  FakeCauseCheck causes_;
  FakeSmsSender sms_;
  FakeWeChatSender wechat_;
  FakeFollowBook follow_book_;
  FakeChannelPlanBook book_;
  FakeFallbackTimers timers_;
  FakeTaskDesk desk_;
  app::DispatchPolicy policy_;
  app::DispatchApp app_{ledger_, directory_, causes_, sms_, clock_, stores_, domain::DefaultTemplates(), policy_};
  app::WeChatFollows follows_{follow_book_, clock_};
  app::ChannelPlansApp plans_{book_, clock_, stores_};
  app::PlanExecutor executor_{plans_, ledger_, timers_, clock_};
  auth::Principal admin_{"admin", auth::Role::kAdmin, {}, true};
  auth::Principal service_{"gateway", auth::Role::kService, {}, true};
};

TEST_F(PlanExecutorTest, AWeChatFollowerGetsWeChatAndNoSms) {
  auto outcome = app_.Process(Due("rem-1"));
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.value(), app::Outcome::kSent);
  ASSERT_EQ(wechat_.sent.size(), 1u);
  EXPECT_TRUE(sms_.sent.empty());
  EXPECT_EQ(wechat_.sent[0].message_id, Id("rem-1", "wechat"));
  EXPECT_EQ(wechat_.sent[0].template_id, "CL_WX_MAINTENANCE");
  EXPECT_EQ(wechat_.sent[0].data.at("car_number2"), "京A12345");
  const auto& message = ledger_.messages.at(Id("rem-1", "wechat"));
  EXPECT_EQ(message.channel, "wechat");
  EXPECT_EQ(message.provider, "wechat");
  EXPECT_EQ(message.channel_plan_id, "default_first_maintenance");
  EXPECT_EQ(message.masked_recipient.find("oAbcdefghijklmnop"), std::string::npos);  // masked
  // The receipt arrives in time: the check finds it delivered and sends nothing.
  ledger_.messages[Id("rem-1", "wechat")].status = MessageStatus::kDelivered;
  Advance(121);
  EXPECT_EQ(executor_.CheckFallbacks(app_), 1);
  EXPECT_TRUE(sms_.sent.empty());
  EXPECT_EQ(timers_.queue.QueuedCount(), 0u);
}

TEST_F(PlanExecutorTest, TheStoresOwnWeChatTemplateIsSentElseTheGroups) {
  careloop::testing::FakeTemplateStore store_templates;
  app::TemplatesApp templates(store_templates, directory_, clock_, stores_, domain::DefaultTemplates());
  app_.UseTemplateBook(templates);
  domain::StoreTemplate mine;
  mine.store_id = "S001";
  mine.kind = domain::CareKind::kFirstMaintenance;
  mine.channel = domain::TemplateChannel::kWechat;
  mine.display_name = "朝阳店保养提醒";
  mine.body = "${name}，${plate}该保养了";
  mine.keywords = {{"thing1", "${name}的爱车首保"}, {"car_number2", "${plate}"}};
  mine.provider_template_code = "WX_S001_MAINT";
  ASSERT_TRUE(templates.Upsert(admin_, mine).ok());
  domain::Contact other = directory_.contacts["cus-1"];
  other.customer_id = "cus-2";
  other.store_id = "S002";
  directory_.contacts["cus-2"] = other;

  ASSERT_EQ(app_.Process(Due("rem-1")).value(), app::Outcome::kSent);
  domain::SendRequest elsewhere = Due("rem-2");
  elsewhere.customer_id = "cus-2";
  elsewhere.store_id = "S002";
  ASSERT_EQ(app_.Process(elsewhere).value(), app::Outcome::kSent);

  ASSERT_EQ(wechat_.sent.size(), 2u);
  EXPECT_EQ(wechat_.sent[0].template_id, "WX_S001_MAINT");  // the store's own
  EXPECT_EQ(wechat_.sent[0].data.at("thing1"), "王先生的爱车首保");
  EXPECT_EQ(wechat_.sent[0].data.at("car_number2"), "京A12345");
  EXPECT_EQ(ledger_.messages.at(Id("rem-1", "wechat")).template_id, "WX_S001_MAINT");
  EXPECT_EQ(ledger_.messages.at(Id("rem-1", "wechat")).rendered_text.rfind("朝阳店保养提醒", 0), 0u);
  EXPECT_EQ(wechat_.sent[1].template_id, "CL_WX_MAINTENANCE");  // S002 has none: the group's

  // Disabled, the store's template gives way to the group's again.
  mine.enabled = false;
  ASSERT_TRUE(templates.Upsert(admin_, mine).ok());
  ASSERT_EQ(app_.Process(Due("rem-3")).value(), app::Outcome::kSent);
  ASSERT_EQ(wechat_.sent.size(), 3u);
  EXPECT_EQ(wechat_.sent[2].template_id, "CL_WX_MAINTENANCE");
}

TEST_F(PlanExecutorTest, ACustomerWhoUnfollowedGetsTheSmsAtOnce) {
  ASSERT_TRUE(follows_.Record(service_, "evt-1", "oAbcdefghijklmnopqrstuvwxyz", false, clock_.Now()).ok());
  auto outcome = app_.Process(Due("rem-1"));
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.value(), app::Outcome::kSent);
  EXPECT_TRUE(wechat_.sent.empty());
  ASSERT_EQ(sms_.sent.size(), 1u);
  EXPECT_EQ(sms_.sent[0].message_id, Id("rem-1", "sms"));
  EXPECT_EQ(ledger_.messages.at(Id("rem-1", "wechat")).suppression, domain::Suppression::kNoContact);
  EXPECT_EQ(ledger_.messages.at(Id("rem-1", "sms")).plan_step, 1);
}

TEST_F(PlanExecutorTest, ACustomerWithoutAnOpenidGetsTheSmsAndNoWeChatEntry) {
  directory_.contacts["cus-1"].wechat_openid.clear();
  ASSERT_EQ(app_.Process(Due("rem-1")).value(), app::Outcome::kSent);
  EXPECT_FALSE(ledger_.messages.contains(Id("rem-1", "wechat")));
  ASSERT_EQ(sms_.sent.size(), 1u);
  // She follows the account later: a replay does not go back to the WeChat step.
  directory_.contacts["cus-1"].wechat_openid = "oLaterFollower0001";
  EXPECT_EQ(app_.Process(Due("rem-1")).value(), app::Outcome::kDuplicate);
  EXPECT_TRUE(wechat_.sent.empty());
}

TEST_F(PlanExecutorTest, NoReceiptInTimeSendsTheSmsEvenAtTheCap) {
  policy_.frequency_cap.max_messages = 1;  // the WeChat message uses the customer's one message
  app::DispatchApp app(ledger_, directory_, causes_, sms_, clock_, stores_, domain::DefaultTemplates(), policy_);
  app.UseWeChat(wechat_, follows_, domain::DefaultWeChatTemplates());
  app.UsePlans(executor_);
  ASSERT_EQ(app.Process(Due("rem-1")).value(), app::Outcome::kSent);
  Advance(119);
  EXPECT_EQ(executor_.CheckFallbacks(app), 0);  // not yet
  EXPECT_TRUE(sms_.sent.empty());
  Advance(1);
  EXPECT_EQ(executor_.CheckFallbacks(app), 1);
  ASSERT_EQ(sms_.sent.size(), 1u);
  EXPECT_EQ(sms_.sent[0].message_id, Id("rem-1", "sms"));
  EXPECT_EQ(ledger_.messages.at(Id("rem-1", "sms")).status, MessageStatus::kSent);
}

TEST_F(PlanExecutorTest, NothingDeliveredOpensOneCallTask) {
  wechat_.scripted = {{false, false, "", "wechat_43004", "require subscribe"}};
  sms_.scripted = {{false, false, "", "isv.MOBILE_NUMBER_ILLEGAL", "invalid mobile"}};
  auto outcome = app_.Process(Due("rem-1"));
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.value(), app::Outcome::kTaskOpened);
  EXPECT_EQ(ledger_.messages.at(Id("rem-1", "wechat")).status, MessageStatus::kFailed);
  EXPECT_EQ(ledger_.messages.at(Id("rem-1", "sms")).status, MessageStatus::kFailed);
  ASSERT_EQ(desk_.opened.size(), 1u);
  const auto& order = desk_.opened.begin()->second;
  EXPECT_EQ(order.message_id, Id("rem-1", "call"));
  EXPECT_EQ(order.channel, app::TaskChannel::kPhoneCall);
  EXPECT_EQ(order.reason, "短信发送失败");
  EXPECT_EQ(order.due_at, Instant{});  // the desk's own rule: the end of the store's working day
  const auto& call = ledger_.messages.at(Id("rem-1", "call"));
  EXPECT_EQ(call.channel, "call");
  EXPECT_EQ(call.status, MessageStatus::kSent);
  EXPECT_EQ(call.provider_message_id, "task-" + Id("rem-1", "call"));
  EXPECT_EQ(app_.Process(Due("rem-1")).value(), app::Outcome::kDuplicate);  // the plan is done
  EXPECT_EQ(desk_.calls.size(), 1u);
}

TEST_F(PlanExecutorTest, AReplayNeverSendsAStepTwice) {
  ASSERT_EQ(app_.Process(Due("rem-1")).value(), app::Outcome::kSent);
  EXPECT_EQ(app_.Process(Due("rem-1")).value(), app::Outcome::kDuplicate);
  Advance(120);
  EXPECT_EQ(executor_.CheckFallbacks(app_), 1);
  EXPECT_EQ(app_.Process(Due("rem-1")).value(), app::Outcome::kDuplicate);
  EXPECT_EQ(executor_.CheckFallbacks(app_), 0);
  EXPECT_EQ(wechat_.sent.size(), 1u);
  EXPECT_EQ(sms_.sent.size(), 1u);
  EXPECT_TRUE(desk_.calls.empty());
}

TEST_F(PlanExecutorTest, TheCallFirstPlanOpensATaskAndSendsNothing) {
  domain::SendRequest request = Due("rem-9");
  request.kind = domain::CareKind::kWinBack;
  request.channel_plan_id = "call_task";
  EXPECT_EQ(app_.Process(request).value(), app::Outcome::kTaskOpened);
  EXPECT_EQ(app_.Process(request).value(), app::Outcome::kDuplicate);  // a replay opens nothing
  EXPECT_EQ(desk_.calls.size(), 1u);
  EXPECT_TRUE(wechat_.sent.empty());
  EXPECT_TRUE(sms_.sent.empty());
}

TEST_F(PlanExecutorTest, TheSalesSurveyIsTheCareDesksCallWordedByTheDesk) {
  domain::SendRequest request = Due("srv-delivery-1");
  request.kind = domain::CareKind::kSurveyInvitation;
  request.about_delivery = true;
  request.channel_plan_id = std::string(domain::kCareDeskCallPlanId);
  EXPECT_EQ(app_.Process(request).value(), app::Outcome::kTaskOpened);
  ASSERT_EQ(desk_.calls.size(), 1u);
  EXPECT_EQ(desk_.calls[0].prefer, domain::StepAssignee::kCareCentre);
  EXPECT_TRUE(desk_.calls[0].reason.empty());  // the desk words it for the kind
  EXPECT_TRUE(wechat_.sent.empty());
  EXPECT_TRUE(sms_.sent.empty());
}

TEST_F(PlanExecutorTest, WithoutATaskDeskAStaffStepIsRecordedAsNoContact) {
  app::PlanExecutor executor{plans_, ledger_, timers_, clock_};
  app_.UsePlans(executor);
  domain::SendRequest request = Due("rem-9");
  request.channel_plan_id = "call_task";
  EXPECT_EQ(app_.Process(request).value(), app::Outcome::kSuppressed);
  EXPECT_EQ(ledger_.messages.at(Id("rem-9", "call")).suppression, domain::Suppression::kNoContact);
  EXPECT_EQ(app_.Process(request).value(), app::Outcome::kDuplicate);
  EXPECT_TRUE(desk_.calls.empty());
}

TEST_F(PlanExecutorTest, AStorePlanOverridesItsKindsDefault) {
  auto saved = plans_.Upsert(admin_, Plan({{StepChannel::kSms, 0}}, {"first_maintenance"}));
  ASSERT_TRUE(saved.ok());
  ASSERT_EQ(app_.Process(Due("rem-1")).value(), app::Outcome::kSent);
  EXPECT_TRUE(wechat_.sent.empty());
  ASSERT_EQ(sms_.sent.size(), 1u);
  EXPECT_EQ(ledger_.messages.at(Id("rem-1", "sms")).channel_plan_id, "s001-care");
}

// ---- app: plans and follows -------------------------------------------------------------

TEST_F(PlanExecutorTest, UpsertTakesTheKindFromTheStoresOtherPlan) {
  ASSERT_TRUE(plans_.Upsert(admin_, Plan({{StepChannel::kSms, 0}}, {"first_maintenance", "birthday"})).ok());
  ChannelPlan other = Plan({{StepChannel::kWeChat, 30}, {StepChannel::kSms, 0}}, {"birthday"});
  other.plan_id = "s001-greeting";
  ASSERT_TRUE(plans_.Upsert(admin_, other).ok());
  EXPECT_EQ(book_.plans["S001"]["s001-care"].kinds, std::vector<std::string>{"first_maintenance"});
  EXPECT_EQ(book_.plans["S001"]["s001-greeting"].kinds, std::vector<std::string>{"birthday"});
  auto listed = plans_.List(admin_, "S001");
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), domain::DefaultPlans().size() + 2);
}

TEST_F(PlanExecutorTest, UpsertRefusesBadPlansAndForeignStoresAndStoresNothing) {
  auto looping = plans_.Upsert(admin_, Plan({{StepChannel::kSms, 10}, {StepChannel::kSms, 0}}));
  ASSERT_FALSE(looping.ok());
  EXPECT_EQ(looping.error().field, "channel_plan.steps[1].channel");
  const auth::Principal manager{"li", auth::Role::kManager, {"S002"}, false};
  auto foreign = plans_.Upsert(manager, Plan({{StepChannel::kSms, 0}}));
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().code, ErrorCode::kPermissionDenied);
  ChannelPlan group = Plan({{StepChannel::kSms, 0}});
  group.store_id.clear();
  EXPECT_EQ(plans_.Upsert(manager, group).error().code, ErrorCode::kPermissionDenied);  // group plans: admins
  ChannelPlan unknown_store = Plan({{StepChannel::kSms, 0}});
  unknown_store.store_id = "S999";
  EXPECT_EQ(plans_.Upsert(admin_, unknown_store).error().field, "channel_plan.store_id");
  EXPECT_EQ(book_.saves, 0);
}

TEST_F(PlanExecutorTest, FollowPushesCountOnceAndInOrder) {
  const Instant at = clock_.Now();
  EXPECT_TRUE(follows_.Record(service_, "evt-1", "oX1234567", false, at).value());
  EXPECT_FALSE(follows_.Record(service_, "evt-1", "oX1234567", false, at).value());                // a retry
  EXPECT_FALSE(follows_.Record(service_, "evt-0", "oX1234567", true, at - Millis{1000}).value());  // older
  EXPECT_FALSE(follows_.Follows("oX1234567"));
  EXPECT_TRUE(follows_.Record(service_, "evt-2", "oX1234567", true, at + Millis{1000}).value());
  EXPECT_TRUE(follows_.Follows("oX1234567"));
  EXPECT_TRUE(follows_.Follows("oNeverHeardOf"));
  const auth::Principal advisor{"zhang", auth::Role::kAdvisor, {"S001"}, false};
  EXPECT_EQ(follows_.Record(advisor, "evt-3", "oX1234567", true, at).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(follows_.Record(service_, "evt-4", "", true, at).error().field, "sender");
}

}  // namespace
}  // namespace careloop::dispatch
