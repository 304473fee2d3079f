// The provider adapters against the real fake gateway, served in-process on 127.0.0.1, port 0.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/providers/aliyun_signature.h"
#include "services/dispatch/adapters/providers/aliyun_sms_sender.h"
#include "services/dispatch/adapters/providers/tencent_sms_sender.h"
#include "services/dispatch/adapters/providers/wechat_template_sender.h"
#include "tools/fake_gateway/gateway.h"
#include "tools/fake_gateway/gateway_server.h"

namespace careloop::dispatch::adapters {
namespace {

namespace gw = tools::fake_gateway;
using nlohmann::json;

constexpr char kAliyunKeyId[] = "LTAI-test-key";
constexpr char kAliyunSecret[] = "aliyun-secret";
constexpr char kTencentId[] = "AKID-test";
constexpr char kTencentKey[] = "tencent-key";
constexpr char kSdkAppId[] = "1400000001";
constexpr char kAppId[] = "wx-test-app";
constexpr char kAppSecret[] = "wechat-secret";

gw::Credentials TestCredentials() {
  gw::Credentials credentials;
  credentials.aliyun = {kAliyunKeyId, kAliyunSecret};
  credentials.tencent = {kTencentId, kTencentKey, kSdkAppId};
  credentials.wechat = {kAppId, kAppSecret};
  return credentials;
}

std::vector<gw::MessageTemplate> TestTemplates() {
  return {{"SMS_1001", "尊敬的${name}，您的爱车${plate}已到保养时间。"},
          {"2001", "尊敬的{1}，您的爱车{2}已到保养时间。"},
          {"tmpl-wx", "{{first.DATA}} 车牌 {{plate.DATA}}"}};
}

app::OutboundSms MaintenanceSms(const std::string& message_id) {
  app::OutboundSms sms;
  sms.message_id = message_id;
  sms.phone = "13800000000";
  sms.sign_name = "星途汽车";
  sms.params = {{"name", "王先生"}, {"plate", "沪A12345"}};
  sms.param_order = {"name", "plate"};
  return sms;
}

app::OutboundWeChat MaintenanceWeChat(const std::string& message_id) {
  app::OutboundWeChat message;
  message.message_id = message_id;
  message.openid = "o-openid-1";
  message.template_id = "tmpl-wx";
  message.url = "https://example.com/r/1";
  message.data = {{"first", "保养提醒"}, {"plate", "沪A12345"}};
  return message;
}

class ProviderAdaptersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    ledger_path_ =
        std::filesystem::path(::testing::TempDir()) / (std::string("provider_adapters_") + info->name() + ".jsonl");
    std::filesystem::remove(ledger_path_);
    gateway_ = std::make_unique<gw::Gateway>(TestCredentials(), TestTemplates(), ledger_path_.string());
    server_ = std::make_unique<gw::GatewayServer>(*gateway_);
    port_ = server_->Start("127.0.0.1", 0);
    endpoint_ = "http://127.0.0.1:" + std::to_string(port_);
  }

  void TearDown() override {
    server_->Stop();
    std::filesystem::remove(ledger_path_);
  }

  AliyunSmsSettings AliyunSettings() const {
    AliyunSmsSettings settings;
    settings.endpoint = endpoint_;
    settings.access_key_id = kAliyunKeyId;
    settings.access_key_secret = kAliyunSecret;
    return settings;
  }

  TencentSmsSettings TencentSettings() const {
    TencentSmsSettings settings;
    settings.endpoint = endpoint_ + "/";  // a trailing slash is tolerated
    settings.secret_id = kTencentId;
    settings.secret_key = kTencentKey;
    settings.sdk_app_id = kSdkAppId;
    return settings;
  }

  WeChatSettings WeChatSettingsForTest() const {
    WeChatSettings settings;
    settings.endpoint = endpoint_;
    settings.appid = kAppId;
    settings.secret = kAppSecret;
    return settings;
  }

  /// Sets a fault the way an out-of-process test would: over HTTP.
  void Control(const json& body) {
    httplib::Client client("127.0.0.1", port_);
    const auto result = client.Post("/_control", body.dump(), "application/json");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
  }

  json LedgerOverHttp() {
    httplib::Client client("127.0.0.1", port_);
    const auto result = client.Get("/_ledger");
    EXPECT_TRUE(result);
    return result ? json::parse(result->body) : json::array();
  }

  std::vector<json> LedgerFileLines() const {
    std::vector<json> lines;
    std::ifstream in(ledger_path_);
    std::string line;
    while (std::getline(in, line)) {
      lines.push_back(json::parse(line));
    }
    return lines;
  }

  std::filesystem::path ledger_path_;
  std::unique_ptr<gw::Gateway> gateway_;
  std::unique_ptr<gw::GatewayServer> server_;
  int port_ = 0;
  std::string endpoint_;
};

// ---- Aliyun -------------------------------------------------------------------------------

TEST_F(ProviderAdaptersTest, AliyunAcceptedSendIsLedgeredWithOutIdParamsAndRenderedText) {
  AliyunSmsSender sender(AliyunSettings());
  EXPECT_EQ(sender.Provider(), "aliyun");
  auto sms = MaintenanceSms("msg-aliyun-1");
  sms.template_code = "SMS_1001";

  const app::SendOutcome outcome = sender.Send(sms);

  ASSERT_TRUE(outcome.accepted) << outcome.error_code << ": " << outcome.error_message;
  EXPECT_FALSE(outcome.provider_message_id.empty());
  const auto lines = LedgerFileLines();
  ASSERT_EQ(lines.size(), 1U);
  const json& line = lines[0];
  EXPECT_EQ(line["provider"], "aliyun");
  EXPECT_EQ(line["phone"], "13800000000");
  EXPECT_EQ(line["sign_name"], "星途汽车");
  EXPECT_EQ(line["template_code"], "SMS_1001");
  EXPECT_EQ(line["params"], json({{"name", "王先生"}, {"plate", "沪A12345"}}));
  EXPECT_EQ(line["correlation_id"], "msg-aliyun-1");
  EXPECT_EQ(line["provider_message_id"], outcome.provider_message_id);
  EXPECT_EQ(line["rendered_text"], "尊敬的王先生，您的爱车沪A12345已到保养时间。");
  EXPECT_TRUE(line["openid"].is_null());
  EXPECT_EQ(LedgerOverHttp(), json(lines));
}

TEST_F(ProviderAdaptersTest, AliyunGetTransportIsAcceptedToo) {
  auto settings = AliyunSettings();
  settings.use_post = false;
  AliyunSmsSender sender(settings);
  auto sms = MaintenanceSms("msg-aliyun-get");
  sms.template_code = "SMS_UNKNOWN";

  const app::SendOutcome outcome = sender.Send(sms);

  ASSERT_TRUE(outcome.accepted) << outcome.error_code << ": " << outcome.error_message;
  const json ledger = gateway_->LedgerEntries();
  ASSERT_EQ(ledger.size(), 1U);
  EXPECT_EQ(ledger[0]["correlation_id"], "msg-aliyun-get");
  EXPECT_TRUE(ledger[0]["rendered_text"].is_null());  // template not registered
}

TEST_F(ProviderAdaptersTest, AliyunWrongSecretIsRejectedAndNotRetryable) {
  auto settings = AliyunSettings();
  settings.access_key_secret = "not-the-secret";
  AliyunSmsSender sender(settings);
  auto sms = MaintenanceSms("msg-aliyun-bad-secret");
  sms.template_code = "SMS_1001";

  const app::SendOutcome outcome = sender.Send(sms);

  EXPECT_FALSE(outcome.accepted);
  EXPECT_FALSE(outcome.retryable);
  EXPECT_EQ(outcome.error_code, "SignatureDoesNotMatch");
  EXPECT_TRUE(gateway_->LedgerEntries().empty());
}

TEST_F(ProviderAdaptersTest, AliyunThrottleIsRetryableAndLastsForCount) {
  Control({{"mode", "throttle"}, {"count", 1}});
  AliyunSmsSender sender(AliyunSettings());
  auto sms = MaintenanceSms("msg-aliyun-throttled");
  sms.template_code = "SMS_1001";

  const app::SendOutcome throttled = sender.Send(sms);
  const app::SendOutcome retried = sender.Send(sms);

  EXPECT_FALSE(throttled.accepted);
  EXPECT_TRUE(throttled.retryable);
  EXPECT_EQ(throttled.error_code, "isv.BUSINESS_LIMIT_CONTROL");
  EXPECT_TRUE(retried.accepted);
  EXPECT_EQ(gateway_->LedgerEntries().size(), 1U);
}

TEST_F(ProviderAdaptersTest, AliyunFailFaultIsPermanent) {
  Control({{"mode", "fail"}});
  AliyunSmsSender sender(AliyunSettings());
  auto sms = MaintenanceSms("msg-aliyun-fail");
  sms.template_code = "SMS_1001";

  const app::SendOutcome outcome = sender.Send(sms);

  EXPECT_FALSE(outcome.accepted);
  EXPECT_FALSE(outcome.retryable);
  EXPECT_EQ(outcome.error_code, "isv.SMS_TEMPLATE_ILLEGAL");
}

TEST_F(ProviderAdaptersTest, SlowVendorBeyondReadTimeoutIsRetryable) {
  Control({{"mode", "slow"}, {"delay_ms", 5000}, {"count", 1}});
  auto settings = AliyunSettings();
  settings.read_timeout = std::chrono::milliseconds(200);
  AliyunSmsSender sender(settings);
  auto sms = MaintenanceSms("msg-aliyun-slow");
  sms.template_code = "SMS_1001";

  const app::SendOutcome outcome = sender.Send(sms);

  EXPECT_FALSE(outcome.accepted);
  EXPECT_TRUE(outcome.retryable);
  EXPECT_EQ(outcome.error_code, "transport");
  // The request reached the vendor: accepted or not is unknown, so it is reconciled, not resent.
  EXPECT_EQ(outcome.fault, domain::VendorFault::kUnknown);
}

TEST_F(ProviderAdaptersTest, UnreachableVendorIsRetryable) {
  server_->Stop();  // nothing listens on the port any more
  AliyunSmsSender sender(AliyunSettings());
  auto sms = MaintenanceSms("msg-aliyun-down");
  sms.template_code = "SMS_1001";

  const app::SendOutcome outcome = sender.Send(sms);

  EXPECT_FALSE(outcome.accepted);
  EXPECT_TRUE(outcome.retryable);
  EXPECT_EQ(outcome.error_code, "transport");
  EXPECT_EQ(outcome.fault, domain::VendorFault::kTransient);  // refused: the vendor never saw it, resend safely
}

TEST_F(ProviderAdaptersTest, ConcurrentSendsFromManyThreadsAreAllAccepted) {
  AliyunSmsSender sender(AliyunSettings());
  constexpr int kThreads = 4;
  constexpr int kPerThread = 5;
  std::atomic<int> accepted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&sender, &accepted, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto sms = MaintenanceSms("msg-" + std::to_string(t) + "-" + std::to_string(i));
        sms.template_code = "SMS_1001";
        if (sender.Send(sms).accepted) {
          ++accepted;
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(accepted.load(), kThreads * kPerThread);
  std::set<std::string> ids;
  for (const auto& line : LedgerFileLines()) {
    ids.insert(line["correlation_id"].get<std::string>());
  }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kThreads * kPerThread));
}

TEST_F(ProviderAdaptersTest, EndpointMustBeSchemeHostPort) {
  auto settings = AliyunSettings();
  settings.endpoint = "127.0.0.1:18080";
  EXPECT_THROW(AliyunSmsSender{settings}, std::invalid_argument);
  settings.endpoint = "http://127.0.0.1:18080/v1";
  EXPECT_THROW(AliyunSmsSender{settings}, std::invalid_argument);
}

// ---- Tencent ------------------------------------------------------------------------------

TEST_F(ProviderAdaptersTest, TencentAcceptedSendIsLedgeredWithSessionContextAndOrderedParams) {
  TencentSmsSender sender(TencentSettings());
  EXPECT_EQ(sender.Provider(), "tencent");
  auto sms = MaintenanceSms("msg-tencent-1");
  sms.template_code = "2001";
  sms.param_order = {"plate", "name"};  // the order, not the map, decides the positions

  const app::SendOutcome outcome = sender.Send(sms);

  ASSERT_TRUE(outcome.accepted) << outcome.error_code << ": " << outcome.error_message;
  const auto lines = LedgerFileLines();
  ASSERT_EQ(lines.size(), 1U);
  const json& line = lines[0];
  EXPECT_EQ(line["provider"], "tencent");
  EXPECT_EQ(line["phone"], "+8613800000000");
  EXPECT_EQ(line["sign_name"], "星途汽车");
  EXPECT_EQ(line["template_code"], "2001");
  EXPECT_EQ(line["params"], json::array({"沪A12345", "王先生"}));
  EXPECT_EQ(line["correlation_id"], "msg-tencent-1");
  EXPECT_EQ(line["provider_message_id"], outcome.provider_message_id);
  EXPECT_EQ(line["rendered_text"], "尊敬的沪A12345，您的爱车王先生已到保养时间。");
}

TEST_F(ProviderAdaptersTest, TencentWrongSecretIsRejectedAndNotRetryable) {
  auto settings = TencentSettings();
  settings.secret_key = "not-the-key";
  TencentSmsSender sender(settings);
  auto sms = MaintenanceSms("msg-tencent-bad-key");
  sms.template_code = "2001";

  const app::SendOutcome outcome = sender.Send(sms);

  EXPECT_FALSE(outcome.accepted);
  EXPECT_FALSE(outcome.retryable);
  EXPECT_EQ(outcome.error_code, "AuthFailure.SignatureFailure");
  EXPECT_TRUE(gateway_->LedgerEntries().empty());
}

TEST_F(ProviderAdaptersTest, TencentThrottleIsRetryable) {
  Control({{"mode", "throttle"}, {"count", 1}});
  TencentSmsSender sender(TencentSettings());
  auto sms = MaintenanceSms("msg-tencent-throttled");
  sms.template_code = "2001";

  const app::SendOutcome outcome = sender.Send(sms);

  EXPECT_FALSE(outcome.accepted);
  EXPECT_TRUE(outcome.retryable);
  EXPECT_TRUE(outcome.error_code.starts_with("LimitExceeded")) << outcome.error_code;
  EXPECT_TRUE(gateway_->LedgerEntries().empty());
}

TEST_F(ProviderAdaptersTest, TencentWithoutParamOrderIsPermanentUnlessParamsAreNumbered) {
  TencentSmsSender sender(TencentSettings());
  auto named = MaintenanceSms("msg-tencent-unordered");
  named.template_code = "2001";
  named.param_order.clear();
  const app::SendOutcome rejected = sender.Send(named);
  EXPECT_FALSE(rejected.accepted);
  EXPECT_FALSE(rejected.retryable);

  auto numbered = named;
  numbered.message_id = "msg-tencent-numbered";
  numbered.params = {{"2", "沪A12345"}, {"1", "王先生"}};
  ASSERT_TRUE(sender.Send(numbered).accepted);
  EXPECT_EQ(gateway_->LedgerEntries()[0]["params"], json::array({"王先生", "沪A12345"}));
}

// ---- WeChat -------------------------------------------------------------------------------

TEST_F(ProviderAdaptersTest, WeChatAcceptedSendIsLedgeredWithClientMsgId) {
  WeChatTemplateSender sender(WeChatSettingsForTest());

  const app::SendOutcome outcome = sender.Send(MaintenanceWeChat("msg-wx-1"));

  ASSERT_TRUE(outcome.accepted) << outcome.error_code << ": " << outcome.error_message;
  const auto lines = LedgerFileLines();
  ASSERT_EQ(lines.size(), 1U);
  const json& line = lines[0];
  EXPECT_EQ(line["provider"], "wechat");
  EXPECT_EQ(line["openid"], "o-openid-1");
  EXPECT_TRUE(line["phone"].is_null());
  EXPECT_EQ(line["template_code"], "tmpl-wx");
  EXPECT_EQ(line["params"], json({{"first", "保养提醒"}, {"plate", "沪A12345"}}));
  EXPECT_EQ(line["correlation_id"], "msg-wx-1");
  EXPECT_EQ(line["provider_message_id"], outcome.provider_message_id);
  EXPECT_EQ(line["rendered_text"], "保养提醒 车牌 沪A12345");
}

TEST_F(ProviderAdaptersTest, WeChatTokenIsFetchedOnceForTwoSends) {
  WeChatTemplateSender sender(WeChatSettingsForTest());

  ASSERT_TRUE(sender.Send(MaintenanceWeChat("msg-wx-a")).accepted);
  ASSERT_TRUE(sender.Send(MaintenanceWeChat("msg-wx-b")).accepted);

  EXPECT_EQ(gateway_->Stats().token_requests, 1);
  EXPECT_EQ(gateway_->LedgerEntries().size(), 2U);
}

TEST_F(ProviderAdaptersTest, WeChatTokenIsRefreshedOnceAfterTheVendorRejectsIt) {
  WeChatTemplateSender sender(WeChatSettingsForTest());
  ASSERT_TRUE(sender.Send(MaintenanceWeChat("msg-wx-before")).accepted);
  Control({{"revoke_tokens", true}});

  const app::SendOutcome outcome = sender.Send(MaintenanceWeChat("msg-wx-after"));

  EXPECT_TRUE(outcome.accepted) << outcome.error_code;
  EXPECT_EQ(gateway_->Stats().token_requests, 2);
  const json ledger = gateway_->LedgerEntries();
  ASSERT_EQ(ledger.size(), 2U);
  EXPECT_EQ(ledger[1]["correlation_id"], "msg-wx-after");
}

TEST_F(ProviderAdaptersTest, WeChatTokenIsRefreshedBeforeItExpires) {
  auto now = std::chrono::steady_clock::time_point{};
  WeChatTemplateSender sender(WeChatSettingsForTest(), [&now] { return now; });
  ASSERT_TRUE(sender.Send(MaintenanceWeChat("msg-wx-t0")).accepted);

  now += std::chrono::seconds(7200 - 301);  // still outside the 300 s refresh margin
  ASSERT_TRUE(sender.Send(MaintenanceWeChat("msg-wx-t1")).accepted);
  EXPECT_EQ(gateway_->Stats().token_requests, 1);

  now += std::chrono::seconds(2);  // inside the margin: refresh before WeChat expires it
  ASSERT_TRUE(sender.Send(MaintenanceWeChat("msg-wx-t2")).accepted);
  EXPECT_EQ(gateway_->Stats().token_requests, 2);
}

TEST_F(ProviderAdaptersTest, WeChatWrongSecretIsRejectedAndNotRetryable) {
  auto settings = WeChatSettingsForTest();
  settings.secret = "not-the-secret";
  WeChatTemplateSender sender(settings);

  const app::SendOutcome outcome = sender.Send(MaintenanceWeChat("msg-wx-bad-secret"));

  EXPECT_FALSE(outcome.accepted);
  EXPECT_FALSE(outcome.retryable);
  EXPECT_EQ(outcome.error_code, "wechat_40125");
  EXPECT_TRUE(gateway_->LedgerEntries().empty());
}

TEST_F(ProviderAdaptersTest, WeChatThrottleIsRetryable) {
  Control({{"mode", "throttle"}, {"count", 1}});
  WeChatTemplateSender sender(WeChatSettingsForTest());

  const app::SendOutcome throttled = sender.Send(MaintenanceWeChat("msg-wx-throttled"));
  const app::SendOutcome retried = sender.Send(MaintenanceWeChat("msg-wx-throttled"));

  EXPECT_FALSE(throttled.accepted);
  EXPECT_TRUE(throttled.retryable);
  EXPECT_EQ(throttled.error_code, "wechat_45009");
  EXPECT_TRUE(retried.accepted);
}

TEST_F(ProviderAdaptersTest, WeChatToAnOpenidThatDoesNotFollowIsPermanent43004UntilItFollows) {
  Control({{"wechat_unfollow", {"o-openid-1"}}});
  WeChatTemplateSender sender(WeChatSettingsForTest());

  const app::SendOutcome unfollowed = sender.Send(MaintenanceWeChat("msg-wx-unfollowed"));
  EXPECT_FALSE(unfollowed.accepted);
  EXPECT_FALSE(unfollowed.retryable);
  EXPECT_EQ(unfollowed.error_code, "wechat_43004");
  EXPECT_TRUE(LedgerFileLines().empty());

  Control({{"wechat_follow", {"o-openid-1"}}});
  EXPECT_TRUE(sender.Send(MaintenanceWeChat("msg-wx-followed")).accepted);
}

TEST(FakeGatewayFollowState, UnfollowedOpenidsComeFromTheCredentialsFile) {
  const auto path = std::filesystem::path(::testing::TempDir()) / "fake_gateway_unfollowed.yaml";
  {
    std::ofstream out(path);
    out << "wechat:\n  appid: wx1\n  secret: s1\n  unfollowed: [o-gone-1, o-gone-2]\n";
  }
  const gw::Credentials credentials = gw::LoadCredentials(path.string());
  EXPECT_EQ(credentials.wechat.unfollowed, (std::vector<std::string>{"o-gone-1", "o-gone-2"}));
  std::filesystem::remove(path);
}

// ---- gateway details the adapters do not exercise -----------------------------------------

TEST_F(ProviderAdaptersTest, GatewayRejectsReplayedAliyunNonce) {
  // Sign one request by hand and send it twice.
  std::map<std::string, std::string> params = {
      {"AccessKeyId", kAliyunKeyId},         {"Action", "SendSms"},       {"Format", "JSON"},
      {"PhoneNumbers", "13800000000"},       {"SignName", "星途汽车"},    {"SignatureMethod", "HMAC-SHA1"},
      {"SignatureNonce", "nonce-1"},         {"SignatureVersion", "1.0"}, {"TemplateCode", "SMS_1001"},
      {"Timestamp", "2024-01-01T00:00:00Z"}, {"Version", "2017-05-25"}};
  params["Signature"] = providers::AliyunSign("GET", params, kAliyunSecret);
  gw::GatewayRequest request{"GET", "/", params, {}, ""};

  const gw::GatewayResponse first = gateway_->Handle(request);
  const gw::GatewayResponse second = gateway_->Handle(request);

  EXPECT_EQ(json::parse(first.body)["Code"], "OK");
  EXPECT_EQ(second.status, 400);
  EXPECT_EQ(json::parse(second.body)["Code"], "SignatureNonceUsed");
}

TEST_F(ProviderAdaptersTest, GatewayControlRejectsUnknownMode) {
  const gw::GatewayResponse response = gateway_->Handle({"POST", "/_control", {}, {}, R"({"mode":"explode"})"});
  EXPECT_EQ(response.status, 400);
}

TEST(FakeGatewayRendering, RendersEachVendorsPlaceholders) {
  EXPECT_EQ(gw::RenderNamed("您好${name}，${missing}", json{{"name", "王"}}), "您好王，${missing}");
  EXPECT_EQ(gw::RenderPositional("{1}-{2}-{3}", {"a", "b"}), "a-b-{3}");
  EXPECT_EQ(gw::RenderWeChat("{{k.DATA}}/{{x.DATA}}", json{{"k", "v"}}), "v/{{x.DATA}}");
}

TEST(FakeGatewayListenAddress, ParsesHostAndPort) {
  EXPECT_EQ(gw::ParseListenAddress("127.0.0.1:0"), (std::pair<std::string, int>{"127.0.0.1", 0}));
  EXPECT_EQ(gw::ParseListenAddress("[::1]:8080"), (std::pair<std::string, int>{"::1", 8080}));
  EXPECT_THROW((void)gw::ParseListenAddress("127.0.0.1"), std::invalid_argument);
  EXPECT_THROW((void)gw::ParseListenAddress("127.0.0.1:http"), std::invalid_argument);
}

}  // namespace
}  // namespace careloop::dispatch::adapters
