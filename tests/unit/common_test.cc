#include <gtest/gtest.h>

#include "common/auth/auth.h"
#include "common/base/ids.h"
#include "common/base/text.h"
#include "common/base/time.h"
#include "common/clock/clock.h"
#include "common/config/config.h"
#include "common/kafka/cloud_event.h"
#include "common/log/log.h"
#include "common/log/mask.h"
#include "common/metrics/metrics.h"

namespace careloop {
namespace {

TEST(Dates, ParsesTheThreeFormatsDmsExportsUse) {
  EXPECT_EQ(Date::Parse("2025-03-07"), (Date{2025, 3, 7}));
  EXPECT_EQ(Date::Parse("2025/3/7"), (Date{2025, 3, 7}));
  EXPECT_EQ(Date::Parse("20250307"), (Date{2025, 3, 7}));
  EXPECT_FALSE(Date::Parse("2025-02-30").has_value());
  EXPECT_FALSE(Date::Parse("07/03/2025x").has_value());
}

TEST(Instants, Rfc3339RoundTripsAndHonoursOffsets) {
  const auto instant = ParseRfc3339("2026-11-22T10:00:00+08:00");
  ASSERT_TRUE(instant.has_value());
  EXPECT_EQ(FormatRfc3339(*instant), "2026-11-22T02:00:00.000Z");
  EXPECT_EQ(ParseRfc3339(FormatRfc3339(*instant)), instant);
  EXPECT_FALSE(ParseRfc3339("yesterday").has_value());
}

TEST(Durations, ParseDaysHoursWeeks) {
  EXPECT_EQ(ParseDuration("30d"), Millis{30LL * 86'400'000});
  EXPECT_EQ(ParseDuration("2w"), Millis{14LL * 86'400'000});
  EXPECT_EQ(ParseDuration("90m"), Millis{90LL * 60'000});
  EXPECT_FALSE(ParseDuration("30").has_value());
  EXPECT_FALSE(ParseDuration("-1d").has_value());
}

TEST(TimeZones, ShanghaiDateChangesAtSixteenUtc) {
  TimeZone zone("Asia/Shanghai");
  EXPECT_EQ(zone.DateAt(*ParseRfc3339("2026-11-22T15:59:00Z")), (Date{2026, 11, 22}));
  EXPECT_EQ(zone.DateAt(*ParseRfc3339("2026-11-22T16:00:00Z")), (Date{2026, 11, 23}));
  EXPECT_THROW(TimeZone("Mars/Olympus"), std::runtime_error);
}

TEST(Masking, PhonesAndNationalIdsAreMaskedEverywhereInAText) {
  EXPECT_EQ(log::MaskPii("call 13812345678 now"), "call 138****5678 now");
  EXPECT_EQ(log::MaskPii("+8613812345678"), "+86138****5678");
  EXPECT_EQ(log::MaskPii("id 11010519491231002X ok"), "id 110105********002X ok");
  EXPECT_EQ(log::MaskPii("order 20261122001"), "order 20261122001");  // 11 digits not starting with 1
  EXPECT_EQ(log::MaskName("王小明"), "王**");
}

TEST(Logging, LinesAreJsonWithPiiMaskedInFields) {
  const std::string line = log::FormatLine("info", "sent to 13812345678", {{"to", "13812345678"}, {"count", 2}});
  const auto parsed = nlohmann::json::parse(line);
  EXPECT_EQ(parsed["msg"], "sent to 138****5678");
  EXPECT_EQ(parsed["to"], "138****5678");
  EXPECT_EQ(parsed["count"], 2);
  EXPECT_EQ(line.find("13812345678"), std::string::npos);
}

TEST(Config, EnvironmentOverridesNestedKeys) {
  YAML::Node root = YAML::Load("kafka: {brokers: a:1}\ndispatch: {quiet_hours: {start: '21:00'}}");
  config::ApplyEnvironmentOverrides(root, {{"CARELOOP_KAFKA__BROKERS", "b:2"},
                                           {"CARELOOP_DISPATCH__QUIET_HOURS__START", "22:00"},
                                           {"CARELOOP_NEW__KEY", "x"},
                                           {"HOME", "/root"}});
  EXPECT_EQ(root["kafka"]["brokers"].as<std::string>(), "b:2");
  EXPECT_EQ(root["dispatch"]["quiet_hours"]["start"].as<std::string>(), "22:00");
  EXPECT_EQ(root["new"]["key"].as<std::string>(), "x");
}

TEST(Config, LoadsDefaultsAndValidatesWithKeyNames) {
  const auto settings = config::Load("", "customers", {{"CARELOOP_REDIS__URL", "redis://:pw@10.0.0.5:6380/2"}});
  EXPECT_EQ(settings.redis.host, "10.0.0.5");
  EXPECT_EQ(settings.redis.port, 6380);
  EXPECT_EQ(settings.redis.db, 2);
  EXPECT_EQ(settings.redis.password, "pw");
  try {
    (void)config::Load("", "customers", {{"CARELOOP_CLOCK__MODE", "lunar"}});
    FAIL() << "expected a ConfigError";
  } catch (const config::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("clock.mode"), std::string::npos);
  }
  EXPECT_THROW((void)config::Load("", "customers", {{"CARELOOP_CUSTOMERS__GRPC__LISTEN", "localhost"}}),
               config::ConfigError);
}

TEST(Config, MissingSectionsMeanDefaults) {
  const YAML::Node root = YAML::Load("dispatch: {}");
  EXPECT_EQ(config::Get<int>(root["dispatch"]["frequency_cap"], "max_messages", 3), 3);
  EXPECT_EQ(config::Get<std::string>(root["nothing"], "start", "21:00"), "21:00");
  EXPECT_THROW((void)config::Get<int>(YAML::Load("{n: abc}"), "n", 1), config::ConfigError);
}

TEST(Config, TokensMustBeDigestsNotTokens) {
  EXPECT_THROW(
      (void)config::Load("", "customers", {{"CARELOOP_AUTH__TOKENS", "[{name: x, sha256: plain-token, role: admin}]"}}),
      config::ConfigError);
}

config::TokenSettings Token(const std::string& token, const std::string& role, std::vector<std::string> stores) {
  return {role + "-user", Sha256Hex(token), role, std::move(stores)};
}

TEST(Auth, BearerTokenMapsToRoleAndStores) {
  auth::TokenAuthenticator authenticator({Token("a-secret", "advisor", {"S001"}), Token("root", "admin", {"*"})});
  auto advisor = authenticator.Authenticate("Bearer a-secret");
  ASSERT_TRUE(advisor.ok());
  EXPECT_EQ(advisor->role, auth::Role::kAdvisor);
  EXPECT_TRUE(advisor->MayAccessStore("S001"));
  EXPECT_FALSE(advisor->MayAccessStore("S002"));
  EXPECT_EQ(advisor->RequireStore("S002").error().code, ErrorCode::kPermissionDenied);
  auto admin = authenticator.Authenticate("Bearer root");
  ASSERT_TRUE(admin.ok());
  EXPECT_TRUE(admin->MayAccessStore("S999"));
}

TEST(Auth, MissingMalformedAndUnknownTokensAreUnauthenticated) {
  auth::TokenAuthenticator authenticator({Token("a-secret", "advisor", {"S001"})});
  for (const char* header : {"", "a-secret", "Basic a-secret", "Bearer ", "Bearer a-secreT"}) {
    auto result = authenticator.Authenticate(header);
    ASSERT_FALSE(result.ok()) << header;
    EXPECT_EQ(result.error().code, ErrorCode::kUnauthenticated);
  }
}

TEST(Auth, ListScopeNeedsAKnownVisibleStoreOrACustomer) {
  auth::TokenAuthenticator authenticator({Token("a-secret", "advisor", {"S001"})});
  const auth::Principal advisor = authenticator.Authenticate("Bearer a-secret").value();
  const config::StoreCatalog stores({{"S001", "", "", "Asia/Shanghai", ""}, {"S002", "", "", "Asia/Shanghai", ""}});
  EXPECT_EQ(auth::RequireListScope(advisor, stores, "", "").error().field, "customer_id");
  EXPECT_EQ(auth::RequireListScope(advisor, stores, "", "S404").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(auth::RequireListScope(advisor, stores, "", "S002").error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(auth::RequireListScope(advisor, stores, "", "S001").ok());
  EXPECT_TRUE(auth::RequireListScope(advisor, stores, "cus-1", "").ok());
}

TEST(CloudEvents, HeadersRoundTrip) {
  kafka::CloudEvent event;
  event.id = "evt-1";
  event.source = "/careloop/customers";
  event.type = "careloop.customer.v1.VehicleDelivered";
  event.subject = "cus-1";
  event.time = *ParseRfc3339("2026-11-22T02:00:00Z");
  const auto headers = kafka::ToHeaders(event);
  EXPECT_EQ(headers.front(), (std::pair<std::string, std::string>{"ce_specversion", "1.0"}));
  auto back = kafka::FromHeaders(headers);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->id, "evt-1");
  EXPECT_EQ(back->type, event.type);
  EXPECT_EQ(back->subject, "cus-1");
  EXPECT_EQ(back->time, event.time);
  EXPECT_EQ(back->content_type, "application/protobuf");
}

TEST(CloudEvents, MissingTypeIsAnErrorNamingTheHeader) {
  auto result = kafka::FromHeaders({{"ce_specversion", "1.0"}, {"ce_id", "x"}, {"ce_source", "/y"}});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().field, "ce_type");
}

TEST(Ids, DerivedIdsAreStableAndSeparatorSafe) {
  EXPECT_EQ(DerivedId("m-", {"ab", "c"}), DerivedId("m-", {"ab", "c"}));
  EXPECT_NE(DerivedId("m-", {"ab", "c"}), DerivedId("m-", {"a", "bc"}));
  EXPECT_NE(NewRandomId("x-"), NewRandomId("x-"));
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ManualClock, MovesOnlyWhenTold) {
  clock::ManualClock clock(*ParseRfc3339("2026-11-01T00:00:00Z"));
  const Instant before = clock.Now();
  clock.Advance(Days{30});
  EXPECT_EQ(clock.Now() - before, Millis{Days{30}});
}

TEST(Metrics, RendersPrometheusTextWithLabelsAndBuckets) {
  metrics::Registry registry;
  registry.GetCounter("careloop_sent_total", "messages sent", {{"provider", "aliyun"}}).Increment(3);
  registry.GetHistogram("careloop_rpc_duration_seconds", "rpc time", {{"method", "Get"}}).Observe(0.003);
  const std::string text = registry.Render();
  EXPECT_NE(text.find("careloop_sent_total{provider=\"aliyun\"} 3"), std::string::npos) << text;
  EXPECT_NE(text.find("careloop_rpc_duration_seconds_bucket{method=\"Get\",le=\"0.005\"} 1"), std::string::npos)
      << text;
  EXPECT_NE(text.find("careloop_rpc_duration_seconds_bucket{method=\"Get\",le=\"0.001\"} 0"), std::string::npos);
  EXPECT_NE(text.find("# TYPE careloop_sent_total counter"), std::string::npos);
}

TEST(HtmlEscape, MarkupAndQuotesBecomeReferencesChineseStaysAsIs) {
  EXPECT_EQ(HtmlEscape("<b onclick='x'>\"王&李\"</b>"), "&lt;b onclick=&#39;x&#39;&gt;&quot;王&amp;李&quot;&lt;/b&gt;");
  EXPECT_EQ(HtmlEscape("星途汽车朝阳店"), "星途汽车朝阳店");
  EXPECT_EQ(HtmlEscape(""), "");
}

}  // namespace
}  // namespace careloop
