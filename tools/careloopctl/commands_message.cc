// message get ID: one ledger message with every vendor attempt and its receipt
// (DispatchService.GetMessage).
#include <iostream>
#include <memory>

#include "careloop/dispatch/v1/dispatch_service.grpc.pb.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/message_view.h"

namespace careloop::ctl {

void AddMessageGetCommand(CLI::App& message, Session& session) {
  auto id = std::make_shared<std::string>();
  auto* get = message.add_subcommand("get", "one message with every vendor attempt and its delivery receipt");
  get->add_option("ID", *id, "the message id (see message list)")->required();
  get->callback([&session, id] {
    session.action = [&session, id] {
      careloop::dispatch::v1::GetMessageRequest request;
      request.set_message_id(*id);
      careloop::dispatch::v1::GetMessageResponse response;
      auto stub = careloop::dispatch::v1::DispatchService::NewStub(session.Channel(kDispatchAddr));
      Check(stub->GetMessage(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response.message()));
      } else {
        std::cout << MessageFields(response.message());
      }
      return 0;
    };
  });
}

}  // namespace careloop::ctl
