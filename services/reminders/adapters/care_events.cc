#include "services/reminders/adapters/care_events.h"

#include "careloop/customer/v1/events.pb.h"
#include "careloop/reminder/v1/events.pb.h"
#include "services/reminders/adapters/grpc_customer_profiles.h"

namespace careloop::reminders::adapters {
namespace {

namespace customer_pb = careloop::customer::v1;
namespace reminder_pb = careloop::reminder::v1;

}  // namespace

void RouteAppointments(events::Router& router, app::AppointmentsApp& appointments) {
  router.On<customer_pb::ServiceVisitRecorded>(
      [&appointments](const customer_pb::ServiceVisitRecorded& visit) -> Status {
        if (Status valid = events::RequireFields("ServiceVisitRecorded",
                                                 {{"vehicle_id", visit.vehicle_id()}, {"visit_id", visit.visit_id()}});
            !valid.ok()) {
          return valid;
        }
        const Date date = events::FromProto(visit.visit_date());
        if (!date.IsValid()) {
          return InvalidArgument("ServiceVisitRecorded.visit_date", "is not a valid date");
        }
        appointments.OnVisitRecorded(visit.vehicle_id(), visit.visit_id(), date);
        return Ok{};
      });
}

void RouteGreetings(events::Router& router, app::GreetingsApp& greetings) {
  router
      .On<customer_pb::CustomerCreated>([&greetings](const customer_pb::CustomerCreated& created) -> Status {
        if (Status valid = events::RequireFields("CustomerCreated", {{"customer_id", created.customer_id()}});
            !valid.ok()) {
          return valid;
        }
        return greetings.OnCustomerChanged(created.customer_id());
      })
      .On<customer_pb::ContactDetailsChanged>(
          [&greetings](const customer_pb::ContactDetailsChanged& changed) -> Status {
            if (Status valid = events::RequireFields("ContactDetailsChanged", {{"customer_id", changed.customer_id()}});
                !valid.ok()) {
              return valid;
            }
            for (const int field : changed.changed_fields()) {
              if (field == customer_pb::CONTACT_FIELD_BIRTHDAY) {
                return greetings.OnCustomerChanged(changed.customer_id());
              }
            }
            return Ok{};
          })
      .On<customer_pb::CustomersMerged>([&greetings](const customer_pb::CustomersMerged& merged) -> Status {
        if (Status valid = events::RequireFields(
                "CustomersMerged",
                {{"customer_id", merged.customer_id()}, {"merged_customer_id", merged.merged_customer_id()}});
            !valid.ok()) {
          return valid;
        }
        if (Status gone = greetings.OnCustomerChanged(merged.merged_customer_id()); !gone.ok()) {
          return gone;
        }
        return greetings.OnCustomerChanged(merged.customer_id());
      })
      .On<reminder_pb::ReminderDue>([&greetings](const reminder_pb::ReminderDue& due) -> Status {
        if (due.kind() != reminder_pb::REMINDER_KIND_BIRTHDAY) {
          return Ok{};
        }
        return greetings.OnGreetingClosed(due.reminder_id());
      })
      .On<reminder_pb::ReminderMissed>([&greetings](const reminder_pb::ReminderMissed& missed) -> Status {
        if (missed.kind() != reminder_pb::REMINDER_KIND_BIRTHDAY) {
          return Ok{};
        }
        return greetings.OnGreetingClosed(missed.reminder_id());
      });
}

void RouteWinBack(events::Router& router, app::WinBackApp& win_back) {
  router
      .On<customer_pb::CustomerSegmentChanged>([&win_back](
                                                   const customer_pb::CustomerSegmentChanged& changed) -> Status {
        if (Status valid = events::RequireFields("CustomerSegmentChanged", {{"customer_id", changed.customer_id()}});
            !valid.ok()) {
          return valid;
        }
        return win_back.OnStageChanged(
            {changed.customer_id(), changed.store_id(), ChurnStageOf(changed.old_churn_stage()),
             ChurnStageOf(changed.new_churn_stage()), events::FromProto(changed.last_visit_date())});
      })
      .On<customer_pb::ServiceVisitRecorded>([&win_back](const customer_pb::ServiceVisitRecorded& visit) -> Status {
        if (Status valid = events::RequireFields(
                "ServiceVisitRecorded", {{"customer_id", visit.customer_id()}, {"visit_id", visit.visit_id()}});
            !valid.ok()) {
          return valid;
        }
        const Date date = events::FromProto(visit.visit_date());
        if (!date.IsValid()) {
          return InvalidArgument("ServiceVisitRecorded.visit_date", "is not a valid date");
        }
        win_back.OnReturnVisit(visit.customer_id(), visit.store_id(), visit.visit_id(), date);
        return Ok{};
      });
}

}  // namespace careloop::reminders::adapters
