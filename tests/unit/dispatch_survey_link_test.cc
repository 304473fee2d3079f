// Dispatch renders the survey answer page's link: the invitation wordings with ${survey_link}
// (visit and delivery) when SurveyIssued carried a link, the reply-a-number wordings when not;
// the placeholder only in those wordings; WeChat sends the link as the message's url. Over the
// in-memory fakes (tests/fakes/dispatch_fakes.h, dispatch_plan_fakes.h).
#include <gtest/gtest.h>

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/dispatch/app/channel_plans_app.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/plan_executor.h"
#include "services/dispatch/app/wechat_follows.h"
#include "services/dispatch/domain/message.h"
#include "services/dispatch/domain/store_templates.h"
#include "services/dispatch/domain/wechat_templates.h"
#include "tests/fakes/dispatch_fakes.h"
#include "tests/fakes/dispatch_plan_fakes.h"

namespace careloop::dispatch {
namespace {

using domain::CareKind;
using domain::SendRequest;

constexpr const char* kLink = "https://c.example.cn/s/tok0000000000001";

SendRequest Survey(bool delivery, std::string link) {
  SendRequest request{"srv-1", 1, CareKind::kSurveyInvitation, "cus-1", "S001", "veh-1", {}, delivery};
  request.answer_url = std::move(link);
  return request;
}

size_t CodePoints(const std::string& text) {
  size_t count = 0;
  for (const char c : text) {
    count += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
  }
  return count;
}

TEST(SurveyLinkTemplates, TheLinkChoosesTheWordingThatCarriesIt) {
  EXPECT_EQ(domain::TemplateNameFor(Survey(false, ""), {2026, 12, 3}), "survey_invitation");
  EXPECT_EQ(domain::TemplateNameFor(Survey(false, kLink), {2026, 12, 3}), "survey_invitation_link");
  EXPECT_EQ(domain::TemplateNameFor(Survey(true, ""), {2026, 12, 3}), "delivery_survey");
  EXPECT_EQ(domain::TemplateNameFor(Survey(true, kLink), {2026, 12, 3}), "delivery_survey_link");
}

TEST(SurveyLinkTemplates, TheLinkWordingsAreShortAndStillTakeAReply) {
  domain::Contact contact;
  contact.name = "王小明";
  contact.gender = 1;
  contact.plates = {{"veh-1", "京A12345"}};
  const domain::StoreIdentity store{"星途汽车朝阳店", "010-85556666", nullptr};
  for (const char* name : {"survey_invitation_link", "delivery_survey_link"}) {
    const auto values =
        domain::TemplateValues(Survey(std::string(name) == "delivery_survey_link", kLink), contact, store);
    EXPECT_EQ(values.at("survey_link"), kLink);
    auto text = domain::ComposeText(domain::DefaultTemplates().at(name), values, store);
    ASSERT_TRUE(text.ok()) << name;
    EXPECT_NE(text->find(std::string(" ") + kLink + " "), std::string::npos) << text.value();
    EXPECT_NE(text->find("回复1-10"), std::string::npos) << text.value();
    // Signed and without the link at most 45 characters: with a short link domain (a link of up
    // to 25 characters) the invitation is one 70-character SMS.
    EXPECT_LE(CodePoints(text.value()) - CodePoints(kLink), 45U) << text.value();
  }
  // Without a link there is no value for the placeholder.
  EXPECT_FALSE(domain::TemplateValues(Survey(false, ""), contact, store).contains("survey_link"));
}

TEST(SurveyLinkTemplates, OnlyTheLinkWordingsProvideTheLinkPlaceholder) {
  domain::StoreTemplate linked;
  linked.store_id = "S001";
  linked.kind = CareKind::kSurveyInvitation;
  linked.name = "survey_invitation_link";
  linked.body = "${name}您好，请点 ${survey_link} 评价朝阳店的服务。";
  linked.provider_template_code = "SMS_S001_SURVEY_LINK";
  EXPECT_TRUE(domain::CheckTemplate(linked).ok());
  linked.name = "delivery_survey_link";
  EXPECT_TRUE(domain::CheckTemplate(linked).ok());

  domain::StoreTemplate plain = linked;
  plain.name = "survey_invitation";
  const auto refused = domain::CheckTemplate(plain);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "message_template.body");
  EXPECT_NE(refused.error().message.find("${survey_link}"), std::string::npos);
  EXPECT_EQ(domain::KindOfTemplateName("delivery_survey_link"), CareKind::kSurveyInvitation);
}

class SurveyLinkSendTest : public ::testing::Test {
 protected:
  SurveyLinkSendTest() : clock_(*ParseRfc3339("2026-11-22T10:00:00+08:00")), stores_({Store()}) {
    domain::Contact contact;
    contact.customer_id = "cus-1";
    contact.store_id = "S001";
    contact.name = "王小明";
    contact.mobile = "13912345678";
    contact.gender = 1;
    contact.plates["veh-1"] = "京A12345";
    directory_.contacts["cus-1"] = contact;
  }

  static config::StoreSettings Store() {
    config::StoreSettings store{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"};
    store.merge_window_minutes = 0;
    store.message_gap_minutes = 0;
    return store;
  }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  testing::FakeMessageLedger ledger_;
  testing::FakeContactDirectory directory_;
  testing::FakeCauseCheck causes_;
  testing::FakeSmsSender sms_;
  app::DispatchPolicy policy_;
  app::DispatchApp app_{ledger_, directory_, causes_, sms_, clock_, stores_, domain::DefaultTemplates(), policy_};
};

TEST_F(SurveyLinkSendTest, AnSmsInvitationCarriesTheLinkWhenThereIsOne) {
  ASSERT_EQ(app_.Process(Survey(false, kLink)).value(), app::Outcome::kSent);
  ASSERT_EQ(sms_.sent.size(), 1U);
  EXPECT_EQ(sms_.sent[0].template_code, "SMS_CL_SURVEY_LINK");
  EXPECT_EQ(sms_.sent[0].params.at("survey_link"), kLink);
  EXPECT_NE(ledger_.messages.begin()->second.rendered_text.find(kLink), std::string::npos);
}

TEST_F(SurveyLinkSendTest, WithoutALinkTheInvitationAsksForAReply) {
  ASSERT_EQ(app_.Process(Survey(false, "")).value(), app::Outcome::kSent);
  ASSERT_EQ(sms_.sent.size(), 1U);
  EXPECT_EQ(sms_.sent[0].template_code, "SMS_CL_SURVEY");
  EXPECT_FALSE(sms_.sent[0].params.contains("survey_link"));
  EXPECT_EQ(ledger_.messages.begin()->second.rendered_text.find("/s/"), std::string::npos);
}

TEST_F(SurveyLinkSendTest, TheDeliverySurveyHasBothVariantsToo) {
  ASSERT_EQ(app_.Process(Survey(true, kLink)).value(), app::Outcome::kSent);
  SendRequest plain = Survey(true, "");
  plain.cause_id = "srv-2";
  ASSERT_EQ(app_.Process(plain).value(), app::Outcome::kSent);
  ASSERT_EQ(sms_.sent.size(), 2U);
  EXPECT_EQ(sms_.sent[0].template_code, "SMS_CL_DELIVERY_SURVEY_LINK");
  EXPECT_EQ(sms_.sent[0].params.at("survey_link"), kLink);
  EXPECT_EQ(sms_.sent[1].template_code, "SMS_CL_DELIVERY_SURVEY");
}

class SurveyLinkWeChatTest : public SurveyLinkSendTest {
 protected:
  SurveyLinkWeChatTest() {
    directory_.contacts["cus-1"].wechat_openid = "oAbcdefghijklmnopqrstuvwxyz";
    app_.UseWeChat(wechat_, follows_, domain::DefaultWeChatTemplates());
    app_.UsePlans(executor_);
  }

  testing::FakeWeChatSender wechat_;
  testing::FakeFollowBook follow_book_;
  testing::FakeChannelPlanBook book_;
  testing::FakeFallbackTimers timers_;
  app::WeChatFollows follows_{follow_book_, clock_};
  app::ChannelPlansApp plans_{book_, clock_, stores_};
  app::PlanExecutor executor_{plans_, ledger_, timers_, clock_};
};

TEST_F(SurveyLinkWeChatTest, AWeChatInvitationOpensTheLinkFromTheMessage) {
  ASSERT_EQ(app_.Process(Survey(false, kLink)).value(), app::Outcome::kSent);
  ASSERT_EQ(wechat_.sent.size(), 1U);
  EXPECT_TRUE(sms_.sent.empty());
  EXPECT_EQ(wechat_.sent[0].template_id, "CL_WX_SURVEY");
  EXPECT_EQ(wechat_.sent[0].url, kLink);
  EXPECT_EQ(wechat_.sent[0].data.at("thing2"), "请点击详情为本次服务评价");
}

TEST_F(SurveyLinkWeChatTest, WithoutALinkTheWeChatInvitationHasNoUrl) {
  ASSERT_EQ(app_.Process(Survey(false, "")).value(), app::Outcome::kSent);
  ASSERT_EQ(wechat_.sent.size(), 1U);
  EXPECT_TRUE(wechat_.sent[0].url.empty());
  EXPECT_EQ(wechat_.sent[0].data.at("thing2"), "请回复1-10分为本次服务评价");
}

}  // namespace
}  // namespace careloop::dispatch
