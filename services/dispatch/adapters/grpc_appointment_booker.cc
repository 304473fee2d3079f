#include "services/dispatch/adapters/grpc_appointment_booker.h"

#include <grpcpp/grpcpp.h>

#include "common/events/proto_event.h"
#include "common/grpc/server.h"

namespace careloop::dispatch::adapters {

namespace reminder_pb = careloop::reminder::v1;

GrpcAppointmentBooker::GrpcAppointmentBooker(const std::string& reminders_address, std::string service_token,
                                             std::chrono::milliseconds deadline)
    : stub_(reminder_pb::RemindersService::NewStub(
          grpc::CreateChannel(reminders_address, grpc::InsecureChannelCredentials()))),
      token_(std::move(service_token)),
      deadline_(deadline) {}

Result<std::string> GrpcAppointmentBooker::Book(const app::AppointmentOrder& order) {
  grpc::ClientContext context;
  grpcx::AddBearer(context, token_);
  context.set_deadline(std::chrono::system_clock::now() + deadline_);
  reminder_pb::BookAppointmentRequest request;
  request.set_customer_id(order.customer_id);
  request.set_vehicle_id(order.vehicle_id);
  request.set_store_id(order.store_id);
  *request.mutable_scheduled_at() = events::ToTimestamp(order.scheduled_at);
  request.set_duration_minutes(order.duration_minutes);
  request.set_advisor(order.advisor);
  request.set_answered_reminder_id(order.answered_reminder_id);
  request.set_note(order.note);
  request.set_request_id(order.request_id);
  reminder_pb::BookAppointmentResponse response;
  const grpc::Status status = stub_->BookAppointment(&context, request, &response);
  if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT ||
      status.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
    // The booking itself was refused (e.g. the time): the completion is refused with it.
    return InvalidArgument("appointment_at", "the reminders service refused the booking: " + status.error_message());
  }
  if (!status.ok()) {
    return Error{ErrorCode::kUnavailable, "", "reminders.BookAppointment: " + status.error_message()};
  }
  return response.appointment().appointment_id();
}

}  // namespace careloop::dispatch::adapters
