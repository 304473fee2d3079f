#pragma once

#include "common/events/router.h"
#include "services/reminders/app/care_report_app.h"

namespace careloop::reminders::adapters {

/// Routes what the care report counts to `app`: ReminderDue and ReminderMissed
/// (careloop.reminder.v1), AppointmentBooked (careloop.reminder.v1), MessageSent /
/// MessageSuppressed / MessageFailed (careloop.dispatch.v1, only those about a reminder) and
/// ServiceVisitRecorded (careloop.customer.v1). main.cc gives the router its own consumer group
/// over the three topics. An event missing the ids it is about is poison; a kind or channel the
/// report does not know is recorded without it (a newer contract value).
void RouteCareReport(events::Router& router, app::CareReportApp& app);

}  // namespace careloop::reminders::adapters
