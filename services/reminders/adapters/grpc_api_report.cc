// RemindersService.GetCareReport: care effectiveness of a store in a month.
#include "common/events/enum_input.h"
#include "services/reminders/adapters/care_tables.h"
#include "services/reminders/adapters/enum_tables.h"
#include "services/reminders/adapters/grpc_api.h"
#include "services/reminders/adapters/proto_mapping.h"

namespace careloop::reminders::adapters {

grpc::ServerUnaryReactor* RemindersApi::GetCareReport(grpc::CallbackServerContext* context,
                                                      const pb::GetCareReportRequest* request,
                                                      pb::GetCareReportResponse* response) {
  return grpcx::RunUnary(context, handler_, "GetCareReport", [&](const auth::Principal& caller) -> Status {
    auto part = Served(parts_.care, "care report");
    if (!part.ok()) {
      return part.error();
    }
    const auto kind = events::FilterFromClient(kReminderKinds, request->kind(), "kind");
    if (!kind.ok()) {
      return kind.error();
    }
    const auto channel = events::FilterFromClient(kCareChannels, request->channel(), "channel");
    if (!channel.ok()) {
      return channel.error();
    }
    auto report = part.value()->Report(caller, request->store_id(), request->month(), {kind.value(), channel.value()});
    if (!report.ok()) {
      return report.error();
    }
    response->set_return_window_days(report.value().return_window_days);
    for (const auto& row : report.value().rows) {
      pb::CareReportRow* out = response->add_rows();
      out->set_store_id(report.value().store_id);
      out->set_month(report.value().month.ToString());
      out->set_kind(ToProto(row.kind));
      if (row.channel) {
        out->set_channel(kCareChannels.ToProto(*row.channel).value_or(careloop::common::v1::CHANNEL_UNSPECIFIED));
      }
      out->set_due_count(row.due);
      out->set_sent_count(row.sent);
      out->set_missed_count(row.missed);
      out->set_suppressed_count(row.suppressed);
      out->set_failed_count(row.failed);
      out->set_returned_count(row.returned);
      out->set_appointment_count(row.booked);
      if (row.return_rate) {
        out->set_return_rate(*row.return_rate);
      }
      if (row.appointment_rate) {
        out->set_appointment_rate(*row.appointment_rate);
      }
    }
    return Ok{};
  });
}

}  // namespace careloop::reminders::adapters
