// inbound reply: hands dispatch a customer's reply as a provider's callback would (SMS uplink,
// WeChat message) — for support staff replaying a callback the gateway missed, and for demos.
#include <iostream>
#include <memory>

#include "careloop/dispatch/v1/dispatch_service.grpc.pb.h"
#include "common/base/ids.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"

namespace careloop::ctl {

void AddInboundCommands(CLI::App& app, Session& session) {
  struct ReplyArgs {
    std::string from, text, channel = "sms", provider = "aliyun", event_id, message;
  };
  auto args = std::make_shared<ReplyArgs>();
  auto* inbound = app.add_subcommand("inbound", "provider callbacks into dispatch (DispatchService.ReceiveInbound)");
  inbound->require_subcommand(1);
  auto* reply = inbound->add_subcommand("reply", "a customer's reply, e.g. TD to opt out or 1-10 to a survey");
  reply->add_option("--from", args->from, "the sender's mobile number (or WeChat openid)");
  reply->add_option("--text", args->text, "what they wrote")->required();
  reply->add_option("--channel", args->channel, "sms | wechat")->check(CLI::IsMember({"sms", "wechat"}));
  reply->add_option("--provider", args->provider, "the provider it came through: aliyun, tencent or wechat");
  reply->add_option("--event-id", args->event_id, "the provider's event id (default: a new one)");
  reply->add_option("--message", args->message, "our message id the provider echoed, if any");
  reply->callback([&session, args] {
    session.action = [&session, args] {
      if (args->from.empty() && args->message.empty()) {
        throw UsageError("give --from (the sender) or --message (the message replied to)");
      }
      careloop::dispatch::v1::ReceiveInboundRequest request;
      request.set_provider(args->provider);
      request.set_kind(careloop::dispatch::v1::INBOUND_KIND_REPLY);
      request.set_provider_event_id(args->event_id.empty() ? NewRandomId("ctl-") : args->event_id);
      request.set_channel(args->channel == "wechat" ? common::v1::CHANNEL_WECHAT : common::v1::CHANNEL_SMS);
      request.set_sender(args->from);
      request.set_text(args->text);
      request.set_correlation_id(args->message);
      careloop::dispatch::v1::ReceiveInboundResponse response;
      auto stub = careloop::dispatch::v1::DispatchService::NewStub(session.Channel(kDispatchAddr));
      Check(stub->ReceiveInbound(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response));
      } else if (response.customer_id().empty()) {
        std::cout << "no customer on record sent this; nothing recorded\n";
      } else {
        std::cout << "reply from " << response.customer_id() << ": "
                  << ShortEnumName(careloop::dispatch::v1::ReplyClassification_Name(response.classification()),
                                   "REPLY_CLASSIFICATION_")
                  << (response.duplicate() ? " (already recorded)" : "") << '\n';
      }
      return 0;
    };
  });
}

}  // namespace careloop::ctl
