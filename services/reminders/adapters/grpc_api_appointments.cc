// careloop.reminder.v1.RemindersService: the appointment RPCs.
#include "careloop/customer/v1/customer.pb.h"
#include "common/events/enum_input.h"
#include "common/events/proto_event.h"
#include "services/reminders/adapters/appointment_mapping.h"
#include "services/reminders/adapters/enum_tables.h"
#include "services/reminders/adapters/grpc_api.h"

namespace careloop::reminders::adapters {

namespace pb = careloop::reminder::v1;

grpc::ServerUnaryReactor* RemindersApi::BookAppointment(grpc::CallbackServerContext* context,
                                                        const pb::BookAppointmentRequest* request,
                                                        pb::BookAppointmentResponse* response) {
  return grpcx::RunUnary(context, handler_, "BookAppointment", [&](const auth::Principal& caller) -> Status {
    auto part = Served(parts_.appointments, "appointments");
    if (!part.ok()) {
      return part.error();
    }
    if (!request->has_scheduled_at()) {
      return InvalidArgument("scheduled_at", "is required");
    }
    if (!careloop::customer::v1::VisitType_IsValid(request->visit_type())) {
      return InvalidArgument("visit_type", "unknown visit type " + std::to_string(request->visit_type()));
    }
    domain::BookingRequest booking;
    booking.customer_id = request->customer_id();
    booking.vehicle_id = request->vehicle_id();
    booking.store_id = request->store_id();
    booking.scheduled_at = events::FromTimestamp(request->scheduled_at());
    booking.duration_minutes = request->duration_minutes();
    booking.visit_type = request->visit_type();
    booking.advisor = request->advisor();
    booking.answered_reminder_id = request->answered_reminder_id();
    booking.note = request->note();
    booking.request_id = request->request_id();
    auto booked = part.value()->Book(caller, booking);
    if (!booked.ok()) {
      return booked.error();
    }
    *response->mutable_appointment() = ToProto(booked.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* RemindersApi::CancelAppointment(grpc::CallbackServerContext* context,
                                                          const pb::CancelAppointmentRequest* request,
                                                          pb::CancelAppointmentResponse* response) {
  return grpcx::RunUnary(context, handler_, "CancelAppointment", [&](const auth::Principal& caller) -> Status {
    auto part = Served(parts_.appointments, "appointments");
    if (!part.ok()) {
      return part.error();
    }
    auto cancelled = part.value()->Cancel(caller, request->appointment_id(), request->reason());
    if (!cancelled.ok()) {
      return cancelled.error();
    }
    *response->mutable_appointment() = ToProto(cancelled.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* RemindersApi::ListAppointments(grpc::CallbackServerContext* context,
                                                         const pb::ListAppointmentsRequest* request,
                                                         pb::ListAppointmentsResponse* response) {
  return grpcx::RunUnary(context, handler_, "ListAppointments", [&](const auth::Principal& caller) -> Status {
    auto part = Served(parts_.appointments, "appointments");
    if (!part.ok()) {
      return part.error();
    }
    const auto status = events::FilterFromClient(kAppointmentStatuses, request->status(), "status");
    if (!status.ok()) {
      return status.error();
    }
    app::AppointmentQuery query{request->customer_id(), request->store_id(), status.value(), {}, {}};
    if (request->dates().has_start_date()) {
      query.from = events::FromProto(request->dates().start_date());
      if (!query.from->IsValid()) {
        return InvalidArgument("dates.start_date", "is not a valid date");
      }
    }
    if (request->dates().has_end_date()) {
      query.to = events::FromProto(request->dates().end_date());
      if (!query.to->IsValid()) {
        return InvalidArgument("dates.end_date", "is not a valid date");
      }
    }
    auto found = part.value()->List(caller, query);
    if (!found.ok()) {
      return found.error();
    }
    for (const auto& appointment : found.value()) {
      *response->add_appointments() = ToProto(appointment);
    }
    response->mutable_page()->set_total_count(response->appointments_size());
    return Ok{};
  });
}

}  // namespace careloop::reminders::adapters
