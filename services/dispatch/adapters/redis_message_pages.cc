#include "services/dispatch/adapters/redis_message_pages.h"

#include <charconv>

#include "services/dispatch/adapters/proto_mapping.h"
#include "services/dispatch/adapters/redis_keys.h"

namespace careloop::dispatch::adapters {
namespace {

std::int64_t Ms(Instant instant) {
  return std::chrono::duration_cast<Millis>(instant.time_since_epoch()).count();
}

std::int64_t ScoreOf(std::string_view text) {
  double score = 0;  // Redis answers scores as text, e.g. "1763776800000"
  std::from_chars(text.data(), text.data() + text.size(), score);
  return static_cast<std::int64_t>(score);
}

}  // namespace

app::MessagePage RedisMessagePages::Page(const app::MessagePageQuery& query) {
  const std::string index =
      query.customer_id.empty() ? keys::OfStore(query.store_id) : keys::OfCustomer(query.customer_id);
  auto connection = pool_.Acquire();
  app::MessagePage page;
  std::string max = "+inf";
  if (query.anchor) {
    page.anchor = *query.anchor;
    max = std::to_string(Ms(*query.anchor));
  } else {
    // The listing starts at its newest message: later ones do not shift its pages.
    redis::Reply newest = connection->Run({"ZREVRANGE", index, "0", "0", "WITHSCORES"});
    if (newest.Size() < 2) {
      return page;  // nothing listed
    }
    page.anchor = Instant{Millis{ScoreOf(redis::ElementStr(newest.Element(1)))}};
    max = std::to_string(Ms(page.anchor));
  }
  const auto replies = connection->Pipeline(
      {{"ZCOUNT", index, "-inf", max},
       {"ZREVRANGEBYSCORE", index, max, "-inf", "LIMIT", std::to_string(query.offset), std::to_string(query.limit)}});
  page.total = static_cast<std::size_t>(replies[0].Integer());
  std::vector<redis::Command> gets;
  for (std::size_t i = 0; i < replies[1].Size(); ++i) {
    gets.push_back({"GET", keys::Message(std::string(redis::ElementStr(replies[1].Element(i))))});
  }
  if (query.offset + replies[1].Size() < page.total) {
    page.next_offset = query.offset + replies[1].Size();
  }
  if (gets.empty()) {
    return page;
  }
  for (auto& reply : connection->Pipeline(gets)) {
    pb::Message record;
    if (!reply.IsNil() && record.ParseFromArray(reply.Str().data(), static_cast<int>(reply.Str().size()))) {
      page.messages.push_back(FromProto(record));
    }
  }
  return page;
}

}  // namespace careloop::dispatch::adapters
