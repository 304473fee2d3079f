#include <gtest/gtest.h>

#include "services/reminders/domain/inspection.h"
#include "services/reminders/domain/lead_times.h"
#include "services/reminders/domain/rule.h"
#include "services/reminders/domain/warranty.h"

namespace careloop::reminders::domain {
namespace {

const TimeZone& Shanghai() {
  static const TimeZone zone("Asia/Shanghai");
  return zone;
}

Rule StoreRule(const std::string& store, ReminderKind kind, std::vector<std::string> models, int months) {
  Rule rule = DefaultRule(kind);
  rule.store_id = store;
  rule.models = std::move(models);
  rule.interval_months = months;
  rule.rule_id = RuleId(store, kind, rule.models);
  return rule;
}

// --- defaults ---

TEST(RuleDefaults, MaintenanceFollowsDomainReference) {
  const Rule first = DefaultRule(ReminderKind::kFirstMaintenance);
  EXPECT_EQ(first.interval_months, 3);
  EXPECT_EQ(first.interval_km, 5000);
  EXPECT_EQ(first.lead_days, std::vector<int>{7});
  EXPECT_EQ(first.fire_time, TimeOfDay{10 * 60});
  EXPECT_EQ(first.follow_up_days, 14);
  const Rule second = DefaultRule(ReminderKind::kSecondMaintenance);
  EXPECT_EQ(second.interval_months, 6);
  EXPECT_EQ(second.interval_km, 10000);
  const Rule regular = DefaultRule(ReminderKind::kRegularMaintenance);
  EXPECT_EQ(regular.interval_months, 6);
  EXPECT_EQ(regular.interval_km, 10000);
}

TEST(RuleDefaults, RenewalWarrantyInspectionGreetings) {
  EXPECT_EQ(DefaultRule(ReminderKind::kInsuranceRenewal).lead_days, (std::vector<int>{30, 15, 7}));
  const Rule warranty = DefaultRule(ReminderKind::kWarrantyExpiry);
  EXPECT_EQ(warranty.interval_months, 36);
  EXPECT_EQ(warranty.interval_km, 100000);
  EXPECT_EQ(DefaultRule(ReminderKind::kAnnualInspection).lead_days, std::vector<int>{30});
  EXPECT_EQ(DefaultRule(ReminderKind::kBirthday).fire_time, TimeOfDay{9 * 60});
  EXPECT_EQ(DefaultRule(ReminderKind::kHolidayGreeting).fire_time, TimeOfDay{9 * 60});
  EXPECT_EQ(DefaultRule(ReminderKind::kSurveyInvitation).interval_days, 3);
  EXPECT_EQ(DefaultRule(ReminderKind::kRegularMaintenance).return_window_days, 30);
}

TEST(RuleDefaults, EveryDefaultIsValid) {
  for (int k = 0; k <= static_cast<int>(ReminderKind::kSeasonalCheck); ++k) {
    const auto kind = static_cast<ReminderKind>(k);
    EXPECT_TRUE(Validate(DefaultRule(kind), QuietHours{}).ok()) << KindName(kind);
    EXPECT_EQ(DefaultRule(kind).rule_id, GroupRuleId(kind));
  }
}

// --- ids and resolution ---

TEST(RuleId, SameScopeSameIdWhateverTheModelOrder) {
  EXPECT_EQ(RuleId("S001", ReminderKind::kFirstMaintenance, {"B", "A"}),
            RuleId("S001", ReminderKind::kFirstMaintenance, {"A", "B"}));
  EXPECT_NE(RuleId("S001", ReminderKind::kFirstMaintenance, {}), RuleId("", ReminderKind::kFirstMaintenance, {}));
  EXPECT_NE(RuleId("S001", ReminderKind::kFirstMaintenance, {}), RuleId("S001", ReminderKind::kSecondMaintenance, {}));
}

TEST(RuleResolution, MostSpecificFirst) {
  const std::vector<Rule> rules = {
      StoreRule("", ReminderKind::kFirstMaintenance, {}, 4),
      StoreRule("S001", ReminderKind::kFirstMaintenance, {}, 5),
      StoreRule("S001", ReminderKind::kFirstMaintenance, {"星途揽月"}, 6),
      StoreRule("", ReminderKind::kFirstMaintenance, {"瑶光"}, 7),
      StoreRule("S002", ReminderKind::kSecondMaintenance, {}, 9),
  };
  const auto months = [&](const std::string& store, const std::string& model) {
    return Resolve(rules, store, ReminderKind::kFirstMaintenance, model).interval_months;
  };
  EXPECT_EQ(months("S001", "星途揽月"), 6);  // store + model
  EXPECT_EQ(months("S001", "瑶光"), 5);      // store beats group + model
  EXPECT_EQ(months("S001", ""), 5);          // store
  EXPECT_EQ(months("S002", "瑶光"), 7);      // group + model
  EXPECT_EQ(months("S002", "星途揽月"), 4);  // group: another store's model rule does not apply
  EXPECT_EQ(months("S003", ""), 4);
}

TEST(RuleResolution, DefaultWhenNothingMatches) {
  const std::vector<Rule> rules = {StoreRule("S002", ReminderKind::kFirstMaintenance, {}, 9)};
  const Rule resolved = Resolve(rules, "S001", ReminderKind::kFirstMaintenance, "");
  EXPECT_EQ(resolved.interval_months, 3);
  EXPECT_EQ(resolved.rule_id, GroupRuleId(ReminderKind::kFirstMaintenance));
}

TEST(RuleResolution, DisabledStoreRuleStillGoverns) {
  Rule off = StoreRule("S001", ReminderKind::kWarrantyExpiry, {}, 36);
  off.enabled = false;
  EXPECT_FALSE(Resolve({off}, "S001", ReminderKind::kWarrantyExpiry, "").enabled);
  EXPECT_TRUE(Resolve({off}, "S002", ReminderKind::kWarrantyExpiry, "").enabled);
}

// --- validation ---

void ExpectInvalid(const Rule& rule, const std::string& field, const std::string& reason_part) {
  const Status status = Validate(rule, QuietHours{});
  ASSERT_FALSE(status.ok()) << field;
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.error().field, field);
  EXPECT_NE(status.error().message.find(reason_part), std::string::npos) << status.error().message;
}

TEST(RuleValidation, LeadTimesMustBePositiveSaneAndDescending) {
  Rule rule = DefaultRule(ReminderKind::kInsuranceRenewal);
  rule.lead_days = {30, -1};
  ExpectInvalid(rule, "rule.lead_days", "got -1");
  rule.lead_days = {0};
  ExpectInvalid(rule, "rule.lead_days", "got 0");
  rule.lead_days = {366};
  ExpectInvalid(rule, "rule.lead_days", "got 366");
  rule.lead_days = {7, 15};
  ExpectInvalid(rule, "rule.lead_days", "descending");
  rule.lead_days = {15, 15};
  ExpectInvalid(rule, "rule.lead_days", "without repeats");
  rule.lead_days = {365, 1};
  EXPECT_TRUE(Validate(rule, QuietHours{}).ok());
}

TEST(RuleValidation, FireTimeOutsideQuietHours) {
  Rule rule = DefaultRule(ReminderKind::kBirthday);
  rule.fire_time = TimeOfDay{21 * 60};
  ExpectInvalid(rule, "rule.fire_time", "quiet hours 21:00–08:00");
  rule.fire_time = TimeOfDay{7 * 60 + 59};
  ExpectInvalid(rule, "rule.fire_time", "quiet hours");
  rule.fire_time = TimeOfDay{8 * 60};
  EXPECT_TRUE(Validate(rule, QuietHours{}).ok());
  rule.fire_time = TimeOfDay{20 * 60 + 59};
  EXPECT_TRUE(Validate(rule, QuietHours{}).ok());
}

TEST(RuleValidation, QuietHoursThatDoNotWrapMidnight) {
  const QuietHours siesta{TimeOfDay{12 * 60}, TimeOfDay{14 * 60}};
  EXPECT_TRUE(siesta.Contains(TimeOfDay{13 * 60}));
  EXPECT_FALSE(siesta.Contains(TimeOfDay{14 * 60}));
  EXPECT_FALSE(siesta.Contains(TimeOfDay{9 * 60}));
  EXPECT_FALSE((QuietHours{TimeOfDay{0}, TimeOfDay{0}}).Contains(TimeOfDay{0}));
}

TEST(RuleValidation, IntervalNeededForMaintenanceAndWarranty) {
  Rule rule = DefaultRule(ReminderKind::kRegularMaintenance);
  rule.interval_months = 0;
  rule.interval_km = 0;
  ExpectInvalid(rule, "rule.interval_months", "needs an interval");
  rule.interval_km = 5000;  // mileage alone is an interval
  EXPECT_TRUE(Validate(rule, QuietHours{}).ok());
  Rule warranty = DefaultRule(ReminderKind::kWarrantyExpiry);
  warranty.interval_months = 0;
  warranty.interval_km = 0;
  ExpectInvalid(warranty, "rule.interval_months", "needs an interval");
  Rule renewal = DefaultRule(ReminderKind::kInsuranceRenewal);  // anchored on the policy end: none needed
  EXPECT_TRUE(Validate(renewal, QuietHours{}).ok());
}

TEST(RuleValidation, AbsurdIntervalsAndWindows) {
  Rule rule = DefaultRule(ReminderKind::kFirstMaintenance);
  rule.interval_months = -3;
  ExpectInvalid(rule, "rule.interval_months", "got -3");
  rule = DefaultRule(ReminderKind::kFirstMaintenance);
  rule.interval_km = 2'000'000;
  ExpectInvalid(rule, "rule.interval_km", "got 2000000");
  rule = DefaultRule(ReminderKind::kFirstMaintenance);
  rule.follow_up_days = -1;
  ExpectInvalid(rule, "rule.follow_up_days", "got -1");
  rule = DefaultRule(ReminderKind::kFirstMaintenance);
  rule.return_window_days = 0;
  ExpectInvalid(rule, "rule.return_window_days", "got 0");
}

TEST(RuleValidation, ModelListEntries) {
  Rule rule = DefaultRule(ReminderKind::kFirstMaintenance);
  rule.models = {"星途揽月", ""};
  ExpectInvalid(rule, "rule.models", "entry 2 is empty");
  rule.models = {"瑶光", "瑶光"};
  ExpectInvalid(rule, "rule.models", "listed twice");
}

TEST(RuleValidation, ChurnStageWords) {
  Rule rule = DefaultRule(ReminderKind::kFirstMaintenance);
  rule.excluded_churn_stages = {"long_lost", "gone"};
  ExpectInvalid(rule, "rule.excluded_churn_stages", "'gone'");
}

// --- lead times ---

TEST(LeadTimes, OneFiringPerLeadStillAheadAtFireTime) {
  Rule rule = DefaultRule(ReminderKind::kAnnualInspection);
  rule.lead_days = {30, 7};
  Reminder base;
  base.vehicle_id = "v1";
  base.kind = ReminderKind::kAnnualInspection;
  const PlanningMoment moment{Shanghai(), *ParseRfc3339("2027-04-20T00:00:00Z"), 14};
  const auto planned = PlanByLeadTimes(base, {2027, 6, 1}, rule, moment);
  ASSERT_EQ(planned.size(), 2U);
  EXPECT_EQ(FormatRfc3339(planned[0].due_at), "2027-05-02T02:00:00.000Z");
  EXPECT_EQ(planned[0].lead_days, 30);
  EXPECT_EQ(planned[0].rule_id, rule.rule_id);
  EXPECT_NE(planned[0].reminder_id, planned[1].reminder_id);
  // 2027-05-02 has passed at moment: only the 7-day firing stays.
  const PlanningMoment later{Shanghai(), *ParseRfc3339("2027-05-03T00:00:00Z"), 14};
  const auto rest = PlanByLeadTimes(base, {2027, 6, 1}, rule, later);
  ASSERT_EQ(rest.size(), 1U);
  EXPECT_EQ(rest[0].lead_days, 7);
  EXPECT_EQ(rest[0].reminder_id, planned[1].reminder_id);
}

TEST(LeadTimes, DueDateLongPastIsMissedNotSent) {
  const Rule rule = DefaultRule(ReminderKind::kAnnualInspection);
  Reminder base;
  base.vehicle_id = "v1";
  base.kind = ReminderKind::kAnnualInspection;
  const PlanningMoment moment{Shanghai(), *ParseRfc3339("2027-07-01T00:00:00Z"), 14};
  const auto late = PlanByLeadTimes(base, {2027, 6, 20}, rule, moment);  // within grace: at once
  ASSERT_EQ(late.size(), 1U);
  EXPECT_EQ(late[0].status, ReminderStatus::kScheduled);
  EXPECT_EQ(late[0].due_at, moment.now);
  const auto missed = PlanByLeadTimes(base, {2027, 6, 1}, rule, moment);
  ASSERT_EQ(missed.size(), 1U);
  EXPECT_EQ(missed[0].status, ReminderStatus::kMissed);
}

// --- warranty ---

TEST(Warranty, EndsByTimeWithoutMileageEstimate) {
  const WarrantyEnd end = WarrantyEndOf({2026, 3, 15}, DefaultRule(ReminderKind::kWarrantyExpiry), {});
  EXPECT_EQ(end.date, (Date{2029, 3, 15}));
  EXPECT_FALSE(end.by_mileage);
  EXPECT_EQ(end.km, 100000);
}

TEST(Warranty, EndsByMileageWhenTheEstimateComesFirst) {
  // 100 km/day from 0: 100,000 km after 1,000 days, before the 3 years (1,096 days).
  const std::vector<OdometerReading> readings = {{{2026, 1, 1}, 0}, {{2026, 4, 11}, 10000}};
  const WarrantyEnd end = WarrantyEndOf({2026, 1, 1}, DefaultRule(ReminderKind::kWarrantyExpiry), readings);
  EXPECT_TRUE(end.by_mileage);
  EXPECT_EQ(end.date, (Date{2028, 9, 27}));  // 2026-04-11 + 900 days
}

TEST(Warranty, TimeWinsForALightDriver) {
  // 20 km/day: 100,000 km would take 13 years; the 3 years come first.
  const std::vector<OdometerReading> readings = {{{2026, 1, 1}, 0}, {{2026, 2, 1}, 620}};
  const WarrantyEnd end = WarrantyEndOf({2026, 1, 1}, DefaultRule(ReminderKind::kWarrantyExpiry), readings);
  EXPECT_FALSE(end.by_mileage);
  EXPECT_EQ(end.date, (Date{2029, 1, 1}));
}

TEST(Warranty, KmOnlyRuleWithoutEstimateIsUnknown) {
  Rule rule = DefaultRule(ReminderKind::kWarrantyExpiry);
  rule.interval_months = 0;
  EXPECT_FALSE(WarrantyEndOf({2026, 1, 1}, rule, {}).date.IsValid());
  const PlanningMoment moment{Shanghai(), *ParseRfc3339("2026-01-02T00:00:00Z"), 14};
  EXPECT_TRUE(PlanWarrantyExpiry({"c", "v", "S001"}, {2026, 1, 1}, {}, rule, moment).empty());
}

TEST(Warranty, PlannedLeadDaysBeforeTheEnd) {
  const PlanningMoment moment{Shanghai(), *ParseRfc3339("2026-03-16T00:00:00Z"), 14};
  const auto planned =
      PlanWarrantyExpiry({"c", "v", "S001"}, {2026, 3, 15}, {}, DefaultRule(ReminderKind::kWarrantyExpiry), moment);
  ASSERT_EQ(planned.size(), 1U);
  EXPECT_EQ(planned[0].kind, ReminderKind::kWarrantyExpiry);
  EXPECT_EQ(planned[0].service_due_date, (Date{2029, 3, 15}));
  EXPECT_EQ(planned[0].service_due_km, 100000);
  EXPECT_EQ(FormatRfc3339(planned[0].due_at), "2029-02-13T02:00:00.000Z");  // 30 days before, 10:00
  Rule off = DefaultRule(ReminderKind::kWarrantyExpiry);
  off.enabled = false;
  EXPECT_TRUE(PlanWarrantyExpiry({"c", "v", "S001"}, {2026, 3, 15}, {}, off, moment).empty());
}

// --- inspection ---

TEST(Inspection, PrivateCarScheduleByYear) {
  const Date registered{2020, 5, 18};
  struct Expected {
    int step;
    Date date;
    bool on_site;
  };
  const std::vector<Expected> expected = {
      {0, {2022, 5, 18}, false},   // year 2: the mark only
      {1, {2024, 5, 18}, false},   // year 4
      {2, {2026, 5, 18}, true},    // year 6: on site
      {3, {2028, 5, 18}, false},   // year 8
      {4, {2030, 5, 18}, true},    // year 10: on site
      {5, {2031, 5, 18}, true},    // year 11: yearly from now on
      {9, {2035, 5, 18}, true},    // year 15
      {10, {2035, 11, 18}, true},  // 15½: every six months after 15 years
      {11, {2036, 5, 18}, true},   // year 16
      {12, {2036, 11, 18}, true},
  };
  for (const auto& e : expected) {
    const InspectionDue due = InspectionDueAtStep(registered, e.step);
    EXPECT_EQ(due.date, e.date) << e.step;
    EXPECT_EQ(due.on_site, e.on_site) << e.step;
  }
}

TEST(Inspection, NextAfterADate) {
  const Date registered{2020, 5, 18};
  EXPECT_EQ(NextInspectionAfter(registered, registered).date, (Date{2022, 5, 18}));
  EXPECT_EQ(NextInspectionAfter(registered, {2022, 5, 17}).date, (Date{2022, 5, 18}));
  EXPECT_EQ(NextInspectionAfter(registered, {2022, 5, 18}).date, (Date{2024, 5, 18}));
  EXPECT_EQ(NextInspectionAfter(registered, {2030, 6, 1}).date, (Date{2031, 5, 18}));
  EXPECT_EQ(NextInspectionAfter(registered, {2035, 6, 1}).date, (Date{2035, 11, 18}));
}

TEST(Inspection, PassedUpToThreeMonthsEarlyCountsFromTheOldDueDate) {
  const Date registered{2020, 5, 18};
  EXPECT_EQ(NextInspectionAfterPassing(registered, {2026, 3, 1}).date, (Date{2028, 5, 18}));  // 6th year, early
  EXPECT_EQ(NextInspectionAfterPassing(registered, {2026, 5, 18}).date, (Date{2028, 5, 18}));
  EXPECT_EQ(NextInspectionAfterPassing(registered, {2035, 3, 1}).date, (Date{2035, 11, 18}));  // year 15
}

TEST(Inspection, LeapDayRegistrationClampsToMonthEnd) {
  EXPECT_EQ(InspectionDueAtStep({2024, 2, 29}, 0).date, (Date{2026, 2, 28}));
  EXPECT_EQ(InspectionDueAtStep({2024, 2, 29}, 1).date, (Date{2028, 2, 29}));
}

TEST(Inspection, ImportedOldCarRemindsOfTheNextDueNotThePast) {
  // Registered 2016-03-01; on 2026-12-02 the 2026-03-01 due date is long past: next 2027-03-01.
  const PlanningMoment moment{Shanghai(), *ParseRfc3339("2026-12-02T02:00:00Z"), 14};
  const InspectionDue due = NextInspectionDue({2016, 3, 1}, moment);
  EXPECT_EQ(due.date, (Date{2027, 3, 1}));
  const auto planned = PlanInspection({"c", "v", "S001"}, due, DefaultRule(ReminderKind::kAnnualInspection), moment);
  ASSERT_EQ(planned.size(), 1U);
  EXPECT_EQ(planned[0].status, ReminderStatus::kScheduled);
  EXPECT_EQ(planned[0].service_due_date, (Date{2027, 3, 1}));
  EXPECT_EQ(FormatRfc3339(planned[0].due_at), "2027-01-30T02:00:00.000Z");
}

TEST(Inspection, DueWithinGraceIsStillReminded) {
  // Due 2026-11-25, seven days ago: inside the 14-day grace, reminded at once.
  const PlanningMoment moment{Shanghai(), *ParseRfc3339("2026-12-02T02:00:00Z"), 14};
  const InspectionDue due = NextInspectionDue({2016, 11, 25}, moment);
  EXPECT_EQ(due.date, (Date{2026, 11, 25}));
  const auto planned = PlanInspection({"c", "v", "S001"}, due, DefaultRule(ReminderKind::kAnnualInspection), moment);
  ASSERT_EQ(planned.size(), 1U);
  EXPECT_EQ(planned[0].due_at, moment.now);
}

}  // namespace
}  // namespace careloop::reminders::domain
