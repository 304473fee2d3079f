#pragma once

#include "common/events/router.h"
#include "services/reminders/app/appointments_app.h"
#include "services/reminders/app/greetings_app.h"
#include "services/reminders/app/win_back_app.h"

// The care use cases' routes (appointments, birthday greetings, win-back), each registered on
// the router of the consumer that carries its events.
namespace careloop::reminders::adapters {

/// careloop.customer.v1 ServiceVisitRecorded: a visit on an appointment's day fulfils it.
void RouteAppointments(events::Router& router, app::AppointmentsApp& appointments);

/// careloop.customer.v1 CustomerCreated, ContactDetailsChanged (birthday) and CustomersMerged
/// re-read the birthday; careloop.reminder.v1 ReminderDue / ReminderMissed of a birthday
/// greeting plan the next one.
void RouteGreetings(events::Router& router, app::GreetingsApp& greetings);

/// careloop.customer.v1 CustomerSegmentChanged plans a worse stage's action;
/// ServiceVisitRecorded (a return visit) ends the win-back chain.
void RouteWinBack(events::Router& router, app::WinBackApp& win_back);

}  // namespace careloop::reminders::adapters
