// The care use cases of the reminders service — appointments, birthday greetings, win-back — over
// the in-memory fakes of their ports (tests/fakes/reminders_care_fakes.h) and a manual clock.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/app/appointments_app.h"
#include "services/reminders/app/greetings_app.h"
#include "services/reminders/app/win_back_app.h"
#include "tests/fakes/reminders_care_fakes.h"
#include "tests/fakes/reminders_rule_fakes.h"

namespace careloop::reminders::app {
namespace {

using careloop::testing::IdsOf;
using domain::AppointmentStatus;
using domain::ReminderKind;
using domain::ReminderStatus;

Instant At(std::string_view rfc3339) {
  return *ParseRfc3339(rfc3339);
}

class CareAppTest : public ::testing::Test {
 protected:
  CareAppTest()
      : clock_(At("2027-01-01T09:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"},
                 {"S002", "星途汽车上海店", "星途汽车上海店", "Asia/Shanghai", "021-5556666"}}),
        appointments_(appointment_store_, reminders_, customers_, rules_, clock_, stores_),
        greetings_(reminders_, customers_, rules_, clock_, stores_),
        win_back_(reminders_, customers_, rules_, clock_, stores_) {
    CustomerProfile her;
    her.customer_id = "cus-1";
    her.store_id = "S001";
    her.revision = 4;
    her.churn_stage = domain::ChurnStage::kActive;
    her.vehicles = {{"veh-1", "cus-1", "sa-7", "Passat", {2025, 3, 1}, {2025, 2, 20}, false},
                    {"veh-old", "cus-1", "sa-2", "Bora", {2016, 5, 1}, {2016, 4, 1}, true}};
    customers_.profiles["cus-1"] = her;
    CustomerProfile him = her;
    him.customer_id = "cus-2";
    him.vehicles = {{"veh-2", "cus-2", "sa-7", "Golf", {2020, 1, 1}, {}, false}};
    customers_.profiles["cus-2"] = him;
  }

  domain::BookingRequest Booking(std::string request_id = "req-1") {
    domain::BookingRequest request;
    request.customer_id = "cus-1";
    request.vehicle_id = "veh-1";
    request.store_id = "S001";
    request.scheduled_at = At("2027-01-05T10:00:00+08:00");
    request.duration_minutes = 60;
    request.request_id = std::move(request_id);
    return request;
  }

  // The vehicle's open regular maintenance reminder (as the maintenance use cases plan it).
  domain::Reminder Maintenance(Date service_due, std::string id = "rem-regular-1") {
    domain::Reminder reminder;
    reminder.reminder_id = std::move(id);
    reminder.customer_id = "cus-1";
    reminder.vehicle_id = "veh-1";
    reminder.store_id = "S001";
    reminder.kind = ReminderKind::kRegularMaintenance;
    reminder.service_due_date = service_due;
    reminder.due_at = Shanghai().At(service_due.PlusDays(-7), TimeOfDay{10 * 60});
    reminders_.Schedule(reminder);
    return reminder;
  }

  domain::Appointment Booked(const domain::BookingRequest& request) {
    auto booked = appointments_.Book(staff_, request);
    EXPECT_TRUE(booked.ok()) << (booked.ok() ? "" : booked.error().message);
    return booked.value();
  }

  const TimeZone& Shanghai() { return stores_.ZoneOf("S001"); }
  std::string ConfirmationOf(const std::string& id) {
    return domain::AppointmentReminderId(id, ReminderKind::kAppointmentConfirmation);
  }
  std::string DayBeforeOf(const std::string& id) {
    return domain::AppointmentReminderId(id, ReminderKind::kAppointmentDayBefore);
  }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  careloop::testing::FakeCareReminders reminders_;
  careloop::testing::FakeAppointments appointment_store_{reminders_};
  careloop::testing::FakeCustomerProfiles customers_;
  careloop::testing::FakeRuleBook rules_;  // no rules stored: every kind's built-in default
  AppointmentsApp appointments_;
  GreetingsApp greetings_;
  WinBackApp win_back_;
  auth::Principal staff_{"sa-7", auth::Role::kAdvisor, {"S001"}, false};
};

// --- appointments ---

TEST_F(CareAppTest, BookingConfirmsAtOnceRemindsTheDayBeforeAndSuppressesTheMaintenanceReminder) {
  const domain::Reminder maintenance = Maintenance({2027, 1, 10});
  const domain::Appointment booked = Booked(Booking());
  EXPECT_EQ(booked.status, AppointmentStatus::kBooked);
  EXPECT_EQ(booked.answered_reminder_id, maintenance.reminder_id);
  EXPECT_EQ(reminders_.Find(maintenance.reminder_id)->status, ReminderStatus::kCancelled);
  EXPECT_EQ(reminders_.Find(maintenance.reminder_id)->reason, "cancelled: appointment booked");
  const auto confirmation = reminders_.Find(ConfirmationOf(booked.appointment_id));
  ASSERT_TRUE(confirmation.has_value());
  EXPECT_EQ(confirmation->due_at, clock_.Now());
  const auto day_before = reminders_.Find(DayBeforeOf(booked.appointment_id));
  ASSERT_TRUE(day_before.has_value());
  EXPECT_EQ(day_before->due_at, At("2027-01-04T18:00:00+08:00"));
  EXPECT_EQ(IdsOf(reminders_.published, "AppointmentBooked"), std::vector<std::string>{booked.appointment_id});
}

TEST_F(CareAppTest, AReplayedBookingRequestBooksOnceAndConfirmsOnce) {
  const domain::Appointment first = Booked(Booking("req-9"));
  clock_.Advance(Millis{3'600'000});
  const domain::Appointment again = Booked(Booking("req-9"));
  EXPECT_EQ(again.appointment_id, first.appointment_id);
  EXPECT_EQ(IdsOf(reminders_.published, "AppointmentBooked").size(), 1u);
  EXPECT_EQ(IdsOf(reminders_.published, "ReminderScheduled"),
            (std::vector<std::string>{ConfirmationOf(first.appointment_id), DayBeforeOf(first.appointment_id)}));
  // Another request id is another appointment.
  EXPECT_NE(Booked(Booking("req-10")).appointment_id, first.appointment_id);
}

TEST_F(CareAppTest, BadBookingsNameTheFieldAndStoreNothing) {
  const auto field_of = [&](const domain::BookingRequest& request) {
    auto result = appointments_.Book(staff_, request);
    return result.ok() ? std::string("ok") : result.error().field;
  };
  domain::BookingRequest unknown_car = Booking();
  unknown_car.vehicle_id = "veh-2";  // his, not hers
  EXPECT_EQ(field_of(unknown_car), "vehicle_id");
  domain::BookingRequest sold = Booking();
  sold.vehicle_id = "veh-old";
  EXPECT_EQ(field_of(sold), "vehicle_id");
  domain::BookingRequest stranger = Booking();
  stranger.customer_id = "cus-404";
  EXPECT_EQ(field_of(stranger), "customer_id");
  domain::BookingRequest past = Booking();
  past.scheduled_at = At("2026-12-31T10:00:00+08:00");
  EXPECT_EQ(field_of(past), "scheduled_at");
  domain::BookingRequest no_time = Booking();
  no_time.duration_minutes = 0;
  EXPECT_EQ(field_of(no_time), "duration_minutes");
  domain::BookingRequest elsewhere = Booking();
  elsewhere.store_id = "S002";  // her home store is S001
  const auth::Principal group_admin{"admin", auth::Role::kAdmin, {}, true};
  auto other_store = appointments_.Book(group_admin, elsewhere);
  ASSERT_FALSE(other_store.ok());
  EXPECT_EQ(other_store.error().field, "store_id");
  domain::BookingRequest bad_answer = Booking();
  bad_answer.answered_reminder_id = "rem-nope";
  EXPECT_EQ(field_of(bad_answer), "answered_reminder_id");
  EXPECT_TRUE(reminders_.published.empty());
  auto listed = appointments_.List(staff_, {"cus-1", "", std::nullopt, std::nullopt, std::nullopt});
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
}

TEST_F(CareAppTest, AnotherStoresStaffMayNotBook) {
  const auth::Principal other{"sa-9", auth::Role::kAdvisor, {"S002"}, false};
  auto result = appointments_.Book(other, Booking());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kPermissionDenied);
}

TEST_F(CareAppTest, TheCustomersServiceDownIsRetryableNotABadBooking) {
  customers_.unavailable = true;
  auto result = appointments_.Book(staff_, Booking());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
}

TEST_F(CareAppTest, AVisitOnTheDayFulfilsItAndCancelsTheDayBeforeReminderIfPending) {
  const domain::Appointment booked = Booked(Booking());
  appointments_.OnVisitRecorded("veh-1", "vis-1", {2027, 1, 4});  // the day before: not this one
  EXPECT_EQ(appointment_store_.Find(booked.appointment_id)->status, AppointmentStatus::kBooked);
  appointments_.OnVisitRecorded("veh-1", "vis-2", {2027, 1, 5});
  const auto fulfilled = appointment_store_.Find(booked.appointment_id);
  EXPECT_EQ(fulfilled->status, AppointmentStatus::kFulfilled);
  EXPECT_EQ(fulfilled->fulfilled_by_visit_id, "vis-2");
  EXPECT_EQ(reminders_.Find(DayBeforeOf(booked.appointment_id))->status, ReminderStatus::kCancelled);
  appointments_.OnVisitRecorded("veh-1", "vis-2", {2027, 1, 5});  // a replay
  EXPECT_EQ(IdsOf(reminders_.published, "AppointmentFulfilled").size(), 1u);
  // Fulfilled: no no-show the day after.
  clock_.Set(At("2027-01-06T00:30:00+08:00"));
  EXPECT_EQ(appointments_.SweepNoShows(), 0);
}

TEST_F(CareAppTest, ANoShowIsMarkedTheDayAfterWithAFollowUpCall) {
  const domain::Appointment booked = Booked(Booking());
  clock_.Set(At("2027-01-05T23:59:00+08:00"));
  EXPECT_EQ(appointments_.SweepNoShows(), 0);  // still its day
  clock_.Set(At("2027-01-06T00:00:00+08:00"));
  EXPECT_EQ(appointments_.SweepNoShows(), 1);
  EXPECT_EQ(appointment_store_.Find(booked.appointment_id)->status, AppointmentStatus::kNoShow);
  const auto follow_up =
      reminders_.Find(domain::AppointmentReminderId(booked.appointment_id, ReminderKind::kAppointmentNoShow));
  ASSERT_TRUE(follow_up.has_value());
  EXPECT_EQ(follow_up->due_at, At("2027-01-06T10:00:00+08:00"));
  EXPECT_EQ(follow_up->channel_plan_id, "call_task");
  // A confirmation that never went out (the service was down) must not name the passed day.
  EXPECT_EQ(reminders_.Find(ConfirmationOf(booked.appointment_id))->status, ReminderStatus::kCancelled);
  EXPECT_EQ(appointments_.SweepNoShows(), 0);  // once
  EXPECT_EQ(IdsOf(reminders_.published, "AppointmentNoShow").size(), 1u);
}

TEST_F(CareAppTest, CancellingCancelsItsRemindersAndRestoresTheMaintenanceReminderStillAhead) {
  const domain::Reminder maintenance = Maintenance({2027, 1, 10});
  const domain::Appointment booked = Booked(Booking());
  reminders_.MarkDue(ConfirmationOf(booked.appointment_id));  // the confirmation went out
  auto cancelled = appointments_.Cancel(staff_, booked.appointment_id, "customer travelling");
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->status, AppointmentStatus::kCancelled);
  EXPECT_EQ(cancelled->cancel_reason, "customer travelling");
  EXPECT_EQ(reminders_.Find(DayBeforeOf(booked.appointment_id))->status, ReminderStatus::kCancelled);
  const auto back = reminders_.Open("cus-1", ReminderKind::kRegularMaintenance);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_NE(back[0].reminder_id, maintenance.reminder_id);
  EXPECT_EQ(back[0].service_due_date, maintenance.service_due_date);
  EXPECT_EQ(back[0].due_at, maintenance.due_at);
  // A replay changes nothing.
  ASSERT_TRUE(appointments_.Cancel(staff_, booked.appointment_id, "customer travelling").ok());
  EXPECT_EQ(IdsOf(reminders_.published, "AppointmentCancelled").size(), 1u);
  EXPECT_EQ(reminders_.Open("cus-1", ReminderKind::kRegularMaintenance).size(), 1u);
}

TEST_F(CareAppTest, AMaintenanceWhoseServiceDatePassedIsNotRestored) {
  Maintenance({2027, 1, 10});
  const domain::Appointment booked = Booked(Booking());
  clock_.Set(At("2027-01-11T09:00:00+08:00"));
  ASSERT_TRUE(appointments_.Cancel(staff_, booked.appointment_id, "rebooked by phone").ok());
  EXPECT_TRUE(reminders_.Open("cus-1", ReminderKind::kRegularMaintenance).empty());
}

TEST_F(CareAppTest, CancelNeedsAReasonAndABookedAppointment) {
  const domain::Appointment booked = Booked(Booking());
  EXPECT_EQ(appointments_.Cancel(staff_, booked.appointment_id, "").error().field, "reason");
  EXPECT_EQ(appointments_.Cancel(staff_, "apt-nope", "x").error().code, ErrorCode::kNotFound);
  appointments_.OnVisitRecorded("veh-1", "vis-2", {2027, 1, 5});
  EXPECT_EQ(appointments_.Cancel(staff_, booked.appointment_id, "x").error().code, ErrorCode::kFailedPrecondition);
}

TEST_F(CareAppTest, ListingFiltersByStatusAndDatesSoonestFirst) {
  domain::BookingRequest later = Booking("req-later");
  later.scheduled_at = At("2027-02-01T09:00:00+08:00");
  const domain::Appointment second = Booked(later);
  const domain::Appointment first = Booked(Booking("req-sooner"));
  auto all = appointments_.List(staff_, {"", "S001", std::nullopt, std::nullopt, std::nullopt});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].appointment_id, first.appointment_id);
  EXPECT_EQ((*all)[1].appointment_id, second.appointment_id);
  auto january = appointments_.List(staff_, {"cus-1", "", std::nullopt, Date{2027, 1, 1}, Date{2027, 1, 31}});
  ASSERT_EQ(january->size(), 1u);
  EXPECT_EQ((*january)[0].appointment_id, first.appointment_id);
  ASSERT_TRUE(appointments_.Cancel(staff_, second.appointment_id, "x").ok());
  auto cancelled = appointments_.List(staff_, {"", "S001", AppointmentStatus::kCancelled, std::nullopt, std::nullopt});
  ASSERT_EQ(cancelled->size(), 1u);
  EXPECT_EQ((*cancelled)[0].appointment_id, second.appointment_id);
  EXPECT_EQ(appointments_.List(staff_, {"", "S001", std::nullopt, Date{2027, 2, 1}, Date{2027, 1, 1}}).error().field,
            "dates");
}

TEST_F(CareAppTest, OnlyAnOpenReminderIsSuppressedAndOnlyWhatABookingSuppressedComesBack) {
  const domain::Reminder maintenance = Maintenance({2027, 1, 10});
  const domain::Appointment first = Booked(Booking("req-a"));
  EXPECT_EQ(first.answered_reminder_id, maintenance.reminder_id);
  // A second booking naming the same (now cancelled) reminder suppresses nothing.
  domain::BookingRequest second_request = Booking("req-b");
  second_request.answered_reminder_id = maintenance.reminder_id;
  const domain::Appointment second = Booked(second_request);
  EXPECT_TRUE(second.answered_reminder_id.empty());
  ASSERT_TRUE(appointments_.Cancel(staff_, second.appointment_id, "double booking").ok());
  EXPECT_TRUE(reminders_.Open("cus-1", ReminderKind::kRegularMaintenance).empty());
  // The booking that suppressed it brings it back when cancelled.
  ASSERT_TRUE(appointments_.Cancel(staff_, first.appointment_id, "x").ok());
  const auto open = reminders_.Open("cus-1", ReminderKind::kRegularMaintenance);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].service_due_date, maintenance.service_due_date);
}

TEST_F(CareAppTest, AReminderCancelledForAnotherReasonIsNotBroughtBack) {
  const domain::Reminder maintenance = Maintenance({2027, 1, 10});
  const domain::Appointment booked = Booked(Booking());
  // Meanwhile the record says otherwise (as if the car was sold): not the booking's to restore.
  domain::Reminder sold = *reminders_.Find(maintenance.reminder_id);
  sold.reminder_id = "rem-regular-sold";
  sold.status = ReminderStatus::kScheduled;
  reminders_.Schedule(sold);
  reminders_.Close({sold.reminder_id}, ReminderStatus::kCancelled, "vehicle sold");
  domain::BookingRequest naming = Booking("req-sold");
  naming.answered_reminder_id = sold.reminder_id;
  const domain::Appointment other = Booked(naming);
  EXPECT_TRUE(other.answered_reminder_id.empty());
  ASSERT_TRUE(appointments_.Cancel(staff_, other.appointment_id, "x").ok());
  EXPECT_TRUE(reminders_.Open("cus-1", ReminderKind::kRegularMaintenance).empty());
  EXPECT_EQ(booked.answered_reminder_id, maintenance.reminder_id);
}

// --- birthday greetings ---

TEST_F(CareAppTest, ABirthdayOnRecordPlansOneGreetingAndAReplayNone) {
  customers_.profiles["cus-1"].birthday = domain::Birthday{{1985, 6, 7}, false, false};
  ASSERT_TRUE(greetings_.OnCustomerChanged("cus-1").ok());
  ASSERT_TRUE(greetings_.OnCustomerChanged("cus-1").ok());
  const auto pending = reminders_.Open("cus-1", ReminderKind::kBirthday);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].due_at, At("2027-06-07T09:00:00+08:00"));
  EXPECT_EQ(IdsOf(reminders_.published, "ReminderScheduled").size(), 1u);
}

TEST_F(CareAppTest, TheStoresRulesSetWhenGreetingsAndWinBackGoOrThatTheyDoNot) {
  domain::Rule birthday = domain::DefaultRule(ReminderKind::kBirthday);
  birthday.store_id = "S001";
  birthday.fire_time = TimeOfDay{8 * 60 + 30};
  rules_.Put(birthday);
  customers_.profiles["cus-1"].birthday = domain::Birthday{{1985, 6, 7}, false, false};
  ASSERT_TRUE(greetings_.OnCustomerChanged("cus-1").ok());
  auto pending = reminders_.Open("cus-1", ReminderKind::kBirthday);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].due_at, At("2027-06-07T08:30:00+08:00"));

  birthday.enabled = false;  // the store stops birthday greetings: the pending one goes too
  rules_.Put(birthday);
  ASSERT_TRUE(greetings_.OnCustomerChanged("cus-1").ok());
  EXPECT_TRUE(reminders_.Open("cus-1", ReminderKind::kBirthday).empty());

  domain::Rule win_back = domain::DefaultRule(ReminderKind::kWinBack);
  win_back.store_id = "S001";
  win_back.enabled = false;
  rules_.Put(win_back);
  ASSERT_TRUE(
      win_back_
          .OnStageChanged({"cus-1", "S001", domain::ChurnStage::kActive, domain::ChurnStage::kAtRisk, {2026, 6, 1}})
          .ok());
  EXPECT_TRUE(reminders_.Open("cus-1", ReminderKind::kWinBack).empty());
}

TEST_F(CareAppTest, AChangedBirthdayMovesThePendingGreetingAndARemovedOneCancelsIt) {
  customers_.profiles["cus-1"].birthday = domain::Birthday{{1985, 6, 7}, false, false};
  ASSERT_TRUE(greetings_.OnCustomerChanged("cus-1").ok());
  customers_.profiles["cus-1"].birthday = domain::Birthday{{1985, 3, 2}, false, false};
  customers_.profiles["cus-1"].revision = 5;
  ASSERT_TRUE(greetings_.OnCustomerChanged("cus-1").ok());
  auto pending = reminders_.Open("cus-1", ReminderKind::kBirthday);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].service_due_date, (Date{2027, 3, 2}));
  EXPECT_EQ(IdsOf(reminders_.published, "ReminderCancelled").size(), 1u);
  // Back to the first birthday: planned afresh (a new revision), not lost to the cancelled id.
  customers_.profiles["cus-1"].birthday = domain::Birthday{{1985, 6, 7}, false, false};
  customers_.profiles["cus-1"].revision = 6;
  ASSERT_TRUE(greetings_.OnCustomerChanged("cus-1").ok());
  pending = reminders_.Open("cus-1", ReminderKind::kBirthday);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].service_due_date, (Date{2027, 6, 7}));
  customers_.profiles["cus-1"].birthday.reset();
  ASSERT_TRUE(greetings_.OnCustomerChanged("cus-1").ok());
  EXPECT_TRUE(reminders_.Open("cus-1", ReminderKind::kBirthday).empty());
}

TEST_F(CareAppTest, AFiredGreetingPlansNextYearsOnce) {
  customers_.profiles["cus-1"].birthday = domain::Birthday{{2000, 2, 29}, false, false};
  ASSERT_TRUE(greetings_.OnCustomerChanged("cus-1").ok());
  const auto first = reminders_.Open("cus-1", ReminderKind::kBirthday).at(0);
  EXPECT_EQ(first.service_due_date, (Date{2027, 2, 28}));
  clock_.Set(first.due_at);
  reminders_.MarkDue(first.reminder_id);
  ASSERT_TRUE(greetings_.OnGreetingClosed(first.reminder_id).ok());
  ASSERT_TRUE(greetings_.OnGreetingClosed(first.reminder_id).ok());  // the ReminderDue replayed
  const auto next = reminders_.Scheduled("cus-1", ReminderKind::kBirthday);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].service_due_date, (Date{2028, 2, 29}));
}

TEST_F(CareAppTest, MergedOrLongLostCustomersKeepNoGreeting) {
  customers_.profiles["cus-1"].birthday = domain::Birthday{{1985, 6, 7}, false, false};
  ASSERT_TRUE(greetings_.OnCustomerChanged("cus-1").ok());
  customers_.profiles["cus-1"].merged_into_customer_id = "cus-2";
  ASSERT_TRUE(greetings_.OnCustomerChanged("cus-1").ok());
  EXPECT_TRUE(reminders_.Open("cus-1", ReminderKind::kBirthday).empty());
  customers_.profiles["cus-2"].birthday = domain::Birthday{{1980, 1, 20}, false, false};
  customers_.profiles["cus-2"].churn_stage = domain::ChurnStage::kLongLost;
  ASSERT_TRUE(greetings_.OnCustomerChanged("cus-2").ok());
  EXPECT_TRUE(reminders_.Open("cus-2", ReminderKind::kBirthday).empty());
}

TEST_F(CareAppTest, GreetingsRetryWhileTheCustomersServiceIsDown) {
  customers_.unavailable = true;
  EXPECT_EQ(greetings_.OnCustomerChanged("cus-1").error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(reminders_.published.empty());
}

// --- win-back ---

TEST_F(CareAppTest, EachWorseStageGetsItsActionOnce) {
  ASSERT_TRUE(
      win_back_
          .OnStageChanged({"cus-1", "S001", domain::ChurnStage::kActive, domain::ChurnStage::kAtRisk, {2026, 6, 20}})
          .ok());
  ASSERT_TRUE(
      win_back_
          .OnStageChanged({"cus-1", "S001", domain::ChurnStage::kActive, domain::ChurnStage::kAtRisk, {2026, 6, 20}})
          .ok());  // a replay
  auto open = reminders_.Open("cus-1", ReminderKind::kWinBack);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].template_id, "win_back_at_risk");
  EXPECT_EQ(open[0].vehicle_id, "veh-1");  // the car she still drives, not the sold one
  ASSERT_TRUE(
      win_back_
          .OnStageChanged({"cus-1", "S001", domain::ChurnStage::kAtRisk, domain::ChurnStage::kLapsing, {2026, 6, 20}})
          .ok());
  ASSERT_TRUE(
      win_back_
          .OnStageChanged({"cus-1", "S001", domain::ChurnStage::kLapsing, domain::ChurnStage::kLost, {2026, 6, 20}})
          .ok());
  std::map<std::string, std::string> plans;  // template → channel plan
  for (const auto& reminder : reminders_.Open("cus-1", ReminderKind::kWinBack)) {
    plans[reminder.template_id] = reminder.channel_plan_id;
  }
  // Delivered 2025-03: a 1–3 year old car's offer; the lapsing stage is a call for the advisor.
  EXPECT_EQ(plans, (std::map<std::string, std::string>{
                       {"win_back_at_risk", ""}, {"win_back_lapsing", "call_task"}, {"win_back_lost_middle", ""}}));
}

TEST_F(CareAppTest, BetterStagesPlanNothing) {
  ASSERT_TRUE(
      win_back_.OnStageChanged({"cus-1", "S001", domain::ChurnStage::kLost, domain::ChurnStage::kActive, {2027, 1, 1}})
          .ok());
  EXPECT_TRUE(reminders_.published.empty());
  EXPECT_EQ(customers_.reads, 0);
}

TEST_F(CareAppTest, LongLostCustomersLeaveRoutineCare) {
  Maintenance({2027, 3, 1});
  customers_.profiles["cus-1"].birthday = domain::Birthday{{1985, 6, 7}, false, false};
  ASSERT_TRUE(greetings_.OnCustomerChanged("cus-1").ok());
  ASSERT_TRUE(
      win_back_.OnStageChanged({"cus-1", "S001", domain::ChurnStage::kActive, domain::ChurnStage::kLost, {2025, 6, 1}})
          .ok());
  ASSERT_TRUE(
      win_back_
          .OnStageChanged({"cus-1", "S001", domain::ChurnStage::kLost, domain::ChurnStage::kLongLost, {2025, 6, 1}})
          .ok());
  EXPECT_TRUE(reminders_.Open("cus-1", ReminderKind::kRegularMaintenance).empty());
  EXPECT_TRUE(reminders_.Open("cus-1", ReminderKind::kBirthday).empty());
  EXPECT_EQ(reminders_.Open("cus-1", ReminderKind::kWinBack).size(), 1u);  // kept for win-back
  EXPECT_EQ(reminders_.churn_stages["cus-1"], "long_lost");                // the planners read it

  // A better stage (the customers service re-classified them) brings them back; so does a visit.
  ASSERT_TRUE(
      win_back_
          .OnStageChanged({"cus-1", "S001", domain::ChurnStage::kLongLost, domain::ChurnStage::kLost, {2025, 6, 1}})
          .ok());
  EXPECT_EQ(reminders_.churn_stages["cus-1"], "lost");
  win_back_.OnReturnVisit("cus-1", "S001", "vis-9", {2027, 1, 1});
  EXPECT_EQ(reminders_.churn_stages["cus-1"], "active");
}

TEST_F(CareAppTest, AReturnVisitEndsTheChain) {
  ASSERT_TRUE(
      win_back_
          .OnStageChanged({"cus-1", "S001", domain::ChurnStage::kActive, domain::ChurnStage::kLapsing, {2026, 3, 20}})
          .ok());
  win_back_.OnReturnVisit("cus-1", "S001", "vis-old", {2026, 3, 20});  // imported history: no return
  EXPECT_EQ(reminders_.Open("cus-1", ReminderKind::kWinBack).size(), 1u);
  win_back_.OnReturnVisit("cus-1", "S001", "vis-5", {2027, 1, 1});
  win_back_.OnReturnVisit("cus-1", "S001", "vis-5", {2027, 1, 1});
  EXPECT_TRUE(reminders_.Open("cus-1", ReminderKind::kWinBack).empty());
  EXPECT_EQ(IdsOf(reminders_.published, "ReminderCancelled").size(), 1u);
}

}  // namespace
}  // namespace careloop::reminders::app
