// RemindersApp::GetMany (RemindersService.GetReminders, dispatch's cause check for a campaign
// batch) over the shared in-memory repository fake: the answers in the order asked, unknown ids
// named, bad input naming the field, the caller's stores enforced.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/app/reminders_app.h"
#include "tests/fakes/reminders_fakes.h"
#include "tests/fakes/reminders_rule_fakes.h"

namespace careloop::reminders::app {
namespace {

using careloop::testing::FakeReminderRepository;
using careloop::testing::FakeRuleBook;

class RemindersGetManyTest : public ::testing::Test {
 protected:
  RemindersGetManyTest()
      : clock_(*ParseRfc3339("2027-09-15T09:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"},
                 {"S002", "星途汽车乌鲁木齐店", "星途汽车乌鲁木齐店", "Asia/Urumqi", "0991-5556666"}}),
        replanner_(repository_, repository_, rules_, clock_, stores_),
        app_(repository_, repository_, rules_, replanner_, clock_, stores_) {
    Put("rem-a", "S001", domain::ReminderStatus::kDue);
    Put("rem-b", "S001", domain::ReminderStatus::kCancelled);
    Put("rem-x", "S002", domain::ReminderStatus::kDue);
  }
  void Put(const std::string& id, const std::string& store, domain::ReminderStatus status) {
    domain::Reminder reminder;
    reminder.reminder_id = id;
    reminder.customer_id = "cus-" + id;
    reminder.store_id = store;
    reminder.kind = domain::ReminderKind::kHolidayGreeting;
    reminder.status = status;
    reminder.occurrence = 1;
    ASSERT_TRUE(repository_.Schedule(reminder));
  }
  static std::vector<std::string> Ids(const std::vector<domain::Reminder>& reminders) {
    std::vector<std::string> ids;
    for (const auto& reminder : reminders) {
      ids.push_back(reminder.reminder_id);
    }
    return ids;
  }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  FakeReminderRepository repository_;
  FakeRuleBook rules_;
  Replanner replanner_;
  RemindersApp app_;
  const auth::Principal dispatch_ = {"dispatch", auth::Role::kService, {}, true};
  const auth::Principal advisor_ = {"sa-1", auth::Role::kAdvisor, {"S001"}, false};
};

TEST_F(RemindersGetManyTest, AnswersInTheOrderAskedOnceEachAndNamesTheUnknown) {
  auto found = app_.GetMany(dispatch_, {"rem-b", "rem-nope", "rem-a", "rem-b"});
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(Ids(found->reminders), (std::vector<std::string>{"rem-b", "rem-a"}));
  EXPECT_EQ(found->reminders[0].status, domain::ReminderStatus::kCancelled);
  EXPECT_EQ(found->not_found, std::vector<std::string>{"rem-nope"});
}

TEST_F(RemindersGetManyTest, BadInputNamesTheField) {
  auto none = app_.GetMany(dispatch_, {});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(none.error().field, "reminder_ids");
  auto empty = app_.GetMany(dispatch_, {"rem-a", "rem-b", ""});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(empty.error().field, "reminder_ids[2]");
  auto too_many = app_.GetMany(dispatch_, std::vector<std::string>(RemindersApp::kMaxGetMany + 1, "rem-a"));
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().field, "reminder_ids");
  EXPECT_TRUE(app_.GetMany(dispatch_, std::vector<std::string>(RemindersApp::kMaxGetMany, "rem-a")).ok());
}

TEST_F(RemindersGetManyTest, AReminderOfAnotherStoreIsRefused) {
  EXPECT_TRUE(app_.GetMany(advisor_, {"rem-a", "rem-b"}).ok());
  auto other = app_.GetMany(advisor_, {"rem-a", "rem-x"});
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(other.error().field, "reminder_ids");
}

}  // namespace
}  // namespace careloop::reminders::app
