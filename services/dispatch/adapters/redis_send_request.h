#pragma once

#include <string>

#include "common/redis/client.h"
#include "services/dispatch/domain/message.h"

namespace careloop::dispatch::adapters {

/// A send request kept in a Redis hash (a deferred or retried message's cause, a channel
/// plan's fallback check): the HSET that writes it to `key`, and the reading of HGETALL's reply.
[[nodiscard]] redis::Command WriteSendRequest(const std::string& key, const domain::SendRequest& cause);
[[nodiscard]] domain::SendRequest ReadSendRequest(const redis::Reply& reply);

}  // namespace careloop::dispatch::adapters
