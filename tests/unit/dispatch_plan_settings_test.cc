// dispatch's `wechat:` and `plans:` settings (services/dispatch/settings.cc).
#include <gtest/gtest.h>

#include "services/dispatch/settings.h"

namespace careloop {
namespace {

constexpr const char* kBase =
    "customers_address: 127.0.0.1:1\nreminders_address: 127.0.0.1:2\naliyun: {access_key_id: id, access_key_secret: "
    "secret}\n";

dispatch::Settings Parse(const std::string& extra) {
  config::ServiceSettings service;
  service.section = YAML::Load(std::string(kBase) + extra);
  service.service_token = "token";
  return dispatch::ParseSettings(service);
}

std::string ErrorOf(const std::string& extra) {
  try {
    (void)Parse(extra);
  } catch (const config::ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(DispatchPlanSettings, WeChatIsOffUntilConfigured) {
  const auto settings = Parse("");
  EXPECT_FALSE(settings.wechat_enabled);
  EXPECT_EQ(settings.plans.task_due, std::chrono::hours{24});
  EXPECT_EQ(settings.fallback_batch, 50);
}

TEST(DispatchPlanSettings, ReadsTheOfficialAccountTemplateIdsAndPlanTimes) {
  const auto settings = Parse(
      "wechat: {endpoint: 'http://127.0.0.1:9', appid: wx1, secret: s1, template_ids: {first_maintenance: AbC}}\n"
      "plans: {task_due_hours: 8, fallback_batch: 10}\n");
  EXPECT_TRUE(settings.wechat_enabled);
  EXPECT_EQ(settings.wechat.appid, "wx1");
  EXPECT_EQ(settings.wechat.endpoint, "http://127.0.0.1:9");
  EXPECT_EQ(settings.wechat_templates.at("first_maintenance").template_id, "AbC");
  EXPECT_EQ(settings.wechat_templates.at("second_maintenance").template_id, "CL_WX_MAINTENANCE");
  EXPECT_EQ(settings.plans.task_due, std::chrono::hours{8});
  EXPECT_EQ(settings.fallback_batch, 10);
}

TEST(DispatchPlanSettings, NamesTheKeyOfAMistake) {
  EXPECT_EQ(ErrorOf("wechat: {appid: wx1}\n"),
            "dispatch.wechat.secret: is required (the official account's AppSecret)");
  EXPECT_EQ(ErrorOf("wechat: {appid: wx1, secret: s, template_ids: {oil_change: X}}\n"),
            "dispatch.wechat.template_ids.oil_change: is not a WeChat template name");
  EXPECT_NE(ErrorOf("plans: {task_due_hours: 0}\n").find("dispatch.plans.task_due_hours"), std::string::npos);
}

}  // namespace
}  // namespace careloop
