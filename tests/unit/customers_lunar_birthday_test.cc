// A lunar birthday (农历生日) is checked as a lunar date where it is entered: month 1–12 and day
// 1–30 (正月三十 exists though no solar February has a 30th), and no birth year ahead.
#include <gtest/gtest.h>

#include "services/customers/domain/record_update.h"
#include "services/customers/domain/validation.h"

namespace careloop::customers::domain {
namespace {

const Date kToday{2026, 11, 22};

std::string FieldOrOk(const Status& status) {
  return status.ok() ? "ok" : status.error().field + ": " + status.error().message;
}

TEST(LunarBirthday, ALunarDateIsCheckedAsOne) {
  EXPECT_EQ(FieldOrOk(RequireBirthday("birthday", {1990, 1, 30}, true, kToday)), "ok");
  EXPECT_EQ(FieldOrOk(RequireBirthday("birthday", {1990, 2, 30}, true, kToday)), "ok");
  EXPECT_EQ(FieldOrOk(RequireBirthday("birthday", {1990, 13, 1}, true, kToday)),
            "birthday: a lunar month is 1–12, got 13");
  EXPECT_EQ(FieldOrOk(RequireBirthday("birthday", {1990, 5, 31}, true, kToday)),
            "birthday: a lunar day is 1–30, got 31");
  EXPECT_EQ(FieldOrOk(RequireBirthday("birthday", {2027, 5, 1}, true, kToday)),
            "birthday: birth year 2027 is in the future");
  // Solar birthdays stay real past dates.
  EXPECT_EQ(FieldOrOk(RequireBirthday("birthday", {1990, 2, 30}, false, kToday)),
            "birthday: is not a valid calendar date");
}

TEST(LunarBirthday, AnUpdateChecksTheBirthdayWithTheFlagItEndsUpWith) {
  Customer record;
  record.birthday = {1990, 4, 10};
  Customer values;
  values.birthday = {1990, 2, 30};
  values.profile.birthday_is_lunar = true;
  Customer lunar = record;
  EXPECT_TRUE(ApplyFieldUpdates(lunar, values, {"birthday", "birthday_is_lunar"}, kToday).ok());
  EXPECT_EQ(lunar.birthday, (Date{1990, 2, 30}));
  EXPECT_TRUE(lunar.profile.birthday_is_lunar);
  // The same day as a solar birthday does not exist: refused, the record unchanged.
  Customer solar = record;
  auto refused = ApplyFieldUpdates(solar, values, {"birthday"}, kToday);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "customer.birthday");
  EXPECT_EQ(solar.birthday, (Date{1990, 4, 10}));
  // Month 13 is no lunar month either.
  values.birthday = {1990, 13, 1};
  auto thirteenth = ApplyFieldUpdates(lunar, values, {"birthday"}, kToday);
  ASSERT_FALSE(thirteenth.ok());
  EXPECT_EQ(thirteenth.error().field, "customer.birthday");
}

}  // namespace
}  // namespace careloop::customers::domain
