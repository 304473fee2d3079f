// The care rules of the reminders domain: appointments (booking checks, the day-before boundary,
// no-show, restoring the suppressed reminder), win-back (stage → action, age tactics) and
// birthday greetings planned year to year.
#include <gtest/gtest.h>

#include <string_view>

#include "services/reminders/domain/appointment.h"
#include "services/reminders/domain/chinese_calendar.h"
#include "services/reminders/domain/greetings.h"
#include "services/reminders/domain/win_back.h"

namespace careloop::reminders::domain {
namespace {

Instant At(std::string_view rfc3339) {
  return *ParseRfc3339(rfc3339);
}

const TimeZone& Shanghai() {
  static const TimeZone zone("Asia/Shanghai");
  return zone;
}

BookingRequest Request() {
  BookingRequest request;
  request.customer_id = "cus-1";
  request.vehicle_id = "veh-1";
  request.store_id = "S001";
  request.scheduled_at = At("2027-01-05T10:00:00+08:00");
  request.duration_minutes = 60;
  request.request_id = "req-1";
  return request;
}

const BookedVehicle kHers{"cus-1", "S001", false};

// --- appointments ---

TEST(AppointmentBooking, AValidBookingPasses) {
  EXPECT_TRUE(ValidateBooking(Request(), kHers, At("2027-01-01T09:00:00+08:00")).ok());
}

TEST(AppointmentBooking, EachBadInputNamesItsField) {
  const Instant now = At("2027-01-01T09:00:00+08:00");
  const auto field_of = [&](const BookingRequest& request, const BookedVehicle& vehicle) {
    const Status status = ValidateBooking(request, vehicle, now);
    return status.ok() ? std::string("ok") : status.error().field;
  };
  BookingRequest past = Request();
  past.scheduled_at = At("2026-12-31T10:00:00+08:00");
  EXPECT_EQ(field_of(past, kHers), "scheduled_at");
  BookingRequest at_now = Request();
  at_now.scheduled_at = now;
  EXPECT_EQ(field_of(at_now, kHers), "scheduled_at");
  BookingRequest no_duration = Request();
  no_duration.duration_minutes = 0;
  EXPECT_EQ(field_of(no_duration, kHers), "duration_minutes");
  BookingRequest too_long = Request();
  too_long.duration_minutes = kMaxAppointmentMinutes + 1;
  EXPECT_EQ(field_of(too_long, kHers), "duration_minutes");
  EXPECT_EQ(field_of(Request(), {"cus-2", "S001", false}), "vehicle_id");  // another customer's car
  EXPECT_EQ(field_of(Request(), {"", "S001", false}), "vehicle_id");       // not on record
  EXPECT_EQ(field_of(Request(), {"cus-1", "S001", true}), "vehicle_id");   // sold
  EXPECT_EQ(field_of(Request(), {"cus-1", "S002", false}), "store_id");    // another store's customer
  BookingRequest nameless = Request();
  nameless.customer_id.clear();
  EXPECT_EQ(field_of(nameless, kHers), "customer_id");
}

TEST(AppointmentBooking, TheSameRequestIdBooksTheSameAppointment) {
  const Instant now = At("2027-01-01T09:00:00+08:00");
  const Appointment a = MakeAppointment(Request(), Shanghai(), now, "apt-random-1");
  const Appointment b = MakeAppointment(Request(), Shanghai(), now, "apt-random-2");
  EXPECT_EQ(a.appointment_id, b.appointment_id);
  EXPECT_EQ(a.appointment_date, (Date{2027, 1, 5}));
  EXPECT_EQ(a.day_ends_at, At("2027-01-06T00:00:00+08:00"));
  BookingRequest no_key = Request();
  no_key.request_id.clear();
  EXPECT_EQ(MakeAppointment(no_key, Shanghai(), now, "apt-random-1").appointment_id, "apt-random-1");
}

TEST(AppointmentReminders, TheConfirmationIsDueAtOnce) {
  const Instant now = At("2027-01-01T22:30:00+08:00");
  const Appointment appointment = MakeAppointment(Request(), Shanghai(), now, "x");
  const Reminder confirmation = ConfirmationReminder(appointment, now);
  EXPECT_EQ(confirmation.kind, ReminderKind::kAppointmentConfirmation);
  EXPECT_EQ(confirmation.due_at, now);
  EXPECT_EQ(confirmation.appointment_id, appointment.appointment_id);
  EXPECT_EQ(confirmation.service_due_date, (Date{2027, 1, 5}));
}

TEST(AppointmentReminders, TheDayBeforeReminderOnlyWhileThatMomentIsAhead) {
  const TimeOfDay six_pm{18 * 60};
  const Appointment appointment = MakeAppointment(Request(), Shanghai(), At("2027-01-01T09:00:00+08:00"), "x");
  const auto ahead = DayBeforeReminder(appointment, six_pm, Shanghai(), At("2027-01-04T17:59:59+08:00"));
  ASSERT_TRUE(ahead.has_value());
  EXPECT_EQ(ahead->due_at, At("2027-01-04T18:00:00+08:00"));
  EXPECT_EQ(ahead->kind, ReminderKind::kAppointmentDayBefore);
  // Booked on the evening before, after the send time, or on the day itself: none.
  EXPECT_FALSE(DayBeforeReminder(appointment, six_pm, Shanghai(), At("2027-01-04T18:00:00+08:00")).has_value());
  EXPECT_FALSE(DayBeforeReminder(appointment, six_pm, Shanghai(), At("2027-01-05T08:00:00+08:00")).has_value());
}

TEST(AppointmentOutcome, AVisitOfThatCarOnItsDayFulfilsIt) {
  const Appointment appointment = MakeAppointment(Request(), Shanghai(), At("2027-01-01T09:00:00+08:00"), "x");
  EXPECT_TRUE(IsFulfilledBy(appointment, "veh-1", {2027, 1, 5}));
  EXPECT_FALSE(IsFulfilledBy(appointment, "veh-1", {2027, 1, 6}));
  EXPECT_FALSE(IsFulfilledBy(appointment, "veh-2", {2027, 1, 5}));
  Appointment cancelled = appointment;
  cancelled.status = AppointmentStatus::kCancelled;
  EXPECT_FALSE(IsFulfilledBy(cancelled, "veh-1", {2027, 1, 5}));
}

TEST(AppointmentOutcome, ANoShowIsKnownTheDayAfterAndFollowedUpByACall) {
  const Appointment appointment = MakeAppointment(Request(), Shanghai(), At("2027-01-01T09:00:00+08:00"), "x");
  EXPECT_FALSE(IsNoShow(appointment, {2027, 1, 5}));
  EXPECT_TRUE(IsNoShow(appointment, {2027, 1, 6}));
  const Reminder follow_up =
      NoShowFollowUp(appointment, TimeOfDay{10 * 60}, Shanghai(), At("2027-01-06T00:01:00+08:00"));
  EXPECT_EQ(follow_up.kind, ReminderKind::kAppointmentNoShow);
  EXPECT_EQ(follow_up.due_at, At("2027-01-06T10:00:00+08:00"));
  EXPECT_EQ(follow_up.channel_plan_id, kCallTaskPlan);
  // Found late (the service was down): at once, about today, never the day that passed.
  const Reminder late = NoShowFollowUp(appointment, TimeOfDay{10 * 60}, Shanghai(), At("2027-01-08T15:00:00+08:00"));
  EXPECT_EQ(late.due_at, At("2027-01-08T15:00:00+08:00"));
  EXPECT_EQ(late.service_due_date, (Date{2027, 1, 8}));
}

TEST(AppointmentCancel, TheSuppressedMaintenanceComesBackOnlyIfItsServiceIsAhead) {
  const Appointment appointment = MakeAppointment(Request(), Shanghai(), At("2027-01-01T09:00:00+08:00"), "x");
  Reminder suppressed;
  suppressed.reminder_id = "rem-regular";
  suppressed.kind = ReminderKind::kRegularMaintenance;
  suppressed.status = ReminderStatus::kCancelled;
  suppressed.service_due_date = {2027, 1, 10};
  suppressed.due_at = At("2027-01-03T10:00:00+08:00");
  const auto back = RestoredReminder(suppressed, appointment, {2027, 1, 2}, At("2027-01-02T12:00:00+08:00"));
  ASSERT_TRUE(back.has_value());
  EXPECT_NE(back->reminder_id, suppressed.reminder_id);
  EXPECT_EQ(back->status, ReminderStatus::kScheduled);
  EXPECT_EQ(back->due_at, suppressed.due_at);
  // Its moment passed: at once.
  EXPECT_EQ(RestoredReminder(suppressed, appointment, {2027, 1, 4}, At("2027-01-04T12:00:00+08:00"))->due_at,
            At("2027-01-04T12:00:00+08:00"));
  // Its service date passed: nothing about the past.
  EXPECT_FALSE(RestoredReminder(suppressed, appointment, {2027, 1, 11}, At("2027-01-11T12:00:00+08:00")).has_value());
  Reminder renewal = suppressed;
  renewal.kind = ReminderKind::kInsuranceRenewal;
  EXPECT_FALSE(RestoredReminder(renewal, appointment, {2027, 1, 2}, At("2027-01-02T12:00:00+08:00")).has_value());
}

// --- win-back ---

TEST(WinBack, EachWorseStageHasItsAction) {
  EXPECT_EQ(ActionFor(ChurnStage::kActive), WinBackAction::kNone);
  EXPECT_EQ(ActionFor(ChurnStage::kAtRisk), WinBackAction::kCareMessage);
  EXPECT_EQ(ActionFor(ChurnStage::kLapsing), WinBackAction::kAdvisorCall);
  EXPECT_EQ(ActionFor(ChurnStage::kLost), WinBackAction::kOffer);
  EXPECT_EQ(ActionFor(ChurnStage::kLongLost), WinBackAction::kLeaveRoutine);
  EXPECT_TRUE(IsWorse(ChurnStage::kActive, ChurnStage::kAtRisk));
  EXPECT_TRUE(IsWorse(ChurnStage::kAtRisk, ChurnStage::kLost));
  EXPECT_TRUE(IsWorse(ChurnStage::kUnknown, ChurnStage::kLapsing));
  EXPECT_FALSE(IsWorse(ChurnStage::kLost, ChurnStage::kActive));
  EXPECT_FALSE(IsWorse(ChurnStage::kLapsing, ChurnStage::kLapsing));
}

TEST(WinBack, TheOfferFollowsTheAgeOfTheCar) {
  const Date today{2027, 6, 1};
  EXPECT_EQ(AgeBandOf({2026, 6, 2}, today), VehicleAgeBand::kNew);
  EXPECT_EQ(AgeBandOf({2026, 6, 1}, today), VehicleAgeBand::kMiddle);  // one year to the day
  EXPECT_EQ(AgeBandOf({2024, 6, 2}, today), VehicleAgeBand::kMiddle);
  EXPECT_EQ(AgeBandOf({2024, 6, 1}, today), VehicleAgeBand::kOld);  // three years to the day
  EXPECT_EQ(AgeBandOf({}, today), VehicleAgeBand::kOld);
  EXPECT_EQ(WinBackTemplate(ChurnStage::kLost, VehicleAgeBand::kNew), "win_back_lost_new");
  EXPECT_EQ(WinBackTemplate(ChurnStage::kLost, VehicleAgeBand::kMiddle), "win_back_lost_middle");
  EXPECT_EQ(WinBackTemplate(ChurnStage::kLost, VehicleAgeBand::kOld), "win_back_lost_old");
  EXPECT_EQ(WinBackTemplate(ChurnStage::kAtRisk, VehicleAgeBand::kOld), "win_back_at_risk");
  EXPECT_EQ(WinBackTemplate(ChurnStage::kLapsing, VehicleAgeBand::kNew), "win_back_lapsing");
}

TEST(WinBack, APlannedActionIsOnePerStageAndLapse) {
  const PlanningMoment moment{Shanghai(), At("2027-06-01T08:00:00+08:00")};
  WinBackFacts facts{"cus-1", "S001", "veh-1", "sa-7", {2025, 3, 1}, ChurnStage::kLapsing, {2026, 8, 20}};
  const auto call = PlanWinBack(facts, TimeOfDay{10 * 60}, moment);
  ASSERT_TRUE(call.has_value());
  EXPECT_EQ(call->kind, ReminderKind::kWinBack);
  EXPECT_EQ(call->due_at, At("2027-06-01T10:00:00+08:00"));
  EXPECT_EQ(call->channel_plan_id, "call_task");
  EXPECT_EQ(call->template_id, "win_back_lapsing");
  EXPECT_EQ(PlanWinBack(facts, TimeOfDay{10 * 60}, moment)->reminder_id, call->reminder_id);
  WinBackFacts next_lapse = facts;
  next_lapse.last_visit_date = {2027, 1, 3};
  EXPECT_NE(PlanWinBack(next_lapse, TimeOfDay{10 * 60}, moment)->reminder_id, call->reminder_id);
  WinBackFacts lost = facts;
  lost.stage = ChurnStage::kLost;
  EXPECT_EQ(PlanWinBack(lost, TimeOfDay{10 * 60}, moment)->template_id, "win_back_lost_middle");
  EXPECT_TRUE(PlanWinBack(lost, TimeOfDay{10 * 60}, moment)->channel_plan_id.empty());
  // After the send time: at once, never back-dated.
  const PlanningMoment afternoon{Shanghai(), At("2027-06-01T15:00:00+08:00")};
  EXPECT_EQ(PlanWinBack(facts, TimeOfDay{10 * 60}, afternoon)->due_at, afternoon.now);
  WinBackFacts long_lost = facts;
  long_lost.stage = ChurnStage::kLongLost;
  EXPECT_FALSE(PlanWinBack(long_lost, TimeOfDay{10 * 60}, moment).has_value());
}

TEST(WinBack, LongLostCustomersLeaveRoutineCareOnly) {
  EXPECT_TRUE(IsRoutineCare(ReminderKind::kRegularMaintenance));
  EXPECT_TRUE(IsRoutineCare(ReminderKind::kBirthday));
  EXPECT_TRUE(IsRoutineCare(ReminderKind::kInsuranceRenewal));
  EXPECT_FALSE(IsRoutineCare(ReminderKind::kWinBack));
  EXPECT_FALSE(IsRoutineCare(ReminderKind::kCampaign));
  EXPECT_FALSE(IsRoutineCare(ReminderKind::kAppointmentConfirmation));
}

// --- birthday greetings ---

GreetingFacts Customer(Birthday birthday) {
  return {"cus-1", "S001", birthday};
}

TEST(BirthdayPlanning, TheNextGreetingAtTheFireTimeThenYearAfterYear) {
  const TimeOfDay nine{9 * 60};
  const PlanningMoment moment{Shanghai(), At("2027-03-01T12:00:00+08:00")};
  const auto first = PlanBirthdayGreeting(Customer({{1985, 6, 7}}), nine, moment, "3");
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->kind, ReminderKind::kBirthday);
  EXPECT_EQ(first->due_at, At("2027-06-07T09:00:00+08:00"));
  EXPECT_TRUE(first->vehicle_id.empty());
  EXPECT_EQ(first->template_id, "birthday");
  EXPECT_EQ(PlanBirthdayGreeting(Customer({{1985, 6, 7}}), nine, moment, "3")->reminder_id, first->reminder_id);
  // It fired: next year's, then the year after.
  const PlanningMoment that_day{Shanghai(), At("2027-06-07T09:00:01+08:00")};
  const auto second = PlanNextBirthdayGreeting(*first, {{1985, 6, 7}}, nine, that_day);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->service_due_date, (Date{2028, 6, 7}));
  EXPECT_NE(second->reminder_id, first->reminder_id);
  EXPECT_EQ(PlanNextBirthdayGreeting(*second, {{1985, 6, 7}}, nine, that_day)->service_due_date, (Date{2029, 6, 7}));
}

TEST(BirthdayPlanning, TodaysGreetingAfterItsTimeWaitsForNextYear) {
  const PlanningMoment late{Shanghai(), At("2027-06-07T09:30:00+08:00")};
  EXPECT_EQ(PlanBirthdayGreeting(Customer({{1985, 6, 7}}), TimeOfDay{9 * 60}, late, "1")->service_due_date,
            (Date{2028, 6, 7}));
  const PlanningMoment early{Shanghai(), At("2027-06-07T08:30:00+08:00")};
  EXPECT_EQ(PlanBirthdayGreeting(Customer({{1985, 6, 7}}), TimeOfDay{9 * 60}, early, "1")->service_due_date,
            (Date{2027, 6, 7}));
}

TEST(BirthdayPlanning, TwentyNinthOfFebruaryAcrossLeapAndCommonYears) {
  const TimeOfDay nine{9 * 60};
  const PlanningMoment moment{Shanghai(), At("2027-01-01T12:00:00+08:00")};
  const auto common = PlanBirthdayGreeting(Customer({{2000, 2, 29}}), nine, moment, "1");
  EXPECT_EQ(common->service_due_date, (Date{2027, 2, 28}));
  const PlanningMoment after{Shanghai(), At("2027-02-28T10:00:00+08:00")};
  const auto leap = PlanNextBirthdayGreeting(*common, {{2000, 2, 29}}, nine, after);
  EXPECT_EQ(leap->service_due_date, (Date{2028, 2, 29}));
  EXPECT_EQ(PlanNextBirthdayGreeting(*leap, {{2000, 2, 29}}, nine, after)->service_due_date, (Date{2029, 2, 28}));
}

TEST(BirthdayPlanning, LunarBirthdaysFollowTheLunarCalendarEachYear) {
  const TimeOfDay nine{9 * 60};
  const Birthday mid_autumn{{1990, 8, 15}, true, false};
  const PlanningMoment moment{Shanghai(), At("2027-01-01T12:00:00+08:00")};
  const auto first = PlanBirthdayGreeting(Customer(mid_autumn), nine, moment, "1");
  EXPECT_EQ(first->service_due_date, (Date{2027, 9, 15}));
  EXPECT_EQ(first->template_id, "birthday_lunar");
  const PlanningMoment after{Shanghai(), At("2027-09-15T10:00:00+08:00")};
  const auto second = PlanNextBirthdayGreeting(*first, mid_autumn, nine, after);
  EXPECT_EQ(second->service_due_date, HolidayDate(Holiday::kMidAutumn, 2028));
  // 12th lunar month: the greeting after January's falls in the same solar year, and is planned.
  const Birthday late_winter{{1990, 12, 20}, true, false};
  const PlanningMoment january{Shanghai(), At("2027-01-02T12:00:00+08:00")};
  const auto this_winter = PlanBirthdayGreeting(Customer(late_winter), nine, january, "1");
  EXPECT_EQ(this_winter->service_due_date, LunarToSolar(2026, 12, 20, false));
  const auto next_winter =
      PlanNextBirthdayGreeting(*this_winter, late_winter, nine, {Shanghai(), this_winter->due_at + Millis{1}});
  EXPECT_EQ(next_winter->service_due_date, LunarToSolar(2027, 12, 20, false));
  EXPECT_EQ(next_winter->service_due_date.year, 2028);
  EXPECT_NE(next_winter->reminder_id, this_winter->reminder_id);
}

TEST(BirthdayPlanning, AnImpossibleOrMissingBirthdayPlansNothing) {
  const PlanningMoment moment{Shanghai(), At("2027-01-01T12:00:00+08:00")};
  EXPECT_FALSE(PlanBirthdayGreeting(Customer({{1990, 13, 1}, true, false}), TimeOfDay{9 * 60}, moment, "1"));
  EXPECT_FALSE(PlanBirthdayGreeting(Customer({{1990, 2, 30}, false, false}), TimeOfDay{9 * 60}, moment, "1"));
  EXPECT_FALSE(PlanBirthdayGreeting({"cus-1", "S001", std::nullopt}, TimeOfDay{9 * 60}, moment, "1"));
}

}  // namespace
}  // namespace careloop::reminders::domain
