// The campaign settings: reminders.customers_address and reminders.campaigns.*, and a store's
// quiet hours (stores[].quiet_hours), which a campaign's send window must keep out of.
#include <gtest/gtest.h>

#include <string>

#include "common/config/config.h"
#include "services/reminders/settings.h"
#include "tests/unit/settings_fixtures.h"

namespace careloop {
namespace {

config::ServiceSettings RemindersWith(const std::string& yaml) {
  config::ServiceSettings service;
  service.section = YAML::Load(yaml);
  return service;
}

std::string LoadError(const std::string& yaml, config::ServiceSettings* loaded = nullptr) {
  return testing::ConfigLoadError("reminders", yaml, loaded);
}

TEST(CampaignSettings, DefaultsAndOverrides) {
  const reminders::Settings defaults = reminders::ParseSettings(RemindersWith("{customers_address: 'c:1'}"));
  EXPECT_EQ(defaults.campaigns.search_page, 500);
  EXPECT_EQ(defaults.campaigns.batch, 1000);
  EXPECT_EQ(defaults.campaign_poll, Millis{1000});
  const reminders::Settings set = reminders::ParseSettings(
      RemindersWith("{customers_address: '127.0.0.1:7001', campaigns: {search_page: 200, batch: 250, poll_ms: 50}}"));
  EXPECT_EQ(set.customers_address, "127.0.0.1:7001");
  EXPECT_EQ(set.campaigns.search_page, 200);
  EXPECT_EQ(set.campaigns.batch, 250);
  EXPECT_EQ(set.campaign_poll, Millis{50});
  EXPECT_THROW(
      (void)reminders::ParseSettings(RemindersWith("{customers_address: 'c:1', campaigns: {search_page: 501}}")),
      config::ConfigError);
}

TEST(StoreQuietHours, DefaultToDispatchsAndAreReadPerStore) {
  config::ServiceSettings loaded;
  ASSERT_EQ(
      LoadError("stores:\n  - {id: S001, name: 朝阳店}\n  - {id: S002, name: 海淀店, quiet_hours: {start: '22:00', "
                "end: '07:30'}}\n",
                &loaded),
      "");
  EXPECT_EQ(loaded.stores[0].quiet_hours_start.ToString(), "21:00");
  EXPECT_EQ(loaded.stores[0].quiet_hours_end.ToString(), "08:00");
  EXPECT_EQ(loaded.stores[1].quiet_hours_start.ToString(), "22:00");
  EXPECT_EQ(loaded.stores[1].quiet_hours_end.ToString(), "07:30");
  EXPECT_EQ(LoadError("stores:\n  - {id: S001, name: 朝阳店, quiet_hours: {start: '25:00'}}\n"),
            "stores[0].quiet_hours.start: must be HH:MM, got '25:00'");
}

}  // namespace
}  // namespace careloop
