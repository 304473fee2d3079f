#pragma once

#include <functional>
#include <utility>
#include <vector>

#include "common/base/error.h"
#include "common/redis/client.h"

namespace careloop::redis {

/// What one attempt of an optimistic transaction decided to write, and what to return then.
template <typename T>
struct Commit final {
  std::vector<Command> writes;  ///< run as MULTI/EXEC; empty: nothing to write, return `value` at once
  T value;
};

/// One attempt: WATCHes what it reads (`connection.Run({"WATCH", key})`), reads, decides.
/// An Error writes nothing and ends the transaction with that error.
template <typename T>
using Attempt = std::function<Result<Commit<T>>(Connection& connection)>;

/// Stops watching unless EXEC ran (EXEC, even an aborted one, ends every WATCH): so no path
/// out of an attempt — an error, nothing to write, or an exception — leaves a pooled connection
/// watching keys. A connection that fails here lost its watches with its socket.
class WatchGuard final {
 public:
  explicit WatchGuard(Connection& connection) : connection_(connection) {}
  ~WatchGuard();
  WatchGuard(const WatchGuard&) = delete;
  WatchGuard& operator=(const WatchGuard&) = delete;
  /// EXEC is about to run: nothing left to undo.
  void Disarm() { armed_ = false; }

 private:
  Connection& connection_;
  bool armed_ = true;
};

/// An optimistic transaction (WATCH … MULTI/EXEC): runs `attempt` and its writes, again while a
/// watched key changed between the read and EXEC, at most `max_attempts` times; then `conflict`.
/// The one place the WATCH/UNWATCH/retry protocol is written (style: no hand-written UNWATCH paths).
template <typename T>
[[nodiscard]] Result<T> WatchedTransaction(Connection& connection, const Attempt<T>& attempt, int max_attempts,
                                           const Error& conflict) {
  for (int round = 0; round < max_attempts; ++round) {
    WatchGuard guard(connection);
    Result<Commit<T>> decided = attempt(connection);
    if (!decided.ok()) {
      return decided.error();
    }
    Commit<T> commit = std::move(decided).value();
    if (commit.writes.empty()) {
      return std::move(commit.value);
    }
    guard.Disarm();
    if (!connection.Transaction(commit.writes).IsNil()) {
      return std::move(commit.value);
    }
  }
  return conflict;
}

}  // namespace careloop::redis
