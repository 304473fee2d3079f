#include "services/reminders/adapters/care_report_events.h"

#include "careloop/customer/v1/events.pb.h"
#include "careloop/dispatch/v1/events.pb.h"
#include "careloop/reminder/v1/events.pb.h"
#include "services/reminders/adapters/care_tables.h"
#include "services/reminders/adapters/enum_tables.h"

namespace careloop::reminders::adapters {
namespace {

namespace reminder_pb = careloop::reminder::v1;
namespace dispatch_pb = careloop::dispatch::v1;
namespace customer_pb = careloop::customer::v1;

// INVALID_ARGUMENT naming "Type.kind" when the kind is not one the report counts.
Result<domain::ReminderKind> KindOf(std::string_view type, int kind) {
  if (const auto known = kReminderKinds.FromProto(kind)) {
    return *known;
  }
  return InvalidArgument(std::string(type) + ".kind", "is not a reminder kind: " + std::to_string(kind));
}

}  // namespace

void RouteCareReport(events::Router& router, app::CareReportApp& app) {
  router
      .On<reminder_pb::ReminderDue>([&app](const reminder_pb::ReminderDue& due) -> Status {
        if (Status valid = events::RequireFields(
                "ReminderDue",
                {{"reminder_id", due.reminder_id()}, {"customer_id", due.customer_id()}, {"store_id", due.store_id()}});
            !valid.ok()) {
          return valid;
        }
        const auto kind = KindOf("ReminderDue", due.kind());
        if (!kind.ok()) {
          return kind.error();
        }
        app.OnReminderDue({due.reminder_id(), due.store_id(), due.customer_id(), due.vehicle_id(), kind.value(),
                           events::FromTimestamp(due.fired_at())});
        return Ok{};
      })
      .On<reminder_pb::ReminderMissed>([&app](const reminder_pb::ReminderMissed& missed) -> Status {
        if (Status valid = events::RequireFields(
                "ReminderMissed", {{"reminder_id", missed.reminder_id()}, {"store_id", missed.store_id()}});
            !valid.ok()) {
          return valid;
        }
        const auto kind = KindOf("ReminderMissed", missed.kind());
        if (!kind.ok()) {
          return kind.error();
        }
        app.OnReminderMissed(missed.reminder_id(), missed.store_id(), kind.value(),
                             events::FromTimestamp(missed.occurred_at()));
        return Ok{};
      })
      .On<reminder_pb::AppointmentBooked>([&app](const reminder_pb::AppointmentBooked& booked) -> Status {
        if (Status valid = events::RequireFields("AppointmentBooked", {{"appointment_id", booked.appointment_id()},
                                                                       {"customer_id", booked.customer_id()}});
            !valid.ok()) {
          return valid;
        }
        app.OnAppointmentBooked({booked.appointment_id(), booked.store_id(), booked.customer_id(), booked.vehicle_id(),
                                 events::FromTimestamp(booked.occurred_at()), booked.answered_reminder_id()});
        return Ok{};
      })
      .On<dispatch_pb::MessageSent>([&app](const dispatch_pb::MessageSent& sent) -> Status {
        app.OnMessageOutcome(sent.reminder_id(), kCareChannels.FromProto(sent.channel()),
                             domain::MessageOutcome::kSent);
        return Ok{};
      })
      .On<dispatch_pb::MessageSuppressed>([&app](const dispatch_pb::MessageSuppressed& suppressed) -> Status {
        app.OnMessageOutcome(suppressed.reminder_id(), kCareChannels.FromProto(suppressed.channel()),
                             domain::MessageOutcome::kSuppressed);
        return Ok{};
      })
      .On<dispatch_pb::MessageFailed>([&app](const dispatch_pb::MessageFailed& failed) -> Status {
        // A retryable failure is tried again; only a failure for good is the channel's outcome.
        if (!failed.retryable()) {
          app.OnMessageOutcome(failed.reminder_id(), kCareChannels.FromProto(failed.channel()),
                               domain::MessageOutcome::kFailed);
        }
        return Ok{};
      })
      .On<customer_pb::ServiceVisitRecorded>([&app](const customer_pb::ServiceVisitRecorded& visit) -> Status {
        const Date date = events::FromProto(visit.visit_date());
        if (Status valid = events::RequireFields(
                "ServiceVisitRecorded", {{"customer_id", visit.customer_id()}, {"visit_id", visit.visit_id()}});
            !valid.ok()) {
          return valid;
        }
        if (!date.IsValid()) {
          return InvalidArgument("ServiceVisitRecorded.visit_date", "is not a valid date");
        }
        app.OnVisitRecorded(visit.visit_id(), visit.customer_id(), visit.vehicle_id(), date);
        return Ok{};
      });
}

}  // namespace careloop::reminders::adapters
