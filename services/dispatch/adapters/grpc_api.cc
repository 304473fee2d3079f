#include "services/dispatch/adapters/grpc_api.h"

#include "services/dispatch/adapters/proto_mapping.h"

namespace careloop::dispatch::adapters {

grpc::ServerUnaryReactor* DispatchApi::ListMessages(grpc::CallbackServerContext* context,
                                                    const pb::ListMessagesRequest* request,
                                                    pb::ListMessagesResponse* response) {
  return grpcx::RunUnary(context, handler_, "ListMessages", [&](const auth::Principal& caller) -> Status {
    auto messages = app_.List(caller, request->customer_id(), request->store_id());
    if (!messages.ok()) {
      return messages.error();
    }
    for (const auto& message : messages.value()) {
      pb::Message record = ToProto(message);
      if (request->status() != pb::MESSAGE_STATUS_UNSPECIFIED && record.status() != request->status()) {
        continue;
      }
      *response->add_messages() = std::move(record);
    }
    response->mutable_page()->set_total_count(response->messages_size());
    return Ok{};
  });
}

}  // namespace careloop::dispatch::adapters
