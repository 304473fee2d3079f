// dispatch's `reconcile:` settings (services/dispatch/settings.cc).
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

TEST(DispatchReconcileSettings, DefaultsAskAfterTwoMinutesAndGiveUpAfterADay) {
  const auto settings = Parse("");
  EXPECT_EQ(settings.reconcile.after, Millis{120'000});
  EXPECT_EQ(settings.reconcile.batch, 100);
  EXPECT_EQ(settings.reconcile.give_up_after, Millis{86'400'000});
}

TEST(DispatchReconcileSettings, ReadsItsKeys) {
  const auto settings = Parse("reconcile: {after_ms: 60000, batch: 10, give_up_after_ms: 0, poll_ms: 100}\n");
  EXPECT_EQ(settings.reconcile.after, Millis{60'000});
  EXPECT_EQ(settings.reconcile.batch, 10);
  EXPECT_EQ(settings.reconcile.give_up_after, Millis{0});  // never
  EXPECT_EQ(settings.reconcile.poll, Millis{100});
}

TEST(DispatchReconcileSettings, AnAfterWithinTheVendorsTimeoutOrAGiveUpBeforeItIsRefused) {
  EXPECT_NE(ErrorOf("reconcile: {after_ms: 5000}\n").find("dispatch.reconcile.after_ms: must exceed"),
            std::string::npos);
  EXPECT_NE(ErrorOf("reconcile: {give_up_after_ms: 60000}\n").find("dispatch.reconcile.give_up_after_ms"),
            std::string::npos);
  EXPECT_NE(ErrorOf("reconcile: {batch: 0}\n").find("dispatch.reconcile.batch"), std::string::npos);
}

}  // namespace
}  // namespace careloop
