// RemindersApp over the shared in-memory fake of its repository (tests/fakes/reminders_fakes.h)
// and a manual clock: every use case, its replays, and the permission checks of List.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
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
using careloop::testing::IdsOf;
using careloop::testing::PublishedEvent;

Instant At(std::string_view rfc3339) {
  return *ParseRfc3339(rfc3339);
}

const domain::VehicleFacts kCar{"cus-1", "veh-1", "S001"};

std::string FirstId(const std::string& vehicle_id, const std::string& delivery_date) {
  return domain::MaintenanceReminderId(domain::ReminderKind::kFirstMaintenance, vehicle_id, delivery_date);
}
std::string SecondId(const std::string& vehicle_id, const std::string& visit_id) {
  return domain::MaintenanceReminderId(domain::ReminderKind::kSecondMaintenance, vehicle_id, visit_id);
}
std::string RegularId(const std::string& vehicle_id, const std::string& visit_id) {
  return domain::MaintenanceReminderId(domain::ReminderKind::kRegularMaintenance, vehicle_id, visit_id);
}

std::vector<std::string> IdsOf(const std::vector<domain::Reminder>& reminders) {
  std::vector<std::string> ids;
  for (const auto& reminder : reminders) {
    ids.push_back(reminder.reminder_id);
  }
  return ids;
}

class RemindersAppTest : public ::testing::Test {
 protected:
  RemindersAppTest()
      : clock_(At("2026-11-01T09:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"},
                 {"S002", "星途汽车乌鲁木齐店", "星途汽车乌鲁木齐店", "Asia/Urumqi", "0991-5556666"}}),
        replanner_(repository_, repository_, rules_, clock_, stores_),
        app_(repository_, repository_, rules_, replanner_, clock_, stores_) {
    // These tests are about the maintenance chain and renewals (the kinds a delivery also plans,
    // warranty and inspection, and follow-ups have tests of their own in reminders_rules_app_test).
    for (const auto kind : {domain::ReminderKind::kWarrantyExpiry, domain::ReminderKind::kAnnualInspection}) {
      domain::Rule off = domain::DefaultRule(kind);
      off.enabled = false;
      rules_.Put(off);
    }
    for (const auto kind : {domain::ReminderKind::kFirstMaintenance, domain::ReminderKind::kSecondMaintenance,
                            domain::ReminderKind::kRegularMaintenance}) {
      domain::Rule no_follow_up = domain::DefaultRule(kind);
      no_follow_up.follow_up_days = 0;
      rules_.Put(no_follow_up);
    }
  }

  void Deliver(const domain::VehicleFacts& vehicle, Date date, int km) { app_.OnVehicleDelivered({vehicle, date, km}); }
  void Visit(const domain::VehicleFacts& vehicle, const std::string& visit_id, Date date, int km,
             domain::VisitKind kind) {
    app_.OnVisitRecorded({vehicle, visit_id, date, km, kind});
  }
  domain::Reminder Stored(const std::string& reminder_id) {
    auto reminder = repository_.Find(reminder_id);
    EXPECT_TRUE(reminder.has_value()) << "no reminder " << reminder_id;
    return reminder.value_or(domain::Reminder{});
  }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  FakeReminderRepository repository_;
  FakeRuleBook rules_;
  Replanner replanner_;
  RemindersApp app_;
};

// --- deliveries ---

TEST_F(RemindersAppTest, FirstMaintenanceScheduledFromDelivery) {
  Deliver(kCar, {2026, 11, 1}, 12);
  const std::string id = FirstId("veh-1", "2026-11-01");
  const domain::Reminder reminder = Stored(id);
  EXPECT_EQ(reminder.customer_id, "cus-1");
  EXPECT_EQ(reminder.vehicle_id, "veh-1");
  EXPECT_EQ(reminder.store_id, "S001");
  EXPECT_EQ(reminder.kind, domain::ReminderKind::kFirstMaintenance);
  EXPECT_EQ(reminder.status, domain::ReminderStatus::kScheduled);
  // Three months after delivery, 5,000 km on; reminded a week before at 10:00 store time.
  EXPECT_EQ(reminder.service_due_date, (Date{2027, 2, 1}));
  EXPECT_EQ(reminder.service_due_km, 5012);
  EXPECT_EQ(reminder.due_at, At("2027-01-25T10:00:00+08:00"));
  EXPECT_TRUE(repository_.timers.IsQueued(id));
  EXPECT_EQ(repository_.published, (std::vector<PublishedEvent>{{"ReminderScheduled", id}}));
}

TEST_F(RemindersAppTest, DeliveryRecordsTheOdometerReading) {
  Deliver(kCar, {2026, 11, 1}, 12);
  const auto readings = repository_.Odometer("veh-1");
  ASSERT_EQ(readings.size(), 1u);
  EXPECT_EQ(readings[0].date, (Date{2026, 11, 1}));
  EXPECT_EQ(readings[0].km, 12);
}

TEST_F(RemindersAppTest, ReminderFallsDueAtTenInTheStoresOwnTimeZone) {
  Deliver({"cus-3", "veh-3", "S002"}, {2026, 11, 1}, 0);
  EXPECT_EQ(Stored(FirstId("veh-3", "2026-11-01")).due_at, At("2027-01-25T10:00:00+06:00"));
}

TEST_F(RemindersAppTest, DeliveryReportedLateFallsDueAtOnceWithinTheGracePeriod) {
  Deliver(kCar, {2026, 7, 20}, 0);  // due 2026-10-20, twelve days ago: still worth a message
  const std::string id = FirstId("veh-1", "2026-07-20");
  EXPECT_EQ(Stored(id).service_due_date, (Date{2026, 10, 20}));
  EXPECT_EQ(Stored(id).status, domain::ReminderStatus::kScheduled);
  EXPECT_EQ(Stored(id).due_at, clock_.Now());
  EXPECT_EQ(app_.FireDue(), 1);
}

TEST_F(RemindersAppTest, LastYearsDeliveryIsRecordedAsMissedAndNothingIsSentAboutThePast) {
  Deliver(kCar, {2025, 3, 7}, 0);  // imported on 2026-11-01: the first maintenance was due 2025-06-07
  const std::string first = FirstId("veh-1", "2025-03-07");
  EXPECT_EQ(Stored(first).status, domain::ReminderStatus::kMissed);
  EXPECT_FALSE(repository_.timers.IsQueued(first));
  const auto listed = repository_.ListByCustomer("cus-1");
  ASSERT_EQ(listed.size(), 4u);  // first, second and one regular missed; the next regular planned
  const domain::Reminder& ahead = listed.back();
  EXPECT_EQ(ahead.status, domain::ReminderStatus::kScheduled);
  EXPECT_EQ(ahead.service_due_date, (Date{2026, 12, 7}));
  EXPECT_EQ(IdsOf(repository_.published, "ReminderMissed").size(), 3u);
  EXPECT_EQ(IdsOf(repository_.published, "ReminderScheduled"), std::vector<std::string>{ahead.reminder_id});
  EXPECT_EQ(app_.FireDue(), 0);
  clock_.Set(At("2026-11-30T10:00:00+08:00"));
  EXPECT_EQ(app_.FireDue(), 1);
  EXPECT_EQ(IdsOf(repository_.published, "ReminderDue"), std::vector<std::string>{ahead.reminder_id});
}

TEST_F(RemindersAppTest, TheGracePeriodIsTheStoresRule) {
  config::StoreSettings patient{"S003", "星途汽车天津店", "星途汽车天津店", "Asia/Shanghai", "022-5556666"};
  patient.missed_grace_days = 40;
  config::StoreCatalog stores({patient});
  Replanner replanner(repository_, repository_, rules_, clock_, stores);
  RemindersApp app(repository_, repository_, rules_, replanner, clock_, stores);
  app.OnVehicleDelivered({{"cus-3", "veh-3", "S003"}, {2026, 6, 25}, 0});  // due 2026-09-25, 37 days ago
  EXPECT_EQ(Stored(FirstId("veh-3", "2026-06-25")).status, domain::ReminderStatus::kScheduled);
  app.OnVehicleDelivered({{"cus-3", "veh-4", "S003"}, {2026, 6, 20}, 0});  // due 2026-09-20, 42 days ago
  EXPECT_EQ(Stored(FirstId("veh-4", "2026-06-20")).status, domain::ReminderStatus::kMissed);
}

TEST_F(RemindersAppTest, AReminderThatComesToFireLongAfterItsDateIsMissedAndTheChainMovesOn) {
  Deliver(kCar, {2026, 11, 1}, 12);
  const std::string first = FirstId("veh-1", "2026-11-01");
  clock_.Set(At("2027-03-01T10:00:00+08:00"));  // the clock jumped (or the service was down) past 2027-02-15
  EXPECT_EQ(app_.FireDue(), 0);
  EXPECT_EQ(Stored(first).status, domain::ReminderStatus::kMissed);
  EXPECT_FALSE(repository_.timers.IsLeased(first));
  const std::string second = domain::MaintenanceReminderId(domain::ReminderKind::kSecondMaintenance, "veh-1", first);
  EXPECT_EQ(Stored(second).status, domain::ReminderStatus::kScheduled);
  EXPECT_EQ(Stored(second).service_due_date, (Date{2027, 8, 1}));
  EXPECT_TRUE(IdsOf(repository_.published, "ReminderDue").empty());
  EXPECT_EQ(IdsOf(repository_.published, "ReminderMissed"), std::vector<std::string>{first});
}

TEST_F(RemindersAppTest, ReplayedDeliveryChangesNothing) {
  Deliver(kCar, {2026, 11, 1}, 12);
  const domain::Reminder first = Stored(FirstId("veh-1", "2026-11-01"));
  clock_.Advance(Days{3});
  Deliver(kCar, {2026, 11, 1}, 12);
  const domain::Reminder replayed = Stored(first.reminder_id);
  EXPECT_EQ(replayed.due_at, first.due_at);
  EXPECT_EQ(replayed.status, domain::ReminderStatus::kScheduled);
  EXPECT_EQ(repository_.ListByCustomer("cus-1").size(), 1u);
  EXPECT_EQ(repository_.published.size(), 1u);
}

// --- visits ---

TEST_F(RemindersAppTest, FirstMaintenanceVisitAnswersThePendingReminderAndSchedulesTheSecond) {
  Deliver(kCar, {2026, 11, 1}, 12);
  clock_.Set(At("2027-01-20T15:00:00+08:00"));
  Visit(kCar, "visit-1", {2027, 1, 20}, 1000, domain::VisitKind::kFirstFreeMaintenance);

  const std::string first_id = FirstId("veh-1", "2026-11-01");
  const domain::Reminder first = Stored(first_id);
  EXPECT_EQ(first.status, domain::ReminderStatus::kDone);
  EXPECT_EQ(first.reason, "done: maintenance visit visit-1 on 2027-01-20");
  EXPECT_FALSE(repository_.timers.IsQueued(first_id));

  const std::string second_id = SecondId("veh-1", "visit-1");
  const domain::Reminder second = Stored(second_id);
  EXPECT_EQ(second.kind, domain::ReminderKind::kSecondMaintenance);
  EXPECT_EQ(second.status, domain::ReminderStatus::kScheduled);
  // 12 km a day is far from 10,000 km in six months: due by time.
  EXPECT_EQ(second.service_due_date, (Date{2027, 7, 20}));
  EXPECT_EQ(second.service_due_km, 11000);
  EXPECT_EQ(second.due_at, At("2027-07-13T10:00:00+08:00"));
  EXPECT_EQ(second.reason, "second_maintenance after the visit on 2027-01-20 (by time)");
  EXPECT_EQ(repository_.published,
            (std::vector<PublishedEvent>{
                {"ReminderScheduled", first_id}, {"ReminderCompleted", first_id}, {"ReminderScheduled", second_id}}));
}

TEST_F(RemindersAppTest, HighMileageBringsTheNextMaintenanceForward) {
  Deliver(kCar, {2026, 11, 1}, 12);
  clock_.Set(At("2027-01-20T15:00:00+08:00"));
  // 6,000 km in 80 days: 75 km a day reaches 16,012 km after 134 days, before six months.
  Visit(kCar, "visit-1", {2027, 1, 20}, 6012, domain::VisitKind::kFirstFreeMaintenance);
  const domain::Reminder second = Stored(SecondId("veh-1", "visit-1"));
  EXPECT_EQ(second.service_due_date, (Date{2027, 6, 3}));
  EXPECT_EQ(second.service_due_km, 16012);
  EXPECT_EQ(second.due_at, At("2027-05-27T10:00:00+08:00"));
  EXPECT_EQ(second.reason, "second_maintenance after the visit on 2027-01-20 (by estimated mileage)");
}

TEST_F(RemindersAppTest, SecondMaintenanceVisitMovesTheScheduleToRegularMaintenance) {
  Deliver(kCar, {2026, 11, 1}, 12);
  clock_.Set(At("2027-01-20T15:00:00+08:00"));
  Visit(kCar, "visit-1", {2027, 1, 20}, 1000, domain::VisitKind::kFirstFreeMaintenance);
  clock_.Set(At("2027-07-15T11:00:00+08:00"));
  Visit(kCar, "visit-2", {2027, 7, 15}, 2000, domain::VisitKind::kSecondFreeMaintenance);

  EXPECT_EQ(Stored(SecondId("veh-1", "visit-1")).status, domain::ReminderStatus::kDone);
  const domain::Reminder regular = Stored(RegularId("veh-1", "visit-2"));
  EXPECT_EQ(regular.kind, domain::ReminderKind::kRegularMaintenance);
  EXPECT_EQ(regular.status, domain::ReminderStatus::kScheduled);
  EXPECT_EQ(regular.service_due_date, (Date{2028, 1, 15}));
  EXPECT_EQ(regular.service_due_km, 12000);
  EXPECT_EQ(IdsOf(repository_.published, "ReminderCompleted"),
            (std::vector<std::string>{FirstId("veh-1", "2026-11-01"), SecondId("veh-1", "visit-1")}));
}

TEST_F(RemindersAppTest, MaintenanceVisitOfAVehicleNeverDeliveredHereStartsItsSchedule) {
  const domain::VehicleFacts imported{"cus-2", "veh-2", "S001"};
  Visit(imported, "visit-7", {2026, 11, 1}, 30000, domain::VisitKind::kRegularMaintenance);
  const std::string id = RegularId("veh-2", "visit-7");
  EXPECT_EQ(Stored(id).service_due_date, (Date{2027, 5, 1}));
  EXPECT_EQ(Stored(id).service_due_km, 40000);
  EXPECT_EQ(repository_.published, (std::vector<PublishedEvent>{{"ReminderScheduled", id}}));
}

TEST_F(RemindersAppTest, OtherVisitOnlyRecordsTheOdometer) {
  Deliver(kCar, {2026, 11, 1}, 12);
  clock_.Set(At("2026-12-01T15:00:00+08:00"));
  Visit(kCar, "visit-9", {2026, 12, 1}, 800, domain::VisitKind::kOther);
  EXPECT_EQ(Stored(FirstId("veh-1", "2026-11-01")).status, domain::ReminderStatus::kScheduled);
  EXPECT_EQ(repository_.ListByCustomer("cus-1").size(), 1u);
  EXPECT_EQ(repository_.published.size(), 1u);
  const auto readings = repository_.Odometer("veh-1");
  ASSERT_EQ(readings.size(), 2u);
  EXPECT_EQ(readings[1].date, (Date{2026, 12, 1}));
  EXPECT_EQ(readings[1].km, 800);
}

TEST_F(RemindersAppTest, ReplayedVisitChangesNothing) {
  Deliver(kCar, {2026, 11, 1}, 12);
  clock_.Set(At("2027-01-20T15:00:00+08:00"));
  Visit(kCar, "visit-1", {2027, 1, 20}, 1000, domain::VisitKind::kFirstFreeMaintenance);
  const std::vector<PublishedEvent> before = repository_.published;
  const domain::Reminder second = Stored(SecondId("veh-1", "visit-1"));

  clock_.Advance(Days{10});
  Visit(kCar, "visit-1", {2027, 1, 20}, 1000, domain::VisitKind::kFirstFreeMaintenance);
  EXPECT_EQ(repository_.published, before);
  EXPECT_EQ(Stored(second.reminder_id).due_at, second.due_at);
  EXPECT_EQ(Stored(second.reminder_id).status, domain::ReminderStatus::kScheduled);
  EXPECT_EQ(repository_.ListByCustomer("cus-1").size(), 2u);
}

TEST_F(RemindersAppTest, VisitAfterTheReminderFiredMarksItDone) {
  Deliver(kCar, {2026, 11, 1}, 12);
  clock_.Set(At("2027-01-25T10:00:00+08:00"));
  ASSERT_EQ(app_.FireDue(), 1);
  clock_.Set(At("2027-01-28T15:00:00+08:00"));
  Visit(kCar, "visit-1", {2027, 1, 28}, 4100, domain::VisitKind::kFirstFreeMaintenance);
  EXPECT_EQ(Stored(FirstId("veh-1", "2026-11-01")).status, domain::ReminderStatus::kDone);
  EXPECT_EQ(Stored(SecondId("veh-1", "visit-1")).status, domain::ReminderStatus::kScheduled);
  EXPECT_EQ(IdsOf(repository_.published, "ReminderCompleted"),
            std::vector<std::string>{FirstId("veh-1", "2026-11-01")});
}

// --- insurance renewal ---

domain::PolicyFacts Policy(const std::string& id, Date start, Date end, bool compulsory = true) {
  return {kCar, id, compulsory, start, end};
}

TEST_F(RemindersAppTest, APolicyGetsItsRenewalRemindersAndARenewalEndsThem) {
  app_.OnPolicyRecorded(Policy("pol-1", {2026, 1, 11}, {2027, 1, 10}));
  auto open = repository_.ListByCustomer("cus-1");
  ASSERT_EQ(open.size(), 3u);
  EXPECT_EQ(open[0].kind, domain::ReminderKind::kInsuranceRenewal);
  EXPECT_EQ(open[0].due_at, At("2026-12-11T10:00:00+08:00"));
  app_.OnPolicyRecorded(Policy("pol-1", {2026, 1, 11}, {2027, 1, 10}));  // a replay
  EXPECT_EQ(repository_.ListByCustomer("cus-1").size(), 3u);

  clock_.Set(At("2026-12-11T10:00:00+08:00"));
  EXPECT_EQ(app_.FireDue(), 1);  // the 30-day reminder went out
  // The customer renews at the store: the old policy's reminders end, the new one's begin.
  clock_.Set(At("2026-12-20T15:00:00+08:00"));
  app_.OnPolicyRecorded(Policy("pol-2", {2027, 1, 11}, {2028, 1, 10}));
  for (const auto& reminder : repository_.ListByCustomer("cus-1")) {
    if (reminder.policy_id == "pol-1") {
      EXPECT_EQ(reminder.status, domain::ReminderStatus::kCancelled) << reminder.reminder_id;
      EXPECT_EQ(reminder.reason, "cancelled: renewed by policy pol-2");
    } else {
      EXPECT_EQ(reminder.status, domain::ReminderStatus::kScheduled);
      EXPECT_EQ(reminder.service_due_date, (Date{2028, 1, 10}));
    }
  }
  EXPECT_EQ(IdsOf(repository_.published, "ReminderCancelled").size(), 3u);  // the fired one too
  clock_.Set(At("2027-01-03T10:00:00+08:00"));
  EXPECT_EQ(app_.FireDue(), 0);
}

// --- long lost customers (domain.md "Churn stages": excluded from routine care) ---

TEST_F(RemindersAppTest, ACustomerWhoLeftRoutineCareGetsNoRoutineReminderFromImportedFacts) {
  repository_.RecordChurnStage("cus-1", "long_lost");
  app_.OnPolicyRecorded(Policy("pol-1", {2026, 1, 11}, {2027, 1, 10}));
  Visit(kCar, "visit-old", {2026, 3, 1}, 20000, domain::VisitKind::kRegularMaintenance);  // imported history
  Deliver(kCar, {2024, 3, 7}, 0);                                                         // imported history
  EXPECT_TRUE(repository_.ListByCustomer("cus-1").empty());
  EXPECT_TRUE(repository_.published.empty());
  EXPECT_EQ(repository_.ChurnStageOf("cus-1"), "long_lost");
}

TEST_F(RemindersAppTest, AStoreRuleMayExcludeMoreStagesOrNone) {
  domain::Rule renewal = domain::DefaultRule(domain::ReminderKind::kInsuranceRenewal);
  renewal.store_id = "S001";
  renewal.excluded_churn_stages = {"lost", "long_lost"};
  rules_.Put(renewal);
  repository_.RecordChurnStage("cus-1", "lost");
  app_.OnPolicyRecorded(Policy("pol-1", {2026, 1, 11}, {2027, 1, 10}));
  EXPECT_TRUE(repository_.ListByCustomer("cus-1").empty());
  renewal.excluded_churn_stages = {};  // this store reminds even long lost customers of renewals
  rules_.Put(renewal);
  repository_.RecordChurnStage("cus-1", "long_lost");
  app_.OnPolicyRecorded(Policy("pol-1", {2026, 1, 11}, {2027, 1, 10}));
  EXPECT_EQ(repository_.ListByCustomer("cus-1").size(), 3u);
}

TEST_F(RemindersAppTest, PlanningReadsTheStageAndTheRuleOncePerPlan) {
  repository_.RecordChurnStage("cus-1", "lost");  // known, and not excluded by the default rule
  const int stage_reads = repository_.churn_stage_reads;
  const int rule_lookups = rules_.lookups;
  app_.OnPolicyRecorded(Policy("pol-1", {2026, 1, 11}, {2027, 1, 10}));
  EXPECT_EQ(repository_.ListByCustomer("cus-1").size(), 3u);  // three renewal reminders planned
  EXPECT_EQ(repository_.churn_stage_reads - stage_reads, 1);  // not once per reminder
  EXPECT_EQ(rules_.lookups - rule_lookups, 2);                // the renewal rule, and once for the plan
}

TEST_F(RemindersAppTest, AReturnVisitBringsALongLostCustomerBackToRoutineCare) {
  repository_.RecordChurnStage("cus-1", "long_lost");
  Visit(kCar, "visit-8", {2026, 11, 1}, 30000, domain::VisitKind::kRegularMaintenance);
  EXPECT_EQ(repository_.ChurnStageOf("cus-1"), "active");
  EXPECT_EQ(Stored(RegularId("veh-1", "visit-8")).status, domain::ReminderStatus::kScheduled);
  app_.OnPolicyRecorded(Policy("pol-1", {2026, 1, 11}, {2027, 1, 10}));
  EXPECT_EQ(repository_.ListByCustomer("cus-1").size(), 4u);  // the maintenance and three renewals
}

TEST_F(RemindersAppTest, ANewCarBringsALongLostCustomerBackToRoutineCare) {
  repository_.RecordChurnStage("cus-1", "long_lost");
  Deliver(kCar, {2026, 11, 1}, 12);
  EXPECT_EQ(repository_.ChurnStageOf("cus-1"), "active");
  EXPECT_EQ(Stored(FirstId("veh-1", "2026-11-01")).status, domain::ReminderStatus::kScheduled);
}

TEST_F(RemindersAppTest, AnOldPolicyImportedAfterItsRenewalPlansNothing) {
  app_.OnPolicyRecorded(Policy("pol-2", {2026, 6, 1}, {2027, 5, 31}));
  const size_t planned = repository_.ListByCustomer("cus-1").size();
  app_.OnPolicyRecorded(Policy("pol-1", {2025, 6, 1}, {2026, 5, 31}));
  EXPECT_EQ(repository_.ListByCustomer("cus-1").size(), planned);
}

TEST_F(RemindersAppTest, CommercialCoverDoesNotEndTheCompulsoryPolicysReminders) {
  app_.OnPolicyRecorded(Policy("pol-1", {2026, 1, 11}, {2027, 1, 10}, true));
  app_.OnPolicyRecorded(Policy("pol-2", {2027, 1, 11}, {2028, 1, 10}, false));
  EXPECT_TRUE(IdsOf(repository_.published, "ReminderCancelled").empty());
}

TEST_F(RemindersAppTest, AWorkshopVisitDoesNotAnswerARenewalReminder) {
  app_.OnPolicyRecorded(Policy("pol-1", {2026, 1, 11}, {2026, 11, 20}));
  clock_.Set(At("2026-11-13T10:00:00+08:00"));
  ASSERT_EQ(app_.FireDue(), 2);  // 15 and 7 days before the end (30 had passed when it was recorded)
  Visit(kCar, "visit-1", {2026, 11, 13}, 9000, domain::VisitKind::kRegularMaintenance);
  int renewals = 0;
  for (const auto& reminder : repository_.ListByCustomer("cus-1")) {
    if (reminder.kind == domain::ReminderKind::kInsuranceRenewal) {
      EXPECT_EQ(reminder.status, domain::ReminderStatus::kDue);
      ++renewals;
    }
  }
  EXPECT_EQ(renewals, 2);
}

// --- cars that leave ---

TEST_F(RemindersAppTest, ASoldOrTransferredCarGetsNoMoreReminders) {
  Deliver(kCar, {2026, 11, 1}, 12);
  Deliver({"cus-1", "veh-2", "S001"}, {2026, 8, 1}, 12);  // due 2026-11-01: fires at once
  ASSERT_EQ(app_.FireDue(), 1);
  app_.OnVehicleRetired(kCar, "sold");
  app_.OnVehicleRetired({"cus-1", "veh-2", "S001"}, "transferred to another owner");
  const domain::Reminder scheduled = Stored(FirstId("veh-1", "2026-11-01"));
  EXPECT_EQ(scheduled.status, domain::ReminderStatus::kCancelled);
  EXPECT_EQ(scheduled.reason, "cancelled: vehicle sold");
  EXPECT_EQ(Stored(FirstId("veh-2", "2026-08-01")).status, domain::ReminderStatus::kCancelled);
  EXPECT_EQ(IdsOf(repository_.published, "ReminderCancelled").size(), 2u);
  app_.OnVehicleRetired(kCar, "sold");  // a replay cancels nothing more
  EXPECT_EQ(IdsOf(repository_.published, "ReminderCancelled").size(), 2u);
  clock_.Set(At("2027-01-25T10:00:00+08:00"));
  EXPECT_EQ(app_.FireDue(), 0);
}

// --- firing ---

TEST_F(RemindersAppTest, FireDueFiresAReminderOnceWhenItsTimeComes) {
  Deliver(kCar, {2026, 11, 1}, 12);
  const std::string id = FirstId("veh-1", "2026-11-01");
  clock_.Set(At("2027-01-25T09:59:59+08:00"));
  EXPECT_EQ(app_.FireDue(), 0);
  EXPECT_EQ(Stored(id).status, domain::ReminderStatus::kScheduled);

  clock_.Set(At("2027-01-25T10:00:00+08:00"));
  EXPECT_EQ(app_.FireDue(), 1);
  EXPECT_EQ(Stored(id).status, domain::ReminderStatus::kDue);
  EXPECT_EQ(Stored(id).fired_at, At("2027-01-25T10:00:00+08:00"));
  EXPECT_FALSE(repository_.timers.IsQueued(id));
  EXPECT_FALSE(repository_.timers.IsLeased(id));

  clock_.Advance(Days{1});
  EXPECT_EQ(app_.FireDue(), 0);
  EXPECT_EQ(IdsOf(repository_.published, "ReminderDue"), std::vector<std::string>{id});
}

TEST_F(RemindersAppTest, AnsweredReminderNeverFires) {
  Deliver(kCar, {2026, 11, 1}, 12);
  clock_.Set(At("2026-12-20T15:00:00+08:00"));
  Visit(kCar, "visit-1", {2026, 12, 20}, 3000, domain::VisitKind::kFirstFreeMaintenance);
  clock_.Set(At("2027-01-25T10:00:00+08:00"));
  EXPECT_EQ(app_.FireDue(), 0);
  EXPECT_EQ(Stored(FirstId("veh-1", "2026-11-01")).status, domain::ReminderStatus::kDone);
  EXPECT_TRUE(IdsOf(repository_.published, "ReminderDue").empty());
}

TEST_F(RemindersAppTest, ReminderAnsweredBetweenClaimAndFireIsNotFired) {
  Deliver(kCar, {2026, 11, 1}, 12);
  const std::string id = FirstId("veh-1", "2026-11-01");
  clock_.Set(At("2027-01-25T10:00:00+08:00"));
  repository_.after_claim = [&] {
    repository_.after_claim = nullptr;
    Visit(kCar, "visit-1", {2027, 1, 25}, 4100, domain::VisitKind::kFirstFreeMaintenance);
  };
  EXPECT_EQ(app_.FireDue(), 0);
  EXPECT_EQ(Stored(id).status, domain::ReminderStatus::kDone);
  EXPECT_FALSE(repository_.timers.IsLeased(id));
  EXPECT_TRUE(IdsOf(repository_.published, "ReminderDue").empty());
}

TEST_F(RemindersAppTest, TwoInstancesFireADueReminderOnce) {
  RemindersApp other_instance(repository_, repository_, rules_, replanner_, clock_, stores_);
  Deliver(kCar, {2026, 11, 1}, 12);
  clock_.Set(At("2027-01-26T08:00:00+08:00"));
  EXPECT_EQ(app_.FireDue(), 1);
  EXPECT_EQ(other_instance.FireDue(), 0);
  EXPECT_EQ(IdsOf(repository_.published, "ReminderDue").size(), 1u);
}

TEST_F(RemindersAppTest, ReminderClaimedByADeadInstanceFiresOnceItsLeaseExpires) {
  Deliver(kCar, {2026, 11, 1}, 12);
  const std::string id = FirstId("veh-1", "2026-11-01");
  clock_.Set(At("2027-01-25T10:00:00+08:00"));
  // Another instance claims the timer and dies before firing it.
  ASSERT_EQ(repository_.ClaimDue(clock_.Now(), Millis{30'000}, 10), std::vector<std::string>{id});
  EXPECT_EQ(app_.FireDue(), 0);
  clock_.Advance(Days{10});  // the business clock jumping ahead does not end a lease
  EXPECT_EQ(app_.FireDue(), 0);
  repository_.real_time.Advance(Millis{30'000});
  EXPECT_EQ(app_.FireDue(), 1);
  EXPECT_EQ(Stored(id).status, domain::ReminderStatus::kDue);
  EXPECT_EQ(app_.FireDue(), 0);
}

TEST_F(RemindersAppTest, FireDueFiresAtMostOneBatchAtATime) {
  for (const char* vehicle : {"veh-1", "veh-2", "veh-3"}) {
    Deliver({"cus-1", vehicle, "S001"}, {2026, 11, 1}, 0);
  }
  clock_.Set(At("2027-02-01T10:00:00+08:00"));
  EXPECT_EQ(app_.FireDue(2), 2);
  EXPECT_EQ(app_.FireDue(2), 1);
  EXPECT_EQ(app_.FireDue(2), 0);
  EXPECT_EQ(IdsOf(repository_.published, "ReminderDue").size(), 3u);
}

// --- List ---

class RemindersListTest : public RemindersAppTest {
 protected:
  // cus-1 bought veh-1 at S001 and veh-3 at S002 (delivered earlier, so due earlier);
  // cus-2 bought veh-2 at S001.
  RemindersListTest() {
    Deliver(kCar, {2026, 11, 1}, 0);
    Deliver({"cus-1", "veh-3", "S002"}, {2026, 10, 15}, 0);
    Deliver({"cus-2", "veh-2", "S001"}, {2026, 10, 20}, 0);
  }

  const auth::Principal advisor_ = {"sa-1", auth::Role::kAdvisor, {"S001"}, false};
  const auth::Principal admin_ = {"admin", auth::Role::kAdmin, {}, true};
};

TEST_F(RemindersListTest, ByCustomerListsAllTheirRemindersByDueTime) {
  auto listed = app_.List(admin_, "cus-1", "");
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  EXPECT_EQ(IdsOf(*listed), (std::vector<std::string>{FirstId("veh-3", "2026-10-15"), FirstId("veh-1", "2026-11-01")}));
}

TEST_F(RemindersListTest, ByStoreListsOnlyThatStore) {
  auto listed = app_.List(advisor_, "", "S001");
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  EXPECT_EQ(IdsOf(*listed), (std::vector<std::string>{FirstId("veh-2", "2026-10-20"), FirstId("veh-1", "2026-11-01")}));
}

TEST_F(RemindersListTest, ByCustomerAndStoreKeepsOnlyThatStoresReminders) {
  auto listed = app_.List(advisor_, "cus-1", "S001");
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  EXPECT_EQ(IdsOf(*listed), std::vector<std::string>{FirstId("veh-1", "2026-11-01")});
}

TEST_F(RemindersListTest, ByCustomerIsDeniedWhenAReminderBelongsToAnotherStore) {
  auto listed = app_.List(advisor_, "cus-1", "");
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(listed.error().field, "customer_id");
}

TEST_F(RemindersListTest, AnotherStoreIsDenied) {
  auto listed = app_.List(advisor_, "", "S002");
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(listed.error().field, "store_id");
}

TEST_F(RemindersListTest, NeedsACustomerOrAStore) {
  auto listed = app_.List(admin_, "", "");
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(listed.error().field, "customer_id");
}

TEST_F(RemindersListTest, UnknownStoreIsRejected) {
  auto listed = app_.List(admin_, "", "S999");
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(listed.error().field, "store_id");
}

TEST_F(RemindersListTest, CustomerWithoutRemindersListsNothing) {
  auto listed = app_.List(advisor_, "cus-404", "");
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  EXPECT_TRUE(listed->empty());
}

}  // namespace
}  // namespace careloop::reminders::app
