// The store rules' use cases (RulesApp) and what the rules drive in RemindersApp: re-planning on
// a rule change or an odometer reading, warranty and inspection planning, the follow-up of an
// ignored maintenance reminder, and staff cancelling a reminder — over the in-memory fakes.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/app/reminders_app.h"
#include "services/reminders/app/rules_app.h"
#include "services/reminders/domain/inspection.h"
#include "services/reminders/domain/insurance.h"
#include "services/reminders/domain/lead_times.h"
#include "tests/fakes/reminders_fakes.h"
#include "tests/fakes/reminders_rule_fakes.h"

namespace careloop::reminders::app {
namespace {

using careloop::testing::FakeReminderRepository;
using careloop::testing::FakeRuleStore;
using careloop::testing::IdsOf;
using domain::ReminderKind;
using domain::ReminderStatus;

Instant At(std::string_view rfc3339) {
  return *ParseRfc3339(rfc3339);
}

const domain::VehicleFacts kCar{"cus-1", "veh-1", "S001", "星途揽月"};
const domain::VehicleFacts kOtherModel{"cus-2", "veh-2", "S001", "瑶光"};

std::string FirstId(const std::string& vehicle_id, const std::string& delivery_date) {
  return domain::MaintenanceReminderId(ReminderKind::kFirstMaintenance, vehicle_id, delivery_date);
}

class RulesAppTest : public ::testing::Test {
 protected:
  RulesAppTest()
      : clock_(At("2026-11-01T09:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"},
                 {"S002", "星途汽车乌鲁木齐店", "星途汽车乌鲁木齐店", "Asia/Urumqi", "0991-5556666"}}),
        book_(rule_store_),
        replanner_(repository_, repository_, book_, clock_, stores_),
        rules_(rule_store_, replanner_, clock_, stores_),
        app_(repository_, repository_, book_, replanner_, clock_, stores_) {
    rules_.Seed({});
  }

  domain::Reminder Stored(const std::string& reminder_id) {
    auto reminder = repository_.Find(reminder_id);
    EXPECT_TRUE(reminder.has_value()) << "no reminder " << reminder_id;
    return reminder.value_or(domain::Reminder{});
  }
  domain::Rule StoreRule(ReminderKind kind, std::vector<std::string> models = {}) {
    domain::Rule rule = domain::DefaultRule(kind);
    rule.rule_id.clear();
    rule.store_id = "S001";
    rule.models = std::move(models);
    return rule;
  }
  std::vector<std::string> Events(std::string_view type) { return IdsOf(repository_.published, type); }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  FakeReminderRepository repository_;
  FakeRuleStore rule_store_;
  StoredRuleBook book_;
  Replanner replanner_;
  RulesApp rules_;
  RemindersApp app_;
  const auth::Principal manager_ = {"mgr-1", auth::Role::kManager, {"S001"}, false};
  const auth::Principal advisor_ = {"sa-1", auth::Role::kAdvisor, {"S001"}, false};
  const auth::Principal admin_ = {"admin", auth::Role::kAdmin, {}, true};
};

// --- seeding and listing ---

TEST_F(RulesAppTest, SeedStoresEveryKindsGroupDefaultOnceAndKeepsStoredChanges) {
  EXPECT_EQ(rule_store_.rules.size(), 15u);
  domain::Rule changed = domain::DefaultRule(ReminderKind::kInsuranceRenewal);
  changed.lead_days = {45, 30};
  ASSERT_TRUE(rules_.Upsert(admin_, changed).ok());
  domain::Rule configured = domain::DefaultRule(ReminderKind::kInsuranceRenewal);
  rules_.Seed({configured});  // a restart: config does not undo the change
  EXPECT_EQ(book_.For("S001", ReminderKind::kInsuranceRenewal, "").lead_days, (std::vector<int>{45, 30}));
}

TEST_F(RulesAppTest, AnEditedConfigurationWinsAndMovesWhatItGoverns) {
  app_.OnVehicleDelivered({kCar, {2026, 11, 1}, 0});
  domain::Rule configured = domain::DefaultRule(ReminderKind::kFirstMaintenance);
  configured.interval_months = 2;
  rules_.Seed({configured});
  EXPECT_EQ(Stored(FirstId("veh-1", "2026-11-01")).service_due_date, (Date{2027, 1, 1}));
  EXPECT_EQ(Events("ReminderRescheduled").size(), 1u);
  rules_.Seed({configured});  // the next restart: nothing changes
  EXPECT_EQ(Events("ReminderRescheduled").size(), 1u);
}

TEST_F(RulesAppTest, ListShowsGroupAndTheStoresRulesOfAKind) {
  ASSERT_TRUE(rules_.Upsert(manager_, StoreRule(ReminderKind::kFirstMaintenance)).ok());
  auto listed = rules_.List(manager_, "S001", ReminderKind::kFirstMaintenance);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ(listed.value()[0].store_id, "");
  EXPECT_EQ(listed.value()[1].store_id, "S001");
  EXPECT_EQ(rules_.List(manager_, "S002", std::nullopt).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(rules_.List(manager_, "S404", std::nullopt).error().field, "store_id");
}

// --- upsert: permissions and validation ---

TEST_F(RulesAppTest, ManagersChangeTheirStoresRulesAdminsTheGroups) {
  EXPECT_EQ(rules_.Upsert(advisor_, StoreRule(ReminderKind::kFirstMaintenance)).error().code,
            ErrorCode::kPermissionDenied);
  domain::Rule other = StoreRule(ReminderKind::kFirstMaintenance);
  other.store_id = "S002";
  EXPECT_EQ(rules_.Upsert(manager_, other).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(rules_.Upsert(manager_, domain::DefaultRule(ReminderKind::kFirstMaintenance)).error().code,
            ErrorCode::kPermissionDenied);
  auto stored = rules_.Upsert(manager_, StoreRule(ReminderKind::kFirstMaintenance));
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->updated_by, "mgr-1");
  EXPECT_EQ(stored->updated_at, clock_.Now());
  EXPECT_EQ(stored->rule_id, domain::RuleId("S001", ReminderKind::kFirstMaintenance, {}));
}

TEST_F(RulesAppTest, InvalidRuleNamesTheFieldAndStoresNothing) {
  const size_t before = rule_store_.rules.size();
  domain::Rule rule = StoreRule(ReminderKind::kInsuranceRenewal);
  rule.lead_days = {30, -7};
  auto refused = rules_.Upsert(manager_, rule);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "rule.lead_days");
  rule = StoreRule(ReminderKind::kBirthday);
  rule.fire_time = TimeOfDay{22 * 60};
  EXPECT_EQ(rules_.Upsert(manager_, rule).error().field, "rule.fire_time");
  rule = StoreRule(ReminderKind::kFirstMaintenance);
  rule.rule_id = "rule-somebody-elses";
  EXPECT_EQ(rules_.Upsert(manager_, rule).error().field, "rule.rule_id");
  rule = StoreRule(ReminderKind::kFirstMaintenance);
  rule.store_id = "S404";
  EXPECT_EQ(rules_.Upsert(admin_, rule).error().field, "rule.store_id");
  EXPECT_EQ(rule_store_.rules.size(), before);
}

// --- a rule change re-plans what it governs ---

TEST_F(RulesAppTest, ChangedIntervalMovesThePendingFirstMaintenanceOnce) {
  app_.OnVehicleDelivered({kCar, {2026, 11, 1}, 12});
  const std::string id = FirstId("veh-1", "2026-11-01");
  EXPECT_EQ(Stored(id).service_due_date, (Date{2027, 2, 1}));
  domain::Rule rule = StoreRule(ReminderKind::kFirstMaintenance);
  rule.interval_months = 2;
  rule.lead_days = {3};
  ASSERT_TRUE(rules_.Upsert(manager_, rule).ok());
  const domain::Reminder moved = Stored(id);
  EXPECT_EQ(moved.service_due_date, (Date{2027, 1, 1}));
  EXPECT_EQ(moved.due_at, At("2026-12-29T10:00:00+08:00"));
  EXPECT_EQ(moved.lead_days, 3);
  EXPECT_EQ(moved.rule_id, domain::RuleId("S001", ReminderKind::kFirstMaintenance, {}));
  EXPECT_EQ(Events("ReminderRescheduled"), std::vector<std::string>{id});
  ASSERT_TRUE(rules_.Upsert(manager_, rule).ok());  // the same change again (a retried request)
  EXPECT_EQ(Events("ReminderRescheduled").size(), 1u);
}

TEST_F(RulesAppTest, ModelRuleMovesOnlyThatModelsReminders) {
  app_.OnVehicleDelivered({kCar, {2026, 11, 1}, 0});
  app_.OnVehicleDelivered({kOtherModel, {2026, 11, 1}, 0});
  domain::Rule rule = StoreRule(ReminderKind::kFirstMaintenance, {"星途揽月"});
  rule.interval_months = 1;
  ASSERT_TRUE(rules_.Upsert(manager_, rule).ok());
  EXPECT_EQ(Stored(FirstId("veh-1", "2026-11-01")).service_due_date, (Date{2026, 12, 1}));
  EXPECT_EQ(Stored(FirstId("veh-2", "2026-11-01")).service_due_date, (Date{2027, 2, 1}));
}

TEST_F(RulesAppTest, DisablingARuleCancelsItsPendingReminders) {
  app_.OnVehicleDelivered({kCar, {2026, 11, 1}, 0});
  domain::Rule rule = StoreRule(ReminderKind::kFirstMaintenance);
  rule.enabled = false;
  ASSERT_TRUE(rules_.Upsert(manager_, rule).ok());
  const domain::Reminder cancelled = Stored(FirstId("veh-1", "2026-11-01"));
  EXPECT_EQ(cancelled.status, ReminderStatus::kCancelled);
  EXPECT_FALSE(repository_.timers.IsQueued(cancelled.reminder_id));
  // Another store's reminders are not this rule's.
  app_.OnVehicleDelivered({{"cus-9", "veh-9", "S002", ""}, {2026, 11, 1}, 0});
  ASSERT_TRUE(rules_.Upsert(manager_, rule).ok());
  EXPECT_EQ(Stored(FirstId("veh-9", "2026-11-01")).status, ReminderStatus::kScheduled);
}

TEST_F(RulesAppTest, NewLeadTimesNeverResendAFiredOccurrence) {
  app_.OnPolicyRecorded({kCar, "pol-1", true, {2025, 12, 10}, {2026, 12, 10}});
  clock_.Set(At("2026-11-10T10:00:00+08:00"));
  ASSERT_EQ(app_.FireDue(), 1);  // 30 days before
  const std::string thirty = domain::RenewalReminderId("pol-1", 30);
  domain::Rule rule = StoreRule(ReminderKind::kInsuranceRenewal);
  rule.lead_days = {30, 20, 10};
  ASSERT_TRUE(rules_.Upsert(manager_, rule).ok());
  EXPECT_EQ(Stored(thirty).status, ReminderStatus::kDue);  // fired: left as it was
  EXPECT_EQ(Stored(domain::RenewalReminderId("pol-1", 15)).status, ReminderStatus::kCancelled);
  EXPECT_EQ(Stored(domain::RenewalReminderId("pol-1", 7)).status, ReminderStatus::kCancelled);
  const domain::Reminder twenty = Stored(domain::RenewalReminderId("pol-1", 20));
  EXPECT_EQ(twenty.status, ReminderStatus::kScheduled);
  EXPECT_EQ(twenty.due_at, At("2026-11-20T10:00:00+08:00"));
  EXPECT_EQ(Stored(domain::RenewalReminderId("pol-1", 10)).due_at, At("2026-11-30T10:00:00+08:00"));
  EXPECT_EQ(Events("ReminderDue"), std::vector<std::string>{thirty});
}

// --- odometer ---

TEST_F(RulesAppTest, OdometerReadingMovesTheMaintenanceByEstimatedMileage) {
  app_.OnVehicleDelivered({kCar, {2026, 11, 1}, 0});
  const std::string id = FirstId("veh-1", "2026-11-01");
  clock_.Set(At("2026-12-01T09:00:00+08:00"));
  // 3,000 km in 30 days: 5,000 km on 2026-12-21, before the three months.
  app_.OnOdometerRecorded(kCar, {{2026, 12, 1}, 3000});
  const domain::Reminder moved = Stored(id);
  EXPECT_EQ(moved.service_due_date, (Date{2026, 12, 21}));
  EXPECT_EQ(moved.due_at, At("2026-12-14T10:00:00+08:00"));
  // 100 km a day also reaches the warranty's 100,000 km 970 days on (2029-07-28), before its three years.
  const std::string warranty = domain::LeadTimeReminderId(ReminderKind::kWarrantyExpiry, "veh-1", "2026-11-01", 30);
  EXPECT_EQ(Stored(warranty).service_due_date, (Date{2029, 7, 28}));
  EXPECT_EQ(Events("ReminderRescheduled"), (std::vector<std::string>{id, warranty}));
  app_.OnOdometerRecorded(kCar, {{2026, 12, 1}, 3000});  // replayed
  EXPECT_EQ(Events("ReminderRescheduled").size(), 2u);
}

// --- follow-up of an ignored maintenance reminder ---

TEST_F(RulesAppTest, IgnoredMaintenanceReminderIsFollowedUpOnceThenLeftToWinBack) {
  app_.OnVehicleDelivered({kCar, {2026, 11, 1}, 0});
  const std::string id = FirstId("veh-1", "2026-11-01");
  clock_.Set(At("2027-01-25T10:00:00+08:00"));
  ASSERT_EQ(app_.FireDue(), 1);
  domain::Reminder follow_up = Stored(id);
  EXPECT_EQ(follow_up.status, ReminderStatus::kScheduled);
  EXPECT_EQ(follow_up.occurrence, 2);
  EXPECT_EQ(follow_up.due_at, At("2027-02-08T10:00:00+08:00"));  // 14 days after it fired
  clock_.Set(At("2027-02-08T10:00:00+08:00"));
  ASSERT_EQ(app_.FireDue(), 1);
  EXPECT_EQ(Stored(id).status, ReminderStatus::kDue);
  EXPECT_EQ(Stored(id).occurrence, 2);
  clock_.Set(At("2027-03-30T10:00:00+08:00"));
  EXPECT_EQ(app_.FireDue(), 0);  // no third time
  EXPECT_EQ(Events("ReminderDue").size(), 2u);
}

TEST_F(RulesAppTest, VisitBeforeTheFollowUpAnswersIt) {
  app_.OnVehicleDelivered({kCar, {2026, 11, 1}, 0});
  const std::string id = FirstId("veh-1", "2026-11-01");
  clock_.Set(At("2027-01-25T10:00:00+08:00"));
  ASSERT_EQ(app_.FireDue(), 1);
  app_.OnVisitRecorded({kCar, "visit-1", {2027, 1, 28}, 4000, domain::VisitKind::kFirstFreeMaintenance});
  EXPECT_EQ(Stored(id).status, ReminderStatus::kDone);
  clock_.Set(At("2027-02-08T10:00:00+08:00"));
  EXPECT_EQ(app_.FireDue(), 0);
}

// --- warranty and inspection ---

TEST_F(RulesAppTest, DeliveryPlansWarrantyExpiryAndTheFirstInspection) {
  app_.OnVehicleDelivered({kCar, {2026, 11, 1}, 0});
  const domain::Reminder warranty =
      Stored(domain::LeadTimeReminderId(ReminderKind::kWarrantyExpiry, "veh-1", "2026-11-01", 30));
  EXPECT_EQ(warranty.service_due_date, (Date{2029, 11, 1}));
  EXPECT_EQ(warranty.due_at, At("2029-10-02T10:00:00+08:00"));
  const domain::Reminder inspection =
      Stored(domain::LeadTimeReminderId(ReminderKind::kAnnualInspection, "veh-1", "2028-11-01", 30));
  EXPECT_EQ(inspection.service_due_date, (Date{2028, 11, 1}));
  EXPECT_EQ(inspection.due_at, At("2028-10-02T10:00:00+08:00"));
}

TEST_F(RulesAppTest, InspectionPassedEarlyPlansTheNextByTheScheduleAndCancelsTheOld) {
  app_.OnVehicleDelivered({kCar, {2026, 11, 1}, 0});
  const std::string old_id = domain::LeadTimeReminderId(ReminderKind::kAnnualInspection, "veh-1", "2028-11-01", 30);
  clock_.Set(At("2028-10-15T10:00:00+08:00"));
  app_.OnInspectionRecorded({kCar, "insp-1", {2028, 10, 15}, {}});  // no next date on record
  EXPECT_EQ(Stored(old_id).status, ReminderStatus::kCancelled);
  const std::string next_id = domain::LeadTimeReminderId(ReminderKind::kAnnualInspection, "veh-1", "2030-11-01", 30);
  EXPECT_EQ(Stored(next_id).service_due_date, (Date{2030, 11, 1}));
  app_.OnInspectionRecorded({kCar, "insp-1", {2028, 10, 15}, {}});  // replayed
  EXPECT_EQ(Events("ReminderScheduled").size(), 4u);                // first maintenance, warranty, two inspections
}

TEST_F(RulesAppTest, NextInspectionDateOnRecordWins) {
  app_.OnVehicleDelivered({kCar, {2026, 11, 1}, 0});
  app_.OnInspectionRecorded({kCar, "insp-1", {2026, 11, 1}, {2027, 11, 1}});  // staff know better
  const std::string id = domain::LeadTimeReminderId(ReminderKind::kAnnualInspection, "veh-1", "2027-11-01", 30);
  EXPECT_EQ(Stored(id).due_at, At("2027-10-02T10:00:00+08:00"));
  EXPECT_EQ(Stored(domain::LeadTimeReminderId(ReminderKind::kAnnualInspection, "veh-1", "2028-11-01", 30)).status,
            ReminderStatus::kCancelled);
}

TEST_F(RulesAppTest, AFiredInspectionReminderPlansTheNextOfTheSchedule) {
  app_.OnVehicleDelivered({kCar, {2026, 11, 1}, 0});
  clock_.Set(At("2028-10-02T10:00:00+08:00"));
  ASSERT_GE(app_.FireDue(), 1);
  const std::string next_id = domain::LeadTimeReminderId(ReminderKind::kAnnualInspection, "veh-1", "2030-11-01", 30);
  EXPECT_EQ(Stored(next_id).status, ReminderStatus::kScheduled);
  EXPECT_EQ(Stored(next_id).due_at, At("2030-10-02T10:00:00+08:00"));
}

TEST_F(RulesAppTest, ACampaignRuleChangeLeavesCampaignTimersWhereTheyAre) {
  domain::Reminder campaign;
  campaign.reminder_id = "rem-campaign-1";
  campaign.customer_id = "cus-1";
  campaign.store_id = "S001";
  campaign.kind = ReminderKind::kCampaign;
  campaign.campaign_id = "cmp-1";
  campaign.due_at = At("2026-11-20T14:00:00+08:00");
  campaign.service_due_date = {2026, 11, 20};
  ASSERT_TRUE(repository_.Schedule(campaign));
  domain::Rule rule = StoreRule(ReminderKind::kCampaign);
  rule.fire_time = TimeOfDay{9 * 60};
  ASSERT_TRUE(rules_.Upsert(manager_, rule).ok());
  EXPECT_EQ(Stored("rem-campaign-1").due_at, At("2026-11-20T14:00:00+08:00"));
  EXPECT_TRUE(Events("ReminderRescheduled").empty());
}

// --- staff cancel ---

TEST_F(RulesAppTest, StaffCancelOneReminderWithTheirName) {
  app_.OnVehicleDelivered({kCar, {2026, 11, 1}, 0});
  const std::string id = FirstId("veh-1", "2026-11-01");
  EXPECT_EQ(app_.Cancel(advisor_, id, "").error().field, "reason");
  auto cancelled = app_.Cancel(advisor_, id, "customer sold the car privately");
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->status, ReminderStatus::kCancelled);
  EXPECT_EQ(cancelled->reason, "cancelled: staff:sa-1: customer sold the car privately");
  EXPECT_EQ(app_.Cancel(advisor_, id, "again").error().code, ErrorCode::kFailedPrecondition);
  const auth::Principal stranger{"sa-9", auth::Role::kAdvisor, {"S002"}, false};
  app_.OnVehicleDelivered({kOtherModel, {2026, 11, 1}, 0});
  EXPECT_EQ(app_.Cancel(stranger, FirstId("veh-2", "2026-11-01"), "x").error().code, ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace careloop::reminders::app
