#include "common/redis/atomic_write.h"

namespace careloop::redis {
namespace {

// ARGV: guard value, guard ttl ms (0 = none), number of commands, then per command its word
// count followed by its words. Keys are passed in ARGV because the set of keys is dynamic;
// this is fine on a standalone Redis or a single-slot deployment, not on Redis Cluster.
const Script& ApplyScript() {
  static const Script script(R"lua(
if KEYS[1] ~= '' then
  local ok
  if tonumber(ARGV[2]) > 0 then
    ok = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])
  else
    ok = redis.call('SET', KEYS[1], ARGV[1], 'NX')
  end
  if not ok then return 0 end
end
local i = 4
for c = 1, tonumber(ARGV[3]) do
  local n = tonumber(ARGV[i]); i = i + 1
  local words = {}
  for j = 1, n do words[j] = ARGV[i]; i = i + 1 end
  redis.call(unpack(words))
end
return 1
)lua");
  return script;
}

}  // namespace

bool ApplyOnce(Connection& connection, const std::string& guard_key, const std::string& guard_value,
               const std::vector<Command>& commands, std::optional<Millis> guard_ttl) {
  std::vector<std::string> args{guard_value, std::to_string(guard_ttl ? guard_ttl->count() : 0),
                                std::to_string(commands.size())};
  for (const auto& command : commands) {
    args.push_back(std::to_string(command.size()));
    args.insert(args.end(), command.begin(), command.end());
  }
  Reply reply = ApplyScript().Run(connection, {guard_key}, args);
  if (reply.IsError()) {
    throw RedisUnavailable("atomic write failed: " + std::string(reply.Str()));
  }
  return reply.Integer() == 1;
}

void Apply(Connection& connection, const std::vector<Command>& commands) {
  (void)ApplyOnce(connection, "", "", commands);
}

}  // namespace careloop::redis
