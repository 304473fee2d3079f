// careloopctl's template and policy helpers (tools/careloopctl/template_view.h): what `template
// set` and `contact-policy set` send, and how templates and policies are shown.
#include <gtest/gtest.h>

#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/session.h"
#include "tools/careloopctl/template_view.h"

namespace careloop::ctl {
namespace {

namespace dv1 = careloop::dispatch::v1;

TEST(CtlTemplateSet, SendsTheKindChannelAndWechatKeywordsInOrder) {
  TemplateFlags flags;
  flags.store = "S001";
  flags.kind = "first_maintenance";
  flags.channel = "wechat";
  flags.body = "${name}您好";
  flags.code = "wx-1";
  flags.keywords = {"first=${name}您好", "keyword1=${plate}=京"};
  const dv1::Template tmpl = TemplateToSend(flags);
  EXPECT_EQ(tmpl.kind(), careloop::reminder::v1::REMINDER_KIND_FIRST_MAINTENANCE);
  EXPECT_EQ(tmpl.channel(), careloop::common::v1::CHANNEL_WECHAT);
  EXPECT_TRUE(tmpl.enabled());
  ASSERT_EQ(tmpl.keywords_size(), 2);
  EXPECT_EQ(tmpl.keywords(1).key(), "keyword1");
  EXPECT_EQ(tmpl.keywords(1).value(), "${plate}=京");  // only the first '=' separates
  flags.keywords = {"keyword1"};
  EXPECT_THROW((void)TemplateToSend(flags), UsageError);
}

TEST(CtlPolicySet, TheMaskNamesExactlyTheOptionsGiven) {
  PolicyFlags flags;
  flags.store = "S001";
  flags.max_marketing_per_day = 0;  // the service refuses it, naming the field: the CLI passes it on
  flags.marketing_quiet = "20:30-08:00";
  flags.critical_quiet = "none";
  flags.same_day = "send_both";
  flags.priority = "holiday_greeting,campaign";
  const auto request = PolicyUpdate(flags);
  EXPECT_EQ(std::vector<std::string>(request.update_mask().paths().begin(), request.update_mask().paths().end()),
            (std::vector<std::string>{"marketing_quiet_hours", "critical_quiet_hours", "max_marketing_per_day",
                                      "same_day_rule", "priority"}));
  EXPECT_EQ(request.policy().marketing_quiet_hours().start().hours(), 20);
  EXPECT_EQ(request.policy().marketing_quiet_hours().start().minutes(), 30);
  EXPECT_FALSE(request.policy().has_critical_quiet_hours());  // none: cleared
  EXPECT_EQ(request.policy().same_day_rule(), dv1::SAME_DAY_RULE_SEND_BOTH);
  ASSERT_EQ(request.policy().priority_size(), 2);
  EXPECT_EQ(request.policy().priority(0), careloop::reminder::v1::REMINDER_KIND_HOLIDAY_GREETING);
}

TEST(CtlPolicySet, MalformedOptionsAndAnEmptyChangeAreUsageErrors) {
  PolicyFlags bad_window;
  bad_window.service_quiet = "21:00";
  EXPECT_THROW((void)PolicyUpdate(bad_window), UsageError);
  PolicyFlags bad_kind;
  bad_kind.priority = "birthday,fishing";
  EXPECT_THROW((void)PolicyUpdate(bad_kind), UsageError);
  EXPECT_THROW((void)PolicyUpdate(PolicyFlags{}), UsageError);
}

TEST(CtlPolicyGet, ShowsWindowsAndCapsPerClass) {
  dv1::ContactPolicy policy;
  policy.set_store_id("S001");
  policy.mutable_marketing_quiet_hours()->mutable_start()->set_hours(21);
  policy.mutable_marketing_quiet_hours()->mutable_end()->set_hours(8);
  policy.set_max_marketing_per_day(1);
  policy.set_max_marketing_per_week(3);
  policy.set_max_care_per_day(2);
  policy.set_max_care_per_week(4);
  policy.set_same_day_rule(dv1::SAME_DAY_RULE_DEFER);
  const std::string shown = PolicyFields(policy);
  EXPECT_NE(shown.find("21:00-08:00"), std::string::npos) << shown;
  EXPECT_NE(shown.find("1/day, 3/week"), std::string::npos) << shown;
  EXPECT_NE(shown.find("2/day, 4/week"), std::string::npos) << shown;
  EXPECT_NE(shown.find("critical quiet   none"), std::string::npos) << shown;
  EXPECT_NE(shown.find("defer"), std::string::npos) << shown;
}

TEST(CtlTemplateList, GroupDefaultsAndStoreTemplatesInOneTable) {
  dv1::Template group;
  group.set_kind(careloop::reminder::v1::REMINDER_KIND_BIRTHDAY);
  group.set_channel(careloop::common::v1::CHANNEL_SMS);
  group.set_name("birthday_lunar");
  group.set_provider_template_code("SMS_CL_BIRTHDAY_LUNAR");
  group.set_body("${name}您好，值此农历生日之际，我们全体员工祝您生日快乐、福寿安康、用车平安！回T退订");
  dv1::Template mine = group;
  mine.set_store_id("S001");
  mine.set_name("birthday");
  mine.set_enabled(false);
  const std::string table = TemplatesTable({mine, group});
  EXPECT_EQ(table.rfind("SCOPE", 0), 0U) << table;
  EXPECT_NE(table.find("S001"), std::string::npos);
  EXPECT_NE(table.find("group"), std::string::npos);
  EXPECT_NE(table.find("  no  "), std::string::npos) << table;  // the store's is switched off
}

TEST(CtlCommands, TheTemplateCommandsSitBesideEveryOtherCommandAsInMain) {
  // `policy` is the insurance policies' command: the contact policy's is `contact-policy`.
  CLI::App app{"careloopctl"};
  Session session;
  EXPECT_NO_THROW({
    AddGlobalOptions(app, session);
    AddCustomerCommands(app, session);
    AddListCommands(app, session);
    AddClockCommands(app, session);
    AddHealthCommand(app, session);
    AddEventsCommands(app, session);
    AddImportCommand(app, session);
    AddReportCommands(app, session);
    AddInboundCommands(app, session);
    AddCalendarCommands(app, session);
    AddRuleCommands(app, session);
    AddAppointmentCommands(app, session);
    AddCampaignCommands(app, session);
    AddTemplateCommands(app, session);
  });
  EXPECT_NE(app.get_subcommand("contact-policy")->get_subcommand("set"), nullptr);
  EXPECT_NE(app.get_subcommand("template")->get_subcommand("preview"), nullptr);
}

}  // namespace
}  // namespace careloop::ctl
