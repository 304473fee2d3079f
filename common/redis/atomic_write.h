#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/base/time.h"
#include "common/redis/client.h"

namespace careloop::redis {

/// Runs `commands` as one atomic unit (a Lua script), only if `guard_key` does not exist; the
/// guard is set to `guard_value` in the same unit (with `guard_ttl` if given). Returns true when
/// applied, false when the guard existed already — which is how replays and duplicate requests
/// become no-ops. An empty guard key means "always apply".
///
/// Lua runs commands in isolation but does not roll back on a runtime error: callers build
/// well-formed commands (the adapters do), and a Redis error reply throws RedisUnavailable.
bool ApplyOnce(Connection& connection, const std::string& guard_key, const std::string& guard_value,
               const std::vector<Command>& commands, std::optional<Millis> guard_ttl = std::nullopt);

/// Runs `commands` as one atomic unit, unconditionally.
void Apply(Connection& connection, const std::vector<Command>& commands);

}  // namespace careloop::redis
