// A rule through the contract (services/reminders/adapters/rule_mapping.h): every field round-
// trips, churn stages travel as the customers contract's enum, and a client's bad values are
// refused naming the field.
#include <gtest/gtest.h>

#include "careloop/customer/v1/customer.pb.h"
#include "services/reminders/adapters/rule_mapping.h"

namespace careloop::reminders::adapters {
namespace {

namespace rv1 = careloop::reminder::v1;

TEST(RuleMapping, EveryFieldRoundTrips) {
  domain::Rule rule = domain::DefaultRule(domain::ReminderKind::kRegularMaintenance);
  rule.store_id = "S001";
  rule.models = {"星途揽月", "瑶光"};
  rule.enabled = false;
  rule.interval_days = 3;
  rule.lead_days = {14, 3};
  rule.fire_time = TimeOfDay{9 * 60 + 30};
  rule.template_id = "tpl-1";
  rule.channel_plan_id = "plan-1";
  rule.excluded_churn_stages = {"lost", "long_lost"};
  rule.follow_up_days = 10;
  rule.return_window_days = 45;
  rule.updated_by = "mgr-1";
  rule.updated_at = *ParseRfc3339("2026-11-01T02:00:00Z");
  const rv1::ReminderRule wire = ToProto(rule);
  ASSERT_EQ(wire.excluded_churn_stages_size(), 2);
  EXPECT_EQ(wire.excluded_churn_stages(1), careloop::customer::v1::CHURN_STAGE_LONG_LOST);
  EXPECT_EQ(wire.fire_time().hours(), 9);
  EXPECT_EQ(wire.fire_time().minutes(), 30);
  const auto back = RuleFromProto(wire);
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(back->store_id, "S001");
  EXPECT_EQ(back->kind, domain::ReminderKind::kRegularMaintenance);
  EXPECT_FALSE(back->enabled);
  EXPECT_EQ(back->models, rule.models);
  EXPECT_EQ(back->interval_days, 3);
  EXPECT_EQ(back->lead_days, rule.lead_days);
  EXPECT_EQ(back->fire_time, rule.fire_time);
  EXPECT_EQ(back->template_id, "tpl-1");
  EXPECT_EQ(back->channel_plan_id, "plan-1");
  EXPECT_EQ(back->excluded_churn_stages, rule.excluded_churn_stages);
  EXPECT_EQ(back->follow_up_days, 10);
  EXPECT_EQ(back->return_window_days, 45);
  EXPECT_EQ(back->updated_at, rule.updated_at);
}

TEST(RuleMapping, ClientValuesAreCheckedNamingTheField) {
  rv1::ReminderRule wire;
  EXPECT_EQ(RuleFromProto(wire).error().field, "rule.kind");
  wire.set_kind(rv1::REMINDER_KIND_BIRTHDAY);
  const auto defaulted = RuleFromProto(wire);
  ASSERT_TRUE(defaulted.ok());
  EXPECT_EQ(defaulted->fire_time, TimeOfDay{9 * 60});  // no fire time: the kind's default
  EXPECT_EQ(defaulted->return_window_days, 30);
  wire.mutable_fire_time()->set_hours(24);
  EXPECT_EQ(RuleFromProto(wire).error().field, "rule.fire_time");
  wire.clear_fire_time();
  wire.add_excluded_churn_stages(static_cast<careloop::customer::v1::ChurnStage>(99));
  EXPECT_EQ(RuleFromProto(wire).error().field, "rule.excluded_churn_stages");
}

}  // namespace
}  // namespace careloop::reminders::adapters
