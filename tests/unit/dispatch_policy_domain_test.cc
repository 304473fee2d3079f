// The store contact policy's rules (domain/store_policy.h: caps per class per day and week, the
// next slot, staleness, the same-day rule by priority, bad policies) and the store templates'
// (domain/store_templates.h: placeholders per kind, the opt-out line, WeChat keywords).
#include <gtest/gtest.h>

#include "services/dispatch/domain/store_policy.h"
#include "services/dispatch/domain/store_templates.h"

namespace careloop::dispatch::domain {
namespace {

const TimeZone& Shanghai() {
  static const TimeZone zone("Asia/Shanghai");
  return zone;
}

Instant At(const char* text) {
  return *ParseRfc3339(text);
}

Message SentAt(const std::string& id, CareKind kind, const char* when) {
  Message message;
  message.message_id = id;
  message.cause_id = id;
  message.kind = kind;
  message.status = MessageStatus::kSent;
  message.sent_at = At(when);
  message.created_at = message.sent_at;
  return message;
}

StorePolicy Policy() {
  StorePolicy policy;
  policy.max_marketing_per_day = 1;
  policy.max_marketing_per_week = 2;
  policy.max_care_per_day = 2;
  policy.max_care_per_week = 3;
  return policy;
}

TEST(StorePolicyCaps, TheDailyCapMovesTheMessageToTheNextMorningAfterQuietHours) {
  const std::vector<Message> recent{SentAt("a", CareKind::kBirthday, "2026-11-22T09:00:00+08:00")};
  const auto slot =
      CapReachedUntil(Policy(), MessageClass::kMarketing, recent, At("2026-11-22T15:00:00+08:00"), Shanghai());
  ASSERT_TRUE(slot.has_value());
  EXPECT_EQ(*slot, At("2026-11-23T08:00:00+08:00"));  // midnight is quiet: 08:00
}

TEST(StorePolicyCaps, TheWeeklyCapWaitsUntilTheOldestLeavesTheRollingWeek) {
  const std::vector<Message> recent{SentAt("a", CareKind::kCampaign, "2026-11-17T10:30:00+08:00"),
                                    SentAt("b", CareKind::kCampaign, "2026-11-20T11:00:00+08:00")};
  const auto slot =
      CapReachedUntil(Policy(), MessageClass::kMarketing, recent, At("2026-11-22T10:00:00+08:00"), Shanghai());
  ASSERT_TRUE(slot.has_value());
  EXPECT_EQ(*slot, At("2026-11-24T10:30:00+08:00"));
}

TEST(StorePolicyCaps, EachClassCountsOnlyItsOwnAndServiceCriticalHasNoCap) {
  const std::vector<Message> recent{SentAt("a", CareKind::kBirthday, "2026-11-22T09:00:00+08:00"),
                                    SentAt("b", CareKind::kFirstMaintenance, "2026-11-22T09:30:00+08:00")};
  const Instant now = At("2026-11-22T15:00:00+08:00");
  EXPECT_FALSE(CapReachedUntil(Policy(), MessageClass::kCare, recent, now, Shanghai()).has_value());
  EXPECT_TRUE(CapReachedUntil(Policy(), MessageClass::kMarketing, recent, now, Shanghai()).has_value());
  std::vector<Message> many(10, SentAt("c", CareKind::kAppointmentConfirmation, "2026-11-22T09:00:00+08:00"));
  EXPECT_FALSE(CapReachedUntil(Policy(), MessageClass::kServiceCritical, many, now, Shanghai()).has_value());
}

TEST(StorePolicyCaps, SuppressedAndDeferredMessagesDoNotCount) {
  Message suppressed = SentAt("a", CareKind::kBirthday, "2026-11-22T09:00:00+08:00");
  suppressed.status = MessageStatus::kSuppressed;
  EXPECT_FALSE(
      CapReachedUntil(Policy(), MessageClass::kMarketing, {suppressed}, At("2026-11-22T15:00:00+08:00"), Shanghai())
          .has_value());
}

TEST(StorePolicyStaleness, EachKindExpiresWithItsOwnDay) {
  SendRequest greeting{"g", 1, CareKind::kHolidayGreeting, "c", "S001", "", {2026, 9, 25}};
  EXPECT_EQ(*ExpiryOf(greeting, Shanghai(), 14), At("2026-09-26T00:00:00+08:00"));
  SendRequest maintenance{"m", 1, CareKind::kFirstMaintenance, "c", "S001", "v", {2026, 12, 3}};
  EXPECT_EQ(*ExpiryOf(maintenance, Shanghai(), 14), At("2026-12-18T00:00:00+08:00"));
  SendRequest day_before{"d", 1, CareKind::kAppointmentDayBefore, "c", "S001", "v", {2026, 12, 3}};
  EXPECT_EQ(*ExpiryOf(day_before, Shanghai(), 14), At("2026-12-03T00:00:00+08:00"));
  SendRequest survey{"s", 1, CareKind::kSurveyInvitation, "c", "S001"};
  EXPECT_FALSE(ExpiryOf(survey, Shanghai(), 14).has_value());
}

TEST(StorePolicyQuietHours, EachClassHasItsWindowAndConfirmationsNoneUnlessSet) {
  StorePolicy policy = Policy();
  policy.marketing_quiet = {TimeOfDay{20 * 60}, TimeOfDay{9 * 60}};
  const Instant evening = At("2026-11-22T20:30:00+08:00");
  EXPECT_EQ(NextAllowedFor(policy, MessageClass::kMarketing, evening, Shanghai()), At("2026-11-23T09:00:00+08:00"));
  EXPECT_EQ(NextAllowedFor(policy, MessageClass::kCare, evening, Shanghai()), evening);  // care: 21:00-08:00
  EXPECT_EQ(NextAllowedFor(policy, MessageClass::kServiceCritical, At("2026-11-22T23:30:00+08:00"), Shanghai()),
            At("2026-11-22T23:30:00+08:00"));
  policy.critical_quiet = QuietHours{TimeOfDay{23 * 60}, TimeOfDay{7 * 60}};
  EXPECT_EQ(NextAllowedFor(policy, MessageClass::kServiceCritical, At("2026-11-22T23:30:00+08:00"), Shanghai()),
            At("2026-11-23T07:00:00+08:00"));
}

TEST(StorePolicyCheck, BadPoliciesAreRefusedNamingTheField) {
  StorePolicy zero_cap = Policy();
  zero_cap.max_marketing_per_day = 0;
  auto status = CheckPolicy(zero_cap);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().field, "policy.max_marketing_per_day");
  EXPECT_NE(status.error().message.find("at least 1"), std::string::npos);

  StorePolicy empty_window = Policy();
  empty_window.care_quiet = {TimeOfDay{8 * 60}, TimeOfDay{8 * 60}};
  EXPECT_EQ(CheckPolicy(empty_window).error().field, "policy.service_quiet_hours");
  StorePolicy empty_critical = Policy();
  empty_critical.critical_quiet = QuietHours{TimeOfDay{0}, TimeOfDay{0}};
  EXPECT_EQ(CheckPolicy(empty_critical).error().field, "policy.critical_quiet_hours");

  StorePolicy day_over_week = Policy();
  day_over_week.max_care_per_day = 5;
  EXPECT_EQ(CheckPolicy(day_over_week).error().field, "policy.max_care_per_day");
  StorePolicy too_big = Policy();
  too_big.max_care_per_week = kMaxCap + 1;
  EXPECT_EQ(CheckPolicy(too_big).error().field, "policy.max_care_per_week");
  StorePolicy twice = Policy();
  twice.priority = {CareKind::kCampaign, CareKind::kCampaign};
  EXPECT_EQ(CheckPolicy(twice).error().field, "policy.priority");
  EXPECT_TRUE(CheckPolicy(Policy()).ok());
}

TEST(StorePolicySameDay, ThePriorityDecidesWhichWaitingCampaignMessageYields) {
  const Date today{2026, 9, 25};
  Message waiting_greeting;
  waiting_greeting.message_id = waiting_greeting.cause_id = "g";
  waiting_greeting.kind = CareKind::kHolidayGreeting;
  waiting_greeting.status = MessageStatus::kDeferred;
  waiting_greeting.created_at = At("2026-09-25T09:00:00+08:00");
  waiting_greeting.not_before = At("2026-09-25T09:03:00+08:00");
  const SendRequest offer{"o", 1, CareKind::kCampaign, "c", "S001", "", today};
  StorePolicy policy = Policy();
  EXPECT_TRUE(YieldsSameDay(policy, offer, {waiting_greeting}, today, Shanghai()));
  policy.priority = {CareKind::kCampaign, CareKind::kHolidayGreeting};  // this store puts offers first
  EXPECT_FALSE(YieldsSameDay(policy, offer, {waiting_greeting}, today, Shanghai()));
  policy.priority.clear();
  policy.same_day_rule = SameDayRule::kSendBoth;
  EXPECT_FALSE(YieldsSameDay(policy, offer, {waiting_greeting}, today, Shanghai()));
  // What went out that day stops any campaign message, whatever its priority.
  policy.same_day_rule = SameDayRule::kDefer;
  const SendRequest greeting{"g2", 1, CareKind::kHolidayGreeting, "c", "S001", "", today};
  EXPECT_TRUE(YieldsSameDay(policy, greeting, {SentAt("x", CareKind::kCampaign, "2026-09-25T10:00:00+08:00")}, today,
                            Shanghai()));
}

TEST(StoreTemplatePlaceholders, EveryGroupDefaultPassesTheSaveCheckOfItsKind) {
  // Send and save agree: what the built-in templates use is what each kind provides.
  for (const auto& [name, tmpl] : DefaultTemplates()) {
    StoreTemplate candidate{"", "S001",   KindOfTemplateName(name), TemplateChannel::kSms, name, tmpl.text,
                            {}, tmpl.code};
    auto checked = CheckTemplate(candidate);
    EXPECT_TRUE(checked.ok()) << name << ": " << (checked.ok() ? "" : checked.error().ToString());
    if (checked.ok()) {
      EXPECT_EQ(checked->body, tmpl.text) << name;  // the opt-out line is there already: not added twice
    }
  }
}

TEST(StoreTemplatePlaceholders, AnUnknownPlaceholderIsRefusedNamingItAndTheField) {
  StoreTemplate tmpl{
      "", "S001", CareKind::kBirthday, TemplateChannel::kSms, "", "${name}您好，您的爱车${plate}生日快乐", {}, "SMS_1"};
  auto checked = CheckTemplate(tmpl);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().field, "message_template.body");
  EXPECT_NE(checked.error().message.find("${plate}"), std::string::npos);
  EXPECT_NE(checked.error().message.find("${store_phone}"), std::string::npos);  // what it does provide

  // A wording for a date already passed never names the date.
  StoreTemplate overdue{"",
                        "S001",
                        CareKind::kFirstMaintenance,
                        TemplateChannel::kSms,
                        "first_maintenance_overdue",
                        "${name}您好，${due_date}已过",
                        {},
                        "SMS_2"};
  EXPECT_EQ(CheckTemplate(overdue).error().field, "message_template.body");
  StoreTemplate unclosed = overdue;
  unclosed.name = "";
  unclosed.body = "${name您好";
  EXPECT_NE(CheckTemplate(unclosed).error().message.find("unclosed"), std::string::npos);
  EXPECT_EQ(PlaceholdersFor(CareKind::kFirstMaintenance, kSeveralCarsTemplate),
            (std::set<std::string>{"cars", "name", "store_phone"}));
  EXPECT_TRUE(PlaceholdersFor(CareKind::kCampaign, kCustomCampaignTemplate).contains("message"));
  EXPECT_FALSE(PlaceholdersFor(CareKind::kCampaign, "campaign").contains("message"));
}

TEST(StoreTemplatePlaceholders, ANameOfAnotherKindAndMissingFieldsAreRefused) {
  StoreTemplate tmpl{"", "S001", CareKind::kBirthday, TemplateChannel::kSms, "first_maintenance", "${name}您好",
                     {}, "SMS_1"};
  EXPECT_EQ(CheckTemplate(tmpl).error().field, "message_template.name");
  tmpl.name = "birthday_lunar";
  tmpl.provider_template_code = "";
  EXPECT_EQ(CheckTemplate(tmpl).error().field, "message_template.provider_template_code");
  tmpl.provider_template_code = "SMS_1";
  tmpl.store_id = "";
  EXPECT_EQ(CheckTemplate(tmpl).error().field, "message_template.store_id");
}

TEST(StoreTemplateOptOut, MarketingSmsGetsTheLineOnceAndCareNever) {
  EXPECT_EQ(WithOptOutLine(CareKind::kBirthday, "生日快乐！"), "生日快乐！回T退订");
  EXPECT_EQ(WithOptOutLine(CareKind::kBirthday, "生日快乐！回T退订"), "生日快乐！回T退订");
  EXPECT_EQ(WithOptOutLine(CareKind::kFirstMaintenance, "请保养"), "请保养");
  StoreTemplate tmpl{"",
                     "S001",
                     CareKind::kHolidayGreeting,
                     TemplateChannel::kSms,
                     "holiday_greeting_mid_autumn",
                     "${name}您好，中秋快乐！",
                     {},
                     "SMS_9"};
  auto checked = CheckTemplate(tmpl);
  ASSERT_TRUE(checked.ok());
  EXPECT_EQ(checked->body, "${name}您好，中秋快乐！回T退订");
  EXPECT_EQ(checked->template_id, "tpl-S001-sms-holiday_greeting_mid_autumn");
  EXPECT_EQ(CheckTemplate(checked.value())->body, checked->body);  // saved again: still once
}

TEST(StoreTemplateWechat, KeywordsAreRequiredUniqueAndCheckedLikeTheBody) {
  StoreTemplate tmpl{
      "", "S001",    CareKind::kFirstMaintenance, TemplateChannel::kWechat, "", "${name}您好，您的爱车${plate}该首保了",
      {}, "wx-TPL-1"};
  EXPECT_EQ(CheckTemplate(tmpl).error().field, "message_template.keywords");
  tmpl.keywords = {{"first", "${name}您好"}, {"keyword1", "${plate}"}, {"keyword2", "${due_date}"}};
  auto checked = CheckTemplate(tmpl);
  ASSERT_TRUE(checked.ok());
  EXPECT_EQ(checked->body, tmpl.body);  // WeChat: no SMS opt-out line
  EXPECT_EQ(checked->template_id, "tpl-S001-wechat-first_maintenance");
  tmpl.keywords.push_back({"keyword1", "again"});
  EXPECT_EQ(CheckTemplate(tmpl).error().field, "message_template.keywords[3].key");
  tmpl.keywords.back() = {"remark", "${coupon}"};
  EXPECT_EQ(CheckTemplate(tmpl).error().field, "message_template.keywords[3].value");
  StoreTemplate sms_with_keywords = tmpl;
  sms_with_keywords.channel = TemplateChannel::kSms;
  EXPECT_EQ(CheckTemplate(sms_with_keywords).error().field, "message_template.keywords");
}

}  // namespace
}  // namespace careloop::dispatch::domain
