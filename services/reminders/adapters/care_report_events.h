#pragma once

#include "common/events/router.h"
#include "services/reminders/app/care_report_app.h"

namespace careloop::reminders::adapters {

/// Routes what the care report counts to `app`: ReminderDue and ReminderMissed
/// (careloop.reminder.v1), AppointmentBooked (careloop.reminder.v1), MessageSent /
/// MessageSuppressed / MessageFailed (careloop.dispatch.v1, only those about a reminder) and
/// ServiceVisitRecorded (careloop.customer.v1). main.cc gives the router its own consumer group
/// over the three topics. An event missing the ids it is about, or a ReminderDue / ReminderMissed of a
/// kind the report cannot place, is poison (dead-lettered with the reason); a message on a channel
/// it does not know counts as one without a channel.
void RouteCareReport(events::Router& router, app::CareReportApp& app);

}  // namespace careloop::reminders::adapters
