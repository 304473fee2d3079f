// Store templates and the store contact policy through the use cases (TemplatesApp,
// ContactPolicyApp) and through DispatchApp::Process, over in-memory fakes of the ports
// (tests/fakes/dispatch_fakes.h, tests/fakes/dispatch_policy_fakes.h) and a manual clock.
#include <gtest/gtest.h>

#include <functional>

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/dispatch/app/contact_policy_app.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/templates_app.h"
#include "tests/fakes/dispatch_fakes.h"
#include "tests/fakes/dispatch_policy_fakes.h"

namespace careloop::dispatch::app {
namespace {

using careloop::testing::FakeCauseCheck;
using careloop::testing::FakeContactDirectory;
using careloop::testing::FakeContactPolicyStore;
using careloop::testing::FakeMessageLedger;
using careloop::testing::FakePausedCustomers;
using careloop::testing::FakeSmsSender;
using careloop::testing::FakeTemplateStore;

auth::Principal Manager(const std::string& store) {
  return {"mgr-" + store, auth::Role::kManager, {store}, false};
}
const auth::Principal kAdmin{"admin", auth::Role::kAdmin, {}, true};

config::StoreSettings Store(const std::string& id, const std::string& signature) {
  config::StoreSettings store{id, signature + "店", signature, "Asia/Shanghai", "010-85556666"};
  store.merge_window_minutes = 0;
  store.message_gap_minutes = 0;
  return store;
}

domain::Contact ContactOf(const std::string& id, const std::string& store) {
  domain::Contact contact;
  contact.customer_id = id;
  contact.store_id = store;
  contact.name = "王小明";
  contact.mobile = "13912345678";
  contact.gender = 1;
  contact.plates["veh-1"] = "京A12345";
  contact.models["veh-1"] = "星途瑶光";
  return contact;
}

class DispatchPolicyAppTest : public ::testing::Test {
 protected:
  DispatchPolicyAppTest()
      : clock_(*ParseRfc3339("2026-11-22T10:00:00+08:00")),
        stores_({Store("S001", "星途汽车朝阳店"), Store("S002", "星途汽车海淀店")}),
        templates_(template_store_, directory_, clock_, stores_, domain::DefaultTemplates()),
        policies_(policy_store_, paused_, clock_, stores_, DispatchPolicy{}),
        app_(ledger_, directory_, causes_, sms_, clock_, stores_, domain::DefaultTemplates(), DispatchPolicy{}) {
    directory_.contacts["cus-1"] = ContactOf("cus-1", "S001");
    directory_.contacts["cus-2"] = ContactOf("cus-2", "S002");
    app_.UseTemplateBook(templates_);
    app_.UseContactPolicies(policies_);
    app_.UsePausedCustomers(paused_);
  }

  static domain::SendRequest Due(const std::string& id, domain::CareKind kind = domain::CareKind::kFirstMaintenance,
                                 const std::string& customer = "cus-1", const std::string& store = "S001") {
    return {id, 1, kind, customer, store, "veh-1", {2026, 12, 3}};
  }
  static domain::SendRequest Birthday(const std::string& id, Date day = {2026, 11, 22}) {
    return {id, 1, domain::CareKind::kBirthday, "cus-1", "S001", "", day};
  }

  // Sets fields of S001's policy through the use case (as a manager of S001 would).
  void SetPolicy(const std::function<void(domain::StorePolicy&)>& change, const std::vector<std::string>& mask) {
    domain::StorePolicy values = policies_.PolicyOf("S001");
    change(values);
    ASSERT_TRUE(policies_.Update(Manager("S001"), values, mask).ok());
  }

  domain::Message Stored(const std::string& cause_id) {
    return ledger_.messages.at(domain::MessageIdFor(cause_id, 1, "sms"));
  }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  FakeMessageLedger ledger_;
  FakeContactDirectory directory_;
  FakeCauseCheck causes_;
  FakeSmsSender sms_;
  FakeTemplateStore template_store_;
  FakeContactPolicyStore policy_store_;
  FakePausedCustomers paused_;
  TemplatesApp templates_;
  ContactPolicyApp policies_;
  DispatchApp app_;
};

domain::StoreTemplate SmsTemplate(const std::string& store, domain::CareKind kind, const std::string& body) {
  domain::StoreTemplate tmpl;
  tmpl.store_id = store;
  tmpl.kind = kind;
  tmpl.body = body;
  tmpl.provider_template_code = "SMS_STORE_1";
  return tmpl;
}

TEST_F(DispatchPolicyAppTest, ProcessSendsWithTheStoresTemplateAndOtherStoresKeepTheGroupDefault) {
  domain::StoreTemplate mine =
      SmsTemplate("S001", domain::CareKind::kFirstMaintenance, "${name}您好，${plate}首保请于${due_date}前到店。");
  mine.sign_name = "星途朝阳";
  ASSERT_TRUE(templates_.Upsert(Manager("S001"), mine).ok());

  EXPECT_EQ(app_.Process(Due("rem-1")).value(), Outcome::kSent);
  EXPECT_EQ(app_.Process(Due("rem-2", domain::CareKind::kFirstMaintenance, "cus-2", "S002")).value(), Outcome::kSent);
  ASSERT_EQ(sms_.sent.size(), 2U);
  EXPECT_EQ(sms_.sent[0].template_code, "SMS_STORE_1");
  EXPECT_EQ(sms_.sent[0].sign_name, "星途朝阳");
  EXPECT_EQ(Stored("rem-1").rendered_text, "【星途朝阳】王先生您好，京A12345首保请于2026年12月3日前到店。");
  EXPECT_EQ(sms_.sent[1].template_code, "SMS_CL_FIRST_MAINT");
  EXPECT_EQ(sms_.sent[1].sign_name, "星途汽车海淀店");
}

TEST_F(DispatchPolicyAppTest, ADisabledStoreTemplateLeavesTheGroupDefault) {
  domain::StoreTemplate mine = SmsTemplate("S001", domain::CareKind::kFirstMaintenance, "${name}您好");
  mine.enabled = false;
  ASSERT_TRUE(templates_.Upsert(Manager("S001"), mine).ok());
  EXPECT_EQ(app_.Process(Due("rem-1")).value(), Outcome::kSent);
  EXPECT_EQ(sms_.sent.at(0).template_code, "SMS_CL_FIRST_MAINT");
}

TEST_F(DispatchPolicyAppTest, BadTemplatesAreRefusedAndNothingIsSaved) {
  auto unknown = templates_.Upsert(Manager("S001"),
                                   SmsTemplate("S001", domain::CareKind::kBirthday, "${name}生日快乐，送您${coupon}"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(unknown.error().field, "message_template.body");
  EXPECT_NE(unknown.error().message.find("${coupon}"), std::string::npos);

  auto other_store = templates_.Upsert(Manager("S001"), SmsTemplate("S002", domain::CareKind::kBirthday, "${name}"));
  ASSERT_FALSE(other_store.ok());
  EXPECT_EQ(other_store.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(other_store.error().field, "message_template.store_id");

  const auth::Principal advisor{"sa-1", auth::Role::kAdvisor, {"S001"}, false};
  EXPECT_EQ(templates_.Upsert(advisor, SmsTemplate("S001", domain::CareKind::kBirthday, "${name}")).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(template_store_.saves, 0);
}

TEST_F(DispatchPolicyAppTest, AMarketingTemplateIsSavedWithTheOptOutLineAndListedOverTheDefault) {
  auto saved =
      templates_.Upsert(Manager("S001"), SmsTemplate("S001", domain::CareKind::kBirthday, "${name}生日快乐！"));
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->body, "${name}生日快乐！回T退订");
  auto listed = templates_.List(Manager("S001"), "S001", domain::CareKind::kBirthday, std::nullopt);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2U);  // the store's birthday, and the group's lunar birthday it does not override
  EXPECT_EQ(listed->at(0).template_id, "tpl-S001-sms-birthday");
  EXPECT_EQ(listed->at(1).name, "birthday_lunar");
  EXPECT_TRUE(listed->at(1).store_id.empty());
  EXPECT_EQ(templates_.List(Manager("S001"), "S002", std::nullopt, std::nullopt).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(DispatchPolicyAppTest, PreviewRendersForARealCustomerAndWritesNothing) {
  ASSERT_TRUE(templates_
                  .Upsert(Manager("S001"), SmsTemplate("S001", domain::CareKind::kFirstMaintenance,
                                                       "${name}您好，${plate}（${model}）请于${due_date}前首保。"))
                  .ok());
  const int saves = template_store_.saves;
  auto preview = templates_.Preview(Manager("S001"), "S001", domain::CareKind::kFirstMaintenance,
                                    domain::TemplateChannel::kSms, "", "cus-1");
  ASSERT_TRUE(preview.ok()) << preview.error().ToString();
  EXPECT_TRUE(preview->store_template);
  EXPECT_EQ(preview->text, "【星途汽车朝阳店】王先生您好，京A12345（星途瑶光）请于2026年11月29日前首保。");
  auto group = templates_.Preview(Manager("S001"), "S001", domain::CareKind::kBirthday, domain::TemplateChannel::kSms,
                                  "birthday_lunar", "cus-1");
  ASSERT_TRUE(group.ok());
  EXPECT_FALSE(group->store_template);
  EXPECT_EQ(group->provider_template_code, "SMS_CL_BIRTHDAY_LUNAR");
  EXPECT_EQ(template_store_.saves, saves);
  EXPECT_TRUE(sms_.sent.empty());
  EXPECT_TRUE(ledger_.published.empty());
  EXPECT_EQ(
      templates_
          .Preview(Manager("S001"), "S001", domain::CareKind::kBirthday, domain::TemplateChannel::kSms, "", "cus-2")
          .error()
          .code,
      ErrorCode::kPermissionDenied);  // cus-2 is S002's
  EXPECT_EQ(
      templates_
          .Preview(Manager("S001"), "S001", domain::CareKind::kBirthday, domain::TemplateChannel::kWechat, "", "cus-1")
          .error()
          .code,
      ErrorCode::kNotFound);  // the group has no WeChat defaults
}

TEST_F(DispatchPolicyAppTest, AtTheDailyCapAMaintenanceReminderIsDeferredToTomorrowAndThenSent) {
  SetPolicy([](auto& p) { p.max_care_per_day = 1; }, {"max_care_per_day"});
  EXPECT_EQ(app_.Process(Due("rem-1")).value(), Outcome::kSent);
  EXPECT_EQ(app_.Process(Due("rem-2")).value(), Outcome::kDeferred);
  EXPECT_EQ(Stored("rem-2").not_before, *ParseRfc3339("2026-11-23T08:00:00+08:00"));
  EXPECT_EQ(Stored("rem-2").defer_reason, "frequency cap");
  clock_.Set(*ParseRfc3339("2026-11-23T08:00:00+08:00"));
  EXPECT_EQ(app_.DeliverDeferred(), 1);
  EXPECT_EQ(sms_.sent.size(), 2U);
}

TEST_F(DispatchPolicyAppTest, AGreetingThatWouldWaitPastItsDayIsSuppressedNotSentLate) {
  SetPolicy([](auto& p) { p.max_marketing_per_day = 1; }, {"max_marketing_per_day"});
  EXPECT_EQ(app_.Process(Birthday("rem-b")).value(), Outcome::kSent);
  domain::SendRequest greeting{"rem-g", 1, domain::CareKind::kHolidayGreeting, "cus-1", "S001", "", {2026, 11, 22}};
  EXPECT_EQ(app_.Process(greeting).value(), Outcome::kSuppressed);
  EXPECT_EQ(Stored("rem-g").suppression, domain::Suppression::kFrequencyCap);
  // A birthday greeting for tomorrow at the cap today is deferred, not suppressed.
  EXPECT_EQ(app_.Process(Birthday("rem-b2", {2026, 11, 23})).value(), Outcome::kDeferred);
}

TEST_F(DispatchPolicyAppTest, TheWeeklyCapDefersTheFourthMessageUntilTheFirstLeavesTheWeek) {
  for (const char* id : {"rem-1", "rem-2", "rem-3"}) {
    EXPECT_EQ(app_.Process(Due(id)).value(), Outcome::kSent);
  }
  EXPECT_EQ(app_.Process(Due("rem-4")).value(), Outcome::kDeferred);
  EXPECT_EQ(Stored("rem-4").not_before, *ParseRfc3339("2026-11-29T10:00:00+08:00"));
}

TEST_F(DispatchPolicyAppTest, TheSameDayRuleOfTheStoreDefersOrSendsBoth) {
  const domain::SendRequest greeting{"rem-g",       1, domain::CareKind::kHolidayGreeting, "cus-1", "S001", "",
                                     {2026, 11, 22}};
  const domain::SendRequest offer{"rem-o", 1, domain::CareKind::kCampaign, "cus-1", "S001", "", {2026, 11, 23}};
  SetPolicy(
      [](auto& p) {
        p.same_day_rule = domain::SameDayRule::kDefer;
        p.max_marketing_per_day = 3;
      },
      {"same_day_rule", "max_marketing_per_day"});
  EXPECT_EQ(app_.Process(greeting).value(), Outcome::kSent);
  EXPECT_EQ(app_.Process(offer).value(), Outcome::kDeferred);  // its send day is tomorrow: it waits
  EXPECT_EQ(Stored("rem-o").not_before, *ParseRfc3339("2026-11-23T08:00:00+08:00"));

  SetPolicy([](auto& p) { p.same_day_rule = domain::SameDayRule::kSendBoth; }, {"same_day_rule"});
  const domain::SendRequest check{"rem-c", 1, domain::CareKind::kSeasonalCheck, "cus-1", "S001", "", {2026, 11, 22}};
  EXPECT_EQ(app_.Process(check).value(), Outcome::kSent);
}

TEST_F(DispatchPolicyAppTest, AnOpenComplaintCaseStopsMarketingButNotCare) {
  ASSERT_TRUE(policies_.CaseOpened("cus-1", "case-1").ok());
  ASSERT_TRUE(policies_.CaseOpened("cus-1", "case-1").ok());  // a replay changes nothing
  EXPECT_EQ(app_.Process(Birthday("rem-b")).value(), Outcome::kSuppressed);
  EXPECT_EQ(Stored("rem-b").suppression, domain::Suppression::kComplaintOpen);
  EXPECT_EQ(app_.Process(Due("rem-1")).value(), Outcome::kSent);
  ASSERT_TRUE(policies_.CaseResolved("cus-1", "case-1").ok());
  EXPECT_EQ(app_.Process(Birthday("rem-b2")).value(), Outcome::kSent);
}

TEST_F(DispatchPolicyAppTest, AConfirmationWaitsOnlyForItsOwnWindowWhenTheStoreSetsOne) {
  clock_.Set(*ParseRfc3339("2026-11-22T22:30:00+08:00"));
  const domain::SendRequest confirmation{
      "rem-a", 1, domain::CareKind::kAppointmentConfirmation, "cus-1", "S001", "veh-1", {2026, 11, 24}};
  SetPolicy(
      [](auto& p) {
        p.critical_quiet = domain::QuietHours{TimeOfDay{23 * 60}, TimeOfDay{7 * 60}};
      },
      {"critical_quiet_hours"});
  EXPECT_EQ(app_.Process(confirmation).value(), Outcome::kSent);  // 22:30 is outside 23:00-07:00
  clock_.Set(*ParseRfc3339("2026-11-22T23:30:00+08:00"));
  domain::SendRequest later = confirmation;
  later.cause_id = "rem-a2";
  EXPECT_EQ(app_.Process(later).value(), Outcome::kDeferred);
  EXPECT_EQ(Stored("rem-a2").not_before, *ParseRfc3339("2026-11-23T07:00:00+08:00"));
}

TEST_F(DispatchPolicyAppTest, BadPolicyUpdatesAreRefusedAndChangeNothing) {
  domain::StorePolicy values = policies_.PolicyOf("S001");
  values.max_marketing_per_week = 0;
  auto zero = policies_.Update(Manager("S001"), values, {"max_marketing_per_week"});
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().field, "policy.max_marketing_per_week");

  values = policies_.PolicyOf("S001");
  values.marketing_quiet = {TimeOfDay{21 * 60}, TimeOfDay{21 * 60}};
  EXPECT_EQ(policies_.Update(Manager("S001"), values, {"marketing_quiet_hours"}).error().field,
            "policy.marketing_quiet_hours");
  // A zero cap that the mask does not name is not applied, so it does not matter.
  values = policies_.PolicyOf("S001");
  values.max_care_per_day = 0;
  values.max_marketing_per_day = 2;
  EXPECT_TRUE(policies_.Update(Manager("S001"), values, {"max_marketing_per_day"}).ok());
  EXPECT_EQ(policy_store_.saves, 1);

  EXPECT_EQ(policies_.Update(Manager("S001"), values, {"colour"}).error().field, "update_mask");
  values.store_id = "S002";
  auto other = policies_.Update(Manager("S001"), values, {"max_marketing_per_day"});
  EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(other.error().field, "policy.store_id");
  values.store_id = "";
  EXPECT_EQ(policies_.Update(Manager("S001"), values, {"max_marketing_per_day"}).error().code,
            ErrorCode::kPermissionDenied);  // the group default is the admins'
  EXPECT_EQ(policies_.Get(Manager("S001"), "S002").error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(policy_store_.saves, 1);
}

TEST_F(DispatchPolicyAppTest, AStoreWithoutItsOwnPolicyFollowsTheGroupDefault) {
  domain::StorePolicy group = policies_.PolicyOf("");
  group.max_care_per_week = 9;
  ASSERT_TRUE(policies_.Update(kAdmin, group, {"max_care_per_week"}).ok());
  auto s002 = policies_.Get(Manager("S002"), "S002");
  ASSERT_TRUE(s002.ok());
  EXPECT_EQ(s002->max_care_per_week, 9);
  EXPECT_EQ(s002->store_id, "S002");
  EXPECT_EQ(s002->marketing_quiet.start, TimeOfDay{21 * 60});  // from the settings
}

TEST(DispatchStorePolicyDefaults, AStoreWithNoPolicyStoredKeepsItsConfiguredQuietHours) {
  config::StoreSettings late = Store("S003", "星途汽车通州店");
  late.quiet_hours_start = TimeOfDay{22 * 60};
  late.quiet_hours_end = TimeOfDay{7 * 60 + 30};
  const config::StoreCatalog stores({Store("S001", "星途汽车朝阳店"), late});
  clock::ManualClock clock(Instant{});
  FakeContactPolicyStore store;
  FakePausedCustomers paused;
  ContactPolicyApp policies(store, paused, clock, stores, DispatchPolicy{});
  EXPECT_EQ(policies.PolicyOf("S003").marketing_quiet.start, TimeOfDay{22 * 60});
  EXPECT_EQ(policies.PolicyOf("S003").care_quiet.end, (TimeOfDay{7 * 60 + 30}));
  EXPECT_EQ(policies.PolicyOf("S001").marketing_quiet.start, TimeOfDay{21 * 60});
}

}  // namespace
}  // namespace careloop::dispatch::app
