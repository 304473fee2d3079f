// A store's staff task settings (stores[].care_desk, manager, workday_end): who takes a task no
// one else is named for, who a late task is escalated to, and when a call task's day ends.
#include <gtest/gtest.h>

#include <string>

#include "common/config/config.h"
#include "tests/unit/settings_fixtures.h"

namespace careloop {
namespace {

std::string LoadError(const std::string& yaml, config::ServiceSettings* loaded = nullptr) {
  return testing::ConfigLoadError("dispatch", yaml, loaded);
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
