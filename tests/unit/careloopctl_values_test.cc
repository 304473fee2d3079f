// Parsing of careloopctl's settings and argument values.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>

#include "tools/careloopctl/endpoints.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"

namespace careloop::ctl {
namespace {

TEST(ParseEnvFile, ReadsKeyValueLinesSkippingCommentsAndQuotes) {
  const auto values = ParseEnvFile(
      "# written by up.sh\n"
      "KAFKA_BROKERS=127.0.0.1:39092\n"
      "\n"
      "export REDIS_URL=\"redis://127.0.0.1:6390/0\"\r\n"
      "CARELOOP_TOKEN = 'demo-admin-1' \n"
      "garbage line\n");
  EXPECT_EQ(values.at("KAFKA_BROKERS"), "127.0.0.1:39092");
  EXPECT_EQ(values.at("REDIS_URL"), "redis://127.0.0.1:6390/0");
  EXPECT_EQ(values.at("CARELOOP_TOKEN"), "demo-admin-1");
  EXPECT_EQ(values.size(), 3u);
}

TEST(Endpoints, FlagsOverrideEnvironmentWhichOverridesTheFile) {
  const std::map<std::string, std::string> file = {
      {kCustomersAddr, "file:1"}, {kRemindersAddr, "file:2"}, {kDispatchAddr, "file:3"}};
  const std::map<std::string, std::string> env = {{kRemindersAddr, "env:2"}, {kDispatchAddr, "env:3"}};
  const std::map<std::string, std::string> flags = {{kDispatchAddr, "flag:3"}, {kSurveysAddr, ""}};
  const Endpoints endpoints(
      flags,
      [&](const std::string& key) -> std::optional<std::string> {
        auto it = env.find(key);
        return it == env.end() ? std::nullopt : std::optional(it->second);
      },
      file, "endpoints.env");
  EXPECT_EQ(endpoints.Get(kCustomersAddr), "file:1");
  EXPECT_EQ(endpoints.Get(kRemindersAddr), "env:2");
  EXPECT_EQ(endpoints.Get(kDispatchAddr), "flag:3");
  EXPECT_EQ(endpoints.Get(kSurveysAddr), "");
  EXPECT_THROW((void)endpoints.Require(kSurveysAddr), UsageError);
}

TEST(ParseYuanToFen, AcceptsUpToTwoDecimals) {
  EXPECT_EQ(ParseYuanToFen("680"), 68000);
  EXPECT_EQ(ParseYuanToFen("680.5"), 68050);
  EXPECT_EQ(ParseYuanToFen("0.05"), 5);
}

TEST(ParseYuanToFen, RejectsNegativeMalformedAndOverPreciseAmounts) {
  EXPECT_EQ(ParseYuanToFen("-1"), std::nullopt);
  EXPECT_EQ(ParseYuanToFen("1.234"), std::nullopt);
  EXPECT_EQ(ParseYuanToFen("1."), std::nullopt);
  EXPECT_EQ(ParseYuanToFen("abc"), std::nullopt);
  EXPECT_EQ(ParseYuanToFen(""), std::nullopt);
}

TEST(ShortEnumName, StripsThePrefixAndLowersTheCase) {
  EXPECT_EQ(ShortEnumName("REMINDER_KIND_FIRST_MAINTENANCE", "REMINDER_KIND_"), "first_maintenance");
  EXPECT_EQ(ShortEnumName("MESSAGE_STATUS_UNSPECIFIED", "MESSAGE_STATUS_"), "-");
}

TEST(ParseClockTarget, BareDateIsMidnightInTheZone) {
  const TimeZone shanghai("Asia/Shanghai");
  const auto instant = ParseClockTarget("2026-11-01", shanghai);
  ASSERT_TRUE(instant);
  EXPECT_EQ(FormatRfc3339(*instant), "2026-10-31T16:00:00.000Z");
}

TEST(ParseClockTarget, Rfc3339KeepsItsOffset) {
  const auto instant = ParseClockTarget("2026-11-01T10:00:00+08:00", TimeZone("Asia/Shanghai"));
  ASSERT_TRUE(instant);
  EXPECT_EQ(FormatUtc(*instant), "2026-11-01T02:00:00Z");
  EXPECT_EQ(FormatLocal(*instant), "2026-11-01 10:00");
  EXPECT_FALSE(ParseClockTarget("yesterday", TimeZone("Asia/Shanghai")));
}

TEST(ParseSignedDuration, NegativeMovesBack) {
  EXPECT_EQ(ParseSignedDuration("30d"), Millis{30LL * 24 * 3600 * 1000});
  EXPECT_EQ(ParseSignedDuration("-1d"), Millis{-24LL * 3600 * 1000});
  EXPECT_EQ(ParseSignedDuration("soon"), std::nullopt);
}

TEST(ParseDateFlag, RejectsImpossibleDates) {
  EXPECT_TRUE(ParseDateFlag("2026-02-28"));
  EXPECT_FALSE(ParseDateFlag("2026-02-30"));
  EXPECT_FALSE(ParseDateFlag("tomorrow"));
}

TEST(MaskPhoneFields, MasksPhoneAndMobileValuesAtAnyDepth) {
  Json value = {{"customer_id", "c1"},
                {"mobile", "13800138000"},
                {"contacts", {{{"home_phone", "01088886666"}, {"note", "13800138000"}}}}};
  MaskPhoneFields(value);
  EXPECT_EQ(value["mobile"], "138****8000");
  EXPECT_EQ(value["contacts"][0]["home_phone"], "010****6666");
  EXPECT_EQ(value["contacts"][0]["note"], "13800138000");  // not a phone field
  EXPECT_EQ(value["customer_id"], "c1");
}

}  // namespace
}  // namespace careloop::ctl
