// dispatch's `batch:` settings (services/dispatch/settings.cc): campaign batch passes and their lanes.
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

TEST(DispatchBatchSettings, DefaultsAreFiveHundredAPassInFourLanes) {
  const auto settings = Parse("");
  EXPECT_TRUE(settings.batch_enabled);
  EXPECT_EQ(settings.batch.size, 500);
  EXPECT_EQ(settings.batch.lanes, 4);
}

TEST(DispatchBatchSettings, LanesAreReadAndBounded) {
  EXPECT_EQ(Parse("batch: {lanes: 1}\n").batch.lanes, 1);
  EXPECT_EQ(Parse("batch: {lanes: 16, size: 200}\n").batch.lanes, 16);
  EXPECT_NE(ErrorOf("batch: {lanes: 0}\n").find("dispatch.batch.lanes"), std::string::npos);
  EXPECT_NE(ErrorOf("batch: {lanes: 33}\n").find("dispatch.batch.lanes"), std::string::npos);
}

}  // namespace
}  // namespace careloop
