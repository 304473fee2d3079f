// `careloopctl plan set|list`: the --steps flag and the plans table.
#include <gtest/gtest.h>

#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/plan_view.h"

namespace careloop::ctl {
namespace {

namespace dv1 = careloop::dispatch::v1;
namespace cv1 = careloop::common::v1;

TEST(PlanSteps, ParsesChannelsWaitsAndAssignees) {
  const auto steps = ParseStepsFlag("wechat:60,sms:1440,call@advisor");
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[0].channel(), cv1::CHANNEL_WECHAT);
  EXPECT_EQ(steps[0].fallback_after_minutes(), 60);
  EXPECT_EQ(steps[1].channel(), cv1::CHANNEL_SMS);
  EXPECT_EQ(steps[1].fallback_after_minutes(), 1440);
  EXPECT_EQ(steps[2].channel(), cv1::CHANNEL_PHONE_CALL);
  EXPECT_EQ(steps[2].assignee(), dv1::TASK_ASSIGNEE_ASSIGNED_ADVISOR);
  EXPECT_EQ(ParseStepsFlag("face@case_owner")[0].channel(), cv1::CHANNEL_FACE_TO_FACE);
}

TEST(PlanSteps, RefusesWhatIsNotAStep) {
  EXPECT_THROW((void)ParseStepsFlag(""), UsageError);
  EXPECT_THROW((void)ParseStepsFlag("email"), UsageError);
  EXPECT_THROW((void)ParseStepsFlag("wechat:soon"), UsageError);
  EXPECT_THROW((void)ParseStepsFlag("wechat:60,,sms"), UsageError);
  EXPECT_THROW((void)ParseStepsFlag("call@boss"), UsageError);
  // Loops and steps after a call are the service's to refuse (it names the field).
  EXPECT_EQ(ParseStepsFlag("sms,sms").size(), 2u);
}

TEST(PlanTable, ShowsScopeStepsAndKinds) {
  dv1::ChannelPlan plan;
  plan.set_channel_plan_id("s001-care");
  plan.set_store_id("S001");
  plan.set_display_name("微信优先");
  for (const auto& step : ParseStepsFlag("wechat:30,sms")) {
    *plan.add_steps() = step;
  }
  plan.add_default_for_kinds(careloop::reminder::v1::REMINDER_KIND_BIRTHDAY);
  dv1::ChannelPlan built_in;
  built_in.set_channel_plan_id("call_task");
  built_in.set_display_name("顾问电话优先");
  *built_in.add_steps() = ParseStepsFlag("call@advisor")[0];
  EXPECT_EQ(StepsText(plan), "wechat:30,sms");
  const std::string table = PlansTable({built_in, plan});
  EXPECT_NE(table.find("call_task  built-in  顾问电话优先  call@advisor"), std::string::npos) << table;
  EXPECT_NE(table.find("s001-care  S001      微信优先      wechat:30,sms  birthday"), std::string::npos) << table;
}

}  // namespace
}  // namespace careloop::ctl
