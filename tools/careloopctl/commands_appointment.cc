// appointment book|cancel|list: workshop appointments (RemindersService).
#include <iostream>
#include <memory>

#include "careloop/reminder/v1/reminders_service.grpc.pb.h"
#include "common/events/proto_event.h"
#include "services/reminders/adapters/enum_tables.h"
#include "tools/careloopctl/appointment_view.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/customer_views.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"

namespace careloop::ctl {
namespace {

namespace rv1 = careloop::reminder::v1;

std::unique_ptr<rv1::RemindersService::Stub> RemindersStub(Session& session) {
  return rv1::RemindersService::NewStub(session.Channel(kRemindersAddr));
}

// The appointment a command answered: JSON, or a one-line table.
void PrintAppointment(const Session& session, const rv1::Appointment& appointment) {
  if (session.json) {
    PrintJson(ToJson(appointment));
  } else {
    std::cout << AppointmentsTable({appointment});
  }
}

void AddBook(CLI::App* appointment, Session& session) {
  struct BookArgs {
    std::string customer, vehicle, store, at, type = "regular_maintenance", advisor, note, answers, request_id;
    int duration = 60;
  };
  auto args = std::make_shared<BookArgs>();
  auto* book = appointment->add_subcommand("book", "book a workshop appointment (BookAppointment)");
  book->add_option("--customer", args->customer, "customer id")->required();
  book->add_option("--vehicle", args->vehicle, "vehicle id")->required();
  book->add_option("--store", args->store, "store id")->required();
  book->add_option("--at", args->at, "start, \"2027-01-05 10:00\" (" + std::string(kDisplayTimeZone) + ") or RFC 3339")
      ->required();
  book->add_option("--duration", args->duration, "minutes (default 60)");
  const auto types = VisitTypeWords();
  book->add_option("--type", args->type, "planned work: " + JoinWords(types, "|"))->check(CLI::IsMember(types));
  book->add_option("--advisor", args->advisor, "staff id of the service advisor");
  book->add_option("--note", args->note, "staff note");
  book->add_option("--answers", args->answers,
                   "id of the reminder it answers (default: the car's open maintenance one)");
  book->add_option("--request-id", args->request_id, "idempotency key");
  book->callback([&session, args] {
    session.action = [&session, args] {
      const auto at = ParseAppointmentTime(args->at, DisplayZone());
      if (!at) {
        throw UsageError("--at: not a time, expected \"2027-01-05 10:00\" or RFC 3339: " + args->at);
      }
      rv1::BookAppointmentRequest request;
      request.set_customer_id(args->customer);
      request.set_vehicle_id(args->vehicle);
      request.set_store_id(args->store);
      *request.mutable_scheduled_at() = events::ToTimestamp(*at);
      request.set_duration_minutes(args->duration);
      request.set_visit_type(*VisitTypeOfWord(args->type));
      request.set_advisor(args->advisor);
      request.set_note(args->note);
      request.set_answered_reminder_id(args->answers);
      request.set_request_id(args->request_id);
      rv1::BookAppointmentResponse response;
      Check(RemindersStub(session)->BookAppointment(session.NewContext().get(), request, &response));
      PrintAppointment(session, response.appointment());
      return 0;
    };
  });
}

void AddCancel(CLI::App* appointment, Session& session) {
  struct CancelArgs {
    std::string id, reason, request_id;
  };
  auto args = std::make_shared<CancelArgs>();
  auto* cancel = appointment->add_subcommand("cancel", "cancel an appointment (CancelAppointment)");
  cancel->add_option("ID", args->id, "appointment id")->required();
  cancel->add_option("--reason", args->reason, "why")->required();
  cancel->add_option("--request-id", args->request_id, "idempotency key");
  cancel->callback([&session, args] {
    session.action = [&session, args] {
      rv1::CancelAppointmentRequest request;
      request.set_appointment_id(args->id);
      request.set_reason(args->reason);
      request.set_request_id(args->request_id);
      rv1::CancelAppointmentResponse response;
      Check(RemindersStub(session)->CancelAppointment(session.NewContext().get(), request, &response));
      PrintAppointment(session, response.appointment());
      return 0;
    };
  });
}

void AddList(CLI::App* appointment, Session& session) {
  struct ListArgs {
    std::string customer, store, status, from, to;
  };
  auto args = std::make_shared<ListArgs>();
  auto* list = appointment->add_subcommand("list", "list appointments of a customer or store, soonest first");
  auto* scope = list->add_option_group("scope", "whose appointments: exactly one of");
  scope->add_option("--customer", args->customer, "customer id");
  scope->add_option("--store", args->store, "store id");
  scope->require_option(1);
  const auto statuses = reminders::adapters::kAppointmentStatuses.Words();
  list->add_option("--status", args->status, JoinWords(statuses, "|"))->check(CLI::IsMember(statuses));
  list->add_option("--from", args->from, "first day YYYY-MM-DD")->check(DateValidator());
  list->add_option("--to", args->to, "last day YYYY-MM-DD")->check(DateValidator());
  list->callback([&session, args] {
    session.action = [&session, args] {
      rv1::ListAppointmentsRequest request;
      request.set_customer_id(args->customer);
      request.set_store_id(args->store);
      if (!args->status.empty()) {
        request.set_status(ProtoOfWord(reminders::adapters::kAppointmentStatuses, args->status));
      }
      if (!args->from.empty()) {
        *request.mutable_dates()->mutable_start_date() = DateFlag(args->from);
      }
      if (!args->to.empty()) {
        *request.mutable_dates()->mutable_end_date() = DateFlag(args->to);
      }
      rv1::ListAppointmentsResponse response;
      Check(RemindersStub(session)->ListAppointments(session.NewContext().get(), request, &response));
      const std::vector<rv1::Appointment> appointments(response.appointments().begin(), response.appointments().end());
      if (session.json) {
        PrintJson(ToJsonArray(appointments));
        return 0;
      }
      std::cout << AppointmentsTable(appointments) << "(" << appointments.size() << " appointments; times in "
                << kDisplayTimeZone << ")\n";
      return 0;
    };
  });
}

}  // namespace

void AddAppointmentCommands(CLI::App& app, Session& session) {
  auto* appointment = app.add_subcommand("appointment", "workshop appointments (RemindersService)");
  appointment->require_subcommand(1);
  AddBook(appointment, session);
  AddCancel(appointment, session);
  AddList(appointment, session);
}

}  // namespace careloop::ctl
