// DispatchApi::GetMessage: one ledger message with every vendor attempt and its receipt.
#include "services/dispatch/adapters/grpc_api.h"
#include "services/dispatch/adapters/proto_mapping.h"

namespace careloop::dispatch::adapters {

grpc::ServerUnaryReactor* DispatchApi::GetMessage(grpc::CallbackServerContext* context,
                                                  const pb::GetMessageRequest* request,
                                                  pb::GetMessageResponse* response) {
  return grpcx::RunUnary(context, handler_, "GetMessage", [&](const auth::Principal& caller) -> Status {
    auto message = app_.Get(caller, request->message_id());
    if (!message.ok()) {
      return message.error();
    }
    *response->mutable_message() = ToProto(message.value());
    return Ok{};
  });
}

}  // namespace careloop::dispatch::adapters
