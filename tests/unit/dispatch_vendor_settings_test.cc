// dispatch settings for vendor trouble and receipts: the secondary SMS vendor, the breaker, the
// throttle wait, failover and the receipt endpoint's secrets.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <string>

#include "common/config/config.h"
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

TEST(DispatchVendorSettings, DefaultsHaveNoSecondaryAndNoReceiptEndpoint) {
  const auto settings = Parse("");
  EXPECT_FALSE(settings.sms_secondary.has_value());
  EXPECT_EQ(settings.breaker.failure_threshold, 5);
  EXPECT_EQ(settings.breaker.open_for, Millis{30'000});
  EXPECT_EQ(settings.policy.throttle_wait, Millis{60'000});
  EXPECT_EQ(settings.policy.failover_after, 1);
  EXPECT_TRUE(settings.receipts_listen.empty());
}

TEST(DispatchVendorSettings, ASecondaryVendorNeedsItsKeysAndMustBeTheOtherOne) {
  const auto settings = Parse(
      "sms_secondary: tencent\ntencent: {secret_id: s, secret_key: k, sdk_app_id: '1400000001'}\n"
      "breaker: {failure_threshold: 3, open_for_ms: 5000}\nthrottle_wait_ms: 1000\nfailover_after: 2\n");
  EXPECT_EQ(settings.sms_secondary, dispatch::SmsProvider::kTencent);
  EXPECT_EQ(settings.tencent.sdk_app_id, "1400000001");
  EXPECT_EQ(settings.breaker.failure_threshold, 3);
  EXPECT_EQ(settings.breaker.open_for, Millis{5'000});
  EXPECT_EQ(settings.policy.throttle_wait, Millis{1'000});
  EXPECT_EQ(settings.policy.failover_after, 2);
  EXPECT_EQ(ErrorOf("sms_secondary: tencent\n"),
            "dispatch.tencent.secret_id: is required (the SecretId of the Tencent Cloud account)");
  EXPECT_EQ(ErrorOf("sms_secondary: aliyun\n"), "dispatch.sms_secondary: must name the other vendor than sms_provider");
  EXPECT_EQ(ErrorOf("sms_secondary: twilio\n"), "dispatch.sms_secondary: must be 'aliyun' or 'tencent', got 'twilio'");
}

TEST(DispatchVendorSettings, AReceiptEndpointNeedsAtLeastOneSecret) {
  const auto settings = Parse("receipts: {listen: '0.0.0.0:8090', aliyun_token: a, wechat_token: w}\n");
  EXPECT_EQ(settings.receipts_listen, "0.0.0.0:8090");
  EXPECT_EQ(settings.receipt_secrets.aliyun_token, "a");
  EXPECT_EQ(settings.receipt_secrets.wechat_token, "w");
  EXPECT_EQ(ErrorOf("receipts: {listen: '0.0.0.0:8090'}\n"),
            "dispatch.receipts.listen: needs at least one of aliyun_token, tencent_token, wechat_token: receipts are "
            "checked");
}

TEST(DispatchVendorSettings, AReceiptAheadOfItsSendIsKeptForAWhile) {
  EXPECT_EQ(Parse("").receipt_pending_ttl, Millis{600'000});
  EXPECT_EQ(Parse("receipts: {pending_ttl_ms: 120000}\n").receipt_pending_ttl, Millis{120'000});
  EXPECT_NE(ErrorOf("receipts: {pending_ttl_ms: 0}\n").find("dispatch.receipts.pending_ttl_ms"), std::string::npos);
}

}  // namespace
}  // namespace careloop
