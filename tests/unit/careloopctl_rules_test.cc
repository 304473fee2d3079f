// `careloopctl rule set|list`: the lead-days flag, the rule sent (the store's rule of the scope
// or the governing one, with only the given options changed), and the table.
#include <gtest/gtest.h>

#include <string>

#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/rule_view.h"

namespace careloop::ctl {
namespace {

namespace rv1 = careloop::reminder::v1;

rv1::ReminderRule Rule(const std::string& store, std::vector<std::string> models, int months) {
  rv1::ReminderRule rule;
  rule.set_rule_id("rule-" + store + std::to_string(months));
  rule.set_store_id(store);
  rule.set_kind(rv1::REMINDER_KIND_FIRST_MAINTENANCE);
  rule.set_enabled(true);
  rule.set_interval_months(months);
  rule.set_interval_km(5000);
  rule.add_lead_days(7);
  rule.mutable_fire_time()->set_hours(10);
  for (const auto& model : models) {
    rule.add_models(model);
  }
  return rule;
}

TEST(RuleFlags, LeadDaysAreACommaSeparatedList) {
  EXPECT_EQ(ParseLeadDaysFlag("30,15,7"), (std::vector<int>{30, 15, 7}));
  EXPECT_EQ(ParseLeadDaysFlag("none"), std::vector<int>{});
  EXPECT_EQ(ParseLeadDaysFlag(""), std::vector<int>{});
  EXPECT_EQ(ParseLeadDaysFlag("-3"), std::vector<int>{-3});  // the service names the field and why
  EXPECT_THROW((void)ParseLeadDaysFlag("30,,7"), UsageError);
  EXPECT_THROW((void)ParseLeadDaysFlag("30 days"), UsageError);
}

TEST(RuleFlags, OnlyTheGivenOptionsChangeTheGoverningRule) {
  RuleFlags flags;
  flags.store = "S001";
  flags.kind = "first_maintenance";
  flags.lead_days = "10,3";
  flags.fire_time = "09:30";
  const rv1::ReminderRule sent = RuleToSend(Rule("", {}, 3), flags);
  EXPECT_EQ(sent.store_id(), "S001");  // the group rule copied into the store's scope
  EXPECT_TRUE(sent.rule_id().empty());
  EXPECT_EQ(sent.interval_months(), 3);
  EXPECT_EQ(sent.interval_km(), 5000);
  ASSERT_EQ(sent.lead_days_size(), 2);
  EXPECT_EQ(sent.lead_days(0), 10);
  EXPECT_EQ(sent.fire_time().hours(), 9);
  EXPECT_EQ(sent.fire_time().minutes(), 30);
  EXPECT_TRUE(sent.enabled());
  flags.fire_time = "25:00";
  EXPECT_THROW((void)RuleToSend(Rule("", {}, 3), flags), UsageError);
}

TEST(RuleFlags, TheBaseIsTheExactScopeThenTheStoreThenTheGroup) {
  const std::vector<rv1::ReminderRule> rules = {Rule("", {}, 3), Rule("S001", {}, 4), Rule("S001", {"B", "A"}, 5)};
  RuleFlags flags;
  flags.store = "S001";
  flags.kind = "first_maintenance";
  flags.models = std::vector<std::string>{"A", "B"};
  EXPECT_EQ(BaseRule(rules, flags)->interval_months(), 5);
  flags.models = std::vector<std::string>{"C"};
  EXPECT_EQ(BaseRule(rules, flags)->interval_months(), 4);
  flags.store = "S002";
  EXPECT_EQ(BaseRule(rules, flags)->interval_months(), 3);
  EXPECT_FALSE(BaseRule({}, flags).has_value());
}

TEST(RuleTable, ShowsScopeIntervalLeadsAndFireTime) {
  rv1::ReminderRule renewal;
  renewal.set_kind(rv1::REMINDER_KIND_INSURANCE_RENEWAL);
  renewal.set_enabled(false);
  renewal.mutable_fire_time()->set_hours(10);
  const std::string table = RulesTable({Rule("S001", {"星途揽月"}, 3), renewal});
  EXPECT_NE(table.find("S001"), std::string::npos);
  EXPECT_NE(table.find("3 months / 5000 km"), std::string::npos) << table;
  EXPECT_NE(table.find("星途揽月"), std::string::npos);
  EXPECT_NE(table.find("group"), std::string::npos);
  EXPECT_NE(table.find("on the day"), std::string::npos);
  EXPECT_NE(table.find("10:00"), std::string::npos);
}

}  // namespace
}  // namespace careloop::ctl
