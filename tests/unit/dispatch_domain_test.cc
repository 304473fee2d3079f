#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <set>
#include <string>

#include "services/dispatch/domain/contact_policy.h"
#include "services/dispatch/domain/message.h"
#include "services/dispatch/domain/wechat_templates.h"

namespace careloop::dispatch::domain {
namespace {

const TimeZone& Shanghai() {
  static const TimeZone zone("Asia/Shanghai");
  return zone;
}

TEST(QuietHours, MessageDueLateEveningWaitsUntilEightNextMorning) {
  const Instant late = *ParseRfc3339("2026-11-22T23:10:00+08:00");
  EXPECT_EQ(FormatRfc3339(NextAllowedMoment(late, QuietHours{}, Shanghai())), "2026-11-23T00:00:00.000Z");
}

TEST(QuietHours, MessageDueBeforeDawnWaitsUntilEightSameMorning) {
  const Instant early = *ParseRfc3339("2026-11-22T03:00:00+08:00");
  EXPECT_EQ(FormatRfc3339(NextAllowedMoment(early, QuietHours{}, Shanghai())), "2026-11-22T00:00:00.000Z");
}

TEST(QuietHours, DaytimeMessageGoesAtOnce) {
  const Instant day = *ParseRfc3339("2026-11-22T10:00:00+08:00");
  EXPECT_EQ(NextAllowedMoment(day, QuietHours{}, Shanghai()), day);
}

TEST(QuietHours, BoundariesAreStartInclusiveEndExclusive) {
  QuietHours quiet;
  EXPECT_TRUE(quiet.Contains(TimeOfDay{21 * 60}));
  EXPECT_FALSE(quiet.Contains(TimeOfDay{8 * 60}));
  EXPECT_TRUE(quiet.Contains(TimeOfDay{8 * 60 - 1}));
}

TEST(FrequencyCap, CareMessagesStopAtTheCapButServiceCriticalDoNot) {
  FrequencyCap cap{3, Days{7}};
  EXPECT_TRUE(WithinCap(MessageClass::kCare, 2, cap));
  EXPECT_FALSE(WithinCap(MessageClass::kCare, 3, cap));
  EXPECT_TRUE(WithinCap(MessageClass::kServiceCritical, 10, cap));
}

TEST(MessageIds, DeterministicPerReminderOccurrenceAndChannel) {
  EXPECT_EQ(MessageIdFor("rem-1", 1, "sms"), MessageIdFor("rem-1", 1, "sms"));
  EXPECT_NE(MessageIdFor("rem-1", 1, "sms"), MessageIdFor("rem-1", 2, "sms"));
  EXPECT_NE(MessageIdFor("rem-1", 1, "sms"), MessageIdFor("rem-1", 1, "wechat"));
}

TEST(Templates, RenderFillsPlaceholdersAndRefusesHoles) {
  EXPECT_EQ(RenderTemplate("${name}您好，${plate}", {{"name", "王先生"}, {"plate", "京A12345"}}).value(),
            "王先生您好，京A12345");
  auto hole = RenderTemplate("${name}您好，${plate}", {{"name", "王先生"}});
  ASSERT_FALSE(hole.ok());
  EXPECT_NE(hole.error().message.find("${plate}"), std::string::npos);
}

TEST(Templates, FirstMaintenanceSmsCarriesNamePlateAndStoreSignature) {
  const StoreIdentity store{"星途汽车朝阳店", "010-85556666", &Shanghai()};
  Contact contact;
  contact.name = "王小明";
  contact.gender = 1;
  contact.plates["veh-1"] = "京A12345";
  contact.models["veh-1"] = "星途瑶光";
  const SendRequest request{"rem-1", 1, CareKind::kFirstMaintenance, "cus-1", "S001", "veh-1", {2026, 12, 3}};
  auto text = ComposeText(DefaultTemplates().at(TemplateNameFor(request, {2026, 11, 26})),
                          TemplateValues(request, contact, store), store);
  ASSERT_TRUE(text.ok()) << text.error().ToString();
  EXPECT_EQ(text->rfind("【星途汽车朝阳店】王先生您好", 0), 0u) << *text;
  EXPECT_NE(text->find("京A12345"), std::string::npos);
  EXPECT_NE(text->find("2026年12月3日"), std::string::npos);
}

TEST(Templates, APassedServiceDateIsNeverNamed) {
  SendRequest request{"rem-1", 1, CareKind::kFirstMaintenance, "cus-1", "S001", "veh-1", {2026, 12, 3}};
  EXPECT_EQ(TemplateNameFor(request, {2026, 12, 3}), "first_maintenance");
  EXPECT_EQ(TemplateNameFor(request, {2026, 12, 4}), "first_maintenance_overdue");
  request.kind = CareKind::kRegularMaintenance;
  EXPECT_EQ(TemplateNameFor(request, {2026, 12, 4}), "regular_maintenance_overdue");
  for (const auto& [name, tmpl] : DefaultTemplates()) {
    if (name.ends_with("_overdue") || name == kSeveralCarsTemplate) {
      EXPECT_EQ(tmpl.text.find("${due_date}"), std::string::npos) << name;
    }
  }
}

TEST(Templates, TheDeliverySurveyIsNotTheVisitSurvey) {
  SendRequest request{"srv-1", 1, CareKind::kSurveyInvitation, "cus-1", "S001", "veh-1", {}};
  EXPECT_EQ(TemplateNameFor(request, {2026, 12, 3}), "survey_invitation");
  request.about_delivery = true;
  EXPECT_EQ(TemplateNameFor(request, {2026, 12, 3}), "delivery_survey");
  EXPECT_EQ(DefaultTemplates().at("delivery_survey").text.find("光临"), std::string::npos);
}

TEST(Templates, SeveralCarsAreListedInOneText) {
  const StoreIdentity store{"星途汽车朝阳店", "010-85556666", &Shanghai()};
  Contact contact;
  contact.name = "王小明";
  contact.gender = 2;
  contact.plates = {{"veh-1", "京A12345"}, {"veh-2", "京B67890"}};
  contact.models = {{"veh-1", "星途瑶光"}, {"veh-2", "星途揽月"}};
  const std::vector<SendRequest> requests{
      {"rem-1", 1, CareKind::kFirstMaintenance, "cus-1", "S001", "veh-1", {2026, 12, 3}},
      {"rem-2", 1, CareKind::kRegularMaintenance, "cus-1", "S001", "veh-2", {2026, 12, 5}}};
  auto text = ComposeText(DefaultTemplates().at(std::string(kSeveralCarsTemplate)),
                          SeveralCarsValues(requests, contact, store), store);
  ASSERT_TRUE(text.ok()) << text.error().ToString();
  EXPECT_NE(text->find("王女士您好，您的爱车京A12345（星途瑶光）、京B67890（星途揽月）近期都到了保养时间"),
            std::string::npos)
      << *text;
}

TEST(Templates, WarrantyAndInspectionNameTheirDateOnlyWhileItIsAhead) {
  SendRequest request{"rem-1", 1, CareKind::kWarrantyExpiry, "cus-1", "S001", "veh-1", {2029, 11, 1}};
  EXPECT_EQ(TemplateNameFor(request, {2029, 10, 2}), "warranty_expiry");
  EXPECT_EQ(TemplateNameFor(request, {2029, 11, 2}), "warranty_expiry_overdue");
  request.kind = CareKind::kAnnualInspection;
  EXPECT_EQ(TemplateNameFor(request, {2029, 10, 2}), "annual_inspection");
  EXPECT_EQ(TemplateNameFor(request, {2029, 11, 2}), "annual_inspection_overdue");
  const StoreIdentity store{"星途汽车朝阳店", "010-85556666", nullptr};
  Contact contact;
  contact.name = "王小明";
  contact.gender = 1;
  contact.plates = {{"veh-1", "京A12345"}};
  auto text = ComposeText(DefaultTemplates().at("annual_inspection"), TemplateValues(request, contact, store), store);
  ASSERT_TRUE(text.ok()) << text.error().ToString();
  EXPECT_NE(text->find("王先生您好，您的爱车京A12345的年检将于2029年11月1日到期"), std::string::npos) << *text;
}

TEST(Templates, TheFollowUpOfAMaintenanceReminderNamesNoDate) {
  SendRequest request{"rem-1", 2, CareKind::kRegularMaintenance, "cus-1", "S001", "veh-1", {2026, 12, 3}};
  EXPECT_EQ(TemplateNameFor(request, {2026, 12, 1}), "maintenance_follow_up");
  EXPECT_EQ(DefaultTemplates().at("maintenance_follow_up").text.find("${due_date}"), std::string::npos);
  request.occurrence = 1;
  EXPECT_EQ(TemplateNameFor(request, {2026, 12, 1}), "regular_maintenance");
}

// The local stack's fake gateway renders with the templates "registered at the vendor"; they
// must be exactly the built-in ones, or the demo shows texts dispatch never meant.
TEST(Templates, TheLocalGatewayRegistersEveryBuiltInTemplate) {
  const YAML::Node registered =
      YAML::LoadFile(std::string(CARELOOP_SOURCE_DIR) + "/deploy/local/gateway-templates.yaml");
  std::map<std::string, std::string> by_code;     // SMS templates
  std::map<std::string, std::string> wechat_ids;  // WeChat template messages (CL_WX_…)
  for (const auto& entry : registered) {
    const auto code = entry["code"].as<std::string>();
    (code.starts_with("CL_WX_") ? wechat_ids : by_code)[code] = entry["text"].as<std::string>();
  }
  const Templates builtin = DefaultTemplates();
  EXPECT_EQ(by_code.size(), builtin.size());
  for (const auto& [name, tmpl] : builtin) {
    EXPECT_EQ(by_code[tmpl.code], tmpl.text) << name;
  }
  // WeChat: the gateway renders the ids it has registered (and accepts any other); each one it has
  // must be an id a built-in WeChat template uses.
  std::set<std::string> used;
  for (const auto& [name, tmpl] : DefaultWeChatTemplates()) {
    used.insert(tmpl.template_id);
  }
  EXPECT_FALSE(wechat_ids.empty());
  for (const auto& [code, text] : wechat_ids) {
    EXPECT_TRUE(used.contains(code)) << code << " is registered but no built-in WeChat template uses it";
  }
}

TEST(Names, FamilyNameHandlesCompoundSurnamesAndLatinNames) {
  EXPECT_EQ(FamilyName("王小明"), "王");
  EXPECT_EQ(FamilyName("欧阳娜娜"), "欧阳");
  EXPECT_EQ(FamilyName("Smith John"), "Smith");
  EXPECT_EQ(Honorific(2), "女士");
}

TEST(OptOut, RecognisesTheCommonUnsubscribeReplies) {
  EXPECT_TRUE(IsOptOutReply("TD"));
  EXPECT_TRUE(IsOptOutReply(" t "));
  EXPECT_TRUE(IsOptOutReply("退订"));
  EXPECT_FALSE(IsOptOutReply("10"));
}

TEST(ClassifyReply, TellsOptOutOptInScoresAndConfirmationsApart) {
  EXPECT_EQ(ClassifyReply("td").kind, ReplyKind::kOptOut);
  EXPECT_EQ(ClassifyReply("订阅").kind, ReplyKind::kOptIn);
  EXPECT_EQ(ClassifyReply(" 9 ").kind, ReplyKind::kSurveyAnswer);
  EXPECT_EQ(ClassifyReply(" 9 ").score, 9);
  EXPECT_EQ(ClassifyReply("10").score, 10);
  EXPECT_EQ(ClassifyReply("11").kind, ReplyKind::kOther);
  EXPECT_EQ(ClassifyReply("0").kind, ReplyKind::kOther);
  EXPECT_EQ(ClassifyReply("确认").kind, ReplyKind::kConfirm);
  EXPECT_EQ(ClassifyReply("明天上午能来吗").kind, ReplyKind::kOther);
}

}  // namespace
}  // namespace careloop::dispatch::domain
