#include <gtest/gtest.h>

#include "services/reminders/domain/insurance.h"
#include "services/reminders/domain/maintenance.h"
#include "services/reminders/domain/reminder.h"

namespace careloop::reminders::domain {
namespace {

const TimeZone& Shanghai() {
  static const TimeZone zone("Asia/Shanghai");
  return zone;
}

TEST(MaintenanceSchedule, FirstMaintenanceDueAtThreeMonthsWithoutMileageHistory) {
  const MaintenanceDue due = DueAfter({2026, 9, 3}, 0, 3, 5000, {{{2026, 9, 3}, 0}});
  EXPECT_EQ(due.due_date, (Date{2026, 12, 3}));
  EXPECT_EQ(due.due_km, 5000);
  EXPECT_FALSE(due.due_by_mileage);
}

TEST(MaintenanceSchedule, HeavyDriverIsDueEarlierByEstimatedMileage) {
  // 3000 km in the first 30 days: 100 km/day reaches 5000 km 20 days later.
  const MaintenanceDue due = DueAfter({2026, 9, 1}, 0, 3, 5000, {{{2026, 9, 1}, 0}, {{2026, 10, 1}, 3000}});
  EXPECT_TRUE(due.due_by_mileage);
  EXPECT_EQ(due.due_date, (Date{2026, 10, 21}));
}

TEST(MaintenanceSchedule, ReadingsTooCloseTogetherGiveNoEstimate) {
  EXPECT_FALSE(AverageKmPerDay({{{2026, 9, 1}, 0}, {{2026, 9, 3}, 500}}).has_value());
  EXPECT_FALSE(AverageKmPerDay({{{2026, 9, 1}, 900}, {{2026, 10, 1}, 500}}).has_value());  // goes backwards
}

TEST(MaintenanceSchedule, MonthEndIsClamped) {
  EXPECT_EQ((Date{2026, 11, 30}).PlusMonths(3), (Date{2027, 2, 28}));
  EXPECT_EQ((Date{2027, 11, 30}).PlusMonths(3), (Date{2028, 2, 29}));
}

TEST(ReminderMoment, FallsLeadDaysBeforeDueAtLocalSendTime) {
  MaintenancePolicy policy;
  const MaintenanceDue due{{2026, 12, 3}, 5000, false};
  const Instant moment = ReminderMoment(due, policy, Shanghai(), Instant{});
  EXPECT_EQ(FormatRfc3339(moment), "2026-11-26T02:00:00.000Z");  // 10:00 in Shanghai, 7 days before
}

TEST(ReminderMoment, LateComputationFiresAtOnce) {
  MaintenancePolicy policy;
  const Instant now = *ParseRfc3339("2026-12-01T05:00:00Z");
  EXPECT_EQ(ReminderMoment({{2026, 12, 3}, 5000, false}, policy, Shanghai(), now), now);
}

TEST(VisitEffects, FirstFreeMaintenanceSchedulesTheSecond) {
  MaintenancePolicy policy;
  const VisitEffect effect = EffectOfVisit(VisitKind::kFirstFreeMaintenance, policy);
  EXPECT_TRUE(effect.cancels_pending_maintenance);
  ASSERT_TRUE(effect.next_kind.has_value());
  EXPECT_EQ(*effect.next_kind, ReminderKind::kSecondMaintenance);
  EXPECT_EQ(effect.months, 6);
}

TEST(VisitEffects, RepairLeavesTheScheduleAlone) {
  const VisitEffect effect = EffectOfVisit(VisitKind::kOther, MaintenancePolicy{});
  EXPECT_FALSE(effect.cancels_pending_maintenance);
  EXPECT_FALSE(effect.next_kind.has_value());
}

TEST(ReminderIds, SameCauseGivesSameIdAndDifferentCauseDiffers) {
  EXPECT_EQ(MaintenanceReminderId(ReminderKind::kFirstMaintenance, "veh-1", "2026-09-03"),
            MaintenanceReminderId(ReminderKind::kFirstMaintenance, "veh-1", "2026-09-03"));
  EXPECT_NE(MaintenanceReminderId(ReminderKind::kFirstMaintenance, "veh-1", "2026-09-03"),
            MaintenanceReminderId(ReminderKind::kFirstMaintenance, "veh-2", "2026-09-03"));
}

TEST(PlanFirstMaintenance, DeliveredEightyDaysAgoIsDueInTenDaysAndRemindsInThree) {
  const Instant now = *ParseRfc3339("2026-11-22T02:00:00Z");  // 10:00 Shanghai
  const Date delivered = Date{2026, 11, 22}.PlusDays(-80);
  const MaintenancePlan plan =
      PlanFirstMaintenance({"cus-1", "veh-1", "S001"}, delivered, 0, {}, MaintenancePolicy{}, {Shanghai(), now});
  EXPECT_TRUE(plan.missed.empty());
  const Reminder& reminder = plan.next;
  EXPECT_EQ(reminder.service_due_date, delivered.PlusMonths(3));
  EXPECT_EQ(reminder.kind, ReminderKind::kFirstMaintenance);
  EXPECT_GT(reminder.due_at, now);
  EXPECT_EQ(Shanghai().DateAt(reminder.due_at), delivered.PlusMonths(3).PlusDays(-7));
}

// --- insurance renewal ---

PolicyFacts PolicyEnding(Date end, const std::string& id = "pol-1", bool compulsory = true) {
  return {{"cus-1", "veh-1", "S001"}, id, compulsory, end.PlusDays(-364), end};
}

TEST(PlanRenewal, ThirtyFifteenAndSevenDaysBeforeThePolicyEndsAtTen) {
  const Instant now = *ParseRfc3339("2026-11-01T01:00:00Z");  // 09:00 Shanghai
  const auto planned = PlanRenewal(PolicyEnding({2027, 1, 10}), RenewalPolicy{}, {Shanghai(), now, 14});
  ASSERT_EQ(planned.size(), 3u);
  EXPECT_EQ(planned[0].due_at, *ParseRfc3339("2026-12-11T10:00:00+08:00"));
  EXPECT_EQ(planned[1].due_at, *ParseRfc3339("2026-12-26T10:00:00+08:00"));
  EXPECT_EQ(planned[2].due_at, *ParseRfc3339("2027-01-03T10:00:00+08:00"));
  for (const auto& reminder : planned) {
    EXPECT_EQ(reminder.kind, ReminderKind::kInsuranceRenewal);
    EXPECT_EQ(reminder.service_due_date, (Date{2027, 1, 10}));
    EXPECT_EQ(reminder.policy_id, "pol-1");
    EXPECT_EQ(reminder.status, ReminderStatus::kScheduled);
  }
  EXPECT_EQ(planned[0].lead_days, 30);
  EXPECT_NE(planned[0].reminder_id, planned[1].reminder_id);
  EXPECT_EQ(planned[0].reminder_id,
            PlanRenewal(PolicyEnding({2027, 1, 10}), RenewalPolicy{}, {Shanghai(), now + Days{1}, 14})[0].reminder_id);
}

TEST(PlanRenewal, APolicyRecordedLateGetsOnlyTheLeadTimesAheadOrOneReminderNow) {
  const Instant now = *ParseRfc3339("2026-11-01T01:00:00Z");
  const auto ten_days = PlanRenewal(PolicyEnding({2026, 11, 11}), RenewalPolicy{}, {Shanghai(), now, 14});
  ASSERT_EQ(ten_days.size(), 1u);
  EXPECT_EQ(ten_days[0].lead_days, 7);
  const auto three_days = PlanRenewal(PolicyEnding({2026, 11, 4}), RenewalPolicy{}, {Shanghai(), now, 14});
  ASSERT_EQ(three_days.size(), 1u);
  EXPECT_EQ(three_days[0].due_at, now);
  EXPECT_EQ(three_days[0].status, ReminderStatus::kScheduled);
  const auto ended_lately = PlanRenewal(PolicyEnding({2026, 10, 25}), RenewalPolicy{}, {Shanghai(), now, 14});
  ASSERT_EQ(ended_lately.size(), 1u);
  EXPECT_EQ(ended_lately[0].status, ReminderStatus::kScheduled);  // lapsed a week ago: still worth a word
  const auto last_year = PlanRenewal(PolicyEnding({2025, 12, 1}), RenewalPolicy{}, {Shanghai(), now, 14});
  ASSERT_EQ(last_year.size(), 1u);
  EXPECT_EQ(last_year[0].status, ReminderStatus::kMissed);
}

TEST(Renews, SameCarSameCoverAFollowingPolicy) {
  const PolicyFacts old_policy = PolicyEnding({2026, 12, 31});
  PolicyFacts next = PolicyEnding({2027, 12, 31}, "pol-2");
  next.start_date = {2027, 1, 1};
  EXPECT_TRUE(Renews(next, old_policy));
  EXPECT_FALSE(Renews(old_policy, next));
  PolicyFacts commercial = next;
  commercial.compulsory = false;
  EXPECT_FALSE(Renews(commercial, old_policy));  // commercial cover does not renew 交强险
  PolicyFacts other_car = next;
  other_car.vehicle.vehicle_id = "veh-2";
  EXPECT_FALSE(Renews(other_car, old_policy));
  PolicyFacts much_later = next;
  much_later.start_date = {2027, 3, 1};
  EXPECT_FALSE(Renews(much_later, old_policy));  // a new policy after two months uninsured
}

// --- care is never about the past ---

TEST(Missed, OnlyBeyondTheGracePeriod) {
  const Date today{2026, 11, 1};
  EXPECT_FALSE(IsMissed({2026, 11, 20}, today, 14));  // ahead
  EXPECT_FALSE(IsMissed({2026, 10, 18}, today, 14));  // 14 days behind: still sent, without the date
  EXPECT_TRUE(IsMissed({2026, 10, 17}, today, 14));
  EXPECT_TRUE(IsMissed({2026, 10, 31}, today, 0));
}

TEST(PlanFirstMaintenance, LastYearsDeliveryRecordsTheMissedChainAndPlansTheMaintenanceStillAhead) {
  const Instant now = *ParseRfc3339("2026-11-01T01:00:00Z");  // 09:00 Shanghai
  const MaintenancePlan plan =
      PlanFirstMaintenance({"cus-1", "veh-1", "S001"}, {2025, 3, 7}, 0, {}, MaintenancePolicy{}, {Shanghai(), now, 14});
  ASSERT_EQ(plan.missed.size(), 3u);
  EXPECT_EQ(plan.missed[0].kind, ReminderKind::kFirstMaintenance);
  EXPECT_EQ(plan.missed[0].service_due_date, (Date{2025, 6, 7}));
  EXPECT_EQ(plan.missed[0].status, ReminderStatus::kMissed);
  EXPECT_EQ(plan.missed[0].reason,
            "missed: the service was due on 2025-06-07, more than 14 days before 2026-11-01; not sent");
  EXPECT_EQ(plan.missed[1].kind, ReminderKind::kSecondMaintenance);
  EXPECT_EQ(plan.missed[1].service_due_date, (Date{2025, 12, 7}));
  EXPECT_EQ(plan.missed[2].kind, ReminderKind::kRegularMaintenance);
  EXPECT_EQ(plan.missed[2].service_due_date, (Date{2026, 6, 7}));
  EXPECT_EQ(plan.next.kind, ReminderKind::kRegularMaintenance);
  EXPECT_EQ(plan.next.status, ReminderStatus::kScheduled);
  EXPECT_EQ(plan.next.service_due_date, (Date{2026, 12, 7}));
  EXPECT_EQ(plan.next.due_at, *ParseRfc3339("2026-11-30T10:00:00+08:00"));
  EXPECT_EQ(plan.next.reason,
            "regular_maintenance after the regular_maintenance due on 2026-06-07 was missed (by time)");
  // Each step's id derives from the one before, so a replayed import plans the same ids.
  EXPECT_EQ(plan.next.reminder_id,
            MaintenanceReminderId(ReminderKind::kRegularMaintenance, "veh-1", plan.missed[2].reminder_id));
  EXPECT_EQ(plan.All().size(), 4u);
}

TEST(PlanAfterVisit, AnOldImportedVisitMovesOnToTheNextMaintenanceAhead) {
  const Instant now = *ParseRfc3339("2026-11-01T01:00:00Z");
  const auto plan = PlanAfterVisit({"cus-1", "veh-1", "S001"}, VisitKind::kRegularMaintenance, "vis-1", {2026, 1, 10},
                                   30000, {}, MaintenancePolicy{}, {Shanghai(), now, 14});
  ASSERT_TRUE(plan.has_value());
  ASSERT_EQ(plan->missed.size(), 1u);
  EXPECT_EQ(plan->missed[0].service_due_date, (Date{2026, 7, 10}));
  EXPECT_EQ(plan->next.service_due_date, (Date{2027, 1, 10}));
  EXPECT_EQ(plan->next.service_due_km, 50000);
}

TEST(PlanAfterMissed, FollowsTheChainFromTheMissedServiceDate) {
  const Instant now = *ParseRfc3339("2027-03-01T01:00:00Z");
  Reminder first = PlanFirstMaintenance({"cus-1", "veh-1", "S001"}, {2026, 11, 1}, 12, {}, MaintenancePolicy{},
                                        {Shanghai(), *ParseRfc3339("2026-11-01T01:00:00Z"), 14})
                       .next;
  const MaintenancePlan plan = PlanAfterMissed(first, {}, MaintenancePolicy{}, {Shanghai(), now, 14});
  EXPECT_TRUE(plan.missed.empty());
  EXPECT_EQ(plan.next.kind, ReminderKind::kSecondMaintenance);
  EXPECT_EQ(plan.next.service_due_date, (Date{2027, 8, 1}));
  EXPECT_EQ(plan.next.service_due_km, 15012);
}

}  // namespace
}  // namespace careloop::reminders::domain
