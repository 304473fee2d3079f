#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common/base/time.h"
#include "services/dispatch/domain/message.h"

namespace careloop::dispatch::app {

/// Which page of a customer's (or, without a customer, a store's) ledger messages to read, newest
/// first. A listing is pinned to the creation time of its newest message when it began
/// (`anchor`), so messages created while a client pages through it do not shift its pages.
struct MessagePageQuery final {
  std::string customer_id;        ///< set: that customer's messages
  std::string store_id;           ///< used when customer_id is empty
  std::optional<Instant> anchor;  ///< unset: the first page (the listing starts now)
  std::size_t offset = 0;         ///< messages of the listing before this page
  std::size_t limit = 50;
};

/// The most messages one page holds (PageRequest's cap).
inline constexpr std::size_t kMaxMessagePage = 500;

/// One page: its messages, the listing's anchor, how many messages the listing holds in all and
/// the offset of the next page (0: this is the last).
struct MessagePage final {
  std::vector<domain::Message> messages;
  Instant anchor{};
  std::size_t total = 0;
  std::size_t next_offset = 0;
};

/// Port: the ledger's messages a page at a time (ListMessages).
class MessagePages {
 public:
  virtual ~MessagePages() = default;
  [[nodiscard]] virtual MessagePage Page(const MessagePageQuery& query) = 0;
};

}  // namespace careloop::dispatch::app
