// dispatch's `wechat:` and `plans:` settings (services/dispatch/settings.cc).
#include <gtest/gtest.h>

#include "services/dispatch/settings.h"
#include "tests/unit/settings_fixtures.h"

namespace careloop {
namespace {

dispatch::Settings Parse(const std::string& extra) {
  return testing::DispatchSettingsWith(extra);
}
std::string ErrorOf(const std::string& extra) {
  return testing::DispatchSettingsError(extra);
}

TEST(DispatchPlanSettings, WeChatIsOffUntilConfigured) {
  const auto settings = Parse("");
  EXPECT_FALSE(settings.wechat_enabled);
  EXPECT_EQ(settings.fallback_batch, 50);
}

TEST(DispatchPlanSettings, ReadsTheOfficialAccountTemplateIdsAndPlanTimes) {
  const auto settings = Parse(
      "wechat: {endpoint: 'http://127.0.0.1:9', appid: wx1, secret: s1, template_ids: {first_maintenance: AbC}}\n"
      "plans: {fallback_batch: 10}\n");
  EXPECT_TRUE(settings.wechat_enabled);
  EXPECT_EQ(settings.wechat.appid, "wx1");
  EXPECT_EQ(settings.wechat.endpoint, "http://127.0.0.1:9");
  EXPECT_EQ(settings.wechat_templates.at("first_maintenance").template_id, "AbC");
  EXPECT_EQ(settings.wechat_templates.at("second_maintenance").template_id, "CL_WX_MAINTENANCE");
  EXPECT_EQ(settings.fallback_batch, 10);
}

TEST(DispatchPlanSettings, NamesTheKeyOfAMistake) {
  EXPECT_EQ(ErrorOf("wechat: {appid: wx1}\n"),
            "dispatch.wechat.secret: is required (the official account's AppSecret)");
  EXPECT_EQ(ErrorOf("wechat: {appid: wx1, secret: s, template_ids: {oil_change: X}}\n"),
            "dispatch.wechat.template_ids.oil_change: is not a WeChat template name");
  EXPECT_NE(ErrorOf("plans: {fallback_batch: 0}\n").find("dispatch.plans.fallback_batch"), std::string::npos);
}

}  // namespace
}  // namespace careloop
