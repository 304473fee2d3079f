// DispatchApi::GetMessage: one ledger message with every vendor attempt and its receipt;
// DispatchApi::ListMessages: a customer's or a store's messages, newest first, a page at a time.
#include <charconv>

#include "common/events/enum_input.h"
#include "services/dispatch/adapters/enum_tables.h"
#include "services/dispatch/adapters/grpc_api.h"
#include "services/dispatch/adapters/proto_mapping.h"

namespace careloop::dispatch::adapters {
namespace {

constexpr int kDefaultPageSize = 50;

// A page token is "<anchor ms>.<offset>": the listing's newest creation time and how many of
// its messages came before the page.
std::string TokenOf(Instant anchor, std::size_t offset) {
  return std::to_string(std::chrono::duration_cast<Millis>(anchor.time_since_epoch()).count()) + "." +
         std::to_string(offset);
}

Status ReadToken(const std::string& token, app::MessagePageQuery& query) {
  if (token.empty()) {
    return Ok{};
  }
  const auto dot = token.find('.');
  std::int64_t anchor_ms = 0;
  std::size_t offset = 0;
  const char* first = token.data();
  const char* middle = first + (dot == std::string::npos ? token.size() : dot);
  const char* last = first + token.size();
  const auto anchor = std::from_chars(first, middle, anchor_ms);
  const auto skip = dot == std::string::npos ? std::from_chars_result{first, std::errc::invalid_argument}
                                             : std::from_chars(middle + 1, last, offset);
  if (anchor.ec != std::errc{} || anchor.ptr != middle || skip.ec != std::errc{} || skip.ptr != last) {
    return InvalidArgument("page.page_token", "is not a token this list issued");
  }
  query.anchor = Instant{Millis{anchor_ms}};
  query.offset = offset;
  return Ok{};
}

}  // namespace

grpc::ServerUnaryReactor* DispatchApi::ListMessages(grpc::CallbackServerContext* context,
                                                    const pb::ListMessagesRequest* request,
                                                    pb::ListMessagesResponse* response) {
  return grpcx::RunUnary(context, handler_, "ListMessages", [&](const auth::Principal& caller) -> Status {
    const auto status = events::FilterFromClient(kMessageStatuses, request->status(), "status");
    if (!status.ok()) {
      return status.error();
    }
    if (request->page().page_size() < 0) {
      return InvalidArgument("page.page_size", "must not be negative");
    }
    app::MessagePageQuery query;
    query.customer_id = request->customer_id();
    query.store_id = request->store_id();
    query.limit =
        request->page().page_size() == 0
            ? kDefaultPageSize
            : std::min<std::size_t>(app::kMaxMessagePage, static_cast<std::size_t>(request->page().page_size()));
    if (Status token = ReadToken(request->page().page_token(), query); !token.ok()) {
      return token;
    }
    auto page = app_.ListPage(caller, query);
    if (!page.ok()) {
      return page.error();
    }
    // A status filter applies within the page: a page may then hold fewer than page_size.
    for (const auto& message : page->messages) {
      if (!status.value() || message.status == *status.value()) {
        *response->add_messages() = ToProto(message);
      }
    }
    response->mutable_page()->set_total_count(static_cast<std::int64_t>(page->total));
    if (page->next_offset != 0) {
      response->mutable_page()->set_next_page_token(TokenOf(page->anchor, page->next_offset));
    }
    return Ok{};
  });
}

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
