// Survey invitations as timers (domain::PlanSurveyInvitation and SurveyInvitationsApp over the
// shared fakes): when the 3-day call and the service follow-up fall due, that late entries still
// go out while the occasion is fresh and imported history never does, and that an occasion is
// followed up once.
#include <gtest/gtest.h>

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/app/survey_invitations_app.h"
#include "services/reminders/domain/survey_invitation.h"
#include "tests/fakes/reminders_fakes.h"
#include "tests/fakes/reminders_rule_fakes.h"

namespace careloop::reminders {
namespace {

using domain::ReminderKind;
using domain::SurveyInvitationLimits;
using domain::SurveyOccasion;

Instant At(std::string_view rfc3339) {
  return *ParseRfc3339(rfc3339);
}

const TimeZone& Shanghai() {
  static const TimeZone zone("Asia/Shanghai");
  return zone;
}

SurveyOccasion Delivery(Date date) {
  return {{"cus-1", "veh-1", "S001", "星途揽月"}, "", "王销售", date};
}

SurveyOccasion Visit(const std::string& visit_id, Date date) {
  return {{"cus-1", "veh-1", "S001", ""}, visit_id, "李顾问", date};
}

domain::Rule Invitations() {
  return domain::DefaultRule(ReminderKind::kSurveyInvitation);
}

TEST(SurveyInvitationPlan, TheThreeDayCallFallsDueThreeDaysAfterTheDeliveryAtTheRulesTime) {
  const domain::PlanningMoment moment{Shanghai(), At("2027-03-01T11:00:00+08:00")};
  const auto invitation = domain::PlanSurveyInvitation(Delivery({2027, 3, 1}), Invitations(), {}, moment);
  ASSERT_TRUE(invitation.has_value());
  EXPECT_EQ(invitation->kind, ReminderKind::kSurveyInvitation);
  EXPECT_EQ(invitation->due_at, At("2027-03-04T10:00:00+08:00"));
  EXPECT_EQ(invitation->service_due_date, (Date{2027, 3, 4}));
  EXPECT_TRUE(invitation->visit_id.empty());
  EXPECT_EQ(invitation->advisor, "王销售");
  EXPECT_EQ(invitation->anchor_date, (Date{2027, 3, 1}));
}

TEST(SurveyInvitationPlan, AServiceFollowUpWaitsTheStoresDaysAfterTheVisit) {
  const domain::PlanningMoment moment{Shanghai(), At("2027-03-01T16:00:00+08:00")};
  domain::Rule rule = Invitations();
  rule.interval_days = 2;
  rule.fire_time = TimeOfDay{15 * 60};
  const auto invitation = domain::PlanSurveyInvitation(Visit("vis-1", {2027, 3, 1}), rule, {}, moment);
  ASSERT_TRUE(invitation.has_value());
  EXPECT_EQ(invitation->due_at, At("2027-03-03T15:00:00+08:00"));
  EXPECT_EQ(invitation->visit_id, "vis-1");
  EXPECT_EQ(invitation->advisor, "李顾问");
}

TEST(SurveyInvitationPlan, AVisitEnteredLateIsFollowedUpNowWhileItIsFresh) {
  // The visit of 1 March entered on 6 March: its day-4 follow-up has passed, so now.
  const domain::PlanningMoment moment{Shanghai(), At("2027-03-06T09:30:00+08:00")};
  const auto invitation = domain::PlanSurveyInvitation(Visit("vis-1", {2027, 3, 1}), Invitations(), {}, moment);
  ASSERT_TRUE(invitation.has_value());
  EXPECT_EQ(invitation->due_at, moment.now);
}

TEST(SurveyInvitationPlan, ImportedHistoryIsNeverFollowedUp) {
  const domain::PlanningMoment moment{Shanghai(), At("2027-03-20T09:30:00+08:00")};
  const SurveyInvitationLimits limits;  // 7 days after a visit, 14 after a delivery
  EXPECT_TRUE(domain::PlanSurveyInvitation(Visit("vis-1", {2027, 3, 13}), Invitations(), limits, moment));
  EXPECT_FALSE(domain::PlanSurveyInvitation(Visit("vis-2", {2027, 3, 12}), Invitations(), limits, moment));
  EXPECT_TRUE(domain::PlanSurveyInvitation(Delivery({2027, 3, 6}), Invitations(), limits, moment));
  EXPECT_FALSE(domain::PlanSurveyInvitation(Delivery({2027, 3, 5}), Invitations(), limits, moment));
  EXPECT_FALSE(domain::PlanSurveyInvitation(Delivery({2026, 3, 6}), Invitations(), limits, moment));
}

TEST(SurveyInvitationPlan, ADisabledRuleOrAnUnknownDatePlansNothing) {
  const domain::PlanningMoment moment{Shanghai(), At("2027-03-01T11:00:00+08:00")};
  domain::Rule off = Invitations();
  off.enabled = false;
  EXPECT_FALSE(domain::PlanSurveyInvitation(Visit("vis-1", {2027, 3, 1}), off, {}, moment));
  EXPECT_FALSE(domain::PlanSurveyInvitation(Visit("vis-1", Date{}), Invitations(), {}, moment));
}

TEST(SurveyInvitationPlan, EachOccasionHasItsOwnStableId) {
  const domain::PlanningMoment moment{Shanghai(), At("2027-03-01T11:00:00+08:00")};
  const domain::PlanningMoment later{Shanghai(), At("2027-03-02T11:00:00+08:00")};
  const auto first = domain::PlanSurveyInvitation(Visit("vis-1", {2027, 3, 1}), Invitations(), {}, moment);
  const auto replayed = domain::PlanSurveyInvitation(Visit("vis-1", {2027, 3, 1}), Invitations(), {}, later);
  const auto other = domain::PlanSurveyInvitation(Visit("vis-2", {2027, 3, 1}), Invitations(), {}, moment);
  const auto delivery = domain::PlanSurveyInvitation(Delivery({2027, 3, 1}), Invitations(), {}, moment);
  ASSERT_TRUE(first && replayed && other && delivery);
  EXPECT_EQ(first->reminder_id, replayed->reminder_id);
  EXPECT_NE(first->reminder_id, other->reminder_id);
  EXPECT_NE(first->reminder_id, delivery->reminder_id);
}

class SurveyInvitationsAppTest : public ::testing::Test {
 protected:
  SurveyInvitationsAppTest()
      : clock_(At("2027-03-01T11:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}}),
        app_(repository_, rules_, clock_, stores_, {}) {}

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  testing::FakeReminderRepository repository_;
  testing::FakeRuleBook rules_;
  app::SurveyInvitationsApp app_;
};

TEST_F(SurveyInvitationsAppTest, AVisitSchedulesOneFollowUpAtTheStoresRuleHoweverOftenItIsReplayed) {
  domain::Rule rule = Invitations();
  rule.store_id = "S001";
  rule.interval_days = 5;
  rules_.Put(rule);
  app_.OnOccasion(Visit("vis-1", {2027, 3, 1}), "");
  app_.OnOccasion(Visit("vis-1", {2027, 3, 1}), "");
  const auto scheduled = repository_.ListByCustomer("cus-1");
  ASSERT_EQ(scheduled.size(), 1u);
  EXPECT_EQ(scheduled[0].due_at, At("2027-03-06T10:00:00+08:00"));
  EXPECT_EQ(repository_.published.size(), 1u);
}

TEST_F(SurveyInvitationsAppTest, AStoreThatTurnedFollowUpsOffSchedulesNone) {
  domain::Rule rule = Invitations();
  rule.store_id = "S001";
  rule.enabled = false;
  rules_.Put(rule);
  app_.OnOccasion(Delivery({2027, 3, 1}), "星途揽月");
  EXPECT_TRUE(repository_.ListByCustomer("cus-1").empty());
}

}  // namespace
}  // namespace careloop::reminders
