// A store's staff task settings (stores[].care_desk, manager, workday_end): who takes a task no
// one else is named for, who a late task is escalated to, and when a call task's day ends.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "common/config/config.h"

namespace careloop {
namespace {

// Loads a config file holding `yaml` for the dispatch service; the ConfigError's text if refused.
std::string LoadError(const std::string& yaml, config::ServiceSettings* loaded = nullptr) {
  const std::string path = ::testing::TempDir() + "/store_task_settings_test.yaml";
  std::ofstream(path) << yaml;
  try {
    config::ServiceSettings settings = config::Load(path, "dispatch", {});
    if (loaded != nullptr) {
      *loaded = std::move(settings);
    }
  } catch (const config::ConfigError& e) {
    std::remove(path.c_str());
    return e.what();
  }
  std::remove(path.c_str());
  return "";
}

TEST(StoreTaskSettings, DefaultsAndPerStoreValues) {
  config::ServiceSettings loaded;
  ASSERT_EQ(LoadError("stores:\n  - {id: S001, name: 朝阳店}\n  - {id: S002, name: 海淀店, care_desk: kf-s002, "
                      "manager: mgr-zhou, workday_end: '17:30'}\n",
                      &loaded),
            "");
  EXPECT_EQ(loaded.stores[0].care_desk, "care_desk");
  EXPECT_EQ(loaded.stores[0].manager, "store_manager");
  EXPECT_EQ(loaded.stores[0].workday_end.ToString(), "18:00");
  EXPECT_EQ(loaded.stores[1].care_desk, "kf-s002");
  EXPECT_EQ(loaded.stores[1].manager, "mgr-zhou");
  EXPECT_EQ(loaded.stores[1].workday_end.ToString(), "17:30");
}

TEST(StoreTaskSettings, BadValuesNameTheKey) {
  EXPECT_EQ(LoadError("stores:\n  - {id: S001, name: 朝阳店, workday_end: '6pm'}\n"),
            "stores[0].workday_end: must be HH:MM, got '6pm'");
  EXPECT_EQ(LoadError("stores:\n  - {id: S001, name: 朝阳店, manager: ''}\n").rfind("stores[0].manager: ", 0), 0u);
  EXPECT_EQ(LoadError("stores:\n  - {id: S001, name: 朝阳店, care_desk: ''}\n").rfind("stores[0].care_desk: ", 0), 0u);
}

}  // namespace
}  // namespace careloop
